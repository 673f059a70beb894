/**
 * Generic accumulator builders (metrics.md §0, §6). Each metric in the registry is one of these
 * applied to a row reader; the rules every metric shares live here once:
 * empty → value null, n 0, ci null; missing values are skipped (the reader returns undefined),
 * never counted as 0; percent values leave here as 0–100, fractions only inside.
 */
import type { CanonicalRow, FieldId, FieldValueTypes } from '../fields/types.js';
import { meanInterval, npsInterval, wilsonInterval } from '../stats/intervals.js';
import { addToMoments, createMoments, mergeMoments, sampleSd, type Moments } from '../stats/moments.js';
import { ValueBuffer } from '../stats/percentile.js';
import type { Accumulator, FinishContext, MetricValue } from './types.js';

export type Detail = Record<string, number | string | null>;

/** Reads one observation from a row; undefined when the row has none (missing, or not applicable). */
export type ReadNumber = (row: CanonicalRow) => number | undefined;

/** Canonical fields that hold a number (counts, scores, durations, timestamps, rates). */
export type NumericField = { [K in FieldId]: FieldValueTypes[K] extends number ? K : never }[FieldId];

/** Canonical fields that hold an instant (epoch ms). */
export type TimestampField = 'created_at' | 'first_response_at' | 'resolved_at' | 'sla_due_at' | 'submitted_at';

export function readField(field: NumericField): ReadNumber {
  return (row) => row[field];
}

const MS_PER_SECOND = 1000;

/** Seconds from `start` to `end` on one row; undefined unless both stamps are there. */
export function readElapsedSeconds(start: TimestampField, end: TimestampField): ReadNumber {
  return (row) => {
    const from = row[start];
    const to = row[end];
    return from === undefined || to === undefined ? undefined : (to - from) / MS_PER_SECOND;
  };
}

/** The shape every metric returns when nothing fed it. */
export function emptyValue(detail?: Detail): MetricValue {
  return detail === undefined ? { value: null, n: 0, ci: null } : { value: null, n: 0, ci: null, detail };
}

function scaleInterval(interval: readonly [number, number] | null, factor: number): readonly [number, number] | null {
  return interval === null ? null : [interval[0] * factor, interval[1] * factor];
}

// ---------------------------------------------------------------------------------------------
// Net scores (NPS, eNPS, Happiness)

export interface NetScoreState {
  promoters: number;
  passives: number;
  detractors: number;
}

const PROMOTER_MIN = 9;
const PASSIVE_MIN = 7;

/**
 * 100·(P − D)/n on a 0–10 answer: promoters 9–10, passives 7–8, detractors 0–6 (metrics.md §2.1).
 * Passives only enlarge n. CI: Wald on the +1/0/−1 recode (§6.2), clipped to ±100.
 */
