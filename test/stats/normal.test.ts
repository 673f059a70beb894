import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalQuantile, zForConfidence } from '../../src/stats/normal.js';

// Reference values: mpmath 1.3.0 at 40 digits (mpmath.ncdf, sqrt(2)·erfinv(2p − 1), erfc).
function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs((actual - expected) / expected);
}

describe('normalCdf', () => {
  // Relative tolerance grows like x²·2⁻⁵³ in the far tail: x/√2 is rounded once before erfc.
  it.each([
    [0, 0.5, 1e-16],
    [-1, 0.15865525393145705, 5e-15],
    [3, 0.9986501019683699, 5e-16],
    [-5, 2.866515718791939e-7, 5e-15],
    [-10, 7.619853024160525e-24, 2e-14],
    [-30, 4.906713927148187e-198, 2e-13],
  ])('Φ(%s) = %s', (x, expected, tolerance) => {
    expect(relativeError(normalCdf(x), expected)).toBeLessThan(tolerance);
  });

  it('maps ±∞ to 0 and 1 and NaN to NaN', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('is symmetric: Φ(−x) + Φ(x) = 1', () => {
    for (const x of [0.1, 0.46875, 1.7, 4, 6.5]) expect(normalCdf(-x) + normalCdf(x)).toBeCloseTo(1, 15);
  });
});

describe('erfc', () => {
  // The three ranges of Cody's approximation meet at 0.46875 and 4.
  it.each([
    [0.2, 0.7772974107895215],
    [0.46875, 0.507386526782062],
    [1, 0.15729920705028513],
    [4, 1.541725790028002e-8],
    [4.5, 1.9661604415428873e-10],
    [-1, 1.842700792949715],
  ])('erfc(%s) = %s', (x, expected) => {
    expect(relativeError(erfc(x), expected)).toBeLessThan(2e-15);
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.1, -1.2815515655446004],
    [0.9, 1.2815515655446004],
    [0.975, 1.9599639845400538],
    [1e-10, -6.361340902404057],
    // p so small AS241's third (far-tail) branch is used.
    [1e-300, -37.0470962993612],
  ])('Φ⁻¹(%s) = %s', (p, expected) => {
    expect(relativeError(normalQuantile(p), expected)).toBeLessThan(1e-15);
  });

  it.each([
    [0, Number.NEGATIVE_INFINITY],
    [1, Number.POSITIVE_INFINITY],
  ])('Φ⁻¹(%s) = %s', (p, expected) => {
    expect(normalQuantile(p)).toBe(expected);
  });

  it.each([-0.1, 1.1, Number.NaN])('Φ⁻¹(%s) is NaN', (p) => {
    expect(normalQuantile(p)).toBeNaN();
  });

  it('inverts normalCdf', () => {
    for (const x of [-8, -3.3, -1, -0.2, 0.3, 1.5, 2.9]) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 12);
  });
});

describe('zForConfidence', () => {
  it.each([
    // The exact z for 95 % is 1.959963984540054235…; AS241 lands within 2 ulp of it.
    [0.95, 1.959963984540054],
    [0.9, 1.6448536269514722],
    [0.99, 2.5758293035489004],
  ])('z(%s) = %s', (confidence, expected) => {
    expect(Math.abs(zForConfidence(confidence) - expected)).toBeLessThan(1e-15);
  });

  it('is not the rounded 1.96', () => {
    expect(zForConfidence(0.95)).not.toBe(1.96);
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
  });

  it.each([0, 1, -0.5, 95, Number.NaN])('rejects confidence %s', (confidence) => {
    expect(() => zForConfidence(confidence)).toThrow(RangeError);
  });
});
