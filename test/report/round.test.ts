import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfAway } from '../../src/report/round.js';

describe('roundHalfAway', () => {
  it.each([
    [2.675, 2, 2.68],
    [-12.5, 0, -13],
    [12.5, 0, 13],
    [1.005, 2, 1.01],
    [0.125, 2, 0.13],
    [0.285, 2, 0.29],
    [-2.5, 0, -3],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [0.49999, 0, 0],
    [1.45, 1, 1.5],
    [1.44999, 1, 1.4],
    [9.995, 2, 10],
    [99.95, 1, 100],
    [123.456, 0, 123],
    [85.25, 1, 85.3],
    [5e-7, 6, 0.000001],
    [1.2345e-5, 7, 0.0000123],
    [1e-7, 2, 0],
    [1.5e21, 0, 1.5e21],
    [42, 3, 42],
  ])('roundHalfAway(%s, %s) = %s', (x, decimals, expected) => {
    expect(roundHalfAway(x, decimals)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfAway(-0, 2), 0)).toBe(true);
    expect(Object.is(roundHalfAway(-0.004, 2), 0)).toBe(true);
    expect(Object.is(roundHalfAway(-0.4, 0), 0)).toBe(true);
  });

  it('passes non-finite numbers through and rejects a bad number of decimals', () => {
    expect(roundHalfAway(Number.NaN, 2)).toBeNaN();
    expect(roundHalfAway(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(() => roundHalfAway(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAway(1, 1.5)).toThrow(RangeError);
  });

  it('agrees with decimal rounding of the shortest representation: k + 0.5 units rounds away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }), (k, decimals) => {
        // `k` followed by the digit 5, one place past the last kept decimal: 3 → 3.5, -3 → -3.5.
        const half = Number(`${String(k)}5e-${String(decimals + 1)}`);
        const awayFromZero = k < 0 ? k - 1 : k + 1;
        const expected = Number(`${String(awayFromZero)}e-${String(decimals)}`);
        expect(roundHalfAway(half, decimals)).toBe(expected);
      }),
    );
  });

  it('stays within half a unit of the last kept decimal and is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, decimals) => {
        const rounded = roundHalfAway(x, decimals);
        expect(Math.abs(rounded - x)).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-9) + Math.abs(x) * 1e-15);
        expect(roundHalfAway(rounded, decimals)).toBe(rounded);
      }),
    );
  });
});
