/**
 * Threshold values as the XLA file writes them (`85%`, `4h`, `2.5s`, `+30`), read into the metric's
 * JSON unit (% 0–100, seconds, milliseconds, points…). The unit decides what may be written: a
 * duration needs its unit, a percentage fits only a rate, and nothing is guessed (`0.5` on a rate is
 * 0.5 %, never 50 %). Durations go through fields/units.ts, so `1h30m` means the same here as in data.
 */
import { parseDuration } from '../fields/units.js';
import { isInvalid } from '../fields/values.js';
import type { Unit } from '../metrics/types.js';
import { describeValue } from './issues.js';

/** A value that could not be read, with the reason in words. */
export interface ValueError {
  error: string;
}

export const isValueError = (value: unknown): value is ValueError => typeof value === 'object' && value !== null && 'error' in value;

/** What a value is checked against: its unit, the name messages use, and the range it may take. */
export interface ValueSpec {
  unit: Unit;
  /** `nps`, `resolution_time.p90`, `the composite index`. */
  subject: string;
  /** Inclusive bounds the value must lie within, when the unit has them. */
  range: readonly [number, number] | undefined;
}

// No exponent and no thousands separators: a threshold is typed by a person, and `1,000` or `1e3`
// in a target is more likely a mistake than a number.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const EXPONENT_NUMBER = /^[+-]?[\d.]+e[+-]?\d+$/i;

const UNIT_WORDS: Readonly<Record<Unit, string>> = {
  points: 'points',
  '%': '%',
  score: 'score',
  index: 'a 0–100 score',
  s: 'a duration',
  ms: 'milliseconds',
  count: 'count',
  ratio: 'ratio',
  apdex: 'apdex 0–1',
  money: 'an amount of money',
};

/** `nps (points)`, `resolution_time.p90 (a duration)`: how messages name what a value is for. */
const describeSubject = (spec: ValueSpec): string => `${spec.subject} (${UNIT_WORDS[spec.unit]})`;

/** Bounds every metric of a unit shares; `score` has none because each question has its own scale. */
export function rangeOfUnit(unit: Unit): readonly [number, number] | undefined {
  switch (unit) {
    case 'points':
      return [-100, 100];
    case '%':
    case 'index':
      return [0, 100];
    case 'apdex':
      return [0, 1];
    case 'count':
    case 'ratio':
    case 's':
    case 'ms':
      return [0, Number.POSITIVE_INFINITY];
    // money: CLV less the acquisition cost may be negative, and the currency is the data's.
    case 'score':
    case 'money':
      return undefined;
  }
}

/** A threshold's example in the metric's unit, for "expected … such as …" messages. */
export function exampleValue(unit: Unit): string {
  switch (unit) {
    case '%':
      return '85%';
    case 's':
      return '4h';
    case 'ms':
      return '2500ms';
    case 'apdex':
      return '0.85';
    case 'points':
      return '30';
    case 'index':
      return '68';
    case 'score':
      return '4';
    case 'count':
    case 'ratio':
      return '10';
    case 'money':
      return '1000';
  }
}

/**
 * The confidence levels intervals are computed at, or 0 for none. Below 50 % an interval misses
 * the true value more often than it holds it; far above 99.99 % the critical value rests on the
 * last bits of the level (0.9999999999999999 leaves 1 − α/2 = 1: an infinite interval).
 */
export const CONFIDENCE_LEVELS = {
  min: 0.5,
  max: 0.9999,
  text: 'a level from 0.5 to 0.9999 (50% to 99.99%), or 0 for no intervals',
} as const;

export const isConfidenceLevel = (level: number): boolean =>
  level === 0 || (level >= CONFIDENCE_LEVELS.min && level <= CONFIDENCE_LEVELS.max);

/** Reads one value (no operator) in the unit of `spec`. */
export function readValue(text: string, spec: ValueSpec): number | ValueError {
  const value = text.trim();
  const read = readByUnit(value, spec);
  if (isValueError(read)) return read;
  if (!Number.isFinite(read)) return tooLarge(value);
  return checkRange(read, value, spec);
}

/** A number with hundreds of digits reads as Infinity, which no threshold or duration can be. */
const tooLarge = (value: string): ValueError => ({ error: `too large a number, got ${describeValue(value)}` });

