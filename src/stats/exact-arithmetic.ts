/**
 * Error-free floating-point building blocks for exact sums (exact-sum.ts): the exact product of two
 * doubles as two doubles, Shewchuk's expansions (a sum kept exactly as non-overlapping doubles,
 * the algorithm of Python's math.fsum), and rationals in BigInt rounded once to the nearest double.
 * JavaScript has no fused multiply-add, so products are split the Dekker/Veltkamp way.
 */

/** 2^27 + 1: splits a double's 53-bit significand into two halves of at most 26 bits. */
const SPLITTER = 134_217_729;

/**
 * The rounding error of the product `a·b`, given `product` = fl(a·b): a·b = product + error exactly
 * (Dekker's two-product; valid while nothing overflows or underflows, |a|, |b| < 2^995).
 */
export function productError(a: number, b: number, product: number): number {
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  return aLow * bLow - (product - aHigh * bHigh - aLow * bHigh - aHigh * bLow);
}

/**
 * Adds `x` to an expansion in place: `parts` are non-overlapping doubles in increasing magnitude
 * whose exact sum is the value (Shewchuk 1997; Python's msum). Each two-sum is error-free, so
 * the expansion holds the exact sum of everything added, whatever the order; it never grows past
 * a few dozen parts (the doubles' whole exponent range), usually one to three.
 */
export function growExpansion(parts: number[], x: number): void {
  let kept = 0;
  let carry = x;
  for (let i = 0; i < parts.length; i++) {
    let y = parts[i] as number;
    if (Math.abs(carry) < Math.abs(y)) {
      const swap = carry;
      carry = y;
      y = swap;
    }
    const high = carry + y;
    const low = y - (high - carry);
    if (low !== 0) parts[kept++] = low;
    carry = high;
  }
  parts[kept] = carry;
  parts.length = kept + 1;
}

/** A rational number in BigInt: num / den with den > 0 (never reduced: only rounded once, at the end). */
export interface Fraction {
  num: bigint;
  den: bigint;
}

function fractionOfInteger(value: bigint): Fraction {
  return { num: value, den: 1n };
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  if (a.num === 0n) return b;
  if (b.num === 0n) return a;
  if (a.den === b.den) return { num: a.num + b.num, den: a.den };
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

export function subtractFractions(a: Fraction, b: Fraction): Fraction {
  return addFractions(a, { num: -b.num, den: b.den });
}

export function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function divideFractions(a: Fraction, b: Fraction): Fraction {
  if (b.num === 0n) throw new RangeError('division of a fraction by zero');
  const sign = b.num < 0n ? -1n : 1n;
  return { num: a.num * b.den * sign, den: a.den * b.num * sign };
}

export function compareFractions(a: Fraction, b: Fraction): number {
  const difference = a.num * b.den - b.num * a.den;
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

// A double's bits, read through these views within one call: nothing lives in them between calls.
const float = new Float64Array(1);
const bits = new BigUint64Array(float.buffer);

/** A finite double as the exact fraction it is: significand × 2^exponent. */
export function fractionOfDouble(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isSafeInteger(x)) return fractionOfInteger(BigInt(x));
  float[0] = x;
  const word = bits[0] as bigint;
  const biased = Number((word >> 52n) & 0x7ffn);
  const fraction = word & 0xf_ffff_ffff_ffffn;
  const significand = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const signed = word >> 63n === 1n ? -significand : significand;
  return exponent >= 0 ? fractionOfInteger(signed << BigInt(exponent)) : { num: signed, den: 1n << BigInt(-exponent) };
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/**
 * The double nearest to the fraction, ties to even: correctly rounded, so the result depends on
 * the exact value alone. The quotient is taken with at least 55 significant bits and a sticky bit
 * for any remainder, and Number(bigint) rounds that once, to nearest-even. (Results below 2^-1022,
 * subnormal, may round twice; no value xla reports comes near.)
 */
export function roundFraction({ num, den }: Fraction): number {
  if (num === 0n) return 0;
  const isNegative = num < 0n;
  const magnitude = isNegative ? -num : num;
  const shift = 55 - (bitLength(magnitude) - bitLength(den));
  let quotient: bigint;
  let remainder: bigint;
  if (shift >= 0) {
    const scaled = magnitude << BigInt(shift);
    quotient = scaled / den;
    remainder = scaled % den;
  } else {
    const divisor = den << BigInt(-shift);
    quotient = magnitude / divisor;
    remainder = magnitude % divisor;
  }
  if (remainder !== 0n) quotient |= 1n;
  const rounded = scaleByPowerOfTwo(Number(quotient), -shift);
  return isNegative ? -rounded : rounded;
}

/** x·2^exponent, in steps that keep each power of two a normal double. */
function scaleByPowerOfTwo(x: number, exponent: number): number {
  let result = x;
  let left = exponent;
  while (left > 1000) {
    result *= 2 ** 1000;
    left -= 1000;
  }
  while (left < -1000) {
    result *= 2 ** -1000;
    left += 1000;
  }
  return result * 2 ** left;
}
