/**
 * Sorting the values of exact percentiles in place, in the order Float64Array#sort leaves them
 * (numeric, −0 before +0), about five times faster than it on the arrays a ValueBuffer holds.
 *
 * Why not `Float64Array#sort`: V8's is a comparison sort, and at 10M rows it was most of the tail
 * of a run (bench/RESULTS.md, "Radix sort"). This is an LSD radix sort on the bits: a double's bits, with the sign bit flipped for
 * positives and every bit flipped for negatives, order as unsigned integers exactly as the
 * numbers do (−0 just before +0, ±Infinity at the ends). Six passes of 11 bits, each skipped when
 * every value has the same digit there — whole numbers of seconds leave the low mantissa bits
 * zero, so durations usually need three (bench/RESULTS.md, "Radix sort").
 */

/** Below this, the comparison sort wins: the radix sort's fixed cost is its 12,288 counters. */
const RADIX_FROM = 256;

const DIGIT_BITS = 11;
const RADIX = 1 << DIGIT_BITS;
const DIGIT_MASK = RADIX - 1;
const PASSES = 6;
const SIGN = 0x80000000;

/** Where each 32-bit half of a double sits in a Uint32Array over its bytes (constants of the machine: module-level). */
const IS_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const LOW = IS_LITTLE_ENDIAN ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * The counters of the six digits and a second buffer to move values into, made on first need and
 * reused by every sort given the same scratch: a caller sorting many arrays in a row (a buffer's
 * parts) makes one and lets it go after. Nothing is kept between callers, so two runs in one
 * process never share one.
 */
export class SortScratch {
  #counts: Uint32Array | undefined;
  #spare = new Uint32Array(0);

  /** The digit counters, to be zeroed by the sort that uses them. */
  counts(): Uint32Array {
    return (this.#counts ??= new Uint32Array(PASSES * RADIX));
  }

  /** Room for n values to move into. */
  spareFor(n: number): Uint32Array {
    if (this.#spare.length < 2 * n) this.#spare = new Uint32Array(2 * n);
    return this.#spare.subarray(0, 2 * n);
  }
}

/**
 * Sorts `values` in place into the order `values.sort()` gives. The values must not be NaN
 * (a ValueBuffer never holds one): the radix order would put a NaN with its sign bit set first.
 */
export function sortNumbers(values: Float64Array, scratch: SortScratch = new SortScratch()): void {
  const n = values.length;
  if (n < RADIX_FROM) {
    values.sort();
    return;
  }
  const counts = scratch.counts();
  const home = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let source = home;
  let target = scratch.spareFor(n);
  toOrderedBits(source, n, counts);
  for (let pass = 0; pass < PASSES; pass++) {
    if (!toOffsets(counts, pass, n)) continue;
    scatter(source, target, n, pass, counts);
    [source, target] = [target, source];
  }
  // After an odd number of passes the values are in the scratch buffer: copy them home.
  if (source !== home) home.set(source);
  fromOrderedBits(home, n);
}

/** Turns each double's bits into an unsigned key of the same order, and counts every digit of every key. */
function toOrderedBits(words: Uint32Array, n: number, counts: Uint32Array): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    let low = words[2 * i + LOW] as number;
    let high = words[2 * i + HIGH] as number;
    if (high >= SIGN) {
      low = ~low >>> 0;
      high = ~high >>> 0;
    } else {
      high = (high | SIGN) >>> 0;
    }
    words[2 * i + LOW] = low;
    words[2 * i + HIGH] = high;
    (counts[low & DIGIT_MASK] as number)++;
    (counts[RADIX + ((low >>> 11) & DIGIT_MASK)] as number)++;
    (counts[2 * RADIX + (((low >>> 22) | (high << 10)) & DIGIT_MASK)] as number)++;
    (counts[3 * RADIX + ((high >>> 1) & DIGIT_MASK)] as number)++;
    (counts[4 * RADIX + ((high >>> 12) & DIGIT_MASK)] as number)++;
    (counts[5 * RADIX + (high >>> 23)] as number)++;
  }
}

function fromOrderedBits(words: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const low = words[2 * i + LOW] as number;
    const high = words[2 * i + HIGH] as number;
    if (high >= SIGN) {
      words[2 * i + HIGH] = (high & ~SIGN) >>> 0;
    } else {
      words[2 * i + LOW] = ~low >>> 0;
      words[2 * i + HIGH] = ~high >>> 0;
    }
  }
}

/** Turns a pass's digit counts into the offsets its values go to; false when one digit holds them all (nothing to do). */
function toOffsets(counts: Uint32Array, pass: number, n: number): boolean {
  const base = pass * RADIX;
  let offset = 0;
  for (let digit = 0; digit < RADIX; digit++) {
    const count = counts[base + digit] as number;
    if (count === n) return false;
    counts[base + digit] = offset;
    offset += count;
  }
  return true;
}

/** Moves every key to its place by the pass's digit: bits 0–10 and 11–21 of the low half, 22–32 across the halves, then the high half's. */
function scatter(source: Uint32Array, target: Uint32Array, n: number, pass: number, counts: Uint32Array): void {
  const base = pass * RADIX;
  if (pass < 2) {
    const shift = pass * DIGIT_BITS;
    for (let i = 0; i < n; i++) {
      const low = source[2 * i + LOW] as number;
      const at = (counts[base + ((low >>> shift) & DIGIT_MASK)] as number)++;
      target[2 * at + LOW] = low;
      target[2 * at + HIGH] = source[2 * i + HIGH] as number;
    }
  } else if (pass === 2) {
    for (let i = 0; i < n; i++) {
      const low = source[2 * i + LOW] as number;
      const high = source[2 * i + HIGH] as number;
      const at = (counts[base + (((low >>> 22) | (high << 10)) & DIGIT_MASK)] as number)++;
      target[2 * at + LOW] = low;
      target[2 * at + HIGH] = high;
    }
  } else {
    const shift = pass * DIGIT_BITS - 32;
    for (let i = 0; i < n; i++) {
      const high = source[2 * i + HIGH] as number;
      const at = (counts[base + ((high >>> shift) & DIGIT_MASK)] as number)++;
      target[2 * at + LOW] = source[2 * i + LOW] as number;
      target[2 * at + HIGH] = high;
    }
  }
}
