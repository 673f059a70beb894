/**
 * Business time (spec: metrics.md §3.7): how much of [from, to) falls inside a calendar's working
 * hours, on the wall clock of the calendar's IANA zone. Pure: holidays come in as a predicate, built
 * by the caller (src/time/business-time.ts builds one with src/time/public-holidays.ts from `date-holidays`).
 *
 * Decisions (README "Business hours and SLA policies"):
 * - Hours are wall-clock intervals `HH:MM-HH:MM`, several a day, minutes allowed; `24:00` closes at
 *   the end of the day. An interval that ends before it starts (`22:00-06:00`) is a night shift: it
 *   belongs to the day it OPENS on, so it runs only when that day is a working, non-holiday day, and
 *   a holiday on the day it closes does not cut it short.
 * - Intervals may not overlap, also across midnight (`22:00-06:00, 05:00-09:00` is refused).
 * - DST: each opening and closing is turned into an instant as `toInstant` does (a time skipped by
 *   the spring jump moves forward by the gap, a repeated time is the earlier one), and an interval
 *   lasts the real time between them: `02:00-03:00` on 2024-03-31 in Europe/Berlin lasts 0 h, on
 *   2024-10-27 it lasts 2 h. Elsewhere it lasts what the clock says.
 * - Holidays are whole local dates, excluded even on a working day.
 *
 * Speed: every local day's working intervals are built once per calendar and kept with a running
 * total of business time from an anchor day, so a call costs two lookups and a few additions, and
 * a span of years no loop over its days.
 * The cache holds every day between the first instant asked about and the farthest one, built once
 * at ~1 µs and a few hundred bytes a day (two zone-offset lookups): decades cost a fraction of a
 * second, but a stray year-0001 timestamp would cost seconds and ~300 MB, so callers should refuse
 * implausible years before asking. A deadline finds its day by the running totals (a gallop and a
 * halving, so a 90-day target costs a few lookups, not 126 days' walk) and so builds the cache a
 * year past the instants it starts from.
 */
import { toInstant, toWallClock, type Invalid } from '../fields/values.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;
/** Days in a row without working time after which a deadline is taken as never met. */
const MAX_IDLE_DAYS = 366;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One daily working interval in minutes after local midnight; `end < start` runs into the next day. */
export interface DailyInterval {
  readonly start: number;
  readonly end: number;
}

/** What the engine needs to know about a schedule; build one with `parseHours` and a holiday predicate. */
export interface CalendarSpec {
  /** An IANA zone the caller has checked (`isValidTimeZone`). */
  readonly timezone: string;
  readonly days: readonly Weekday[];
  readonly hours: readonly DailyInterval[];
  /** True for a local date (`2024-12-25`) that is a holiday; omitted: none. */
  readonly isHoliday?: (localDate: string) => boolean;
}

/** One local day: the instant it starts at, and its working intervals as instants (sorted, disjoint). */
interface WorkingDay {
  readonly midnight: number;
  readonly opens: readonly number[];
  readonly closes: readonly number[];
}

/**
 * A calendar with its day cache. The cache only memoizes facts of the schedule, so one calendar can
 * serve every ticket of a run in any order and give the same answers.
 */
export class BusinessCalendar {
  readonly spec: CalendarSpec;
  private readonly workingWeekdays: readonly boolean[];
  /** Local day number (days since 1970-01-01 on the zone's wall clock) of the cache's anchor. */
  private anchor = Number.NaN;
  /** The zone's UTC offset (ms) at the first instant asked about. */
  private anchorOffset = 0;
  // Days anchor, anchor+1, … and anchor−1, anchor−2, …; `running*` is the business time from the
  // anchor's start to the start of that day (negative before the anchor).
  private readonly daysAfter: WorkingDay[] = [];
  private readonly runningAfter: number[] = [];
  private readonly daysBefore: WorkingDay[] = [];
  private readonly runningBefore: number[] = [];

  constructor(spec: CalendarSpec) {
    this.spec = spec;
    // Index 0 = Sunday, as Date#getUTCDay counts.
    this.workingWeekdays = [6, 0, 1, 2, 3, 4, 5].map((index) => spec.days.includes(WEEKDAYS[index] as Weekday));
  }

  // The last span asked about and its answer: a ticket's mean and its percentiles ask in a row.
  private lastFrom = Number.NaN;
  private lastTo = Number.NaN;
  private lastMilliseconds = Number.NaN;

  /** Business milliseconds in [from, to); 0 when to <= from; NaN when either is not a finite instant. */
  milliseconds(from: number, to: number): number {
    if (!Number.isFinite(from) || !Number.isFinite(to)) return Number.NaN;
    if (to <= from) return 0;
    if (from === this.lastFrom && to === this.lastTo) return this.lastMilliseconds;
    this.lastFrom = from;
    this.lastTo = to;
    this.lastMilliseconds = this.elapsedSinceAnchor(to) - this.elapsedSinceStart(from);
    return this.lastMilliseconds;
  }

  // The last start asked about: a ticket's durations and SLA deadlines all start at its creation.
  private lastStart = Number.NaN;
  private lastStartElapsed = Number.NaN;

