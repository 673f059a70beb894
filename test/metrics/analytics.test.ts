import { describe, expect, it } from 'vitest';
import { rateApdex } from '../../src/metrics/analytics.js';
import { rateByBands } from '../../src/metrics/bands.js';
import { findMetric } from '../../src/metrics/registry.js';
import { answers, runMetric } from './run-metric.js';

describe('conversion_rate', () => {
  it.each([
    // [label, rows, value, n, x]
    ['empty', [], null, 0, 0],
    // 2 converted of 4 event rows
    ['event rows', answers('converted', [true, false, false, true]), 50, 4, 2],
    // (5 + 3)/(100 + 50) = 8/150 = 5.333 %
    [
      'aggregated rows',
      [
        { conversions: 5, visitors: 100 },
        { conversions: 3, sessions: 50 },
      ],
      800 / 150,
      150,
      8,
    ],
    // visitors is the denominator when both exist: 5/100
    ['visitors before sessions', [{ conversions: 5, visitors: 100, sessions: 200 }], 5, 100, 5],
    ['rows lacking a denominator are skipped', [{ conversions: 5 }, { visitors: 10 }], null, 0, 0],
    // 1 converted event + 1 of 9 visitors → 2/10
    ['events and aggregates pool', [{ converted: true }, { conversions: 1, visitors: 9 }], 20, 10, 2],
  ] as const)('%s', (_label, rows, value, n, x) => {
    const result = runMetric('conversion_rate', rows);
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.detail).toEqual({ x, n });
  });

  it('is not a rate when conversions exceed visitors', () => {
    expect(runMetric('conversion_rate', [{ conversions: 12, visitors: 10 }])).toEqual({
      value: null,
      n: 10,
      ci: null,
      detail: { x: 12, n: 10, note: 'conversions exceed visitors: not a rate' },
    });
  });

  it('reports the Wilson interval × 100', () => {
    // 1 of 2, z² = 3.841459: centre (0.5 + z²/4)/(1 + z²/2) = 1.460365/2.920729 = 0.5;
    // half = z·√(p(1−p)/n + z²/(4n²))/(1 + z²/n) = 1.959964·√(0.125 + 0.240091)/2.920729 = 0.405469
    // → [9.4531, 90.5469] %
    const { ci } = runMetric('conversion_rate', answers('converted', [true, false]));
    expect(ci?.[0]).toBeCloseTo(9.453121, 4);
    expect(ci?.[1]).toBeCloseTo(90.546879, 4);
  });
});

describe('bounce_rate', () => {
  it.each([
    // [label, rows, value, n]
    ['empty', [], null, 0],
    ['bounced event rows', answers('bounced', [true, false]), 50, 2],
    ['bounces of sessions', [{ bounces: 30, sessions: 100 }], 30, 100],
    // weighted by sessions: (0.4·50 + 0.2·150)/200 = 50/200 = 25 % (a mean of row rates would say 30 %)
    [
      'bounce_rate weighted by sessions',
      [
        { bounce_rate: 0.4, sessions: 50 },
        { bounce_rate: 0.2, sessions: 150 },
      ],
      25,
      200,
    ],
    ['bounce_rate without sessions is one session', [{ bounce_rate: 0.5 }], 50, 1],
    ['bounces without sessions are skipped', [{ bounces: 3 }], null, 0],
  ] as const)('%s', (_label, rows, value, n) => {
    const result = runMetric('bounce_rate', rows);
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
  });
});

describe('error_rate', () => {
  it.each([
    // [label, rows, value, n]
    ['empty', [], null, 0],
    // (5 + 0)/(1000 + 1000) = 0.25 %
    [
      'pooled',
      [
        { errors: 5, requests: 1000 },
        { errors: 0, requests: 1000 },
      ],
      0.25,
      2000,
    ],
    ['requests without errors are skipped', [{ requests: 1000 }], null, 0],
    ['all failed', [{ errors: 4, requests: 4 }], 100, 4],
    // A request log: one request a row, 1 failed of 4.
    ['request rows', answers('failed', [false, true, false, false]), 25, 4],
    // Counts win on a row that has them; the request row beside it is one more trial: (2 + 1)/(10 + 1).
    ['aggregated and request rows', [{ errors: 2, requests: 10, failed: false }, { failed: true }], 300 / 11, 11],
  ] as const)('%s', (_label, rows, value, n) => {
    const result = runMetric('error_rate', rows);
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
  });
});

