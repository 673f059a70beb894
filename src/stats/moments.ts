/**
 * Mergeable running moments for means and SDs (Welford's update; Chan, Golub & LeVeque's merge),
 * numerically stable on millions of values and exact enough that merge(acc(xs), acc(ys)) equals
 * acc(xs ++ ys) to ~1e-12.
 */

export interface Moments {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean, Σ(x − x̄)². */
  m2: number;
}

export function createMoments(): Moments {
  return { n: 0, mean: 0, m2: 0 };
}

/** Adds one value in place (the hot path allocates nothing). */
export function addToMoments(m: Moments, x: number): void {
  m.n += 1;
  const delta = x - m.mean;
  m.mean += delta / m.n;
  m.m2 += delta * (x - m.mean);
}

/**
 * Folds b into a and returns a (the accumulator convention in metrics/types.ts: merge may mutate
 * and return its first argument). b is left untouched.
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (b.n === 0) return a;
  if (a.n === 0) {
    a.n = b.n;
    a.mean = b.mean;
    a.m2 = b.m2;
    return a;
  }
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  a.mean += (delta * b.n) / n;
  a.m2 += b.m2 + (delta * delta * a.n * b.n) / n;
  a.n = n;
  return a;
}

/** The sample SD (n − 1 denominator); null below two values, where it is undefined. */
export function sampleSd(m: Moments): number | null {
  if (m.n < 2) return null;
  return Math.sqrt(Math.max(m.m2, 0) / (m.n - 1));
}
