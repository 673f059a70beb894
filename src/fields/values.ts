/**
 * Value coercion: one raw cell (CSV text or a JSON scalar) → the canonical representation of
 * src/fields/types.ts, `undefined` for a missing value, or an `Invalid` saying why it was rejected.
 * Pure: the time zone comes in as an argument, never from the machine.
 */
import { parseEpochNumber, parseIsoTimestamp, type DateFormat } from './date-formats.js';
import { parseDuration, parseNumber, parsePercentOrFraction, convertToSeconds, type DecimalMark, type PlainDurationUnit } from './units.js';

// Zones, wall-clock time and ISO 8601 live with the other date layouts; re-exported because
// time/, config/ and cli/ read them from here.
export { isValidTimeZone, NOT_ISO_8601, parseIsoTimestamp, toInstant, toWallClock, WallClockDate } from './date-formats.js';

import { isInvalid } from './invalid.js';
import type { Invalid } from './invalid.js';

export { isInvalid };
export type { Invalid };

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

// ── missing values ──────────────────────────────────────────────────────────────────────────

/**
 * Cell texts that mean "no value", compared after trimming and ignoring case. Every coercer
 * reads them as missing (never zero, never rejected):
 * - `?`: ServiceNow's event log;
 * - `null`, `(null)`: SQL dumps and BI tools; `NaN`: pandas (the Google Play exports);
 * - `N/A`, `NA`: people and R; `#N/A`: Excel's failed lookup;
 * - `-`, `–`, `—`, `−`: the dash reports print for "nothing" (`-5` stays a number).
 * Not markers, on purpose: `None` and `nil` (real answers: "None" to "Which features do you
 * use?", a Jira priority), `0`, and Excel errors such as `#DIV/0!` and `#VALUE!`, which are
 * broken values and so are rejected and counted. Add a source's own words with
 * `createMissingTest` / `withNullMarkers`.
 */
export const NULL_MARKERS: ReadonlySet<string> = new Set([
  '?',
  'null',
  '(null)',
  'nan',
  'n/a',
  'na',
  '#n/a',
  '-',
  '\u2013',
  '\u2014',
  '\u2212',
]);
// The longest marker, `(null)`: longer text skips the lookup.
const LONGEST_MARKER = 6;

/**
 * The ASCII characters a marker starts with, in either case. An ASCII character lowercases to an
 * ASCII one, so text starting with any other (a digit, `P3`, `true`) is no marker, and most short
 * cells skip toLowerCase and the lookup; a non-ASCII start is looked up.
 */
const ASCII_MARKER_STARTS = Uint8Array.from({ length: 128 }, (_, code) =>
  Number([...NULL_MARKERS].some((marker) => marker.charCodeAt(0) === code || marker.toUpperCase().charCodeAt(0) === code)),
);

/** Whether trimmed, non-empty text is a null marker. */
function isNullMarker(trimmed: string): boolean {
  if (trimmed.length > LONGEST_MARKER) return false;
  const first = trimmed.charCodeAt(0);
  return (first >= 128 || ASCII_MARKER_STARTS[first] === 1) && NULL_MARKERS.has(trimmed.toLowerCase());
}

/** The trimmed text of a cell, or undefined when it holds nothing (empty, blanks, a null marker). */
function readText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' || isNullMarker(trimmed) ? undefined : trimmed;
}

const isMissingNumber = (value: number): boolean => Number.isNaN(value);

/** A test for cells that hold no value. Takes `unknown` so readers can ask before narrowing a cell. */
export type MissingTest = (raw: unknown) => boolean;

/** True for a cell every coercer reads as missing: null/undefined, NaN, blank text, a `NULL_MARKERS` word. */
export const isMissing: MissingTest = (raw) => {
  if (raw === undefined || raw === null) return true;
  if (typeof raw === 'number') return isMissingNumber(raw);
  return typeof raw === 'string' && readText(raw) === undefined;
};

/**
 * `isMissing` plus a source's own markers (`Not Offered`, `unknown`), compared after trimming and
 * ignoring case. The one place that decides what is missing: coercers apply `NULL_MARKERS`, and
 * `withNullMarkers` puts the extra words in front of a coercer.
 */
