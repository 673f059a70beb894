/**
 * Reading dates and times: time zones and wall-clock time, ISO 8601, and a catalogue of the other
 * layouts real exports write (exports.md §1–§4), each with a fast parser. A column's layout is
 * chosen once (column-formats.ts detects it, or `--date-format` names it); every row then costs
 * one precompiled regex, integer arithmetic and `toInstant`, never a date-fns `parse` (too slow
 * for millions of rows: bench/RESULTS.md, "Date parsing") unless the user's pattern is one the catalogue lacks.
 * Pure: the time zone comes in as an argument, never from the machine.
 */
import { tzOffset } from '@date-fns/tz';
// One module per function: the package index is slow to load, in every thread (bench/RESULTS.md, "date-fns by function").
import { format as formatDate } from 'date-fns/format';
import { parse as parseWithPattern } from 'date-fns/parse';
import type { Invalid } from './invalid.js';

// ── time zones and wall-clock time ──────────────────────────────────────────────────────────

/** True for a zone name `Intl` knows (`Europe/Berlin`, `UTC`, `Etc/GMT-3`). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A Date whose "local" fields are its UTC fields. It carries a *wall-clock* time (the time of day
 * as a clock in some zone shows it, stored as if that clock were in UTC), so that date-fns can do
 * calendar arithmetic on it (start of ISO week, next month) without the machine's time zone ever
 * taking part. Same idea as @date-fns/utc's UTCDate, which is not a dependency.
 */
export class WallClockDate extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getDay(): number {
    return this.getUTCDay();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset(): number {
    return 0;
  }
  override setFullYear(...args: Parameters<Date['setUTCFullYear']>): number {
    return this.setUTCFullYear(...args);
  }
  override setMonth(...args: Parameters<Date['setUTCMonth']>): number {
    return this.setUTCMonth(...args);
  }
  override setDate(...args: Parameters<Date['setUTCDate']>): number {
    return this.setUTCDate(...args);
  }
  override setHours(...args: Parameters<Date['setUTCHours']>): number {
    return this.setUTCHours(...args);
  }
  override setMinutes(...args: Parameters<Date['setUTCMinutes']>): number {
    return this.setUTCMinutes(...args);
  }
  override setSeconds(...args: Parameters<Date['setUTCSeconds']>): number {
    return this.setUTCSeconds(...args);
  }
  override setMilliseconds(...args: Parameters<Date['setUTCMilliseconds']>): number {
    return this.setUTCMilliseconds(...args);
  }
}

const DAY_MS = 86_400_000;

/** The zone's UTC offset at an instant, in ms (historical offsets can hold seconds, hence the rounding). */
const readOffsetMs = (tz: string, instant: number): number => Math.round(tzOffset(tz, new Date(instant)) * 60) * 1000;

/** The wall-clock time (as epoch ms read in UTC) that a clock in `tz` shows at `instant`. */
export function toWallClock(instant: number, tz: string): number {
  return tz === 'UTC' ? instant : instant + readOffsetMs(tz, instant);
}

/**
 * The instant at which a clock in `tz` shows `wallClock`; NaN for an unknown zone.
 *
 * DST, resolved as Temporal's default ("compatible") and java.time do:
 * - a time that does not exist (clocks jump forward over it: 2024-03-31 02:30 in Europe/Berlin)
 *   is read with the offset before the jump, i.e. moved forward by the gap → 03:30 CEST;
 * - a time that occurs twice (clocks fall back: 2024-10-27 02:30 in Europe/Berlin) is the
 *   earlier of the two → 02:30 CEST = 00:30Z.
 * Not TZDate's constructor: its answer for a repeated time depends on the machine's own zone
 * (00:30Z under TZ=Europe/Berlin, 01:30Z under TZ=UTC), and results must not.
 */
export function toInstant(wallClock: number, tz: string): number {
  if (tz === 'UTC') return wallClock;
  const dayOffset = readDayOffset(Math.floor(wallClock / DAY_MS), tz);
  return Number.isNaN(dayOffset) ? resolveNearTransition(wallClock, tz) : wallClock - dayOffset;
}

// Per zone, per wall-clock day: the day's UTC offset in ms, or NaN when it may change during the
// day. Offsets change a few times a year, so almost every value costs one Map lookup.
// Module-level on purpose: a memo of the zone database's facts, the same for every run in the
// process (as Intl's own caches are), bounded per zone; sharing it changes no value of any run.
const dayOffsetsByZone = new Map<string, Map<number, number>>();
const MAX_CACHED_DAYS = 100_000;

function readDayOffset(day: number, tz: string): number {
  let dayOffsets = dayOffsetsByZone.get(tz);
  if (dayOffsets === undefined) {
    dayOffsets = new Map();
    dayOffsetsByZone.set(tz, dayOffsets);
  }
  let offset = dayOffsets.get(day);
  if (offset === undefined) {
    // Any time on this wall-clock day is an instant within 14 h of it, so equal offsets a day
    // before and after the day mean none of its times is near a transition.
    const dayStart = day * DAY_MS;
    const offsetBefore = readOffsetMs(tz, dayStart - DAY_MS);
    offset = offsetBefore === readOffsetMs(tz, dayStart + 2 * DAY_MS) ? offsetBefore : Number.NaN;
    if (dayOffsets.size >= MAX_CACHED_DAYS) dayOffsets.clear();
    dayOffsets.set(day, offset);
  }
  return offset;
}

