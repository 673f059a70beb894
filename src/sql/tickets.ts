/**
 * The ticket family's SQL of the pushdown (README "SQL pushdown", tickets): the aggregates of the
 * duration means, each the Moments its streaming accumulator builds (metrics/tickets.ts) from
 * exact sums. SQL sums whole milliseconds exactly and moves the point (× 0.001, × 0.000001) in an
 * exact decimal, never through a double. recipes.ts names the state parts that use them.
 */

/** A whole number at 38 digits: sums and squares of milliseconds (up to ~10^11 each) stay exact far past any table's size. */
const wide = (value: string): string => `CAST(${value} AS DECIMAL(38, 0))`;

/**
 * Σx of the durations in seconds, x = ms / 1000 as readElapsedSeconds divides: Σms × 0.001 is the
 * very decimal streaming sums (a whole ms over 1000 is a decimal of at most three places, read so
 * by addToMoments).
 */
export const secondsSum = (ms: string): string => `SUM(${wide(ms)}) * 0.001`;

/** Σx² of the same seconds: Σms² × 0.000001. */
export const secondsSquares = (ms: string): string => `SUM(${wide(ms)} * ${wide(ms)}) * 0.000001`;
