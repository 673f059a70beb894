import { TokenParser, TokenType } from '@streamparser/json';
import type { ParsedElementInfo, ParsedTokenInfo } from '@streamparser/json';
import { InputError } from '../errors.js';
import { ENDS_EARLY, MAX_JSON_DEPTH, NumberTextTokenizer, describeTooDeep, explainStreamError } from './json-values.js';
import { describeJsonType, isJsonObject, layOutKeyedRecords } from './keyed-records.js';
import { describeSize } from './record-limit.js';
import type { KeyedRecord } from './keyed-records.js';
import type { ParsedSource } from './types.js';

/**
 * Streams a JSON document that is an array of objects, or an object holding one (`{"data": [...]}`:
 * the property whose array starts with an object; an object with two such arrays is refused,
 * since reading one would silently leave out the other). Columns: see layOutKeyedRecords.
 * Records have no line (`line` undefined) and are numbered by their place in the array. A value
 * nested deeper than MAX_JSON_DEPTH, or a record (or a string outside one) longer than
 * `maxValueSize` bytes, is an InputError.
 */
export async function readJson(name: string, chunks: AsyncIterable<Buffer>, maxValueSize: number): Promise<ParsedSource> {
  return layOutKeyedRecords(streamJsonRecords(name, chunks, maxValueSize));
}