function resolveNearTransition(wallClock: number, tz: string): number {
  // The true offset lies within ±14 h, so the offsets a day either side bracket the transition.
  const offsetBefore = readOffsetMs(tz, wallClock - DAY_MS);
  const offsetAfter = readOffsetMs(tz, wallClock + DAY_MS);
  const earlier = wallClock - offsetBefore;
  if (offsetBefore === offsetAfter) return earlier;
  const later = wallClock - offsetAfter;
  const isEarlierReal = readOffsetMs(tz, earlier) === offsetBefore;
  const isLaterReal = readOffsetMs(tz, later) === offsetAfter;
  if (isEarlierReal && isLaterReal) return Math.min(earlier, later);
  if (isLaterReal) return later;
  return earlier;
}

/** `toInstant`, with an unknown zone reported instead of NaN. */
function resolveInZone(wallClock: number, tz: string): number | Invalid {
  const instant = toInstant(wallClock, tz);
  return Number.isNaN(instant) ? { invalid: `unknown time zone ${tz}` } : instant;
}

// ── calendar checks shared by every layout ──────────────────────────────────────────────────

const NO_SUCH_DATE: Invalid = { invalid: 'no such date' };
const NO_SUCH_TIME: Invalid = { invalid: 'no such time of day' };
const NO_SUCH_OFFSET: Invalid = { invalid: 'no such UTC offset' };

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Whether day `day` of month `month` (1–12) exists in `year`: 31/02 and 29/02/2023 do not. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (day <= 28) return true;
  if (month === 2) return day === 29 && isLeapYear(year);
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
 * `days_from_civil`), for years from 1. Integer arithmetic: Date.UTC gives the same days but
 * costs several times more, which shows on millions of timestamps.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  // Years start in March, so a leap day is the last day of its year.
  const y = month <= 2 ? year - 1 : year;
  // `| 0` divides as integers; it floors as the algorithm wants because y is not negative.
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Years whose month starts are looked up rather than computed: the ones exports hold. */
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
/** Days from 1970-01-01 to the first of each month of 1900–2199, in order (14 KB). */
const MONTH_STARTS = Int32Array.from({ length: TABLE_YEARS * 12 }, (_, i) =>
  daysFromCivil(TABLE_FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1, 1),
);

/** `daysFromCivil` for a checked date, by table lookup for 1900–2199 (three stamps a ticket: the arithmetic showed). */
export function daysFromEpoch(year: number, month: number, day: number): number {
  const at = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  return at >= 0 && at < MONTH_STARTS.length ? (MONTH_STARTS[at] as number) + day - 1 : daysFromCivil(year, month, day);
}

/** `Date.UTC(year, month - 1, …)` for a checked date (year ≥ 100) and time of day. */
const toEpochMs = (year: number, month: number, day: number, hours: number, minutes: number, seconds: number, ms: number): number =>
  daysFromEpoch(year, month, day) * DAY_MS + ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;

/**
 * A two-digit year as POSIX `strptime %y` and Python read it: 00–68 → 2000–2068, 69–99 →
 * 1969–1999, in every layout (`M/d/yy`, Jira's `dd/MMM/yy`, Excel's `d-MMM-yy`). Not Excel's
 * own pivot (00–29 → 20xx, 30–99 → 19xx): that one is for years people type, while exports
 * write the dates of recent events, which from 2030 on it would put a century back; and one
 * rule for every layout keeps the years xla read before the same.
 */
export const expandTwoDigitYear = (yy: number): number => (yy <= 68 ? 2000 + yy : 1900 + yy);

