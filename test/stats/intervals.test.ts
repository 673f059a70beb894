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

const Z95 = 1.959963984540054;

/**
 * The spec's formula (metrics.md §6.2) written out once more, independently of src/: shares of the
 * (adjusted) counts, variance p + d − (p − d)², centre ± z·SE, clipped to ±100.
 */
function referenceNetInterval(promoters: number, passives: number, detractors: number, adjusted: boolean, z = Z95): [number, number] {
  const extra = adjusted ? 0.75 : 0;
  const n = promoters + passives + detractors + (adjusted ? 3 : 0);
  const p = (promoters + extra) / n;
  const d = (detractors + extra) / n;
  const centre = 100 * (p - d);
  const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / n);
  return [Math.max(-100, centre - z * se), Math.min(100, centre + z * se)];
}

describe('npsInterval, adjusted Wald (the default)', () => {
  it.each([
    // two promoters: p' = 2.75/5 = .55, d' = .75/5 = .15, centre 40, var = .70 − .16 = .54,
    // SE = 100·√(.54/5) = 32.863, half 64.411 → −24.411…104.41, clipped to 100 (plain Wald: 100…100)
    [2, 0, 0, [40 - Z95 * 100 * Math.sqrt(0.108), 100]],
    // one promoter: p' = 1.75/4, d' = .75/4, centre 25, var = .625 − .0625 = .5625, SE = 37.5 → 25 ± 73.499
    [1, 0, 0, [25 - Z95 * 37.5, 25 + Z95 * 37.5]],
    // p = .5, d = .2, n = 100: p' = 50.75/103, d' = 20.75/103, centre 3000/103 = 29.126, var = 71.5/103 − (30/103)²
    // = .60934, SE = 7.6915 → 14.051…44.201 (plain Wald 14.692…45.308)
    [
      50,
      30,
      20,
      [
        3000 / 103 - Z95 * 100 * Math.sqrt((71.5 / 103 - (30 / 103) ** 2) / 103),
        3000 / 103 + Z95 * 100 * Math.sqrt((71.5 / 103 - (30 / 103) ** 2) / 103),
      ],
    ],
    // all passives: p' = d' = .75/15 = .05, centre 0, var .1, SE = 100·√(.1/15) = 8.165 → ±16.003, not 0…0
    [0, 12, 0, [-Z95 * 100 * Math.sqrt(0.1 / 15), Z95 * 100 * Math.sqrt(0.1 / 15)]],
  ] as const)('%s promoters, %s passives, %s detractors at 95 %% → %j', (promoters, passives, detractors, expected) => {
    expectInterval(npsInterval(promoters, passives, detractors, 0.95), expected, 10);
    expectInterval(npsInterval(promoters, passives, detractors, 0.95, 'adjusted-wald'), expected, 10);
  });

  it('agrees with the written-out reference formula', () => {
    expectInterval(npsInterval(7, 2, 1, 0.95), referenceNetInterval(7, 2, 1, true), 10);
    expectInterval(npsInterval(0, 0, 3, 0.9, 'adjusted-wald'), referenceNetInterval(0, 0, 3, true, 1.6448536269514722), 10);
  });

  it('has positive width, stays in ±100 and contains the adjusted net (its centre) at any counts and level', () => {
    // The invariant that truly holds: the interval is centred on the ADJUSTED net, so it need not
    // contain the reported plain net (one promoter at 95 %: value 100, interval −48.5…98.5).
    fc.assert(
      fc.property(
        fc.nat({ max: 100_000 }),
        fc.nat({ max: 100_000 }),
        fc.nat({ max: 100_000 }),
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        (promoters, passives, detractors, confidence) => {
          fc.pre(promoters + passives + detractors > 0);
          const [lower, upper] = npsInterval(promoters, passives, detractors, confidence) ?? [Number.NaN, Number.NaN];
          const n = promoters + passives + detractors + 3;
          const adjustedNet = (100 * (promoters - detractors)) / n;
          expect(lower).toBeGreaterThanOrEqual(-100);
          expect(upper).toBeLessThanOrEqual(100);
          expect(upper - lower).toBeGreaterThan(0);
          expect(lower).toBeLessThanOrEqual(adjustedNet + 1e-9);
          expect(upper).toBeGreaterThanOrEqual(adjustedNet - 1e-9);
        },
      ),
    );
  });
});