describe('pages_per_session and engagement_time.mean', () => {
  it.each([
    // [label, metric, rows, value, n]
    ['empty', 'pages_per_session', [], null, 0],
    // (30 + 3)/(10 + 1) = 3
    ['pooled', 'pages_per_session', [{ pageviews: 30, sessions: 10 }, { pageviews: 3 }, { sessions: 5 }], 3, 11],
    ['zero sessions', 'pages_per_session', [{ pageviews: 3, sessions: 0 }], null, 0],
    ['empty', 'engagement_time.mean', [], null, 0],
    // (600 + 60)/(10 + 1) = 60 s
    ['pooled', 'engagement_time.mean', [{ engagement_time: 600, sessions: 10 }, { engagement_time: 60 }], 60, 11],
  ] as const)('%s %s', (_label, id, rows, value, n) => {
    const result = runMetric(id, rows);
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.ci).toBeNull();
  });
});

describe('downloads', () => {
  it.each([
    ['empty', [], null, 0],
    ['zero is a value', [0], 0, 1],
    // 10 + 0 + 5; the missing cell is not a row with a value
    ['several', [10, 0, 5, undefined], 15, 3],
  ] as const)('%s', (_label, values, value, n) => {
    expect(runMetric('downloads', answers('downloads', values))).toEqual({ value, n, ci: null });
  });
});

describe('apdex', () => {
  it.each([
    // [label, rows, T, value, satisfied, tolerating, frustrated, band]
    ['empty', [], 0.5, null, 0, 0, 0, null],
    ['exactly T is satisfied', answers('response_time', [0.5]), 0.5, 1, 1, 0, 0, 'Excellent'],
    ['exactly 4T is tolerating', answers('response_time', [2]), 0.5, 0.5, 0, 1, 0, 'Poor'],
    ['just over 4T is frustrated', answers('response_time', [2.000001]), 0.5, 0, 0, 0, 1, 'Unacceptable'],
    ['an error is frustrated whatever its time', [{ response_time: 0.1, errors: 1 }], 0.5, 0, 0, 0, 1, 'Unacceptable'],
    ['zero errors do not count', [{ response_time: 0.1, errors: 0 }], 0.5, 1, 1, 0, 0, 'Excellent'],
    ['a failed request is frustrated whatever its time', [{ response_time: 0.1, failed: true }], 0.5, 0, 0, 0, 1, 'Unacceptable'],
    ['a request that succeeded is judged by its time', [{ response_time: 0.6, failed: false }], 0.5, 0.5, 0, 1, 0, 'Poor'],
    // (2 + 2/2)/6 = 0.50 (metrics.md §4.3)
    ['worked example', answers('response_time', [0.2, 0.5, 0.6, 2.0, 2.1, 3.0]), 0.5, 0.5, 2, 2, 2, 'Poor'],
    // T = 1: 0.6 and 0.5 satisfied, 2.0 tolerating → (2 + 0.5)/3
    ['another T', answers('response_time', [0.6, 0.5, 2.0]), 1, 2.5 / 3, 2, 1, 0, 'Fair'],
  ] as const)('%s', (_label, rows, t, value, satisfied, tolerating, frustrated, band) => {
    const result = runMetric('apdex', rows, { context: { apdexT: t } });
    expect(result.value).toBe(value);
    expect(result.n).toBe(satisfied + tolerating + frustrated);
    expect(result.detail).toEqual({ satisfied, tolerating, frustrated, t, band });
  });

  it('reports the adjusted-Wald interval on the 1/½/0 recode by default', () => {
    // 2 satisfied, 2 tolerating, 2 frustrated, adjusted: s' = 2.75, t' = 3.5, n' = 9; A' = (2.75 + 1.75)/9 = 0.5,
    // var = (2.75 + 3.5/4)/9 − 0.25 = 11/72, SE = √(11/648) = 0.130289 → 0.5 ± 0.255362 = [0.244638, 0.755362]
    const { ci } = runMetric('apdex', answers('response_time', [0.2, 0.5, 0.6, 2.0, 2.1, 3.0]));
    expect(ci?.[0]).toBeCloseTo(0.244638, 5);
    expect(ci?.[1]).toBeCloseTo(0.755362, 5);
  });

  it.each([
    // one satisfied request: s' = 1.75, t' = 1.5, n' = 4; A' = 0.625, var = 2.125/4 − 0.390625 = 0.140625, SE = 0.1875
    // → 0.625 ± 0.367493 = [0.257507, 0.992493]: the value 1 is reported, not a certainty
    ['one satisfied request', [0.2], 1, [0.257507, 0.992493]],
    // two satisfied: s' = 2.75, t' = 1.5, n' = 5; A' = 0.7, var = 3.125/5 − 0.49 = 0.135, SE = √0.027 = 0.164317
    // → 0.7 ± 0.322054 = [0.377946, 1.022054], clipped to 1
    ['two satisfied requests', [0.2, 0.3], 1, [0.377946, 1]],
  ] as const)('gives %s a value and an interval of honest width', (_label, times, value, [lower, upper]) => {
    const result = runMetric('apdex', answers('response_time', times));
    expect(result.value).toBe(value);
    expect(result.ci?.[0]).toBeCloseTo(lower, 5);
    expect(result.ci?.[1]).toBeCloseTo(upper, 5);
  });

  it('reports the plain Wald interval with method: wald', () => {
    // s = t = 2/6, A = 0.5: SE = √((1/3 + 1/12 − 0.25)/6) = √(1/36) = 1/6;
    // 0.5 ± 1.959964/6 = 0.5 ± 0.326661 → [0.173339, 0.826661]
    const { ci } = runMetric('apdex', answers('response_time', [0.2, 0.5, 0.6, 2.0, 2.1, 3.0]), { context: { netIntervalMethod: 'wald' } });
    expect(ci?.[0]).toBeCloseTo(0.173339, 5);
    expect(ci?.[1]).toBeCloseTo(0.826661, 5);
  });

  it.each([
    [1, 'Excellent'],
    [0.94, 'Excellent'],
    [0.9399, 'Good'],
    [0.85, 'Good'],
    [0.8499, 'Fair'],
    [0.7, 'Fair'],
    [0.6999, 'Poor'],
    [0.5, 'Poor'],
    [0.4999, 'Unacceptable'],
    [0, 'Unacceptable'],
  ])('band of %d is %s (unrounded, half-open)', (score, band) => {
    expect(rateApdex(score)).toBe(band);
  });

  it('bands the value it reports: 47 satisfied and 3 frustrated of 50 → 0.94 Excellent', () => {
    const rows = answers('response_time', [...Array<number>(47).fill(0.1), 9, 9, 9]);
    expect(runMetric('apdex', rows).detail?.['band']).toBe('Excellent');
  });
});

