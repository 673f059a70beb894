/**
 * The customer book in SQL (metrics/customers.ts): retention_rate, churn_rate, arpa, clv,
 * clv.purchase, clv.discounted, cac, ltv_cac_ratio share one CustomerBook per group, tenure.mean
 * keeps its TenureState; both are read from the same rows. The query returns each group's rows as
 * tuples of texts (Dialect.tupleListText, not distinct: every row counts), each value exactly as
 * xla reads it: the stamps' epoch ms (or `x` when rejected), the yes/no flag, the accepted numbers
 * as exact decimals, the tenure's plain number and its unit. Here they become the very rows the
 * accumulators take, and the accumulators' own `add` builds the state: one definition.
 */
import type { CanonicalRow, FieldId } from '../fields/types.js';
import { convertToSeconds, MS_PER, type PlainDurationUnit } from '../fields/units.js';
import { CUSTOMER_BOOK, tenureMean } from '../metrics/customers.js';
import type { Accumulator } from '../metrics/types.js';
import { freezeState, type FrozenState } from '../scorecard/snapshot.js';
import type { Dialect } from './dialects.js';
import { tuplesOf } from './tuples.js';

/** The fields the book reads besides its stamps, in tuple order; tenure.mean reads the tenure alone. */
export const BOOK_FIELDS = ['churned', 'revenue', 'acquisition_cost', 'orders', 'tenure'] as const satisfies readonly FieldId[];

/** The answers' columns of a row's tuple (generate.ts), in tuple order: start, end, then BOOK_FIELDS, then the tenure's unit. */
/** The answers' columns of a row's stamps, which adoption's customer rows read too (usage-customers.ts). */
export const BOOK_STAMP_ITEMS = { start: 'bk_start', end: 'bk_end' } as const;
const BOOK_ITEMS = [BOOK_STAMP_ITEMS.start, BOOK_STAMP_ITEMS.end, ...BOOK_FIELDS.map((field) => `bk_${field}`), 'bk_unit'] as const;
const WIDTH = BOOK_ITEMS.length;

/** A stamp xla rejected (no date, or an end before the start): the row is "unreadable" there, not missing. */
const REJECTED = 'x';

/** How generate.ts reads the row: a stamp's epoch ms and whether it is missing, a field's accepted value (NULL when unbound). */
export interface BookReading {
  ms: (stamp: 'start' | 'end') => string;
  missing: (stamp: 'start' | 'end') => string;
  accepted: (field: FieldId) => string;
  /** A field's plain number as read (before its range): the tenure's amount in its unit. */
  number: (field: FieldId) => string;
  unit: PlainDurationUnit;
}

/**
 * The answers' items of a row, each non-NULL text: the start's ms ('' missing, `x` rejected), the
 * end's (also rejected before the start, kinds/customers.ts orderedStamps), churned `1`/`0`/'',
 * revenue, acquisition cost and orders as exact decimals, the tenure's amount when accepted, its unit.
 */
export function bookAnswers(reading: BookReading, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  const text = (expression: string): string => `COALESCE(${dialect.decimalText(expression)}, '')`;
  const start = reading.ms('start');
  const end = reading.ms('end');
  const stamp = (ms: string, read: string, missing: string): string =>
    `CASE WHEN ${read} THEN ${dialect.decimalText(ms)} WHEN ${missing} THEN '' ELSE '${REJECTED}' END`;
  const accepted = (field: FieldId): string | undefined => (reading.accepted(field) === 'NULL' ? undefined : reading.accepted(field));
  const churned = accepted('churned');
  const tenure = accepted('tenure');
  const items = [
    stamp(start, `${start} IS NOT NULL`, reading.missing('start')),
    stamp(end, `${end} IS NOT NULL AND (${start} IS NULL OR ${end} >= ${start})`, reading.missing('end')),
    churned === undefined ? "''" : `CASE WHEN ${churned} THEN '1' WHEN NOT ${churned} THEN '0' ELSE '' END`,
    ...(['revenue', 'acquisition_cost', 'orders'] as const).map((field) => {
      const value = accepted(field);
      return value === undefined ? "''" : text(value);
    }),
    tenure === undefined ? "''" : text(`CASE WHEN ${tenure} IS NOT NULL THEN ${reading.number('tenure')} END`),
    `'${reading.unit}'`,
  ];
  return items.map((item, i) => `${item} AS ${q(BOOK_ITEMS[i] ?? '')}`);
}

