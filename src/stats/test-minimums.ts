/**
 * The least data a change between two periods is tested on (metrics.md §6.5 ✎). Below it a test's
 * p-value rests on approximations that do not hold (a normal z from two answers), so no p is
 * reported and nothing is starred: the caller says which minimum was missed.
 */

/** Observations each side needs (answers, requests, sessions: the result's n). */
export const MIN_N_PER_SIDE = 10;
/** Successes, and failures, a two-proportion test needs over both sides together. */
export const MIN_POOLED_OUTCOMES = 5;

/** Why a change is not tested: the first minimum missed. */
export type SmallSample =
  { kind: 'n'; side: 'before' | 'after'; n: number } | { kind: 'outcomes'; outcome: 'successes' | 'failures'; count: number };

/** The side with fewer than MIN_N_PER_SIDE observations (the smaller when both are; the earlier on a tie); null when both have enough. */
export function tooFewObservations(nBefore: number, nAfter: number): SmallSample | null {
  const side = nAfter < nBefore ? 'after' : 'before';
  const n = Math.min(nBefore, nAfter);
  return n < MIN_N_PER_SIDE ? { kind: 'n', side, n } : null;
}

/** For x successes of n on each side: too few observations, or too few successes or failures pooled. */
export function tooFewForProportions(x1: number, n1: number, x2: number, n2: number): SmallSample | null {
  const few = tooFewObservations(n1, n2);
  if (few !== null) return few;
  const successes = x1 + x2;
  const failures = n1 + n2 - successes;
  if (successes < MIN_POOLED_OUTCOMES) return { kind: 'outcomes', outcome: 'successes', count: successes };
  if (failures < MIN_POOLED_OUTCOMES) return { kind: 'outcomes', outcome: 'failures', count: failures };
  return null;
}
