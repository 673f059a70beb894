import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/metrics/registry.js';
import type { MetricContext } from '../../src/metrics/types.js';
import { compareChange } from '../../src/scorecard/change.js';
import type { Result } from '../../src/scorecard/model.js';

// Expected p-values: mpmath 1.3.0 at 40 digits, from the spec's formulas (metrics.md §6.2, §6.5)
// written out by hand: nets from (adjusted) counts, z = Δ/√(SE₁² + SE₂²), p = erfc(|z|/√2).

function result(metric: string, period: string, value: number | null, n: number, detail: Result['detail']): Result {
  return { metric, name: metric, domain: 'cx', unit: 'points', better: 'higher', segment: {}, period, value, n, ci: null, detail };
}

function net(period: string, promoters: number, passives: number, detractors: number): Result {
  const n = promoters + passives + detractors;
  return result('nps', period, (100 * (promoters - detractors)) / n, n, { promoters, passives, detractors });
}

function rate(period: string, x: number, n: number): Result {
  return result('csat', period, (100 * x) / n, n, { x, n });
}

function mean(period: string, n: number, value: number, sd: number | null): Result {
  return result('csat.mean', period, value, n, { mean: value, sd });
}

function changeOf(before: Result, after: Result, context: Pick<MetricContext, 'netIntervalMethod'> = {}) {
  const [, second] = compareChange([before, after], { metrics: METRICS, confidence: 0.95, metricContext: context });
  return second?.change;
}

describe('compareChange: nets', () => {
  it('does not test, or star, 2 answers after 8 (the issue), and says why', () => {
    // 2 promoters, 2 passives, 4 detractors (NPS −25), then 2 promoters (+100). Plain Wald starred this
    // with p = 2.0e-5: the second month's SE was 0.
    const change = changeOf(net('2024-01', 2, 2, 4), net('2024-02', 2, 0, 0));
    expect(change).toEqual({
      from: '2024-01',
      delta: 125,
      p: null,
      significant: null,
      detail: 'not tested: n = 2 in 2024-02; a change is tested only with n ≥ 10 in both periods',
    });
    // …whatever the method
    expect(changeOf(net('2024-01', 2, 2, 4), net('2024-02', 2, 0, 0), { netIntervalMethod: 'wald' })?.p).toBeNull();
  });

  it('names the earlier period when it is the short one', () => {
    expect(changeOf(net('2024-01', 5, 2, 2), net('2024-02', 40, 30, 30))?.detail).toBe(
      'not tested: n = 9 in 2024-01; a change is tested only with n ≥ 10 in both periods',
    );
  });

  it('still stars a large change on large samples, with the adjusted test by default', () => {
    // 50/30/20 (+30) then 20/30/50 (−30), both adjusted: z = −5.3553442722883115, p = 8.5393666719833799e-8
    const change = changeOf(net('2024-01', 50, 30, 20), net('2024-02', 20, 30, 50));
    expect(change?.delta).toBe(-60);
    expect(change?.p).toBeCloseTo(8.53936667198338e-8, 20);
    expect(change?.significant).toBe(true);
    expect(change?.detail).toBeUndefined();
  });

  it('uses the plain Wald test with method: wald', () => {
    // same counts, unadjusted: z = −5.4321447625511119, p = 5.5680722196455777e-8
    const change = changeOf(net('2024-01', 50, 30, 20), net('2024-02', 20, 30, 50), { netIntervalMethod: 'wald' });
    expect(change?.p).toBeCloseTo(5.568072219645578e-8, 20);
    expect(change?.significant).toBe(true);
  });

  it('tests periods that each sit wholly in one class (adjusted), which plain Wald cannot', () => {
    // 10 promoters then 10 passives: adjusted z = −4.3405736614121557, p = 1.4211121793891001e-5
    expect(changeOf(net('2024-01', 10, 0, 0), net('2024-02', 0, 10, 0))?.p).toBeCloseTo(1.4211121793891e-5, 17);
    expect(changeOf(net('2024-01', 10, 0, 0), net('2024-02', 0, 10, 0), { netIntervalMethod: 'wald' })).toEqual({
      from: '2024-01',
      delta: -100,
      p: null,
      significant: null,
      detail: 'not tested: no spread in either period',
    });
  });
});

describe('compareChange: rates', () => {
  it('does not test with fewer than 5 successes pooled', () => {
    const change = changeOf(rate('2024-01', 3, 12), rate('2024-02', 1, 12));
    expect(change?.p).toBeNull();
    expect(change?.significant).toBeNull();
    expect(change?.detail).toBe(
      "not tested: x = 4 over both periods; a rate's change is tested only with x ≥ 5 and n − x ≥ 5 over both periods",
    );
  });

  it('does not test with fewer than 5 failures pooled', () => {
    expect(changeOf(rate('2024-01', 11, 12), rate('2024-02', 12, 12))?.detail).toBe(
      "not tested: n − x = 1 over both periods; a rate's change is tested only with x ≥ 5 and n − x ≥ 5 over both periods",
    );
  });

  it('tests and stars 40/100 then 60/100', () => {
    // pooled z = 0.2/√(.5·.5·.02) = 2.8284271247461901, p = 0.0046777349810472658
    const change = changeOf(rate('2024-01', 40, 100), rate('2024-02', 60, 100));
    expect(change?.p).toBeCloseTo(0.004677734981047266, 14);
    expect(change?.significant).toBe(true);
  });
});

describe('compareChange: means', () => {
  it('does not test fewer than 10 answers on a side', () => {
    expect(changeOf(mean('2024-01', 30, 4, 1), mean('2024-02', 2, 3, 0))?.detail).toBe(
      'not tested: n = 2 in 2024-02; a change is tested only with n ≥ 10 in both periods',
    );
  });

  it('says so when neither period has any spread', () => {
    expect(changeOf(mean('2024-01', 12, 5, 0), mean('2024-02', 15, 4, 0))).toEqual({
      from: '2024-01',
      delta: -1,
      p: null,
      significant: null,
      detail: 'not tested: no spread in either period',
    });
  });

  it('tests by Welch above the minimum', () => {
    // scipy.stats.ttest_ind_from_stats(3.2, 0.9, 25, 3.6, 1.4, 12, equal_var=False): p 0.37975306548331467
    const change = changeOf(mean('2024-01', 25, 3.2, 0.9), mean('2024-02', 12, 3.6, 1.4));
    expect(change?.p).toBeCloseTo(0.37975306548331467, 12);
    expect(change?.significant).toBe(false);
  });
});

describe('compareChange: metrics without a test', () => {
  it('gives no p and no detail', () => {
    const before = result('resolution_time.p90', '2024-01', 3600, 2, {});
    const after = result('resolution_time.p90', '2024-02', 7200, 3, {});
    expect(changeOf(before, after)).toEqual({ from: '2024-01', delta: 3600, p: null, significant: null });
  });
});
