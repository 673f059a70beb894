import type { FileHandle } from 'node:fs/promises';
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** The name of standard input in messages and reports, and the path that selects it. */
const STDIN_NAME = 'stdin';
const STDIN_PATH = '-';

/** How much of the start of an input sniffing may hold in memory before deciding with what it has. */
const PEEK_LIMIT_BYTES = 1024 * 1024;

export interface SourceInput {
  path: string;
  stdin?: NodeJS.ReadableStream;
  /** Read only part of the file (another thread reads the rest); see ByteRange. */
  range?: ByteRange | undefined;
}

/**
 * A part of a CSV file for one thread: the records of bytes [start, end). A part after the first
 * is read after the file's own start up to `prefixEnd` (the header and the sample the column
 * formats are learnt from, as the whole file's reader learnt them); its records then start on
 * line `firstLine`. `start` and `prefixEnd` are record boundaries (just after a line end).
 */
export interface ByteRange {
  start: number;
  end: number;
  prefixEnd: number;
  /** The line `start` is on; when undefined, the reader of the part counts it (split-file.ts `linesBefore`). */
  firstLine?: number | undefined;
}

/** How far reading has got, for a progress line: updated as chunks arrive. */
export interface ReadProgress {
  bytesRead: number;
  /** The file's size; undefined for standard input. */
  totalBytes: number | undefined;
}

export interface ByteSource {
  /** The path as the user gave it, or `stdin`. */
  name: string;
  progress: ReadProgress;
  /** The bytes, streamed; iterate once. Read failures surface as InputError. */
  chunks: AsyncIterable<Buffer>;
  /** Frees the file handle of a source abandoned before its end. */
  release: () => void;
}

/** Opens a file (or stdin for `-`) as a byte stream; a missing file or a directory is an InputError. */
export async function openByteSource(input: SourceInput): Promise<ByteSource> {
  if (input.path === STDIN_PATH) {
    if (input.stdin === undefined) throw new Error('openByteSource: path "-" needs a stdin stream');
    const progress: ReadProgress = { bytesRead: 0, totalBytes: undefined };
    return { name: STDIN_NAME, progress, chunks: readChunks(input.stdin, STDIN_NAME, progress), release: () => undefined };
  }
  const file = await openReadableFile(input.path);
  if (file.size === undefined) {
    // A pipe (`<(zcat export.csv.gz)`) or a device: read in order, size unknown, never cut in parts.
    const stream = file.handle.createReadStream();
    const progress: ReadProgress = { bytesRead: 0, totalBytes: undefined };
    return { name: input.path, progress, chunks: readChunks(stream, input.path, progress), release: () => stream.destroy() };
  }
  const range = input.range;
  // A later part reads the file's start up to prefixEnd here; its own bytes come from readPart.
  const end = range === undefined ? file.size : range.start === 0 ? range.end : range.prefixEnd;
  const progress: ReadProgress = {
    bytesRead: 0,
    totalBytes: range === undefined || range.start === 0 ? end : end + range.end - range.start,
  };
  return { name: input.path, progress, chunks: readFileBytes(file, 0, end, progress), release: () => void file.close() };
}

/** The bytes [start, end) of a file, counted into `progress`. */
export async function* readPart(path: string, range: ByteRange, progress: ReadProgress): AsyncGenerator<Buffer> {
  yield* readFileBytes(await openReadableFile(path), range.start, range.end, progress);
}

/** An open file: its size is undefined when it is not a regular file (a pipe, a device). */
interface ReadableFile {
  path: string;
  handle: FileHandle;
  size: number | undefined;
  /** Closes the handle; later calls do nothing. */
  close: () => Promise<void>;
}

async function openReadableFile(path: string): Promise<ReadableFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw toReadError(error, path);
  }
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw toReadError(error, path);
  });
  if (stats.isDirectory()) {
    await handle.close();
    throw new InputError(`cannot read ${path}: is a directory`, { file: path });
  }
  let closing: Promise<void> | undefined;
  return { path, handle, size: stats.isFile() ? stats.size : undefined, close: () => (closing ??= handle.close().catch(() => undefined)) };
}

/**
 * Bytes read in one go, the size that measured best (bench/RESULTS.md, "Chunk size"): with
 * bigger chunks each batch of rows lives long enough to be copied by the young GC.
 */
const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes [start, end) of a regular file, read with readSync, a turn of the event loop before
 * each chunk (the progress line, worker messages). fs.promises reads go through libuv's thread
 * pool: with every core busy scoring, a thread then waited for a pool thread to get a core, and
 * sync reads of a file in the page cache made a run on two threads faster (bench/RESULTS.md,
 * "Sync reads"). Each chunk is a fresh buffer: the chunk tape keeps recent ones. A file
 * that grows while it is read is read up to the size it had when opened, as its parts are.
 */
