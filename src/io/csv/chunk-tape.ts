/**
 * The chunks of a stream on their way to a parser, with the recent ones kept so that reading can
 * start again from a given line: the fast CSV path hands over to the exact one at the first
 * malformed record, from that record's first line, without reading the source twice.
 *
 * Only the chunks from the start of the line last `release`d onwards are held — in practice the
 * parser's read-ahead, a few chunks.
 */

import { countLineEnds } from '../text-position.js';

const LF = 0x0a;
const CR = 0x0d;

interface HeldChunk {
  bytes: Buffer;
  /** The line its first byte is on. */
  line: number;
  /** The byte before it (a CR LF may be split between chunks). */
  before: number | undefined;
}

export class ChunkTape {
  readonly #source: AsyncIterator<Buffer>;
  readonly #held: HeldChunk[] = [];
  #nextLine: number;
  #lastByte: number | undefined;
  #isStopped = false;
  readonly #played: Promise<void>;
  #markPlayed: () => void = () => undefined;

  constructor(chunks: AsyncIterable<Buffer>, firstLine: number) {
    this.#source = chunks[Symbol.asyncIterator]();
    this.#nextLine = firstLine;
    this.#played = new Promise((resolve) => {
      this.#markPlayed = resolve;
    });
  }

  /**
   * The chunks for the parser, each held before it is passed on. Ends without closing the source
   * once `stop` is called, so that `replayFrom` can go on reading it.
   */
  async *play(): AsyncGenerator<Buffer> {
    try {
      while (!this.#isStopped) {
        const next = await this.#source.next();
        if (next.done === true) return;
        const bytes = next.value;
        if (bytes.length === 0) continue;
        this.#held.push({ bytes, line: this.#nextLine, before: this.#lastByte });
        this.#nextLine += countLineEnds(bytes, this.#lastByte);
        this.#lastByte = bytes[bytes.length - 1];
        if (this.#isStopped) return;
        yield bytes;
      }
    } finally {
      this.#markPlayed();
    }
  }

  stop(): void {
    this.#isStopped = true;
  }

  /** The line of the last byte played (a final line break starts no line). */
  lastLine(): number {
    return this.#lastByte === LF || this.#lastByte === CR ? this.#nextLine - 1 : this.#nextLine;
  }

  /** Settles once `play` has ended (after `stop`, once its consumer is destroyed). */
  finished(): Promise<void> {
    return this.#played;
  }

  /** Nothing before `line` will be asked for again: drops the chunks that end before it starts. */
  release(line: number): void {
    while (this.#held.length > 1 && (this.#held[1] as HeldChunk).line < line) this.#held.shift();
  }

  /**
   * The bytes from the start of `line` on: the held ones, then the rest of the source. Call once,
   * after `stop` and after the player has finished (so that no chunk is in flight).
   */
  async *replayFrom(line: number): AsyncGenerator<Buffer> {
    const first = this.#held.findIndex((chunk, i) => chunk.line <= line && (this.#held[i + 1]?.line ?? Infinity) >= line);
    if (first >= 0) {
      const held = this.#held.splice(0).slice(first);
      const start = held[0] as HeldChunk;
      const bytes = Buffer.concat(held.map((chunk) => chunk.bytes));
      yield bytes.subarray(offsetOfLine(bytes, start.line, lineStartIn(start), line));
    }
    for (let next = await this.#source.next(); next.done !== true; next = await this.#source.next()) yield next.value;
  }

  /** Closes the source early (reading was abandoned). */
  async close(): Promise<void> {
    await this.#source.return?.();
  }
}

/**
 * The offset in `bytes` where `line` starts, given the line of its first byte and where that
 * line's own text begins: after the break that ends the line before it (a CR LF counts once).
 */
export function offsetOfLine(bytes: Buffer, firstLine: number, firstAt: number, line: number): number {
  let current = firstLine;
  let at = firstAt;
  while (current < line && at < bytes.length) {
    const code = bytes[at];
    at += 1;
    if (code === LF || (code === CR && bytes[at] !== LF)) current += 1;
  }
  return at;
}

/** Where a held chunk's first line's text begins: after an LF that completes the CR before it. */
function lineStartIn(chunk: HeldChunk): number {
  return chunk.bytes[0] === LF && chunk.before === CR ? 1 : 0;
}
