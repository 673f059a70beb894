import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvError, Parser } from 'csv-parse';
import { ChunkTape } from './chunk-tape.js';
import { readWellFormedRows } from './csv-fast-rows.js';
import { LineCounter } from './line-counter.js';
import { countLineBreaks, locateOffset } from './text-position.js';
import type { RawRecord } from './types.js';

/**
 * The most characters one CSV record may hold. A longer one is almost always a runaway quote
 * swallowing the rest of the file; past this, reading stops with a problem record instead of
 * filling memory.
 */
export const MAX_RECORD_SIZE = 16 * 1024 * 1024;

/** A CSV row as parsed: `index` is 0 until the reader numbers the data records. */
export interface CsvRow extends RawRecord {
  line: number;
  cells: string[];
}

export interface CsvRowOptions {
  delimiter: string;
  /** The file line the stream starts on (after a skipped preamble). */
  firstLine: number;
  maxRecordSize: number;
  /** The line end that ends records; found from the first one met when undefined. */
  recordDelimiter?: string | undefined;
  /** Filled in as the rows are read, for a reader that goes on with a later part of the same file. */
  observed?: CsvObservations | undefined;
}

/** What reading found out about the text. */
export interface CsvObservations {
  /** The line end records end with, once one was met. */
  recordDelimiter: string | undefined;
  /** The input ended inside a quoted field (the last row is an "unclosed quoted field" problem). */
  endedInsideQuotes: boolean;
}

function recordDelimiterOption(recordDelimiter: string | undefined): { record_delimiter?: string } {
  return recordDelimiter === undefined ? {} : { record_delimiter: recordDelimiter };
}

/**
 * Streams the rows of CSV through csv-parse, ragged rows as they are and fully empty lines
 * skipped. A record that breaks the quoting rules is not an error that ends the file: it comes
 * as a row with no cells and a `problem` (message, line and column of the fault), and reading
 * goes on with the next record. What cannot be recovered (a quote still open at the end, a
 * record over `maxRecordSize`) gives one last problem row, and reading ends there.
 *
 * Two paths give the same rows. The fast one (csv-fast-rows.ts) splits the text with papaparse
 * and delivers only records it has checked to be well-formed. At the first record it cannot
 * vouch for — a malformed one, or a line ending only the raw bytes can place — it hands over to
 * the exact path here, csv-parse with its per-record hooks, from the line after the last record
 * it delivered, replaying the bytes the tape still holds; the source is read once.
 */
export async function* parseCsvRows(chunks: AsyncIterable<Buffer>, options: CsvRowOptions): AsyncGenerator<CsvRow[]> {
  const tape = new ChunkTape(chunks, options.firstLine);
  let isDone = false;
  try {
    const wellFormed = readWellFormedRows(tape, options);
    let next = await wellFormed.next();
    for (; next.done !== true; next = await wellFormed.next()) yield next.value;
    const handOver = next.value;
    if (handOver !== undefined) yield* parseCsvRowsExactly(tape.replayFrom(handOver.line), { ...options, firstLine: handOver.line, recordDelimiter: handOver.recordDelimiter });
    isDone = true;
  } finally {
    if (!isDone) await tape.close();
  }
}

function recordLineEndText(parser: Parser): string | undefined {
  const delimiters: unknown = parser.options.record_delimiter;
  const first: unknown = Array.isArray(delimiters) ? delimiters[0] : undefined;
  return Buffer.isBuffer(first) ? first.toString('latin1') : undefined;
}