async function* readFileBytes(file: ReadableFile, start: number, end: number, progress: ReadProgress): AsyncGenerator<Buffer> {
  try {
    for (let at = start; at < end;) {
      await new Promise((resolve) => setImmediate(resolve));
      const buffer = Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, end - at));
      let bytesRead: number;
      try {
        bytesRead = readSync(file.handle.fd, buffer, 0, buffer.length, at);
      } catch (error) {
        throw toReadError(error, file.path);
      }
      // The file shrank while it was read: what is there is all there is.
      if (bytesRead === 0) return;
      at += bytesRead;
      progress.bytesRead += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

async function* readChunks(stream: AsyncIterable<string | Buffer>, name: string, progress: ReadProgress): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      progress.bytesRead += bytes.length;
      yield bytes;
    }
  } catch (error) {
    throw error instanceof InputError ? error : toReadError(error, name);
  }
}

const FS_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a folder in the path is a file',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EPIPE: 'the reader closed the pipe',
};

function toReadError(error: unknown, name: string): InputError {
  return new InputError(`cannot read ${name}: ${describeFsError(error)}`, { file: name });
}

/** A Node fs error's code (`ENOENT`, `EACCES`…), or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * A Node fs error in words (`no space left on device`), never `ENOSPC: …, write 'path'`: without
 * its code, the call that failed or the path, which the message around it names as the user gave it.
 */
export function describeFsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  const words = code === undefined ? undefined : FS_ERROR_WORDS[code];
  const message = error.message.replace(/^[A-Z]+: /, '');
  // Node's fs errors end in `, syscall 'path'`; other messages are kept whole.
  return words ?? ('syscall' in error ? message.replace(/, [a-z]+( '.*')?$/, '') : message);
}

export interface PeekedBytes {
  /** The start of the input (or all of it). */
  bytes: Buffer;
  /** True when `bytes` is the whole input. */
  isWhole: boolean;
}

export interface PeekedText {
  /** The start of the input (or all of it), decoded as UTF-8; a character cut at the end decodes as U+FFFD. */
  text: string;
  /** True when `text` is the whole input. */
  isWhole: boolean;
}

/**
 * Lets sniffing look at the start of a stream and then hands the untouched bytes to a parser:
 * the peeked chunks are replayed first, then the rest of the stream, so nothing is read twice
 * and the input is never held whole.
 */
export class PeekableBytes {
  readonly #source: AsyncIterator<Buffer>;
  readonly #peeked: Buffer[] = [];
  #peekedLength = 0;
  #isAtEnd = false;
  #isReplayed = false;

  constructor(chunks: AsyncIterable<Buffer>) {
    this.#source = chunks[Symbol.asyncIterator]();
  }

  /**
   * Reads until `isEnough` holds for the prefix, the input ends, or `limit` bytes are held. The
   * prefix is re-checked only after it has doubled, so tiny chunks do not make this quadratic.
   */
  async peekBytes(isEnough: (bytes: Buffer) => boolean, limit = PEEK_LIMIT_BYTES): Promise<PeekedBytes> {
    let bytes = this.#concatPeeked();
    while (!this.#isAtEnd && this.#peekedLength < limit && !isEnough(bytes)) {
      const checkedLength = this.#peekedLength;
      do await this.#readChunk();
      while (!this.#isAtEnd && this.#peekedLength < Math.min(2 * checkedLength, limit));
      bytes = this.#concatPeeked();
    }
    return { bytes, isWhole: this.#isAtEnd };
  }

  /** peekBytes for a UTF-8 prefix. */
  async peekText(isEnough: (text: string) => boolean, limit = PEEK_LIMIT_BYTES): Promise<PeekedText> {
    const { bytes, isWhole } = await this.peekBytes((prefix) => isEnough(prefix.toString('utf8')), limit);
    return { text: bytes.toString('utf8'), isWhole };
  }

  /** The peeked bytes, then the rest of the stream, leaving out the first `skip` bytes (all peeked). Once only. */
  async *replay(skip = 0): AsyncGenerator<Buffer> {
    if (this.#isReplayed) throw new Error('PeekableBytes.replay() can run once');
    if (skip > this.#peekedLength) throw new Error('PeekableBytes.replay() can only skip peeked bytes');
    this.#isReplayed = true;
    let toSkip = skip;
    try {
      for (const chunk of this.#peeked.splice(0)) {
        if (toSkip >= chunk.length) {
          toSkip -= chunk.length;
          continue;
        }
        yield toSkip === 0 ? chunk : chunk.subarray(toSkip);
        toSkip = 0;
      }
      if (this.#isAtEnd) return;
      yield* { [Symbol.asyncIterator]: () => this.#source };
    } finally {
      // A consumer that stops while still in the peeked chunks must close the stream too
      // (yield* only forwards the stop once it has started delegating).
      await this.#source.return?.();
    }
  }

  async #readChunk(): Promise<void> {
    const next = await this.#source.next();
    if (next.done === true) {
      this.#isAtEnd = true;
      return;
    }
    this.#peeked.push(next.value);
    this.#peekedLength += next.value.length;
  }

  /** One buffer of the peeked chunks, kept as the only chunk so later peeks do not copy them again. */
  #concatPeeked(): Buffer {
    if (this.#peeked.length <= 1) return this.#peeked[0] ?? Buffer.alloc(0);
    const whole = Buffer.concat(this.#peeked);
    this.#peeked.splice(0, this.#peeked.length, whole);
    return whole;
  }
}
