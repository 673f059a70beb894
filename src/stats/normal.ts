/**
 * The standard normal distribution: CDF and quantile in full double precision (metrics.md §0:
 * z = 1.959964…, the exact quantile, never the rounded 1.96).
 */

const INV_SQRT_PI = 0.5641895835477563;
const SQRT_HALF = Math.SQRT1_2;

// W. J. Cody, "Rational Chebyshev approximations for the error function" (Math. Comp. 1969) as
// coded in his CALERF routine: relative error below 1e-16 in each of the three ranges.
const ERF_SMALL_NUM = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const ERF_SMALL_DEN = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const ERFC_MID_NUM = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707, 2051.0783778260716,
  1230.3393547979972, 2.1531153547440383e-8,
];
const ERFC_MID_DEN = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216,
  1230.3393548037495,
];
const ERFC_TAIL_NUM = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 6.587491615298378e-4, 0.016315387137302097,
];
const ERFC_TAIL_DEN = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];

/** Beyond this, erfc underflows to 0 in double precision. */
const ERFC_UNDERFLOW = 26.543;

function coefficient(table: readonly number[], index: number): number {
  const value = table[index];
  if (value === undefined) throw new RangeError(`coefficient ${index} missing`);
  return value;
}

/**
 * e^(−y²) without the cancellation of squaring y directly: y² is split into a part exact in
 * binary (y rounded down to 1/16) and a small remainder.
 */
function expMinusSquare(y: number): number {
  const rounded = Math.trunc(y * 16) / 16;
  const remainder = (y - rounded) * (y + rounded);
  return Math.exp(-rounded * rounded) * Math.exp(-remainder);
}

/** erf(x) for |x| ≤ 0.46875, where the series form is accurate. */
function erfNearZero(x: number): number {
  const ysq = x * x;
  let num = coefficient(ERF_SMALL_NUM, 4) * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i += 1) {
    num = (num + coefficient(ERF_SMALL_NUM, i)) * ysq;
    den = (den + coefficient(ERF_SMALL_DEN, i)) * ysq;
  }
  return (x * (num + coefficient(ERF_SMALL_NUM, 3))) / (den + coefficient(ERF_SMALL_DEN, 3));
}

/** erfc(y) for y > 0.46875. */
function erfcPositive(y: number): number {
  if (y >= ERFC_UNDERFLOW) return 0;
  if (y <= 4) {
    let num = coefficient(ERFC_MID_NUM, 8) * y;
    let den = y;
    for (let i = 0; i < 7; i += 1) {
      num = (num + coefficient(ERFC_MID_NUM, i)) * y;
      den = (den + coefficient(ERFC_MID_DEN, i)) * y;
    }
    return expMinusSquare(y) * ((num + coefficient(ERFC_MID_NUM, 7)) / (den + coefficient(ERFC_MID_DEN, 7)));
  }
  const ysq = 1 / (y * y);
  let num = coefficient(ERFC_TAIL_NUM, 5) * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i += 1) {
    num = (num + coefficient(ERFC_TAIL_NUM, i)) * ysq;
    den = (den + coefficient(ERFC_TAIL_DEN, i)) * ysq;
  }
  const series = (ysq * (num + coefficient(ERFC_TAIL_NUM, 4))) / (den + coefficient(ERFC_TAIL_DEN, 4));
  return expMinusSquare(y) * ((INV_SQRT_PI - series) / y);
}

/** The complementary error function, erfc(x) = 1 − erf(x), accurate in the far right tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) <= 0.46875) return 1 - erfNearZero(x);
  return x > 0 ? erfcPositive(x) : 2 - erfcPositive(-x);
}

/**
 * Φ(x). Absolute error ≲ 1e-16; in the far tails the relative error grows like x²·2⁻⁵³ because
 * x/√2 is rounded once (still ≤ 1e-13 relative at x = −30).
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT_HALF);
}

// Wichura, "Algorithm AS 241: The percentage points of the normal distribution" (Applied
// Statistics 1988), PPND16: about 1 part in 1e16.
const CENTRAL_NUM = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813,
  2509.0809287301227,
];
const CENTRAL_DEN = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854,
];
const INTERMEDIATE_NUM = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const INTERMEDIATE_DEN = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345,
  1.0507500716444169e-9,
];
const TAIL_NUM = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784,
  0.000027115555687434876, 2.0103343992922881e-7,
];
const TAIL_DEN = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7,
  2.0442631033899397e-15,
];

/** Evaluates a polynomial with coefficients in ascending order (Horner). */
function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i -= 1) sum = sum * x + coefficient(coefficients, i);
  return sum;
}

/** Φ⁻¹(p): −∞ at 0, +∞ at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUM, r)) / polynomial(CENTRAL_DEN, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = polynomial(INTERMEDIATE_NUM, r) / polynomial(INTERMEDIATE_DEN, r);
  } else {
    r -= 5;
    x = polynomial(TAIL_NUM, r) / polynomial(TAIL_DEN, r);
  }
  return q < 0 ? -x : x;
}

/**
 * The two-sided critical value for a confidence level in (0, 1): 0.95 → 1.959963984540054.
 * Throws RangeError outside (0, 1): a confidence of 0 means "no intervals" and must be handled by
 * the caller before asking for a critical value.
 */
export function zForConfidence(confidence: number): number {
  assertConfidence(confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

/** Guards the open interval (0, 1) every critical-value function needs. */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
}
