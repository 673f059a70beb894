import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { answers, runMetric } from './run-metric.js';

const NPS_WORKED = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9];
const CSAT_WORKED = [5, 4, 3, 2, 1, 5, 4, 4, 3, 5];
const CES_WORKED = [7, 6, 5, 4, 3, 2, 1, 7, 6, 5];

/** 50 promoters, 30 passives, 20 detractors: the §6.2 example (p = .5, d = .2, n = 100). */
const NPS_CI_EXAMPLE = [...Array<number>(50).fill(10), ...Array<number>(30).fill(7), ...Array<number>(20).fill(0)];

describe.each(['nps', 'enps', 'happiness'] as const)('%s (net score)', (id) => {
  it.each([
    // [label, answers, value, n, promoters, passives, detractors]
    ['empty', [], null, 0, 0, 0, 0],
    ['only missing answers', [undefined, undefined], null, 0, 0, 0, 0],
    ['one promoter', [10], 100, 1, 1, 0, 0],
    ['6 is a detractor', [6], -100, 1, 0, 0, 1],
    ['7 is a passive', [7], 0, 1, 0, 1, 0],
    ['8 is a passive', [8], 0, 1, 0, 1, 0],
    ['9 is a promoter', [9], 100, 1, 1, 0, 0],
    ['0 is a detractor', [0], -100, 1, 0, 0, 1],
    // P = 1, D = 1 of 4 → 25 − 25 = 0
    ['6/7/8/9 tie', [6, 7, 8, 9], 0, 4, 1, 2, 1],
    // P = 5, passives 2, D = 3 → 50 % − 30 % = +20 (metrics.md §2.1)
    ['worked example', NPS_WORKED, 20, 10, 5, 2, 3],
    // missing answers are skipped, not zero: still +20 over 10
    ['worked example with gaps', [...NPS_WORKED, undefined], 20, 10, 5, 2, 3],
    // (50 − 20)/100 → +30
    ['§6.2 example', NPS_CI_EXAMPLE, 30, 100, 50, 30, 20],
  ] as const)('%s', (_label, values, value, n, promoters, passives, detractors) => {
    const result = runMetric(id, answers(id, values));
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.detail).toEqual({ promoters, passives, detractors });
    if (n === 0) expect(result.ci).toBeNull();
  });

  it('reports the adjusted-Wald interval of §6.2 by default, the value staying the plain net', () => {
    // p' = 50.75/103, d' = 20.75/103: centre 3000/103 = 29.126214, var = 71.5/103 − (30/103)² = 0.6093411,
    // SE = 100·√(0.6093411/103) = 7.691524 → 29.126214 ± 15.075084 = [14.051130, 44.201297]
    const result = runMetric(id, answers(id, NPS_CI_EXAMPLE));
    expect(result.value).toBe(30);
    expect(result.ci?.[0]).toBeCloseTo(14.05113, 5);
    expect(result.ci?.[1]).toBeCloseTo(44.201297, 5);
  });

  it('gives two promoters an interval of honest width, not +100…+100', () => {
    // p' = 2.75/5, d' = .75/5: centre 40, SE = 100·√(.54/5) = 32.863353 → 40 − 64.410989 = −24.410989; upper clipped to 100
    const result = runMetric(id, answers(id, [10, 9]));
    expect(result.value).toBe(100);
    expect(result.ci?.[0]).toBeCloseTo(-24.410989, 5);
    expect(result.ci?.[1]).toBe(100);
  });

  it('reports the plain Wald interval with method: wald', () => {
    // SE = 100·√((p + d − (p − d)²)/n) = 100·√((0.7 − 0.09)/100) = 7.8102497
    // 30 ± 1.959964·7.8102497 = 30 ± 15.307808 → [14.692192, 45.307808]
    const { ci } = runMetric(id, answers(id, NPS_CI_EXAMPLE), { context: { netIntervalMethod: 'wald' } });
    expect(ci?.[0]).toBeCloseTo(14.692192, 5);
    expect(ci?.[1]).toBeCloseTo(45.307808, 5);
    expect(runMetric(id, answers(id, [10, 9]), { context: { netIntervalMethod: 'wald' } }).ci).toEqual([100, 100]);
  });

  it('has no interval at confidence 0', () => {
    expect(runMetric(id, answers(id, NPS_WORKED), { finish: { confidence: 0 } }).ci).toBeNull();
  });
});