  /** elapsedSinceAnchor of a span's start, remembered for the next span that starts there. */
  private elapsedSinceStart(instant: number): number {
    if (instant !== this.lastStart) {
      this.lastStart = instant;
      this.lastStartElapsed = this.elapsedSinceAnchor(instant);
    }
    return this.lastStartElapsed;
  }

  /** Business time from the anchor's start to `instant` (negative before the anchor). */
  private elapsedSinceAnchor(instant: number): number {
    const day = this.localDay(instant);
    // Shifts of days before `day − 1` have closed by `instant` (a night shift closes the next day);
    // shifts of days after `day` have not opened.
    return this.runningAt(day - 1) + workedBy(this.workingDay(day - 1), instant) + workedBy(this.workingDay(day), instant);
  }

  /**
   * The earliest instant at which the business time since `from` reaches `duration` ms
   * (metrics.md §3.7 "Deadlines": 24 h from Mon 09:00 on 09:00-17:00 is Wed 17:00, not Thu 09:00);
   * `from` itself for 0. NaN when `from` is not finite, `duration` is negative or not finite, or no
   * working time is met in MAX_IDLE_DAYS days in a row (a calendar of holidays only).
   */
  deadline(from: number, duration: number): number {
    if (!Number.isFinite(from) || !Number.isFinite(duration) || duration < 0) return Number.NaN;
    if (duration === 0) return from;
    // Day − 1 first: its night shift may still be running at `from`.
    const first = this.localDay(from) - 1;
    const target = this.elapsedSinceStart(from) + duration;
    const day = this.dayReaching(target, first);
    return day === undefined ? this.walkToDeadline(from, duration, first) : this.instantWithin(day, target - this.runningAt(day));
  }

