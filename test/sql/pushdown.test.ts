/**
 * The SQL pushdown's pure parts: the generated SQL per dialect (file snapshots, read as SQL), and
 * rows as an engine returns them turned into the states a scorecard finishes. Expected values
 * are worked out by hand from fixtures/survey/responses.csv (the Desk and Network answers).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { METRICS } from '../../src/metrics/registry.js';
import { RECIPES } from '../../src/sql/recipes.js';
import { expectedColumns, snapshotOfRows, SqlRowError, type SqlRow } from '../../src/sql/states.js';
import { exactSumOfDecimalText, roundSum } from '../../src/stats/exact-sum.js';
import { field, metric, resultsOfRows } from './plan-helpers.js';

const PLAN: SqlPlan = {
  metricIds: ['nps', 'csat', 'csat.mean', 'ces.easy'],
  fields: [
    { field: field('nps'), column: 'How likely are you to recommend us?' },
    { field: field('csat'), column: 'Satisfaction' },
    { field: field('ces'), column: 'Customer "Effort"' },
  ],
  by: [{ column: 'Team' }],
  where: [{ column: 'Region', values: ["O'Hare", 'EU'] }],
  period: null,
  window: null,
  stamps: null,
  scales: DEFAULT_SCALES,
  source: { table: 'survey.responses' },
};

describe('the recipes', () => {
  it('cover every registered metric: the pushdown refuses a metric only for its files or options, by name', () => {
    expect(METRICS.map((metric) => metric.id).filter((id) => !RECIPES.has(id))).toEqual([]);
    expect([...RECIPES.keys()].filter((id) => !METRICS.some((metric) => metric.id === id))).toEqual([]);
  });
});

describe('generated SQL', () => {
  it.each(DIALECT_NAMES)('%s: the query over a table, by a column, with a filter', async (name) => {
    await expect(generateSql(PLAN, dialectOf(name))).toMatchFileSnapshot(`__snapshots__/responses-by-team.${name}.sql`);
  });

  it.each(['duckdb', 'postgres'] as const)('%s: by ISO week of an ISO 8601 column, on the wall clock of --tz', async (name) => {
    const sql = generateSql(
      {
        ...PLAN,
        where: [],
        period: { column: 'Submitted At', period: 'week', tz: 'Europe/Berlin' },
        // 2024-01-01T00:00Z to 2024-04-01T00:00Z.
        window: { column: 'Submitted At', tz: 'Europe/Berlin', from: 1704067200000, to: 1711929600000 },
      },
      dialectOf(name),
    );
    expect(sql).toContain(' >= 1704067200000');
    expect(sql).toContain(name === 'duckdb' ? "'%G-W%V'" : '\'IYYY-"W"IW\'');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/responses-by-week.${name}.sql`);
  });

  it('duckdb reads a CSV file itself, every column as text', async () => {
    const sql = generateSql(
      { ...PLAN, by: [], where: [], source: { files: ["data/it's.csv"], format: 'csv', delimiter: ';' } },
      dialectOf('duckdb'),
    );
    expect(sql).toContain(`FROM read_csv(['data/it''s.csv'], header = true, all_varchar = true, delim = ';', quote = '"', escape = '"')`);
    // No segment: one row for the whole input, no GROUP BY.
    expect(sql).not.toContain('GROUP BY');
    await expect(sql).toMatchFileSnapshot('__snapshots__/responses-file.duckdb.sql');
  });

  it('quotes a name with the dialect quote doubled or escaped, so it stays a name', () => {
    expect(generateSql(PLAN, dialectOf('postgres'))).toContain('"Customer ""Effort"""');
    expect(generateSql(PLAN, dialectOf('bigquery'))).toContain('`survey.responses`');
    expect(generateSql(PLAN, dialectOf('spark'))).toContain('`survey`.`responses`');
    expect(generateSql(PLAN, dialectOf('spark'))).toContain("'O\\'Hare'");
  });

  it("CSAT reads a ticket's satisfaction when the survey csat is not bound, and both in order when both are", () => {
    const both = generateSql({ ...PLAN, fields: [...PLAN.fields, { field: field('satisfaction'), column: 'sat' }] }, dialectOf('duckdb'));
    expect(both).toContain('COUNT(CASE WHEN COALESCE("v_csat", "v_satisfaction") >= 4 THEN 1 END) AS "csat__x"');
  });

  it('top-two-box and midpoint follow the configured scales (CSAT on 1–7: 6–7; CES on 1–5: above 3)', () => {
    const sql = generateSql({ ...PLAN, scales: { ...DEFAULT_SCALES, csat: [1, 7], ces: [1, 5] } }, dialectOf('duckdb'));
    expect(sql).toContain('"v_csat" >= 6');
    expect(sql).toContain('"v_ces" > 3');
    expect(sql).toContain('"n_csat" BETWEEN 1 AND 7');
  });
});

describe("exact sums from an engine's decimal text", () => {
  it.each([
    ['19', 0, 19],
    ['19.000000', 6, 19],
    ['-4.25', 2, -4.25],
    ['0.1', 6, 0.1],
    // 2^53 + 1 is no double: the sum holds it exactly and rounds once, to 2^53.
    ['9007199254740993', 0, 9007199254740992],
    ['123456789012345678901234567890.5', 1, 1.2345678901234568e29],
  ])('%s at %i places is %d', (text, places, value) => {
    const sum = exactSumOfDecimalText(text, places);
    expect(sum).toBeDefined();
    expect(roundSum(sum ?? { places: 0, units: Number.NaN, low: 0, wide: [], binary: [], huge: [] })).toBe(value);
  });

  it('refuses what is no plain decimal, or has more places than asked', () => {
    expect(exactSumOfDecimalText('1e3', 0)).toBeUndefined();
    expect(exactSumOfDecimalText('1.25', 1)).toBeUndefined();
    expect(exactSumOfDecimalText('', 0)).toBeUndefined();
  });
});

describe('rows to states', () => {
  const metrics = ['nps', 'csat', 'csat.mean', 'ces.easy'].map(metric);
  const plan = { metrics, by: ['Team'], period: null, fedIds: new Set(metrics.map((m) => m.id)), scales: DEFAULT_SCALES };
  // Desk: nps 9, 8, 6, 10, 9 (and an 11, rejected); csat 3, 2, 5, 4, 5; ces 5, 4, 2, 7, 5.
  // Network: nps 10, 9, 7, 5, 3; csat 5, 4, 1, 4, 3; ces 7, 6, 3, 1, 6.
  const rows: SqlRow[] = [
    {
      segment_1: 'Desk',
      rows: 6n,
      nps__promoters: 3n,
      nps__passives: 1n,
      nps__detractors: 1n,
      csat__x: 3,
      csat__n: 5,
      csat_mean__n: 5,
      csat_mean__sum: '19.000000',
      csat_mean__squares: '79.000000000000',
      ces_easy__x: 3,
      ces_easy__n: 5,
    },
    {
      segment_1: 'Network',
      rows: '5',
      nps__promoters: '2',
      nps__passives: '1',
      nps__detractors: '2',
      csat__x: '3',
      csat__n: '5',
      csat_mean__n: '5',
      csat_mean__sum: '17',
      csat_mean__squares: '67',
      ces_easy__x: '3',
      ces_easy__n: '5',
    },
  ];

  const results = (input: readonly SqlRow[]) => resultsOfRows(input, plan);
  const find = (all: ReturnType<typeof results>, id: string, team?: string) =>
    all.find((result) => result.metric === id && result.segment.Team === team);

  it('the columns the rows must have, in the order the SQL returns them', () => {
    expect(expectedColumns(plan)).toEqual([
      'segment_1',
      'rows',
      // The cells xla reads and the SQL does not, per field a metric reads (bound or not), in name order.
      'ces__unread',
      'csat__unread',
      'nps__unread',
      'satisfaction__unread',
      'nps__promoters',
      'nps__passives',
      'nps__detractors',
      'csat__x',
      'csat__n',
      'csat_mean__n',
      'csat_mean__sum',
      'csat_mean__squares',
      'ces_easy__x',
      'ces_easy__n',
    ]);
  });

  it('finishes each segment and the merged overall row as the accumulators would', () => {
    const all = results(rows);
    expect(find(all, 'nps', 'Desk')).toMatchObject({ value: 40, n: 5, detail: { promoters: 3, passives: 1, detractors: 1 } });
    expect(find(all, 'nps', 'Network')).toMatchObject({ value: 0, n: 5 });
    // Overall: 5 promoters, 2 passives, 3 detractors of 10.
    expect(find(all, 'nps')).toMatchObject({ value: 20, n: 10 });
    expect(find(all, 'csat')).toMatchObject({ value: 60, n: 10 });
    // Desk CSAT mean 19/5 = 3.8, variance (5·79 − 19²)/(5·4) = 1.7.
    expect(find(all, 'csat.mean', 'Desk')).toMatchObject({ value: 3.8, n: 5, detail: { sd: Math.sqrt(1.7) } });
    // Overall 36/10; variance (10·146 − 36²)/(10·9) = 164/90.
    expect(find(all, 'csat.mean')).toMatchObject({ value: 3.6, n: 10, detail: { sd: Math.sqrt(164 / 90) } });
    expect(find(all, 'ces.easy', 'Network')).toMatchObject({ value: 60, n: 5 });
  });

  it('a group of no rows (a query without GROUP BY over nothing) makes no cell', () => {
    const all = results([{ ...rows[0], rows: 0, segment_1: 'Empty' }]);
    expect(all.filter((result) => result.segment.Team === 'Empty')).toEqual([]);
    expect(find(all, 'nps')).toMatchObject({ value: null, n: 0 });
  });

  it('names the row and column of a value that is not what the contract says', () => {
    const bad = [{ ...rows[0], csat_mean__sum: '1.9e1' }];
    expect(() => snapshotOfRows(bad, plan)).toThrow(SqlRowError);
    try {
      snapshotOfRows([rows[1] ?? {}, { ...rows[0], nps__passives: '-1' }], plan);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ rowIndex: 1, column: 'nps__passives', message: '"-1" is not a count' });
    }
    const missing = Object.fromEntries(Object.entries(rows[0] ?? {}).filter(([column]) => column !== 'ces_easy__n'));
    expect(() => snapshotOfRows([missing], plan)).toThrow('no column "ces_easy__n"');
    // A NULL sum of five values is an overflow the engine swallowed, not a sum of 0.
    expect(() => snapshotOfRows([{ ...rows[0], csat_mean__squares: null }], plan)).toThrow('no sum of 5 values (an overflow?)');
  });
});

describe('duration percentiles: sorted lists of milliseconds', () => {
  const metrics = ['resolution_time.median', 'resolution_time.p90', 'tickets'].map(metric);
  const plan = { metrics, by: [], period: null, fedIds: new Set(metrics.map((m) => m.id)), scales: DEFAULT_SCALES };
  const results = (rows: readonly SqlRow[]) => resultsOfRows(rows, plan);
  const row = (ms: string | null): SqlRow => ({
    rows: 6,
    resolution_time_values__ms: ms,
    resolution_time_values__excluded_open: 1,
    resolution_time_values__excluded_closed: '0',
    resolution_time_values__excluded_unreadable: 0n,
    tickets__rows: 6,
  });

  it('median and p90 share one state, so their columns are named once', () => {
    expect(expectedColumns(plan)).toEqual([
      'rows',
      'resolution_time_values__ms',
      'resolution_time_values__excluded_open',
      'resolution_time_values__excluded_closed',
      'resolution_time_values__excluded_unreadable',
      'tickets__rows',
    ]);
  });

  it.each([
    ['DuckDB', '[1000, 2500, 4000, 3600000, 7200000]'],
    ['PostgreSQL', '{1000,2500,4000,3600000,7200000}'],
    ['BigQuery and Spark (JSON)', '[1000,2500,4000,3600000,7200000]'],
  ])("reads %s's list: seconds 1, 2.5, 4, 3600, 7200 → median 4, p90 h = 3.6 → 3600 + 0.6·3600", (_, list) => {
    const all = results([row(list)]);
    expect(all.find((r) => r.metric === 'resolution_time.median')).toMatchObject({
      value: 4,
      n: 5,
      detail: { excluded_open: 1, excluded_closed: 0, excluded_unreadable: 0 },
    });
    expect(all.find((r) => r.metric === 'resolution_time.p90')?.value).toBeCloseTo(5760, 9);
  });

  it('no durations (NULL) is no value; a list out of order or not of whole ms names its row and column', () => {
    expect(results([row(null)]).find((r) => r.metric === 'resolution_time.median')).toMatchObject({ value: null, n: 0 });
    expect(() => snapshotOfRows([row('[3, 2]')], plan)).toThrow('"2" is not a whole number of ms in ascending order');
    expect(() => snapshotOfRows([row('[1.5]')], plan)).toThrow(SqlRowError);
    expect(() => snapshotOfRows([row('1, 2')], plan)).toThrow('"1, 2" is not a list');
  });

  it.each(['duckdb', 'postgres'] as const)('%s: stamps read as streaming reads them, and the lists sorted in SQL', async (name) => {
    const sql = generateSql(
      {
        ...PLAN,
        metricIds: ['resolution_time.median', 'resolution_time.p90', 'first_response_time.p90'],
        fields: [],
        where: [],
        stamps: {
          columns: { created_at: 'Created', first_response_at: 'First Response', resolved_at: 'Resolved' },
          status: 'Status',
          tz: 'Europe/Berlin',
        },
      },
      dialectOf(name),
    );
    expect(sql).toContain(
      name === 'duckdb' ? 'list("d_resolved_at" ORDER BY "d_resolved_at")' : 'array_agg("d_resolved_at" ORDER BY "d_resolved_at")',
    );
    expect(sql).toContain('quantile_cont / PERCENTILE_CONT / percentile');
    // One list per shared state: median and p90 of resolution share theirs.
    expect(sql.match(/AS "resolution_time_values__ms"/g)).toHaveLength(1);
    await expect(sql).toMatchFileSnapshot(`__snapshots__/ticket-durations.${name}.sql`);
  });
});

describe('rates over resolved tickets', () => {
  it("reads yes/no cells with xla's words only, and the rows' resolution from the stamps and the status", () => {
    // The cell trimmed as String#trim trims (dialects.ts JS_WHITE_SPACE).
    const REOPENED = dialectOf('postgres').trimmedText('"Reopened"');
    const sql = generateSql(
      {
        ...PLAN,
        metricIds: ['reopen_rate'],
        fields: [{ field: field('reopened'), column: 'Reopened' }],
        by: [],
        where: [],
        stamps: { columns: { created_at: 'Created', resolved_at: 'Resolved' }, status: 'Status', tz: 'UTC' },
      },
      dialectOf('postgres'),
    );
    expect(sql).toContain(
      // Cyrillic capitals translated first: PostgreSQL's lower() in the C locale folds ASCII alone.
      `CASE WHEN lower(translate(${REOPENED}, 'АДЕНТ', 'адент')) IN ('1', 't', 'true', 'y', 'yes', 'да') THEN TRUE WHEN lower(translate(${REOPENED}, 'АДЕНТ', 'адент')) IN ('0', 'f', 'false', 'n', 'no', 'нет') THEN FALSE END AS "n_reopened"`,
    );
    // No reopen_count column: its place in the outcome is NULL.
    expect(sql).toContain('WHEN (COALESCE(NULL, 0) >= 1 OR COALESCE(("n_reopened"), FALSE)) THEN 1 ELSE 0 END AS "o_reopen_rate"');
    expect(sql).toContain(`COUNT(CASE WHEN "resolution" = 'resolved' AND "o_reopen_rate" = 1 THEN 1 END) AS "reopen_rate__x"`);
  });
});
