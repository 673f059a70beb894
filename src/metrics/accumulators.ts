/**
 * Generic accumulator builders (metrics.md §0, §6). Each metric in the registry is one of these
 * applied to a row reader; the rules every metric shares live here once:
 * empty → value null, n 0, ci null; missing values are skipped (the reader returns undefined),
 * never counted as 0; percent values leave here as 0–100, fractions only inside.
 */
import type { CanonicalRow, FieldId, FieldOfType, FieldValueTypes } from '../fields/types.js';
import { meanInterval, npsInterval, wilsonInterval, type NetIntervalMethod } from '../stats/intervals.js';
import {
  addExact,
  compareSums,
  createExactSum,
  mergeExactSum,
  roundQuotient,
  roundSum,
  signOfSum,
  type ExactSum,
} from '../stats/exact-sum.js';
import { addToMoments, createMoments, mergeMoments, momentsMean, sampleSd, type Moments } from '../stats/moments.js';
import { ValueBuffer } from '../stats/percentile.js';
import type { Accumulator, FinishContext, MetricValue } from './types.js';

export type Detail = Record<string, number | string | null>;

/** Reads one observation from a row; undefined when the row has none (missing, or not applicable). */
export type ReadNumber = (row: CanonicalRow) => number | undefined;

/** Canonical fields that hold a number (counts, scores, durations, timestamps, rates). */
export type NumericField = { [K in FieldId]: FieldValueTypes[K] extends number ? K : never }[FieldId];

/** Canonical fields that hold an instant (epoch ms). */
export type TimestampField = FieldOfType<'timestamp'>;

export function readField(field: NumericField): ReadNumber {
  return (row) => row[field];
}

/** Exported: the SQL pushdown turns its milliseconds into seconds as readElapsedSeconds does. */
export const MS_PER_SECOND = 1000;

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

/** Net-score classes (exported: the SQL pushdown classifies answers by the same bounds). */
export const PROMOTER_MIN = 9;
export const PASSIVE_MIN = 7;

/**
 * 100·(P − D)/n on a 0–10 answer: promoters 9–10, passives 7–8, detractors 0–6 (metrics.md §2.1).
 * Passives only enlarge n. CI on the +1/0/−1 recode by `method` (§6.2: adjusted Wald unless the
 * config says `method: wald`), clipped to ±100; the value is always the plain net.
 */
