/**
 * Time to value in SQL (metrics/customers.ts timeToValueMetrics): from a customer's `start_date`
 * and `first_value_at` stamps, read as the ticket stamps are (ISO 8601, wall time in --tz without
 * an offset), the row's duration in ms, whether it is left out as not reached yet, and whether it
 * counts as reached. A `first_value_at` before `start_date` is rejected (kinds/customers.ts
 * orderedStamps), as a `resolved_at` before `created_at` is.
 */

/** The stamp columns of a customers file (undefined: no such column), and the zone of stamps without an offset. */
export interface CustomerStamps {
  start: string | undefined;
  firstValue: string | undefined;
  /** The customer book's end stamp (customer-book.ts); absent when no metric of the book is run. */
  end?: string | undefined;
  /** Whether a metric of the book (or tenure.mean) is run: the end, each stamp's missing flag and the newest stamps are read too. */
  book?: boolean;
  tz: string;
}

/** How generate.ts reads a stamp column: its epoch ms (NULL unless read), whether the cell is missing. */
export interface StampReading {
  ms: (column: string) => string;
  missing: (column: string) => string;
}

const START_MS = 'ms_start_date';
const VALUE_MS = 'ms_first_value_at';
const VALUE_MISSING = 'missing_first_value_at';
const END_MS = 'ms_end_date';
const START_MISSING = 'missing_start_date';
const END_MISSING = 'missing_end_date';
/** The book's stamps as customer-book.ts reads them: the `cells` columns of their ms and missing flags. */
export const BOOK_STAMP_COLUMNS = {
  ms: { start: START_MS, end: END_MS },
  missing: { start: START_MISSING, end: END_MISSING },
} as const;
/** The answers' columns the recipes read (recipes.ts `columns`). */
export const TIME_TO_VALUE_COLUMN = 'd_time_to_value';
export const NOT_REACHED_COLUMN = 'x_time_to_value';
export const REACHED_COLUMN = 'o_time_to_value_reached';
/** A row left out of the durations as not reached (accumulators' `excluded_not_reached`). */
export const NOT_REACHED = 'not_reached';

export function customerStampCells(stamps: CustomerStamps, reading: StampReading, quote: (name: string) => string): string[] {
  const ms = (column: string | undefined): string => (column === undefined ? 'CAST(NULL AS BIGINT)' : reading.ms(column));
  const missing = (column: string | undefined): string => (column === undefined ? 'TRUE' : reading.missing(column));
  return [
    `${ms(stamps.start)} AS ${quote(START_MS)}`,
    `${ms(stamps.firstValue)} AS ${quote(VALUE_MS)}`,
    `${missing(stamps.firstValue)} AS ${quote(VALUE_MISSING)}`,
    ...(stamps.book === true
      ? [
          `${ms(stamps.end)} AS ${quote(END_MS)}`,
          `${missing(stamps.start)} AS ${quote(START_MISSING)}`,
          `${missing(stamps.end)} AS ${quote(END_MISSING)}`,
        ]
      : []),
  ];
}

/**
 * The book's "now" without --as-of (score-inputs.ts): the newest stamp xla read of every row, each
 * stamp as read (an end or first value before the start is rejected); the answers' columns, named
 * `newest_*` as the ticket stamps' (sql/tickets.ts newestStampOf reads them back).
 */
export function customerNewestAnswers(quote: (name: string) => string, newestColumn: (field: string) => string): string[] {
  const start = quote(START_MS);
  const after = (ms: string): string => `CASE WHEN ${ms} IS NOT NULL AND (${start} IS NULL OR ${ms} >= ${start}) THEN ${ms} END`;
  return [
    `${start} AS ${quote(newestColumn('start_date'))}`,
    `${after(quote(END_MS))} AS ${quote(newestColumn('end_date'))}`,
    `${after(quote(VALUE_MS))} AS ${quote(newestColumn('first_value_at'))}`,
  ];
}

/** The newest of each, per group. */
export function customerNewestAggregates(quote: (name: string) => string, newestColumn: (field: string) => string): string[] {
  return ['start_date', 'end_date', 'first_value_at'].map((field) => `MAX(${quote(newestColumn(field))}) AS ${quote(newestColumn(field))}`);
}

/**
 * Per row: the duration when both stamps are read; `not_reached` when the start is read and
 * `first_value_at` is blank (customers.ts notReached); reached 1, not yet 0, or NULL when the
 * start is unread or `first_value_at` rejected (time_to_value.reached leaves those out).
 */
export function customerAnswers(quote: (name: string) => string): string[] {
  const start = quote(START_MS);
  const value = quote(VALUE_MS);
  const missing = quote(VALUE_MISSING);
  const read = `(${value} IS NOT NULL AND (${start} IS NULL OR ${value} >= ${start}))`;
  return [
    `CASE WHEN ${start} IS NOT NULL AND ${read} THEN ${value} - ${start} END AS ${quote(TIME_TO_VALUE_COLUMN)}`,
    `CASE WHEN ${start} IS NOT NULL AND ${missing} THEN '${NOT_REACHED}' END AS ${quote(NOT_REACHED_COLUMN)}`,
    `CASE WHEN ${start} IS NULL OR (NOT ${missing} AND NOT ${read}) THEN NULL WHEN ${read} THEN 1 ELSE 0 END AS ${quote(REACHED_COLUMN)}`,
  ];
}

/** The stamp columns the query reads, for the union of several files and Parquet's text step. */
export function customerStampColumns(stamps: CustomerStamps | null | undefined): string[] {
  return [stamps?.start, stamps?.firstValue, stamps?.end].flatMap((column) => (column === undefined ? [] : [column]));
}
