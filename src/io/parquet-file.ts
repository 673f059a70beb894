/**
 * A Parquet file as the random-access buffer hyparquet reads: a regular file is read in place by
 * byte ranges; standard input or a pipe is first copied to a temporary file (Parquet's index is
 * at its end, so nothing can be read before the last byte has come), removed when the file is
 * released or the run is interrupted.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AsyncBuffer } from 'hyparquet';
import { InputError } from '../errors.js';
import { describeFsError } from './byte-source.js';
import { trackTemporary, untrackTemporary } from './temp-files.js';

export interface ParquetFile {
  buffer: AsyncBuffer;
  size: number;
  /** Closes the file (and removes a spooled copy). Safe to call more than once. */
  release: () => void;
}

/** A regular file, opened for reads of byte ranges (sync reads, as byte-source.ts explains). */
export function openParquetFile(path: string, name: string): ParquetFile {
  const fd = attempt(name, () => openSync(path, 'r'));
  let isOpen = true;
  const size = attempt(name, () => fstatSync(fd).size);
  return {
    size,
    buffer: {
      byteLength: size,
      // A failure is a rejected promise, never a throw: hyparquet starts the reads of a row
      // group's chunks in a loop, and a throw there would leave the earlier reads unobserved.
      slice: (start, end = size) => {
        try {
          if (!isOpen) throw new Error('parquet file: read after release');
          return readRange(name, fd, start, end);
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    },
    release: () => {
      if (!isOpen) return;
      isOpen = false;
      closeSync(fd);
    },
  };
}

/**
 * Copies a stream (standard input, a pipe) to a temporary file and opens that; `chunks` start
 * with the bytes already peeked to sniff the format.
 */
export async function spoolParquet(name: string, chunks: AsyncIterable<Buffer>): Promise<ParquetFile> {
  const folder = await mkdtemp(join(tmpdir(), 'xla-parquet-')).catch((error: unknown) => {
    throw spoolError(error);
  });
  trackTemporary(folder);
  const remove = (): void => {
    void rm(folder, { recursive: true, force: true }).finally(() => untrackTemporary(folder));
  };
  const path = join(folder, 'input.parquet');
  try {
    await writeFile(path, chunks).catch((error: unknown) => {
      throw error instanceof InputError ? error : spoolError(error);
    });
    const file = openParquetFile(path, name);
    return {
      ...file,
      release: () => {
        file.release();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The bytes [start, end) of an open file, read synchronously (byte-source.ts says why). */
function readRange(name: string, fd: number, start: number, end: number): ArrayBuffer {
  const bytes = new Uint8Array(Math.max(0, end - start));
  let at = 0;
  while (at < bytes.length) {
    const read = attempt(name, () => readSync(fd, bytes, at, bytes.length - at, start + at));
    if (read === 0) throw new InputError(`cannot read ${name}: the file shrank while it was read`, { file: name });
    at += read;
  }
  return bytes.buffer;
}

function attempt<R>(name: string, run: () => R): R {
  try {
    return run();
  } catch (error) {
    throw new InputError(`cannot read ${name}: ${describeFsError(error)}`, { file: name });
  }
}

function spoolError(error: unknown): InputError {
  const folder = tmpdir();
  return new InputError(`cannot copy Parquet input to ${folder}: ${describeFsError(error)}`, {
    file: folder,
    hint: 'Parquet from standard input is copied to a temporary file first: set TMPDIR to a folder with room, or pass the file by name',
  });
}
