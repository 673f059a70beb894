import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../errors.js';
import { countLineBreaks, locateOffset } from './text-position.js';
import type { TextPosition } from './text-position.js';
import type { ParsedSource, RawRecord } from './types.js';

interface CsvRow {
  /** Line where the row starts. */
  line: number;
  cells: string[];
}

/**
 * Streams CSV through csv-parse: the first row is the header (names trimmed), the rest are records
 * as arrays, ragged rows delivered as they are. Fully empty lines are skipped.
 */
export async function readCsv(name: string, chunks: AsyncIterable<Buffer>, delimiter: string): Promise<ParsedSource> {
  const rows = parseCsvRows(name, chunks, delimiter);
  const header = await rows.next();
  if (header.done === true) throw new InputError(`${name} is empty`, { file: name });
  return { columns: header.value.cells.map((cell) => cell.trim()), records: numberRecords(rows) };
}

async function* numberRecords(rows: AsyncIterator<CsvRow>): AsyncGenerator<RawRecord> {
  let index = 0;
  for await (const row of { [Symbol.asyncIterator]: () => rows }) {
    index += 1;
    yield { line: row.line, index, cells: row.cells };
  }
}

/**
 * Start lines are counted from each record's raw text rather than taken from csv-parse's
 * `info.lines`, which is the line where a record ENDS and counts a CRLF inside quotes twice.
 * The counting happens in `on_record`, as csv-parse parses, because a parse error discards the
 * records it has parsed but not yet handed over, and the error's line depends on all of them.
 */
async function* parseCsvRows(name: string, chunks: AsyncIterable<Buffer>, delimiter: string): AsyncGenerator<CsvRow> {
  const lines = new RecordLines();
  const parser = parse({
    delimiter,
    bom: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record, context) => {
      lines.countRecord(context.raw ?? '');
      return record;
    },
  });
  const input = Readable.from(chunks);
  // Failures reach us through the parser, which pipeline destroys with the source's error.
  pipeline(input, parser, () => undefined);
  const outputs: AsyncIterable<unknown> = parser;
  try {
    for await (const output of outputs) yield { line: lines.takeStartLine(), cells: toCells(output) };
  } catch (error) {
    throw toCsvInputError(error, name, lines.nextLine);
  } finally {
    input.destroy();
  }
}

/** Start lines of the records parsed but not yet delivered, and the line the next record can start on. */
class RecordLines {
  nextLine = 1;
  readonly #startLines: number[] = [];

  countRecord(raw: string): void {
    this.#startLines.push(this.nextLine + countLineBreaks(leadingLineBreaks(raw)));
    this.nextLine += countLineBreaks(raw);
  }

  takeStartLine(): number {
    const line = this.#startLines.shift();
    if (line === undefined) throw new Error('csv-parse delivered a record it did not announce');
    return line;
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

/** The empty lines csv-parse skipped before a record are at the head of its raw text. */
function leadingLineBreaks(raw: string): string {
  return /^[\r\n]*/.exec(raw)?.[0] ?? '';
}

/** Turns csv-parse's errors into `file:line:column` messages; the raw text of the failed record locates them. */
function toCsvInputError(error: unknown, name: string, recordLine: number): unknown {
  if (error instanceof InputError || !(error instanceof CsvError)) return error;
  const raw = typeof error.raw === 'string' ? error.raw : '';
  const field = typeof error.column === 'number' ? ` (field ${error.column + 1})` : '';
  const recordStart: TextPosition = { line: recordLine, column: 1 };
  const at = (offset: number): { file: string; line: number; column: number } => ({
    file: name,
    ...locateOffset(raw, offset, recordStart),
  });
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InputError('unclosed quoted field starting here', {
        ...at(findUnclosedQuote(raw) ?? 0),
        hint: 'a field that starts with " must end with "; double any " inside it ("")',
      });
    case 'INVALID_OPENING_QUOTE':
      return new InputError(`quote inside an unquoted field${field}`, {
        ...at(raw.length - 1),
        hint: 'quote the whole field and double the quotes inside it: "say ""hi"""',
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new InputError(`unexpected character after a closing quote${field}`, {
        ...at(raw.length),
        hint: 'a quoted field must be followed by the delimiter or the end of the line',
      });
    default:
      return new InputError(`malformed CSV: ${error.message}`, at(raw.length));
  }
}

/** The index of the quote that opens a field still open at the end of `raw`, if any. */
function findUnclosedQuote(raw: string): number | undefined {
  let openedAt: number | undefined;
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] !== '"') continue;
    if (openedAt === undefined) openedAt = i;
    else if (raw[i + 1] === '"') i += 1;
    else openedAt = undefined;
  }
  return openedAt;
}
