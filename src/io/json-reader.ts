import { TokenParser, Tokenizer, TokenizerError, TokenParserError } from '@streamparser/json';
import type { ParsedElementInfo } from '@streamparser/json';
import { InputError } from '../errors.js';
import { describeJsonType, isJsonObject, layOutKeyedRecords } from './keyed-records.js';
import type { KeyedRecord } from './keyed-records.js';
import type { ParsedSource } from './types.js';

/**
 * Streams a JSON document that is an array of objects, or an object holding one (`{"data": [...]}`:
 * the first property whose array starts with an object). Columns: see layOutKeyedRecords.
 * Records have no line (`line` undefined) and are numbered by their place in the array.
 */
export async function readJson(name: string, chunks: AsyncIterable<Buffer>): Promise<ParsedSource> {
  return layOutKeyedRecords(streamJsonRecords(name, chunks));
}

async function* streamJsonRecords(name: string, chunks: AsyncIterable<Buffer>): AsyncGenerator<KeyedRecord> {
  let reader: JsonRecordParser | undefined;
  const beforeRoot: Buffer[] = [];
  for await (const chunk of chunks) {
    if (reader !== undefined) {
      yield* reader.write(chunk);
      continue;
    }
    beforeRoot.push(chunk);
    const prefix = Buffer.concat(beforeRoot);
    const rootByte = findRootByte(prefix);
    if (rootByte === undefined) continue;
    reader = new JsonRecordParser(name, toRootShape(rootByte, name), hasBom(prefix));
    for (const held of beforeRoot.splice(0)) yield* reader.write(held);
  }
  if (reader === undefined) throw new InputError(`${name} is empty`, { file: name });
  reader.end();
}

const BOM_BYTES = Buffer.from([0xef, 0xbb, 0xbf]);
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

function hasBom(bytes: Buffer): boolean {
  return bytes.subarray(0, BOM_BYTES.length).equals(BOM_BYTES);
}

function findRootByte(bytes: Buffer): number | undefined {
  const start = hasBom(bytes) ? BOM_BYTES.length : 0;
  for (let i = start; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte !== undefined && !JSON_WHITESPACE.has(byte)) return byte;
  }
  return undefined;
}

type RootShape = 'array' | 'object';

function toRootShape(rootByte: number, name: string): RootShape {
  if (rootByte === 0x5b) return 'array';
  if (rootByte === 0x7b) return 'object';
  throw new InputError(`${name} is neither a JSON array of objects nor an object holding one`, {
    file: name,
    hint: NO_ARRAY_HINT,
  });
}

const NO_ARRAY_HINT = 'xla reads [{...}, {...}] or {"data": [{...}, {...}]}';

/**
 * Feeds bytes to @streamparser/json and collects the array's elements as they complete. The
 * paths keep memory flat: `$.*` emits the elements of a root array, `$.*.*` the elements of the
 * arrays under a root object; `keepStack: false` drops each element once emitted.
 */
class JsonRecordParser {
  readonly #name: string;
  readonly #shape: RootShape;
  readonly #bomLength: number;
  readonly #tokenizer = new Tokenizer();
  readonly #parser: TokenParser;
  readonly #lines = new ByteLines();
  readonly #skippedKeys = new Set<string>();
  #chosenKey: string | undefined;
  #lastTokenOffset = 0;
  #ready: KeyedRecord[] = [];

