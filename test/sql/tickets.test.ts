/**
 * The ticket family's SQL (src/sql/tickets.ts): the generated queries per dialect (file
 * snapshots), and rows as an engine returns them turned into the states the streaming
 * accumulators build. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { findField, type FieldDef } from '../../src/fields/catalog.js';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { MetricDef } from '../../src/metrics/types.js';
import { Scorecard } from '../../src/scorecard/engine.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { expectedColumns, snapshotOfRows, SqlRowError } from '../../src/sql/states.js';

const field = (id: string): FieldDef => {
  const found = findField(id);
  if (found === undefined) throw new Error(`no field ${id}`);
  return found;
};
const metric = (id: string): MetricDef => {
  const found = findMetric(id);
  if (found === undefined) throw new Error(`no metric ${id}`);
  return found;
};

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
    expect(sql).toContain('SUM(CAST("d_resolved_at" AS DECIMAL(38, 0))) * 0.001');
    expect(sql).toContain('SUM(CAST("d_first_response_at" AS DECIMAL(38, 0)) * CAST("d_first_response_at" AS DECIMAL(38, 0))) * 0.000001');
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
    const scorecard = new Scorecard({
      metrics: plan.metrics,
      metricContext: { scales: DEFAULT_SCALES, apdexT: 0.5, sla: {} },
      confidence: 0.95,
      by: [],
      period: null,
      tz: 'UTC',
      asOf: undefined,
    });
    scorecard.absorb(snapshotOfRows([row], plan), { consume: true });
    const [resolution, reassignments] = scorecard.results();
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
