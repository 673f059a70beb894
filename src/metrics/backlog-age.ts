/**
 * Open tickets at a moment (metrics.md §3.6) and their age: what `backlog` and `backlog.age.p90`
 * share, and the age metric's accumulator.
 *
 * The moment t is the end of the period (its exclusive end, the next period's first instant),
 * `--to`, or the newest created_at/resolved_at of the data: never the machine's clock. A ticket is
 * open at t when created_at ≤ t and it is not resolved by t: one resolved exactly at t is not open,
 * one created exactly at t is (age 0). Open-ness is decided at t, not by the ticket's state today:
 * a ticket resolved after a period's end was open at that end.
 *
 * Memory: an exact percentile of the ages at t needs the created stamps of the tickets open at t.
 * Instead of a list of open tickets per period (a long-open ticket would sit in every period's
 * list), the state keeps each ticket once, as its open interval [created, ended), and only if it
 * is open at some moment the scorecard can ask about (its checkpoints, stamp-counts.ts): a period
 * end, `--to`, or the newest stamp. A ticket created and resolved between two period ends (most of
 * them, with monthly periods) is open at none and is not kept; a resolved ticket is never open at
 * the newest stamp, so without `--period` and `--to` only the tickets still open are kept. Finishing
 * at t is one pass over the kept intervals, then a sort of the ages of those open at t.
 */
import type { CanonicalRow } from '../fields/types.js';
import { percentileSorted } from '../stats/percentile.js';
import { emptyValue, isUnreadable } from './accumulators.js';
import type { Checkpoints } from './stamp-counts.js';
import type { Accumulator, MetricContext } from './types.js';

/** When a ticket was open: [created, ended); ended is Infinity while it is still open. */
export interface OpenInterval {
  created: number;
  ended: number;
}

/** A ticket whose resolved_at was rejected (issue 18): not known to be open at any instant. */
const UNREADABLE_RESOLUTION = 'unreadable resolution';

/**
 * What a ticket row says about when it was open: nothing without created_at; left out (and
 * counted) when its resolved_at was rejected; else its interval. A ticket closed by `status` alone
 * ends at its creation: never open.
 */
function openIntervalOf(row: CanonicalRow): OpenInterval | typeof UNREADABLE_RESOLUTION | undefined {
  const created = row.created_at;
  if (created === undefined) return undefined;
  if (isUnreadable(row, 'resolved_at')) return UNREADABLE_RESOLUTION;
  if (row.resolved_at !== undefined) return { created, ended: row.resolved_at };
  return { created, ended: row.is_resolved === true ? created : Number.POSITIVE_INFINITY };
}

/** The newest stamp an interval shows (a still-open ticket shows its creation only). */
function newestStampOf({ created, ended }: OpenInterval): number {
  return Number.isFinite(ended) ? Math.max(created, ended) : created;
}

/**
 * A backlog state's reading of a row: its open interval, with the state's newest stamp moved up
 * to it; undefined for a row left out (counted in `unreadable` when its resolution was rejected).
 */
export function takeOpenInterval(state: { latest: number; unreadable: number }, row: CanonicalRow): OpenInterval | undefined {
  const interval = openIntervalOf(row);
  if (interval === undefined) return undefined;
  if (interval === UNREADABLE_RESOLUTION) {
    state.unreadable += 1;
    return undefined;
  }
  state.latest = Math.max(state.latest, newestStampOf(interval));
  return interval;
}

/** The moment a backlog is taken at: the caller's (period end, `--to`), else the newest stamp seen; none without data. */
export function backlogMoment(asOf: number | undefined, latest: number): number | undefined {
  return asOf ?? (Number.isFinite(latest) ? latest : undefined);
}

const isOpenAt = (created: number, ended: number, moment: number): boolean => created <= moment && moment < ended;

/**
 * Whether a ticket open over [created, ended) is open at some moment a scorecard with these
 * checkpoints can ask about; without checkpoints any moment can be asked, so any ticket ever open.
 * Period ends: the first one at or after `created` is `created` itself when the ticket opens at a
 * period's first instant (the previous period's end), else the end of its own period.
 */
export function isOpenAtACheckpoint({ created, ended }: OpenInterval, checkpoints: Checkpoints | undefined): boolean {
  if (!(created < ended)) return false;
  if (ended === Number.POSITIVE_INFINITY || checkpoints === undefined) return true;
  const { asOf, periods } = checkpoints;
  if (asOf !== undefined && isOpenAt(created, ended, asOf)) return true;
  if (periods === null) return false;
  const span = periods.spanOf(created);
  return created === span.start || span.end < ended;
}

export interface BacklogAgeState {
  /** This state's kept tickets' intervals, interleaved: created, ended, created, ended… (plain numbers: they cross threads as they are). */
  intervals: number[];
  /**
   * Merged states' `intervals`, by reference, not copied (as ValueBuffer runs): the scorecard's
   * histories merge every cell of a segment, and copying them cost a third of the memory.
   */
  merged: number[][];
  /** The newest created_at/resolved_at seen: the moment when the caller has none. */
  latest: number;
  /** Tickets whose resolved_at was rejected: left out, as in `backlog`. */
  unreadable: number;
}

/** Ages in seconds (moment − created_at, as durations are read) of the kept tickets open at the moment, ascending. */
function agesOpenAt(parts: readonly (readonly number[])[], moment: number): Float64Array {
  let open = 0;
  for (const intervals of parts)
    for (let i = 0; i < intervals.length; i += 2) if (isOpenAt(intervals[i] as number, intervals[i + 1] as number, moment)) open += 1;
  const ages = new Float64Array(open);
  let next = 0;
  for (const intervals of parts) {
    for (let i = 0; i < intervals.length; i += 2) {
      const created = intervals[i] as number;
      if (isOpenAt(created, intervals[i + 1] as number, moment)) ages[next++] = (moment - created) / 1000;
    }
  }
  return ages.sort();
}

/**
 * `backlog.age.p90`: the type-7 90th percentile of the ages of the tickets open at the moment, in
 * seconds; n = those tickets (the backlog). None open → null. detail: as_of, excluded_unreadable.
 */
export function backlogAge(p: number) {
  return (ctx: MetricContext): Accumulator<BacklogAgeState> => ({
    init: () => ({ intervals: [], merged: [], latest: Number.NEGATIVE_INFINITY, unreadable: 0 }),
    add(state, row) {
      const interval = takeOpenInterval(state, row);
      if (interval !== undefined && isOpenAtACheckpoint(interval, ctx.checkpoints)) state.intervals.push(interval.created, interval.ended);
    },
    merge(a, b) {
      // b's arrays by reference; b receives no rows after (the scorecard merges finished cells only).
      // Counted first: a state merged into itself must not read what it is adding.
      const parts = b.merged.length;
      if (b.intervals.length > 0) a.merged.push(b.intervals);
      for (let i = 0; i < parts; i += 1) a.merged.push(b.merged[i] as number[]);
      a.latest = Math.max(a.latest, b.latest);
      a.unreadable += b.unreadable;
      return a;
    },
    finish({ intervals, merged, latest, unreadable }, finishCtx) {
      const moment = backlogMoment(finishCtx.asOf, latest);
      const detail = { as_of: moment ?? null, excluded_unreadable: unreadable };
      if (moment === undefined) return emptyValue(detail);
      const ages = agesOpenAt([intervals, ...merged], moment);
      const value = percentileSorted(ages, p);
      return value === null ? emptyValue(detail) : { value, n: ages.length, ci: null, detail };
    },
  });
}
