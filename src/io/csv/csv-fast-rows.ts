/**
 * The fast CSV path: papaparse splits the text, and every record it gives is checked to be the
 * one RFC 4180 reading of its own text before it is delivered. At the first record that fails
 * the check (or that only the raw bytes can place), reading hands over to the exact csv-parse
 * path (csv-rows.ts) from the line after the last record delivered.
 *
 * Why papaparse, and why the check: papaparse finds fields with indexOf instead of a state
 * machine per character, which makes it several times faster than csv-parse here (bench/RESULTS.md,
 * "papaparse"). But
 * it is lenient where csv-parse is strict — a quote inside a bare field is kept as text, spaces
 * after a closing quote are skipped, a bad closing quote makes it read on — so its rows alone
 * could differ from the exact path's. The check makes them equal: a record whose cells, written
 * back as RFC 4180, are exactly its text is read the same way by any RFC 4180 reader.
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import papa from 'papaparse';
import type { ChunkTape } from './chunk-tape.js';
import type { CsvRow, CsvRowOptions } from './csv-row.js';
import { countLineBreaks } from '../text-position.js';

type LineEnd = '\n' | '\r\n' | '\r';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** What papaparse refuses as a delimiter (it would quietly use a comma instead). */
const UNUSABLE_DELIMITERS = new Set(['\r', '\n', '"', '\ufeff']);

/**
 * Rows up to the first record the fast path cannot vouch for, then the line the exact path
 * should start on (undefined when the whole input was read).
 */
export async function* readWellFormedRows(tape: ChunkTape, options: CsvRowOptions): AsyncGenerator<CsvRow[], number | undefined> {
  const reader = new WellFormedReader(options);
  if (!reader.canRead) return reader.resumeLine;
  if (!isWarmedUp) {
    isWarmedUp = true;
    warmUpFastPath();
  }
  for await (const bytes of tape.play()) {
    const batch = reader.read(bytes);
    if (batch.length > 0) yield batch;
    if (reader.hasStopped) break;
    tape.release(reader.resumeLine);
  }
  if (!reader.hasStopped) {
    const batch = reader.end();
    if (batch.length > 0) yield batch;
  }
  if (!reader.hasStopped) return undefined;
  tape.stop();
  await tape.finished();
  return reader.resumeLine;
}

/**
 * The state of the fast path between chunks: the text not yet split into records (it starts at
 * a record boundary, on line `#line`), and the line end, once known.
 */
class WellFormedReader {
  readonly #options: CsvRowOptions;
  readonly #delimiter: string;
  #pending = '';
  readonly #text = new TextJoiner();
  /** Text shorter than this is not parsed yet: a record longer than a chunk is then reparsed only as it doubles. */
  #parseAt = 0;
  #line: number;
  /** The line after the last record delivered: the exact path resumes there, blank lines included. */
  resumeLine: number;
  #lineEnd: LineEnd | undefined;
  /** A record ending with the line end was read (the observed line end is then set). */
  #isLineEndConfirmed = false;
  hasStopped = false;
  /** One parser for the whole input (its options never change), and the text it is splitting now. */
  #parser: papa.Parser | undefined;
  #split: { text: string; marks: CharMarks; start: number; batch: CsvRow[] } | undefined;

  constructor(options: CsvRowOptions) {
    this.#options = options;
    this.#delimiter = options.delimiter;
    this.#line = options.firstLine;
    this.resumeLine = options.firstLine;
    this.#lineEnd = asLineEnd(options.recordDelimiter);
  }

  /** Single-character delimiters papaparse takes, and line ends that are not a lone CR. */
  get canRead(): boolean {
    const delimiter = this.#delimiter;
    return delimiter.length === 1 && !UNUSABLE_DELIMITERS.has(delimiter) && this.#lineEnd !== '\r';
  }

  /** The records that `bytes` complete. */
  read(bytes: Buffer): CsvRow[] {
    // Below #parseAt the text only grows (a record longer than a chunk): appending is O(1), and
    // joining flat each time would copy the record once a chunk.
    const isParsedNow = this.#pending.length + bytes.length >= this.#parseAt;
    this.#pending = this.#text.join(this.#pending, bytes, isParsedNow);
    return this.#readPending(false);
  }