/** The exact path: every record's raw text placed by csv-parse's hooks, malformed records recovered. */
export async function* parseCsvRowsExactly(chunks: AsyncIterable<Buffer>, options: CsvRowOptions): AsyncGenerator<CsvRow[]> {
  const tracker = new RowTracker(options);
  const parser = parse({
    delimiter: options.delimiter,
    bom: false,
    raw: true,
    ...recordDelimiterOption(options.recordDelimiter),
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxRecordSize,
    on_skip: (error, raw) => tracker.skip(error, raw ?? ''),
    on_record: (record, context) => (tracker.record(context.raw ?? '', context.bytes) ? record : null),
  });
  const input = Readable.from(tracker.pass(chunks));
  // Failures reach us through the parser, which pipeline destroys with the source's error.
  pipeline(input, parser, () => undefined);
  try {
    // Records are taken in batches of what the parser holds: one await per batch instead of one
    // per record keeps the per-row cost at the parser's own.
    for await (const outputs of drainInBatches(parser)) {
      const batch: CsvRow[] = [];
      if (options.observed !== undefined) options.observed.recordDelimiter ??= recordLineEndText(parser);
      for (const output of outputs) {
        const { line, problemsBefore } = tracker.takeRecord();
        if (problemsBefore !== undefined) batch.push(...problemsBefore);
        batch.push({ line, index: 0, cells: toCells(output) });
      }
      yield batch;
    }
  } finally {
    input.destroy();
  }
  const last = tracker.finish();
  if (options.observed !== undefined) options.observed.endedInsideQuotes = tracker.endedInsideQuotes;
  if (last.length > 0) yield last;
}

/** Everything an object-mode stream holds each time it becomes readable, until it ends. */
async function* drainInBatches(stream: Readable): AsyncGenerator<unknown[]> {
  for (;;) {
    const batch: unknown[] = [];
    for (let item: unknown = stream.read(); item !== null; item = stream.read()) batch.push(item);
    if (batch.length > 0) yield batch;
    if (stream.readableEnded || stream.destroyed) {
      const error = stream.errored;
      if (error !== null) throw error;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const settle = (): void => {
        stream.off('readable', settle);
        stream.off('end', settle);
        stream.off('close', settle);
        stream.off('error', fail);
        resolve();
      };
      const fail = (error: Error): void => {
        settle();
        reject(error);
      };
      stream.on('readable', settle);
      stream.on('end', settle);
      stream.on('close', settle);
      stream.on('error', fail);
    });
  }
}

/** What on_record learnt about a record: its start line, and the problem rows found before it. */
interface RecordPlace {
  line: number;
  problemsBefore: CsvRow[] | undefined;
}

/** A problem row not delivered yet: how far the skipped record reaches is known only once the next one starts. */
interface PendingProblem {
  row: CsvRow;
  /** First line of the skipped record. */
  startLine: number;
  /** False when the message is final (the record ran to the end of the file). */
  tellsExtent: boolean;
}

/**
 * Lines and problems, kept in csv-parse's callbacks as it parses, in file order.
 *
 * A delivered record's start line is the line after the previous record (csv-parse's
 * `context.bytes` is the offset just past a record) plus the empty lines at the head of its raw
 * text. A skipped record breaks that chain, since csv-parse says nothing when it drops one; the
 * next record then counts back from its own end offset through its raw text. csv-parse's own
 * `info.lines` is not used: it counts a CR LF inside quotes as two lines.
 */
class RowTracker {
  readonly #delimiter: string;
  readonly #maxRecordSize: number;
  readonly #lines: LineCounter;
  /** The line where the next record's raw text starts, valid while nothing was skipped since the last record. */
  #nextLine: number;
  #hasSkipped = false;
  /** Raw text of the record being skipped, to tell a second fault in it from a fault in the next record. */
  #failingRaw: string | undefined;
  #pending: PendingProblem[] = [];
  /** Records csv-parse has parsed but not handed over yet, in order. */
  readonly #places: RecordPlace[] = [];
  #isStopped = false;
  /** The last fault was a quote still open at the end of the input. */
  endedInsideQuotes = false;

  constructor(options: CsvRowOptions) {
    this.#delimiter = options.delimiter;
    this.#maxRecordSize = options.maxRecordSize;
    this.#lines = new LineCounter(options.firstLine);
    this.#nextLine = options.firstLine;
  }