/** Milliseconds from the first 1–9 digits of a fraction of a second (`1` → 100, `123456` → 123). */
const readFractionMs = (fraction: string | undefined): number => (fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')));

// ── ISO 8601 ────────────────────────────────────────────────────────────────────────────────

export const NOT_ISO_8601: Invalid = { invalid: 'not an ISO 8601 date (use --date-format for other layouts)' };

// `2024-01-15`, then optionally `T`/space `10:20[:30[.123]]`, then optionally an offset:
// `Z`, `+03:00`, `+0300`, `+03`, or ` UTC`/` GMT` as Google Play's stats files write it.
export const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$/;

/**
 * Reads ISO 8601 text (`2024-01-15`, `2024-01-15T10:20`, `2024-01-15 10:20:30.123+03:00`) into
 * epoch ms. Without an offset the text is wall time in `tz` (see `toInstant` for DST edges).
 * Digits beyond milliseconds are dropped.
 */
export function parseIsoTimestamp(text: string, tz: string): number | Invalid {
  const fast = parseIsoFast(text, tz);
  if (fast !== undefined) return fast;
  const match = ISO_TIMESTAMP.exec(text);
  if (match === null) return NOT_ISO_8601;
  const [, year, month, day, hours, minutes, seconds, fraction, zone, offsetSign, offsetHours, offsetMinutes] = match;
  const y = Number(year);
  // Years 0–99 are refused: JavaScript dates, and the tools built on them, read them as 1900–1999.
  if (y < 100) return { invalid: `year ${year} is not supported` };
  if (!isCalendarDate(y, Number(month), Number(day))) return NO_SUCH_DATE;
  const h = Number(hours ?? 0);
  const min = Number(minutes ?? 0);
  const s = Number(seconds ?? 0);
  if (h > 23 || min > 59 || s > 59) return NO_SUCH_TIME;
  const wallClock = toEpochMs(y, Number(month), Number(day), h, min, s, readFractionMs(fraction));
  if (zone === undefined) return resolveInZone(wallClock, tz);
  return applyOffset(wallClock, offsetSign, offsetHours, offsetMinutes);
}

const ZERO = 48;

/** The two digits at `at` as a number, or -1 when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const units = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/**
 * The common machine shapes `yyyy-MM-ddTHH:mm:ss[Z]` (T or space) read by character codes: most
 * timestamps in big exports have them, and the regex costs several times more. Anything else —
 * or any doubt — returns undefined and goes the general way.
 */
function parseIsoFast(text: string, tz: string): number | Invalid | undefined {
  const length = text.length;
  if (length !== 19 && length !== 20) return undefined;
  if (length === 20 && text.charCodeAt(19) !== 90 && text.charCodeAt(19) !== 122) return undefined; // Z or z
  const separator = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (separator !== 84 && separator !== 32 && separator !== 116))
    return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const h = twoDigits(text, 11);
  const min = twoDigits(text, 14);
  const s = twoDigits(text, 17);
  if (century < 1 || yy < 0 || month < 0 || day < 0 || h < 0 || min < 0 || s < 0) return undefined;
  const y = century * 100 + yy;
  if (!isCalendarDate(y, month, day)) return NO_SUCH_DATE;
  if (h > 23 || min > 59 || s > 59) return NO_SUCH_TIME;
  const wallClock = toEpochMs(y, month, day, h, min, s, 0);
  return length === 20 ? wallClock : resolveInZone(wallClock, tz);
}

/** The instant of a wall clock written with an offset (`+03:00`); no sign means UTC (`Z`, `GMT`). */
function applyOffset(
  wallClock: number,
  sign: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
): number | Invalid {
  if (sign === undefined) return wallClock;
  const offsetH = Number(hours);
  const offsetM = Number(minutes ?? 0);
  if (offsetH > 23 || offsetM > 59) return NO_SUCH_OFFSET;
  const offsetMs = (offsetH * 60 + offsetM) * 60_000;
  return sign === '+' ? wallClock - offsetMs : wallClock + offsetMs;
}

// ── the catalogue ───────────────────────────────────────────────────────────────────────────

/** One way of writing a date/time, chosen once per column. */
export interface DateFormat {
  /** Stable identifier (`dmy-slash`), for tests and JSON output. */
  readonly id: string;
  /**
   * For people (`xla inspect`, error messages): a date-fns-style pattern; `[…]` marks an optional
   * part, as in java.time. A pattern the user gave is shown as given.
   */
  readonly pattern: string;
  /** true: day before month (`d/M/yyyy`); false: month before day (`M/d/yyyy`); null: order is not in question. */
  readonly isDayFirst: boolean | null;
  /** Set on Unix-time formats, whose JSON numbers are read by magnitude (`parseEpochNumber`). */
  readonly isEpoch?: boolean;
  /** Epoch ms of trimmed `text`; a time without an offset in the text is wall time in `tz`. */
  parse(text: string, tz: string): number | Invalid;
}

/** A `--date-format` that date-fns cannot use; thrown once, when the format is created. */
export class DatePatternError extends Error {
  override readonly name = 'DatePatternError';
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`unusable --date-format ${pattern}: ${reason}`);
  }
}

// Where a numeric layout keeps its parts in the regex's groups. `time` is the first of five
// groups (hours, minutes, seconds, fraction, a/p of AM/PM); `zone` the first of four (GMT|UTC,
// sign, hours, minutes). A group past the end of the match reads as undefined, i.e. absent.
interface Layout {
  readonly id: string;
  readonly pattern: string;
  readonly isDayFirst: boolean | null;
  readonly regex: RegExp;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly time: number;
  readonly zone?: number;
  /** The month is a name or abbreviation (`Feb`, `July`, `июля`: see MONTH_NAMES) rather than a number. */
  readonly isMonthName?: boolean;
}

// ` 10:20`, ` 1:28:19 PM`, ` 10:20:30.123`, `, 10:20` (toLocaleString's comma). Hours take 1–2
// digits in every layout, and AM/PM (also `am`, `a.m.`) is accepted whatever the pattern says:
// the pattern decides the order of day and month, not the clock style.
const TIME = String.raw`(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s?([AaPp])\.?[Mm]\.?)?)?`;
// ` GMT+5:30`, ` GMT-4`, `GMT` (Google Forms' download writes the form owner's offset).
const ZONE = String.raw`(?:\s?(GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?)?`;