  /** The records left at the end of the input. */
  end(): CsvRow[] {
    this.#pending = this.#text.end(this.#pending);
    return this.#readPending(true);
  }

  #readPending(isLast: boolean): CsvRow[] {
    if (!isLast && this.#pending.length < this.#parseAt) return [];
    if (this.#lineEnd === undefined) {
      this.#lineEnd = findRecordDelimiter(this.#pending, isLast);
      if (this.#lineEnd === undefined) return this.#waitForMore();
    }
    if (this.#lineEnd === '\r') return this.#stop();
    const batch = this.#parse(this.#pending, isLast);
    if (!isLast && !this.hasStopped && this.#pending.length > this.#options.maxRecordSize) this.#stop();
    return batch;
  }

  #waitForMore(): CsvRow[] {
    if (this.#pending.length > this.#options.maxRecordSize) return this.#stop();
    this.#parseAt = this.#pending.length * 2;
    return [];
  }

  #stop(): CsvRow[] {
    this.hasStopped = true;
    return [];
  }

  /** Splits `text` (from a record boundary) into the records it completes; keeps the rest for later. */
  #parse(text: string, isLast: boolean): CsvRow[] {
    const split = { text, marks: new CharMarks(text), start: 0, batch: [] as CsvRow[] };
    this.#split = split;
    this.#parser ??= new papa.Parser({
      delimiter: this.#delimiter,
      newline: this.#lineEnd ?? '\n',
      quoteChar: '"',
      step: (result: unknown) => this.#takeRecord(result),
    });
    this.#parser.parse(text, 0, !isLast);
    // The step is one method for the whole input, reading the text being split from here: with a
    // closure per text, V8 kept each text's rows alive well past the call (bench/RESULTS.md, "One
    // split step per input").
    this.#split = undefined;
    this.#pending = this.hasStopped ? '' : text.slice(split.start);
    this.#parseAt = split.start === 0 ? this.#pending.length * 2 : 0;
    return split.batch;
  }

  /** papaparse's step: one record of the text being split, checked, then delivered or refused. */
  #takeRecord(result: unknown): void {
    const split = this.#split;
    if (split === undefined || this.hasStopped) return;
    const { text, marks, start } = split;
    const lineEnd = this.#lineEnd ?? '\n';
    const { cells, end, hasErrors } = asStep(result);
    const hasLineEnd = end - lineEnd.length >= start && text.startsWith(lineEnd, end - lineEnd.length);
    const contentEnd = hasLineEnd ? end - lineEnd.length : end;
    const isPlain = marks.areAllAtOrAfter(contentEnd);
    const isOneLine = isPlain || marks.areLineBreaksAtOrAfter(contentEnd);
    if (
      hasErrors ||
      isTooLong(text, start, end, this.#options.maxRecordSize) ||
      (!isPlain && !isFaithfulRecord(text, start, contentEnd, cells, this.#delimiter, !isOneLine))
    ) {
      this.#parser?.abort();
      this.#stop();
      return;
    }
    marks.passTo(end);
    if (hasLineEnd) this.#confirmLineEnd();
    const line = this.#line;
    // Quoting adds no line break: the record's text has exactly the line breaks of its cells.
    this.#line += isOneLine ? 1 : 1 + countLineBreaks(text.slice(start, contentEnd));
    // A blank line is no record (a line of "" is: it has text).
    if (contentEnd > start) {
      split.batch.push({ line, index: 0, cells });
      this.resumeLine = this.#line;
    }
    split.start = end;
  }

  #confirmLineEnd(): void {
    if (this.#isLineEndConfirmed) return;
    this.#isLineEndConfirmed = true;
    const observed = this.#options.observed;
    if (observed !== undefined) observed.recordDelimiter ??= this.#lineEnd;
  }
}

/**
 * The text to split next: what is left of the last one, then the new bytes decoded. Joined with
 * `+`, it is a cons string that papaparse and the check read through an indirection, a cost that
 * showed on the bench file (bench/RESULTS.md, "Flat text"). While every byte so far is ASCII (most
 * big machine exports), the rest and the bytes are joined as bytes and decoded once, flat, when
 * the text is about to be split; at the first other byte, decoding goes through the UTF-8 decoder
 * for the rest of the input.
 */
class TextJoiner {
  readonly #decoder = new StringDecoder('utf8');
  /** No byte so far was over 0x7F: the decoder holds nothing, and the text is one byte a character. */
  #isAscii = true;

  join(rest: string, bytes: Buffer, flat: boolean): string {
    if (!this.#isAscii || !isAscii(bytes)) {
      this.#isAscii = false;
      return rest + this.#decoder.write(bytes);
    }
    if (rest.length === 0) return bytes.toString('latin1');
    return flat ? Buffer.concat([Buffer.from(rest, 'latin1'), bytes]).toString('latin1') : rest + bytes.toString('latin1');
  }

  end(rest: string): string {
    return rest + this.#decoder.end();
  }
}

/**
 * Texts that between them take each path of papaparse's `parse` and of the check: a text with no
 * quote (papaparse's split-only mode), quoted fields with doubled quotes, delimiters and line
 * breaks, blank lines, a last record with no line end, a quoted field closing a chunk, and two
 * malformed records (text after a closing quote, an unclosed quote).
 */
const WARM_UP_TEXTS = [
  'id,note,n\n1,plain,2\n3,more,4\n',
  'id,note,n\n1,"say ""hi"", then go",9\n2,"two\nlines",\n3,,"a,b"\n\n4,x,y',
  'a,b\n"x",',
  'a,b\n1,2\n3,"x"y\n',
  'a,b\n1,"open\n2,3\n',
];
/** Far above any warm-up record (csv-rows.ts, which has the real limit, imports this module). */
const MAX_WARM_UP_RECORD = 1024;

/** What reading one warm-up text gave: the rows delivered, and whether the fast path stopped. */
export interface WarmUpRead {
  text: string;
  lineEnd: LineEnd;
  rows: number;
  stopped: boolean;
}

let isWarmedUp = false;

/**
 * papaparse's `parse` is one large function. V8 compiles it once it is hot (costly, on a
 * helper thread that takes a core from the scoring threads) and drops the compiled code at the
 * first path it has no feedback for: a text without a quote, a quoted field closing a chunk, the
 * input's last record, the inner closures of the next call. On the 1M-row bench file that was five
 * compiles a thread. Reading WARM_UP_TEXTS first, twice and in halves, with each line end, leaves
 * two (bench/RESULTS.md). Once per thread, each having its own JIT; the rows are thrown away.
 */
export function warmUpFastPath(): WarmUpRead[] {
  const reads: WarmUpRead[] = [];
  for (let round = 0; round < 2; round += 1) {
    for (const text of WARM_UP_TEXTS) {
      for (const lineEnd of ['\n', '\r\n'] as const) {
        const reader = new WellFormedReader({
          file: 'warm-up',
          delimiter: ',',
          firstLine: 1,
          maxRecordSize: MAX_WARM_UP_RECORD,
          recordDelimiter: lineEnd,
          fastCsv: true,
        });
        const bytes = Buffer.from(text.replaceAll('\n', lineEnd));
        const half = bytes.length >> 1;
        let rows = reader.read(bytes.subarray(0, half)).length;
        if (!reader.hasStopped) rows += reader.read(bytes.subarray(half)).length;
        if (!reader.hasStopped) rows += reader.end().length;
        reads.push({ text, lineEnd, rows, stopped: reader.hasStopped });
      }
    }
  }
  return reads;
}

function asLineEnd(text: string | undefined): LineEnd | undefined {
  return text === '\n' || text === '\r\n' || text === '\r' ? text : undefined;
}

/**
 * The line end csv-parse would settle on: the first CR, LF or CR LF outside quotes (an even
 * number of quotes before it — right for any text whose first record is well-formed, and the
 * first record is checked). Undefined while the text may still change the answer; LF for a text
 * without any line break.
 */
export function findRecordDelimiter(text: string, isLast: boolean): LineEnd | undefined {
  let quotes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) quotes += 1;
    else if ((code === LF || code === CR) && quotes % 2 === 0) {
      if (code === LF) return '\n';
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
      return isLast ? '\r' : undefined;
    }
  }
  return isLast ? '\n' : undefined;
}

