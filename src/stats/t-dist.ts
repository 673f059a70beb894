/**
 * Student's t distribution from the regularized incomplete beta function. The quantile is exact
 * (≤ 1e-10, in practice ~1e-13) for any df > 0, including the non-integer df of Welch's test
 * (metrics.md §6.4: "do not approximate with z for small n").
 */
import { logBeta } from './gamma.js';
import { assertConfidence, erfc, normalCdf, normalQuantile } from './normal.js';

// Converged once a factor moves h by less than this; a tighter bound (1e-16) is below the spacing
// of doubles near 1, so the loop would never stop early.
const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_FRACTION_TERMS = 100_000;

/**
 * The continued fraction for I_x(a, b) (Numerical Recipes §6.4), evaluated with the modified
 * Lentz method. Converges quickly when x < (a + 1)/(a + b + 2).
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const sum = a + b;
  const aPlusOne = a + 1;
  const aMinusOne = a - 1;
  let c = 1;
  let d = 1 - (sum * x) / aPlusOne;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_FRACTION_TERMS; m += 1) {
    const twoM = 2 * m;
    const even = (m * (b - m) * x) / ((aMinusOne + twoM) * (a + twoM));
    d = 1 + even * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + even / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    const odd = (-(a + m) * (sum + m) * x) / ((a + twoM) * (aPlusOne + twoM));
    d = 1 + odd * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + odd / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) <= EPSILON) return h;
  }
  return h;
}

/** log x, taking it from the complement y = 1 − x when that is the precise one. */
function logOf(x: number, complement: number): number {
  return x < 0.5 ? Math.log(x) : Math.log1p(-complement);
}

/**
 * I_x(a, b) given both x and y = 1 − x. Callers that know y more precisely than 1 − x (the t
 * CDF does: y = t²/(df + t²)) pass it, which keeps the small tail accurate.
 * For large a and x just below the switch point the fraction's first denominator
 * 1 − (a + b)x/(a + 1) cancels and the relative error grows to about
 * ε·(a + 1)/|1 − b + (a + b)y|; the t CDF avoids that region with `incompleteBetaHalfLargeA`.
 */
function regularizedBetaWithComplement(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = a * logOf(x, y) + b * logOf(y, x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  }
  // Symmetry I_x(a, b) = 1 − I_y(b, a) moves the evaluation to where the fraction converges.
  return 1 - (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b;
}

/** How much the continued fraction in x amplifies rounding for I_x(a, b) (see above). */
function lowerFractionCondition(y: number, a: number, b: number): number {
  return (a + 1) / Math.abs(1 - b + (a + b) * y);
}

const LOG_GAMMA_HALF = 0.5723649429247001; // log √π

/**
 * I_x(a, ½) for large a (≥ 15) by the asymptotic expansion of Didonato & Morris, "Algorithm 708:
 * significant digit computation of the incomplete beta function ratios" (ACM TOMS 1992), routine
 * BGRAT, specialised to b = ½ where the incomplete gamma ratio it needs is Q(½, z) = erfc(√z).
 * The leading term carries the value and the rest are corrections of relative size O(1/a), so
 * nothing cancels.
 */
function incompleteBetaHalfLargeA(x: number, y: number, a: number): number {
  const b = 0.5;
  const bMinusOne = b - 1;
  const nu = a + 0.5 * bMinusOne;
  const logX = logOf(x, y);
  const z = -nu * logX;
  // r = e^(−z)·z^b/Γ(b); u = r·Γ(a + b)/(Γ(a)·ν^b), with Γ(a + b)/Γ(a) = Γ(½)/B(a, ½).
  const r = Math.sqrt(z / Math.PI) * Math.exp(nu * logX);
  const u = r * Math.exp(LOG_GAMMA_HALF - logBeta(a, b) - b * Math.log(nu));
  if (u === 0 || r === 0) return 0;
  const v = 0.25 / (nu * nu);
  const quarterLogXSquared = 0.25 * logX * logX;
  const c: number[] = [];
  const d: number[] = [];
  let j = erfc(Math.sqrt(z)) / r;
  let sum = j;
  let t = 1;
  let cn = 1;
  let n2 = 0;
  for (let n = 1; n <= 30; n += 1) {
    const bPlus2n = b + n2;
    j = (bPlus2n * (bPlus2n + 1) * j + (z + bPlus2n + 1) * t) * v;
    n2 += 2;
    t *= quarterLogXSquared;
    cn /= n2 * (n2 + 1);
    c.push(cn);
    let s = 0;
    let coefficient = b - n;
    for (let i = 1; i < n; i += 1) {
      s += coefficient * (c[i - 1] ?? 0) * (d[n - i - 1] ?? 0);
      coefficient += b;
    }
    const dn = bMinusOne * cn + s / n;
    d.push(dn);
    const term = dn * j;
    sum += term;
    if (Math.abs(term) <= 1e-16 * sum) break;
  }
  return u * sum;
}

/** The regularized incomplete beta function I_x(a, b), x in [0, 1], a, b > 0; NaN otherwise. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1 && a > 0 && b > 0)) return Number.NaN;
  return regularizedBetaWithComplement(x, 1 - x, a, b);
}

/** The expansion's stated domain (TOMS 708: a ≥ 15, b ≤ 1). */
const LARGE_A = 15;
/** Above this amplification (≈ 2e-14 relative error) the fraction hands over to the expansion. */
const WORST_FRACTION_CONDITION = 100;

function isValidDf(df: number): boolean {
  return df > 0;
}

/** P(T > |t|) for t ≠ 0, the tail the incomplete beta gives directly (no 1 − p cancellation). */
function upperTail(t: number, df: number): number {
  const tSquared = t * t;
  if (!Number.isFinite(tSquared)) return 0;
  const x = df / (df + tSquared);
  const y = tSquared / (df + tSquared);
  const a = df / 2;
  if (a >= LARGE_A && lowerFractionCondition(y, a, 0.5) > WORST_FRACTION_CONDITION) {
    return 0.5 * incompleteBetaHalfLargeA(x, y, a);
  }
  return 0.5 * regularizedBetaWithComplement(x, y, a, 0.5);
}

/** P(T ≤ t) for Student's t with df > 0 degrees of freedom (df = ∞ is the normal). */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !isValidDf(df)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  if (t === 0) return 0.5;
  const tail = upperTail(t, df);
  return t < 0 ? tail : 1 - tail;
}