// Month names, read in any case: English (full, 3 letters, `Sept`) and Russian (full in the
// genitive, as dates are written — `31 июля 2018` — and in the nominative; the usual
// abbreviations `янв`, `февр`, `сент`, `нояб` … and Excel's three letters `фев`, `сен`, `ноя`).
// A dot after an abbreviation is the layout's business (`янв.`), not the name's.
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'января', 'январь', 'янв'],
  ['february', 'feb', 'февраля', 'февраль', 'февр', 'фев'],
  ['march', 'mar', 'марта', 'март', 'мар'],
  ['april', 'apr', 'апреля', 'апрель', 'апр'],
  ['may', 'мая', 'май'],
  ['june', 'jun', 'июня', 'июнь', 'июн'],
  ['july', 'jul', 'июля', 'июль', 'июл'],
  ['august', 'aug', 'августа', 'август', 'авг'],
  ['september', 'sep', 'sept', 'сентября', 'сентябрь', 'сент', 'сен'],
  ['october', 'oct', 'октября', 'октябрь', 'окт'],
  ['november', 'nov', 'ноября', 'ноябрь', 'нояб', 'ноя'],
  ['december', 'dec', 'декабря', 'декабрь', 'дек'],
];
/** A month name as the layouts match it (letters of any script; MONTH_BY_NAME decides). */
const MONTH_WORD = String.raw`\p{L}{3,9}`;
const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index + 1])));

/** The month (1–12) a name stands for, in any case; 0 for a word that is not one. */
export const readMonthName = (name: string): number => MONTH_BY_NAME.get(name.toLowerCase()) ?? 0;

const UNKNOWN_MONTH: Invalid = { invalid: 'not a month name xla reads (English or Russian)' };

/** Epoch ms from a match of a numeric layout, or why not. */
function readLayoutMatch(layout: Layout, match: RegExpExecArray, tz: string): number | Invalid {
  const yearText = match[layout.year] ?? '';
  const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText)) : Number(yearText);
  const monthText = match[layout.month] ?? '';
  const month = layout.isMonthName === true ? readMonthName(monthText) : Number(monthText);
  if (month === 0 && layout.isMonthName === true) return UNKNOWN_MONTH;
  const day = Number(match[layout.day]);
  if (year < 1000 || !isCalendarDate(year, month, day)) return NO_SUCH_DATE;
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  let ms = 0;
  const hoursText = match[layout.time];
  if (hoursText !== undefined) {
    hours = Number(hoursText);
    minutes = Number(match[layout.time + 1]);
    seconds = Number(match[layout.time + 2] ?? 0);
    ms = readFractionMs(match[layout.time + 3]);
    const meridiem = match[layout.time + 4];
    if (meridiem !== undefined) {
      // 12 AM is midnight, 12 PM noon; `0:30 AM` (seen from some exporters) is read as 00:30.
      if (hours > 12) return NO_SUCH_TIME;
      hours = (hours % 12) + (meridiem === 'p' || meridiem === 'P' ? 12 : 0);
    }
    if (hours > 23 || minutes > 59 || seconds > 59) return NO_SUCH_TIME;
  }
  const wallClock = toEpochMs(year, month, day, hours, minutes, seconds, ms);
  if (layout.zone === undefined || match[layout.zone] === undefined) return resolveInZone(wallClock, tz);
  // An offset in the text wins over the zone.
  return applyOffset(wallClock, match[layout.zone + 1], match[layout.zone + 2], match[layout.zone + 3]);
}

function createLayoutFormat(layout: Layout, mismatch: Invalid): DateFormat {
  const { regex } = layout;
  return {
    id: layout.id,
    pattern: layout.pattern,
    isDayFirst: layout.isDayFirst,
    parse: (text, tz) => {
      const match = regex.exec(text);
      return match === null ? mismatch : readLayoutMatch(layout, match, tz);
    },
  };
}

const doesNotMatch = (pattern: string): Invalid => ({ invalid: `does not match ${pattern}` });

