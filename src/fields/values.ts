/**
 * Value coercion: one raw cell (CSV text or a JSON scalar) → the canonical representation of
 * src/fields/types.ts, `undefined` for a missing value, or an `Invalid` saying why it was rejected.
 * Pure: the time zone comes in as an argument, never from the machine.
 */
import { tzOffset } from '@date-fns/tz';
import { isExists, parse } from 'date-fns';
import {
  parseDuration,
  parseNumber,
  parsePercentOrFraction,
  convertToSeconds,
  type DecimalMark,
  type PlainDurationUnit,
} from './units.js';

/**
 * A rejected value. `invalid` is the reason in words (`11 is outside 0–10`); it does not repeat
 * the raw cell, which the caller reports with its line.
 */
export interface Invalid {
  readonly invalid: string;
}

export const isInvalid = (value: unknown): value is Invalid =>
  typeof value === 'object' && value !== null && 'invalid' in value;

/** A cell as a reader hands it over: CSV text, or a JSON scalar. */
export type RawValue = string | number | boolean | null | undefined;

/** What a coercer returns: the value, `undefined` when missing, or why it was rejected. */
export type Coerced<T> = T | undefined | Invalid;

const NOT_A_NUMBER: Invalid = { invalid: 'not a number' };
const NOT_FINITE: Invalid = { invalid: 'not a finite number' };
const NOT_YES_NO: Invalid = { invalid: 'not a yes/no value' };
const NOT_A_DATE: Invalid = { invalid: 'not a date' };
const NOT_A_DURATION: Invalid = { invalid: 'not a duration' };
const NOT_A_SENTIMENT: Invalid = { invalid: 'not a sentiment (positive/neutral/negative or -1…1)' };

/** `NaN` is how pandas (and so the Google Play exports) write an empty cell. */
const isNaNMarker = (text: string): boolean => text.length === 3 && text.toLowerCase() === 'nan';

/** The trimmed text of a cell, or undefined when it holds nothing (empty, blanks, `NaN`). */
function readText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' || isNaNMarker(trimmed) ? undefined : trimmed;
}

const isMissingNumber = (value: number): boolean => Number.isNaN(value);

// ── numbers ─────────────────────────────────────────────────────────────────────────────────

export interface NumberOptions {
  readonly decimal: DecimalMark;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** A number, checked against the field's scale (bounds inclusive) and wholeness. */
export function coerceNumber(raw: RawValue, options: NumberOptions): Coerced<number> {
  const value = readNumber(raw, options.decimal);
  if (typeof value !== 'number') return value;
  if (options.integer === true && !Number.isInteger(value)) return { invalid: `${value} is not a whole number` };
  return checkRange(value, options.min, options.max);
}

function readNumber(raw: RawValue, decimal: DecimalMark): Coerced<number> {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') {
    if (isMissingNumber(raw)) return undefined;
    return Number.isFinite(raw) ? raw : NOT_FINITE;
  }
  if (typeof raw === 'boolean') return NOT_A_NUMBER;
  const text = readText(raw);
  return text === undefined ? undefined : parseNumber(text, decimal);
}

function checkRange(value: number, min: number | undefined, max: number | undefined): number | Invalid {
  const isBelow = min !== undefined && value < min;
  const isAbove = max !== undefined && value > max;
  if (!isBelow && !isAbove) return value;
  if (min !== undefined && max !== undefined) return { invalid: `${value} is outside ${min}–${max}` };
  return { invalid: isBelow ? `${value} is below ${min}` : `${value} is above ${max}` };
}

// ── booleans ────────────────────────────────────────────────────────────────────────────────

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', '1', 'y', 't', 'да']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', '0', 'n', 'f', 'нет']);

/** Extra words for `made_sla` (fields.md): an SLA that was met, or breached. */
export const SLA_TRUE = ['met', 'ontime', 'on time', 'within'] as const;
export const SLA_FALSE = ['breached', 'overdue', 'missed'] as const;

// Extra vocabularies are few and long-lived (constants, preset value maps): normalise each once.
const lowerCasedVocabularies = new WeakMap<readonly string[], ReadonlySet<string>>();

function toLowerCaseSet(words: readonly string[]): ReadonlySet<string> {
  let set = lowerCasedVocabularies.get(words);
  if (set === undefined) {
    set = new Set(words.map((word) => word.toLowerCase()));
    lowerCasedVocabularies.set(words, set);
  }
  return set;
}

