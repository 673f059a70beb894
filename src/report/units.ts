import type { Unit } from '../metrics/types.js';
import { DEFAULT_CONFIDENCE } from '../stats/intervals.js';
import { roundHalfAway } from './round.js';

/**
 * The one module that turns metric numbers into text for humans (architecture.md "one place for
 * each fact"). JSON and CSV carry the plain numbers; only table-like formats come through here.
 */

export type ValueDetail = Readonly<Record<string, number | string | null>>;

/** Shown wherever a value is missing (no data); never `0`, which is a value. */
export const MISSING = '–';

/** Separates the bounds of an interval: `81.3…88.5%`, `-5…+12`, `1h 2m…3h`. */
const RANGE_SEPARATOR = '…';

const DISPLAY_DECIMALS = { '%': 1, score: 2, index: 1, ratio: 2, apdex: 2, money: 2 } as const;

/** Units whose text ends in a suffix that an interval writes once, after its upper bound. */
const UNIT_SUFFIX: Partial<Record<Unit, string>> = { '%': '%', ms: ' ms' };

export function formatValue(value: number | null, unit: Unit, detail?: ValueDetail): string {
  if (value === null) return MISSING;
  switch (unit) {
    case 'points':
      return formatSigned(roundHalfAway(value, 0));
    case '%':
    case 'score':
    case 'index':
    case 'ratio':
    case 'money':
      return formatNumber(value, DISPLAY_DECIMALS[unit]) + (UNIT_SUFFIX[unit] ?? '');
    case 'apdex':
      return formatNumber(value, DISPLAY_DECIMALS.apdex) + formatApdexThreshold(detail);
    case 'count':
      // A mean of counts (active users per day) is not whole: its tenths say more than a rounded 0.
      return Number.isInteger(value) ? formatCount(value) : formatNumber(value, 1);
    case 'ms':
      return formatCount(value) + (UNIT_SUFFIX.ms ?? '');
    case 's':
      return formatDuration(value);
  }
}

/** `low…high` in the unit's style, with a unit suffix written once: `81.3…88.5%`. */
export function formatInterval(ci: readonly [number, number] | null, unit: Unit): string {
  if (ci === null) return MISSING;
  const suffix = UNIT_SUFFIX[unit] ?? '';
  const low = formatValue(ci[0], unit);
  const lowWithoutSuffix = suffix !== '' && low.endsWith(suffix) ? low.slice(0, -suffix.length) : low;
  return `${lowWithoutSuffix}${RANGE_SEPARATOR}${formatValue(ci[1], unit)}`;
}

/**
 * A change between periods: an arrow for the direction, the magnitude in the unit's style.
 * Percentages change by percentage points, so `%` deltas read `pp` (a `%` would suggest a
 * relative change).
 */
export function formatDelta(delta: number | null, unit: Unit): string {
  if (delta === null) return MISSING;
  const magnitude = Math.abs(delta);
  const text = unit === '%' ? `${formatNumber(magnitude, DISPLAY_DECIMALS['%'])} pp` : formatMagnitude(magnitude, unit);
  if (isZeroText(text)) return text;
  return `${delta > 0 ? '▲' : '▼'} ${text}`;
}

/** A whole number with thousands separators: `12,330`. */
export function formatCount(n: number): string {
  return groupThousands(roundHalfAway(n, 0).toFixed(0));
}

/** `250ms`, `2.8s`, `45s`, `12m 5s`, `4h 12m`, `3d 4h`; the two largest units, rounded at the smaller one. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const text = formatPositiveDuration(Math.abs(seconds));
  return text === '0s' ? text : sign + text;
}

/** Largest first; a duration shows the largest unit it reaches and the next one down. */
const DURATION_UNITS = [
  { suffix: 'd', seconds: 86_400 },
  { suffix: 'h', seconds: 3_600 },
  { suffix: 'm', seconds: 60 },
  { suffix: 's', seconds: 1 },
] as const;
const [, , MINUTE, SECOND] = DURATION_UNITS;

