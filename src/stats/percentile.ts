/**
 * Exact percentiles: a compact numeric buffer and Hyndman–Fan type 7 interpolation (metrics.md
 * §6.1), the method Excel PERCENTILE.INC, Sheets, numpy, pandas, R and SQL percentile_cont share.
 */

/**
 * The type-7 p-quantile of ascending values, p in [0, 1]: h = (n − 1)·p, then linear
 * interpolation between x⌊h⌋ and x⌊h⌋+1. Empty → null. {1,2,3,4} at 0.3 → 1.9.
 * Throws RangeError for p outside [0, 1] (a caller bug: percentile ids are validated upstream).
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const index = Math.floor(h);
  const low = sorted[index] ?? Number.NaN;
  const fraction = h - index;
  if (fraction === 0 || index + 1 >= n) return low;
  const high = sorted[index + 1] ?? Number.NaN;
  if (low === high) return low;
  // Clamped so that rounding can never carry the result past a neighbour: this keeps the
  // function monotone in p and inside [min, max] exactly, not just approximately.
  return Math.min(high, Math.max(low, low + fraction * (high - low)));
}

const INITIAL_CAPACITY = 16;

/**
 * A growable Float64Array (capacity doubles, starting at 16): 8 bytes a value, no boxed numbers,
 * which keeps memory flat when a percentile metric sees millions of rows.
 *
 * `sorted()` sorts in place and remembers it, so a buffer is never held twice; the insertion
 * order is lost from then on (percentiles do not need it). `push` and `append` may reallocate, so
 * arrays returned by `values()` or `sorted()` are views valid until the next push or append.
 */
export class ValueBuffer {
  private data: Float64Array;
  private size = 0;
  private isSorted = true;

  constructor(initialCapacity: number = INITIAL_CAPACITY) {
    this.data = new Float64Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  /** Adds one value. NaN is rejected: a missing value is dropped upstream, never stored. */
  push(x: number): void {
    if (Number.isNaN(x)) throw new RangeError('ValueBuffer holds numbers only; NaN means missing and must be dropped');
    if (this.size === this.data.length) this.growTo(this.size + 1);
    if (this.isSorted && this.size > 0 && x < (this.data[this.size - 1] ?? x)) this.isSorted = false;
    this.data[this.size] = x;
    this.size += 1;
  }

  /** Appends every value of other (merging two groups' buffers); other is left untouched. */
  append(other: ValueBuffer): void {
    const incoming = other.values();
    if (incoming.length === 0) return;
    const needed = this.size + incoming.length;
    if (needed > this.data.length) this.growTo(needed);
    this.data.set(incoming, this.size);
    this.size = needed;
    this.isSorted = false;
  }

  /** The filled part, in insertion order unless `sorted()` has run since. A view, not a copy. */
  values(): Float64Array {
    return this.data.subarray(0, this.size);
  }

  /** The values in ascending order: sorts in place (once) and returns a view. */
  sorted(): Float64Array {
    const view = this.values();
    if (!this.isSorted) {
      view.sort();
      this.isSorted = true;
    }
    return view;
  }

  private growTo(minimum: number): void {
    let capacity = this.data.length * 2;
    while (capacity < minimum) capacity *= 2;
    const next = new Float64Array(capacity);
    next.set(this.values());
    this.data = next;
  }
}
