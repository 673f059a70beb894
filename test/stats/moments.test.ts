import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Moments } from '../../src/stats/moments.js';
import { addToMoments, createMoments, mergeMoments, sampleSd } from '../../src/stats/moments.js';

function momentsOf(values: readonly number[]): Moments {
  const m = createMoments();
  for (const x of values) addToMoments(m, x);
  return m;
}

/** Two-pass reference: mean first, then Σ(x − mean)². */
function twoPass(values: readonly number[]): { mean: number; m2: number } {
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  return { mean, m2: values.reduce((sum, x) => sum + (x - mean) * (x - mean), 0) };
}

function expectClose(actual: number, expected: number, relative: number, scale: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(Math.abs(expected), scale));
}

describe('Moments', () => {
  it('starts empty, with no SD', () => {
    const m = createMoments();
    expect(m).toEqual({ n: 0, mean: 0, m2: 0 });
    expect(sampleSd(m)).toBeNull();
  });

  it('has no SD for one value (n − 1 = 0)', () => {
    const m = momentsOf([7]);
    expect(m).toEqual({ n: 1, mean: 7, m2: 0 });
    expect(sampleSd(m)).toBeNull();
  });

  it.each([
    // mean 5; deviations −3,−1,−1,−1,0,0,2,4 → m2 = 9+1+1+1+0+0+4+16 = 32; s = √(32/7)
    [[2, 4, 4, 4, 5, 5, 7, 9], 5, 32, Math.sqrt(32 / 7)],
    // mean 2; m2 = 1 + 1 = 2; s = √(2/1)
    [[1, 3], 2, 2, Math.SQRT2],
    // ties only: no spread
    [[4, 4, 4], 4, 0, 0],
    // a large offset must not swamp the spread (naive Σx² − n·x̄² loses it): m2 = 2, s = 1
    [[1e9 + 1, 1e9 + 2, 1e9 + 3], 1e9 + 2, 2, 1],
  ])('%j → mean %s, m2 %s, sd %s', (values, mean, m2, sd) => {
    const m = momentsOf(values);
    expect(m.n).toBe(values.length);
    expect(m.mean).toBeCloseTo(mean, 9);
    expect(m.m2).toBeCloseTo(m2, 9);
    expect(sampleSd(m)).toBeCloseTo(sd, 12);
  });

  it('merge mutates and returns its first argument and leaves the second alone', () => {
    const a = momentsOf([1, 2]);
    const b = momentsOf([3, 4, 5]);
    const bBefore = { ...b };
    const merged = mergeMoments(a, b);
    expect(merged).toBe(a);
    expect(b).toEqual(bBefore);
    // 1..5: mean 3, m2 = 4+1+0+1+4 = 10
    expect(merged.n).toBe(5);
    expect(merged.mean).toBeCloseTo(3, 14);
    expect(merged.m2).toBeCloseTo(10, 13);
  });

  it.each([
    ['empty into data', [], [1, 2, 3]],
    ['data into empty', [1, 2, 3], []],
    ['empty into empty', [], []],
  ])('merges %s', (_label, left, right) => {
    const merged = mergeMoments(momentsOf(left), momentsOf(right));
    expect(merged).toEqual(momentsOf([...left, ...right]));
  });

  it('merging the moments of two arrays equals the moments of their concatenation', () => {
    // Subnormal numbers (4.4e-323) make the relative tolerance itself underflow to 0: flush them to 0.
    const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Math.abs(x) < 1e-150 ? 0 : x)), { maxLength: 60 });
    fc.assert(
      fc.property(values, values, (xs, ys) => {
        const merged = mergeMoments(momentsOf(xs), momentsOf(ys));
        const all = [...xs, ...ys];
        expect(merged.n).toBe(all.length);
        if (all.length === 0) return;
        const reference = twoPass(all);
        // Scale floor: the spread of the data, so a mean of ~0 is compared in absolute terms.
        const spread = Math.max(...all.map(Math.abs));
        expectClose(merged.mean, reference.mean, 1e-9, spread);
        expectClose(merged.m2, reference.m2, 1e-9, spread * spread);
      }),
    );
  });
});
