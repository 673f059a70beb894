import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { findMetric } from '../../src/metrics/registry.js';
import { answers, runMetric } from './run-metric.js';

/** One attempt: its outcome (undefined: none written), time on task in seconds, clicks and errors. */
function attempt(success: boolean | undefined, time?: number, clicks?: number, errors?: number): CanonicalRow {
  return { task_success: success, task_time: time, task_clicks: clicks, task_errors: errors };
}

/**
 * fixtures/tasks/results.csv as canonical rows: "Find a lamp" S 30 s, S 45 s, F 120 s, S 60 s,
 * no outcome 50 s; "Check out" F 200 s, F 90 s, S 80 s, S 40 s.
 */
const STUDY: readonly CanonicalRow[] = [
  attempt(true, 30, 4, 0),
  attempt(true, 45, 6, 1),
  attempt(false, 120, 15, 3),
  attempt(true, 60, 5, 0),
  attempt(undefined, 50, 5, 0),
  attempt(false, 200, 20, 2),
  attempt(false, 90, 9, 1),
  attempt(true, 80, 8, 0),
  attempt(true, 40, 7, 1),
];

describe('task_success_rate', () => {
  it.each([
    // [label, outcomes, value, n, x]
    ['no attempts', [], null, 0, 0],
    ['all succeed: 4/4', [true, true, true, true], 100, 4, 4],
    ['none succeed: 0/4', [false, false, false, false], 0, 4, 0],
    // an attempt with no outcome is missing, not a failure: 2 of the 3 with one
    ['missing outcomes are left out: 2/3', [true, undefined, false, true, undefined], (100 * 2) / 3, 3, 2],
  ] as const)('%s', (_label, outcomes, value, n, x) => {
    const result = runMetric('task_success_rate', answers('task_success', outcomes));
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.detail).toEqual({ x, n });
  });

  it('is 5 of 8 on the study, with the Wilson interval', () => {
    // 8 outcomes (the fifth attempt has none), 5 successes → 62.5 %. Wilson, z = 1.959964, z² = 3.841459:
    // centre (0.625 + 3.841459/16)/(1 + 3.841459/8) = 0.865091/1.480182 = 0.584449;
    // half 1.959964·√(0.625·0.375/8 + 3.841459/256)/1.480182 = 1.959964·0.209981/1.480182 = 0.278042
    // → [30.574, 86.316] %
    const result = runMetric('task_success_rate', STUDY);
    expect(result.value).toBe(62.5);
    expect(result.n).toBe(8);
    expect(result.ci?.[0]).toBeCloseTo(30.574239, 4);
    expect(result.ci?.[1]).toBeCloseTo(86.315571, 4);
  });

  it('gives none succeeding an interval from 0, not a zero-width one', () => {
    // 0 of 4: upper bound (z²/8 + z·√(z²/64))/(1 + z²/4) = (0.480182 + 0.480182)/1.960365 = 0.489891
    expect(runMetric('task_success_rate', answers('task_success', [false, false, false, false])).ci?.[1]).toBeCloseTo(48.98908, 4);
  });
});

