/**
 * Where to cut a big CSV file so that several threads can read it at once. A cut goes just after
 * a line end that looks like a record boundary — the lines on both sides hold an even number of
 * quotes, so the cut is not inside a quoted field that spans lines. That is a guess, not a proof:
 * the thread that reads the part before a cut reports whether its text ended inside quotes, and
 * the run then reads the file whole instead (run/parallel-jobs.ts).
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { ByteRange } from './byte-source.js';
import { offsetOfLine } from './csv/chunk-tape.js';
import { countLineEnds } from './text-position.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Bytes read around a planned cut to find a boundary: lines are far shorter than this. */
const WINDOW_BYTES = 256 * 1024;
/** Bytes read at the file's start to find where the sample ends (1,000 records), at most. */
const PREFIX_BYTES = 16 * 1024 * 1024;
const FIRST_WINDOW_BYTES = 256 * 1024;
/** Bytes counted at a time when numbering the lines before each cut. */
export const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

export interface SplitPlan {
  /** The line the first record after the reader's sample starts on: later parts re-read up to it. */
  lineAfterSample: number;
  parts: number;
}

/** The parts of the file, in order, or undefined when it cannot be cut (too small, no boundary found). */
export async function planFileParts(path: string, plan: SplitPlan): Promise<ByteRange[] | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const prefixEnd = await findLineStart(handle, plan.lineAfterSample, Math.min(size, PREFIX_BYTES));
    if (prefixEnd === undefined) return undefined;
    const cuts: number[] = [];
    for (let k = 1; k < plan.parts; k++) {
      const after = Math.max(prefixEnd, cuts[cuts.length - 1] ?? 0, Math.floor((k * size) / plan.parts));
      const cut = await findBoundary(handle, after, size);
      if (cut !== undefined && cut > (cuts[cuts.length - 1] ?? prefixEnd) && cut < size) cuts.push(cut);
    }
    if (cuts.length === 0) return undefined;
    // The parts' first lines are left for the threads reading them to count (`linesBefore`): the
    // first part then starts at once instead of after counting the lines before the cut (bench/RESULTS.md, "Lines before a cut").
    const starts = [0, ...cuts];
    return starts.map((start, i) => ({
      start,
      end: cuts[i] ?? size,
      prefixEnd: start === 0 ? 0 : prefixEnd,
      ...(start === 0 ? { firstLine: 1 } : {}),
    }));
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Where `line` starts, read in growing windows: the sample's 1,000 records are usually ~100 KB, not the 16 MiB allowed. */
async function findLineStart(handle: FileHandle, line: number, within: number): Promise<number | undefined> {
  for (let length = Math.min(within, FIRST_WINDOW_BYTES); ; length = Math.min(within, length * 4)) {
    const bytes = await readAt(handle, 0, length);
    // An offset at the window's end may be a CR whose LF lies past it: read on.
    const offset = offsetOfLine(bytes, 1, 0, line);
    if (offset < bytes.length) return offset;
    if (length === within || bytes.length < length) return undefined;
  }
}

/** The first offset at or after `from` just past an LF whose neighbouring lines hold even numbers of quotes. */
async function findBoundary(handle: FileHandle, from: number, size: number): Promise<number | undefined> {
  const windowStart = Math.max(0, from - WINDOW_BYTES);
  const bytes = await readAt(handle, windowStart, Math.min(size - windowStart, 2 * WINDOW_BYTES));
  let lineStart = bytes.indexOf(LF, from - windowStart);
  if (lineStart === -1) return undefined;
  let previousStart = bytes.lastIndexOf(LF, lineStart - 1) + 1;
  for (lineStart += 1; lineStart < bytes.length;) {
    const lineEnd = bytes.indexOf(LF, lineStart);
    if (lineEnd === -1) return undefined;
    if (previousStart > 0 && hasEvenQuotes(bytes, previousStart, lineStart) && hasEvenQuotes(bytes, lineStart, lineEnd))
      return windowStart + lineStart;
    previousStart = lineStart;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function hasEvenQuotes(bytes: Buffer, start: number, end: number): boolean {
  let count = 0;
  for (let at = bytes.indexOf(QUOTE, start); at !== -1 && at < end; at = bytes.indexOf(QUOTE, at + 1)) count += 1;
  return count % 2 === 0;
}

/** How many lines a file has (a final line break starts no line), and its size in bytes. */
export async function countFileLines(path: string): Promise<{ lines: number; size: number }> {
  const handle = await open(path, 'r');
  let size: number;
  let last: Buffer;
  try {
    size = (await handle.stat()).size;
    last = await readAt(handle, Math.max(0, size - 1), Math.min(1, size));
  } finally {
    await handle.close();
  }
  const after = await linesBefore(path, size);
  return { lines: last[0] === LF || last[0] === CR ? after - 1 : after, size };
}

/**
 * The line the byte at `offset` of a file is on, when the byte before it ends a line (a cut): one
 * more than the line ends before it. The next chunk is read while this one is counted, into two
 * buffers used in turn (bench/RESULTS.md, "Lines before a cut").
 */
export async function linesBefore(path: string, offset: number): Promise<number> {
  if (offset <= 0) return 1;
  const handle = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(SCAN_CHUNK_BYTES), Buffer.allocUnsafe(SCAN_CHUNK_BYTES)] as const;
    const readAhead = async (turn: number, position: number): Promise<Buffer> => {
      const buffer = buffers[turn % 2] as Buffer;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, offset - position), position);
      return buffer.subarray(0, bytesRead);
    };
    let line = 1;
    let position = 0;
    let before: number | undefined;
    for (let turn = 0, next = readAhead(0, 0); position < offset;) {
      const chunk = await next;
      if (chunk.length === 0) break;
      position += chunk.length;
      turn += 1;
      if (position < offset) next = readAhead(turn, position);
      line += countLineEnds(chunk, before);
      before = chunk[chunk.length - 1];
    }
    return line;
  } finally {
    await handle.close();
  }
}
