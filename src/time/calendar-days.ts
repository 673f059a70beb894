/**
 * Wall-clock calendar days as whole numbers: day 0 is 1970-01-01 on the clock of the zone, so a
 * day across a DST change (23 or 25 hours in Europe/Berlin) is still one number, and ISO weeks and
 * calendar months are plain arithmetic on it (active users, metrics/usage.ts).
 */
import { toWallClock } from '../fields/values.js';
import { PeriodCalendar } from './periods.js';

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: day 0 is 3 days after the Monday that opens its ISO week. */
const DAYS_FROM_MONDAY_AT_EPOCH = 3;
const DAYS_PER_WEEK = 7;
const MONTHS_PER_YEAR = 12;

/** The day number a clock in `tz` shows at `instant` (computed afresh: a hot path keeps a DayClock). */
export function dayNumberOf(instant: number, tz: string): number {
  return Math.floor(toWallClock(instant, tz) / DAY_MS);
}

/** The number of the ISO week (Monday first) holding a day: consecutive weeks are consecutive numbers. */
export function isoWeekOfDay(day: number): number {
  return Math.floor((day + DAYS_FROM_MONDAY_AT_EPOCH) / DAYS_PER_WEEK);
}

/** The calendar month of a day (year × 12 + month − 1) and the day's place in it (0 = the 1st). */
export interface MonthDay {
  month: number;
  dayOfMonth: number;
}

/** A civil date: the year, the month (0 = January) and the day of the month (0 = the 1st). */
export interface CivilDate {
  year: number;
  month: number;
  dayOfMonth: number;
}

/**
 * The civil date of a day number. Integer arithmetic (H. Hinnant's civil_from_days), no Date:
 * finishing active users asks it for every active day of every user, and Parquet's timestamps
 * for every row (io/iso-text.ts).
 */
export function civilDateOf(day: number): CivilDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March … 11 = February
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5);
  const month = shiftedMonth < 10 ? shiftedMonth + 2 : shiftedMonth - 10; // 0 = January
  return { year: yearOfEra + era * 400 + (month < 2 ? 1 : 0), month, dayOfMonth };
}

/** The calendar month holding a day and the day's place in it: months of 28 to 31 days. */
export function monthDayOf(day: number): MonthDay {
  const { year, month, dayOfMonth } = civilDateOf(day);
  return { month: year * MONTHS_PER_YEAR + month, dayOfMonth };
}

/** The number of the calendar month holding a day (year × 12 + month − 1). */
export function monthOfDay(day: number): number {
  return monthDayOf(day).month;
}

/** The day number of the 1st of a month numbered year × 12 + month − 1 (Hinnant's days_from_civil). */
export function firstDayOfMonth(month: number): number {
  const calendarMonth = month % MONTHS_PER_YEAR; // 0 = January
  const year = Math.floor(month / MONTHS_PER_YEAR) - (calendarMonth < 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const shiftedMonth = calendarMonth < 2 ? calendarMonth + 10 : calendarMonth - 2;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The day as `yyyy-MM-dd`. */
export function formatDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The last day a window covers: the day `asOf` falls on (an instant: an event at it counts, as
 * backlog counts a ticket created at it), but never the day a period's exclusive end opens.
 */
export function lastDayOfWindow(asOf: number, periodEnd: number | undefined, tz: string): number {
  const day = dayNumberOf(asOf, tz);
  return periodEnd === undefined ? day : Math.min(day, dayNumberOf(periodEnd, tz) - 1);
}

/**
 * Day numbers of instants in one zone, for a per-row path: a day's span is found in a PeriodCalendar
 * (a lookup, no date arithmetic) and its number is computed once per day met.
 */
export class DayClock {
  readonly #calendar: PeriodCalendar;
  /** Day number by the calendar's span index. */
  readonly #numbers: number[] = [];
  readonly #tz: string;

  constructor(tz: string) {
    this.#tz = tz;
    this.#calendar = new PeriodCalendar('day', tz);
  }

  dayOf(instant: number): number {
    const span = this.#calendar.spanOf(instant);
    if (span.index < 0) return dayNumberOf(instant, this.#tz);
    let day = this.#numbers[span.index];
    if (day === undefined) {
      day = dayNumberOf(span.start, this.#tz);
      this.#numbers[span.index] = day;
    }
    return day;
  }
}