export function netScore(read: ReadNumber, method: NetIntervalMethod | undefined): Accumulator<NetScoreState> {
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
      const ci = npsInterval(promoters, passives, detractors, ctx.confidence, method);
      return { value: (100 * (promoters - detractors)) / n, n, ci, detail };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rates (x successes of n trials, value in %)

/** Successes and trials counted one by one: whole numbers, exact as doubles. */
export interface Tally {
  x: number;
  n: number;
}

/**
 * Successes and trials summed from columns, exactly (stats/exact-sum.ts): either may be
 * fractional (a bounce_rate weighted by its sessions, GA4's fractional key events).
 */
export interface WeightedTally {
  x: ExactSum;
  n: ExactSum;
}

/** Adds a row's successes and trials to the tally, or leaves it alone when the row says nothing. */
export type AddTrials = (tally: WeightedTally, row: CanonicalRow) => void;

export const EXCESS_NOTE = 'successes exceed trials: not a rate';

/** What a rate is finished from: x and n as reported, and 100·x/n and x > n decided exactly. */
export interface RateFacts {
  x: number;
  n: number;
  /** 100·x/n rounded once; null when n = 0. */
  percent: number | null;
  isExcess: boolean;
}

/** The facts of whole counts: 100·x is exact, so 100·x/n is rounded once (17 of 20 is exactly 85). */
export function countedRate({ x, n }: Tally): RateFacts {
  return { x, n, percent: n === 0 ? null : (100 * x) / n, isExcess: x > n };
}

/** The facts of exact sums: the percentage and the comparison from the exact values, x and n rounded for the report. */
function weightedRate({ x, n }: WeightedTally): RateFacts {
  return { x: roundSum(x), n: roundSum(n), percent: roundQuotient(x, n, 100), isExcess: compareSums(x, n) > 0 };
}

function createWeightedTally(): WeightedTally {
  return { x: createExactSum(), n: createExactSum() };
}

function mergeWeightedTally(a: WeightedTally, b: WeightedTally): WeightedTally {
  mergeExactSum(a.x, b.x);
  mergeExactSum(a.n, b.n);
  return a;
}

/** One trial of an event row (a visit converted or not). */
export function addTrial(tally: WeightedTally, isSuccess: boolean): void {
  addExact(tally.n, 1);
  if (isSuccess) addExact(tally.x, 1);
}

/**
 * x/n as a percentage with its Wilson interval × 100 (§6.3). n = 0 → null. x > n (more
 * conversions than visitors) is not a rate: value null with a note, x and n kept for the reader.
 */
export function finishRate(facts: RateFacts, ctx: FinishContext, excessNote: string, extra?: Detail): MetricValue {
  const { x, n, percent } = facts;
  const detail: Detail = { x, n, ...extra };
  if (percent === null) return emptyValue(detail);
  if (facts.isExcess) return { value: null, n, ci: null, detail: { ...detail, note: excessNote } };
  const ci = scaleInterval(wilsonInterval(x, n, ctx.confidence), 100);
  return { value: percent, n, ci, detail };
}

/** A pooled rate Σx/Σn (ratio of sums, never a mean of row rates: §0 "Pooling"). */
export function rate(addTrials: AddTrials, excessNote: string = EXCESS_NOTE): Accumulator<WeightedTally> {
  return {
    init: createWeightedTally,
    add: addTrials,
    merge: mergeWeightedTally,
    finish: (state, ctx) => finishRate(weightedRate(state), ctx, excessNote),
  };
}

/** % of rows whose answer is a success; rows the classifier has no answer for are skipped. */
export function proportion(classify: (row: CanonicalRow) => boolean | undefined): Accumulator<Tally> {
  return {
    init: () => ({ x: 0, n: 0 }),
    add(tally, row) {
      const isSuccess = classify(row);
      if (isSuccess === undefined) return;
      tally.n += 1;
      if (isSuccess) tally.x += 1;
    },
    merge(a, b) {
      a.x += b.x;
      a.n += b.n;
      return a;
    },
    finish: (state, ctx) => finishRate(countedRate(state), ctx, EXCESS_NOTE),
  };
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

/**
 * Mean, sd (null when n < 2) and, for `t`, the t-interval (§6.4), of the values × `factor`
 * (sentiment reports scores × 100: scaled here, exactly, not value by value).
 */
export function finishMean(moments: Moments, ctx: FinishContext, interval: 't' | 'none', extra?: Detail, factor = 1): MetricValue {
  const value = momentsMean(moments, factor);
  if (value === null) return emptyValue({ mean: null, sd: null, ...extra });
  const sd = sampleSd(moments, factor);
  const ci = interval === 't' ? meanInterval(moments.n, value, sd, ctx.confidence) : null;
  return { value, n: moments.n, ci, detail: { mean: value, sd, ...extra } };
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

/**
 * A log-scale interval taken back through exp; none when a bound is past the largest double (logs
 * hundreds apart: times that differ by more than 300 orders of magnitude), never an Infinity.
 */
function expInterval([low, high]: readonly [number, number]): readonly [number, number] | null {
  const bounds = [Math.exp(low), Math.exp(high)] as const;
  return Number.isFinite(bounds[1]) ? bounds : null;
}

export interface GeometricMeanState {
  /** The natural logarithms of the positive values. */
  logs: Moments;
  /** Values of 0: no logarithm, so left out and counted. */
  zeros: number;
}

/**
 * exp(mean of ln x) of the positive values the reader finds, with the t-interval of the logs taken
 * back through exp (an asymmetric interval around the value, as for log-normal task times:
 * measuringu.com/average-times). A 0 has no logarithm: it is left out and counted in
 * `excluded_zero`. detail: the mean and sd of the logs, which a later test needs.
 */
export function geometricMean(read: ReadNumber): Accumulator<GeometricMeanState> {
  return {
    init: () => ({ logs: createMoments(), zeros: 0 }),
    add(state, row) {
      const value = read(row);
      if (value === undefined) return;
      if (value > 0) addToMoments(state.logs, Math.log(value));
      else state.zeros += 1;
    },
    merge(a, b) {
      a.logs = mergeMoments(a.logs, b.logs);
      a.zeros += b.zeros;
      return a;
    },
    finish({ logs, zeros }, ctx) {
      const logMean = momentsMean(logs);
      if (logMean === null) return emptyValue({ mean_log: null, sd_log: null, excluded_zero: zeros });
      const logSd = sampleSd(logs);
      const logInterval = meanInterval(logs.n, logMean, logSd, ctx.confidence);
      const ci = logInterval === null ? null : expInterval(logInterval);
      return { value: Math.exp(logMean), n: logs.n, ci, detail: { mean_log: logMean, sd_log: logSd, excluded_zero: zeros } };
    },
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
  total: ExactSum;
  n: number;
}

/** Σ of the values the reader finds, exact and rounded once; n = values summed. No interval. */
export function sum(read: ReadNumber): Accumulator<SumState> {
  return {
    init: () => ({ total: createExactSum(), n: 0 }),
    add(state, row) {
      const value = read(row);
      if (value === undefined) return;
      addExact(state.total, value);
      state.n += 1;
    },
    merge(a, b) {
      mergeExactSum(a.total, b.total);
      a.n += b.n;
      return a;
    },
    finish: ({ total, n }) => (n === 0 ? emptyValue() : { value: roundSum(total), n, ci: null }),
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
  numerator: ExactSum;
  denominator: ExactSum;
}

/**
 * Σnumerator / Σdenominator over the rows that have a numerator (pooled, §0), from exact sums
 * rounded once. n = Σdenominator (sessions counted); a zero denominator gives null, never
 * Infinity. No interval.
 */
export function ratioOfSums(readNumerator: ReadNumber, readDenominator: (row: CanonicalRow) => number): Accumulator<RatioState> {
  return {
    init: () => ({ numerator: createExactSum(), denominator: createExactSum() }),
    add(state, row) {
      const numerator = readNumerator(row);
      if (numerator === undefined) return;
      addExact(state.numerator, numerator);
      addExact(state.denominator, readDenominator(row));
    },
    merge(a, b) {
      mergeExactSum(a.numerator, b.numerator);
      mergeExactSum(a.denominator, b.denominator);
      return a;
    },
    finish({ numerator, denominator }) {
      const value = signOfSum(denominator) > 0 ? roundQuotient(numerator, denominator) : null;
      return value === null ? emptyValue() : { value, n: roundSum(denominator), ci: null };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Wrappers

/** An inner accumulator's state with the rows it skipped, counted under their detail keys. */
export interface ExcludedCountState<S, K extends string> {
  inner: S;
  counts: Record<K, number>;
}

/** Why a row has no end stamp: still waiting for it, or closed without it (by status, or never answered). */
export type MissingEnd = 'open' | 'closed';

/**
 * Cells kept as plain numbers in a state's parallel arrays (they cross threads as they are):
 * NaN where the row says nothing, a flag as 1 or 0.
 */
export const numberOrNaN = (value: number | undefined): number => value ?? Number.NaN;

export function flagAsNumber(flag: boolean | undefined): number {
  if (flag === undefined) return Number.NaN;
  return flag ? 1 : 0;
}

/** Whether the row's cell for `field` held a value that was rejected (fields/row-builder.ts): unreadable, not missing. */
export function isUnreadable(row: CanonicalRow, field: FieldId): boolean {
  return row.unreadable?.has(field) === true;
}

/**
 * Feeds every row to `inner` (which skips the rows it cannot use) and counts the rows `classify`
 * names a reason for under that detail key, so that a null or a small n says why. Every key of
 * `keys` is in the detail, in that order, after the `extra` entries.
 */
export function countingExcluded<S, K extends string>(
  inner: Accumulator<S>,
  keys: readonly K[],
  classify: (row: CanonicalRow) => K | undefined,
  extra: Readonly<Record<string, string>> = {},
): Accumulator<ExcludedCountState<S, K>> {
  return {
    init: () => ({ inner: inner.init(), counts: Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number> }),
    add(state, row) {
      const key = classify(row);
      if (key !== undefined) state.counts[key] += 1;
      inner.add(state.inner, row);
    },
    merge(a, b) {
      a.inner = inner.merge(a.inner, b.inner);
      for (const key of keys) a.counts[key] += b.counts[key];
      return a;
    },
    finish(state, ctx) {
      const result = inner.finish(state.inner, ctx);
      return { ...result, detail: { ...result.detail, ...extra, ...state.counts } };
    },
  };
}

const MISSING_END_KEYS = ['excluded_open', 'excluded_closed', 'excluded_unreadable'] as const;

/**
 * Adds `excluded_open`, `excluded_closed` and `excluded_unreadable` to another accumulator's
 * detail: rows the inner metric skips because the end event has not happened yet (§3: waiting
 * tickets are excluded and reported, never zero); rows closed without the end stamp (a status
 * that says closed and no resolved_at, a ticket resolved with no first response), which are not
 * waiting for anything; and rows whose end stamp was there but rejected (a resolved_at that is no
 * date, or before created_at), not known to be open either.
 */
export function countingOpen<S>(
  inner: Accumulator<S>,
  missingEnd: (row: CanonicalRow) => MissingEnd | undefined,
  end: FieldId,
): Accumulator<ExcludedCountState<S, (typeof MISSING_END_KEYS)[number]>> {
  return countingExcluded(inner, MISSING_END_KEYS, (row) => {
    if (isUnreadable(row, end)) return 'excluded_unreadable';
    const missing = missingEnd(row);
    return missing === undefined ? undefined : `excluded_${missing}`;
  });
}