/**
 * true/false, yes/no, 1/0, y/n, t/f, да/нет (any case), JSON booleans, the numbers 1 and 0, plus
 * the caller's extra words (e.g. `SLA_TRUE`/`SLA_FALSE`).
 */
export function coerceBool(
  raw: RawValue,
  extraTrue: readonly string[] = [],
  extraFalse: readonly string[] = [],
): Coerced<boolean> {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') {
    if (isMissingNumber(raw)) return undefined;
    return raw === 1 ? true : raw === 0 ? false : NOT_YES_NO;
  }
  const text = readText(raw);
  if (text === undefined) return undefined;
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word) || (extraTrue.length > 0 && toLowerCaseSet(extraTrue).has(word))) return true;
  if (FALSE_WORDS.has(word) || (extraFalse.length > 0 && toLowerCaseSet(extraFalse).has(word))) return false;
  return NOT_YES_NO;
}

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
const readOffsetMs = (tz: string, instant: number): number =>
  Math.round(tzOffset(tz, new Date(instant)) * 60) * 1000;

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

// ── timestamps ──────────────────────────────────────────────────────────────────────────────

export interface TimestampOptions {
  /** IANA zone for timestamps written without an offset. */
  readonly tz: string;
  /** A date-fns pattern (`dd.MM.yyyy HH:mm`); when given it is the only accepted layout. */
  readonly dateFormat?: string;
}

/** Epoch ms from ISO 8601 text or text in `dateFormat`; offset-less times are wall time in `tz`. */
export function coerceTimestamp(raw: RawValue, options: TimestampOptions): Coerced<number> {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') {
    return isMissingNumber(raw) ? undefined : { invalid: 'epoch numbers need --date-format' };
  }
  if (typeof raw === 'boolean') return NOT_A_DATE;
  const text = readText(raw);
  if (text === undefined) return undefined;
  return options.dateFormat === undefined
    ? parseIsoTimestamp(text, options.tz)
    : parseFormattedTimestamp(text, options.dateFormat, options.tz);
}

export const NOT_ISO_8601: Invalid = { invalid: 'not an ISO 8601 date (use --date-format for other layouts)' };

// `2024-01-15`, then optionally `T`/space `10:20[:30[.123]]`, then optionally an offset:
// `Z`, `+03:00`, `+0300`, `+03`, or ` UTC`/` GMT` as Google Play's stats files write it.
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$/;

/**
 * Reads ISO 8601 text (`2024-01-15`, `2024-01-15T10:20`, `2024-01-15 10:20:30.123+03:00`) into
 * epoch ms. Without an offset the text is wall time in `tz` (see `toInstant` for DST edges).
 * Digits beyond milliseconds are dropped.
 */
export function parseIsoTimestamp(text: string, tz: string): number | Invalid {
  const match = ISO_TIMESTAMP.exec(text);
  if (match === null) return NOT_ISO_8601;
  const [, year, month, day, hours, minutes, seconds, fraction, zone, offsetSign, offsetHours, offsetMinutes] =
    match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (y < 100) return { invalid: `year ${year} is not supported` };
  if (m < 1 || m > 12 || d < 1 || (d > 28 && !isExists(y, m - 1, d))) return { invalid: 'no such date' };
  const h = Number(hours ?? 0);
  const min = Number(minutes ?? 0);
  const s = Number(seconds ?? 0);
  if (h > 23 || min > 59 || s > 59) return { invalid: 'no such time of day' };
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const wallClock = Date.UTC(y, m - 1, d, h, min, s, ms);
  if (zone === undefined) return resolveInZone(wallClock, tz);
  if (offsetSign === undefined) return wallClock;
  const offsetH = Number(offsetHours);
  const offsetM = Number(offsetMinutes ?? 0);
  if (offsetH > 23 || offsetM > 59) return { invalid: 'no such UTC offset' };
  const offsetMs = (offsetH * 60 + offsetM) * 60_000;
  return offsetSign === '+' ? wallClock - offsetMs : wallClock + offsetMs;
}

function resolveInZone(wallClock: number, tz: string): number | Invalid {
  const instant = toInstant(wallClock, tz);
  return Number.isNaN(instant) ? { invalid: `unknown time zone ${tz}` } : instant;
}

const WALL_CLOCK_EPOCH = new WallClockDate(0);

// date-fns tokens that fix the instant themselves (offsets X/x, epoch seconds/ms t/T), so the
// zone must not be applied on top. Quoted literals ('T') are not tokens.
const INSTANT_TOKEN = /[XxtT]/;
const QUOTED_LITERAL = /'[^']*'/g;
const fixesInstantByPattern = new Map<string, boolean>();

