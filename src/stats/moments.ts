/**
 * Mergeable moments for means and SDs, kept exactly (exact-sum.ts): n, Σx and Σx², each value
 * read as the decimal it was written as and each square exact (m² as two doubles). The mean is
 * Σx / n and the variance (n·Σx² − (Σx)²) / (n(n − 1)), each computed from the exact sums and
 * rounded once — so they depend on the multiset of values alone (not on row order, cut points or
 * merge order), and the variance keeps its digits when the mean dwarfs the spread (durations of
 * days that differ by seconds), where a floating-point Σx² − n·x̄² would lose them all.
 */
import {
  divideFractions,
  fractionOfDouble,
  multiplyFractions,
  productError,
  roundFraction,
  subtractFractions,
} from './exact-arithmetic.js';
import {
  addBinary,
  addBinaryProduct,
  addScaledUnits,
  addUnits,
  createExactSum,
  exactCount,
  exactProduct,
  fractionOfSum,
  isCompact,
  mergeExactSum,
  readDecimal,
  roundQuotient,
  unitsAt,
  type ExactSum,
} from './exact-sum.js';

export interface Moments {
  n: number;
  /** Σx. */
  sum: ExactSum;
  /** Σx², at twice the sum's decimal places. */
  squares: ExactSum;
}

const EXACT_LIMIT = 2 ** 53;

export function createMoments(): Moments {
  return { n: 0, sum: createExactSum(), squares: createExactSum() };
}

/**
 * Adds one value in place. The door for the commonest case — a whole number below 2^26.5 while
 * the sums are whole (answers, counts, durations in whole seconds) — is an add and a compare for
 * the sum and an exact square, written out here because V8 does not inline the general path into
 * every caller. Everything else reads the value at the sums' places (a few flops, no allocation),
 * or takes the exact slow path.
 */
export function addToMoments(moments: Moments, x: number): void {
  moments.n += 1;
  const { sum, squares } = moments;
  if (sum.places === 0 && squares.places === 0 && (x | 0) === x) {
    const nextSum = sum.units + x;
    const square = x * x;
    if (Math.abs(nextSum) < EXACT_LIMIT && square < EXACT_LIMIT) {
      sum.units = nextSum;
      addScaledUnits(squares, square);
      return;
    }
  }
  const units = unitsAt(x, sum.places);
  if (Number.isNaN(units) || squares.places !== sum.places + sum.places) {
    addToMomentsSlowly(moments, x);
    return;
  }
  addScaledUnits(sum, units);
  addSquare(squares, units);
}

/** units² exactly, into a sum at twice the places of units. */
function addSquare(squares: ExactSum, units: number): void {
  const square = units * units;
  addScaledUnits(squares, square);
  if (square >= EXACT_LIMIT) addScaledUnits(squares, productError(units, units, square));
}

function addToMomentsSlowly({ sum, squares }: Moments, x: number): void {
  const reading = readDecimal(x);
  if (reading === undefined) {
    addBinary(sum, x);
    addBinaryProduct(squares, x, x);
    return;
  }
  const { units, places } = reading;
  const square = units * units;
  addUnits(sum, units, places);
  addUnits(squares, square, places + places);
  addUnits(squares, productError(units, units, square), places + places);
}

/** Folds b into a and returns a (metrics/types.ts: merge may mutate its first argument); b is left untouched. */
export function mergeMoments(a: Moments, b: Moments): Moments {
  a.n += b.n;
  mergeExactSum(a.sum, b.sum);
  mergeExactSum(a.squares, b.squares);
  return a;
}

/** factor × the mean (sentiment reports scores × 100); null without values. */
export function momentsMean(moments: Moments, factor = 1): number | null {
  return moments.n === 0 ? null : roundQuotient(moments.sum, exactCount(moments.n), factor);
}

/**
 * The sample SD (n − 1 denominator) of factor × the values; null below two values, where it is
 * undefined, and when Σ(factor·x)² is beyond the largest double (values beyond ±1e154): decided
 * on the exact sum, so in every order alike.
 */
export function sampleSd(moments: Moments, factor = 1): number | null {
  const variance = sampleVariance(moments, factor * factor);
  return variance === null ? null : Math.sqrt(variance);
}

function sampleVariance({ n, sum, squares }: Moments, factor: number): number | null {
  if (n < 2) return null;
  const fast = compactVariance(n, sum, squares, factor);
  if (fast !== undefined) return fast;
  const squareTotal = fractionOfSum(squares);
  // Only squares kept in `huge` can pass the largest double.
  if (squares.huge.length > 0 && !Number.isFinite(roundFraction(multiplyFractions(squareTotal, fractionOfDouble(factor))))) return null;
  const total = fractionOfSum(sum);
  const count = fractionOfDouble(n);
  // n·Σx² − (Σx)², exact, and so never negative (Cauchy–Schwarz) — except for values below
  // ~1e-146, whose squares underflow: each loses the same bits whatever the order, and the clamp
  // keeps the SD at 0 rather than NaN.
  const spread = subtractFractions(multiplyFractions(count, squareTotal), multiplyFractions(total, total));
  if (spread.num <= 0n) return 0;
  const variance = divideFractions(spread, multiplyFractions(count, fractionOfDouble(n - 1)));
  return roundFraction(multiplyFractions(variance, fractionOfDouble(factor)));
}

/** The variance in doubles alone when every step is an exact integer operation (small answers). */
function compactVariance(n: number, sum: ExactSum, squares: ExactSum, factor: number): number | undefined {
  if (!isCompact(sum) || !isCompact(squares) || squares.places !== sum.places + sum.places) return undefined;
  const weighted = exactProduct(n, squares.units);
  const squaredSum = exactProduct(sum.units, sum.units);
  if (weighted === undefined || squaredSum === undefined) return undefined;
  const top = exactProduct(weighted - squaredSum, factor);
  const bottom = exactProduct(exactProduct(n, n - 1), 10 ** squares.places);
  return top === undefined || bottom === undefined ? undefined : top / bottom;
}
