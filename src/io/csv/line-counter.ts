import { countLineEnds } from '../text-position.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns byte offsets of a stream into line numbers as the bytes pass by: chunks are added as
 * they go to the parser and dropped once counted, so only the bytes between the last question
 * and the parser's read-ahead are held. CR LF, LF and a lone CR each end a line, as in
 * text-position.ts. Offsets asked about must not decrease.
 */
export class LineCounter {
  readonly #chunks: Buffer[] = [];
  /** Offset of the first byte not counted yet, and where it is in `#chunks[0]`. */
  #offset = 0;
  #inChunk = 0;
  #line: number;
  #previousByte: number | undefined;

  constructor(firstLine = 1) {
    this.#line = firstLine;
  }

  add(chunk: Buffer): void {
    if (chunk.length > 0) this.#chunks.push(chunk);
  }

  /** The line the byte at `offset` is on (past the bytes added so far: the line the last one is on, or after). */
  lineAt(offset: number): number {
    while (this.#offset < offset) {
      const chunk = this.#chunks[0];
      if (chunk === undefined) break;
      const end = Math.min(chunk.length, this.#inChunk + (offset - this.#offset));
      this.#line += countLineEnds(chunk.subarray(this.#inChunk, end), this.#previousByte);
      this.#previousByte = chunk[end - 1];
      this.#offset += end - this.#inChunk;
      if (end === chunk.length) {
        this.#chunks.shift();
        this.#inChunk = 0;
      } else {
        this.#inChunk = end;
      }
    }
    return this.#line;
  }

  /** The byte just before `offset`, once `lineAt(offset)` has counted up to it (else undefined). */
  byteBefore(offset: number): number | undefined {
    return this.#offset === offset ? this.#previousByte : undefined;
  }

  /** The last line of everything added: a final line break does not start a line of its own. */
  lastLine(): number {
    const line = this.lineAt(Infinity);
    return this.#previousByte === LF || this.#previousByte === CR ? line - 1 : line;
  }
}
