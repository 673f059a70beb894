import { describe, expect, it } from 'vitest';
import { npsDifferenceTest, twoProportionTest, welchTest } from '../../src/stats/significance.js';

describe('twoProportionTest (pooled z)', () => {
  it.each([
    // metrics.md §6.5: p̄ = 90/200 = .45, SE = √(.45·.55·(1/100 + 1/100)) = .0703562, z = .1/SE;
    // z² = 2.0202 = χ² and p = 0.15522 (scipy.stats.chi2_contingency(correction=False), mpmath)
    [50, 100, 40, 100, 1.421338109037403, 0.15521848968468402],
    // 1/10 vs 6/10: χ² = 5.4945 (scipy chi2_contingency, correction=False) → z = −√χ², p = 0.019076
    [1, 10, 6, 10, -2.344036154692477, 0.01907632210177841],
    // equal shares: no difference
    [30, 60, 15, 30, 0, 1],
  ])('%s/%s vs %s/%s → z %s, p %s', (x1, n1, x2, n2, z, p) => {
    const result = twoProportionTest(x1, n1, x2, n2);
    expect(result?.z).toBeCloseTo(z, 12);
    expect(result?.p).toBeCloseTo(p, 12);
  });

  it('reproduces the χ² statistic of §6.5', () => {
    const result = twoProportionTest(50, 100, 40, 100);
    expect((result?.z ?? 0) ** 2).toBeCloseTo(2.02, 2);
  });

  it.each([
    [0, 0, 4, 10],
    [4, 10, 0, 0],
    [10, 10, 5, 5], // pooled share 1: SE 0
    [0, 10, 0, 5], // pooled share 0: SE 0
  ])('is null for %s/%s vs %s/%s', (x1, n1, x2, n2) => {
    expect(twoProportionTest(x1, n1, x2, n2)).toBeNull();
  });
});

describe('npsDifferenceTest, adjusted (the default)', () => {
  it.each([
    // A: 12 promoters: p' = 12.75/15 = .85, d' = .05, net' = 80, SE² = 100²·(.90 − .64)/15 = 173.33
    // B: 12 passives: p' = d' = .05, net' = 0, SE² = 100²·(.10 − 0)/15 = 66.667
    // z = 80/√240 = 5.1639777949432225, p = 2Φ(−z) = 2.4175638811190213e-7 (mpmath, 40 digits; below, the nearest doubles)
    [
      { promoters: 12, passives: 0, detractors: 0 },
      { promoters: 0, passives: 12, detractors: 0 },
      5.163977794943222,
      2.4175638811190215e-7,
    ],
    // 50/30/20 vs 40/30/30, both + ¾, + ¾, + 3: nets 3000/103 and 1000/103; mpmath: z 1.7323241326960441, p 0.083215867531571172
    [
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 40, passives: 30, detractors: 30 },
      1.7323241326960441,
      0.08321586753157117,
    ],
    // one side wholly promoters no longer has SE 0: mpmath z 2.8338951574202127, p 0.0045984415841983906
    [
      { promoters: 10, passives: 0, detractors: 0 },
      { promoters: 50, passives: 30, detractors: 20 },
      2.833895157420213,
      0.004598441584198391,
    ],
  ])('%j vs %j → z %s, p %s', (a, b, z, p) => {
    const result = npsDifferenceTest(a, b);
    expect(result?.z).toBeCloseTo(z, 12);
    expect(result?.p).toBeCloseTo(p, 12);
    expect(npsDifferenceTest(a, b, 'adjusted-wald')).toEqual(result);
  });

  it('tests two samples that are each wholly in one class (plain Wald cannot)', () => {
    const a = { promoters: 4, passives: 0, detractors: 0 };
    const b = { promoters: 0, passives: 7, detractors: 0 };
    expect(npsDifferenceTest(a, b, 'wald')).toBeNull();
    expect(npsDifferenceTest(a, b)?.p).toBeGreaterThan(0);
  });
});