function readByUnit(value: string, spec: ValueSpec): number | ValueError {
  // `1e3` is refused, not read: parseDuration would take it as 1000 s (readDurationWithUnit refuses it too).
  if (EXPONENT_NUMBER.test(value) && spec.unit !== 's') return notANumber(value, spec);
  switch (spec.unit) {
    case '%':
      return readPercent(value, spec);
    case 's':
      return readDurationWithUnit(value, describeSubject(spec));
    case 'ms':
      return readMilliseconds(value, spec);
    case 'points':
    case 'score':
    case 'index':
    case 'count':
    case 'ratio':
    case 'apdex':
    case 'money':
      return readPlainNumber(value, spec);
  }
}

const hasPercentSign = (value: string): boolean => value.endsWith('%');

/** A unit after a number (`4h`, `250ms`, `1h30m`) or a clock (`1:30:00`). */
const looksLikeDuration = (value: string): boolean => !isInvalid(parseDuration(value)) && !PLAIN_NUMBER.test(value);

function notANumber(value: string, spec: ValueSpec): ValueError {
  return { error: `expected a number such as ${exampleValue(spec.unit)}, got "${value}"` };
}

/** `85%` or a bare `85`: percent points either way. */
function readPercent(value: string, spec: ValueSpec): number | ValueError {
  const body = hasPercentSign(value) ? value.slice(0, -1).trimEnd() : value;
  if (PLAIN_NUMBER.test(body)) return toNumber(body);
  if (looksLikeDuration(value)) return { error: `a duration does not fit ${describeSubject(spec)}` };
  return notANumber(value, spec);
}

function readPlainNumber(value: string, spec: ValueSpec): number | ValueError {
  if (hasPercentSign(value)) return { error: `% does not fit ${describeSubject(spec)}` };
  if (PLAIN_NUMBER.test(value)) return toNumber(value);
  if (looksLikeDuration(value)) return { error: `a duration does not fit ${describeSubject(spec)}` };
  return notANumber(value, spec);
}

/** A bare number is milliseconds (the metric's own unit); `2.5s` is 2500. */
function readMilliseconds(value: string, spec: ValueSpec): number | ValueError {
  if (hasPercentSign(value)) return { error: `% does not fit ${describeSubject(spec)}` };
  if (PLAIN_NUMBER.test(value)) return toNumber(value);
  const seconds = parseDuration(value);
  if (isInvalid(seconds)) return { error: `expected milliseconds or a duration such as 2500 or 2.5s, got "${value}"` };
  return dropFloatNoise(seconds * 1000);
}

/**
 * A duration in seconds that must carry its unit (`4h`, `1h30m`, `90m`, `45s`, `250ms`, `2d`, or a
 * clock `1:30:00`): a bare `4` could be hours, minutes or seconds, so it is refused, not guessed.
 */
export function readDurationWithUnit(text: string, subject: string): number | ValueError {
  const value = text.trim();
  if (hasPercentSign(value)) return { error: `% does not fit ${subject}` };
  if (EXPONENT_NUMBER.test(value)) return { error: `expected a duration such as 4h, 1h30m, 90m or 45s, got "${value}"` };
  if (PLAIN_NUMBER.test(value)) {
    const amount = value.replace(/^\+/, '');
    return { error: `write a unit: ${amount}h, ${amount}m or ${amount}s` };
  }
  const seconds = parseDuration(value);
  if (isInvalid(seconds)) {
    const reason =
      seconds.invalid === 'negative duration' ? 'a duration cannot be negative' : 'expected a duration such as 4h, 1h30m, 90m or 45s';
    return { error: `${reason}, got "${value}"` };
  }
  if (!Number.isFinite(seconds)) return tooLarge(value);
  // Exact as written already (fields/units.ts reads `1.1h` as 3960 s, rounded once): nothing to trim.
  return seconds;
}

function checkRange(value: number, text: string, spec: ValueSpec): number | ValueError {
  const range = spec.range;
  if (range === undefined || (value >= range[0] && value <= range[1])) return value;
  const [low, high] = range;
  const bounds = high === Number.POSITIVE_INFINITY ? `at least ${low}` : `between ${low} and ${high}`;
  return { error: `${spec.subject} is ${bounds}, got "${text}"` };
}

function toNumber(text: string): number {
  // `+ 0` turns −0 into 0, so `-0` never shows up as a threshold of −0.
  return Number(text) + 0;
}

/** `2.01s` × 1000 is 2009.9999999999998 ms in binary floating point; a threshold should read as written. */
function dropFloatNoise(value: number): number {
  return Number(value.toPrecision(12));
}