  /** The chunks on their way to the parser, counted; cut off once reading has stopped. */
  async *pass(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      if (this.#isStopped) return;
      this.#lines.add(chunk);
      yield chunk;
    }
  }

  /** Places a record csv-parse has parsed; false once reading has stopped (the record is then dropped). */
  record(raw: string, endOffset: number): boolean {
    if (this.#isStopped) return false;
    const endLine = this.#lines.lineAt(endOffset);
    const rawStart = this.#hasSkipped ? endLine - countLineBreaks(raw) : this.#nextLine;
    this.#nextLine = endLine;
    this.#hasSkipped = false;
    this.#failingRaw = undefined;
    const problemsBefore = this.#takePending(rawStart);
    this.#places.push({ line: rawStart + countLeadingLineBreaks(raw), problemsBefore });
    return true;
  }

  takeRecord(): RecordPlace {
    const place = this.#places.shift();
    if (place === undefined) throw new Error('csv-parse delivered a record it did not announce');
    return place;
  }

  skip(error: CsvError | undefined, raw: string): undefined {
    if (this.#isStopped) return;
    const code = error?.code;
    const isSameRecord = this.#failingRaw !== undefined && raw.length > this.#failingRaw.length && raw.startsWith(this.#failingRaw);
    this.#failingRaw = raw;
    if (isSameRecord && code !== 'CSV_MAX_RECORD_SIZE') return;
    const rawStart = this.#rawStartLine(error, raw);
    const fault = describeFault(error, raw, this.#maxRecordSize);
    const { line, column } = locateOffset(raw, fault.offset, { line: rawStart, column: 1 });
    // A record over the size limit holds csv-parse in a state it cannot leave (it drops the rest
    // of each chunk it is given), so no further input goes in.
    if (code === 'CSV_MAX_RECORD_SIZE') {
      this.#isStopped = true;
      if (isSameRecord) this.#pending.pop();
    }
    if (!isSameRecord) this.#closePending(rawStart);
    this.#hasSkipped = true;
    this.endedInsideQuotes = code === 'CSV_QUOTE_NOT_CLOSED';
    const message = code === 'CSV_QUOTE_NOT_CLOSED' ? `${fault.message}; the rest of the file (${this.#lines.lastLine() - line + 1} lines) could not be read` : fault.message;
    this.#pending.push({
      row: { line, index: 0, cells: [], problem: { message, column } },
      startLine: rawStart + countLeadingLineBreaks(raw),
      tellsExtent: fault.isRecoverable,
    });
  }

  /** Problem rows still held when the parser has finished. */
  finish(): CsvRow[] {
    return this.#takePending(this.#lines.lastLine() + 1) ?? [];
  }

  /**
   * The line a failing record's raw text starts on. Right after a delivered record that is known;
   * after a skipped one, csv-parse's `bytes` (the offset of the record's start, or of the
   * delimiter before the failing field) and the raw text up to that delimiter tell it.
   */
  #rawStartLine(error: CsvError | undefined, raw: string): number {
    if (!this.#hasSkipped) return this.#nextLine;
    const offset: unknown = error?.['bytes'];
    const field: unknown = error?.['column'];
    if (typeof offset !== 'number') return this.#nextLine;
    const boundaryLine = this.#lines.lineAt(offset);
    if (typeof field !== 'number' || field === 0) return boundaryLine;
    const delimiterAt = findFieldDelimiter(raw, this.#delimiter, field);
    return delimiterAt === undefined ? boundaryLine : boundaryLine - countLineBreaks(raw.slice(0, delimiterAt));
  }

  /** The next record starts on `nextRawStart`: the skipped records before it are complete. */
  #closePending(nextRawStart: number): void {
    for (const pending of this.#pending) {
      if (!pending.tellsExtent) continue;
      pending.tellsExtent = false;
      const lastLine = nextRawStart - 1;
      if (lastLine > pending.startLine && pending.row.problem !== undefined) {
        pending.row.problem.message += `; lines ${pending.startLine}-${lastLine} were skipped`;
      }
    }
  }