export function netScore(read: ReadNumber): Accumulator<NetScoreState> {
  return {
    init: () => ({ promoters: 0, passives: 0, detractors: 0 }),
    add(state, row) {
      const answer = read(row);
      if (answer === undefined) return;
      if (answer >= PROMOTER_MIN) state.promoters += 1;
      else if (answer >= PASSIVE_MIN) state.passives += 1;
      else state.detractors += 1;
    },
    merge(a, b) {
      a.promoters += b.promoters;
      a.passives += b.passives;
      a.detractors += b.detractors;
      return a;
    },
    finish({ promoters, passives, detractors }, ctx) {
      const detail = { promoters, passives, detractors };
      const n = promoters + passives + detractors;
      if (n === 0) return emptyValue(detail);
      const ci = npsInterval(promoters, passives, detractors, ctx.confidence);
      return { value: (100 * (promoters - detractors)) / n, n, ci, detail };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rates (x successes of n trials, value in %)

/** Successes and trials. `x` may be fractional when a rate column is weighted by its sessions. */
export interface Tally {
  x: number;
  n: number;
}

/** Adds a row's successes and trials to the tally, or leaves it alone when the row says nothing. */
export type AddTrials = (tally: Tally, row: CanonicalRow) => void;

export const EXCESS_NOTE = 'successes exceed trials: not a rate';

export function createTally(): Tally {
  return { x: 0, n: 0 };
}

export function mergeTally(a: Tally, b: Tally): Tally {
  a.x += b.x;
  a.n += b.n;
  return a;
}

/**
 * x/n as a percentage with its Wilson interval × 100 (§6.3). n = 0 → null. x > n (more
 * conversions than visitors) is not a rate: value null with a note, x and n kept for the reader.
 */
export function finishRate(tally: Tally, ctx: FinishContext, excessNote: string, extra?: Detail): MetricValue {
  const { x, n } = tally;
  const detail: Detail = { x, n, ...extra };
  if (n === 0) return emptyValue(detail);
  if (x > n) return { value: null, n, ci: null, detail: { ...detail, note: excessNote } };
  const ci = scaleInterval(wilsonInterval(x, n, ctx.confidence), 100);
  return { value: (100 * x) / n, n, ci, detail };
}

/** A pooled rate Σx/Σn (ratio of sums, never a mean of row rates: §0 "Pooling"). */
export function rate(addTrials: AddTrials, excessNote: string = EXCESS_NOTE): Accumulator<Tally> {
  return {
    init: createTally,
    add: addTrials,
    merge: mergeTally,
    finish: (state, ctx) => finishRate(state, ctx, excessNote),
  };
}

/** % of rows whose answer is a success; rows the classifier has no answer for are skipped. */
export function proportion(classify: (row: CanonicalRow) => boolean | undefined): Accumulator<Tally> {
  return rate((tally, row) => {
    const isSuccess = classify(row);
    if (isSuccess === undefined) return;
    tally.n += 1;
    if (isSuccess) tally.x += 1;
  });
}

/** % of answers meeting `isSuccess` among the answers the reader finds. */
export function proportionOf(read: ReadNumber, isSuccess: (value: number) => boolean): Accumulator<Tally> {
  return proportion((row) => {
    const value = read(row);
    return value === undefined ? undefined : isSuccess(value);
  });
}

// ---------------------------------------------------------------------------------------------
// Means

/** Mean, sd (null when n < 2) and, for `t`, the t-interval (§6.4). */
export function finishMean(moments: Moments, ctx: FinishContext, interval: 't' | 'none', extra?: Detail): MetricValue {
  if (moments.n === 0) return emptyValue({ mean: null, sd: null, ...extra });
  const sd = sampleSd(moments);
  const ci = interval === 't' ? meanInterval(moments.n, moments.mean, sd, ctx.confidence) : null;
  return { value: moments.mean, n: moments.n, ci, detail: { mean: moments.mean, sd, ...extra } };
}

/** The arithmetic mean of the values the reader finds. */
export function mean(read: ReadNumber, interval: 't' | 'none'): Accumulator<Moments> {
  return {
    init: createMoments,
    add(state, row) {
      const value = read(row);
      if (value !== undefined) addToMoments(state, value);
    },
    merge: mergeMoments,
    finish: (state, ctx) => finishMean(state, ctx, interval),
  };
}

// ---------------------------------------------------------------------------------------------
// Percentiles

/**
 * The p-quantile (0–1) by linear interpolation, type 7 (§6.1). Exact, so the state keeps every
 * value. No interval. `describe` adds detail computed from the value (a Core Web Vitals rating).
 */
export function percentile(read: ReadNumber, p: number, describe?: (value: number | null) => Detail): Accumulator<ValueBuffer> {
  return {
    init: () => new ValueBuffer(),
    add(state, row) {
      const value = read(row);
      if (value !== undefined) state.push(value);
    },
    // Keeps a reference to b's values, no copy: merged groups share the cells' arrays.
    merge(a, b) {
      a.append(b);
      return a;
    },
    finish(state) {
      const value = state.quantile(p);
      const detail = describe?.(value);
      if (value === null) return emptyValue(detail);
      const result: MetricValue = { value, n: state.length, ci: null };
      return detail === undefined ? result : { ...result, detail };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sums, counts, ratios of sums

export interface SumState {
  total: number;
  n: number;
}

/** Σ of the values the reader finds; n = values summed. No interval. */
export function sum(read: ReadNumber): Accumulator<SumState> {
  return {
    init: () => ({ total: 0, n: 0 }),
    add(state, row) {
      const value = read(row);
      if (value === undefined) return;
      state.total += value;
      state.n += 1;
    },
    merge(a, b) {
      a.total += b.total;
      a.n += b.n;
      return a;
    },
    finish: ({ total, n }) => (n === 0 ? emptyValue() : { value: total, n, ci: null }),
  };
}

/** The number of rows fed; n = rows. */
export function count(): Accumulator<{ rows: number }> {
  return {
    init: () => ({ rows: 0 }),
    add(state) {
      state.rows += 1;
    },
    merge(a, b) {
      a.rows += b.rows;
      return a;
    },
    finish: ({ rows }) => (rows === 0 ? emptyValue() : { value: rows, n: rows, ci: null }),
  };
}

export interface RatioState {
  numerator: number;
  denominator: number;
}

/**
 * Σnumerator / Σdenominator over the rows that have a numerator (pooled, §0). n = Σdenominator
 * (sessions counted); a zero denominator gives null, never Infinity. No interval.
 */
export function ratioOfSums(readNumerator: ReadNumber, readDenominator: (row: CanonicalRow) => number): Accumulator<RatioState> {
  return {
    init: () => ({ numerator: 0, denominator: 0 }),
    add(state, row) {
      const numerator = readNumerator(row);
      if (numerator === undefined) return;
      state.numerator += numerator;
      state.denominator += readDenominator(row);
    },
    merge(a, b) {
      a.numerator += b.numerator;
      a.denominator += b.denominator;
      return a;
    },
    finish: ({ numerator, denominator }) =>
      denominator > 0 ? { value: numerator / denominator, n: denominator, ci: null } : emptyValue(),
  };
}

// ---------------------------------------------------------------------------------------------
// Wrappers

export interface OpenCountState<S> {
  inner: S;
  open: number;
}

/**
 * Adds `excluded_open` to another accumulator's detail: rows the inner metric skips because the
 * end event has not happened yet (§3: waiting tickets are excluded and reported, never zero).
 */
export function countingOpen<S>(inner: Accumulator<S>, isOpen: (row: CanonicalRow) => boolean): Accumulator<OpenCountState<S>> {
  return {
    init: () => ({ inner: inner.init(), open: 0 }),
    add(state, row) {
      if (isOpen(row)) state.open += 1;
      inner.add(state.inner, row);
    },
    merge(a, b) {
      a.inner = inner.merge(a.inner, b.inner);
      a.open += b.open;
      return a;
    },
    finish(state, ctx) {
      const result = inner.finish(state.inner, ctx);
      return { ...result, detail: { ...result.detail, excluded_open: state.open } };
    },
  };
}