function doesPatternFixInstant(pattern: string): boolean {
  let fixesInstant = fixesInstantByPattern.get(pattern);
  if (fixesInstant === undefined) {
    fixesInstant = INSTANT_TOKEN.test(pattern.replace(QUOTED_LITERAL, ''));
    fixesInstantByPattern.set(pattern, fixesInstant);
  }
  return fixesInstant;
}

/**
 * Text in a date-fns pattern. Parsed as wall-clock time (fields missing from the pattern come
 * from 1970-01-01 00:00), then placed in `tz` by the same DST rules as ISO text.
 */
function parseFormattedTimestamp(text: string, pattern: string, tz: string): number | Invalid {
  let parsed: Date;
  try {
    parsed = parse(text, pattern, WALL_CLOCK_EPOCH);
  } catch (error) {
    // date-fns throws RangeError for a malformed pattern (an unescaped letter, `YYYY`).
    return { invalid: `unusable --date-format ${pattern}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const time = parsed.getTime();
  if (Number.isNaN(time)) return { invalid: `does not match --date-format ${pattern}` };
  return doesPatternFixInstant(pattern) ? time : resolveInZone(time, tz);
}

// ── durations, sentiment, text, rates ───────────────────────────────────────────────────────

/** Seconds. Text through `parseDuration`; JSON numbers (and plain numbers in text) are in `plainUnit`. */
export function coerceDuration(raw: RawValue, plainUnit: PlainDurationUnit = 's'): Coerced<number> {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') {
    if (isMissingNumber(raw)) return undefined;
    if (!Number.isFinite(raw)) return NOT_FINITE;
    return raw < 0 ? { invalid: 'negative duration' } : convertToSeconds(raw, plainUnit);
  }
  if (typeof raw === 'boolean') return NOT_A_DURATION;
  const text = readText(raw);
  return text === undefined ? undefined : parseDuration(text, plainUnit);
}

export interface DecimalOptions {
  readonly decimal: DecimalMark;
}

const SENTIMENT_BY_LABEL: ReadonlyMap<string, number> = new Map([
  ['positive', 1],
  ['pos', 1],
  ['neutral', 0],
  ['neu', 0],
  ['negative', -1],
  ['neg', -1],
]);
// Russian labels are inflected (позитивный, позитивная, позитивное…): match the stem.
const SENTIMENT_BY_STEM: readonly (readonly [string, number])[] = [
  ['позитив', 1],
  ['нейтрал', 0],
  ['негатив', -1],
];

/** A score in −1…1: a label (positive/neutral/negative → 1/0/−1) or a number in range. */
export function coerceSentiment(raw: RawValue, options: DecimalOptions): Coerced<number> {
  let score: Coerced<number>;
  if (typeof raw === 'string') {
    const text = readText(raw);
    if (text === undefined) return undefined;
    const label = readSentimentLabel(text.toLowerCase());
    if (label !== undefined) return label;
    score = parseNumber(text, options.decimal);
  } else {
    score = readNumber(raw, options.decimal);
  }
  if (isInvalid(score)) return NOT_A_SENTIMENT;
  if (score === undefined || (score >= -1 && score <= 1)) return score;
  return { invalid: `${score} is outside -1…1` };
}

function readSentimentLabel(word: string): number | undefined {
  const score = SENTIMENT_BY_LABEL.get(word);
  if (score !== undefined) return score;
  for (const [stem, stemScore] of SENTIMENT_BY_STEM) if (word.startsWith(stem)) return stemScore;
  return undefined;
}

/** Trimmed text; JSON numbers and booleans as they print (`12345` → "12345"). */
export function coerceText(raw: RawValue): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return readText(raw);
  if (typeof raw === 'number' && isMissingNumber(raw)) return undefined;
  return String(raw);
}

/** A fraction 0–1 from `45%` or `0.45` (text) or a JSON number already in 0–1. */
export function coerceRate(raw: RawValue, options: DecimalOptions): Coerced<number> {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') {
    if (isMissingNumber(raw)) return undefined;
    if (!Number.isFinite(raw)) return NOT_FINITE;
    return raw >= 0 && raw <= 1 ? raw : { invalid: `${raw} is outside 0–1` };
  }
  if (typeof raw === 'boolean') return NOT_A_NUMBER;
  const text = readText(raw);
  return text === undefined ? undefined : parsePercentOrFraction(text, options.decimal);
}
