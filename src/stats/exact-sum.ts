/**
 * Exact, order-free sums for means, rates and totals (issue 16: a verdict flipped with row order
 * and with `--jobs`). A floating-point running sum rounds at every step, so its last digit depends
 * on the order of the values; compensated (Kahan) sums only make that rarer. Here a sum is kept
 * EXACTLY and rounded once, at the end, to the double nearest to it — a function of the multiset
 * of values alone, so no row order, cut or merge order can change a single bit.
 *
 * What is summed exactly is each value as it was written. A file says `4.1`, the reader holds the
 * nearest double 4.0999999999999996447…; twelve of those do not sum to 49.2, and the mean of
 * `4.1, 4.5, 3.7 …` whose decimals average exactly 4.1 would miss a `>= 4.1` target about one
 * time in four. So a value is read back as the decimal with the fewest places (up to MAX_PLACES)
 * whose nearest double it is — `m / 10^k`, m an integer — and those integers are summed at a common
 * number of places. A value with no such reading (a computed 1/3) is summed as the binary number
 * it is, exactly too. The mean of 4.1 ×12 is then exactly 49.2/12, and rounds to the same double as
 * the threshold `4.1`.
 *
 * The common case costs a multiply, a round, a divide and a two-sum: the integers are kept as
 * `units + low`, the running sum and the exact rounding errors of adding to it (Knuth's two-sum),
 * which holds any total of up to ~2^106 with no array. Only past that (or for values with more
 * places than the sum had, or with no decimal reading) does a sum touch an array: the exact
 * expansions `wide` and `binary`; finishing such a sum goes through BigInt once. States are plain
 * objects and arrays of numbers, so they cross worker threads by structured clone
 * (scorecard/snapshot.ts).
 */
import {
  addFractions,
  compareFractions,
  divideFractions,
  fractionOfDouble,
  growExpansion,
  multiplyFractions,
  productError,
  roundFraction,
} from './exact-arithmetic.js';
import type { Fraction } from './exact-arithmetic.js';

export interface ExactSum {
  /** Decimal places of the integers: the decimal values sum to (units + low + Σwide) / 10^places. */
  places: number;
  /** The running sum of the decimal values × 10^places: an integer-valued double, rounded past 2^53… */
  units: number;
  /** …and the exact errors of those roundings, an integer below 2^53. */
  low: number;
  /** Integers that did not fit in `low` (a sum past ~2^106): an exact expansion (exact-arithmetic.ts). */
  wide: number[];
  /** Values without a short decimal reading, summed exactly as the binary numbers they are. */
  binary: number[];
  /**
   * Binary values (and products) of magnitude 2^900 and more, each × 2^-1200, exactly: no part of
   * a sum can then overflow, so 1e308 + 1e308 − 1e308 is 1e308 in every order, not Infinity in some.
   */
  huge: number[];
}

/** The most decimal places a value is read with (0.000000000000001); past it a value is binary. */
const MAX_PLACES = 15;

/** From this magnitude on a binary value is kept in `huge`, scaled down by 2^-HUGE_SHIFT. */
const HUGE = 2 ** 900;
/** Half the scaling of `huge`, applied to each factor of a product (2^-1200 itself is 0 as a double). */
const HALF_SHIFT = 2 ** -600;
const HUGE_SHIFT = 1200n;
/** The split of a two-product overflows past this: a larger factor is rebalanced first. */
const SPLIT_LIMIT = 2 ** 995;

/**
 * The largest |m| of a reading m / 10^k. Below it the double's rounding interval is under a quarter
 * of 10^-k wide, so at most one integer m reads back as the value — at any number of places the
 * sum uses — and fl(x·10^k) is within a quarter of m, so Math.round finds it.
 */
const MAX_UNITS = 2 ** 50;

/** Integers up to here are exact doubles, and so is a sum of two that stays below it. */
const EXACT_LIMIT = 2 ** 53;

/** 10^k, exact as doubles up to 10^22 (read from text, which rounds correctly: no pow() in the way). */
export const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const MAX_EXACT_POWER = POWERS_OF_TEN.length - 1;

export function createExactSum(): ExactSum {
  return { places: 0, units: 0, low: 0, wide: [], binary: [], huge: [] };
}