async function* streamJsonRecords(name: string, chunks: AsyncIterable<Buffer>, maxValueSize: number): AsyncGenerator<KeyedRecord> {
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
    reader = new JsonRecordParser(name, toRootShape(rootByte, name), hasBom(prefix), maxValueSize);
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

const ARRAY = 1;
const OBJECT = 2;

/**
 * Feeds bytes to @streamparser/json and collects the array's elements as they complete. The
 * paths keep memory flat: `$.*` emits the elements of a root array, `$.*.*` the elements of the
 * arrays under a root object; `keepStack: false` drops each element once emitted. The tokens are
 * watched on their way to the parser: how deep they nest, and where the element being read
 * started.
 */
class JsonRecordParser {
  readonly #name: string;
  readonly #shape: RootShape;
  readonly #bomLength: number;
  readonly #maxValueSize: number;
  readonly #tokenizer = new NumberTextTokenizer();
  readonly #parser: TokenParser;
  readonly #lines = new ByteLines();
  /** The array holding the records is this deep (the root is level 1). */
  readonly #recordsDepth: number;
  /** Whether each open level is an array or an object. */
  readonly #containers = new Uint8Array(MAX_JSON_DEPTH + 1);
  #depth = 0;
  /** Where the last element of an array at the records' level started, and its number in that array. */
  #elementStart = 0;
  #elementNumber = 0;
  /** That element is a number too large for a double (which comes as its text). */
  #isElementNonFinite = false;
  /** Elements met in arrays at the records' level, all told. */
  #elementCount = 0;
  #lastTokenOffset = 0;
  /** Bytes given to the tokenizer (token offsets leave out a BOM). */
  #bytesWritten = 0;
  /** The property whose array is read, once its first element was an object. */
  #chosenKey: string | undefined;
  /** The array being read now is the chosen one (a second property of the same name is another array). */
  #isInChosenArray = false;
  #ready: KeyedRecord[] = [];

  constructor(name: string, shape: RootShape, hasBom: boolean, maxValueSize: number) {
    this.#name = name;
    this.#shape = shape;
    this.#bomLength = hasBom ? BOM_BYTES.length : 0;
    this.#maxValueSize = maxValueSize;
    this.#recordsDepth = shape === 'array' ? 1 : 2;
    this.#parser = new TokenParser({ paths: [shape === 'array' ? '$.*' : '$.*.*'], keepStack: false });
    this.#tokenizer.onToken = (token) => {
      this.#lastTokenOffset = token.offset;
      this.#parser.write(this.#watch(token));
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
    this.#bytesWritten += chunk.length;
    this.#assertNotTooLong();
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
    if (this.#shape === 'array' && this.#elementCount === 0) {
      throw new InputError(`${this.#name} holds no records (an empty array)`, { file: this.#name, hint: NO_ARRAY_HINT });
    }
    if (this.#shape === 'object' && this.#chosenKey === undefined) {
      throw new InputError(`${this.#name} holds no array of objects`, { file: this.#name, hint: NO_ARRAY_HINT });
    }
  }

  /** The token as the parser should see it (a number too large for a double as its text), after noting where it is. */
  #watch(token: ParsedTokenInfo): ParsedTokenInfo {
    switch (token.token) {
      case TokenType.LEFT_BRACE:
      case TokenType.LEFT_BRACKET:
        this.#noteValueStart(token.offset);
        this.#depth += 1;
        if (this.#depth > MAX_JSON_DEPTH) throw this.#errorAt(describeTooDeep(), token.offset);
        this.#containers[this.#depth] = token.token === TokenType.LEFT_BRACKET ? ARRAY : OBJECT;
        if (this.#depth === this.#recordsDepth) this.#elementNumber = 0;
        return token;
      case TokenType.RIGHT_BRACE:
      case TokenType.RIGHT_BRACKET:
        if (this.#depth === this.#recordsDepth) this.#isInChosenArray = false;
        this.#depth -= 1;
        return token;
      case TokenType.COLON:
      case TokenType.COMMA:
      case TokenType.SEPARATOR:
        return token;
      default:
        this.#noteValueStart(token.offset);
        if (typeof token.value !== 'number' || Number.isFinite(token.value)) return token;
        this.#isElementNonFinite = this.#depth === this.#recordsDepth;
        return { ...token, value: this.#tokenizer.nonFiniteText };
    }
  }

  #noteValueStart(offset: number): void {
    if (this.#depth !== this.#recordsDepth || this.#containers[this.#depth] !== ARRAY) return;
    this.#elementStart = offset;
    this.#elementNumber += 1;
    this.#elementCount += 1;
    this.#isElementNonFinite = false;
  }

  /**
   * A record, or a single string or number outside records, may not run on past the size limit;
   * measured as each chunk is read (a value is caught at most a chunk past the limit).
   */
  #assertNotTooLong(): void {
    const isInElement = this.#depth > this.#recordsDepth && this.#containers[this.#recordsDepth] === ARRAY;
    const openSince = (isInElement ? this.#elementStart : this.#lastTokenOffset) + this.#bomLength;
    if (this.#bytesWritten - openSince <= this.#maxValueSize) return;
    const what = isInElement ? `record ${this.#elementNumber}` : 'a value';
    throw new InputError(`${what} is longer than ${describeSize(this.#maxValueSize)}`, {
      file: this.#name,
      ...this.#lines.locateEnd(),
      hint: 'a string that misses its closing quote runs on to the end of the file; is the JSON cut short?',
    });
  }

  #acceptValue({ value, key, parent, stack }: ParsedElementInfo): void {
    if (!Array.isArray(parent) || typeof key !== 'number') return;
    if (this.#shape === 'array') {
      if (stack.length === 1) this.#acceptElement(value, key, undefined);
      return;
    }
    const owner = stack[1]?.key;
    if (stack.length !== 2 || typeof owner !== 'string' || !this.#isChosenArray(owner, key, value)) return;
    this.#acceptElement(value, key, owner);
  }

  /**
   * The array under the root whose first element is an object is the one read; a second such
   * array is refused, naming both.
   */
  #isChosenArray(owner: string, index: number, element: unknown): boolean {
    if (index > 0) return this.#isInChosenArray;
    if (!isJsonObject(element)) return false;
    if (this.#chosenKey !== undefined) {
      throw this.#errorAt(
        `${this.#name} holds two arrays of records, "${this.#chosenKey}" and "${owner}": xla reads one`,
        this.#elementStart,
        'keep one array of records in the file, or split it into one file per array',
      );
    }
    this.#chosenKey = owner;
    this.#isInChosenArray = true;
    return true;
  }

  #acceptElement(value: unknown, key: number, owner: string | undefined): void {
    const index = key + 1;
    if (!isJsonObject(value)) {
      const array = owner === undefined ? 'the array' : `"${owner}"`;
      const type = this.#isElementNonFinite ? 'a number' : describeJsonType(value);
      throw this.#errorAt(`element ${index} of ${array} is not an object (got ${type})`, this.#elementStart);
    }
    this.#ready.push({ line: undefined, index, fields: new Map(Object.entries(value)) });
  }

  /** An InputError at a token offset. */
  #errorAt(message: string, tokenOffset: number, hint?: string): InputError {
    return new InputError(message, {
      file: this.#name,
      ...this.#lines.locate(tokenOffset + this.#bomLength),
      ...(hint === undefined ? {} : { hint }),
    });
  }

  #toInputError(error: unknown): unknown {
    if (error instanceof InputError) return error;
    // Token offsets leave out the BOM; the tokenizer's own positions count it.
    const syntax = explainStreamError(error, this.#lastTokenOffset + this.#bomLength);
    if (syntax === undefined) return error;
    return syntax === ENDS_EARLY ? this.#unexpectedEnd() : this.#syntaxError(syntax.what, syntax.offset);
  }

  #syntaxError(what: string, byteOffset: number): InputError {
    return new InputError(`invalid JSON: ${what}`, { file: this.#name, ...this.#lines.locate(byteOffset) });
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
