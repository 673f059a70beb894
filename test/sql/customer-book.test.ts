/**
 * The customer book in SQL (src/sql/customer-book.ts): a group's rows as tuples of texts, read
 * back through the metrics' own accumulators into the CustomerBook and TenureState streaming
 * builds, and the query that returns them, per dialect (file snapshots).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { CUSTOMER_BOOK, tenureMean } from '../../src/metrics/customers.js';
import type { Accumulator } from '../../src/metrics/types.js';
import { reviveState } from '../../src/scorecard/snapshot.js';
import { bookState } from '../../src/sql/customer-book.js';
import { dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { field } from './plan-helpers.js';

const fail = (message: string): never => {
  throw new Error(message);
};

// 2024-01-05T00:00Z, 2024-01-10T00:00Z, 2024-02-15T00:00Z.
const JAN_5 = 1704412800000;
const JAN_10 = 1704844800000;
const FEB_15 = 1707955200000;
/** Three rows as DuckDB returns them: A open, a row whose start xla rejected (tenure 12 months), B ended, 1.5 months' tenure. */
const TUPLES = [
  [String(JAN_5), '', '0', '100.500000', '200.000000', '3.000000', '', 'mo'],
  ['x', '', '1', '', '', '', '12.000000', 'mo'],
  [String(JAN_10), String(FEB_15), '1', '49.990000', '', '1.000000', '1.500000', 'mo'],
];

describe('bookState: the tuples become the accumulators’ own state', () => {
  it('the CustomerBook: one entry per readable row, NaN where a row says nothing, the rejected start counted unreadable', () => {
    expect(bookState('customer-book', JSON.stringify(TUPLES), fail)).toEqual({
      start: [JAN_5, JAN_10],
      end: [Number.NaN, FEB_15],
      churned: [0, 1],
      revenue: [100.5, 49.99],
      cost: [200, Number.NaN],
      orders: [3, 1],
      // 1.5 average months of 30.436875 days: 3,944,619 s.
      tenure: [Number.NaN, 3_944_619],
      unreadable: 1,
    });
  });

  it('BigQuery’s list of JSON texts reads the same', () => {
    const bigQuery = JSON.stringify(TUPLES.map((tuple) => JSON.stringify(tuple)));
    expect(bookState('customer-book', bigQuery, fail)).toEqual(bookState('customer-book', JSON.stringify(TUPLES), fail));
  });

  it('tenure.mean: the tenures given, the open customer to the as-of, the rejected start’s tenure kept', () => {
    const accumulator = tenureMean() as Accumulator<unknown>;
    const state = reviveState(bookState('customer-tenure', JSON.stringify(TUPLES), fail));
    // As of 2024-01-15T00:00Z: A open 10 days (864,000 s); 12 months 31,556,952 s; 1.5 months 3,944,619 s.
    const value = accumulator.finish(state, { confidence: 0.95, asOf: JAN_5 + 10 * 86_400_000, windowStart: undefined });
    expect(value.n).toBe(3);
    expect(value.value).toBe((864_000 + 31_556_952 + 3_944_619) / 3);
    expect(value.detail).toMatchObject({ active_to_as_of: 1, excluded_not_started: 0 });
  });

  it('equals the book streaming builds from the same rows', () => {
    const book = CUSTOMER_BOOK.init();
    CUSTOMER_BOOK.add(book, { start_date: JAN_5, churned: false, revenue: 100.5, acquisition_cost: 200, orders: 3, unreadable: new Set() });
    CUSTOMER_BOOK.add(book, { churned: true, tenure: 31_556_952, unreadable: new Set(['start_date']) });
    CUSTOMER_BOOK.add(book, {
      start_date: JAN_10,
      end_date: FEB_15,
      churned: true,
      revenue: 49.99,
      orders: 1,
      tenure: 3_944_619,
      unreadable: new Set(),
    });
    expect(bookState('customer-book', JSON.stringify(TUPLES), fail)).toEqual(book);
  });

  it('a group without rows is an empty book', () => {
    expect(bookState('customer-book', null, fail)).toEqual(CUSTOMER_BOOK.init());
  });

  it.each([
    ['a tuple of another width', [['1', '']], 'not a list of 8-tuples'],
    ['a stamp that is no whole ms', [['1.5', '', '', '', '', '', '', 's']], '"1.5" is not a stamp in ms'],
    ['a flag other than 1, 0 or blank', [['', '', 'yes', '', '', '', '', 's']], '"yes" is not 1, 0 or blank'],
    ['a number with an exponent', [['', '', '', '1e3', '', '', '', 's']], '"1e3" is not a plain decimal'],
    ['a unit xla has not', [['', '', '', '', '', '', '2', 'yr']], '"yr" is not a unit of tenure'],
  ])('%s is refused, never read otherwise', (_, tuples, message) => {
    expect(() => bookState('customer-book', JSON.stringify(tuples), fail)).toThrow(message);
  });
});

const BOOK_METRICS = [
  'retention_rate',
  'churn_rate',
  'arpa',
  'clv',
  'clv.purchase',
  'clv.discounted',
  'cac',
  'ltv_cac_ratio',
  'tenure.mean',
];

const PLAN: SqlPlan = {
  metricIds: BOOK_METRICS,
  fields: [
    { field: field('churned'), column: 'Churn' },
    { field: field('revenue'), column: 'MRR' },
    { field: field('acquisition_cost'), column: 'CAC' },
    { field: field('orders'), column: 'Orders' },
    { field: field('tenure'), column: 'Tenure', unit: 'mo' },
  ],
  by: [{ column: 'Plan' }],
  where: [],
  period: { column: 'Start', period: 'month', tz: 'Europe/Berlin' },
  // From 2024-02-01T00:00 in Berlin (2024-01-31T23:00Z): customers started before it are kept while they last.
  window: { column: 'Start', tz: 'Europe/Berlin', from: 1706742000000, to: undefined, lasts: { end: 'End' } },
  stamps: null,
  customerStamps: { start: 'Start', firstValue: undefined, end: 'End', book: true, tz: 'Europe/Berlin' },
  scales: DEFAULT_SCALES,
  source: { table: 'crm.customers' },
};

describe('generated SQL: the customer book', () => {
  it.each(['duckdb', 'postgres', 'bigquery', 'spark'] as const)('%s: one tuple list per group, the newest stamps', async (name) => {
    const sql = generateSql(PLAN, dialectOf(name));
    const q = (text: string): string => (name === 'duckdb' || name === 'postgres' ? `"${text}"` : `\`${text}\``);
    // Nine metrics, one column: the book's rows, which tenure.mean reads too.
    expect(sql.match(new RegExp(`AS ${q('customers_book__rows')}`, 'g'))).toHaveLength(1);
    expect(sql).toContain(`AS ${q('newest_end_date')}`);
    // Money, orders and tenure counted where xla may read a cell the SQL does not.
    for (const column of ['revenue__unread', 'acquisition_cost__unread', 'orders__unread', 'tenure__unread'])
      expect(sql).toContain(q(column));
    expect(sql).toContain("'mo' AS");
    expect(sql).toContain(' < 1706742000000 AND (');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/customers-book.dialects.${name}.sql`);
  });
});