// Day and month numbers take 1 or 2 digits in every numeric layout: ServiceNow writes
// `29/2/2016`, Boston 311 `01/02/2015`, and a column may hold both.
const LAYOUTS = {
  dmyDot: {
    id: 'dmy-dot',
    pattern: 'dd.MM.yyyy[ HH:mm[:ss]]',
    isDayFirst: true,
    regex: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`),
    day: 1,
    month: 2,
    year: 3,
    time: 4,
  },
  dmySlash: {
    id: 'dmy-slash',
    pattern: 'd/M/yyyy[ H:mm[:ss]]',
    isDayFirst: true,
    regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`),
    day: 1,
    month: 2,
    year: 3,
    time: 4,
  },
  mdySlash: {
    id: 'mdy-slash',
    pattern: 'M/d/yyyy[ h:mm[:ss] a]',
    isDayFirst: false,
    regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`),
    month: 1,
    day: 2,
    year: 3,
    time: 4,
  },
  dmySlashShortYear: {
    id: 'dmy-slash-yy',
    pattern: 'd/M/yy[ H:mm[:ss]]',
    isDayFirst: true,
    regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2})${TIME}$`),
    day: 1,
    month: 2,
    year: 3,
    time: 4,
  },
  mdySlashShortYear: {
    id: 'mdy-slash-yy',
    pattern: 'M/d/yy[ H:mm[:ss]]',
    isDayFirst: false,
    regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2})${TIME}$`),
    month: 1,
    day: 2,
    year: 3,
    time: 4,
  },
  jira: {
    id: 'jira',
    pattern: 'dd/MMM/yy[ h:mm a]',
    isDayFirst: null,
    regex: new RegExp(String.raw`^(\d{1,2})/([A-Za-z]{3})/(\d{2}|\d{4})${TIME}$`),
    day: 1,
    month: 2,
    year: 3,
    time: 4,
    isMonthName: true,
  },
  compact: {
    id: 'yyyymmdd',
    pattern: 'yyyyMMdd',
    isDayFirst: null,
    regex: /^(\d{4})(\d{2})(\d{2})$/,
    year: 1,
    month: 2,
    day: 3,
    time: 4,
  },
  monthName: {
    id: 'month-name',
    pattern: 'MMMM d, yyyy[ h:mm[:ss] a]',
    isDayFirst: null,
    regex: new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})${TIME}$`),
    month: 1,
    day: 2,
    year: 3,
    time: 4,
    isMonthName: true,
  },
  dmyDotShortYear: {
    id: 'dmy-dot-yy',
    pattern: 'dd.MM.yy[ HH:mm[:ss]]',
    isDayFirst: true,
    regex: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{2})${TIME}$`),
    day: 1,
    month: 2,
    year: 3,
    time: 4,
  },
  dmyDash: {
    id: 'dmy-dash',
    pattern: 'd-M-yyyy[ H:mm[:ss]]',
    isDayFirst: true,
    regex: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${TIME}$`),
    day: 1,
    month: 2,
    year: 3,
    time: 4,
  },
  mdyDash: {
    id: 'mdy-dash',
    pattern: 'M-d-yyyy[ h:mm[:ss] a]',
    isDayFirst: false,
    regex: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${TIME}$`),
    month: 1,
    day: 2,
    year: 3,
    time: 4,
  },
  // Excel's `d-MMM-yy` and `dd-MMM-yyyy` (`31-Jul-18`, `31-Jul-2018`), also with full names and
  // with dots for dashes (`31.янв.18`, Russian Excel's `ДД.МММ.ГГ`); the same separator both sides.
  dmyNameShortYear: {
    id: 'dmy-name-yy',
    pattern: 'd-MMM-yy[ H:mm[:ss]]',
    isDayFirst: null,
    regex: new RegExp(String.raw`^(\d{1,2})([-.])(${MONTH_WORD})\.?\2(\d{2})${TIME}$`, 'u'),
    day: 1,
    month: 3,
    year: 4,
    time: 5,
    isMonthName: true,
  },
  dmyName: {
    id: 'dmy-name',
    pattern: 'dd-MMM-yyyy[ H:mm[:ss]]',
    isDayFirst: null,
    regex: new RegExp(String.raw`^(\d{1,2})([-.])(${MONTH_WORD})\.?\2(\d{4})${TIME}$`, 'u'),
    day: 1,
    month: 3,
    year: 4,
    time: 5,
    isMonthName: true,
  },
  // `31 July 2018`, `31 Jul. 2018`, `31 июля 2018 г.`, `5 сент. 2018`.
  dmyNameSpaced: {
    id: 'dmy-name-spaced',
    pattern: 'd MMMM yyyy[ H:mm[:ss]]',
    isDayFirst: null,
    regex: new RegExp(String.raw`^(\d{1,2})\s(${MONTH_WORD})\.?,?\s(\d{4})(?:\s?г(?:\.|ода)?)?${TIME}$`, 'u'),
    day: 1,
    month: 2,
    year: 3,
    time: 4,
    isMonthName: true,
  },
  // `2018.07.31`, also Hungarian `2018. 07. 31.`.
  ymdDot: {
    id: 'ymd-dot',
    pattern: 'yyyy.MM.dd[ HH:mm[:ss]]',
    isDayFirst: null,
    regex: new RegExp(String.raw`^(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?${TIME}$`),
    year: 1,
    month: 2,
    day: 3,
    time: 4,
  },
  ymdSlash: {
    id: 'ymd-slash',
    pattern: "yyyy/MM/dd[ h:mm:ss a][ 'GMT'+H:mm]",
    isDayFirst: null,
    regex: new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}${ZONE}$`),
    year: 1,
    month: 2,
    day: 3,
    time: 4,
    zone: 9,
  },
} as const satisfies Record<string, Layout>;

const fromLayout = (layout: Layout): DateFormat => createLayoutFormat(layout, doesNotMatch(layout.pattern));

