/**
 * Exact percentiles: a compact numeric buffer and Hyndman–Fan type 7 interpolation (metrics.md
 * §6.1), the method Excel PERCENTILE.INC, Sheets, numpy, pandas, R and SQL percentile_cont share.
 */
import { SortScratch, sortNumbers } from './sort-numbers.js';

/**
 * The type-7 p-quantile of ascending values, p in [0, 1]: h = (n − 1)·p, then linear
 * interpolation between x⌊h⌋ and x⌊h⌋+1. Empty → null. {1,2,3,4} at 0.3 → 1.9.
 * Throws RangeError for p outside [0, 1] (a caller bug: percentile ids are validated upstream).
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  return typeSevenQuantile(sorted.length, p, (rank) => sorted[rank] ?? Number.NaN);
}

/**
 * The type-7 formula over n ascending values read by 0-based rank, so a sorted array and a set of
 * sorted runs share it exactly. `valueAt` is called for rank ⌊h⌋ and, when needed, ⌊h⌋ + 1 only.
 */
function typeSevenQuantile(n: number, p: number, valueAt: (rank: number) => number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be in [0, 1], got ${p}`);
  if (n === 0) return null;
  const h = (n - 1) * p;
  const index = Math.floor(h);
  const low = valueAt(index);
  const fraction = h - index;
  if (fraction === 0 || index + 1 >= n) return low;
  const high = valueAt(index + 1);
  if (low === high) return low;
  // Clamped so that rounding can never carry the result past a neighbour: this keeps the
  // function monotone in p and inside [min, max] exactly, not just approximately.
  return Math.min(high, Math.max(low, low + fraction * (high - low)));
}

/**
 * The order Float64Array#sort uses: numeric, with −0 before +0. Selection follows it so a quantile
 * picks the very value (sign of zero included) the sorted concatenation would hold at that rank.
 */
function precedes(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && Object.is(a, -0) && !Object.is(b, -0));
}

/** Whether a typed array holds a NaN, else whether it is in the order its `sort()` leaves it: one pass. */
function checkOrder(values: Float64Array): 'has NaN' | 'ascending' | 'unsorted' {
  let isAscending = true;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    // The common case, one comparison; equal values, NaN and the first −∞ take the slow path.
    if (value > previous) {
      previous = value;
      continue;
    }
    if (value !== value) return 'has NaN';
    if (i > 0 && precedes(value, previous)) isAscending = false;
    previous = value;
  }
  return isAscending ? 'ascending' : 'unsorted';
}

/** The first index in [low, high) of an ascending array where `isLeft` turns false. */
export function partitionPoint(sorted: Float64Array, low: number, high: number, isLeft: (value: number) => boolean): number {
  let start = low;
  let end = high;
  while (start < end) {
    const middle = (start + end) >>> 1;
    if (isLeft(sorted[middle] ?? Number.NaN)) start = middle + 1;
    else end = middle;
  }
  return start;
}

/**
 * The end of the values in [low, high) of an ascending array that precede `pivot` (or, with
 * `withEqual`, that do not come after it): one binary search, comparing inline. `partitionPoint`
 * with a callback gives the same answer; selection calls this thousands of times a round, where
 * the callback cost a fifth of the time (bench/RESULTS.md, "Inline pivot search").
 */
function searchPivot(sorted: Float64Array, low: number, high: number, pivot: number, withEqual: boolean): number {
  let start = low;
  let end = high;
  while (start < end) {
    const middle = (start + end) >>> 1;
    const value = sorted[middle] as number;
    if (withEqual ? !precedes(pivot, value) : precedes(value, pivot)) start = middle + 1;
    else end = middle;
  }
  return start;
}

function sum(numbers: readonly number[]): number {
  return numbers.reduce((total, x) => total + x, 0);
}

/**
 * The value of 0-based rank k in the union of ascending parts (k < total length), without merging
 * them. Each part keeps a window [low, high) that still may hold the answer; a round counts the
 * values before and up to a pivot in every part by binary search and shrinks the windows to one
 * side. O(m·log n) a round and O(log N) rounds for m parts of up to n values, N in all. The
 * windows and scratch space are typed arrays, and the searches compare inline (bench/RESULTS.md,
 * "Inline pivot search").
 */
function selectRank(parts: readonly Float64Array[], k: number): number {
  const count = parts.length;
  const low = new Float64Array(count);
  const high = Float64Array.from(parts, (part) => part.length);
  const before = new Float64Array(count);
  const upTo = new Float64Array(count);
  const pivots = new Float64Array(count);
  const weights = new Float64Array(count);
  /** Values before every window: all of them precede the answer. */
  let skipped = 0;
  for (;;) {
    const pivot = weightedMedianOfMedians(parts, low, high, pivots, weights);
    // Values outside a window are known to be before or after every window value, so searching
    // inside the windows gives the same counts as searching the whole parts.
    let beforeTotal = skipped;
    let upToTotal = skipped;
    for (let i = 0; i < count; i += 1) {
      const part = parts[i] as Float64Array;
      const start = searchPivot(part, low[i] as number, high[i] as number, pivot, false);
      const end = searchPivot(part, start, high[i] as number, pivot, true);
      before[i] = start;
      upTo[i] = end;
      beforeTotal += start - (low[i] as number);
      upToTotal += end - (low[i] as number);
    }
    if (k < beforeTotal) {
      high.set(before);
    } else if (k >= upToTotal) {
      skipped = upToTotal;
      low.set(upTo);
    } else {
      return pivot;
    }
  }
}

/**
 * A pivot for selection: the median of the window medians weighted by window size. At least a
 * quarter of the remaining values lie on each side of it, so every round drops a quarter of them.
 * `values` and `weights` are scratch space, one slot a part.
 */
function weightedMedianOfMedians(
  parts: readonly Float64Array[],
  low: Float64Array,
  high: Float64Array,
  values: Float64Array,
  weights: Float64Array,
): number {
  let windows = 0;
  let total = 0;
  for (let i = 0; i < parts.length; i += 1) {
    const start = low[i] as number;
    const end = high[i] as number;
    if (start >= end) continue;
    values[windows] = (parts[i] as Float64Array)[(start + end) >>> 1] as number;
    weights[windows] = end - start;
    total += end - start;
    windows += 1;
  }
  return weightedMedian(values.subarray(0, windows), weights.subarray(0, windows), total / 2);
}

/**
 * The least value whose weight, with the weights of the values before it, reaches `half`: a
 * quickselect on weights instead of a sort, the windows' medians being in no order. Reorders
 * `values` and `weights` together.
 */
function weightedMedian(values: Float64Array, weights: Float64Array, half: number): number {
  let start = 0;
  let end = values.length;
  let need = half;
  for (;;) {
    if (end - start === 1) return values[start] as number;
    const pivot = values[(start + end) >>> 1] as number;
    // Three-way partition of [start, end): before the pivot, equal to it, after it.
    let lt = start;
    let gt = end;
    let i = start;
    let beforeWeight = 0;
    let equalWeight = 0;
    while (i < gt) {
      const value = values[i] as number;
      if (precedes(value, pivot)) {
        beforeWeight += weights[i] as number;
        swap(values, weights, i, lt);
        lt += 1;
        i += 1;
      } else if (precedes(pivot, value)) {
        gt -= 1;
        swap(values, weights, i, gt);
      } else {
        equalWeight += weights[i] as number;
        i += 1;
      }
    }
    if (need <= beforeWeight) end = lt;
    else if (need <= beforeWeight + equalWeight) return pivot;
    else {
      need -= beforeWeight + equalWeight;
      start = gt;
    }
  }
}

function swap(values: Float64Array, weights: Float64Array, i: number, j: number): void {
  const value = values[i] as number;
  values[i] = values[j] as number;
  values[j] = value;
  const weight = weights[i] as number;
  weights[i] = weights[j] as number;
  weights[j] = weight;
}

/**
 * The value of rank k + 1 in the union of ascending parts, given that rank k holds `value`: that
 * value again when more than k + 1 values are not after it, else the least value after it — the
 * first value past it in one of the parts. One binary search a part instead of a selection.
 */
function rankAfter(parts: readonly Float64Array[], k: number, value: number): number {
  let notAfter = 0;
  let next = Number.NaN;
  for (const part of parts) {
    const end = searchPivot(part, 0, part.length, value, true);
    notAfter += end;
    const candidate = part[end];
    if (candidate !== undefined && (Number.isNaN(next) || precedes(candidate, next))) next = candidate;
  }
  return notAfter > k + 1 ? value : next;
}

const INITIAL_CAPACITY = 16;
/**
 * Values per storage chunk once a buffer is past this size (32 KiB): a big buffer grows by whole
 * chunks, never by copying, and wastes at most one chunk.
 */
const CHUNK = 4096;

/**
 * A growable store of numbers in Float64Arrays: 8 bytes a value, no boxed numbers, which keeps
 * memory flat when a percentile metric sees millions of rows. Small buffers double (from 16);
 * past CHUNK values they grow by whole chunks, so millions of values cost their 8 bytes each plus
 * at most one chunk, and neither growing nor reading ever copies them: queries sort each chunk in
 * place and treat the chunks as sorted runs, as they treat merged buffers.
 *
 * Merging copies nothing: `append(other)` keeps a reference to other's values as a *run* instead of
 * copying them, so the scorecard's overall, per-period and per-segment groups all share the cells'
 * arrays. The queries (`quantile`, `countBelow`, `countAtMost`) work over the buffer's own values
 * and its runs without building a merged copy, sorting each array in place at most once (the
 * buffer remembers it): insertion order is lost from then on, only the multiset matters.
 */
export class ValueBuffer {
  private data: Float64Array<ArrayBuffer>;
  private size = 0;
  /** Full chunks before `data`, in order. */
  private chunks: Float64Array<ArrayBuffer>[] = [];
  private chunked = 0;
  /** Whether every part (each chunk, and `data`) is in ascending order. */
  private partsSorted = true;
  /** Appended buffers, flattened: only each one's own values are read (its runs are listed here too). */
  private runs: ValueBuffer[] = [];

  constructor(initialCapacity: number = INITIAL_CAPACITY) {
    this.data = new Float64Array(Math.max(1, initialCapacity));
  }

  /** A new buffer holding a copy of values (worker threads hand arrays over with `adopt` instead). */
  static from(values: ArrayLike<number>): ValueBuffer {
    const buffer = new ValueBuffer(values.length);
    for (let i = 0; i < values.length; i += 1) buffer.push(values[i] ?? Number.NaN);
    return buffer;
  }

  /**
   * A buffer that takes these arrays over as its parts, without copying them (arrays transferred
   * from a worker thread): nobody else may write to them. NaN is refused as `push` refuses it.
   */
  static adopt(parts: readonly Float64Array<ArrayBuffer>[]): ValueBuffer {
    const full = parts.filter((part) => part.length > 0);
    // Parts come sorted from `parts()`: checking is one pass (NaN included), sorting again would be more.
    const order = full.map(checkOrder);
    if (order.includes('has NaN')) throw new RangeError('ValueBuffer holds numbers only; NaN means missing and must be dropped');
    const buffer = new ValueBuffer(1);
    buffer.chunks = full;
    buffer.chunked = full.reduce((total, part) => total + part.length, 0);
    buffer.partsSorted = order.every((part) => part === 'ascending');
    return buffer;
  }

  /** Own values plus every run's. */
  get length(): number {
    return this.runs.reduce((total, run) => total + run.ownLength, this.ownLength);
  }

  private get ownLength(): number {
    return this.chunked + this.size;
  }

  /** Adds one value. NaN is rejected: a missing value is dropped upstream, never stored. */
  push(x: number): void {
    if (Number.isNaN(x)) throw new RangeError('ValueBuffer holds numbers only; NaN means missing and must be dropped');
    if (this.size === this.data.length) this.grow();
    if (this.partsSorted && this.size > 0 && precedes(x, this.data[this.size - 1] ?? x)) this.partsSorted = false;
    this.data[this.size] = x;
    this.size += 1;
  }

  /**
   * Adds every value of other (merging two groups' states) by reference, not by copy: other's own
   * values and its runs become runs of this buffer. From then on other must not receive pushes or
   * appends (this buffer would see them, or miss them); the scorecard merges only finished cells.
   * Queries may sort other's arrays in place, which leaves its multiset, and its answers, unchanged.
   */
  append(other: ValueBuffer): void {
    // One by one: a merged buffer may hold more runs than a call can take arguments (`push(...runs)`).
    // The runs are counted first: a buffer merged into itself must not read the runs it is adding.
    const runs = other.runs.length;
    if (other.ownLength > 0) this.runs.push(other);
    for (let i = 0; i < runs; i++) this.runs.push(other.runs[i] as ValueBuffer);
  }

  /** Every value as one new array: own values in the order pushed, then each run's. */
  values(): Float64Array<ArrayBuffer> {
    const all = new Float64Array(this.length);
    let offset = 0;
    for (const part of [this, ...this.runs].flatMap((buffer) => buffer.ownParts())) {
      all.set(part, offset);
      offset += part.length;
    }
    return all;
  }

  /**
   * The non-empty arrays holding every value (own parts, then runs'), each sorted in place once:
   * what queries read, and what a worker's snapshot hands over without copying (the buffer must
   * then not be used again). Sorting here means a worker thread sorts its own values in parallel
   * with the others, instead of the main thread sorting them all after the merge.
   */
  parts(): Float64Array<ArrayBuffer>[] {
    // One scratch for every part sorted now, let go after: nothing is kept between calls.
    const scratch = new SortScratch();
    return [this, ...this.runs].flatMap((buffer) => buffer.ownSortedParts(scratch));
  }

  /** The type-7 p-quantile of all values, exactly `percentileSorted` of them sorted. Empty → null. */
  quantile(p: number): number | null {
    const parts = this.parts();
    const [only] = parts;
    if (parts.length === 1 && only !== undefined) return percentileSorted(only, p);
    // Type 7 reads rank ⌊h⌋, then often ⌊h⌋ + 1: the second follows from the first without selecting again.
    let found: { rank: number; value: number } | undefined;
    return typeSevenQuantile(this.length, p, (rank) => {
      const value = found !== undefined && rank === found.rank + 1 ? rankAfter(parts, found.rank, found.value) : selectRank(parts, rank);
      found = { rank, value };
      return value;
    });
  }

  /** How many values are strictly below limit (binary search in each sorted array). */
  countBelow(limit: number): number {
    return sum(this.parts().map((part) => partitionPoint(part, 0, part.length, (x) => x < limit)));
  }

  /** How many values are ≤ limit (−0 and +0 count as equal, as `<=` has them). */
  countAtMost(limit: number): number {
    return sum(this.parts().map((part) => partitionPoint(part, 0, part.length, (x) => x <= limit)));
  }

  private ownParts(): Float64Array<ArrayBuffer>[] {
    const current = this.data.subarray(0, this.size);
    return current.length > 0 ? [...this.chunks, current] : [...this.chunks];
  }

  private ownSortedParts(scratch: SortScratch): Float64Array<ArrayBuffer>[] {
    const parts = this.ownParts();
    if (!this.partsSorted) {
      for (const part of parts) sortNumbers(part, scratch);
      this.partsSorted = true;
    }
    return parts;
  }

  /** Room for one more value: double while small, then a new chunk (the full one is kept as it is). */
  private grow(): void {
    if (this.data.length < CHUNK) {
      const next = new Float64Array(Math.min(CHUNK, this.data.length * 2));
      next.set(this.data.subarray(0, this.size));
      this.data = next;
      return;
    }
    this.chunks.push(this.data);
    this.chunked += this.size;
    this.data = new Float64Array(CHUNK);
    this.size = 0;
  }
}
