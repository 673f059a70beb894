/**
 * Calendar periods for `--period` and the `--from`/`--to` bounds. Keys and bounds are computed on
 * the wall clock of the given IANA zone, so a day in Europe/Berlin on 2024-03-31 is 23 h long.
 * Weeks are ISO weeks (Monday first; week 1 holds January 4th), keyed by ISO week-numbering year.
 */
// One module per function: the package index is slow to load, in every thread (bench/RESULTS.md, "date-fns by function").
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { isExists } from 'date-fns/isExists';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfISOWeekYear } from 'date-fns/startOfISOWeekYear';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfYear } from 'date-fns/startOfYear';
import { NOT_ISO_8601, parseIsoTimestamp, toInstant, toWallClock, WallClockDate, type Invalid } from '../fields/values.js';

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

// Zero-padded, most significant field first: keys of one period sort chronologically as strings.
const KEY_PATTERN: Readonly<Record<Period, string>> = {
  day: 'yyyy-MM-dd',
  week: "RRRR-'W'II",
  month: 'yyyy-MM',
  quarter: "yyyy-'Q'Q",
  year: 'yyyy',
};

const START_OF: Readonly<Record<Period, (date: Date) => Date>> = {
  day: startOfDay,
  week: startOfISOWeek,
  month: startOfMonth,
  quarter: startOfQuarter,
  year: startOfYear,
};

const ADD_ONE: Readonly<Record<Period, (date: Date) => Date>> = {
  day: (date) => addDays(date, 1),
  week: (date) => addWeeks(date, 1),
  month: (date) => addMonths(date, 1),
  quarter: (date) => addQuarters(date, 1),
  year: (date) => addYears(date, 1),
};

/** A period on the time line: instants in [start, end) have `key`. */
export interface PeriodSpan {
  start: number;
  end: number;
  key: string;
  /**
   * Its calendar's number for the span, 0, 1, 2… in the order spans are met, for hot paths to
   * index arrays with instead of looking the key up; −1 for a span that could not be kept. Never
   * sent to another thread nor mixed with another calendar's: each numbers its spans its own way.
   */
  index: number;
}

const DAY_MS = 86_400_000;
/** Slots of the day cache (a power of two): ~2.8 years of days before two share a slot. */
const DAY_SLOTS = 1024;

/**
 * Bucket width per period: shorter than the shortest such period (a 23-hour day, a 28-day month),
 * so a bucket overlaps at most two spans, and a span lies in at most 16 buckets.
 */
const BUCKET_MS: Readonly<Record<Period, number>> = {
  day: DAY_MS / 4,
  week: DAY_MS,
  month: 7 * DAY_MS,
  quarter: 7 * DAY_MS,
  year: 28 * DAY_MS,
};

/**
 * The periods of one type in one zone met so far, owned by whoever creates it (a scorecard, for
 * its rows and its backlog counts): nothing is kept between runs, so two runs in one process never
 * share spans, numbers or memory. A row's period is found in a hash of time buckets — one Map
 * lookup and a span or two to compare, no allocation — and computed with date-fns only the first
 * time a period is met. Rows come in any order (exports are often sorted by id or team, not by
 * date), so a period may be met between two known ones: a bucket takes it in constant time, where
 * a sorted list would shift every later period (quadratic). Before the buckets, a small cache by
 * UTC day: a ticket asks for the period of two or three stamps, so the lookup showed in profiles
 * (bench/RESULTS.md, "Period calendar").
 */
export class PeriodCalendar {
  readonly period: Period;
  readonly tz: string;
  /** Bucket number (instant ÷ the period's BUCKET_MS, rounded down) → the kept spans that overlap it. */
  readonly #buckets = new Map<number, PeriodSpan[]>();
  readonly #bucketMs: number;
  /** Per slot (the UTC day number mod DAY_SLOTS): the day cached there, NaN when none. */
  readonly #days = new Float64Array(DAY_SLOTS).fill(Number.NaN);
  /** The span holding the whole of that UTC day. */
  readonly #daySpans = new Array<PeriodSpan | undefined>(DAY_SLOTS).fill(undefined);
  /** Spans kept so far: the next one's `index`. */
  #kept = 0;

  constructor(period: Period, tz: string) {
    this.period = period;
    this.tz = tz;
    this.#bucketMs = BUCKET_MS[period];
  }

  /** The period holding `instant`, with its bounds: a shared object, to read and not to keep. */
  spanOf(instant: number): Readonly<PeriodSpan> {
    const day = Math.floor(instant / DAY_MS);
    const slot = day & (DAY_SLOTS - 1);
    if (this.#days[slot] === day) return this.#daySpans[slot] as PeriodSpan;
    const span = this.#findSpan(instant);
    // Only a span holding the whole UTC day answers for it: a period that starts at local midnight
    // in another zone starts inside a UTC day, and instants on that day go through the buckets.
    if (span.index >= 0 && span.start <= day * DAY_MS && (day + 1) * DAY_MS <= span.end) {
      this.#days[slot] = day;
      this.#daySpans[slot] = span;
    }
    return span;
  }

  #findSpan(instant: number): PeriodSpan {
    const near = this.#buckets.get(Math.floor(instant / this.#bucketMs));
    if (near !== undefined) {
      for (const span of near) if (instant >= span.start && instant < span.end) return span;
    }
    const span = computePeriodSpan(instant, this.period, this.tz);
    // Kept only when it holds the instant, as it always should: a bucket must list only its own spans.
    if (instant >= span.start && instant < span.end) {
      span.index = this.#kept;
      this.#kept += 1;
      this.#keep(span);
    }
    return span;
  }

