/**
 * Spools: values written to a temporary file as they come and read back later, in order, one
 * JSON line each. A parallel run with `--rejects` spools each part's rejected rows (in
 * $TMPDIR, as sort(1) does) until the parts before it have been written out, instead of holding
 * them in memory.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError } from './byte-source.js';
import { TextBlocks, writeAllSync } from './output-file.js';
import { trackTemporary, untrackTemporary } from './temp-files.js';

/** Bytes read back at a time. */
const READ_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** A folder for the spools of one run, removed with them by `removeSpoolFolder` or an interrupted run. */
export async function makeSpoolFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'xla-spool-')).catch((error: unknown) => {
    throw spoolError(error);
  });
  trackTemporary(folder);
  return folder;
}

export async function removeSpoolFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  untrackTemporary(folder);
}

export interface SpoolWriter<T> {
  append: (value: T) => void;
  close: () => void;
}

/** A new spool file at `path` (in a folder from makeSpoolFolder; any thread may write one). */
export function openSpool<T>(path: string): SpoolWriter<T> {
  const fd = attempt(() => openSync(path, 'wx'));
  const blocks = new TextBlocks((text) => writeAllSync(fd, text));
  return {
    append: (value) => attempt(() => blocks.write(`${JSON.stringify(value)}\n`)),
    close: () => {
      try {
        attempt(() => blocks.flush());
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The values of a spool, in the order they were appended. */
export function* readSpool<T>(path: string): Generator<T> {
  const fd = attempt(() => openSync(path, 'r'));
  try {
    let buffer = Buffer.alloc(READ_BYTES);
    let held = 0;
    for (
      let bytes = readSync(fd, buffer, held, buffer.length - held, null);
      bytes > 0;
      bytes = readSync(fd, buffer, held, buffer.length - held, null)
    ) {
      const filled = held + bytes;
      // JSON escapes every control character, so a newline byte ends a value: decoding up to the
      // last one never cuts a character, and the bytes after it are kept for the next read.
      const end = buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      // Written by openSpool from values of type T in this same run.
      for (const line of buffer.toString('utf8', 0, end).split('\n').slice(0, -1)) yield JSON.parse(line) as T;
      held = filled - end;
      buffer.copy(buffer, 0, end, filled);
      // A value longer than the buffer: make room for it.
      if (held === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
    }
  } finally {
    closeSync(fd);
  }
}

function attempt<R>(run: () => R): R {
  try {
    return run();
  } catch (error) {
    throw spoolError(error);
  }
}

function spoolError(error: unknown): InputError {
  const folder = tmpdir();
  return new InputError(`cannot write a temporary file in ${folder}: ${describeFsError(error)}`, {
    file: folder,
    hint: 'set TMPDIR to a folder with more room, or use --jobs 1 (one thread spools nothing)',
  });
}