  #takePending(nextRawStart: number): CsvRow[] | undefined {
    if (this.#pending.length === 0) return undefined;
    this.#closePending(nextRawStart);
    return this.#pending.splice(0).map((pending) => pending.row);
  }
}

/** With `raw: true`, csv-parse delivers `{ record, raw }`. */
function toCells(output: unknown): string[] {
  if (
    typeof output === 'object' &&
    output !== null &&
    'record' in output &&
    Array.isArray(output.record) &&
    output.record.every((cell: unknown) => typeof cell === 'string')
  ) {
    return output.record;
  }
  throw new Error('csv-parse delivered a record that is not an array of strings');
}

interface Fault {
  message: string;
  /** Where in the raw text the fault is. */
  offset: number;
  /** Whether reading goes on after the record. */
  isRecoverable: boolean;
}

function describeFault(error: CsvError | undefined, raw: string, maxRecordSize: number): Fault {
  const column: unknown = error?.['column'];
  const field = typeof column === 'number' ? ` (field ${column + 1})` : '';
  switch (error?.code) {
    case 'INVALID_OPENING_QUOTE':
      return { message: `quote inside an unquoted field${field}`, offset: raw.length - 1, isRecoverable: true };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { message: `unexpected character after a closing quote${field}`, offset: raw.length, isRecoverable: true };
    case 'CSV_QUOTE_NOT_CLOSED':
      return { message: 'unclosed quoted field', offset: findUnclosedQuote(raw) ?? 0, isRecoverable: false };
    case 'CSV_MAX_RECORD_SIZE': {
      const limit = describeSize(maxRecordSize);
      const quote = findUnclosedQuote(raw);
      return quote === undefined
        ? { message: `record longer than ${limit}; the rest of the file could not be read`, offset: raw.length - 1, isRecoverable: false }
        : { message: `quoted field longer than ${limit} (an unclosed quote?); the rest of the file could not be read`, offset: quote, isRecoverable: false };
    }
    default:
      return { message: `malformed CSV: ${error?.message ?? 'unreadable record'}`, offset: raw.length, isRecoverable: true };
  }
}

function describeSize(characters: number): string {
  const mebi = 1024 * 1024;
  return characters % mebi === 0 ? `${characters / mebi} MiB` : `${characters} characters`;
}

function countLeadingLineBreaks(raw: string): number {
  let end = 0;
  for (let code = raw.charCodeAt(0); code === 10 || code === 13; code = raw.charCodeAt(end)) end += 1;
  return end === 0 ? 0 : countLineBreaks(raw.slice(0, end));
}

/** The index of the quote that opens a field still open at the end of `raw`, if any. */
export function findUnclosedQuote(raw: string): number | undefined {
  let openedAt: number | undefined;
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] !== '"') continue;
    if (openedAt === undefined) openedAt = i;
    else if (raw[i + 1] === '"') i += 1;
    else openedAt = undefined;
  }
  return openedAt;
}

/**
 * The index of the delimiter that ends field `fieldIndex - 1` of a record's raw text, reading
 * quotes as RFC 4180 does (the text before a record's first fault follows the rules).
 */
export function findFieldDelimiter(raw: string, delimiter: string, fieldIndex: number): number | undefined {
  let isQuoted = false;
  let isFieldStart = true;
  let seen = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw[i];
    if (isQuoted) {
      if (char !== '"') continue;
      if (raw[i + 1] === '"') i += 1;
      else isQuoted = false;
    } else if (char === '"' && isFieldStart) {
      isQuoted = true;
    } else if (raw.startsWith(delimiter, i)) {
      seen += 1;
      if (seen === fieldIndex) return i;
      i += delimiter.length - 1;
      isFieldStart = true;
      continue;
    }
    isFieldStart = char === '\n' || char === '\r';
  }
  return undefined;
}
