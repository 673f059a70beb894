import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { openSource } from '../../src/io/open-source.js';
import type { ReadLimits } from '../../src/io/open-source.js';
import type { OpenedSource, RawRecord, ReadOptions } from '../../src/io/types.js';

export const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/io/${name}`, import.meta.url));

/** The bytes of `content` in `chunkSize`-byte pieces (one piece for Infinity), to exercise chunk boundaries. */
export function chunksOf(content: string | Uint8Array, chunkSize = Infinity): Buffer[] {
  const bytes = Buffer.from(content);
  const chunks: Buffer[] = [];
  const size = Math.min(chunkSize, Math.max(bytes.length, 1));
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** Feeds `content` through stdin in `chunkSize`-byte pieces, to exercise chunk boundaries. */
export function openStdin(
  content: string | Uint8Array,
  options: ReadOptions = {},
  chunkSize = Infinity,
  limits: ReadLimits = {},
): Promise<OpenedSource> {
  return openSource({ path: '-', stdin: Readable.from(chunksOf(content, chunkSize)) }, options, limits);
}

export async function collect(records: AsyncIterable<RawRecord>): Promise<RawRecord[]> {
  const all: RawRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

export async function readAll(source: OpenedSource): Promise<{ columns: string[]; records: RawRecord[] }> {
  return { columns: source.columns, records: await collect(source.records) };
}

/** Opens and reads everything; errors in the first records surface from openSource, later ones from iterating. */
export async function readStdin(
  content: string | Uint8Array,
  options: ReadOptions = {},
  chunkSize = Infinity,
  limits: ReadLimits = {},
): Promise<RawRecord[]> {
  return collect((await openStdin(content, options, chunkSize, limits)).records);
}

export async function catchError(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** The records read before the read failed, and the error (undefined when it did not fail). */
export async function readUntilError(source: OpenedSource | Promise<OpenedSource>): Promise<{ records: RawRecord[]; error: unknown }> {
  const records: RawRecord[] = [];
  try {
    for await (const record of (await source).records) records.push(record);
  } catch (error) {
    return { records, error };
  }
  return { records, error: undefined };
}
