/**
 * The survey family of the SQL pushdown (src/sql/survey.ts): the generated SQL per dialect (file
 * snapshots), rows turned into the states the accumulators build, and the unread counts that make
 * a run refuse. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { expectedColumns, type SqlRow } from '../../src/sql/states.js';
import { surveyUnreadWhy } from '../../src/sql/survey.js';
import { unreadCounts } from '../../src/sql/unread.js';
import { field, metric, resultsOfRows } from './plan-helpers.js';

const SUS_ITEMS = Array.from({ length: 10 }, (_, i) => `sus_${i + 1}`);

const PLAN: SqlPlan = {
  metricIds: ['sentiment', 'lost_time.mean', 'lost_time.total', 'sus', 'umux_lite'],
  fields: [
    { field: field('sentiment'), column: 'Sentiment' },
    { field: field('lost_time'), column: 'Lost time minutes', unit: 'min' },
    ...SUS_ITEMS.map((id, i) => ({ field: field(id), column: `SUS${i + 1}` })),
    { field: field('umux_1'), column: 'UMUX Q1' },
    { field: field('umux_2'), column: 'UMUX Q2' },
  ],
  by: [{ column: 'Team' }],
  where: [],
  period: null,
  window: null,
  stamps: null,
  scales: DEFAULT_SCALES,
  source: { table: 'survey.responses' },
};

/** A finished scorecard of one SQL row, as `xla score --from-sql` makes it. */
function resultsOf(metricIds: readonly string[], row: SqlRow) {
  const metrics = metricIds.map(metric);
  const plan = { metrics, by: [], period: null, fedIds: new Set(metricIds), scales: DEFAULT_SCALES };
  return new Map(resultsOfRows([row], plan).map((result) => [result.metric, result]));
}