  /**
   * The first day from `first` whose shifts bring the running total to `target` (days are found by
   * the running totals, in a few lookups however far the deadline is), or undefined when that is
   * not within MAX_IDLE_DAYS + 1 days: the walk then decides (and sees a year without work).
   */
  private dayReaching(target: number, first: number): number | undefined {
    const last = first + MAX_IDLE_DAYS;
    if (this.runningAt(last + 1) < target) return undefined;
    // Gallop to a day that reaches the target, then halve: runningAt(d + 1) is the work of days ≤ d.
    let low = first;
    let high = first;
    for (let step = 1; this.runningAt(high + 1) < target; step *= 2) {
      low = high + 1;
      high = Math.min(last, high + step);
    }
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (this.runningAt(middle + 1) >= target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** The instant at which `day`'s shifts have worked `worked` ms (0 < worked ≤ the day's total). */
  private instantWithin(day: number, worked: number): number {
    const { opens, closes } = this.workingDay(day);
    let remaining = worked;
    for (let index = 0; index < opens.length; index++) {
      const available = (closes[index] as number) - (opens[index] as number);
      if (remaining <= available) return (opens[index] as number) + remaining;
      remaining -= available;
    }
    return Number.NaN;
  }

  /** The deadline found day by day (a deadline more than a year of days away, or never met). */
  private walkToDeadline(from: number, duration: number, first: number): number {
    let remaining = duration;
    let idleDays = 0;
    for (let day = first; idleDays <= MAX_IDLE_DAYS; day++) {
      const { opens, closes } = this.workingDay(day);
      if (opens.length === 0) idleDays++;
      else idleDays = 0;
      for (let index = 0; index < opens.length; index++) {
        const start = Math.max(opens[index] as number, from);
        const available = (closes[index] as number) - start;
        if (available < 0) continue;
        if (remaining <= available) return start + remaining;
        remaining -= available;
      }
    }
    return Number.NaN;
  }

  /**
   * The local day holding `instant`: days start at their cached midnights, so after a first guess
   * with the anchor's UTC offset (off by the zone's offset changes, never a whole day) at most one
   * step corrects it, without asking Intl for the offset on every call.
   */
  private localDay(instant: number): number {
    if (Number.isNaN(this.anchor)) {
      const wallClock = toWallClock(instant, this.spec.timezone);
      this.anchor = Math.floor(wallClock / DAY_MS);
      this.anchorOffset = wallClock - instant;
    }
    let day = Math.floor((instant + this.anchorOffset) / DAY_MS);
    while (instant < this.workingDay(day).midnight) day--;
    while (instant >= this.workingDay(day + 1).midnight) day++;
    return day;
  }

  private runningAt(day: number): number {
    this.reach(day);
    return day >= this.anchor ? (this.runningAfter[day - this.anchor] as number) : (this.runningBefore[this.anchor - 1 - day] as number);
  }

  private workingDay(day: number): WorkingDay {
    this.reach(day);
    return day >= this.anchor ? (this.daysAfter[day - this.anchor] as WorkingDay) : (this.daysBefore[this.anchor - 1 - day] as WorkingDay);
  }

  /** Builds the cache out to `day` (and the day after, whose running total needs `day`). */
  private reach(day: number): void {
    while (this.anchor + this.daysAfter.length <= day + 1) {
      const next = this.anchor + this.daysAfter.length;
      const running = this.daysAfter.length === 0 ? 0 : (this.runningAfter.at(-1) as number) + total(this.daysAfter.at(-1) as WorkingDay);
      this.daysAfter.push(this.buildDay(next));
      this.runningAfter.push(running);
    }
    while (this.anchor - this.daysBefore.length > day) {
      const previous = this.anchor - 1 - this.daysBefore.length;
      const built = this.buildDay(previous);
      const runningAfterIt = this.daysBefore.length === 0 ? 0 : (this.runningBefore.at(-1) as number);
      this.daysBefore.push(built);
      this.runningBefore.push(runningAfterIt - total(built));
    }
  }

  private buildDay(day: number): WorkingDay {
    const { timezone, hours, isHoliday } = this.spec;
    const midnight = day * DAY_MS;
    const opens: number[] = [];
    const closes: number[] = [];
    const start = toInstant(midnight, timezone);
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    if (!this.workingWeekdays[weekday] || isHoliday?.(localDateText(day)) === true) return { midnight: start, opens, closes };
    for (const { start, end } of hours) {
      const endMinutes = end > start ? end : end + MINUTES_PER_DAY;
      const open = toInstant(midnight + start * MINUTE_MS, timezone);
      const close = toInstant(midnight + endMinutes * MINUTE_MS, timezone);
      if (close > open) {
        opens.push(open);
        closes.push(close);
      }
    }
    return { midnight: start, opens, closes };
  }
}

/** Working time of `day` that has passed at `instant`. */
function workedBy(day: WorkingDay, instant: number): number {
  let worked = 0;
  for (let index = 0; index < day.opens.length; index++) {
    const open = day.opens[index] as number;
    if (instant <= open) break;
    worked += Math.min(instant, day.closes[index] as number) - open;
  }
  return worked;
}

function total(day: WorkingDay): number {
  let sum = 0;
  for (let index = 0; index < day.opens.length; index++) sum += (day.closes[index] as number) - (day.opens[index] as number);
  return sum;
}

/** `2024-12-25` for a local day number. */
function localDateText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Working seconds in [from, to) (epoch ms) under `calendar`; 0 when to <= from. */
export function businessSeconds(calendar: BusinessCalendar, from: number, to: number): number {
  return calendar.milliseconds(from, to) / 1000;
}

/** The instant `seconds` of working time after `from` (epoch ms) under `calendar`; see BusinessCalendar#deadline. */
export function businessDeadline(calendar: BusinessCalendar, from: number, seconds: number): number {
  return calendar.deadline(from, seconds * 1000);
}

// ── hours text ──────────────────────────────────────────────────────────────────────────────

const INTERVAL_PATTERN = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/**
 * `"09:00-13:00, 14:00-18:00"` → daily intervals sorted by opening, or what is wrong. `24:00` only
 * closes; `00:00-24:00` is the whole day; an interval that closes before it opens is a night shift.
 */
export function parseHours(text: string): DailyInterval[] | Invalid {
  const parts = text.split(',').map((part) => part.trim());
  const intervals: DailyInterval[] = [];
  for (const part of parts) {
    const match = INTERVAL_PATTERN.exec(part);
    if (match === null) return { invalid: `"${part}" is not an interval like 09:00-18:00` };
    const start = readMinutes(match[1] as string, match[2] as string);
    const end = readMinutes(match[3] as string, match[4] as string);
    if (start === undefined || end === undefined || start === MINUTES_PER_DAY) {
      return { invalid: `"${part}" has a time outside 00:00-23:59 (24:00 may only close an interval)` };
    }
    if (start === end) return { invalid: `"${part}" is empty (opens and closes at the same time)` };
    intervals.push({ start, end });
  }
  intervals.sort((left, right) => left.start - right.start);
  const overlap = findOverlap(intervals);
  return overlap === undefined ? intervals : { invalid: `${formatInterval(overlap[0])} and ${formatInterval(overlap[1])} overlap` };
}

function readMinutes(hours: string, minutes: string): number | undefined {
  const value = Number(hours) * 60 + Number(minutes);
  return Number(minutes) < 60 && value <= MINUTES_PER_DAY ? value : undefined;
}

/** Two intervals that overlap, counting a night shift's hours after midnight against the next day's. */
function findOverlap(sorted: readonly DailyInterval[]): [DailyInterval, DailyInterval] | undefined {
  const closing = (interval: DailyInterval): number => (interval.end > interval.start ? interval.end : interval.end + MINUTES_PER_DAY);
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1] as DailyInterval;
    const current = sorted[index] as DailyInterval;
    if (closing(previous) > current.start) return [previous, current];
  }
  const last = sorted.at(-1);
  const first = sorted[0];
  // The last interval of one day against the first of the next.
  if (last !== undefined && first !== undefined && closing(last) > first.start + MINUTES_PER_DAY) return [last, first];
  return undefined;
}

const formatInterval = ({ start, end }: DailyInterval): string => `${formatMinutes(start)}-${formatMinutes(end)}`;
const formatMinutes = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
