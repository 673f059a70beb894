/**
 * A partial (`xla score --partial`) read back for `xla merge`: the file (or standard input) as
 * UTF-8 JSON. Checking that it is an xla-partial/1 document, and decoding it, is run/partial.ts's
 * job; here a file that cannot be read, is not UTF-8 or is not JSON (with its line and column) is
 * an InputError naming it: exit 2.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { describeFsError } from './byte-source.js';
import { ENDS_EARLY, findJsonSyntaxError } from './json-values.js';
import { locateOffset } from './text-position.js';
import { STDIN_NAME } from './read-report.js';

/** How a refusal of a partial tells the user to make one. */
export const MAKE_PARTIAL_HINT = 'make partials with xla score --partial -o part.json (the same settings for every part)';

/** A partial's file as parsed JSON; `file` is how messages name it. */
export interface PartialText {
  file: string;
  /** The text as read: the tie-break of the merge's canonical order (run/partial.ts). */
  text: string;
  data: unknown;
}

export async function readPartialText(path: string, stdin: NodeJS.ReadableStream): Promise<PartialText> {
  const file = path === '-' ? STDIN_NAME : path;
  const bytes = path === '-' ? await readStream(stdin) : await readBytes(path);
  const text = decodeUtf8(bytes, file);
  return { file, text, data: parseJson(text, file) };
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    if ((await stat(path)).isDirectory()) throw new InputError(`${path}: cannot read the partial (it is a folder)`, { file: path });
    return await readFile(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot read the partial (${describeFsError(error)})`, { file: path });
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: not an xla partial: the file is not UTF-8 text`, { file, hint: MAKE_PARTIAL_HINT });
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text);
    const known = syntax === undefined || syntax === ENDS_EARLY ? undefined : syntax;
    const reason =
      syntax === ENDS_EARLY ? 'the file ends too early' : (known?.what ?? (error instanceof Error ? error.message : String(error)));
    const { line, column } = locateOffset(text, known?.index ?? text.length);
    throw new InputError(`not an xla partial: invalid JSON: ${reason}`, { file, line, column, hint: MAKE_PARTIAL_HINT });
  }
}