describe("npsDifferenceTest, plain Wald (config 'method: wald')", () => {
  it('compares two independent net scores', () => {
    // A: 50/30/20 → NPS 30, SE² = 100²·(.5 + .2 − .09)/100 = 61
    // B: 40/30/30 → NPS 10, SE² = 100²·(.4 + .3 − .01)/100 = 69
    // z = 20/√130 = 1.7541160386140584, p = 2Φ(−z) = 0.079410625998942228 (mpmath)
    const result = npsDifferenceTest(
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 40, passives: 30, detractors: 30 },
      'wald',
    );
    expect(result?.z).toBeCloseTo(1.7541160386140584, 12);
    expect(result?.p).toBeCloseTo(0.07941062599894223, 12);
  });

  it('is signed first minus second', () => {
    const result = npsDifferenceTest(
      { promoters: 40, passives: 30, detractors: 30 },
      { promoters: 50, passives: 30, detractors: 20 },
      'wald',
    );
    expect(result?.z).toBeCloseTo(-1.7541160386140584, 12);
  });

  it('works when only one side has spread', () => {
    // A: all promoters, NPS 100, SE 0; B: 50/30/20, NPS 30, SE² = 61 → z = 70/√61
    const result = npsDifferenceTest(
      { promoters: 10, passives: 0, detractors: 0 },
      { promoters: 50, passives: 30, detractors: 20 },
      'wald',
    );
    expect(result?.z).toBeCloseTo(70 / Math.sqrt(61), 12);
  });
});

describe('npsDifferenceTest, either method', () => {
  it.each([
    [
      { promoters: 0, passives: 0, detractors: 0 },
      { promoters: 5, passives: 3, detractors: 2 },
    ],
    [
      { promoters: 5, passives: 3, detractors: 2 },
      { promoters: 0, passives: 0, detractors: 0 },
    ],
  ])('is null for %j vs %j (a side without answers)', (a, b) => {
    expect(npsDifferenceTest(a, b)).toBeNull();
    expect(npsDifferenceTest(a, b, 'wald')).toBeNull();
  });
});

describe('welchTest', () => {
  it.each([
    // scipy.stats.ttest_ind_from_stats(5, 2, 10, 4, 1, 20, equal_var=False): t 1.4907119849998598,
    // p 0.16339749215975974; df = (.4 + .05)²/(.4²/9 + .05²/19) = 11.306938775510202
    [{ n: 10, mean: 5, sd: 2 }, { n: 20, mean: 4, sd: 1 }, 1.4907119849998598, 11.306938775510202, 0.16339749215975974],
    // ttest_ind_from_stats(3.2, 0.9, 25, 3.6, 1.4, 12, equal_var=False): non-integer df 15.517
    [{ n: 25, mean: 3.2, sd: 0.9 }, { n: 12, mean: 3.6, sd: 1.4 }, -0.9041231620183682, 15.51707321343929, 0.37975306548331467],
    // one side without spread: df = n₁ − 1 = 1; ttest_ind_from_stats(100, 15, 2, 80, 0, 3)
    [{ n: 2, mean: 100, sd: 15 }, { n: 3, mean: 80, sd: 0 }, 1.8856180831641267, 1, 0.3104261414400261],
  ])('%j vs %j → t %s, df %s, p %s', (a, b, t, df, p) => {
    const result = welchTest(a, b);
    expect(result?.t).toBeCloseTo(t, 12);
    expect(result?.df).toBeCloseTo(df, 10);
    expect(result?.p).toBeCloseTo(p, 12);
  });

  it.each([
    [
      { n: 1, mean: 5, sd: 0 },
      { n: 10, mean: 4, sd: 1 },
    ],
    [
      { n: 10, mean: 5, sd: 1 },
      { n: 0, mean: 0, sd: 0 },
    ],
    [
      { n: 5, mean: 5, sd: 0 },
      { n: 5, mean: 4, sd: 0 },
    ], // SE 0
  ])('is null for %j vs %j', (a, b) => {
    expect(welchTest(a, b)).toBeNull();
  });
});