describe("npsInterval, plain Wald (config 'method: wald')", () => {
  it.each([
    // metrics.md §6.2: p = .5, d = .2, n = 100: var = .5 + .2 − .3² = .61, SE = 100·√(.61/100) = 7.81,
    // 95 % → 30 ± 15.3078
    [50, 30, 20, [14.692191924957326, 45.30780807504267]],
    // all passives: NPS 0, variance 0 → a zero-width interval (why the adjustment is the default)
    [0, 12, 0, [0, 0]],
    // p = .9, d = .1, n = 10: NPS 80, var = 1 − .64 = .36, SE = 100·.6/√10 = 18.97 → upper 117.2 clipped to 100
    [9, 0, 1, [80 - Z95 * (60 / Math.sqrt(10)), 100]],
    // mirror: NPS −80, lower −117.2 clipped to −100
    [1, 0, 9, [-100, -80 + Z95 * (60 / Math.sqrt(10))]],
    // two promoters: NPS 100, variance 1 − 1 = 0: the +100…+100 the issue reported
    [2, 0, 0, [100, 100]],
  ] as const)('%s promoters, %s passives, %s detractors at 95 %% → %j', (promoters, passives, detractors, expected) => {
    expectInterval(npsInterval(promoters, passives, detractors, 0.95, 'wald'), expected, 10);
  });

  it('contains the plain net and stays in ±100', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), (promoters, passives, detractors) => {
        fc.pre(promoters + passives + detractors > 0);
        const [lower, upper] = npsInterval(promoters, passives, detractors, 0.95, 'wald') ?? [Number.NaN, Number.NaN];
        const net = (100 * (promoters - detractors)) / (promoters + passives + detractors);
        expect(lower).toBeGreaterThanOrEqual(-100);
        expect(upper).toBeLessThanOrEqual(100);
        expect(lower).toBeLessThanOrEqual(net + 1e-9);
        expect(upper).toBeGreaterThanOrEqual(net - 1e-9);
      }),
    );
  });
});

describe('npsInterval, either method', () => {
  it.each([
    [0, 0, 0, 0.95],
    [5, 3, 2, 0],
  ])('is null for %s/%s/%s at %s', (promoters, passives, detractors, confidence) => {
    expect(npsInterval(promoters, passives, detractors, confidence)).toBeNull();
    expect(npsInterval(promoters, passives, detractors, confidence, 'wald')).toBeNull();
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
  ] as const)('n %s, mean %s, sd %s at %s → %j', (n, mean, sd, confidence, expected) => {
    expectInterval(meanInterval(n, mean, sd, confidence), expected);
  });

  it.each([
    [0, 0, null, 0.95],
    [1, 4, null, 0.95],
    [1, 4, 0, 0.95], // one value: no spread to estimate
    [2, 4, 0, 0.95], // two equal values: sd 0, and a zero-width interval would claim certainty
    [40, 2.5, 0, 0.95], // forty equal values: the same
    [10, 5, 2, 0],
    [10, 5, null, 0.95],
  ])('is null for n %s, mean %s, sd %s at %s', (n, mean, sd, confidence) => {
    expect(meanInterval(n, mean, sd, confidence)).toBeNull();
  });
});

/** Apdex by its own recode, written out independently: A' = (s' + t'/2)/n', var = (s' + t'/4)/n' − A'². */
function referenceApdexInterval(satisfied: number, tolerating: number, n: number, adjusted: boolean): [number, number] {
  const s = satisfied + (adjusted ? 0.75 : 0);
  const t = tolerating + (adjusted ? 1.5 : 0); // the 3 added samples less ¾ satisfied and ¾ frustrated
  const m = n + (adjusted ? 3 : 0);
  const score = (s + t / 2) / m;
  const se = Math.sqrt(((s + t / 4) / m - score * score) / m);
  return [Math.max(0, score - Z95 * se), Math.min(1, score + Z95 * se)];
}

