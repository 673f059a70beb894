import { InputError } from '../../errors.js';
import { HEADER_SNIFF_ROWS, describeLayout, detectHeaderLayout, nameColumns, renameDuplicates } from './csv-header.js';
import { QUOTING_HINT, parseCsvRows } from './csv-rows.js';
import type { CsvObservations, CsvRow } from './csv-rows.js';
import { MalformedRegions } from './malformed-regions.js';
import { TotalsNotes, findTotalsLabel } from './totals-row.js';
import type { ParsedSource, RawRecord } from '../types.js';

export interface CsvReadOptions {
  delimiter: string;
  /** The file line the stream starts on (after a skipped preamble). */
  firstLine: number;
  /** Forces the number of header rows; detected when undefined. */
  headerRows: number | undefined;
  maxRecordSize: number;
  /** False: the exact path alone (ReadOptions.fastCsv). */
  fastCsv: boolean;
  /** Where the reader writes what it noticed; it keeps adding to it while the records are read. */
  notes: string[];
  /** More bytes of the same table, read after these (a later part of the file, see ByteRange). */
  continuation?: { chunks: AsyncIterable<Buffer>; firstLine: number } | undefined;
  /**
   * Set when only a part of a file is read (see ByteRange): the whole file's line count and
   * whether the part ends where the file does, to judge a malformed region as the reader of the
   * whole file would. Asked only when there is a region to judge.
   */
  measureFile?: (() => Promise<FileMeasure>) | undefined;
}

export interface FileMeasure {
  lines: number;
  endsFile: boolean;
}

/**
 * Reads CSV: the header row(s), then the data records, numbered from 1. Names are trimmed and
 * made unique; totals rows are dropped with a note; a record that could not be parsed comes with
 * a `problem` and no cells (see parseCsvRows). A header that cannot be read, a record over the
 * size limit, and a malformed region too large to skip (malformed-regions.ts) are InputErrors.
 */
export async function readCsv(
  name: string,
  chunks: AsyncIterable<Buffer>,
  options: CsvReadOptions,
): Promise<ParsedSource & { observed: CsvObservations }> {
  const observed: CsvObservations = { recordDelimiter: undefined, endedInsideQuotes: false };
  const rows = continueWith(parseCsvRows(chunks, { ...options, file: name, observed }), { ...options, file: name }, observed);
  const head: CsvRow[] = [];
  const wanted = options.headerRows ?? HEADER_SNIFF_ROWS;
  while (head.length < wanted) {
    const next = await rows.next();
    if (next.done === true) break;
    // One by one: a batch may hold more rows than a call can take arguments (`push(...batch)`).
    for (const row of next.value) head.push(row);
  }
  if (head.length === 0) throw new InputError(`${name} is empty`, { file: name });
  const layout = detectHeaderLayout(
    head.map((row) => row.cells),
    options.headerRows,
  );
  if (head.length < layout.rowCount) {
    throw new InputError(
      `${name} has ${head.length} row${head.length === 1 ? '' : 's'}, fewer than the ${layout.rowCount} header rows asked for`,
      { file: name },
    );
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
  const judge = async (regions: MalformedRegions, last: CsvRow | undefined): Promise<void> => {
    const file = options.measureFile === undefined ? { lines: observed.lastLine ?? 0, endsFile: true } : await options.measureFile();
    // A part that ended inside quotes may have been cut inside a quoted field: the run then reads
    // the file whole (run/parallel-jobs.ts), and that reader judges the region.
    if (!file.endsFile && observed.endedInsideQuotes && last !== undefined) regions.forget(last);
    regions.assertNoneTooLarge(name, file.lines);
  };
  return {
    columns: unique.columns,
    alternateNames: named.alternateNames,
    headerRows: layout.rowCount,
    notes,
    batches: numberRecords(head.slice(layout.rowCount), rows, { notes, width: unique.columns.length, judge }),
    observed,
  };
}

/** The rows, then those of the continuation, parsed with the line end the first part settled on. */
async function* continueWith(
  rows: AsyncGenerator<CsvRow[]>,
  options: CsvReadOptions & { file: string },
  observed: CsvObservations,
): AsyncGenerator<CsvRow[]> {
  yield* rows;
  const continuation = options.continuation;
  if (continuation === undefined) return;
  yield* parseCsvRows(continuation.chunks, {
    ...options,
    firstLine: continuation.firstLine,
    recordDelimiter: observed.recordDelimiter,
    observed,
  });
}

function assertReadableHeader(name: string, row: CsvRow): void {
  if (row.problem === undefined) return;
  throw new InputError(`cannot read the header: ${row.problem.message}`, {
    file: name,
    line: row.line,
    ...(row.problem.column === undefined ? {} : { column: row.problem.column }),
    hint: QUOTING_HINT,
  });
}

interface TableFacts {
  notes: string[];
  /** The header's number of fields. */
  width: number;
  /** Throws for a malformed region too large to skip, given the last row read. */
  judge: (regions: MalformedRegions, last: CsvRow | undefined) => Promise<void>;
}

/**
 * Numbers the data records (the rows read ahead first), leaving out totals rows; in batches.
 * Rows that could not be read or have another number of fields than the header are noted as
 * malformed regions, judged once the last row is read.
 */
async function* numberRecords(ahead: readonly CsvRow[], rest: AsyncIterator<CsvRow[]>, table: TableFacts): AsyncGenerator<RawRecord[]> {
  const { width, judge } = table;
  const totals = new TotalsNotes(table.notes);
  const regions = new MalformedRegions(width);
  let index = 0;
  let last: CsvRow | undefined;
  const number = (rows: readonly CsvRow[]): RawRecord[] => {
    const records: RawRecord[] = [];
    for (const row of rows) {
      if (row.problem === undefined) {
        const label = findTotalsLabel(row.cells);
        if (label !== undefined) {
          totals.drop(label, row.line);
          continue;
        }
        if (row.cells.length !== width) regions.note(row);
      } else {
        regions.note(row);
      }
      index += 1;
      row.index = index;
      records.push(row);
    }
    last = rows.at(-1) ?? last;
    return records;
  };
  try {
    if (ahead.length > 0) yield number(ahead);
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield number(next.value);
    totals.finish();
    if (regions.hasCandidates) await judge(regions, last);
  } finally {
    // Closes the file when the caller stops early, even while it is still in the rows read ahead.
    await rest.return?.();
  }
}