/** The t density, written with B(df/2, ½) so large df keeps its precision. */
function tDensity(t: number, df: number): number {
  const logDensity = -0.5 * Math.log(df) - logBeta(df / 2, 0.5) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** Closed forms exist for df = 1 (Cauchy) and df = 2; they also spare Newton the heaviest tails. */
function closedFormUpperQuantile(tail: number, df: number): number | null {
  if (df === 1) return 1 / Math.tan(Math.PI * tail);
  if (df === 2) return (1 - 2 * tail) / Math.sqrt(2 * tail * (1 - tail));
  return null;
}

/**
 * The t > 0 with P(T > t) = tail, for 0 < tail < ½: a bracket is grown from the normal quantile,
 * then Newton's method runs inside it, falling back to bisection whenever a step leaves it.
 */
function solveUpperQuantile(tail: number, df: number): number {
  let low = 0;
  let high = Math.max(1, -normalQuantile(tail));
  while (upperTail(high, df) > tail) {
    low = high;
    high *= 2;
    if (!Number.isFinite(high)) return Number.POSITIVE_INFINITY;
  }
  let t = high;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    const excess = upperTail(t, df) - tail;
    if (excess === 0) return t;
    // The tail falls as t grows: too much tail means the root lies to the right.
    if (excess > 0) low = t;
    else high = t;
    const newton = t + excess / tDensity(t, df);
    const next = newton > low && newton < high ? newton : low + (high - low) / 2;
    if (Math.abs(next - t) <= 4 * Number.EPSILON * Math.abs(t)) return next;
    t = next;
  }
  return t;
}

/** The p-quantile of Student's t: −∞ at 0, +∞ at 1, NaN for p outside [0, 1] or df ≤ 0. */
export function tQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !isValidDf(df)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const isUpper = p > 0.5;
  const tail = isUpper ? 1 - p : p;
  const magnitude = closedFormUpperQuantile(tail, df) ?? solveUpperQuantile(tail, df);
  return isUpper ? magnitude : -magnitude;
}

/** The two-sided critical value t(1 − α/2, df) for a confidence level in (0, 1). */
export function tForConfidence(confidence: number, df: number): number {
  assertConfidence(confidence);
  return tQuantile(1 - (1 - confidence) / 2, df);
}
