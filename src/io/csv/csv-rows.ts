import { Readable, pipeline } from 'node:stream';
import type { CsvError } from 'csv-parse';
import { InputError } from '../../errors.js';
import { ChunkTape } from './chunk-tape.js';
import { readWellFormedRows } from './csv-fast-rows.js';
import { LineCounter } from './line-counter.js';
import { describeSize } from '../record-limit.js';
import { countLineBreaks, locateOffset } from '../text-position.js';
import type { CsvObservations } from '../types.js';
import type { CsvRow, CsvRowOptions } from './csv-row.js';

export type { CsvObservations } from '../types.js';
export type { CsvRow, CsvRowOptions } from './csv-row.js';

/**
 * Every line end ends a record, whatever the first one was: exports glued together from several
 * sources (a CR LF header on LF rows, an old Mac file appended to a Unix one) lose no rows. CR LF
 * comes before a lone CR so that it is one line end, not two.
 */
const LINE_ENDS = ['\r\n', '\n', '\r'];

/**
 * Streams the rows of CSV through csv-parse, ragged rows as they are and fully empty lines
 * skipped. A record that breaks the quoting rules is not an error that ends the file: it comes
 * as a row with no cells and a `problem` (message, line and column of the fault, lines it took
 * up), and reading goes on with the next record. A quote still open at the end gives one last
 * problem row; a record over `maxRecordSize` is an InputError, after the rows before it.
 *
 * Two paths give the same rows. The fast one (csv-fast-rows.ts) splits the text with papaparse
 * and delivers only records it has checked to be well-formed. At the first record it cannot
 * vouch for — a malformed one, or a line ending only the raw bytes can place — it hands over to
 * the exact path here, csv-parse with its per-record hooks, from the line after the last record
 * it delivered, replaying the bytes the tape still holds; the source is read once.
 */
export async function* parseCsvRows(chunks: AsyncIterable<Buffer>, options: CsvRowOptions): AsyncGenerator<CsvRow[]> {
  if (!options.fastCsv) {
    yield* parseCsvRowsExactly(chunks, options);
    return;
  }
  const tape = new ChunkTape(chunks, options.firstLine);
  let isDone = false;
  try {
    const wellFormed = readWellFormedRows(tape, options);
    let next = await wellFormed.next();
    for (; next.done !== true; next = await wellFormed.next()) yield next.value;
    const handOverLine = next.value;
    if (handOverLine === undefined) {
      if (options.observed !== undefined) {
        options.observed.lastLine = tape.lastLine();
        options.observed.exactFromLine = undefined;
      }
    } else {
      yield* parseCsvRowsExactly(tape.replayFrom(handOverLine), { ...options, firstLine: handOverLine });
    }
    isDone = true;
  } finally {
    if (!isDone) await tape.close();
  }
}