/** The step result of papaparse's Parser: one row, the offset just past it, and any errors. */
function asStep(result: unknown): { cells: string[]; end: number; hasErrors: boolean } {
  const step = result as { data?: unknown; errors?: unknown; meta?: { cursor?: unknown } };
  const row: unknown = Array.isArray(step.data) ? step.data[0] : undefined;
  const end = step.meta?.cursor;
  if (!Array.isArray(row) || typeof end !== 'number' || !Array.isArray(step.errors))
    throw new Error('papaparse delivered a step that is not a row');
  return { cells: row as string[], end, hasErrors: step.errors.length > 0 };
}

/** A record csv-parse might refuse for its size (it counts UTF-8 bytes of the field being read). */
function isTooLong(text: string, start: number, end: number, maxRecordSize: number): boolean {
  if ((end - start) * 3 <= maxRecordSize) return false;
  return Buffer.byteLength(text.slice(start, end)) > maxRecordSize;
}

/**
 * Where the next quote, CR and LF are in a text, moved on record by record: a record with none
 * of them before its line end is plain — split on its delimiters, one line long — and needs no
 * other check.
 */
class CharMarks {
  readonly #text: string;
  #quote: number;
  #cr: number;
  #lf: number;

  constructor(text: string) {
    this.#text = text;
    this.#quote = indexFrom(text, '"', 0);
    this.#cr = indexFrom(text, '\r', 0);
    this.#lf = indexFrom(text, '\n', 0);
  }