export const ISO_8601: DateFormat = {
  id: 'iso',
  pattern: "yyyy-MM-dd['T'HH:mm[:ss[.SSS]][XXX]]",
  isDayFirst: null,
  parse: parseIsoTimestamp,
};
/** `15.01.2024`, `15.01.2024 10:20[:30]`: German and Russian Excel. */
export const DMY_DOT: DateFormat = fromLayout(LAYOUTS.dmyDot);
/** `29/2/2016 01:16`: ServiceNow's event log, UK/FR spreadsheets. */
export const DMY_SLASH: DateFormat = fromLayout(LAYOUTS.dmySlash);
/** `01/02/2015 03:04:05 PM` (Boston 311), `8/31/2023 19:08:16` (Google Sheets en_US). */
export const MDY_SLASH: DateFormat = fromLayout(LAYOUTS.mdySlash);
export const DMY_SLASH_SHORT_YEAR: DateFormat = fromLayout(LAYOUTS.dmySlashShortYear);
/** `7/27/26 19:06:23`: MS Forms re-saved from en-US Excel. */
export const MDY_SLASH_SHORT_YEAR: DateFormat = fromLayout(LAYOUTS.mdySlashShortYear);
/** `25/Feb/26 10:17 PM`: Jira's CSV export (English month abbreviations only). */
export const JIRA: DateFormat = fromLayout(LAYOUTS.jira);
/** `20240115`: GA4's Date dimension and BigQuery `event_date`. */
export const YYYYMMDD: DateFormat = fromLayout(LAYOUTS.compact);
/** `July 25, 2018`, `Jul 25, 2018`: Google Play, Adobe. */
export const MONTH_NAME: DateFormat = fromLayout(LAYOUTS.monthName);
/** `2023/06/04 1:28:19 PM GMT+5:30`: Google Forms' response download. */
export const YMD_SLASH: DateFormat = fromLayout(LAYOUTS.ymdSlash);
/** `31.07.18`: German and Russian Excel's short year. */
export const DMY_DOT_SHORT_YEAR: DateFormat = fromLayout(LAYOUTS.dmyDotShortYear);
/** `31-07-2018`: Dutch and Indian spreadsheets. */
export const DMY_DASH: DateFormat = fromLayout(LAYOUTS.dmyDash);
/** `07-31-2018`: US spreadsheets with dashes. */
export const MDY_DASH: DateFormat = fromLayout(LAYOUTS.mdyDash);
/** `31-Jul-18`: Excel's `d-MMM-yy` (also `31.янв.18`). */
export const DMY_NAME_SHORT_YEAR: DateFormat = fromLayout(LAYOUTS.dmyNameShortYear);
/** `31-Jul-2018`: Excel's `dd-MMM-yyyy`. */
export const DMY_NAME: DateFormat = fromLayout(LAYOUTS.dmyName);
/** `31 July 2018`, `31 июля 2018 г.`: dates as English and Russian text writes them. */
export const DMY_NAME_SPACED: DateFormat = fromLayout(LAYOUTS.dmyNameSpaced);
/** `2018.07.31`: Korean, Hungarian and Lithuanian spreadsheets. */
export const YMD_DOT: DateFormat = fromLayout(LAYOUTS.ymdDot);

// Unix time: an instant, so the zone plays no part. Only 2000–2100 is plausible, which keeps a
// column of ids or amounts from reading as dates (a 10-digit order number from 1973 would).
const EPOCH_MIN_MS = Date.UTC(2000, 0, 1);
const EPOCH_END_MS = Date.UTC(2100, 0, 1);
const NOT_PLAUSIBLE_EPOCH: Invalid = { invalid: 'not a Unix time in 2000–2100' };

const checkEpochMs = (ms: number): number | Invalid => (ms >= EPOCH_MIN_MS && ms < EPOCH_END_MS ? ms : NOT_PLAUSIBLE_EPOCH);

function createEpochFormat(id: string, pattern: string, digits: RegExp, toMs: (value: number) => number): DateFormat {
  const mismatch = doesNotMatch(pattern);
  return {
    id,
    pattern,
    isDayFirst: null,
    isEpoch: true,
    parse: (text) => (digits.test(text) ? checkEpochMs(toMs(Number(text))) : mismatch),
  };
}

// 2000-01-01 is 946 684 800 s, so seconds in range have 9–10 digits, ms 12–13, µs 15–16.
/** `1705312800` (Intercom, Delighted APIs); a fraction of a second is allowed. */
export const EPOCH_SECONDS: DateFormat = createEpochFormat('epoch-s', 't (Unix seconds)', /^\d{9,10}(?:\.\d{1,9})?$/, (s) =>
  Math.round(s * 1000),
);
/** `1705312800123` (Google Play's `… Millis Since Epoch`). */
export const EPOCH_MILLISECONDS: DateFormat = createEpochFormat('epoch-ms', 'T (Unix milliseconds)', /^\d{12,13}$/, (ms) => ms);
/** `1705312800123456` (GA4 BigQuery `event_timestamp`); digits beyond ms are dropped. */
export const EPOCH_MICROSECONDS: DateFormat = createEpochFormat('epoch-us', 'Unix microseconds', /^\d{15,16}$/, (us) =>
  Math.floor(us / 1000),
);

/**
 * Every format detection tries, in order of preference. Only the day-first/month-first pairs
 * (slashes, short-year slashes, dashes) can read the same text; all others are told apart by
 * their shape.
 */
