import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFractions, fractionOfDouble, roundFraction } from '../../src/stats/exact-arithmetic.js';
import type { ExactSum } from '../../src/stats/exact-sum.js';
import {
  addExact,
  addExactProduct,
  compareSums,
  createExactSum,
  exactCount,
  mergeExactSum,
  readDecimal,
  roundQuotient,
  roundSum,
} from '../../src/stats/exact-sum.js';
import { extremeValue, mixedValue, partsOf, reorderings, writtenDecimal } from './order-free.js';

function sumOf(values: readonly number[]): ExactSum {
  const sum = createExactSum();
  for (const value of values) addExact(sum, value);
  return sum;
}

/** Each part summed on its own, then merged into a fresh sum in the given order (as threads are). */
function mergedSum(parts: readonly (readonly number[])[]): ExactSum {
  return parts.map(sumOf).reduce(mergeExactSum, createExactSum());
}

function naiveSum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The exact sum of the doubles themselves, rounded once (what math.fsum gives). */
function binarySum(values: readonly number[]): number {
  return roundFraction(values.map(fractionOfDouble).reduce(addFractions, { num: 0n, den: 1n }));
}

describe('readDecimal', () => {
  it.each([
    [4, { units: 4, places: 0 }],
    [4.1, { units: 41, places: 1 }],
    [-0.25, { units: -25, places: 2 }],
    [123.456, { units: 123_456, places: 3 }],
    // A duration from millisecond stamps: 90061001 ms / 1000.
    [90_061.001, { units: 90_061_001, places: 3 }],
    [0.000000000000001, { units: 1, places: 15 }],
  ])('%s reads as %j', (value, reading) => {
    expect(readDecimal(value)).toEqual(reading);
  });

  it.each([
    ['a computed third', 1 / 3],
    ['0.1 + 0.2 (0.30000000000000004, not 0.3)', 0.1 + 0.2],
    ['more than 15 places', 1e-16],
    ['an integer past 2^50 (exact as it is)', 2 ** 52],
  ])('%s has no short decimal reading', (_label, value) => {
    expect(readDecimal(value)).toBeUndefined();
  });
});

