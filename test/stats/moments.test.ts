import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Moments } from '../../src/stats/moments.js';
import { addToMoments, createMoments, mergeMoments, momentsMean, sampleSd } from '../../src/stats/moments.js';
import { extremeValue, mixedValue, partsOf, reorderings, writtenDecimal } from './order-free.js';

function momentsOf(values: readonly number[]): Moments {
  const m = createMoments();
  for (const x of values) addToMoments(m, x);
  return m;
}

/** The old way (Welford's running mean), to show what the exact sums fix. */
function welfordMean(values: readonly number[]): number {
  let mean = 0;
  values.forEach((x, i) => {
    mean += (x - mean) / (i + 1);
  });
  return mean;
}

/** num/den as a decimal string with 60 significant digits, which Number() then rounds correctly. */
function longDecimal(num: bigint, den: bigint): string {
  const negative = num < 0n !== den < 0n && num !== 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const digits = (a * 10n ** 80n) / b;
  return `${negative ? '-' : ''}${digits}e-80`;
}

describe('Moments', () => {
  it('has no mean and no SD when empty, and no SD for one value (n − 1 = 0)', () => {
    expect(momentsMean(createMoments())).toBeNull();
    expect(sampleSd(createMoments())).toBeNull();
    expect(momentsMean(momentsOf([7]))).toBe(7);
    expect(sampleSd(momentsOf([7]))).toBeNull();
  });

  it.each([
    // Σx = 40, Σx² = 232: (8·232 − 40²) / (8·7) = 256/56 = 32/7.
    ['a textbook set', [2, 4, 4, 4, 5, 5, 7, 9], 5, Math.sqrt(32 / 7)],
    ['two values', [1, 3], 2, Math.SQRT2],
    ['ties only', [4, 4, 4], 4, 0],
    // A large offset must not swamp the spread (a floating-point Σx² − n·x̄² loses it).
    ['a large offset', [1e9 + 1, 1e9 + 2, 1e9 + 3], 1e9 + 2, 1],
    // Three days and 1, 2, 3 ms: the spread is exactly 1 ms as written (the doubles alone give 0.0010000000038).
    ['durations of days that differ by milliseconds', [259_200.001, 259_200.002, 259_200.003], 259_200.002, Math.sqrt(0.000001)],
    // Σ = 48, Σx² = 212: mean 4, variance (12·212 − 48²) / (12·11) = 240/132 = 20/11.
    ['twelve CSAT answers of mean 4', [4, 5, 4, 5, 5, 1, 5, 5, 3, 4, 2, 5], 4, Math.sqrt(20 / 11)],
    // 11.1 / 3 = 3.7; deviations 0.6, 0.1, −0.7 → Σ = 0.86, / 2 = 0.43.
    ['decimals averaging 3.7', [4.3, 3.8, 3.0], 3.7, Math.sqrt(0.43)],
  ])('%s: %j → mean %s, sd %s', (_label, values, mean, sd) => {
    const m = momentsOf(values);
    expect(m.n).toBe(values.length);
    expect(momentsMean(m)).toBe(mean);
    expect(sampleSd(m)).toBe(sd);
  });

  it('fixes the flip of issue 16: twelve answers of mean 4 give exactly 4 in the order Welford got wrong', () => {
    const answers = [4, 5, 4, 5, 5, 1, 5, 5, 3, 4, 2, 5];
    expect(welfordMean(answers)).toBe(3.9999999999999996);
    expect(momentsMean(momentsOf(answers))).toBe(4);
  });

  it('scales mean and SD exactly: sentiment scores 0.07, 0.07, −0.01 × 100 are 7, 7, −1', () => {
    const m = momentsOf([0.07, 0.07, -0.01]);
    // Σ = 13, Σ² = 99 on the ×100 scale: mean 13/3, variance (3·99 − 169) / 6 = 64/3.
    expect(momentsMean(m, 100)).toBe(13 / 3);
    expect(sampleSd(m, 100)).toBe(Math.sqrt(64 / 3));
  });

  it('has a mean but no SD for values whose squares overflow doubles', () => {
    const m = momentsOf([1e200, 1e200]);
    expect(momentsMean(m)).toBe(1e200);
    expect(sampleSd(m)).toBeNull();
  });

  it('keeps the places of merged values that cancel: 0.001 − 0.001 merged, then 3, is 0.001, −0.001, 3', () => {
    const merged = mergeMoments(createMoments(), momentsOf([0.001, -0.001]));
    addToMoments(merged, 3);
    const direct = momentsOf([0.001, -0.001, 3]);
    expect(momentsMean(merged)).toBe(1);
    // Σx² = 9.000002: variance (3·9.000002 − 9) / 6 = 3.000001.
    expect(sampleSd(merged)).toBe(Math.sqrt(3.000001));
    expect(sampleSd(merged)).toBe(sampleSd(direct));
  });

  it('gives an SD of 0, not NaN, for values whose squares underflow (below 1e-146), in any order', () => {
    expect(sampleSd(momentsOf([1e-200, 0]))).toBe(0);
    expect(sampleSd(mergeMoments(momentsOf([0]), momentsOf([1e-200])))).toBe(0);
  });

  it('merge mutates and returns its first argument and leaves the second alone', () => {
    const a = momentsOf([1, 2]);
    const b = momentsOf([3, 4.5, 1 / 3]);
    const before = structuredClone(b);
    const merged = mergeMoments(a, b);
    expect(merged).toBe(a);
    expect(b).toEqual(before);
    expect(merged.n).toBe(5);
  });

  it('is the correctly rounded mean, and the SD the root of the correctly rounded variance, of the written decimals', () => {
    fc.assert(
      fc.property(fc.array(writtenDecimal, { minLength: 2, maxLength: 30 }), (decimals) => {
        const places = Math.max(...decimals.map((d) => d.places));
        const scaled = decimals.map((d) => d.units * 10n ** BigInt(places - d.places));
        const n = BigInt(decimals.length);
        const total = scaled.reduce((sum, x) => sum + x, 0n);
        const squares = scaled.reduce((sum, x) => sum + x * x, 0n);
        const m = momentsOf(decimals.map((d) => d.value));
        expect(momentsMean(m)).toBe(Number(longDecimal(total, n * 10n ** BigInt(places))));
        const variance = Number(longDecimal(n * squares - total * total, n * (n - 1n) * 10n ** BigInt(2 * places)));
        expect(sampleSd(m)).toBe(Math.sqrt(variance));
      }),
    );
  });

  it('gives the same bits in any order, cut into any parts merged in any order, also after a structured clone', () => {
    fc.assert(
      fc.property(reorderings(mixedValue), fc.constantFrom(1, 100), ({ items, shuffled, cuts, mergeOrder }, factor) => {
        const whole = momentsOf(items);
        const parts = partsOf(shuffled, cuts, mergeOrder).map((part) => structuredClone(momentsOf(part)));
        const merged = parts.reduce(mergeMoments, createMoments());
        for (const other of [merged, momentsOf(shuffled)]) {
          expect(other.n).toBe(whole.n);
          expect(Object.is(momentsMean(other, factor), momentsMean(whole, factor))).toBe(true);
          expect(Object.is(sampleSd(other, factor), sampleSd(whole, factor))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the mean of 1e308, 1e308, −1e308 as 1e308/3 in every order, merged or not (before, some orders gave Infinity)', () => {
    const orders = [
      [1e308, 1e308, -1e308],
      [1e308, -1e308, 1e308],
      [-1e308, 1e308, 1e308],
    ];
    for (const order of orders) {
      expect(momentsMean(momentsOf(order))).toBe(1e308 / 3);
      expect(momentsMean(mergeMoments(momentsOf(order.slice(0, 1)), momentsOf(order.slice(1))))).toBe(1e308 / 3);
      // Σx² is 3e616, past the largest double: no SD, in every order alike.
      expect(sampleSd(momentsOf(order))).toBeNull();
    }
    // Squares past 2^900 that stay below the largest double give an SD: x and −x (mean 0, variance
    // 2x², and x·x rounded then doubled is 2x² rounded, doubling being exact).
    const x = 1e150;
    expect(sampleSd(momentsOf([x, -x]))).toBe(Math.sqrt(2 * (x * x)));
  });

  it('gives the same bits for values of every magnitude, in row order cut into parts merged in part order, and in any order', () => {
    fc.assert(
      fc.property(reorderings(extremeValue), fc.constantFrom(1, 100), ({ items, shuffled, cuts, mergeOrder }, factor) => {
        const whole = momentsOf(items);
        const inPartOrder = partsOf(items, cuts, [0, 1, 2, 3, 4]).map((part) => structuredClone(momentsOf(part)));
        const anyOrder = partsOf(shuffled, cuts, mergeOrder).map(momentsOf);
        for (const other of [
          inPartOrder.reduce(mergeMoments, createMoments()),
          anyOrder.reduce(mergeMoments, createMoments()),
          momentsOf(shuffled),
        ]) {
          expect(other.n).toBe(whole.n);
          expect(Object.is(momentsMean(other, factor), momentsMean(whole, factor))).toBe(true);
          expect(Object.is(sampleSd(other, factor), sampleSd(whole, factor))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