describe('apdexInterval, adjusted (the default)', () => {
  it.each([
    // 20 of 20 satisfied: s' = 20.75, t' = 1.5, n' = 23, A' = 21.5/23 = .93478, var = 21.125/23 − A'² = .044678,
    // SE = .044074 → .84840…1.0201, clipped to 1 (plain Wald: 1…1)
    [20, 0, 20, [21.5 / 23 - Z95 * Math.sqrt((21.125 / 23 - (21.5 / 23) ** 2) / 23), 1]],
    // one satisfied request: A' = 2.5/4 = .625, var = 1.125/4 − .390625 = .140625, SE = .1875 → .625 ± .36749
    [1, 0, 1, [0.625 - Z95 * 0.1875, 0.625 + Z95 * 0.1875]],
    // two tolerating: A' = .5 exactly, var = (.75 + 3.5/4)/5 − .25 = .075, SE = √(.075/5) → ½ ± .24005
    [0, 2, 2, [0.5 - Z95 * Math.sqrt(0.015), 0.5 + Z95 * Math.sqrt(0.015)]],
    // s = 60, t = 30, n = 100: s' = 60.75, t' = 31.5, n' = 103
    [60, 30, 100, referenceApdexInterval(60, 30, 100, true)],
  ] as const)('satisfied %s, tolerating %s of %s at 95 %% → %j', (satisfied, tolerating, n, expected) => {
    expectInterval(apdexInterval(satisfied, tolerating, n, 0.95), expected);
  });

  it('has positive width inside [0, 1] and contains its adjusted centre at any counts', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 100_000 }), fc.nat({ max: 100_000 }), (satisfied, tolerating, frustrated) => {
        const n = satisfied + tolerating + frustrated;
        fc.pre(n > 0);
        const [lower, upper] = apdexInterval(satisfied, tolerating, n, 0.95) ?? [Number.NaN, Number.NaN];
        const centre = (satisfied + tolerating / 2 + 1.5) / (n + 3);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(upper - lower).toBeGreaterThan(0);
        expect(lower).toBeLessThanOrEqual(centre + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(centre - 1e-12);
      }),
    );
  });
});

describe("apdexInterval, plain Wald (config 'method: wald')", () => {
  it.each([
    // s = 60, t = 30, n = 100: A = .75, var = (60 + 7.5)/100 − .5625 = .1125, SE = √(.1125/100),
    // 95 % → .75 ± 0.0657391905432436
    [60, 30, 100, [0.6842608094567564, 0.8157391905432436]],
    // all satisfied: A = 1, var = 1 − 1 = 0: the zero-width interval the adjustment avoids
    [20, 0, 20, [1, 1]],
    // all tolerating: A = ½, var = ¼ − ¼ = 0
    [0, 8, 8, [0.5, 0.5]],
    // s = 9 of 10: A = .9, var = .9 − .81 = .09, SE = .3/√10 → upper .9 + .186 clipped to 1
    [9, 0, 10, [0.9 - Z95 * (0.3 / Math.sqrt(10)), 1]],
    // all frustrated: A = 0, var = 0
    [0, 0, 5, [0, 0]],
  ] as const)('satisfied %s, tolerating %s of %s at 95 %% → %j', (satisfied, tolerating, n, expected) => {
    expectInterval(apdexInterval(satisfied, tolerating, n, 0.95, 'wald'), expected);
    expectInterval(apdexInterval(satisfied, tolerating, n, 0.95, 'wald'), referenceApdexInterval(satisfied, tolerating, n, false));
  });
});

describe('apdexInterval, either method', () => {
  it.each([
    [0, 0, 0, 0.95],
    [5, 2, 10, 0],
  ])('is null for %s, %s of %s at %s', (satisfied, tolerating, n, confidence) => {
    expect(apdexInterval(satisfied, tolerating, n, confidence)).toBeNull();
    expect(apdexInterval(satisfied, tolerating, n, confidence, 'wald')).toBeNull();
  });

  it('rejects more satisfied and tolerating samples than n', () => {
    expect(() => apdexInterval(6, 5, 10, 0.95)).toThrow(RangeError);
  });
});