function formatPositiveDuration(seconds: number): string {
  // Short durations are response times: keep their precision (`250ms`, `2.8s`), not `0s`/`3s`.
  if (seconds === 0) return '0s';
  const millis = roundHalfAway(seconds * 1000, 0);
  if (millis < 1000) return `${String(millis)}ms`;
  const tenths = roundHalfAway(seconds, 1);
  if (tenths < 10) return `${String(tenths)}s`;
  const majorIndex = DURATION_UNITS.findIndex((u) => seconds >= u.seconds);
  const major = DURATION_UNITS[majorIndex] ?? SECOND;
  const minor = DURATION_UNITS[majorIndex + 1];
  if (minor === undefined) {
    const whole = roundHalfAway(seconds, 0);
    return whole >= MINUTE.seconds ? formatPositiveDuration(whole) : `${String(whole)}s`;
  }
  const minorCount = roundHalfAway(seconds / minor.seconds, 0);
  const larger = DURATION_UNITS[majorIndex - 1];
  // Rounding can carry into the next unit (23h 59.7m → 1d): format the carried value instead.
  if (larger !== undefined && minorCount * minor.seconds >= larger.seconds) {
    return formatPositiveDuration(minorCount * minor.seconds);
  }
  const perMajor = major.seconds / minor.seconds;
  const majorCount = Math.floor(minorCount / perMajor);
  const rest = minorCount - majorCount * perMajor;
  const head = `${groupThousands(String(majorCount))}${major.suffix}`;
  return rest === 0 ? head : `${head} ${String(rest)}${minor.suffix}`;
}

/** The Apdex specification wants T shown with the score: `0.91 [0.5]` (T in seconds). */
function formatApdexThreshold(detail: ValueDetail | undefined): string {
  const t = detail?.['t'];
  return typeof t === 'number' && Number.isFinite(t) ? ` [${String(t)}]` : '';
}

/** A magnitude (≥ 0) in the unit's style, without a sign or Apdex threshold. */
function formatMagnitude(magnitude: number, unit: Unit): string {
  if (unit === 'points') return formatCount(magnitude);
  return formatValue(magnitude, unit);
}

function formatSigned(whole: number): string {
  const text = formatCount(whole);
  return whole > 0 ? `+${text}` : text;
}

/** Fixed decimals after half-away rounding, with thousands separators: `1,234.57`. */
function formatNumber(value: number, decimals: number): string {
  return groupThousands(roundHalfAway(value, decimals).toFixed(decimals));
}

/** Locale-independent on purpose: output must be the same bytes on every machine. */
function groupThousands(fixed: string): string {
  const [integerPart = '', fractionPart] = fixed.split('.');
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fractionPart === undefined ? grouped : `${grouped}.${fractionPart}`;
}

function isZeroText(text: string): boolean {
  return !/[1-9]/.test(text);
}

/** Thresholds are short numbers a person wrote: no display rounding beyond this, no trailing zeros. */
const THRESHOLD_MAX_DECIMALS = 4;

/**
 * A threshold in its metric's unit as a person would write it: `85%`, `+30`, `4h`, `4.5`, `500 ms`
 * (formatValue would pad `85` to `85.0%`, which reads like a measured value).
 */
export function formatThreshold(value: number, unit: Unit): string {
  if (unit === 's') return formatDuration(value);
  const text = formatNumber(value, shortestDecimals(value));
  if (unit === 'points') return value > 0 ? `+${text}` : text;
  return text + (UNIT_SUFFIX[unit] ?? '');
}

/**
 * A value shown next to thresholds: formatValue, but never rounded onto a threshold it differs
 * from. `84.96` against `>= 85%` reads `84.96%`, not `85.0%`, so a breach never looks like a tie.
 * Durations keep their short form and add the exact seconds: `4h (14,412s)`.
 */