describe('task_time over successful attempts', () => {
  it('takes the median of the successes and counts the attempts left out', () => {
    // successes' times 30, 45, 60, 80, 40 → sorted 30 40 45 60 80 → median 45 (type 7: position 0.5·4 = 2).
    // Left out: three failures with a time (120, 200, 90) and one attempt with no outcome (50).
    expect(runMetric('task_time.median', STUDY)).toEqual({
      value: 45,
      n: 5,
      ci: null,
      detail: { excluded_failed: 3, excluded_no_outcome: 1 },
    });
  });

  it('interpolates the median of an even count', () => {
    // 40 and 80 → 40 + 0.5·(80 − 40) = 60
    expect(runMetric('task_time.median', [attempt(true, 80), attempt(true, 40), attempt(false, 10)]).value).toBe(60);
  });

  it('takes the mean with a t-interval', () => {
    // (30 + 45 + 60 + 80 + 40)/5 = 255/5 = 51; s = √((21² + 6² + 9² + 29² + 11²)/4) = √(1520/4) = 19.493589;
    // t(0.975, 4) = 2.776445 → 51 ± 2.776445·19.493589/√5 = 51 ± 24.204487 → [26.7955, 75.2045]
    const result = runMetric('task_time.mean', STUDY);
    expect(result.value).toBe(51);
    expect(result.n).toBe(5);
    expect(result.ci?.[0]).toBeCloseTo(26.795513, 4);
    expect(result.ci?.[1]).toBeCloseTo(75.204487, 4);
    expect(result.detail).toMatchObject({ excluded_failed: 3, excluded_no_outcome: 1 });
  });

  it('takes the geometric mean with the t-interval of the logs taken back through exp', () => {
    // (30·45·60·80·40)^(1/5) = 259,200,000^(1/5) = 48.164494; mean of ln = 3.874622, sd of ln = 0.377156;
    // exp(3.874622 ± 2.776445·0.377156/√5) = exp(3.874622 ± 0.468301) → [30.1541, 76.9321]
    const result = runMetric('task_time.geomean', STUDY);
    expect(result.value).toBeCloseTo(48.164494, 6);
    expect(result.n).toBe(5);
    expect(result.ci?.[0]).toBeCloseTo(30.154099, 4);
    expect(result.ci?.[1]).toBeCloseTo(76.93211, 4);
    expect(result.detail).toMatchObject({ excluded_failed: 3, excluded_no_outcome: 1, excluded_zero: 0 });
    expect(result.detail?.['mean_log']).toBeCloseTo(3.874622, 6);
  });

  it('leaves a time of 0 out of the geometric mean (it has no logarithm) and counts it', () => {
    // 0 is excluded; 20 and 80 → √1600 = 40
    const result = runMetric('task_time.geomean', [attempt(true, 0), attempt(true, 20), attempt(true, 80)]);
    expect(result.value).toBeCloseTo(40, 10);
    expect(result.n).toBe(2);
    expect(result.detail).toMatchObject({ excluded_zero: 1 });
  });

  it('gives no interval rather than an infinite one when the logs lie hundreds apart', () => {
    // ln 1e-300 = −690.8, ln 1e300 = 690.8 → mean 0, value e⁰ = 1; sd 976.9, t(0.975, 1) = 12.706:
    // the upper bound exp(0 + 12.706·976.9/√2) = exp(8777) is past the largest double
    const result = runMetric('task_time.geomean', [attempt(true, 1e-300), attempt(true, 1e300)]);
    expect(result.value).toBeCloseTo(1, 6);
    expect(result.ci).toBeNull();
  });

  it('has no value when no attempt succeeded, and says why', () => {
    const failures = [attempt(false, 100), attempt(false, 200), attempt(undefined, 30)];
    for (const id of ['task_time.median', 'task_time.mean', 'task_time.geomean']) {
      const result = runMetric(id, failures);
      expect(result.value, id).toBeNull();
      expect(result.n, id).toBe(0);
      expect(result.detail, id).toMatchObject({ excluded_failed: 2, excluded_no_outcome: 1 });
    }
  });

  it('uses every attempt when all succeed', () => {
    // 10, 20, 30 → median 20, mean 20, geomean ∛6000 = 18.171206
    const all = [attempt(true, 10), attempt(true, 20), attempt(true, 30)];
    expect(runMetric('task_time.median', all).value).toBe(20);
    expect(runMetric('task_time.mean', all).value).toBe(20);
    expect(runMetric('task_time.geomean', all).value).toBeCloseTo(18.171206, 6);
    expect(runMetric('task_time.median', all).detail).toEqual({ excluded_failed: 0, excluded_no_outcome: 0 });
  });

  it('skips a successful attempt with no time, counting nothing', () => {
    // the success without a time is missing: only 30 is timed
    const result = runMetric('task_time.median', [attempt(true, undefined), attempt(true, 30)]);
    expect(result).toEqual({ value: 30, n: 1, ci: null, detail: { excluded_failed: 0, excluded_no_outcome: 0 } });
  });
});

describe('clicks_to_complete.mean', () => {
  it('is the mean clicks of the successful attempts, with a t-interval', () => {
    // successes' clicks 4, 6, 5, 8, 7 → 30/5 = 6; s = √((4 + 0 + 1 + 4 + 1)/4) = √2.5 = 1.581139;
    // 6 ± 2.776445·1.581139/√5 = 6 ± 1.963243 → [4.0368, 7.9632]. Failures' 15, 20, 9 clicks are left out.
    const result = runMetric('clicks_to_complete.mean', STUDY);
    expect(result.value).toBe(6);
    expect(result.n).toBe(5);
    expect(result.ci?.[0]).toBeCloseTo(4.036757, 4);
    expect(result.ci?.[1]).toBeCloseTo(7.963243, 4);
    expect(result.detail).toMatchObject({ excluded_failed: 3, excluded_no_outcome: 1 });
  });
});

describe('task_error_rate', () => {
  it.each([
    // [label, error counts, value, n, x]
    ['no attempts', [], null, 0, 0],
    ['no errors: 0/3', [0, 0, 0], 0, 3, 0],
    // an attempt with two errors is one attempt with an error: 2 of 4
    ['attempts with at least one error: 2/4', [0, 2, 0, 1], 50, 4, 2],
    ['missing counts are left out: 1/2', [undefined, 3, 0], 50, 2, 1],
  ] as const)('%s', (_label, counts, value, n, x) => {
    const result = runMetric('task_error_rate', answers('task_errors', counts));
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.detail).toEqual({ x, n });
  });

  it('counts failed attempts too: 5 of 9 on the study', () => {
    // errors 0 1 3 0 0 2 1 0 1 → 5 attempts with an error of 9 → 55.556 %
    const result = runMetric('task_error_rate', STUDY);
    expect(result.value).toBeCloseTo((100 * 5) / 9, 12);
    expect(result.n).toBe(9);
  });
});

describe('the task metrics in the registry', () => {
  it.each(['task_success_rate', 'task_time.median', 'task_time.mean', 'task_time.geomean', 'clicks_to_complete.mean', 'task_error_rate'])(
    '%s is a ux metric of analytics data with a formula',
    (id) => {
      const def = findMetric(id);
      expect(def?.domain).toBe('ux');
      expect(def?.kinds).toEqual(['analytics']);
      expect(def?.formula.length).toBeGreaterThan(10);
    },
  );

  it('reads task success against the 78 % average', () => {
    expect(findMetric('task_success_rate')?.reading).toContain('78 %');
    expect(findMetric('task_success_rate')?.interval).toBe('wilson');
    expect(findMetric('task_time.median')?.interval).toBe('none');
  });
});