describe('ExactSum', () => {
  it.each([
    // Naively 0.9999999999999999.
    ['0.1 ten times', 1, Array.from({ length: 10 }, () => 0.1)],
    // Naively 0.30000000000000004: the values are read as written.
    ['0.1 + 0.2', 0.3, [0.1, 0.2]],
    // Naively 0: the 1 is lost next to 1e16.
    ['huge, tiny, −huge', 1, [1e16, 1, -1e16]],
    ['huge, halves, −huge', 0.75, [1e20, 0.5, -1e20, 0.25]],
    // Past 2^53 in units: 1e15 × 10 spills into the exact expansion.
    ['1e15 ten times', 1e16, Array.from({ length: 10 }, () => 1e15)],
    // Naively 2^53: each + 1 is a tie that rounds back to even.
    ['2^53, then 1 and 1', 2 ** 53 + 2, [2 ** 53, 1, 1]],
    ['places of every size', 1.876, [1, 0.5, 0.25, 0.125, 0.001]],
    ['a third among decimals', 1 / 3, [1 / 3, 0.5, -0.5]],
    ['nothing', 0, []],
  ])('%s sums to %s', (_label, expected, values) => {
    expect(Object.is(roundSum(sumOf(values)), expected)).toBe(true);
  });

  it('sums 4.3, 3.8 and 3.0 to exactly 11.1, so their mean is the double of 3.7 (binary sums give 3.6999999999999997)', () => {
    const sum = sumOf([4.3, 3.8, 3.0]);
    expect(roundSum(sum)).toBe(11.1);
    expect(roundQuotient(sum, exactCount(3))).toBe(3.7);
    expect(naiveSum([4.3, 3.8, 3.0]) / 3).toBe(3.6999999999999997);
    expect(binarySum([4.3, 3.8, 3.0]) / 3).toBe(3.6999999999999997);
  });

  it('gives 4.1 for answers whose decimals average 4.1 (49.2 / 12), where a binary sum gives 4.1000000000000005', () => {
    const answers = [4.5, 3.7, 4.1, 4.0, 3.9, 4.2, 4.3, 3.8, 4.4, 4.1, 4.0, 4.2];
    expect(binarySum(answers) / 12).toBe(4.1000000000000005);
    expect(roundQuotient(sumOf(answers), exactCount(12))).toBe(4.1);
    expect(roundQuotient(sumOf([...answers].reverse()), exactCount(12))).toBe(4.1);
  });

  it.each([
    ['17 of 20 top-2-box answers', [17], [20], 100, 85],
    ['a weighted bounce: 0.4523 × 1200 of 1200 sessions', [542.76], [1200], 100, 45.23],
    ['pages per session, 7 of 3', [7], [3], 1, 7 / 3],
    ['a zero denominator', [5], [], 1, null],
  ])('%s: quotient %s', (_label, top, bottom, factor, expected) => {
    expect(roundQuotient(sumOf(top), sumOf(bottom), factor)).toBe(expected);
  });

  it('adds a product exactly: a 0.07 bounce rate of 1200 sessions is 84 bounces (the double product is 84.00000000000001)', () => {
    const sum = createExactSum();
    addExactProduct(sum, 0.07, 1200);
    expect(0.07 * 1200).toBe(84.00000000000001);
    expect(roundSum(sum)).toBe(84);
    // A third has no decimal reading: its binary product is added exactly (1/3 × 3 is 1 − 2^-54 in binary).
    addExactProduct(sum, 1 / 3, 3);
    expect(roundSum(sum)).toBe(85);
  });

  it('compares exactly', () => {
    expect(compareSums(sumOf([0.1, 0.2]), sumOf([0.3]))).toBe(0);
    expect(compareSums(sumOf([1e16, 1]), sumOf([1e16]))).toBe(1);
    expect(compareSums(sumOf([1 / 3]), sumOf([0.5]))).toBe(-1);
  });

  it('merges into its first argument and leaves the second alone', () => {
    const a = sumOf([1, 0.5]);
    const b = sumOf([0.25, 1e16, 1 / 3]);
    const before = structuredClone(b);
    expect(mergeExactSum(a, b)).toBe(a);
    expect(b).toEqual(before);
  });

  it('is the correctly rounded sum of the written decimals (independent oracle: the engine parsing the exact decimal)', () => {
    fc.assert(
      fc.property(fc.array(writtenDecimal, { maxLength: 40 }), (decimals) => {
        const places = Math.max(0, ...decimals.map((d) => d.places));
        const total = decimals.reduce((sum, d) => sum + d.units * 10n ** BigInt(places - d.places), 0n);
        expect(roundSum(sumOf(decimals.map((d) => d.value)))).toBe(Number(`${total}e-${places}`));
      }),
    );
  });

  it('gives the same bits in any order, cut into any parts merged in any order, also after a structured clone', () => {
    fc.assert(
      fc.property(reorderings(mixedValue), ({ items, shuffled, cuts, mergeOrder }) => {
        const whole = sumOf(items);
        const parts = partsOf(shuffled, cuts, mergeOrder);
        const merged = mergedSum(parts);
        const cloned = parts.map((part) => structuredClone(sumOf(part))).reduce(mergeExactSum, createExactSum());
        for (const other of [merged, cloned, sumOf(shuffled)]) {
          expect(Object.is(roundSum(other), roundSum(whole))).toBe(true);
          expect(Object.is(roundQuotient(other, exactCount(7), 100), roundQuotient(whole, exactCount(7), 100))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives 1e308 for 1e308 + 1e308 − 1e308 in every order: no part overflows (before, two orders gave Infinity)', () => {
    for (const order of [
      [1e308, 1e308, -1e308],
      [1e308, -1e308, 1e308],
      [-1e308, 1e308, 1e308],
    ]) {
      expect(roundSum(sumOf(order))).toBe(1e308);
      expect(roundQuotient(sumOf(order), exactCount(2))).toBe(5e307);
      expect(roundSum(mergedSum([[order[0] as number], order.slice(1)]))).toBe(1e308);
    }
    // A sum whose exact value is past the largest double is Infinity in every order.
    expect(roundSum(sumOf([Number.MAX_VALUE, Number.MAX_VALUE, -1e300]))).toBe(Infinity);
    expect(roundSum(sumOf([-1e300, Number.MAX_VALUE, Number.MAX_VALUE]))).toBe(Infinity);
  });

  it('adds products past the largest double exactly: 1e300 × 1e300 − 1e300 × 1e300 + 1e-9 × 3 is 3e-9', () => {
    const sum = createExactSum();
    addExactProduct(sum, 1e300, 1e300);
    addExactProduct(sum, 3, 1e-9);
    addExactProduct(sum, -1e300, 1e300);
    expect(roundSum(sum)).toBe(3e-9);
    // A factor too large to split (5e299 × 3e-290, no decimal reading): its binary product and its opposite cancel.
    const tilted = createExactSum();
    addExactProduct(tilted, 1.5e300 / 3, 3e-290);
    addExactProduct(tilted, -(1.5e300 / 3), 3e-290);
    expect(roundSum(tilted)).toBe(0);
  });

  it('reads a value the same way whether or not a product of many places reached the sum first (1.23e-14 has no reading up to 15 places)', () => {
    // Before, a sum at 16 places (1e-8 × 1e-8) read 1.23e-14 as 123/10^16 and a fresh sum as the
    // double it is: adding it and its opposite left 2.85e-31 in one order and 0 in the other.
    const productFirst = createExactSum();
    addExactProduct(productFirst, 1e-8, 1e-8);
    addExact(productFirst, 1.23e-14);
    addExact(productFirst, -1.23e-14);
    addExactProduct(productFirst, -1e-8, 1e-8);
    const valueFirst = createExactSum();
    addExact(valueFirst, 1.23e-14);
    addExactProduct(valueFirst, 1e-8, 1e-8);
    addExact(valueFirst, -1.23e-14);
    addExactProduct(valueFirst, -1e-8, 1e-8);
    expect(roundSum(productFirst)).toBe(0);
    expect(roundSum(valueFirst)).toBe(0);
  });

  it('gives the same bits for values and products of every magnitude in any order, cut into any parts merged in part order or any order', () => {
    // A row adds a value, or a product of two (a bounce rate weighted by its sessions).
    const term = fc.oneof(
      extremeValue.map((x) => ({ x, w: undefined })),
      fc.record({ x: extremeValue, w: extremeValue }),
    );
    const sumOfTerms = (terms: readonly { x: number; w: number | undefined }[]): ExactSum => {
      const sum = createExactSum();
      for (const { x, w } of terms) {
        if (w === undefined) addExact(sum, x);
        else addExactProduct(sum, x, w);
      }
      return sum;
    };
    fc.assert(
      fc.property(reorderings(term), ({ items, shuffled, cuts, mergeOrder }) => {
        const whole = sumOfTerms(items);
        const inPartOrder = partsOf(items, cuts, [0, 1, 2, 3, 4]).map((part) => structuredClone(sumOfTerms(part)));
        const anyOrder = partsOf(shuffled, cuts, mergeOrder).map(sumOfTerms);
        for (const parts of [inPartOrder, anyOrder]) {
          const merged = parts.reduce(mergeExactSum, createExactSum());
          expect(Object.is(roundSum(merged), roundSum(whole))).toBe(true);
          expect(Object.is(roundQuotient(merged, exactCount(3), 100), roundQuotient(whole, exactCount(3), 100))).toBe(true);
          expect(compareSums(merged, whole)).toBe(0);
        }
        expect(Object.is(roundSum(sumOfTerms(shuffled)), roundSum(whole))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
