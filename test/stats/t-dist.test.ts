import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta, tCdf, tForConfidence, tQuantile } from '../../src/stats/t-dist.js';

function relativeError(actual: number, expected: number): number {
  return Math.abs((actual - expected) / expected);
}

describe('regularizedIncompleteBeta', () => {
  it.each([
    [0.5, 2, 3, 0.6875], // I_x(2,3) = Σ_{j=2..4} C(4,j) x^j (1−x)^(4−j) = (6 + 4 + 1)/16
    [0.37, 1, 1, 0.37], // uniform: I_x(1,1) = x
    [0.6, 3, 1, 0.216], // I_x(a,1) = x^a = 0.6³
    [0.3, 0.5, 0.5, 0.36901011956554536], // arcsine law: (2/π)·asin(√0.3)
    // mpmath.betainc(a, b, 0, x, regularized=True), 40 digits:
    [0.4, 50, 70, 0.3591346088344947],
    [0.999, 300, 2, 0.9629191418029293], // above the switch point: symmetry branch
    [0.001, 0.5, 10, 0.11110329087513969],
  ])('I_%s(%s, %s) = %s', (x, a, b, expected) => {
    expect(relativeError(regularizedIncompleteBeta(x, a, b), expected)).toBeLessThan(1e-13);
  });

  it.each([
    [0, 2, 3, 0],
    [1, 2, 3, 1],
  ])('I_%s(%s, %s) = %s at the ends', (x, a, b, expected) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBe(expected);
  });

  it.each([
    [-0.1, 1, 1],
    [1.1, 1, 1],
    [0.5, 0, 1],
    [0.5, 1, -2],
    [Number.NaN, 1, 1],
  ])('I_%s(%s, %s) is NaN', (x, a, b) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeNaN();
  });
});

describe('tCdf', () => {
  // mpmath 1.3.0, 40 digits: ½·betainc(df/2, ½, 0, df/(df + t²)) for the lower tail.
  it.each([
    [1, 1, 0.75], // Cauchy: ½ + atan(1)/π
    [0.5, 2, 0.6666666666666666], // df 2: ½ + t/(2√(2 + t²)) = ½ + 0.5/(2·1.5)
    [2, 10, 0.9633059826146299],
    [-3, 4.5, 0.017190433944379812], // non-integer df (Welch)
    [-40, 3, 0.000017190340394579263],
    // Large df, where the continued fraction cancels and the asymptotic expansion takes over:
    [-2, 1e7, 0.022750145445921476],
    [-4.67, 1e7, 0.0000015060181998982464],
  ])('P(T ≤ %s | df = %s) = %s', (t, df, expected) => {
    expect(relativeError(tCdf(t, df), expected)).toBeLessThan(1e-13);
  });

  it('is ½ at 0, 0 and 1 at ∓∞, and the normal for df = ∞', () => {
    expect(tCdf(0, 7)).toBe(0.5);
    expect(tCdf(Number.NEGATIVE_INFINITY, 7)).toBe(0);
    expect(tCdf(Number.POSITIVE_INFINITY, 7)).toBe(1);
    expect(tCdf(-1.959963984540054, Number.POSITIVE_INFINITY)).toBeCloseTo(0.025, 15);
  });

  it.each([
    [Number.NaN, 3],
    [1, 0],
    [1, -1],
    [1, Number.NaN],
  ])('tCdf(%s, %s) is NaN', (t, df) => {
    expect(tCdf(t, df)).toBeNaN();
  });

  it('is symmetric: F(−t) = 1 − F(t)', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.5, max: 1e6, noNaN: true }), (t, df) => {
        expect(tCdf(-t, df)).toBeCloseTo(1 - tCdf(t, df), 14);
      }),
    );
  });
});

describe('tQuantile', () => {
  // mpmath 1.3.0, 50 digits, root of the CDF at the double nearest p. (The brief's
  // 12.706204736174703 is the quantile of the decimal 0.975; the double 0.975 is 2.2e-17 lower.
  // Its t(0.995, 5) = 4.032142983557536 was off by 2.3e-12; scipy 1.17.1 gives 4.032142983555228.)
  it.each([
    [0.975, 1, 12.706204736174692], // closed form cot(π·0.025)
    [0.975, 2, 4.302652729749462], // closed form (1 − 2q)/√(2q(1 − q))
    [0.975, 9, 2.262157162798205],
    [0.975, 29, 2.045229642132704],
    [0.975, 1000, 1.962339080826408],
    [0.995, 5, 4.032142983555227],
    [0.975, 7.3, 2.345066736547703], // non-integer df
    [0.95, 2.5, 2.5582186141359355],
    [0.975, 1e6, 1.9599663568141068],
  ])('t(%s, %s) = %s', (p, df, expected) => {
    expect(relativeError(tQuantile(p, df), expected)).toBeLessThan(1e-12);
  });

  it('is antisymmetric: t(1 − p) = −t(p)', () => {
    expect(tQuantile(0.025, 9)).toBeCloseTo(-2.262157162798205, 12);
    expect(tQuantile(0.5, 9)).toBe(0);
  });

  it.each([
    [0, 5, Number.NEGATIVE_INFINITY],
    [1, 5, Number.POSITIVE_INFINITY],
  ])('t(%s, %s) = %s', (p, df, expected) => {
    expect(tQuantile(p, df)).toBe(expected);
  });

  it.each([
    [-0.1, 5],
    [1.1, 5],
    [Number.NaN, 5],
    [0.5, 0],
    [0.9, Number.NaN],
  ])('t(%s, %s) is NaN', (p, df) => {
    expect(tQuantile(p, df)).toBeNaN();
  });

  it('is the normal quantile for df = ∞', () => {
    expect(tQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959963984540054, 15);
  });

  it('inverts tCdf (lower half, where the CDF keeps full relative precision)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: -1e-3, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true }), (t, df) => {
        const p = tCdf(t, df);
        fc.pre(p > 1e-300);
        expect(relativeError(tQuantile(p, df), t)).toBeLessThan(1e-10);
      }),
    );
  });
});

describe('tForConfidence', () => {
  it('is the two-sided critical value', () => {
    expect(relativeError(tForConfidence(0.95, 9), 2.262157162798205)).toBeLessThan(1e-12);
  });

  it('rejects a confidence of 0', () => {
    expect(() => tForConfidence(0, 9)).toThrow(RangeError);
  });
});