describe('percentile metrics', () => {
  const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
  it.each([
    // [label, metric, field, values, value, rating]
    ['empty', 'response_time.p95', 'response_time', [], null, undefined],
    ['one value', 'response_time.p95', 'response_time', [0.3], 0.3, undefined],
    // h = 19·0.95 = 18.05 → 19 + 0.05·(20 − 19) = 19.05
    ['1…20 s', 'response_time.p95', 'response_time', oneToTwenty, 19.05, undefined],
    ['empty', 'lcp.p75', 'lcp', [], null, null],
    ['exactly 2500 ms is good', 'lcp.p75', 'lcp', [2500], 2500, 'good'],
    ['2501 ms needs improvement', 'lcp.p75', 'lcp', [2501], 2501, 'needs-improvement'],
    ['exactly 4000 ms needs improvement', 'lcp.p75', 'lcp', [4000], 4000, 'needs-improvement'],
    ['4001 ms is poor', 'lcp.p75', 'lcp', [4001], 4001, 'poor'],
    // h = 3·0.75 = 2.25 → 3000 + 0.25·1000 = 3250
    ['interpolated p75', 'lcp.p75', 'lcp', [4000, 1000, 3000, 2000], 3250, 'needs-improvement'],
    // ties: 100,100,100,900 → h = 2.25 → 100 + 0.25·800 = 300
    ['ties', 'inp.p75', 'inp', [100, 100, 100, 900], 300, 'needs-improvement'],
    ['exactly 200 ms is good', 'inp.p75', 'inp', [200], 200, 'good'],
    ['exactly 500 ms needs improvement', 'inp.p75', 'inp', [500], 500, 'needs-improvement'],
    ['501 ms is poor', 'inp.p75', 'inp', [501], 501, 'poor'],
    ['exactly 0.1 is good', 'cls.p75', 'cls', [0.1], 0.1, 'good'],
    ['exactly 0.25 needs improvement', 'cls.p75', 'cls', [0.25], 0.25, 'needs-improvement'],
    ['0.26 is poor', 'cls.p75', 'cls', [0.26], 0.26, 'poor'],
  ] as const)('%s: %s', (_label, id, field, values, value, rating) => {
    const result = runMetric(id, answers(field, values));
    if (value === null) expect(result.value).toBeNull();
    else expect(result.value).toBeCloseTo(value, 9);
    expect(result.n).toBe(values.length);
    expect(result.ci).toBeNull();
    expect(result.detail?.['rating']).toBe(rating);
  });

  it.each([
    [2500, 'lcp.p75', 'good'],
    [4000.5, 'lcp.p75', 'poor'],
    [0.1, 'cls.p75', 'good'],
  ] as const)('%d on the bands of %s is %s', (value, id, rating) => {
    const bands = findMetric(id)?.bands;
    if (bands === undefined) throw new Error(`${id} has no bands`);
    expect(rateByBands(bands, value)).toBe(rating);
  });
});