describe('survey SQL', () => {
  it.each(DIALECT_NAMES)('%s: sentiment, lost time in minutes, SUS and UMUX-Lite by team', async (name) => {
    const sql = generateSql(PLAN, dialectOf(name));
    // Minutes become seconds below 10^10 minutes; SUS odd items give a − 1, even ones 5 − a.
    expect(sql).toContain(' * 60');
    expect(sql).toContain('< 10000000000');
    expect(sql).toContain('(-1 + 1 * ');
    expect(sql).toContain('(5 + -1 * ');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/survey-by-team.${name}.sql`);
  });

  it.each(['duckdb', 'postgres'] as const)('%s: Temkin and ESI, scores and respondents counted per key', async (name) => {
    const items = ['temkin_success', 'temkin_effort', 'temkin_emotion', 'esi_1', 'esi_2', 'esi_3'];
    const sql = generateSql(
      { ...PLAN, metricIds: ['temkin', 'esi'], fields: items.map((id) => ({ field: field(id), column: id })) },
      dialectOf(name),
    );
    // Temkin recodes 1–3 to −1, 4–5 to 0, 6–7 to +1; three answers total −3 … 3.
    expect(sql).toContain('WHEN 3 THEN -1 WHEN 4 THEN 0');
    expect(sql).toContain('AS "temkin__r3_minus_3"');
    expect(sql).toContain('AS "esi__r3_30"');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/survey-temkin-esi.${name}.sql`);
  });

  it.each(['duckdb', 'postgres'] as const)('%s: data.freshness, the newest epoch ms and the dated rows', async (name) => {
    const sql = generateSql(
      { ...PLAN, metricIds: ['data.freshness'], fields: [], freshness: { column: 'Submitted At', tz: 'Europe/Berlin' } },
      dialectOf(name),
    );
    expect(sql).toContain('AS "data_freshness__newest"');
    expect(sql).toContain('COUNT("ms_freshness") AS "data_freshness__dated"');
    // Dates past milliseconds (xla drops the rest) are counted apart, as for durations.
    expect(sql).toContain('AS "period_unread"');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/survey-freshness.${name}.sql`);
  });

  it('the columns the rows must have: each field counted unread once, before the states', () => {
    const columns = expectedColumns({
      metrics: ['lost_time.mean', 'lost_time.total', 'umux_lite'].map(metric),
      by: [],
      period: null,
      fedIds: new Set(['lost_time.mean', 'lost_time.total', 'umux_lite']),
      scales: DEFAULT_SCALES,
    });
    expect(columns.slice(0, 4)).toEqual(['rows', 'lost_time__unread', 'umux_1__unread', 'umux_2__unread']);
    // UMUX-Lite raw sums run 0 (1 + 1 − 2) to 12 (7 + 7 − 2).
    expect(columns).toContain('umux_lite__raw_0');
    expect(columns).toContain('umux_lite__raw_12');
    expect(columns).not.toContain('umux_lite__raw_13');
    expect(columns.at(-1)).toBe('umux_lite__incomplete');
  });
});

describe('survey rows to states', () => {
  it('lost time: the exact sum and the moments in seconds (600, 90, 0, 1800)', () => {
    const results = resultsOf(['lost_time.total', 'lost_time.mean'], {
      rows: 6,
      lost_time__unread: 0,
      lost_time_total__total: '2490.000000',
      lost_time_total__n: 4,
      lost_time_mean__n: 4,
      lost_time_mean__sum: '2490.000000',
      // 600² + 90² + 0² + 1800² = 360000 + 8100 + 3240000.
      lost_time_mean__squares: '3608100.000000000000',
    });
    expect(results.get('lost_time.total')).toMatchObject({ value: 2490, n: 4 });
    expect(results.get('lost_time.mean')).toMatchObject({ value: 622.5, n: 4 });
    // sd² = (4 · 3608100 − 2490²) / (4 · 3) = (14432400 − 6200100) / 12 = 686025: sd 828.266…
    expect(results.get('lost_time.mean')?.detail?.sd).toBeCloseTo(Math.sqrt(686025), 12);
  });

  it('sentiment: the mean × 100 and the positive, neutral and negative counts (0.5, 1, −0.25, −1, 0)', () => {
    const results = resultsOf(['sentiment'], {
      rows: 6,
      sentiment__unread: 0,
      sentiment__n: 5,
      sentiment__sum: '0.250000',
      sentiment__squares: '2.312500000000',
      sentiment__positive: 2,
      sentiment__neutral: 1,
      sentiment__negative: 2,
    });
    expect(results.get('sentiment')).toMatchObject({ value: 5, n: 5, detail: { positive: 2, neutral: 1, negative: 2 } });
  });

  it('UMUX-Lite: each raw sum scored as streaming scores it (11, 8, 12, 5 → 75), incomplete respondents counted', () => {
    const raws = Object.fromEntries(Array.from({ length: 13 }, (_, raw) => [`umux_lite__raw_${raw}`, 0]));
    const results = resultsOf(['umux_lite'], {
      rows: 6,
      umux_1__unread: 0,
      umux_2__unread: 0,
      ...raws,
      umux_lite__raw_5: 1,
      umux_lite__raw_8: 1,
      umux_lite__raw_11: 1,
      umux_lite__raw_12: 1,
      umux_lite__incomplete: 1,
    });
    // (5 + 8 + 11 + 12) / 4 = 9 raw points, × 100/12 = 75.
    expect(results.get('umux_lite')).toMatchObject({ value: 75, n: 4, detail: { incomplete: 1, sus_equiv: 71.65 } });
  });

  it("Temkin: each question's net and the respondents' averages, from the counts per key", () => {
    const zero = Object.fromEntries(
      expectedColumns({ metrics: [metric('temkin')], by: [], period: null, fedIds: new Set(['temkin']), scales: DEFAULT_SCALES })
        .filter((column) => column.startsWith('temkin__'))
        .map((column) => [column, 0]),
    );
    const results = resultsOf(['temkin'], {
      rows: 3,
      temkin_effort__unread: 0,
      temkin_emotion__unread: 0,
      temkin_success__unread: 0,
      ...zero,
      // Three respondents: (+1, +1, ·), (−1, 0, +1), (·, ·, 0) for success, effort, emotion.
      temkin__q1_1: 1,
      temkin__q1_minus_1: 1,
      temkin__q2_1: 1,
      temkin__q2_0: 1,
      temkin__q3_1: 1,
      temkin__q3_0: 1,
      temkin__r2_2: 1,
      temkin__r3_0: 1,
      temkin__r1_0: 1,
    });
    // Nets 0, 50, 50: mean 100/3; the respondents' averages 1, 0, 0.
    expect(results.get('temkin')).toMatchObject({ n: 3, detail: { success_net: 0, effort_net: 50, emotion_net: 50 } });
    expect(results.get('temkin')?.value).toBeCloseTo(100 / 3, 12);
  });

  it('data.freshness: the newest date as it came back; none dated is no newest date', () => {
    const asOf = Date.UTC(2024, 6, 1);
    const metrics = [metric('data.freshness')];
    const plan = { metrics, by: [], period: null, fedIds: new Set(['data.freshness']), scales: DEFAULT_SCALES };
    const finish = (row: SqlRow) => resultsOfRows([row], plan, asOf)[0];
    // 2024-06-07T10:00Z: 23 days 14 hours before as-of.
    expect(finish({ rows: 7, data_freshness__newest: '1717754400000', data_freshness__dated: 7 })).toMatchObject({
      value: 23 * 86_400 + 14 * 3600,
      n: 7,
    });
    expect(finish({ rows: 2, data_freshness__newest: null, data_freshness__dated: 0 })).toMatchObject({ value: null, n: 0 });
    expect(() => finish({ rows: 1, data_freshness__newest: '17.5', data_freshness__dated: 1 })).toThrow('not a whole number of ms');
  });

  it('unread values (unread.ts): per field with any, in name order, summed over the groups; why per field', () => {
    expect(unreadCounts([{ lost_time__unread: 0, sentiment__unread: '0' }])).toEqual([]);
    const found = unreadCounts([
      { sentiment__unread: 1, lost_time__unread: 0, bounces__unread: 1 },
      { sentiment__unread: 2n, lost_time__unread: null },
    ]);
    expect(found).toEqual([
      { field: 'bounces', count: 1 },
      { field: 'sentiment', count: 3 },
    ]);
    expect(surveyUnreadWhy('sentiment')).toContain('positive/neutral/negative');
    expect(surveyUnreadWhy('lost_time')).toContain('2h 30m');
  });
});