describe('csat', () => {
  it.each([
    // [label, rows, scale, value, n, x]
    ['empty', [], [1, 5], null, 0, 0],
    ['3 on 1–5 is not top-2', answers('csat', [3]), [1, 5], 0, 1, 0],
    ['4 on 1–5 is top-2', answers('csat', [4]), [1, 5], 100, 1, 1],
    ['5 on 1–7 is not top-2', answers('csat', [5]), [1, 7], 0, 1, 0],
    ['6 on 1–7 is top-2', answers('csat', [6]), [1, 7], 100, 1, 1],
    ['9 on 1–10 is top-2', answers('csat', [9]), [1, 10], 100, 1, 1],
    // 4,5,4,4,5,5 are top-2: 6/10 (metrics.md §2.2)
    ['worked example', answers('csat', CSAT_WORKED), [1, 5], 60, 10, 6],
    ['missing answers skipped', answers('csat', [5, undefined, 1]), [1, 5], 50, 2, 1],
    // tickets: satisfaction 5 and 2 → 1/2
    ['ticket satisfaction', answers('satisfaction', [5, 2]), [1, 5], 50, 2, 1],
    // csat wins over satisfaction on the same row: csat 2 → not top-2
    ['csat before satisfaction', [{ csat: 2, satisfaction: 5 }], [1, 5], 0, 1, 0],
  ] as const)('%s', (_label, rows, scale, value, n, x) => {
    const result = runMetric('csat', rows, { context: { scales: { csat: scale, ces: [1, 7], rating: [1, 5] } } });
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.detail).toEqual({ x, n });
  });

  it.each([
    // p = .6, z² = 3.841459: centre (0.6 + 0.192073)/1.384146 = 0.572247,
    // half 1.959964·√(0.024 + 0.0096036)/1.384146 = 0.259573 → [31.2674, 83.1820] %
    ['6 of 10', CSAT_WORKED, 31.267377, 83.181967],
    // x = 0: [0, z²/n / (1 + z²/n)] = [0, 0.384146/1.384146] = [0, 27.7533] % (§6.3: 0/10 → [0, 27.8 %])
    ['0 of 10', Array<number>(10).fill(1), 0, 27.75328],
  ])('Wilson interval × 100: %s', (_label, values, low, high) => {
    const { ci } = runMetric('csat', answers('csat', values));
    expect(ci?.[0]).toBeCloseTo(low, 4);
    expect(ci?.[1]).toBeCloseTo(high, 4);
  });
});

describe('csat.mean', () => {
  it.each([
    // [label, rows, value, n, sd]
    ['empty', [], null, 0, null],
    ['one answer has no sd', answers('csat', [4]), 4, 1, null],
    // Σ = 36 → 3.6; Σ(x − 3.6)² = 16.4 → sd = √(16.4/9) = 1.349897
    ['worked example', answers('csat', CSAT_WORKED), 3.6, 10, 1.349897],
    ['ticket satisfaction', answers('satisfaction', [5, 3]), 4, 2, Math.SQRT2],
  ] as const)('%s', (_label, rows, value, n, sd) => {
    const result = runMetric('csat.mean', rows);
    if (value !== null) expect(result.value).toBeCloseTo(value, 9);
    else expect(result.value).toBeNull();
    expect(result.n).toBe(n);
    if (sd === null) expect(result.detail?.['sd']).toBeNull();
    else expect(result.detail?.['sd']).toBeCloseTo(sd, 6);
    if (n < 2) expect(result.ci).toBeNull();
  });

  it('reports the t-interval of §6.4', () => {
    // t(0.975, 9) = 2.262157; half = 2.262157 · 1.349897/√10 = 0.965658 → [2.634342, 4.565658]
    const { ci } = runMetric('csat.mean', answers('csat', CSAT_WORKED));
    expect(ci?.[0]).toBeCloseTo(2.634342, 5);
    expect(ci?.[1]).toBeCloseTo(4.565658, 5);
  });

  it.each([
    // one value: no sd, no interval
    ['one answer', [4], 4, 0, null],
    // two equal values: sd 0; a zero-width 4…4 would claim certainty from two answers, so none
    ['two equal answers', [4, 4], 4, 0, null],
    // twenty equal values: the same rule at any n
    ['twenty equal answers', Array<number>(20).fill(5), 5, 0, null],
    // 5 and 3: mean 4, sd √2, t(0.975, 1) = 12.706205 → half = 12.706205·√2/√2 = 12.706205 → [−8.706205, 16.706205]
    ['two different answers', [5, 3], 4, Math.SQRT2, [-8.706205, 16.706205]],
  ] as const)('at small n: %s', (_label, values, value, sd, interval) => {
    const result = runMetric('csat.mean', answers('csat', values));
    expect(result.value).toBe(value);
    if (values.length > 1) expect(result.detail?.['sd']).toBeCloseTo(sd, 12);
    if (interval === null) expect(result.ci).toBeNull();
    else {
      expect(result.ci?.[0]).toBeCloseTo(interval[0], 5);
      expect(result.ci?.[1]).toBeCloseTo(interval[1], 5);
    }
    for (const number of [result.value, ...(result.ci ?? [])]) expect(Number.isFinite(number)).toBe(true);
  });
});