  areAllAtOrAfter(offset: number): boolean {
    return this.#quote >= offset && this.areLineBreaksAtOrAfter(offset);
  }

  areLineBreaksAtOrAfter(offset: number): boolean {
    return this.#cr >= offset && this.#lf >= offset;
  }

  passTo(offset: number): void {
    if (this.#quote < offset) this.#quote = indexFrom(this.#text, '"', offset);
    if (this.#cr < offset) this.#cr = indexFrom(this.#text, '\r', offset);
    if (this.#lf < offset) this.#lf = indexFrom(this.#text, '\n', offset);
  }
}

/**
 * Past any offset in a string (V8 caps strings below 2^29 characters), and a small integer:
 * with Infinity the marks turned into doubles at the first character a text lacks, and every
 * function comparing them was deoptimized and compiled again.
 */
const NOWHERE = 2 ** 30 - 1;

function indexFrom(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? NOWHERE : at;
}

/**
 * Whether `cells` are the one RFC 4180 reading of `text` from `start` to `end` (the record's
 * text before its line end), with nothing only the raw bytes could place:
 * - each field is bare or quoted whole: a quote opens it and one closes it right before the
 *   delimiter or the end; quotes inside are doubled;
 * - no other quote is anywhere (a bare field with a quote is what csv-parse rejects): the
 *   record holds exactly the quotes its quoted fields account for;
 * - a bare field holds no CR or LF: any line end outside quotes ends a record (a CR LF file may
 *   have LF rows glued on), and a bare line break at the start could be blank lines. Only a
 *   record with `hasLineBreaks` (its text has a CR or LF) needs its bare fields looked at.
 * The cells' own text is papaparse's cut of these spans.
 */
export function isFaithfulRecord(
  text: string,
  start: number,
  end: number,
  cells: readonly string[],
  delimiter: string,
  hasLineBreaks: boolean,
): boolean {
  if (cells.length === 0) return false;
  const delimiterCode = delimiter.charCodeAt(0);
  let at = start;
  let quotes = 0;
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i] as string;
    if (i > 0) {
      if (text.charCodeAt(at) !== delimiterCode) return false;
      at += 1;
    }
    if (text.charCodeAt(at) === QUOTE) {
      const inner = cell.includes('"') ? cell.replaceAll('"', '""') : cell;
      if (inner !== cell && !text.startsWith(inner, at + 1)) return false;
      if (text.charCodeAt(at + 1 + inner.length) !== QUOTE) return false;
      quotes += 2 + 2 * (inner.length - cell.length);
      at += inner.length + 2;
    } else {
      if (hasLineBreaks && (cell.includes('\n') || cell.includes('\r'))) return false;
      at += cell.length;
    }
  }
  return at === end && countQuotes(text, start, end) === quotes;
}

function countQuotes(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf('"', start); at !== -1 && at < end; at = text.indexOf('"', at + 1)) count += 1;
  return count;
}