export function formatValueNear(value: number | null, bounds: readonly number[], unit: Unit, detail?: ValueDetail): string {
  const text = formatValue(value, unit, detail);
  if (value === null) return text;
  const collides = (decimals: number): boolean =>
    bounds.some((bound) => bound !== value && formatNumber(bound, decimals) === formatNumber(value, decimals));
  const shown = unit === 's' ? undefined : displayDecimals(unit);
  const isCollision = unit === 's' ? bounds.some((b) => b !== value && formatDuration(b) === text) : collides(shown ?? 0);
  if (!isCollision) return text;
  let decimals = shown ?? 0;
  while (decimals < PRECISE_MAX_DECIMALS && collides(decimals)) decimals += 1;
  const precise = formatNumber(value, decimals);
  switch (unit) {
    case 's':
      return `${text} (${precise}s)`;
    case 'points':
      return value > 0 ? `+${precise}` : precise;
    case 'apdex':
      return precise + formatApdexThreshold(detail);
    default:
      return precise + (UNIT_SUFFIX[unit] ?? '');
  }
}

/** Past this many decimals a difference is noise, not something a reader needs to see. */
const PRECISE_MAX_DECIMALS = 6;

/** A composite index (0–100) or component score: one decimal, as the index is a blend of rounded scores anyway. */
export function formatIndex(value: number | null): string {
  return value === null ? MISSING : formatNumber(value, 1);
}

/** `95% CI`, from the confidence level in (0, 1); 95% when the caller did not say. */
export function formatIntervalLabel(confidence: number | undefined): string {
  return `${formatConfidenceLevel(confidence ?? DEFAULT_CONFIDENCE)} CI`;
}

/** `95%`, `99.8%`: a confidence level in (0, 1) as people write it. */
export function formatConfidenceLevel(confidence: number): string {
  return `${String(roundHalfAway(confidence * 100, 1))}%`;
}

/** The decimals formatValue shows for a unit (durations have their own style). */
function displayDecimals(unit: Exclude<Unit, 's'>): number {
  switch (unit) {
    case '%':
    case 'score':
    case 'index':
    case 'ratio':
    case 'apdex':
    case 'money':
      return DISPLAY_DECIMALS[unit];
    case 'points':
    case 'count':
    case 'ms':
      return 0;
  }
}

/** The fewest decimals (up to THRESHOLD_MAX_DECIMALS) that show the number exactly. */
function shortestDecimals(value: number): number {
  for (let decimals = 0; decimals < THRESHOLD_MAX_DECIMALS; decimals += 1) {
    if (roundHalfAway(value, decimals) === value) return decimals;
  }
  return THRESHOLD_MAX_DECIMALS;
}

/** A p-value as people read it: three decimals, `< 0.001` below that (more digits claim a precision the test does not have); `–` without a test. */
export function formatP(p: number | null): string {
  if (p === null) return MISSING;
  return p < 0.001 ? '< 0.001' : roundHalfAway(p, 3).toFixed(3);
}

/**
 * A change against a baseline, signed: `-2 pp` on a % metric (points, not a relative %), `-5%`
 * when relative to the baseline value, `+30m` on a duration, `-3` on a net score. `exact` writes a
 * threshold as typed (shortest decimals) rather than a measured change at display precision.
 */
export function formatChangeAmount(value: number, unit: Unit, relative: boolean, exact = false): string {
  const sign = value < 0 ? '-' : value > 0 ? '+' : '';
  const magnitude = Math.abs(value);
  const decimals = exact ? shortestDecimals(magnitude) : 1;
  if (relative) return `${sign}${formatNumber(magnitude, decimals)}%`;
  if (unit === '%') return `${sign}${formatNumber(magnitude, decimals)} pp`;
  const text = exact ? formatThreshold(magnitude, unit) : formatValue(magnitude, unit);
  return sign + text.replace(/^\+/, '');
}