/** The exact path: every record's raw text placed by csv-parse's hooks, malformed records recovered. */
export async function* parseCsvRowsExactly(chunks: AsyncIterable<Buffer>, options: CsvRowOptions): AsyncGenerator<CsvRow[]> {
  if (options.observed !== undefined) options.observed.exactFromLine = options.firstLine;
  // Loaded on the first hand-over: a well-formed file never needs csv-parse (bench/RESULTS.md, start-up).
  const { parse } = await import('csv-parse');
  const tracker = new RowTracker(options);
  const parser = parse({
    delimiter: options.delimiter,
    bom: false,
    raw: true,
    record_delimiter: LINE_ENDS,
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
      for (const output of outputs) {
        const { line, problemsBefore } = tracker.takeRecord();
        // One by one: thousands of bad records may come before a good one, more than a call takes arguments.
        if (problemsBefore !== undefined) for (const problem of problemsBefore) batch.push(problem);
        batch.push({ line, index: 0, cells: toCells(output) });
      }
      yield batch;
    }
  } finally {
    input.destroy();
  }
  const last = tracker.finish();
  if (options.observed !== undefined) {
    options.observed.endedInsideQuotes = tracker.endedInsideQuotes;
    options.observed.lastLine = tracker.lastLine();
  }
  if (last.length > 0) yield last;
  if (tracker.fatal !== undefined) throw tracker.fatal;
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
  readonly #file: string;
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
  /** A fault that ends the read (a record over the size limit), thrown once the rows before it are delivered. */
  fatal: InputError | undefined;
  readonly #observed: CsvObservations | undefined;

  constructor(options: CsvRowOptions) {
    this.#file = options.file;
    this.#observed = options.observed;
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
    const { blankLines, text } = splitBlankLines(raw);
    const rawStart = this.#hasSkipped ? endLine - blankLines - countLineBreaks(text) : this.#nextLine;
    if (this.#observed !== undefined) this.#observed.recordDelimiter ??= lineEndOf(text, this.#lines.byteBefore(endOffset));
    this.#nextLine = endLine;
    this.#hasSkipped = false;
    this.#failingRaw = undefined;
    const problemsBefore = this.#takePending(rawStart);
    this.#places.push({ line: rawStart + blankLines, problemsBefore });
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
    const { blankLines, text } = splitBlankLines(raw);
    const textStart = this.#textStartLine(error, text, blankLines);
    const fault = describeFault(error, text, this.#maxRecordSize);
    const { line, column } = locateOffset(text, fault.offset, { line: textStart, column: 1 });
    if (!isSameRecord) this.#closePending(textStart - blankLines);
    this.#hasSkipped = true;
    if (code === 'CSV_MAX_RECORD_SIZE') {
      // Such a record holds csv-parse in a state it cannot leave (it drops the rest of each chunk
      // it is given): no further input goes in, and the read ends with this error.
      this.#isStopped = true;
      if (isSameRecord) this.#pending.pop();
      this.fatal = new InputError(fault.message, { file: this.#file, line, column, hint: fault.hint ?? QUOTING_HINT });
      return;
    }
    this.endedInsideQuotes = code === 'CSV_QUOTE_NOT_CLOSED';
    let message = fault.message;
    let lines = 1;
    if (!fault.isRecoverable) {
      // The fault ran to the end of the input, all of which csv-parse has been given by now.
      lines = this.#lines.lastLine() - line + 1;
      message += `; the rest of the file (${lines} lines) could not be read`;
    }
    this.#pending.push({
      row: { line, index: 0, cells: [], problem: { message, column, lines } },
      startLine: textStart,
      tellsExtent: fault.isRecoverable,
    });
  }

  /** Problem rows still held when the parser has finished. */
  finish(): CsvRow[] {
    return this.#takePending(this.#lines.lastLine() + 1) ?? [];
  }

  lastLine(): number {
    return this.#lines.lastLine();
  }

  /**
   * The line a failing record's text (after its blank lines) starts on. Right after a delivered
   * record that is known; after a skipped one, csv-parse's `bytes` (the offset of the record's
   * raw start, or of the delimiter before the failing field) and the text up to that delimiter
   * tell it.
   */
  #textStartLine(error: CsvError | undefined, text: string, blankLines: number): number {
    if (!this.#hasSkipped) return this.#nextLine + blankLines;
    const offset: unknown = error?.['bytes'];
    const field: unknown = error?.['column'];
    if (typeof offset !== 'number') return this.#nextLine + blankLines;
    const boundaryLine = this.#lines.lineAt(offset);
    if (typeof field !== 'number' || field === 0) return boundaryLine + blankLines;
    const delimiterAt = findFieldDelimiter(text, this.#delimiter, field);
    return delimiterAt === undefined ? boundaryLine : boundaryLine - countLineBreaks(text.slice(0, delimiterAt));
  }

  /** The next record starts on `nextRawStart`: the skipped records before it are complete. */
  #closePending(nextRawStart: number): void {
    for (const pending of this.#pending) {
      if (!pending.tellsExtent) continue;
      pending.tellsExtent = false;
      const lastLine = nextRawStart - 1;
      const problem = pending.row.problem;
      if (lastLine > pending.startLine && problem !== undefined) {
        problem.message += `; lines ${pending.startLine}-${lastLine} were skipped`;
        problem.lines = lastLine - pending.startLine + 1;
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
  hint?: string;
}

/** What to do about a quote that opens a field and does not close it where it should. */
export const QUOTING_HINT = 'a field that starts with " must end with "; double any " inside it ("")';

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
        ? {
            message: `record longer than ${limit}`,
            offset: raw.length - 1,
            isRecoverable: false,
            hint: `xla reads CSV records of up to ${limit}; is this a CSV file, with the right delimiter?`,
          }
        : { message: `quoted field longer than ${limit} (an unclosed quote?)`, offset: quote, isRecoverable: false, hint: QUOTING_HINT };
    }
    default:
      return { message: `malformed CSV: ${error?.message ?? 'unreadable record'}`, offset: raw.length, isRecoverable: true };
  }
}

/**
 * csv-parse's raw text of a record starts with one character for each blank line before it (the
 * first of its line end: CR LF gives CR), and ends with the first character of its own line end.
 * Split, each part counts lines as the file does: a blank CR LF and a blank LF after it are two
 * lines, not one CR LF.
 */
function splitBlankLines(raw: string): { blankLines: number; text: string } {
  let blankLines = 0;
  for (let code = raw.charCodeAt(0); code === LF || code === CR; code = raw.charCodeAt(blankLines)) blankLines += 1;
  return { blankLines, text: blankLines === 0 ? raw : raw.slice(blankLines) };
}

/** The line end of a record whose raw text is `text`, from its last character and the last byte of the line end. */
function lineEndOf(text: string, lastByte: number | undefined): string | undefined {
  const last = text.charCodeAt(text.length - 1);
  if (last === LF) return '\n';
  if (last === CR) return lastByte === LF ? '\r\n' : '\r';
  return undefined;
}

const LF = 0x0a;
const CR = 0x0d;

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
