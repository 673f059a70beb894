import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileSorted, ValueBuffer } from '../../src/stats/percentile.js';

describe('percentileSorted (Hyndman–Fan type 7)', () => {
  it.each([
    // metrics.md §6.1 / Microsoft's PERCENTILE example: h = 3·0.3 = 0.9 → 1 + 0.9·(2 − 1)
    [[1, 2, 3, 4], 0.3, 1.9],
    // h = 4·0.4 = 1.6 → 20 + 0.6·(35 − 20) = 29 (exclusive would give 26, nearest rank 20)
    [[15, 20, 35, 40, 50], 0.4, 29],
    // median of an even count: h = 1.5 → 2 + 0.5·(3 − 2)
    [[1, 2, 3, 4], 0.5, 2.5],
    // p90 of 1..10: h = 9·0.9 = 8.1 → 9 + 0.1·(10 − 9)
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[1, 2, 3, 4], 0, 1], // p0 is the minimum
    [[1, 2, 3, 4], 1, 4], // p100 is the maximum
    [[42], 0.37, 42], // one value: every percentile is that value
    [[5, 5, 5, 9], 0.5, 5], // ties: h = 1.5 between two 5s
    [[-3, -1], 0.25, -2.5], // negatives: −3 + 0.25·2
  ])('%j at p = %s → %s', (sorted, p, expected) => {
    expect(percentileSorted(sorted, p)).toBeCloseTo(expected, 12);
  });

  it('is null for no values', () => {
    expect(percentileSorted([], 0.5)).toBeNull();
  });

  it('accepts a Float64Array', () => {
    expect(percentileSorted(Float64Array.from([10, 20]), 0.25)).toBe(12.5);
  });

  it.each([-0.01, 1.01, Number.NaN, 50])('rejects p = %s', (p) => {
    expect(() => percentileSorted([1, 2], p)).toThrow(RangeError);
  });

  const sortedValues = fc
    .array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 })
    .map((values) => Float64Array.from(values).sort());
  const probability = fc.double({ min: 0, max: 1, noNaN: true });

  it('is monotone in p', () => {
    fc.assert(
      fc.property(sortedValues, probability, probability, (sorted, p, q) => {
        const [low, high] = p <= q ? [p, q] : [q, p];
        expect(percentileSorted(sorted, low)).toBeLessThanOrEqual(percentileSorted(sorted, high) ?? Number.NaN);
      }),
    );
  });

  it('lies between the minimum and the maximum', () => {
    fc.assert(
      fc.property(sortedValues, probability, (sorted, p) => {
        const value = percentileSorted(sorted, p) ?? Number.NaN;
        expect(value).toBeGreaterThanOrEqual(sorted[0] ?? Number.NaN);
        expect(value).toBeLessThanOrEqual(sorted[sorted.length - 1] ?? Number.NaN);
      }),
    );
  });
});

describe('ValueBuffer', () => {
  it('starts empty', () => {
    const buffer = new ValueBuffer();
    expect(buffer.length).toBe(0);
    expect(buffer.values()).toEqual(new Float64Array(0));
    expect(buffer.quantile(0.5)).toBeNull();
    expect(buffer.countAtMost(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('keeps insertion order in values() and grows past its initial capacity', () => {
    const buffer = new ValueBuffer();
    const pushed = Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
    for (const x of pushed) buffer.push(x);
    expect(buffer.length).toBe(100);
    expect(Array.from(buffer.values())).toEqual(pushed);
  });

  it('sorts numerically (not as strings) and keeps ties', () => {
    const buffer = new ValueBuffer();
    for (const x of [10, 9, 100, -1, 9, 0.5]) buffer.push(x);
    // Ascending: −1, 0.5, 9, 9, 10, 100 (as strings 100 would come before 9).
    expect([0, 0.2, 0.4, 0.6, 0.8, 1].map((p) => buffer.quantile(p))).toEqual([-1, 0.5, 9, 9, 10, 100]);
    expect(Array.from(buffer.values())).toEqual([-1, 0.5, 9, 9, 10, 100]); // sorted in place
  });

  it('re-sorts after more values arrive', () => {
    const buffer = new ValueBuffer();
    for (const x of [3, 1, 2]) buffer.push(x);
    expect(buffer.quantile(0)).toBe(1);
    buffer.push(0);
    expect(buffer.quantile(0)).toBe(0);
    expect(buffer.countAtMost(1)).toBe(2);
  });

  it('appends another buffer, leaving its values untouched', () => {
    const a = new ValueBuffer();
    const b = new ValueBuffer();
    for (const x of [5, 1]) a.push(x);
    for (const x of [4, 2, 3]) b.push(x);
    a.append(b);
    expect(a.length).toBe(5);
    expect(Array.from(a.values()).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(a.quantile(0.5)).toBe(3);
    expect(b.length).toBe(3);
    expect(Array.from(b.values()).sort()).toEqual([2, 3, 4]);
  });

  it('can append itself', () => {
    const buffer = new ValueBuffer(2);
    for (const x of [2, 1]) buffer.push(x);
    buffer.append(buffer);
    expect(Array.from(buffer.values())).toEqual([2, 1, 2, 1]);
    expect(buffer.quantile(0.5)).toBe(1.5);
  });

  it('rejects NaN: missing values are dropped before they reach the buffer', () => {
    expect(() => new ValueBuffer().push(Number.NaN)).toThrow(RangeError);
    expect(() => ValueBuffer.from([1, Number.NaN])).toThrow(RangeError);
  });

  it('from() copies values, and round-trips a Float64Array through values()', () => {
    const source = Float64Array.from([3, -0, 1.5, 3]);
    const buffer = ValueBuffer.from(source);
    source[0] = 99;
    expect(buffer.length).toBe(4);
    expect(Array.from(buffer.values())).toEqual([3, -0, 1.5, 3]);
    const copy = ValueBuffer.from(buffer.values());
    expect(copy.quantile(0.5)).toBe(buffer.quantile(0.5));
    expect(ValueBuffer.from([]).quantile(0.5)).toBeNull();
  });

  it('append then values() holds the concatenation', () => {
    const values = fc.array(fc.double({ noNaN: true }), { maxLength: 80 });
    fc.assert(
      fc.property(values, values, (xs, ys) => {
        const a = ValueBuffer.from(xs);
        a.append(ValueBuffer.from(ys));
        expect(a.values().sort()).toEqual(Float64Array.from([...xs, ...ys]).sort());
      }),
    );
  });
});