export function createMissingTest(extraMarkers: Iterable<string> = []): MissingTest {
  const extra: ReadonlySet<string> = new Set([...extraMarkers].map((marker) => marker.trim().toLowerCase()));
  if (extra.size === 0) return isMissing;
  return (raw) => isMissing(raw) || (typeof raw === 'string' && extra.has(raw.trim().toLowerCase()));
}

/** A coercer that also reads the source's extra null markers as missing; the coercer itself when there are none. */
export function withNullMarkers<T>(coerce: (raw: RawValue) => Coerced<T>, extraMarkers: Iterable<string>): (raw: RawValue) => Coerced<T> {
  const isMissingCell = createMissingTest(extraMarkers);
  if (isMissingCell === isMissing) return coerce;
  return (raw) => (isMissingCell(raw) ? undefined : coerce(raw));
}

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

/** Exported: the SQL pushdown reads yes/no cells with the same words (sql/generate.ts). */
export const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'yes', '1', 'y', 't', 'да']);
export const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'no', '0', 'n', 'f', 'нет']);

/**
 * A yes/no reader: true/false, yes/no, 1/0, y/n, t/f, да/нет (any case), JSON booleans, the numbers
 * 1 and 0, plus the caller's extra words (a field's `boolWords`, kinds/), lower-cased into the
 * vocabularies once, when the reader is made: a column's cells then cost one lookup each.
 */
export function createBoolCoercer(
  extraTrue: readonly string[] = [],
  extraFalse: readonly string[] = [],
): (raw: RawValue) => Coerced<boolean> {
  const trueWords: ReadonlySet<string> = new Set([...TRUE_WORDS, ...extraTrue.map((word) => word.toLowerCase())]);
  const falseWords: ReadonlySet<string> = new Set([...FALSE_WORDS, ...extraFalse.map((word) => word.toLowerCase())]);
  return (raw) => {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw === 'boolean') return raw;
    if (typeof raw === 'number') {
      if (isMissingNumber(raw)) return undefined;
      return raw === 1 ? true : raw === 0 ? false : NOT_YES_NO;
    }
    const text = readText(raw);
    if (text === undefined) return undefined;
    const word = text.toLowerCase();
    if (trueWords.has(word)) return true;
    if (falseWords.has(word)) return false;
    return NOT_YES_NO;
  };
}

/** `createBoolCoercer()`'s reader: the standard words only. */
export const coerceBool = createBoolCoercer();

// ── timestamps ──────────────────────────────────────────────────────────────────────────────

export interface TimestampOptions {
  /** IANA zone for timestamps written without an offset. */
  readonly tz: string;
  /**
   * The column's layout (detected, or `parseDatePattern(--date-format)`, which reports an unusable
   * pattern once, before any row); undefined means ISO 8601.
   */
  readonly format?: DateFormat | undefined;
}

const EPOCH_NEEDS_FORMAT: Invalid = { invalid: 'epoch numbers need --date-format' };

/**
 * Epoch ms from text in the column's format (ISO 8601 by default); offset-less times are wall
 * time in `tz`. A JSON number is Unix time (seconds, ms or µs by magnitude) in an epoch column,
 * read as its digits in other formats (`20240115` as yyyyMMdd), and rejected under ISO.
 */
export function coerceTimestamp(raw: RawValue, options: TimestampOptions): Coerced<number> {
  if (raw === undefined || raw === null) return undefined;
  const format = options.format;
  if (typeof raw === 'number') {
    if (isMissingNumber(raw)) return undefined;
    if (!Number.isFinite(raw)) return NOT_FINITE;
    if (format === undefined) return EPOCH_NEEDS_FORMAT;
    return format.isEpoch === true ? parseEpochNumber(raw) : format.parse(String(raw), options.tz);
  }
  if (typeof raw === 'boolean') return NOT_A_DATE;
  const text = readText(raw);
  if (text === undefined) return undefined;
  return format === undefined ? parseIsoTimestamp(text, options.tz) : format.parse(text, options.tz);
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