/** Below this, `| 0` rounds a double to an integer in one instruction (Math.round is a call). */
const INT32_LIMIT = 2 ** 31;

/** The powers a value is read at: none past MAX_PLACES. */
const READING_POWERS: readonly number[] = POWERS_OF_TEN.slice(0, MAX_PLACES + 1);

/**
 * x × 10^places when that is an integer m (|m| ≤ 2^50) whose nearest double at those places is x;
 * NaN otherwise. The one test of the hot path. The candidate m only has to be right when x has
 * such a reading (the division checks it), so the cheapest rounding at hand serves. A sum past
 * MAX_PLACES (products of many places) reads no value at its places: x must be read exactly as
 * `readDecimal` reads it, or a value with no reading up to MAX_PLACES would be decimal in a sum
 * that a product reached first and binary in one it did not — a last bit that followed row order.
 */
export function unitsAt(x: number, places: number): number {
  // Whole answers and counts, the commonest case: no rounding at all.
  if (places === 0 && (x | 0) === x) return x;
  const power = READING_POWERS[places] ?? Number.NaN;
  const scaled = x * power;
  const units = Math.abs(scaled) < INT32_LIMIT ? (scaled + (scaled < 0 ? -0.5 : 0.5)) | 0 : Math.round(scaled);
  return units / power === x && Math.abs(units) <= MAX_UNITS ? units : Number.NaN;
}

/** A value's decimal reading: the fewest places k at which it is m / 10^k, or undefined (binary). */
export function readDecimal(x: number): { units: number; places: number } | undefined {
  for (let places = 0; places <= MAX_PLACES; places++) {
    const power = POWERS_OF_TEN[places] as number;
    const units = Math.round(x * power);
    // More places only make |x·10^k| larger: no reading further on either.
    if (!(Math.abs(units) <= MAX_UNITS)) return undefined;
    if (units / power === x) return { units, places };
  }
  return undefined;
}

/**
 * Adds one value (the hot path: no allocation unless the value has more places than the sum).
 * A whole number into a whole sum below 2^53 — counts, sessions — is one add, written out here
 * because V8 does not inline the general path into every caller.
 */
export function addExact(sum: ExactSum, x: number): void {
  if (sum.places === 0 && (x | 0) === x) {
    const next = sum.units + x;
    if (Math.abs(next) < EXACT_LIMIT) {
      sum.units = next;
      return;
    }
  }
  const units = unitsAt(x, sum.places);
  if (Number.isNaN(units)) addExactSlowly(sum, x);
  else addScaledUnits(sum, units);
}

function addExactSlowly(sum: ExactSum, x: number): void {
  const reading = readDecimal(x);
  if (reading === undefined) addBinary(sum, x);
  else addUnits(sum, reading.units, reading.places);
}

/** A value with no decimal reading, exactly, into `binary` or, scaled, into `huge`. */
export function addBinary(sum: ExactSum, x: number): void {
  if (Math.abs(x) < HUGE) growExpansion(sum.binary, x);
  else growExpansion(sum.huge, x * HALF_SHIFT * HALF_SHIFT);
}

/**
 * x·w exactly, as the binary numbers they are: the rounded product and its error (two-product).
 * A product of 2^900 or more goes to `huge`, each factor scaled by 2^-600 (exact: the smaller is
 * then at least 2^-724); a smaller product with a factor too large to split moves 2^600 from
 * one factor to the other (exact too). Products below 2^-969 lose bits in the error, the same
 * bits in any order.
 */
export function addBinaryProduct(sum: ExactSum, x: number, w: number): void {
  const product = x * w;
  if (!(Math.abs(product) < HUGE)) {
    const a = x * HALF_SHIFT;
    const b = w * HALF_SHIFT;
    const scaled = a * b;
    growExpansion(sum.huge, scaled);
    growExpansion(sum.huge, productError(a, b, scaled));
    return;
  }
  let a = x;
  let b = w;
  if (Math.abs(a) > SPLIT_LIMIT) [a, b] = [a * HALF_SHIFT, b / HALF_SHIFT];
  else if (Math.abs(b) > SPLIT_LIMIT) [a, b] = [a / HALF_SHIFT, b * HALF_SHIFT];
  growExpansion(sum.binary, product);
  growExpansion(sum.binary, productError(a, b, product));
}

