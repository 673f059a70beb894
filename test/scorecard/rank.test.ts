import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/scorecard/model.js';
import { funnelLimits, rankSegments, spreadPerObservation } from '../../src/scorecard/rank.js';

function csat(segment: Record<string, string>, x: number, n: number, period: string | null = null): Result {
  return {
    metric: 'csat',
    name: 'CSAT',
    domain: 'cx',
    unit: '%',
    better: 'higher',
    segment,
    period,
    value: n === 0 ? null : (100 * x) / n,
    n,
    ci: null,
    detail: { x, n },
  };
}

// The fixture of test/cli/rank.test.ts: Alpha 170/200, Bravo 160/200, Charlie 93/150, Delta 3/6.
// Overall 426/556 = 76.618705 %; σ = 100·√(0.766187·0.233813) = 42.3254; z(95 %) = 1.959964.
const TEAMS = [
  csat({ team: 'Delta' }, 3, 6),
  csat({ team: 'Alpha' }, 170, 200),
  csat({ team: 'Charlie' }, 93, 150),
  csat({ team: 'Bravo' }, 160, 200),
];
const OVERALL = csat({}, 426, 556);

describe('rankSegments', () => {
  const [group] = rankSegments([OVERALL, ...TEAMS], ['team'], 0.95);

  it('orders segments best first and centres the limits on the overall value', () => {
    expect(group?.overall).toBeCloseTo(76.618705, 5);
    expect(group?.rows.map((row) => [row.position, row.segment.team])).toEqual([
      [1, 'Alpha'],
      [2, 'Bravo'],
      [3, 'Charlie'],
      [4, 'Delta'],
    ]);
  });

  it('flags a large segment below its narrow limits and leaves the small worst one inside its wide limits', () => {
    const rows = new Map(group?.rows.map((row) => [row.segment.team, row]));
    // Charlie: 76.618705 ± 1.959964·42.3254/√150 = ± 6.7733 → 69.8454…83.3920; 62 is below.
    expect(rows.get('Charlie')?.limits?.[0]).toBeCloseTo(69.8454, 3);
    expect(rows.get('Charlie')?.limits?.[1]).toBeCloseTo(83.392, 3);
    expect(rows.get('Charlie')?.flag).toBe('below');
    // Delta: ± 1.959964·42.3254/√6 = ± 33.8669 → 42.7518…100 (clipped from 110.49); 50 is within.
    expect(rows.get('Delta')?.limits?.[0]).toBeCloseTo(42.7518, 3);
    expect(rows.get('Delta')?.limits?.[1]).toBe(100);
    expect(rows.get('Delta')?.flag).toBe('within');
    // Alpha: ± 5.8659 → 70.7528…82.4846; 85 is above. Bravo's 80 is within the same limits.
    expect(rows.get('Alpha')?.flag).toBe('above');
    expect(rows.get('Bravo')?.flag).toBe('within');
  });

  it('does not depend on the order of the results', () => {
    expect(rankSegments([...TEAMS].reverse().concat(OVERALL), ['team'], 0.95)).toEqual(rankSegments([OVERALL, ...TEAMS], ['team'], 0.95));
  });

  it('gives equal values one place, and a segment without a value none, last', () => {
    const [tied] = rankSegments([OVERALL, csat({ team: 'B' }, 1, 2), csat({ team: 'A' }, 2, 4), csat({ team: 'C' }, 0, 0)], ['team'], 0.95);
    expect(tied?.rows.map((row) => [row.position, row.segment.team, row.flag])).toEqual([
      [1, 'A', 'within'],
      [1, 'B', 'within'],
      [null, 'C', null],
    ]);
  });

  it('puts the lowest first when lower is better, and ranks per period apart from the whole window', () => {
    const time = (team: string, value: number, period: string | null): Result => ({
      ...csat({ team }, 0, 10, period),
      metric: 'resolution_time.p90',
      unit: 's',
      better: 'lower',
      value,
      detail: {},
    });
    const groups = rankSegments(
      [time('A', 50, null), time('B', 10, null), time('A', 5, '2024-01'), time('B', 9, '2024-01')],
      ['team'],
      0.95,
    );
    expect(groups.map((g) => [g.period, g.rows.map((row) => row.segment.team)])).toEqual([
      [null, ['B', 'A']],
      ['2024-01', ['A', 'B']],
    ]);
    // A percentile has no per-observation spread: ranked, without limits or flags.
    expect(groups[0]?.rows[0]).toMatchObject({ limits: null, flag: null });
  });

  it('ranks only segments of exactly the --by columns', () => {
    const field = { ...csat({ field: 'csat' }, 1, 2), metric: 'data.completeness' };
    expect(rankSegments([OVERALL, field], ['team'], 0.95)).toEqual([]);
    expect(rankSegments([OVERALL, ...TEAMS], [], 0.95)).toEqual([]);
  });
});

describe('spreadPerObservation', () => {
  it('is √(p + d − (p − d)²) in points for a net score', () => {
    // 50 promoters, 30 passives, 20 detractors: √(0.7 − 0.09) = 0.781025 → 78.1025 points.
    expect(spreadPerObservation('nps-adjusted-wald', { promoters: 50, passives: 30, detractors: 20 }, 30)).toBeCloseTo(78.1025, 4);
  });

  it("is √((s + t/4)/n − A²) for Apdex and a mean's SD for means", () => {
    // 60 satisfied, 20 tolerating, 20 frustrated: A = 0.7, √(0.65 − 0.49) = 0.4.
    expect(spreadPerObservation('apdex-adjusted-wald', { satisfied: 60, tolerating: 20, frustrated: 20 }, 0.7)).toBeCloseTo(0.4, 10);
    expect(spreadPerObservation('t', { sd: 1.25 }, 4)).toBe(1.25);
    expect(spreadPerObservation('none', {}, 4)).toBeNull();
  });

  it('keeps limits inside the scale of a net score', () => {
    expect(funnelLimits(90, 50, 1, 1.96, 'points')).toEqual([-8, 100]);
    expect(funnelLimits(3, 1, 4, 2, 'score')).toEqual([2, 4]);
  });
});
