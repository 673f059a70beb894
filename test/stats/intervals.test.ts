import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apdexInterval, meanInterval, npsInterval, wilsonInterval } from '../../src/stats/intervals.js';

// Reference bounds: mpmath 1.3.0 at 40 digits with the exact z = √2·erfinv(0.95) = 1.959963984540054…
function expectInterval(actual: readonly [number, number] | null, expected: readonly [number, number], digits = 12): void {
  expect(actual).not.toBeNull();
  expect(actual?.[0]).toBeCloseTo(expected[0], digits);
  expect(actual?.[1]).toBeCloseTo(expected[1], digits);
}

describe('wilsonInterval', () => {
  it.each([
    // metrics.md §6.3: 0/10 → [0, 27.8 %]; upper = (z²/2n + z·√(z²/4n²))/(1 + z²/n) = z²/(n + z²)
    [0, 10, [0, 0.27753279986288926]],
    [5, 10, [0.23659309051256397, 0.7634069094874361]], // symmetric about ½
    [10, 10, [0.7224672001371107, 1]], // mirror of 0/10
    [1, 5, [0.03622410863243016, 0.6244653702374747]],
    [45, 50, [0.7863976856252034, 0.9565242350681096]],
    [2.5, 10, [0.08094782420999444, 0.5578185757214502]], // fractional (weighted) successes
    [1, 1, [0.2065493143772374, 1]], // one trial
  ] as const)('%s of %s at 95 %% → %j', (successes, n, expected) => {
    expectInterval(wilsonInterval(successes, n, 0.95), expected);
  });

  it('gives exact 0 and 1 at the ends', () => {
    expect(wilsonInterval(0, 7, 0.95)?.[0]).toBe(0);
    expect(wilsonInterval(7, 7, 0.95)?.[1]).toBe(1);
  });

  it('widens with confidence', () => {
    const narrow = wilsonInterval(30, 100, 0.8);
    const wide = wilsonInterval(30, 100, 0.99);
    expect(wide?.[0]).toBeLessThan(narrow?.[0] ?? Number.NaN);
    expect(wide?.[1]).toBeGreaterThan(narrow?.[1] ?? Number.NaN);
  });

  it.each([
    [0, 0, 0.95],
    [3, 10, 0],
  ])('is null for %s of %s at confidence %s (no data or intervals off)', (successes, n, confidence) => {
    expect(wilsonInterval(successes, n, confidence)).toBeNull();
  });

  it.each([
    [11, 10, 0.95],
    [-1, 10, 0.95],
    [1, Number.NaN, 0.95],
    [1, 10, 1],
    [1, 10, 95],
  ])('rejects %s of %s at %s', (successes, n, confidence) => {
    expect(() => wilsonInterval(successes, n, confidence)).toThrow(RangeError);
  });

  it('stays inside [0, 1] and contains the observed share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        (n, share, confidence) => {
          const successes = Math.min(n, share * n);
          const [lower, upper] = wilsonInterval(successes, n, confidence) ?? [Number.NaN, Number.NaN];
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(upper).toBeLessThanOrEqual(1);
          expect(lower).toBeLessThanOrEqual(successes / n);
          expect(upper).toBeGreaterThanOrEqual(successes / n);
        },
      ),
    );
  });
});