/**
 * Adds x·w exactly, each read as `addExact` reads it (a bounce rate weighted by its sessions, a
 * composite score by its weight). When either has no decimal reading, the binary product is
 * added exactly instead.
 */
export function addExactProduct(sum: ExactSum, x: number, w: number): void {
  const a = readDecimal(x);
  const b = readDecimal(w);
  if (a === undefined || b === undefined) {
    addBinaryProduct(sum, x, w);
    return;
  }
  const product = a.units * b.units;
  addUnits(sum, product, a.places + b.places);
  addUnits(sum, productError(a.units, b.units, product), a.places + b.places);
}

/**
 * Adds the integer `units` (an integer-valued double of any size) at `places` decimal places:
 * the sum moves to more places when needed, or the amount is scaled up to the sum's.
 */
export function addUnits(sum: ExactSum, units: number, places: number): void {
  if (units === 0) return;
  if (places > sum.places) moveToPlaces(sum, places);
  if (places === sum.places) addScaledUnits(sum, units);
  else for (const part of scaleExactly(units, sum.places - places)) addScaledUnits(sum, part);
}

/**
 * Adds an integer already at the sum's places: units takes the rounded sum, low the exact error
 * (two-sum; for integers the error is an integer, 0 while the total is below 2^53).
 */
export function addScaledUnits(sum: ExactSum, units: number): void {
  const before = sum.units;
  const high = before + units;
  sum.units = high;
  // Integers below 2^53 add exactly: the two-sum is needed only past it.
  if (Math.abs(high) < EXACT_LIMIT) return;
  const bent = high - before;
  const error = before - (high - bent) + (units - bent);
  if (error === 0) return;
  const low = sum.low + error;
  if (Math.abs(low) < EXACT_LIMIT) {
    sum.low = low;
    return;
  }
  growExpansion(sum.wide, sum.low);
  growExpansion(sum.wide, error);
  sum.low = 0;
}

/** integer × 10^k as integer parts that add up to it exactly (two-products, 10^22 at a time). */
function scaleExactly(units: number, k: number): number[] {
  let parts = [units];
  for (let left = k; left > 0; left -= MAX_EXACT_POWER) {
    const power = POWERS_OF_TEN[Math.min(left, MAX_EXACT_POWER)] as number;
    parts = parts.flatMap((part) => {
      const product = part * power;
      const error = productError(part, power, product);
      return error === 0 ? [product] : [product, error];
    });
  }
  return parts;
}

/** Rewrites the integers at more places (×10^k exactly): a value with more places arrived. */
function moveToPlaces(sum: ExactSum, places: number): void {
  const parts = [sum.units, sum.low, ...sum.wide].flatMap((part) => scaleExactly(part, places - sum.places));
  sum.places = places;
  sum.units = 0;
  sum.low = 0;
  sum.wide = [];
  for (const part of parts) if (part !== 0) addScaledUnits(sum, part);
}

/**
 * Folds b into a and returns a; b is left untouched. a takes b's places even when b's integers
 * are all 0 (0.001 − 0.001), so that merged sums keep the places of everything they hold.
 */
export function mergeExactSum(a: ExactSum, b: ExactSum): ExactSum {
  if (b.places > a.places) moveToPlaces(a, b.places);
  addUnits(a, b.units, b.places);
  addUnits(a, b.low, b.places);
  for (const part of b.wide) addUnits(a, part, b.places);
  for (const part of b.binary) growExpansion(a.binary, part);
  for (const part of b.huge) growExpansion(a.huge, part);
  return a;
}

/** Whether the sum is all in `units`, a safe integer (no BigInt needed to finish it). */
export function isCompact(sum: ExactSum): boolean {
  return sum.low === 0 && Math.abs(sum.units) < EXACT_LIMIT && sum.wide.length === 0 && sum.binary.length === 0 && sum.huge.length === 0;
}