export const DATE_FORMATS: readonly DateFormat[] = [
  ISO_8601,
  DMY_DOT,
  DMY_SLASH,
  MDY_SLASH,
  DMY_SLASH_SHORT_YEAR,
  MDY_SLASH_SHORT_YEAR,
  JIRA,
  YYYYMMDD,
  MONTH_NAME,
  YMD_SLASH,
  DMY_DOT_SHORT_YEAR,
  DMY_DASH,
  MDY_DASH,
  DMY_NAME_SHORT_YEAR,
  DMY_NAME,
  DMY_NAME_SPACED,
  YMD_DOT,
  EPOCH_SECONDS,
  EPOCH_MILLISECONDS,
  EPOCH_MICROSECONDS,
];

/**
 * Epoch ms of a JSON number in a Unix-time column, unit by magnitude: below 1e11 seconds (1e11 s
 * is the year 5138), below 1e14 milliseconds, else microseconds. Only 2000–2100 is accepted.
 */
export function parseEpochNumber(value: number): number | Invalid {
  const magnitude = Math.abs(value);
  const ms = magnitude < 1e11 ? Math.round(value * 1000) : magnitude < 1e14 ? Math.round(value) : Math.floor(value / 1000);
  return checkEpochMs(ms);
}

// ── --date-format ───────────────────────────────────────────────────────────────────────────

// The date part of a user's pattern that names a catalogue layout. Such a pattern is read by the
// layout's fast parser, so it is as lenient as detection: unpadded numbers, an optional time,
// 24 h or AM/PM. The pattern settles the order of day and month, which is what it is for.
const FAST_DATE_PARTS: ReadonlyMap<string, Layout> = new Map<string, Layout>([
  ['dd.MM.yyyy', LAYOUTS.dmyDot],
  ['d.M.yyyy', LAYOUTS.dmyDot],
  ['dd/MM/yyyy', LAYOUTS.dmySlash],
  ['d/M/yyyy', LAYOUTS.dmySlash],
  ['MM/dd/yyyy', LAYOUTS.mdySlash],
  ['M/d/yyyy', LAYOUTS.mdySlash],
  ['dd/MM/yy', LAYOUTS.dmySlashShortYear],
  ['d/M/yy', LAYOUTS.dmySlashShortYear],
  ['MM/dd/yy', LAYOUTS.mdySlashShortYear],
  ['M/d/yy', LAYOUTS.mdySlashShortYear],
  ['dd/MMM/yy', LAYOUTS.jira],
  ['d/MMM/yy', LAYOUTS.jira],
  ['MMMM d, yyyy', LAYOUTS.monthName],
  ['MMM d, yyyy', LAYOUTS.monthName],
  ['MMMM dd, yyyy', LAYOUTS.monthName],
  ['MMM dd, yyyy', LAYOUTS.monthName],
  ['yyyy/MM/dd', LAYOUTS.ymdSlash],
  ['yyyy/M/d', LAYOUTS.ymdSlash],
  ['dd.MM.yy', LAYOUTS.dmyDotShortYear],
  ['d.M.yy', LAYOUTS.dmyDotShortYear],
  ['dd-MM-yyyy', LAYOUTS.dmyDash],
  ['d-M-yyyy', LAYOUTS.dmyDash],
  ['MM-dd-yyyy', LAYOUTS.mdyDash],
  ['M-d-yyyy', LAYOUTS.mdyDash],
  ['d-MMM-yy', LAYOUTS.dmyNameShortYear],
  ['dd-MMM-yy', LAYOUTS.dmyNameShortYear],
  ['d-MMMM-yy', LAYOUTS.dmyNameShortYear],
  ['dd.MMM.yy', LAYOUTS.dmyNameShortYear],
  ['dd-MMM-yyyy', LAYOUTS.dmyName],
  ['d-MMM-yyyy', LAYOUTS.dmyName],
  ['d-MMMM-yyyy', LAYOUTS.dmyName],
  ['dd.MMM.yyyy', LAYOUTS.dmyName],
  ['d MMMM yyyy', LAYOUTS.dmyNameSpaced],
  ['dd MMMM yyyy', LAYOUTS.dmyNameSpaced],
  ['d MMM yyyy', LAYOUTS.dmyNameSpaced],
  ['dd MMM yyyy', LAYOUTS.dmyNameSpaced],
  ['yyyy.MM.dd', LAYOUTS.ymdDot],
  ['yyyy.M.d', LAYOUTS.ymdDot],
]);
const FAST_TIME_PART = /^ (?:HH?|hh?):mm(?::ss(?:\.S{1,3})?)?(?: a{1,3})?$/;
const ISO_DATE_PART = 'yyyy-MM-dd';
const ISO_TIME_PART = /^(?: |'T')HH:mm(?::ss(?:\.S{1,3})?)?$/;

/** The catalogue layout a user's pattern names, or undefined when only date-fns can read it. */
function findFastLayout(pattern: string): Layout | 'iso' | 'yyyymmdd' | undefined {
  if (pattern === 'yyyyMMdd') return 'yyyymmdd';
  if (pattern === ISO_DATE_PART || (pattern.startsWith(ISO_DATE_PART) && ISO_TIME_PART.test(pattern.slice(ISO_DATE_PART.length)))) {
    return 'iso';
  }
  for (const [datePart, layout] of FAST_DATE_PARTS) {
    if (pattern === datePart) return layout;
    if (pattern.startsWith(datePart) && FAST_TIME_PART.test(pattern.slice(datePart.length))) return layout;
  }
  return undefined;
}

