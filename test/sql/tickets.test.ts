/**
 * The ticket family's SQL (src/sql/tickets.ts): the generated queries per dialect (file
 * snapshots), and rows as an engine returns them turned into the states the streaming
 * accumulators build. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { expectedColumns, snapshotOfRows, SqlRowError } from '../../src/sql/states.js';
import { field, metric, resultsOfRows } from './plan-helpers.js';

const MEANS_PLAN: SqlPlan = {
  metricIds: ['first_response_time.mean', 'resolution_time.mean', 'reassignments.mean'],
  fields: [{ field: field('reassignment_count'), column: 'Reassignments' }],
  by: [{ column: 'Team' }],
  where: [],
  period: null,
  window: null,
  stamps: { columns: { created_at: 'Created', first_response_at: 'First Response', resolved_at: 'Resolved' }, status: 'Status', tz: 'UTC' },
  scales: DEFAULT_SCALES,
  source: { table: 'support.tickets' },
};

describe('generated SQL of the ticket means', () => {
  it.each(['duckdb', 'postgres'] as const)('%s: exact sums of whole milliseconds, the point shifted in a decimal', async (name) => {
    const sql = generateSql(MEANS_PLAN, dialectOf(name));
    // PostgreSQL's NUMERIC has no bound (dialects.ts exactDecimalType).
    const wide = name === 'postgres' ? 'NUMERIC' : 'DECIMAL(38, 0)';
    expect(sql).toContain(`SUM(CAST("d_resolved_at" AS ${wide})) * 0.001`);
    expect(sql).toContain(`SUM(CAST("d_first_response_at" AS ${wide}) * CAST("d_first_response_at" AS ${wide})) * 0.000001`);
    // The mean keeps its own excluded counts, as its accumulator does.
    expect(sql).toContain(`COUNT(CASE WHEN "x_resolved_at" = 'open' THEN 1 END) AS "resolution_time_mean__excluded_open"`);
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-means.${name}.sql`);
  });

  it.each(DIALECT_NAMES)('%s: reassignment_count is read whole, past the 12 digits of an answer', async (name) => {
    const sql = generateSql({ ...MEANS_PLAN, metricIds: ['reassignments.mean'], stamps: null }, dialectOf(name));
    expect(sql).toContain('BETWEEN 0 AND 9007199254740991');
    expect(sql).not.toContain('DECIMAL(18, 6)');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-reassignments.${name}.sql`);
  });
});

describe('rows of the ticket means → the states streaming builds', () => {
  const plan = {
    metrics: ['resolution_time.mean', 'reassignments.mean'].map(metric),
    by: [],
    period: null,
    fedIds: new Set(['resolution_time.mean', 'reassignments.mean']),
    scales: DEFAULT_SCALES,
  };

  it('names the columns once per metric', () => {
    expect(expectedColumns(plan)).toEqual([
      'rows',
      'reassignment_count__unread',
      'resolution_time_mean__n',
      'resolution_time_mean__sum',
      'resolution_time_mean__squares',
      'resolution_time_mean__excluded_open',
      'resolution_time_mean__excluded_closed',
      'resolution_time_mean__excluded_unreadable',
      'reassignments_mean__n',
      'reassignments_mean__sum',
      'reassignments_mean__squares',
    ]);
  });

  it('finishes to the mean and SD of the seconds, and of the counts', () => {
    // Durations 1.5 s and 3.25 s: Σ 4.75, Σx² 2.25 + 10.5625 = 12.8125; mean 2.375, SD √((2·12.8125 − 4.75²)/2) = √1.53125.
    // Counts 1, 2, 10^13: mean (10^13 + 3) / 3.
    const row = {
      rows: 5,
      resolution_time_mean__n: 2,
      resolution_time_mean__sum: '4.750',
      resolution_time_mean__squares: '12.812500',
      resolution_time_mean__excluded_open: 1,
      resolution_time_mean__excluded_closed: 0,
      resolution_time_mean__excluded_unreadable: 2,
      reassignments_mean__n: 3,
      reassignments_mean__sum: '10000000000003',
      reassignments_mean__squares: '100000000000000000000000005',
    };
    const [resolution, reassignments] = resultsOfRows([row], plan);
    expect(resolution).toMatchObject({
      value: 2.375,
      n: 2,
      ci: null,
      detail: { excluded_open: 1, excluded_closed: 0, excluded_unreadable: 2 },
    });
    expect(resolution?.detail?.sd).toBeCloseTo(Math.sqrt(1.53125), 12);
    expect(reassignments).toMatchObject({ value: (1e13 + 3) / 3, n: 3 });
  });

  it('a sum that is not a plain decimal is a row error naming the column', () => {
    const row = { rows: 1, resolution_time_mean__n: 1, resolution_time_mean__sum: '1e3', resolution_time_mean__squares: '1000000' };
    expect(() =>
      snapshotOfRows([row], { ...plan, metrics: [metric('resolution_time.mean')], fedIds: new Set(['resolution_time.mean']) }),
    ).toThrow(SqlRowError);
  });
});

const SLA_PLAN: SqlPlan = {
  ...MEANS_PLAN,
  metricIds: ['sla_attainment', 'sla_attainment.first_response'],
  fields: [{ field: field('made_sla'), column: 'Made SLA' }],
  stamps: {
    columns: { created_at: 'Created', first_response_at: 'First Response', resolved_at: 'Resolved', sla_due_at: 'Due' },
    status: 'Status',
    tz: 'UTC',
    priority: 'Priority',
    // Keys in another order than sorted: the SQL does not follow the config's order.
    targets: { resolution: { P2: 28800, "O'Brien": 60, P1: 14400 }, first_response: { P1: 3600 } },
  },
};

describe('generated SQL of the SLA clocks', () => {
  it.each(['duckdb', 'postgres'] as const)('%s: a verdict and a due instant per ticket, the open ones listed', async (name) => {
    const sql = generateSql(SLA_PLAN, dialectOf(name));
    // The flag first, then sla_due_at, else created_at + the priority's target in ms, keys sorted and quoted.
    expect(sql).toContain(
      `WHEN "priority_text" = 'O''Brien' THEN "ms_created_at" + 60000 WHEN "priority_text" = 'P1' THEN "ms_created_at" + 14400000`,
    );
    expect(sql).toContain('COALESCE("ms_sla_due_at", CASE WHEN "ms_created_at" IS NOT NULL');
    expect(sql).toContain(`COUNT(CASE WHEN "sla_resolution" = 'in_flight' THEN 1 END) AS "sla_attainment__in_flight"`);
    expect(sql).toContain('MAX("newest_resolved_at") AS "newest_resolved_at"');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-sla.${name}.sql`);
  });

  it.each(['duckdb', 'postgres'] as const)('%s: the watermelon rates share one verdict-and-feeling column', async (name) => {
    const sql = generateSql(
      {
        ...SLA_PLAN,
        metricIds: ['watermelon_rate', 'happy_breach_rate'],
        fields: [...SLA_PLAN.fields, { field: field('nps'), column: 'NPS' }, { field: field('satisfaction'), column: 'CSAT' }],
      },
      dialectOf(name),
    );
    // NPS first (0–6, 9–10), else satisfaction on 1–5 (≤ 2 unhappy, ≥ 4 happy).
    expect(sql).toContain(`<= 6 THEN 'unhappy' WHEN`);
    expect(sql).toContain(`<= 2 THEN 'unhappy' WHEN`);
    expect(sql.match(/AS "sla_feelings__met_answered"/g)).toHaveLength(1);
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-watermelon.${name}.sql`);
  });
});

describe('generated SQL of self_service_rate', () => {
  it.each(['duckdb', 'postgres'] as const)('%s: the self_service cell over resolved tickets', async (name) => {
    const sql = generateSql(
      { ...SLA_PLAN, metricIds: ['self_service_rate'], fields: [{ field: field('self_service'), column: 'Self service' }] },
      dialectOf(name),
    );
    expect(sql).toContain(
      `CASE WHEN NOT ("n_self_service") IS NOT NULL THEN NULL WHEN ("n_self_service") THEN 1 ELSE 0 END AS "o_self_service_rate"`,
    );
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-self-service.${name}.sql`);
  });
});

describe('rows of the SLA clocks → the state streaming builds', () => {
  const plan = {
    metrics: [metric('sla_attainment')],
    by: [],
    period: null,
    fedIds: new Set(['sla_attainment']),
    scales: DEFAULT_SCALES,
  };
  const row = {
    rows: 9,
    sla_attainment__met: 3,
    sla_attainment__breached: 1,
    sla_attainment__unreadable: 1,
    sla_attainment__in_flight: 1,
    // Due at 1000, 2000, 3000 ms.
    sla_attainment__open_due: '[1000, 2000, 3000]',
  };
  const resultAt = (asOf: number | undefined) => resultsOfRows([row], plan, asOf)[0];

  it('the open tickets past due at asOf are breached, the others in flight with the flagged one', () => {
    // At 2500: due 1000 and 2000 breached → 3 met of 3 + 1 + 2; in flight: due 3000 and the flagged one.
    expect(resultAt(2500)).toMatchObject({
      value: 50,
      n: 6,
      detail: { breached: 3, excluded_open: 2, excluded_unreadable: 1, as_of: 2500 },
    });
    // At 2000: due 2000 is not past it.
    expect(resultAt(2000)).toMatchObject({ n: 5, detail: { breached: 2, excluded_open: 3 } });
  });

  it('a list out of order is a row error naming the column', () => {
    expect(() => snapshotOfRows([{ ...row, sla_attainment__open_due: '[3000, 1000]' }], plan)).toThrow(SqlRowError);
  });
});

describe('BigQuery and Spark read the ticket stamps too (sql/dialects.ts epochMs): the ticket queries there', () => {
  it('bigquery: the means sum BIGNUMERIC and shift the point by an exact literal, never a double', async () => {
    const sql = generateSql(MEANS_PLAN, dialectOf('bigquery'));
    expect(sql).toContain("SUM(CAST(`d_resolved_at` AS BIGNUMERIC)) * CAST('0.001' AS BIGNUMERIC)");
    expect(sql).toContain(
      "SUM(CAST(`d_first_response_at` AS BIGNUMERIC) * CAST(`d_first_response_at` AS BIGNUMERIC)) * CAST('0.000001' AS BIGNUMERIC)",
    );
    expect(sql).not.toContain('DECIMAL(38, 0)');
    await expect(sql).toMatchFileSnapshot('__snapshots__/tickets-means.bigquery.sql');
  });

  it('spark: the means sum DECIMAL(38, 0)', async () => {
    const sql = generateSql(MEANS_PLAN, dialectOf('spark'));
    expect(sql).toContain('SUM(CAST(`d_resolved_at` AS DECIMAL(38, 0))) * 0.001');
    await expect(sql).toMatchFileSnapshot('__snapshots__/tickets-means.spark.sql');
  });

  it.each(['bigquery', 'spark'] as const)('%s: the SLA clocks and the watermelon rates', async (name) => {
    const sql = generateSql(
      {
        ...SLA_PLAN,
        metricIds: ['sla_attainment', 'sla_attainment.first_response', 'watermelon_rate', 'happy_breach_rate'],
        fields: [...SLA_PLAN.fields, { field: field('nps'), column: 'NPS' }, { field: field('satisfaction'), column: 'CSAT' }],
      },
      dialectOf(name),
    );
    // The priority keys as the dialect quotes a string (O'Brien).
    expect(sql).toContain("'O\\'Brien'");
    expect(sql).toContain('AS `sla_attainment__open_due`');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-sla.${name}.sql`);
  });
});
