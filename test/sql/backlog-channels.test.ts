/**
 * The ticket states kept per entity (src/sql/backlog-channels.ts): the generated queries per
 * dialect (file snapshots), and rows as an engine returns them turned, through the metrics' own
 * accumulators, into the states a streaming run builds. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { expectedColumns, snapshotOfRows, SqlRowError } from '../../src/sql/states.js';
import { field, metric, resultsOfRows } from './plan-helpers.js';

const IDS = ['backlog', 'backlog.age.p90', 'channel_switch_rate'];

const PLAN: SqlPlan = {
  metricIds: IDS,
  fields: [
    { field: field('requester'), column: 'Requester' },
    { field: field('channel'), column: 'Channel' },
  ],
  by: [{ column: 'Team' }],
  where: [],
  period: null,
  window: null,
  stamps: { columns: { created_at: 'Created', first_response_at: 'First Response', resolved_at: 'Resolved' }, status: 'Status', tz: 'UTC' },
  scales: DEFAULT_SCALES,
  source: { table: 'support.tickets' },
};

describe('generated SQL of the backlog and channel switching', () => {
  it.each(DIALECT_NAMES)('%s: one interval per ticket, the distinct requester-channel pairs with their rows', async (name) => {
    const sql = generateSql(PLAN, dialectOf(name));
    // Both backlog metrics read one column of intervals, named once.
    expect(sql.match(/AS [`"]backlog_intervals__tickets[`"]/g)).toHaveLength(1);
    expect(sql).toContain("'unreadable'");
    // Partitioned as the groups are: by the segment, then the pair.
    expect(sql).toMatch(/COUNT\(\*\) OVER \(PARTITION BY [`"]segment_1[`"], COALESCE\(/);
    // "now" without --as-of: the newest event stamps, as for the SLA clocks.
    expect(sql).toMatch(/MAX\([`"]newest_resolved_at[`"]\)/);
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-backlog-channels.${name}.sql`);
  });

  it('a text field is its trimmed text, not a number', () => {
    const sql = generateSql(PLAN, dialectOf('duckdb'));
    const dialect = dialectOf('duckdb');
    expect(sql).toContain(`${dialect.trimmedText('"Requester"')} AS "n_requester"`);
  });
});

describe('rows of the backlog → the state a streaming run builds', () => {
  const withoutCheckpoints = {
    metrics: ['backlog', 'backlog.age.p90'].map(metric),
    by: [],
    period: null,
    fedIds: new Set(['backlog', 'backlog.age.p90']),
    scales: DEFAULT_SCALES,
  };
  // The checkpoints of resultsOfRows' scorecard judged at 5000: no period, asOf 5000.
  const plan = { ...withoutCheckpoints, checkpoints: { periods: null, asOf: 5000 } };
  // Created/ended in ms: two tickets share both stamps (not distinct); one closed at 3000, one at 6000; one unreadable.
  const row = {
    rows: 7,
    backlog_intervals__tickets: '[["1000","3000"],["1500","open"],["2000","open"],["2000","open"],["4000","6000"],["6000","open"]]',
    backlog_intervals__unreadable: 1,
  };

  it('names the columns once for both metrics', () => {
    expect(expectedColumns(plan)).toEqual(['rows', 'backlog_intervals__tickets', 'backlog_intervals__unreadable']);
  });

  it('the tickets open at asOf and their ages', () => {
    const [backlog, age] = resultsOfRows([row], plan, 5000);
    // Created by 5000: 1000, 1500, 2000, 2000, 4000 (n 5); open then: all but the one closed at 3000.
    expect(backlog).toMatchObject({ metric: 'backlog', value: 4, n: 5, detail: { as_of: 5000, excluded_unreadable: 1 } });
    // Ages (s) 1, 3, 3, 3.5: type 7 at 0.9 → h = 2.7 → 3 + 0.7 × 0.5.
    expect(age).toMatchObject({ metric: 'backlog.age.p90', n: 4, detail: { as_of: 5000, excluded_unreadable: 1 } });
    expect(age?.value).toBeCloseTo(3.35, 12);
  });

  it("BigQuery's list of JSON texts reads the same", () => {
    const bigquery = { ...row, backlog_intervals__tickets: JSON.stringify(JSON.parse(row.backlog_intervals__tickets).map(JSON.stringify)) };
    expect(resultsOfRows([bigquery], plan, 5000)[0]).toMatchObject({ value: 4, n: 5 });
  });

  it('a stamp that is not whole ms is a row error naming the column', () => {
    expect(() => snapshotOfRows([{ ...row, backlog_intervals__tickets: '[["1000.5","open"]]' }], plan)).toThrow(SqlRowError);
    expect(() => snapshotOfRows([{ ...row, backlog_intervals__tickets: '[["1000"]]' }], plan)).toThrow(
      /backlog_intervals__tickets|2-tuples/,
    );
  });

  it("without the scorecard's checkpoints the state is not built (its shape depends on them)", () => {
    expect(() => snapshotOfRows([row], withoutCheckpoints)).toThrow(/checkpoints/);
  });
});

describe('rows of channel switching → the state a streaming run builds', () => {
  const plan = {
    metrics: [metric('channel_switch_rate')],
    by: [],
    period: null,
    fedIds: new Set(['channel_switch_rate']),
    scales: DEFAULT_SCALES,
  };
  const pairs = [
    ['anna', 'Email', '2'],
    ['anna', ' email', '1'],
    ['ben', 'Chat', '1'],
    ['ben', 'Email, Phone', '1'],
    ['', 'Phone', '3'],
    ['n/a', 'Email', '1'],
    ['cara', 'chat; CHAT', '2'],
  ];

  it('each pair read as xla reads the cells, fed once per row', () => {
    const [result] = resultsOfRows([{ rows: 11, channel_switch_rate__pairs: JSON.stringify(pairs) }], plan);
    // anna: email only; ben: chat, then email and phone; cara: chat only → 1 of 3.
    // One ticket named two channels (ben's); "chat; CHAT" is one. No requester: blank (3 rows) and n/a.
    expect(result).toMatchObject({
      value: 100 / 3,
      n: 3,
      detail: { x: 1, n: 3, multi_channel_tickets: 1, excluded_no_requester: 4 },
    });
  });

  it('a count that is not a whole number of rows is a row error', () => {
    expect(() => snapshotOfRows([{ rows: 1, channel_switch_rate__pairs: '[["a","Email","0"]]' }], plan)).toThrow(SqlRowError);
  });
});