  /** Lists a span in every bucket it overlaps (a bounded number: see BUCKET_MS). */
  #keep(span: PeriodSpan): void {
    const last = Math.floor((span.end - 1) / this.#bucketMs);
    for (let bucket = Math.floor(span.start / this.#bucketMs); bucket <= last; bucket += 1) {
      const spans = this.#buckets.get(bucket);
      if (spans === undefined) this.#buckets.set(bucket, [span]);
      else spans.push(span);
    }
  }
}

/**
 * Whether an array by span index (read instead of a key lookup, on a hot path) may hold slot
 * `index` when it leads to `entries` things. Indices count every span the calendar has met, so an
 * array per segment sized by them costs memory per segment × period (~8 KB a segment at 1,000
 * days: gigabytes at 100,000 segments); held to its entries, it grows only as they do. A span
 * past the bound is found by its key instead.
 */
export function fitsSpanShortcut(index: number, entries: number): boolean {
  return index >= 0 && index < 4 * entries + 16;
}

/**
 * The key of the period holding `instant` on the wall clock of `tz`: `2024-01-15`, `2024-W03`,
 * `2024-01`, `2024-Q1`, `2024`. Computed afresh: a hot path keeps a PeriodCalendar instead.
 */
export function periodKey(instant: number, period: Period, tz: string): string {
  return computePeriodSpan(instant, period, tz).key;
}

function computePeriodSpan(instant: number, period: Period, tz: string): PeriodSpan {
  const start = START_OF[period](new WallClockDate(toWallClock(instant, tz)));
  return { key: formatKey(start, period), start: toInstant(start.getTime(), tz), end: toInstant(+ADD_ONE[period](start), tz), index: -1 };
}

/**
 * KEY_PATTERN written out for the start of a period: date-fns `format` reads its pattern again at
 * every call, most of the cost of a new period (bench/RESULTS.md, "Period calendar").
 * Years outside 1–9999 go through `format`, which has its own rules for them.
 */
function formatKey(start: WallClockDate, period: Period): string {
  const year = start.getUTCFullYear();
  if (year < 1 || year > 9999) return format(start, KEY_PATTERN[period]);
  const month = start.getUTCMonth() + 1;
  switch (period) {
    case 'day':
      return `${pad(year, 4)}-${pad(month, 2)}-${pad(start.getUTCDate(), 2)}`;
    case 'week': {
      // An ISO week belongs to the year of its Thursday, and is numbered from that year's first Thursday.
      const thursday = new WallClockDate(start.getTime() + 3 * DAY_MS);
      const weekYear = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - toMidnight(weekYear, 0, 1).getTime()) / (7 * DAY_MS)) + 1;
      return `${pad(weekYear, 4)}-W${pad(week, 2)}`;
    }
    case 'month':
      return `${pad(year, 4)}-${pad(month, 2)}`;
    case 'quarter':
      return `${pad(year, 4)}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return pad(year, 4);
  }
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The first instant of the period `key` (as `periodKey` writes it) in `tz`. */
export function periodStart(key: string, period: Period, tz: string): number {
  return toInstant(readKeyStart(key, period).getTime(), tz);
}

/** The first instant after the period `key`: the start of the next period (exclusive end). */
export function periodEnd(key: string, period: Period, tz: string): number {
  return toInstant(+ADD_ONE[period](readKeyStart(key, period)), tz);
}

const KEY_SHAPE: Readonly<Record<Period, RegExp>> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

/** The wall-clock start of a period key; throws on a malformed key, which only a bug can produce. */
function readKeyStart(key: string, period: Period): WallClockDate {
  const match = KEY_SHAPE[period].exec(key);
  const start = match === null ? undefined : startOfKey(period, Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1));
  if (start === undefined) throw new RangeError(`"${key}" is not a ${period} key`);
  return start;
}

function startOfKey(period: Period, year: number, second: number, day: number): WallClockDate | undefined {
  switch (period) {
    case 'week': {
      // ISO week 1 is the week holding January 4th.
      const january4 = toMidnight(year, 0, 4);
      if (second < 1 || second > getISOWeeksInYear(january4)) return undefined;
      return addWeeks(startOfISOWeekYear(january4), second - 1);
    }
    case 'quarter':
      return toMidnight(year, (second - 1) * 3, 1);
    default: {
      const isReal = second >= 1 && second <= 12 && day >= 1 && (day <= 28 || isExists(year, second - 1, day));
      return isReal ? toMidnight(year, second - 1, day) : undefined;
    }
  }
}

/** Midnight of a calendar date; `setUTCFullYear`, unlike `Date.UTC`, reads years 0–99 as written. */
function toMidnight(year: number, monthIndex: number, day: number): WallClockDate {
  const date = new WallClockDate(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

const YEAR = /^\d{4}$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A `--from`/`--to` bound: `2024`, `2024-01` (= 2024-01-01T00:00 in `tz`), `2024-01-31`, or a full
 * ISO 8601 timestamp with or without an offset.
 */
export function parseDateBound(text: string, tz: string): number | Invalid {
  const trimmed = text.trim();
  const instant = YEAR.test(trimmed)
    ? periodStart(trimmed, 'year', tz)
    : YEAR_MONTH.test(trimmed)
      ? readMonthBound(trimmed, tz)
      : parseIsoTimestamp(trimmed, tz);
  if (typeof instant === 'number' && Number.isNaN(instant)) return { invalid: `unknown time zone ${tz}` };
  // The data's hint (--date-format) does not apply to a bound.
  return instant === NOT_ISO_8601 ? { invalid: 'not a date' } : instant;
}

function readMonthBound(text: string, tz: string): number | Invalid {
  const month = Number(text.slice(5));
  return month >= 1 && month <= 12 ? periodStart(text, 'month', tz) : { invalid: 'no such month' };
}