/** The group's rows as tuples (the state part's aggregate). */
export function bookTuples(dialect: Dialect): string {
  return dialect.tupleListText(
    BOOK_ITEMS.map((item) => dialect.quoteName(item)),
    'TRUE',
    false,
  );
}

/** The metrics read from the book's rows (recipes.ts): the book's eight and tenure.mean. */
export const BOOK_METRIC_IDS = [
  'retention_rate',
  'churn_rate',
  'arpa',
  'clv',
  'clv.purchase',
  'clv.discounted',
  'cac',
  'ltv_cac_ratio',
  'tenure.mean',
] as const;

export const isBookMetric = (id: string): boolean => (BOOK_METRIC_IDS as readonly string[]).includes(id);

/** Whether the book reads this field as a plain number, fractions and signs included (survey.ts's ESI check does not apply). */
export const isBookNumber = (field: FieldId): boolean => (BOOK_FIELDS as readonly FieldId[]).includes(field) && field !== 'tenure';

/** Why a book field's cell was unread, for the refusal (sql-run.ts); undefined for the tenure, read as survey durations are. */
export function bookUnreadWhy(field: FieldId): string | undefined {
  if (!isBookNumber(field)) return undefined;
  return 'a number with separators, a currency sign, a percent sign or an exponent: the SQL reads plain numbers only, at most 12 digits before the point and 6 after';
}

/** The state of `shape` from a group's tuples, through the metric's own accumulator, frozen as the scorecard freezes it. */
export function bookState(shape: 'customer-book' | 'customer-tenure', cell: unknown, fail: (message: string) => never): FrozenState {
  const accumulator = (shape === 'customer-book' ? CUSTOMER_BOOK : tenureMean()) as Accumulator<unknown>;
  const state = accumulator.init();
  // One row refilled per tuple, as the row builder does: the accumulators keep numbers, not rows.
  const unreadable = new Set<FieldId>();
  const row: CanonicalRow = { unreadable };
  for (const tuple of tuplesOf(cell, WIDTH, fail)) {
    fillRow(row, unreadable, tuple, fail);
    accumulator.add(state, row);
  }
  // Shared, not copied: nothing else holds the state.
  return freezeState(state, { share: true });
}

/** The row the accumulators take: each value as the row builder leaves it, a rejected stamp marked unreadable. */
function fillRow(row: CanonicalRow, unreadable: Set<FieldId>, tuple: readonly string[], fail: (message: string) => never): void {
  const [start = '', end = '', churned = '', revenue = '', cost = '', orders = '', tenure = '', unit = ''] = tuple;
  unreadable.clear();
  const stamp = (text: string, field: FieldId): number | undefined => bookStampOf(text, field, unreadable, fail);
  if (!Object.hasOwn(MS_PER, unit)) fail(`"${unit}" is not a unit of tenure`);
  const amount = decimalOf(tenure, fail);
  row.start_date = stamp(start, 'start_date');
  row.end_date = stamp(end, 'end_date');
  row.churned = churned === '' ? undefined : churned === '1' ? true : churned === '0' ? false : fail(`"${churned}" is not 1, 0 or blank`);
  row.revenue = decimalOf(revenue, fail);
  row.acquisition_cost = decimalOf(cost, fail);
  row.orders = decimalOf(orders, fail);
  // As the row builder reads a plain amount (fields/units.ts); + 0: `-0` is 0, as xla reads it.
  row.tenure = amount === undefined ? undefined : convertToSeconds(amount + 0, unit as PlainDurationUnit);
}

/** A stamp item as the row builder leaves it: its ms, undefined when missing or rejected (then marked unreadable). */
export function bookStampOf(text: string, field: FieldId, unreadable: Set<FieldId>, fail: (message: string) => never): number | undefined {
  if (text === REJECTED) unreadable.add(field);
  if (text === '' || text === REJECTED) return undefined;
  const ms = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(ms) ? ms : fail(`"${text}" is not a stamp in ms`);
}

/** An exact decimal's text as xla reads the cell's number: the same value, so the same double. */
function decimalOf(text: string, fail: (message: string) => never): number | undefined {
  if (text === '') return undefined;
  // `-0` is 0 to xla (fields/units.ts toNumber).
  return /^[+-]?(\d+([.]\d*)?|[.]\d+)$/.test(text) ? Number(text) + 0 : fail(`"${text}" is not a plain decimal`);
}