describe('ces and ces.easy', () => {
  it.each([
    // [label, answers, mean, easy %, n]
    ['empty', [], null, null, 0],
    ['4 is not easy', [4], 4, 0, 1],
    ['5 is easy', [5], 5, 100, 1],
    // mean 46/10 = 4.6; 7,6,5,7,6,5 above 4 → 60 % (metrics.md §2.3)
    ['worked example', CES_WORKED, 4.6, 60, 10],
  ] as const)('%s', (_label, values, mean, easy, n) => {
    const ces = runMetric('ces', answers('ces', values));
    const cesEasy = runMetric('ces.easy', answers('ces', values));
    if (mean === null) expect(ces.value).toBeNull();
    else expect(ces.value).toBeCloseTo(mean, 9);
    expect(cesEasy.value).toBe(easy);
    expect(ces.n).toBe(n);
    expect(cesEasy.n).toBe(n);
  });

  it('uses the declared scale for "easy": 4 on 1–5 is above the midpoint 3, 3 is not', () => {
    const scales = { csat: [1, 5], ces: [1, 5], rating: [1, 5] } as const;
    expect(runMetric('ces.easy', answers('ces', [3, 4]), { context: { scales } }).value).toBe(50);
  });

  it('reports the CES t-interval', () => {
    // sd = √(38.4/9) = 2.065591; half = 2.262157·2.065591/√10 = 1.477635 → [3.122365, 6.077635]
    const { ci } = runMetric('ces', answers('ces', CES_WORKED));
    expect(ci?.[0]).toBeCloseTo(3.122365, 5);
    expect(ci?.[1]).toBeCloseTo(6.077635, 5);
  });
});

describe('rating and rating.positive', () => {
  it.each([
    // [label, answers, mean, positive %, n]
    ['empty', [], null, null, 0],
    ['4 is positive on 1–5', [4], 4, 100, 1],
    ['3.99 is not positive', [3.99], 3.99, 0, 1],
    // (4.1 + 3.9)/2 = 4.0; only 4.1 ≥ 4 → 50 %
    ['fractional ratings', [4.1, 3.9], 4, 50, 2],
    // 5,4 positive of 5,4,3,2 → 50 %; mean 14/4 = 3.5
    ['mixed stars', [5, 4, 3, 2], 3.5, 50, 4],
  ] as const)('%s', (_label, values, mean, positive, n) => {
    const rating = runMetric('rating', answers('rating', values));
    const ratingPositive = runMetric('rating.positive', answers('rating', values));
    if (mean === null) expect(rating.value).toBeNull();
    else expect(rating.value).toBeCloseTo(mean, 9);
    expect(ratingPositive.value).toBe(positive);
    expect(rating.n).toBe(n);
    expect(ratingPositive.n).toBe(n);
  });
});

describe('sentiment', () => {
  it.each([
    // [label, scores, value, n, positive, neutral, negative, sd]
    ['empty', [], null, 0, 0, 0, 0, null],
    ['one neutral label', [0], 0, 1, 0, 1, 0, null],
    // labels 1,0,−1,1 → (2 − 1)/4 = 25 % net; scaled 100,0,−100,100: Σ(x − 25)² = 27500, sd = √(27500/3) = 95.742711
    ['labels', [1, 0, -1, 1], 25, 4, 2, 1, 1, 95.742711],
    // (0.5 − 0.2)/2 × 100 = 15; sd of 50 and −20 = 70/√2 = 49.497475
    ['scores', [0.5, -0.2, undefined], 15, 2, 1, 0, 1, 49.497475],
  ] as const)('%s', (_label, scores, value, n, positive, neutral, negative, sd) => {
    const result = runMetric('sentiment', answers('sentiment', scores));
    if (value === null) expect(result.value).toBeNull();
    else expect(result.value).toBeCloseTo(value, 9);
    expect(result.n).toBe(n);
    expect(result.detail).toMatchObject({ positive, neutral, negative });
    if (sd === null) expect(result.detail?.['sd']).toBeNull();
    else expect(result.detail?.['sd']).toBeCloseTo(sd, 5);
  });
});

describe('lost_time.mean and lost_time.total', () => {
  const surveyRows = answers('lost_time', [3600, 0, 1800, undefined]);
  const ticketRows: CanonicalRow[] = [{ lost_time: 600, created_at: 0 }, { created_at: 0 }];
  it.each([
    // [label, rows, mean, total, n]
    ['empty', [], null, null, 0],
    // 0 is an answer, a missing cell is not: (3600 + 0 + 1800)/3 = 1800, Σ 5400
    ['survey answers', surveyRows, 1800, 5400, 3],
    ['ticket rows', ticketRows, 600, 600, 1],
  ] as const)('%s', (_label, rows, mean, total, n) => {
    const meanResult = runMetric('lost_time.mean', rows);
    const totalResult = runMetric('lost_time.total', rows);
    expect(meanResult.value).toBe(mean);
    expect(totalResult.value).toBe(total);
    expect(meanResult.n).toBe(n);
    expect(totalResult.n).toBe(n);
    expect(totalResult.ci).toBeNull();
  });
});
