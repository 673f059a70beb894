// sortNumbers must leave exactly what Float64Array#sort leaves, bit for bit (−0 before +0), on the
// sizes where it radix-sorts and where it hands over to the comparison sort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortScratch, sortNumbers } from '../../src/stats/sort-numbers.js';

/** Same length and, value by value, the same number (Object.is: −0 and +0 differ). */
function expectSameValues(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  const firstDifference = actual.findIndex((value, i) => !Object.is(value, expected[i]));
  expect(firstDifference).toBe(-1);
}

function sortedBoth(values: readonly number[]): { ours: Float64Array; builtIn: Float64Array } {
  const ours = Float64Array.from(values);
  sortNumbers(ours);
  return { ours, builtIn: Float64Array.from(values).sort() };
}

/** Numbers where a radix sort on the bits goes wrong first: signs, zeros, infinities, subnormals, near-equal neighbours. */
const EDGES = [
  0,
  -0,
  1,
  -1,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Infinity,
  -Infinity,
  2 ** -1022,
  1 + Number.EPSILON,
  1 - Number.EPSILON / 2,
  0.1,
  0.2,
  2 ** 53,
  2 ** 53 + 2,
];

describe('sortNumbers', () => {
  it('sorts a small array (the comparison sort) and a large one (the radix sort) numerically', () => {
    for (const length of [5, 1_000, 70_000]) {
      const values = Array.from({ length }, (_, i) => ((i * 7919) % 1009) - 500 + (i % 3) / 4);
      const { ours, builtIn } = sortedBoth(values);
      expectSameValues(ours, builtIn);
      expect(ours[0]).toBe(-500);
      expect(ours[length - 1]).toBeLessThanOrEqual(508.5);
    }
  });

  it('puts −0 before +0 and keeps the infinities at the ends', () => {
    const values = Array.from({ length: 600 }, (_, i) => EDGES[i % EDGES.length] as number);
    const { ours, builtIn } = sortedBoth(values);
    expectSameValues(ours, builtIn);
    expect(ours[0]).toBe(-Infinity);
    expect(ours[599]).toBe(Infinity);
    const firstPositiveZero = ours.findIndex((value) => Object.is(value, 0));
    expect(Object.is(ours[firstPositiveZero - 1], -0)).toBe(true);
  });

  it('sorts arrays of any sizes one after another with one scratch as each with its own', () => {
    // Counters left from a sort and a spare buffer longer than the next array must not leak into it.
    const scratch = new SortScratch();
    for (const length of [5_000, 300, 70_000, 257, 4_096]) {
      const values = Array.from({ length }, (_, i) => ((i * 104_729) % 7_919) * (i % 2 === 0 ? 1 : -0.5));
      const ours = Float64Array.from(values);
      sortNumbers(ours, scratch);
      expectSameValues(ours, Float64Array.from(values).sort());
    }
  });

  it('sorts a subarray in place without touching the bytes around it', () => {
    const whole = Float64Array.from({ length: 1_000 }, (_, i) => 1_000 - i);
    const part = whole.subarray(100, 900);
    sortNumbers(part);
    expect(whole[99]).toBe(901);
    expect(whole[100]).toBe(101);
    expect(whole[899]).toBe(900);
    expect(whole[900]).toBe(100);
  });

  it('gives what Float64Array#sort gives, bit for bit, for any numbers', () => {
    const number = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(...EDGES), fc.integer({ min: -1e7, max: 1e7 }));
    fc.assert(
      fc.property(fc.array(number, { maxLength: 1_500, size: 'max' }), (values) => {
        const { ours, builtIn } = sortedBoth(values);
        expectSameValues(ours, builtIn);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts whole seconds, where most digits are the same in every value (passes skipped)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40_000_000 }), { minLength: 256, maxLength: 5_000, size: 'max' }), (values) => {
        const { ours, builtIn } = sortedBoth(values);
        expectSameValues(ours, builtIn);
      }),
      { numRuns: 100 },
    );
  });
});
