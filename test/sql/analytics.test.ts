/**
 * The analytics part of the SQL pushdown (src/sql/analytics.ts): the generated SQL per dialect
 * (file snapshots), and rows as an engine returns them turned into the states the analytics
 * accumulators build. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { apdexTMs, shiftDecimalText } from '../../src/sql/analytics.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { expectedColumns, snapshotOfRows, SqlRowError, type SqlRow } from '../../src/sql/states.js';
import { field, metric, resultsOfRows } from './plan-helpers.js';

const PLAN: SqlPlan = {
  metricIds: ['bounce_rate', 'error_rate', 'engagement_time.mean', 'apdex', 'response_time.p95'],
  fields: [
    { field: field('sessions'), column: 'Sessions' },
    { field: field('bounces'), column: 'Bounces' },
    { field: field('bounce_rate'), column: 'Bounce rate' },
    { field: field('engagement_time'), column: 'Engagement (min)', unit: 'min' },
    { field: field('status_code'), column: 'HTTP status' },
    { field: field('response_time'), column: 'Latency (ms)', unit: 'ms' },
  ],
  by: [{ column: 'Channel' }],
  where: [],
  period: null,
  window: null,
  stamps: null,
  scales: DEFAULT_SCALES,
  source: { table: 'web.daily' },
  apdexT: 0.3,
};

const TASK_PLAN: SqlPlan = {
  ...PLAN,
  metricIds: ['task_success_rate', 'task_time.median', 'task_time.geomean', 'clicks_to_complete.mean', 'task_error_rate'],
  fields: [
    { field: field('task_success'), column: 'Outcome' },
    { field: field('task_time'), column: 'Duration', unit: 's' },
    { field: field('task_clicks'), column: 'Clicks' },
    { field: field('task_errors'), column: 'Misclicks' },
  ],
  by: [{ column: 'Mission' }],
  apdexT: undefined,
};

describe('generated SQL of the analytics metrics', () => {
  it.each(DIALECT_NAMES)('%s: rates, a per-session mean in minutes, Apdex and a percentile in ms', async (name) => {
    await expect(generateSql(PLAN, dialectOf(name))).toMatchFileSnapshot(`__snapshots__/analytics-web.${name}.sql`);
  });

  it.each(DIALECT_NAMES)('%s: task attempts by mission', async (name) => {
    await expect(generateSql(TASK_PLAN, dialectOf(name))).toMatchFileSnapshot(`__snapshots__/analytics-tasks.${name}.sql`);
  });

  it('writes Apdex T in milliseconds from its shortest decimal, and shifts decimals in their digits', () => {
    expect(apdexTMs(0.5)).toBe('500');
    expect(apdexTMs(0.3)).toBe('300');
    expect(apdexTMs(1.2345)).toBe('1234.5');
    expect(shiftDecimalText('1234.500000', 3)).toBe('1.234500000');
    expect(shiftDecimalText('5', 3)).toBe('0.005');
    expect(shiftDecimalText('0.25', -3)).toBe('250');
  });
});

describe('analytics rows → states', () => {
  const metrics = ['bounce_rate', 'engagement_time.mean', 'apdex', 'response_time.p95', 'task_time.geomean'].map(metric);
  const plan = {
    metrics,
    by: [] as string[],
    period: null,
    fedIds: new Set(metrics.map((one) => one.id)),
    scales: DEFAULT_SCALES,
  };
  // Every counted field's unread cells (unread.ts): none.
  const noneUnread = Object.fromEntries(
    expectedColumns(plan)
      .filter((column) => column.endsWith('__unread'))
      .map((column) => [column, '0']),
  );
  const row: SqlRow = {
    ...noneUnread,
    rows: '3',
    bounce_rate__x: '362.000000000000000000000',
    bounce_rate__n: '801',
    engagement_time_mean__numerator: '7200500.000000',
    engagement_time_mean__denominator: '1200',
    apdex__satisfied: '2',
    apdex__tolerating: '1',
    apdex__frustrated: '1',
    response_time_p95__values: '[250.000000, 500.000000, 750.000000, 2500.000000]',
    task_time_values__values: '{1000,4000.0}',
    task_time_values__excluded_failed: '2',
    task_time_values__excluded_no_outcome: '1',
  };

  const results = (rows: readonly SqlRow[]) => resultsOfRows(rows, plan);
  const find = (all: ReturnType<typeof results>, id: string) => all.find((result) => result.metric === id);

  it('names a column per state part, and one per field for its unread cells (unread.ts)', () => {
    expect(expectedColumns(plan)).toContain('task_time_values__values');
    expect(expectedColumns(plan)).toContain('response_time__unread');
    expect(expectedColumns(plan)).toContain('sessions__unread');
    expect(expectedColumns(plan)).not.toContain('apdex__unread');
    // A yes/no cell reads alike in SQL and xla: task_success is not counted.
    expect(expectedColumns(plan)).not.toContain('task_success__unread');
  });

  it('finishes the states as the accumulators would', () => {
    const all = results([row]);
    // 362 bounces of 801 sessions, as exact sums.
    expect(find(all, 'bounce_rate')).toMatchObject({ n: 801, detail: { x: 362, n: 801 } });
    expect(find(all, 'bounce_rate')?.value).toBeCloseTo((100 * 362) / 801, 12);
    // 7,200,500 ms = 7200.5 s over 1200 sessions.
    expect(find(all, 'engagement_time.mean')).toMatchObject({ value: 7200.5 / 1200, n: 1200 });
    expect(find(all, 'apdex')).toMatchObject({ value: 2.5 / 4, n: 4, detail: { satisfied: 2, tolerating: 1, frustrated: 1 } });
    // 0.25, 0.5, 0.75, 2.5 s: h = 3 × 0.95 = 2.85, 0.75 + 0.85 × 1.75.
    expect(find(all, 'response_time.p95')?.value).toBeCloseTo(0.75 + 0.85 * 1.75, 12);
    // exp(mean(ln 1, ln 4)) = 2; the failed and outcome-less attempts counted.
    expect(find(all, 'task_time.geomean')).toMatchObject({
      n: 2,
      detail: { excluded_failed: 2, excluded_no_outcome: 1, excluded_zero: 0 },
    });
    expect(find(all, 'task_time.geomean')?.value).toBeCloseTo(2, 12);
  });

  it('names the row and column of a list out of order or a sum that is no decimal', () => {
    expect(() => snapshotOfRows([{ ...row, response_time_p95__values: '[500, 250]' }], plan)).toThrow(SqlRowError);
    try {
      snapshotOfRows([row, { ...row, bounce_rate__x: '1e3' }], plan);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ rowIndex: 1, column: 'bounce_rate__x', message: '"1e3" is not a plain decimal' });
    }
  });
});
