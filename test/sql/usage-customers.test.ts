/**
 * adoption_rate from a customers file in SQL (src/sql/usage-customers.ts): the generated SQL per
 * dialect (file snapshots), and a group's customer tuples turned into the very usage state the
 * accumulator builds from the same rows. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import type { UsageState } from '../../src/metrics/usage.js';
import type { Accumulator } from '../../src/metrics/types.js';
import { freezeState } from '../../src/scorecard/snapshot.js';
import { dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { decodeUsageState } from '../../src/sql/usage.js';
import { field, metric } from './plan-helpers.js';

const fail = (message: string, column: string): never => {
  throw new Error(`${column}: ${message}`);
};

const PLAN: SqlPlan = {
  metricIds: ['adoption_rate'],
  fields: [
    { field: field('customer_id'), column: 'Account' },
    { field: field('active'), column: 'Is active' },
  ],
  by: [{ column: 'Plan' }],
  where: [],
  period: { column: 'Start', period: 'month', tz: 'Europe/Berlin' },
  window: null,
  stamps: null,
  customerStamps: { start: 'Start', firstValue: undefined, end: 'End', book: true, tz: 'Europe/Berlin' },
  scales: DEFAULT_SCALES,
  source: { table: 'crm.customers' },
};

describe('generated SQL: adoption from a customers file', () => {
  it.each(['duckdb', 'postgres', 'bigquery', 'spark'] as const)('%s: the customer rows as tuples, no user days', async (name) => {
    const sql = generateSql(PLAN, dialectOf(name));
    const q = (text: string): string => (name === 'duckdb' || name === 'postgres' ? `"${text}"` : `\`${text}\``);
    expect(sql).toContain(`AS ${q('usage_days__customers')}`);
    expect(sql).toContain(`AS ${q('usage_days__user_days')}`);
    // No user id column in a customers file: the user-day tuples read none.
    expect(sql).not.toContain('usage_user');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/usage-customers.dialects.${name}.sql`);
  });
});

// 2024-01-01T00:00Z, 2024-02-10T00:00Z.
const JAN_1 = 1704067200000;
const FEB_10 = 1707523200000;
/** Rows as DuckDB returns them: `[start, end, active, named]`. */
const TUPLES = [
  [String(JAN_1), '', '1', '1'],
  [String(JAN_1), String(FEB_10), '0', '1'],
  // A start xla rejected and an end before it: both NaN; no flag.
  ['x', 'x', '', '1'],
  // No id, no start, a flag: a customer row by its flag.
  ['', '', '0', '0'],
  // Nothing at all: not a customer row.
  ['', '', '', '0'],
];
const cells = (customers: unknown, userDays: unknown = null) => ({
  userDays: { column: 'usage_days__user_days', cell: userDays },
  customers: { column: 'usage_days__customers', cell: customers },
  scales: DEFAULT_SCALES,
});

describe('decodeUsageState: customer tuples become the accumulator’s own state', () => {
  it('one (start, end, flag) per customer row, NaN where the row says nothing; the empty row left out', () => {
    const state = decodeUsageState(cells(JSON.stringify(TUPLES)), fail) as { customers: number[] };
    expect(state.customers).toEqual([
      JAN_1,
      Number.NaN,
      1,
      JAN_1,
      FEB_10,
      0,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      0,
    ]);
  });

  it('equals the state streaming builds from the same rows', () => {
    const accumulator = metric('adoption_rate').create({ scales: DEFAULT_SCALES, apdexT: 0, sla: {} }) as Accumulator<UsageState>;
    const state = accumulator.init();
    const none = new Set<never>();
    accumulator.add(state, { customer_id: 'c1', start_date: JAN_1, active: true, unreadable: none });
    accumulator.add(state, { customer_id: 'c2', start_date: JAN_1, end_date: FEB_10, active: false, unreadable: none });
    accumulator.add(state, { customer_id: 'c3', unreadable: new Set(['start_date', 'end_date']) });
    accumulator.add(state, { active: false, unreadable: none });
    accumulator.add(state, { unreadable: none });
    expect(decodeUsageState(cells(JSON.stringify(TUPLES)), fail)).toEqual(freezeState(state));
  });

  it('BigQuery’s list of JSON texts reads the same, and user days beside customers both count', () => {
    const bigQuery = JSON.stringify(TUPLES.map((tuple) => JSON.stringify(tuple)));
    expect(decodeUsageState(cells(bigQuery), fail)).toEqual(decodeUsageState(cells(JSON.stringify(TUPLES)), fail));
    const both = decodeUsageState(cells('[["1","0","1","1"]]', '[["u1","2024-01-02"]]'), fail) as { customers: number[]; days: unknown };
    expect(both.customers).toEqual([1, 0, 1]);
    expect(both.days).not.toEqual(decodeUsageState(cells(null), fail));
  });

  it.each([
    ['a tuple of another width', [['1', '']], 'not a list of 4-tuples'],
    ['a stamp that is no whole ms', [['1.5', '', '', '1']], '"1.5" is not a stamp in ms'],
    ['a flag other than 1, 0 or blank', [['', '', 'yes', '1']], '"yes" is not 1, 0 or blank'],
    ['a named mark other than 1 or 0', [['', '', '', '']], '"" is not 1 or 0'],
  ])('%s is refused, naming the column', (_, tuples, message) => {
    expect(() => decodeUsageState(cells(JSON.stringify(tuples)), fail)).toThrow(`usage_days__customers: `);
    expect(() => decodeUsageState(cells(JSON.stringify(tuples)), fail)).toThrow(message);
  });
});
