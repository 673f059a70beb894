import { InputError } from '../errors.js';
import { HEADER_SNIFF_ROWS, describeLayout, detectHeaderLayout, nameColumns, renameDuplicates } from './csv-header.js';
import { parseCsvRows } from './csv-rows.js';
import type { CsvObservations, CsvRow } from './csv-rows.js';
import { TotalsNotes, findTotalsLabel } from './totals-row.js';
import type { ParsedSource, RawRecord } from './types.js';

export interface CsvReadOptions {
  delimiter: string;
  /** The file line the stream starts on (after a skipped preamble). */
  firstLine: number;
  /** Forces the number of header rows; detected when undefined. */
  headerRows: number | undefined;
  maxRecordSize: number;
  /** Where the reader writes what it noticed; it keeps adding to it while the records are read. */
  notes: string[];
  /** More bytes of the same table, read after these (a later part of the file, see ByteRange). */
  continuation?: { chunks: AsyncIterable<Buffer>; firstLine: number } | undefined;
}

/**
 * Reads CSV: the header row(s), then the data records, numbered from 1. Names are trimmed and
 * made unique; totals rows are dropped with a note; a record that could not be parsed comes with
 * a `problem` and no cells (see parseCsvRows). A header that cannot be read is an InputError.
 */
export async function readCsv(name: string, chunks: AsyncIterable<Buffer>, options: CsvReadOptions): Promise<ParsedSource & { observed: CsvObservations }> {
  const observed: CsvObservations = { recordDelimiter: undefined, endedInsideQuotes: false };
  const rows = continueWith(parseCsvRows(chunks, { ...options, observed }), options, observed);
  const head: CsvRow[] = [];
  const wanted = options.headerRows ?? HEADER_SNIFF_ROWS;
  while (head.length < wanted) {
    const next = await rows.next();
    if (next.done === true) break;
    head.push(...next.value);
  }
  if (head.length === 0) throw new InputError(`${name} is empty`, { file: name });
  const layout = detectHeaderLayout(
    head.map((row) => row.cells),
    options.headerRows,
  );
  if (head.length < layout.rowCount) {
    throw new InputError(`${name} has ${head.length} row${head.length === 1 ? '' : 's'}, fewer than the ${layout.rowCount} header rows asked for`, { file: name });
  }
  const headerRows = head.slice(0, layout.rowCount);
  for (const row of headerRows) assertReadableHeader(name, row);
  const named = nameColumns(
    headerRows.map((row) => row.cells),
    layout.shape,
  );
  if (named.columns.every((column) => column === '')) {
    throw new InputError(`the header row has no column names`, { file: name, line: head[0]?.line ?? options.firstLine });
  }
  const unique = renameDuplicates(named.columns);
  const notes = options.notes;
  const shapeNote = describeLayout(layout);
  if (shapeNote !== undefined) notes.push(shapeNote);
  notes.push(...unique.notes);
  return {
    columns: unique.columns,
    alternateNames: named.alternateNames,
    headerRows: layout.rowCount,
    notes,
    batches: numberRecords(head.slice(layout.rowCount), rows, notes),
    observed,
  };
}

/** The rows, then those of the continuation, parsed with the line end the first part settled on. */
async function* continueWith(rows: AsyncGenerator<CsvRow[]>, options: CsvReadOptions, observed: CsvObservations): AsyncGenerator<CsvRow[]> {
  yield* rows;
  const continuation = options.continuation;
  if (continuation === undefined) return;
  yield* parseCsvRows(continuation.chunks, { ...options, firstLine: continuation.firstLine, recordDelimiter: observed.recordDelimiter, observed });
}

function assertReadableHeader(name: string, row: CsvRow): void {
  if (row.problem === undefined) return;
  throw new InputError(`cannot read the header: ${row.problem.message}`, {
    file: name,
    line: row.line,
    ...(row.problem.column === undefined ? {} : { column: row.problem.column }),
    hint: 'a field that starts with " must end with "; double any " inside it ("")',
  });
}

/** Numbers the data records (the rows read ahead first), leaving out totals rows; in batches. */
async function* numberRecords(ahead: readonly CsvRow[], rest: AsyncIterator<CsvRow[]>, notes: string[]): AsyncGenerator<RawRecord[]> {
  const totals = new TotalsNotes(notes);
  let index = 0;
  const number = (rows: readonly CsvRow[]): RawRecord[] => {
    const records: RawRecord[] = [];
    for (const row of rows) {
      if (row.problem === undefined) {
        const label = findTotalsLabel(row.cells);
        if (label !== undefined) {
          totals.drop(label, row.line);
          continue;
        }
      }
      index += 1;
      row.index = index;
      records.push(row);
    }
    return records;
  };
  try {
    if (ahead.length > 0) yield number(ahead);
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield number(next.value);
    totals.finish();
  } finally {
    // Closes the file when the caller stops early, even while it is still in the rows read ahead.
    await rest.return?.();
  }
}
