import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from '../../src/stats/gamma.js';

// Reference values: mpmath 1.3.0 at 40 digits (loggamma, log(beta)).
describe('logGamma', () => {
  it.each([
    [0.01, 4.599479878042022], // below ½: reflection through Γ(x + 1)/x
    [0.5, 0.5723649429247001], // log √π
    [1, 0], // log 0!
    [2.5, 0.2846828704729192],
    [10, 12.80182748008147], // log 9! = log 362880; first argument on the Stirling side
    [55, 164.32011226319517],
    [1e6, 12815504.569147613],
  ])('log Γ(%s) = %s', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(expected)));
  });

  it.each([0, -1, Number.NaN])('log Γ(%s) is NaN', (x) => {
    expect(logGamma(x)).toBeNaN();
  });
});

describe('logBeta', () => {
  it.each([
    [2, 3, -2.4849066497880004], // B(2, 3) = 1!·2!/4! = 1/12
    [0.5, 0.5, 1.1447298858494002], // B(½, ½) = π
    [3.3, 0.5, 0.013141311650529622], // both below 10: plain log Γ sum
    [25, 12, -23.432657298156997], // both large: Stirling parts combined
    [5e6, 0.5, -7.140109267274487], // one large, one small (t CDF at df = 10⁷)
    [1e4, 1e5, -33513.60927656998],
  ])('log B(%s, %s) = %s', (a, b, expected) => {
    expect(Math.abs(logBeta(a, b) - expected)).toBeLessThanOrEqual(5e-15 * Math.max(1, Math.abs(expected)));
  });

  it('is symmetric', () => {
    expect(logBeta(0.5, 7.25)).toBe(logBeta(7.25, 0.5));
  });

  it('is NaN for a non-positive argument', () => {
    expect(logBeta(0, 1)).toBeNaN();
  });
});
