/**
 * Durations in working time (metrics.md §3.7): which calendar times a ticket, and the seconds of
 * working time between two of its stamps. A ticket gets no business time when no calendar applies
 * to it (its `by` value has none and there is no default), or when a stamp lies outside the years
 * the engine is asked about ([1970, 2100)): its day cache spans every day between the stamps it is
 * asked about, so one stray year-0001 stamp would cost seconds and hundreds of MB. Both are left
 * out of the business-time metrics and counted in their detail, never silently.
 */
import type { CanonicalRow } from '../fields/types.js';
import type { BusinessCalendar } from '../time/business-hours.js';
import { countingExcluded, isUnreadable, type ExcludedCountState, type ReadNumber, type TimestampField } from './accumulators.js';
import type { Accumulator, BusinessTime } from './types.js';

/** Stamps the engine is asked about: from 1970-01-01 (inclusive) to 2100-01-01 (exclusive), UTC. */
const PLAUSIBLE_STAMPS = { from: Date.UTC(1970, 0, 1), until: Date.UTC(2100, 0, 1) } as const;

const isPlausible = (stamp: number): boolean => stamp >= PLAUSIBLE_STAMPS.from && stamp < PLAUSIBLE_STAMPS.until;

/** Why a ticket with both stamps has no business time. */
export type Untimed = 'no_calendar' | 'implausible_year';

/** The calendar that times the row, or why none does (its stamps are checked by the caller). */
function calendarOf(row: CanonicalRow, time: BusinessTime): BusinessCalendar | undefined {
  const index = row.calendar === undefined ? time.fallback : row.calendar;
  return index === null ? undefined : time.calendars[index];
}

/** Why the row's [start, end) cannot be timed in business time; undefined when it can (or lacks a stamp). */
function untimedReason(row: CanonicalRow, start: TimestampField, end: TimestampField, time: BusinessTime): Untimed | undefined {
  const from = row[start];
  const to = row[end];
  if (from === undefined || to === undefined) return undefined;
  if (calendarOf(row, time) === undefined) return 'no_calendar';
  return isPlausible(from) && isPlausible(to) ? undefined : 'implausible_year';
}

/** An instant the engine may be asked about, under the row's calendar; undefined with a reason otherwise. */
export function timingCalendar(row: CanonicalRow, stamp: number, time: BusinessTime): BusinessCalendar | Untimed {
  const calendar = calendarOf(row, time);
  if (calendar === undefined) return 'no_calendar';
  return isPlausible(stamp) ? calendar : 'implausible_year';
}

/** Working seconds from `start` to `end` under the row's calendar; undefined unless both stamps are there and it can be timed. */
export function readBusinessSeconds(start: TimestampField, end: TimestampField, time: BusinessTime): ReadNumber {
  return (row) => {
    const from = row[start];
    const to = row[end];
    if (from === undefined || to === undefined || !isPlausible(from) || !isPlausible(to)) return undefined;
    const calendar = calendarOf(row, time);
    return calendar === undefined ? undefined : calendar.milliseconds(from, to) / 1000;
  };
}

const UNTIMED_KEYS = ['excluded_no_calendar', 'excluded_implausible_year'] as const;

/**
 * Adds `clock: "business"`, `excluded_no_calendar` and `excluded_implausible_year` to a
 * business-time duration's detail: tickets with both stamps that the inner metric (reading
 * `readBusinessSeconds`) skips.
 */
export function countingUntimed<S>(
  inner: Accumulator<S>,
  start: TimestampField,
  end: TimestampField,
  time: BusinessTime,
): Accumulator<ExcludedCountState<S, (typeof UNTIMED_KEYS)[number]>> {
  const classify = (row: CanonicalRow): (typeof UNTIMED_KEYS)[number] | undefined => {
    const reason = isUnreadable(row, end) ? undefined : untimedReason(row, start, end, time);
    return reason === undefined ? undefined : `excluded_${reason}`;
  };
  return countingExcluded(inner, UNTIMED_KEYS, classify, { clock: 'business' });
}
