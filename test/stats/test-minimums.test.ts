import { describe, expect, it } from 'vitest';
import { tooFewForProportions, tooFewObservations } from '../../src/stats/test-minimums.js';

describe('tooFewObservations (metrics.md §6.5: n ≥ 10 on each side)', () => {
  it.each([
    [8, 2, { kind: 'n', side: 'after', n: 2 }], // the 8 answers, then 2
    [2, 8, { kind: 'n', side: 'before', n: 2 }],
    [9, 100, { kind: 'n', side: 'before', n: 9 }],
    [3, 4, { kind: 'n', side: 'before', n: 3 }], // both short: the smaller is named
    [5, 5, { kind: 'n', side: 'before', n: 5 }], // a tie: the earlier
    [10, 10, null], // exactly the minimum is enough
    [500, 400, null],
  ])('%s then %s → %j', (before, after, expected) => {
    expect(tooFewObservations(before, after)).toEqual(expected);
  });
});

describe('tooFewForProportions (and ≥ 5 successes and ≥ 5 failures pooled)', () => {
  it.each([
    [1, 9, 6, 20, { kind: 'n', side: 'before', n: 9 }],
    [1, 10, 3, 10, { kind: 'outcomes', outcome: 'successes', count: 4 }], // 4 successes pooled
    [10, 10, 6, 10, { kind: 'outcomes', outcome: 'failures', count: 4 }], // 20 − 16 = 4 failures
    [2, 10, 3, 10, null], // exactly 5 successes
    [50, 100, 40, 100, null],
    [2.5, 10, 2.5, 10, null], // fractional (weighted) successes count as they are: 5
  ])('%s/%s vs %s/%s → %j', (x1, n1, x2, n2, expected) => {
    expect(tooFewForProportions(x1, n1, x2, n2)).toEqual(expected);
  });
});