/** The exact value as a fraction. */
export function fractionOfSum(sum: ExactSum): Fraction {
  let integer = BigInt(sum.units) + BigInt(sum.low);
  for (const part of sum.wide) integer += BigInt(part);
  let value: Fraction = { num: integer, den: 10n ** BigInt(sum.places) };
  for (const part of sum.binary) value = addFractions(value, fractionOfDouble(part));
  for (const part of sum.huge) {
    const { num, den } = fractionOfDouble(part);
    value = addFractions(value, { num: num << HUGE_SHIFT, den });
  }
  return value;
}

/** The sum rounded once: the double nearest to the exact sum (±Infinity past the largest double). */
export function roundSum(sum: ExactSum): number {
  if (isCompact(sum) && sum.places <= MAX_EXACT_POWER) return sum.units / (POWERS_OF_TEN[sum.places] as number) + 0;
  return roundFraction(fractionOfSum(sum));
}

/** A count as a sum, to divide by. */
export function exactCount(n: number): ExactSum {
  return { places: 0, units: n, low: 0, wide: [], binary: [], huge: [] };
}

/** factor × numerator / denominator rounded once (a mean: sum / n; a rate: 100·x / n); null when the denominator is 0. */
export function roundQuotient(numerator: ExactSum, denominator: ExactSum, factor = 1): number | null {
  if (isCompact(numerator) && isCompact(denominator)) {
    if (denominator.units === 0) return null;
    // factor·u₁·10^p₂ / (u₂·10^p₁): one correctly rounded division when both sides are exact integers.
    const top = exactProduct(exactProduct(factor, numerator.units), POWERS_OF_TEN[denominator.places]);
    const bottom = exactProduct(denominator.units, POWERS_OF_TEN[numerator.places]);
    if (top !== undefined && bottom !== undefined) return top / bottom + 0;
  }
  const below = fractionOfSum(denominator);
  if (below.num === 0n) return null;
  return roundFraction(multiplyFractions(divideFractions(fractionOfSum(numerator), below), fractionOfDouble(factor)));
}

/** a·b when both are integers and the product is an exact double below 2^53, else undefined. */
export function exactProduct(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined || !Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return undefined;
  const product = a * b;
  return Math.abs(product) < EXACT_LIMIT ? product : undefined;
}

/** −1, 0 or 1 as the exact sum is negative, zero or positive. */
export function signOfSum(sum: ExactSum): number {
  if (isCompact(sum)) return Math.sign(sum.units);
  const { num } = fractionOfSum(sum);
  return num > 0n ? 1 : num < 0n ? -1 : 0;
}

/** −1, 0 or 1 as a < b, a = b, a > b, exactly. */
export function compareSums(a: ExactSum, b: ExactSum): number {
  if (isCompact(a) && isCompact(b) && a.places === b.places) return Math.sign(a.units - b.units);
  return compareFractions(fractionOfSum(a), fractionOfSum(b));
}

/** A plain decimal as SQL engines print an exact sum: sign, digits, optional fraction. */
const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** Decimal places of a plain decimal text; undefined when it is none. */
export function placesOfDecimalText(text: string): number | undefined {
  const match = DECIMAL_TEXT.exec(text);
  return match === null ? undefined : (match[3] ?? '').length;
}

/** 2^52: integers below it are exact doubles, and so is each chunk times a power of it (up to ~2^1020). */
const CHUNK = 2n ** 52n;

/**
 * The exact sum whose value is the decimal text (an engine's exact SUM, e.g. `1234.500000`), at
 * `places` decimal places (at least the text's): the same value an ExactSum of the values would
 * hold, whatever the size of the digits. Undefined when the text is no plain decimal or has more
 * places than asked.
 */
export function exactSumOfDecimalText(text: string, places: number): ExactSum | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? '';
  if (fraction.length > places) return undefined;
  let rest = BigInt(`${match[2] ?? '0'}${fraction.padEnd(places, '0')}`);
  const sign = match[1] === '-' ? -1 : 1;
  const sum = createExactSum();
  sum.places = places;
  // Chunk k stands for chunk × 2^(52k): each an exact double, added exactly.
  for (let scale = 1; rest > 0n; scale *= 2 ** 52) {
    const chunk = Number(rest % CHUNK);
    if (!Number.isFinite(scale)) return undefined;
    if (chunk !== 0) addScaledUnits(sum, sign * chunk * scale);
    rest /= CHUNK;
  }
  return sum;
}