describe('npsInterval', () => {
  it.each([
    // metrics.md §6.2: p = .5, d = .2, n = 100: var = .5 + .2 − .3² = .61, SE = 100·√(.61/100) = 7.81,
    // 95 % → 30 ± 15.3078
    [50, 30, 20, [14.692191924957326, 45.30780807504267]],
    // all passives: NPS 0, variance 0 → a zero-width interval
    [0, 12, 0, [0, 0]],
    // p = .9, d = .1, n = 10: NPS 80, var = 1 − .64 = .36, SE = 100·.6/√10 = 18.97 → upper 117.2 clipped to 100
    [9, 0, 1, [80 - 1.959963984540054 * (60 / Math.sqrt(10)), 100]],
    // mirror: NPS −80, lower −117.2 clipped to −100
    [1, 0, 9, [-100, -80 + 1.959963984540054 * (60 / Math.sqrt(10))]],
    // one promoter: NPS 100, variance 1 − 1 = 0
    [1, 0, 0, [100, 100]],
  ] as const)('%s promoters, %s passives, %s detractors at 95 %% → %j', (promoters, passives, detractors, expected) => {
    expectInterval(npsInterval(promoters, passives, detractors, 0.95), expected, 10);
  });

  it.each([
    [0, 0, 0, 0.95],
    [5, 3, 2, 0],
  ])('is null for %s/%s/%s at %s', (promoters, passives, detractors, confidence) => {
    expect(npsInterval(promoters, passives, detractors, confidence)).toBeNull();
  });

  it('rejects negative counts', () => {
    expect(() => npsInterval(-1, 3, 2, 0.95)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it.each([
    // t(0.975, 9) = 2.2621571627982050 (mpmath); half = 2.262157…·2/√10 = 1.4307138119413294
    [10, 5, 2, 0.95, [5 - 1.4307138119413294, 5 + 1.4307138119413294]],
    // n = 2: t(0.975, 1) = 12.706204736174693 (cot(π/40) at the double 0.975); half = 12.7062…·1/√2
    [2, 3, 1, 0.95, [3 - 12.706204736174692 / Math.SQRT2, 3 + 12.706204736174692 / Math.SQRT2]],
    // zero spread: a zero-width interval
    [4, 2.5, 0, 0.95, [2.5, 2.5]],
  ] as const)('n %s, mean %s, sd %s at %s → %j', (n, mean, sd, confidence, expected) => {
    expectInterval(meanInterval(n, mean, sd, confidence), expected);
  });

  it.each([
    [0, 0, null, 0.95],
    [1, 4, null, 0.95],
    [1, 4, 0, 0.95],
    [10, 5, 2, 0],
    [10, 5, null, 0.95],
  ])('is null for n %s, mean %s, sd %s at %s', (n, mean, sd, confidence) => {
    expect(meanInterval(n, mean, sd, confidence)).toBeNull();
  });
});

describe('apdexInterval', () => {
  it.each([
    // s = 60, t = 30, n = 100: A = .75, var = (60 + 7.5)/100 − .5625 = .1125, SE = √(.1125/100),
    // 95 % → .75 ± 0.0657391905432436
    [60, 30, 100, [0.6842608094567564, 0.8157391905432436]],
    // all satisfied: A = 1, var = 1 − 1 = 0
    [20, 0, 20, [1, 1]],
    // all tolerating: A = ½, var = ¼ − ¼ = 0
    [0, 8, 8, [0.5, 0.5]],
    // s = 9 of 10: A = .9, var = .9 − .81 = .09, SE = .3/√10 → upper .9 + .186 clipped to 1
    [9, 0, 10, [0.9 - 1.959963984540054 * (0.3 / Math.sqrt(10)), 1]],
    // all frustrated: A = 0, var = 0
    [0, 0, 5, [0, 0]],
  ] as const)('satisfied %s, tolerating %s of %s at 95 %% → %j', (satisfied, tolerating, n, expected) => {
    expectInterval(apdexInterval(satisfied, tolerating, n, 0.95), expected);
  });

  it.each([
    [0, 0, 0, 0.95],
    [5, 2, 10, 0],
  ])('is null for %s, %s of %s at %s', (satisfied, tolerating, n, confidence) => {
    expect(apdexInterval(satisfied, tolerating, n, confidence)).toBeNull();
  });

  it('rejects more satisfied and tolerating samples than n', () => {
    expect(() => apdexInterval(6, 5, 10, 0.95)).toThrow(RangeError);
  });
});
