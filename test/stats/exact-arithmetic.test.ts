import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFractions,
  compareFractions,
  fractionOfDouble,
  growExpansion,
  multiplyFractions,
  productError,
  roundFraction,
} from '../../src/stats/exact-arithmetic.js';

describe('productError', () => {
  it.each([
    // 0.1 × 0.1: fl = 0.010000000000000002, 8.3e-19 above the exact product of the two doubles
    // (Python: Fraction(0.1)**2 − Fraction(0.1*0.1) = −8.326672684688674e-19, itself a double).
    [0.1, 0.1, 0.010000000000000002, -8.326672684688674e-19],
    // (2^27 + 1)² = 2^54 + 2^28 + 1: the 1 does not fit in 53 bits.
    [134_217_729, 134_217_729, 2 ** 54 + 2 ** 28, 1],
    // Small integers multiply exactly.
    [12, 4, 48, 0],
  ])('%s × %s = %s + %s exactly', (a, b, product, error) => {
    expect(a * b).toBe(product);
    expect(productError(a, b, a * b)).toBe(error);
  });

  it('holds the whole product: fl(a·b) + error is a·b in exact arithmetic', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e100, max: 1e100, noNaN: true }), fc.double({ min: -1e100, max: 1e100, noNaN: true }), (a, b) => {
        // Valid while the error is not subnormal: products of at least ~2^-969.
        fc.pre(Math.abs(a * b) > 1e-250 || a === 0 || b === 0);
        const product = a * b;
        const exact = multiplyFractions(fractionOfDouble(a), fractionOfDouble(b));
        const split = addFractions(fractionOfDouble(product), fractionOfDouble(productError(a, b, product)));
        expect(compareFractions(split, exact)).toBe(0);
      }),
    );
  });
});

describe('growExpansion', () => {
  function expansionOf(values: readonly number[]): number[] {
    const parts: number[] = [];
    for (const value of values) growExpansion(parts, value);
    return parts;
  }

  it.each([
    // Naively 1e100 + 1 − 1e100 is 0: the 1 is lost at the first step.
    [[1e100, 1, -1e100], 1],
    [[0.1, 0.2, -0.3], 2.7755575615628914e-17],
    [[2 ** 53, 1, 1], 2 ** 53 + 2],
    [[], 0],
  ])('%j sums exactly to %s', (values, total) => {
    const parts = expansionOf(values);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
  });
});

describe('roundFraction', () => {
  it.each([
    [1n, 3n, 1 / 3],
    [1n, 10n, 0.1],
    [-49n, 10n, -4.9],
    [0n, 7n, 0],
    // Ties go to the even significand: 2^53 + 1 → 2^53, 2^53 + 3 → 2^53 + 4.
    [2n ** 53n + 1n, 1n, 2 ** 53],
    [2n ** 53n + 3n, 1n, 2 ** 53 + 4],
    // Just above a tie rounds up: (2^53 + 1) + 1/2^60 → 2^53 + 2.
    [(2n ** 53n + 1n) * 2n ** 60n + 1n, 2n ** 60n, 2 ** 53 + 2],
    [492n, 120n, 4.1],
    [10n ** 400n, 10n ** 399n, 10],
  ])('%s / %s → %s', (num, den, expected) => {
    expect(Object.is(roundFraction({ num, den }), expected)).toBe(true);
  });

  it('reads every double back from the fraction it is', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        fc.pre(x === 0 || Math.abs(x) >= 2 ** -1022);
        expect(roundFraction(fractionOfDouble(x))).toBe(x + 0);
      }),
    );
  });

  it('agrees with the engine reading a long decimal (which rounds correctly)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 40n }), fc.integer({ min: 0, max: 40 }), (digits, places) => {
        const text = `${digits}e-${places}`;
        expect(roundFraction({ num: digits, den: 10n ** BigInt(places) })).toBe(Number(text));
      }),
    );
  });
});