/** A pasteable `--date-format` for a catalogue format (`dd/MM/yyyy`), for ambiguity messages. */
export function suggestDatePattern(format: DateFormat): string {
  if (format.id === ISO_8601.id) return ISO_DATE_PART;
  if (format.id === YYYYMMDD.id) return 'yyyyMMdd';
  for (const [datePart, layout] of FAST_DATE_PARTS) if (layout.id === format.id) return datePart;
  return format.pattern;
}

const QUOTED_LITERAL = /'[^']*'/g;
// date-fns tokens that fix the instant themselves (offsets X/x, epoch seconds/ms t/T), so the
// zone must not be applied on top. Quoted literals ('T') are not tokens.
const INSTANT_TOKEN = /[XxtT]/;
// `YYYY` (week-numbering year) and `D` (day of year) are nearly always typos for `yyyy`/`d`;
// date-fns rejects them too, but only after writing a warning to the console.
const WEEK_YEAR_OR_DAY_OF_YEAR = /[YD]/;
const WALL_CLOCK_EPOCH = new WallClockDate(0);
// date-fns reads `yy` as the year within 50 years of its reference date's: from 2019-01-01 that
// is 1969–2068, the pivot of `expandTwoDigitYear` (from 1970 `21` was 1921). Fields the pattern
// lacks still default to 1 January, 00:00, as from the epoch.
const TWO_DIGIT_YEAR_REFERENCE = new WallClockDate(Date.UTC(2019, 0, 1));
const YEAR_TOKEN = /y/;
const PATTERN_CHECK_DATE = new WallClockDate(Date.UTC(2001, 1, 3, 4, 5, 6, 7));

/**
 * A user's `--date-format` (a date-fns pattern: `dd.MM.yyyy HH:mm`) as a DateFormat. Patterns
 * whose layout the catalogue knows get its fast parser (see FAST_DATE_PARTS); any other is read
 * by date-fns `parse` (slow: bench/RESULTS.md, "Date parsing"), fields missing from it defaulting to 1970-01-01
 * 00:00, then placed in `tz` by the same DST rules as ISO text.
 * @throws DatePatternError when date-fns cannot format and read back a date with the pattern.
 */
export function parseDatePattern(pattern: string): DateFormat {
  const mismatch: Invalid = { invalid: `does not match --date-format ${pattern}` };
  const fast = findFastLayout(pattern);
  if (fast === 'iso') return { ...ISO_8601, pattern, parse: (text, tz) => replaceMismatch(parseIsoTimestamp(text, tz), mismatch) };
  if (fast === 'yyyymmdd') return createLayoutFormat({ ...LAYOUTS.compact, pattern }, mismatch);
  if (fast !== undefined) return createLayoutFormat({ ...fast, pattern }, mismatch);
  checkPattern(pattern);
  const tokens = pattern.replace(QUOTED_LITERAL, '');
  const fixesInstant = INSTANT_TOKEN.test(tokens);
  const reference = YEAR_TOKEN.test(tokens) ? TWO_DIGIT_YEAR_REFERENCE : WALL_CLOCK_EPOCH;
  return {
    id: 'pattern',
    pattern,
    isDayFirst: readIsDayFirst(pattern),
    parse: (text, tz) => {
      const time = parseWithPattern(text, pattern, reference).getTime();
      if (Number.isNaN(time)) return mismatch;
      return fixesInstant ? time : resolveInZone(time, tz);
    },
  };
}

const replaceMismatch = (result: number | Invalid, mismatch: Invalid): number | Invalid => (result === NOT_ISO_8601 ? mismatch : result);

function checkPattern(pattern: string): void {
  if (pattern.trim() === '') throw new DatePatternError(pattern, 'the pattern is empty');
  const tokens = pattern.replace(QUOTED_LITERAL, '');
  if (WEEK_YEAR_OR_DAY_OF_YEAR.test(tokens)) {
    throw new DatePatternError(pattern, 'use yyyy for the year and d for the day (YYYY and D are week-year and day-of-year)');
  }
  let written: string;
  try {
    written = formatDate(PATTERN_CHECK_DATE, pattern);
  } catch (error) {
    // date-fns throws RangeError for an unescaped letter that is not a token (`yyyy foo`).
    throw new DatePatternError(pattern, error instanceof Error ? error.message : String(error));
  }
  let readBack: number;
  try {
    readBack = parseWithPattern(written, pattern, WALL_CLOCK_EPOCH).getTime();
  } catch (error) {
    // Tokens date-fns can write but not read (`z`).
    throw new DatePatternError(pattern, error instanceof Error ? error.message : String(error));
  }
  if (Number.isNaN(readBack)) throw new DatePatternError(pattern, `date-fns cannot read back "${written}"`);
}

/** Day before month (`dd.MM`), month before day (`MM/dd`), or null when the pattern lacks either. */
function readIsDayFirst(pattern: string): boolean | null {
  const tokens = pattern.replace(QUOTED_LITERAL, '');
  const day = tokens.indexOf('d');
  const month = tokens.search(/[ML]/);
  return day === -1 || month === -1 ? null : day < month;
}