  constructor(name: string, shape: RootShape, hasBom: boolean) {
    this.#name = name;
    this.#shape = shape;
    this.#bomLength = hasBom ? BOM_BYTES.length : 0;
    this.#parser = new TokenParser({ paths: [shape === 'array' ? '$.*' : '$.*.*'], keepStack: false });
    this.#tokenizer.onToken = (token) => {
      this.#lastTokenOffset = token.offset;
      this.#parser.write(token);
    };
    this.#parser.onValue = (info) => this.#acceptValue(info);
  }

  /** Records completed by this chunk. */
  write(chunk: Buffer): KeyedRecord[] {
    this.#lines.advanceTo(chunk);
    try {
      this.#tokenizer.write(chunk);
    } catch (error) {
      throw this.#toInputError(error);
    }
    const ready = this.#ready;
    this.#ready = [];
    return ready;
  }

  end(): void {
    try {
      this.#tokenizer.end();
    } catch (error) {
      throw this.#toInputError(error);
    }
    if (!this.#parser.isEnded) throw this.#unexpectedEnd();
    if (this.#shape === 'object' && this.#chosenKey === undefined) {
      throw new InputError(`${this.#name} holds no array of objects`, { file: this.#name, hint: NO_ARRAY_HINT });
    }
  }

  #acceptValue({ value, key, parent, stack }: ParsedElementInfo): void {
    if (!Array.isArray(parent) || typeof key !== 'number') return;
    if (this.#shape === 'array') {
      if (stack.length === 1) this.#acceptElement(value, key, undefined);
      return;
    }
    const owner = stack[1]?.key;
    if (stack.length !== 2 || typeof owner !== 'string' || !this.#isChosenArray(owner, value)) return;
    this.#acceptElement(value, key, owner);
  }

  /** The first array under the root whose first element is an object is the one read. */
  #isChosenArray(owner: string, element: unknown): boolean {
    if (this.#chosenKey !== undefined) return owner === this.#chosenKey;
    if (this.#skippedKeys.has(owner)) return false;
    if (!isJsonObject(element)) {
      this.#skippedKeys.add(owner);
      return false;
    }
    this.#chosenKey = owner;
    return true;
  }

  #acceptElement(value: unknown, key: number, owner: string | undefined): void {
    const index = key + 1;
    if (!isJsonObject(value)) {
      const array = owner === undefined ? 'the array' : `"${owner}"`;
      throw new InputError(`element ${index} of ${array} is not an object (got ${describeJsonType(value)})`, {
        file: this.#name,
      });
    }
    this.#ready.push({ line: undefined, index, fields: new Map(Object.entries(value)) });
  }

  #toInputError(error: unknown): unknown {
    if (error instanceof InputError) return error;
    if (error instanceof TokenizerError) {
      if (/ended in the middle/.test(error.message)) return this.#unexpectedEnd();
      const match = /^Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/s.exec(error.message);
      if (match?.[1] !== undefined && match[2] !== undefined) {
        return this.#syntaxError(`unexpected ${JSON.stringify(match[1])}`, Number(match[2]));
      }
    }
    if (error instanceof TokenParserError) {
      const match = /^Unexpected \w+ \((.*)\) in state/s.exec(error.message);
      if (match?.[1] !== undefined) {
        // Token offsets leave out the BOM; the tokenizer's absolute positions count it.
        return this.#syntaxError(`unexpected ${match[1]}`, this.#lastTokenOffset + this.#bomLength);
      }
    }
    if (error instanceof TokenizerError || error instanceof TokenParserError) {
      return this.#syntaxError(error.message, undefined);
    }
    return error;
  }

  #syntaxError(what: string, byteOffset: number | undefined): InputError {
    const where = byteOffset === undefined ? {} : this.#lines.locate(byteOffset);
    return new InputError(`invalid JSON: ${what}`, { file: this.#name, ...where });
  }

  #unexpectedEnd(): InputError {
    return new InputError('invalid JSON: the file ends before the document does', {
      file: this.#name,
      ...this.#lines.locateEnd(),
    });
  }
}

/**
 * Maps byte offsets of the stream to lines, holding only the current chunk. A token never spans
 * a line break, so an offset in an earlier chunk is still on the line the current chunk starts on.
 */
class ByteLines {
  #chunk: Buffer = Buffer.alloc(0);
  #chunkStart = 0;
  #linesBeforeChunk = 0;
  #lineStart = 0;

  advanceTo(chunk: Buffer): void {
    const lastBreak = this.#chunk.lastIndexOf(LF);
    if (lastBreak !== -1) {
      this.#linesBeforeChunk += countLineFeeds(this.#chunk);
      this.#lineStart = this.#chunkStart + lastBreak + 1;
    }
    this.#chunkStart += this.#chunk.length;
    this.#chunk = chunk;
  }

  locate(offset: number): { line: number; column?: number } {
    const head = this.#chunk.subarray(0, Math.max(0, offset - this.#chunkStart));
    const lastBreak = head.lastIndexOf(LF);
    const line = this.#linesBeforeChunk + countLineFeeds(head) + 1;
    if (lastBreak !== -1) return { line, column: head.subarray(lastBreak + 1).toString('utf8').length + 1 };
    return offset >= this.#lineStart ? { line, column: offset - this.#lineStart + 1 } : { line };
  }

  locateEnd(): { line: number; column?: number } {
    return this.locate(this.#chunkStart + this.#chunk.length);
  }
}

const LF = 0x0a;

function countLineFeeds(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(LF); at !== -1; at = bytes.indexOf(LF, at + 1)) count += 1;
  return count;
}
