/**
 * The one module that reads numbers with units out of text: durations (`1h 30m`, `01:30:00`),
 * locale-formatted numbers (`1.234,5`) and percentages. Fields and the config's targets
 * (`<= 1h30m`, `>= 85%`) both parse through here, so a unit means the same thing everywhere.
 */
import { POWERS_OF_TEN, readDecimal } from '../stats/exact-sum.js';
import type { Invalid } from './invalid.js';

export type DecimalMark = '.' | ',';
/** `mo`: months, one average Gregorian month each (365.2425 / 12 = 30.436875 days), as churn tables write tenure. */
export type PlainDurationUnit = 's' | 'ms' | 'min' | 'h' | 'mo';

/** One average Gregorian month in milliseconds: 30.436875 days × 86,400,000 ms, a whole number. */
export const MS_PER_MONTH = 2_629_746_000;

// Milliseconds per unit, divided by 1000 once at the end: `250ms` is then exactly 0.25, as written.
// Exported: the SQL pushdown reads a plain number in a duration column as this many ms (sql/analytics.ts).
export const MS_PER: Readonly<Record<PlainDurationUnit, number>> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, mo: MS_PER_MONTH };

/** An amount of `unit` in seconds (a JSON duration, or a plain number in a duration column). */
export function convertToSeconds(amount: number, unit: PlainDurationUnit): number {
  if (unit === 's') return amount;
  // In doubles when that is exact (the usual case), else through BigInt from the amount's shortest
  // text, which is the decimal that was written.
  return scaleAsWritten(amount, MS_PER[unit], 3) ?? writtenToSeconds([[String(amount), MS_PER[unit]]]);
}

/**
 * value × multiplier / 10^shift, for a value read as the decimal it was written as (m / 10^k,
 * stats/exact-sum.ts): m × multiplier is exact and one division rounds it. Undefined when that
 * would not be exact in doubles.
 */
function scaleAsWritten(value: number, multiplier: number, shift: number): number | undefined {
  const reading = readDecimal(value);
  if (reading === undefined) return undefined;
  const scaled = reading.units * multiplier;
  const power = POWERS_OF_TEN[reading.places + shift];
  return power !== undefined && Math.abs(scaled) < 2 ** 53 ? scaled / power : undefined;
}

/**
 * Σ amount × milliseconds-per-unit, over amounts as written in decimal (`1.1`, `.5`, `1e-7`), in
 * seconds: the double nearest to the exact result, rounded once. `1.1` hours is then 3960 s,
 * where 1.1 × 3,600,000 / 1000 in doubles is 3960.0000000000005 and misses a `<= 1.1h` target it
 * meets exactly. Whole amounts (the usual case) add exactly as doubles and divide once.
 */
function writtenToSeconds(parts: readonly (readonly [string, number])[]): number {
  if (parts.every(([amount]) => isDigits(amount))) {
    // Unsigned whole amounts: every product and the total are exact while the total is below 2^53.
    const totalMs = parts.reduce((ms, [amount, msPerUnit]) => ms + Number(amount) * msPerUnit, 0);
    if (totalMs < 2 ** 53) return totalMs / 1000;
  }
  const decimals = parts.map(([amount, msPerUnit]) => ({ ...decimalOf(amount), msPerUnit: BigInt(msPerUnit) }));
  const places = Math.max(0, ...decimals.map((decimal) => decimal.places));
  const totalMs = decimals.reduce(
    (total, { digits, places: own, msPerUnit }) => total + digits * msPerUnit * 10n ** BigInt(places - own),
    0n,
  );
  return Number(`${totalMs}e-${places + 3}`);
}

/** A decimal text (`1.1`, `.5`, `1e-7`, `-2.5E+3`) as digits / 10^places (places may be negative). */
function decimalOf(text: string): { digits: bigint; places: number } {
  const [mantissa = '', exponent = '0'] = text.toLowerCase().split('e');
  const point = mantissa.indexOf('.');
  const places = (point < 0 ? 0 : mantissa.length - point - 1) - Number(exponent);
  return { digits: BigInt(mantissa.replace('.', '').replace('+', '')), places };
}

// Space-like thousands separators: space, no-break space (French/Russian Excel), narrow no-break
// space (CLDR's French grouping since 2018).
const SPACE_GROUPS = '(?:\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+)';
const SIGN = '[+\\-\\u2212]?';
const EXPONENT = '(?:[eE][+\\-]?\\d+)?';

// Groups must be exactly three digits after a 1–3 digit lead, so `1,2,3` is not a number with `.`.
const NUMBER_WITH_POINT = new RegExp(`^${SIGN}(?:(?:\\d+|\\d{1,3}(?:,\\d{3})+|${SPACE_GROUPS})(?:\\.\\d*)?|\\.\\d+)${EXPONENT}$`);
const NUMBER_WITH_COMMA = new RegExp(`^${SIGN}(?:(?:\\d+|\\d{1,3}(?:\\.\\d{3})+|${SPACE_GROUPS})(?:,\\d*)?|,\\d+)${EXPONENT}$`);
// What `Number()` reads exactly as written; the common case skips all rewriting.
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SEPARATORS_WITH_POINT = /[,\s]/g;
const SEPARATORS_WITH_COMMA = /[.\s]/g;

/**
 * Reads a number as a person or a spreadsheet wrote it. A trailing `%` is dropped and the number
 * returned as written (`85%` → 85): whether that is a share is the caller's business.
 * Stricter than `parseFloat`: the whole text must be the number (`12abc` is rejected).
 */
export function parseNumber(text: string, decimal: DecimalMark): number | Invalid {
  let body = text.trim();
  if (isDigits(body)) return toNumber(body);
  if (body.endsWith('%')) body = body.slice(0, -1).trimEnd();
  if (decimal === '.' && PLAIN_NUMBER.test(body)) return toNumber(body);
  if (!(decimal === '.' ? NUMBER_WITH_POINT : NUMBER_WITH_COMMA).test(body)) return { invalid: 'not a number' };
  const canonical = decimal === '.' ? body.replace(SEPARATORS_WITH_POINT, '') : body.replace(SEPARATORS_WITH_COMMA, '').replace(',', '.');
  return toNumber(canonical.replace('\u2212', '-'));
}

/** One or more ASCII digits (a score, a count): read alike with either decimal mark, so without the regexes. */
function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return text.length > 0;
}

function toNumber(canonical: string): number | Invalid {
  const value = Number(canonical);
  // `+ 0` turns −0 into 0, so "-0" never prints as "−0".
  return Number.isFinite(value) ? value + 0 : { invalid: 'not a finite number' };
}

/** A share written either way: `45%` → 0.45, `0.45` → 0.45. Values must lie in 0–1 (0–100%). */
export function parsePercentOrFraction(text: string, decimal: DecimalMark): number | Invalid {
  const written = parseNumber(text, decimal);
  if (typeof written !== 'number') return written;
  if (text.trimEnd().endsWith('%')) {
    return written >= 0 && written <= 100 ? percentToFraction(written) : { invalid: `${written}% is outside 0–100%` };
  }
  if (written > 1) return { invalid: `${written} is not a fraction 0–1; write ${written}% for a percentage` };
  return written >= 0 ? written : { invalid: `${written} is outside 0–1` };
}

/**
 * p % as the double nearest to p/100 of the decimal written: `0.07%` is 0.0007, where 0.07 / 100
 * is 0.0007000000000000001 (one in four two-place percentages is off so), and sums of such shares
 * would miss a target they meet exactly.
 */
function percentToFraction(percent: number): number {
  return scaleAsWritten(percent, 1, 2) ?? percent / 100;
}

const AMOUNT = '(\\d+(?:\\.\\d+)?|\\.\\d+)';
// Units in falling order, each at most once, so a typo such as `1m 30m` is rejected instead of
// summed. `m` is minutes; `ms` is milliseconds (the regex backtracks from `m` to `ms`).
const UNIT_DURATION = new RegExp(
  '^' +
    [
      `(?:${AMOUNT}\\s*(?:weeks?|wks?|w))?`,
      `(?:${AMOUNT}\\s*(?:days?|d))?`,
      `(?:${AMOUNT}\\s*(?:hours?|hrs?|h))?`,
      `(?:${AMOUNT}\\s*(?:minutes?|mins?|m))?`,
      `(?:${AMOUNT}\\s*(?:seconds?|secs?|s))?`,
      `(?:${AMOUNT}\\s*(?:milliseconds?|msecs?|ms))?`,
    ].join('\\s*') +
    '$',
  'i',
);
// Milliseconds in one of each unit above, in the same order. A day is 24 h of elapsed time.
const UNIT_MS = [604_800_000, 86_400_000, 3_600_000, 60_000, 1000, 1] as const;
// `h:mm:ss` (hours unbounded: `36:00:00`) or `m:ss`; minutes and seconds below 60 in either.
const CLOCK_DURATION = /^(?:(\d+):([0-5]\d)|(\d+)):([0-5]\d(?:\.\d+)?)$/;
const PLAIN_AMOUNT = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a duration into seconds: a plain number (in `plainUnit`, default seconds), unit forms
 * (`1h 30m`, `1h30m`, `90m`, `250ms`, `2d 4h`, `1.5h`, `45 sec`, `2 hours`) or a clock
 * (`01:30:00`, `1:30:00`, `2:15` = 2 min 15 s). A duration is elapsed time: `1d` is 86 400 s.
 */
export function parseDuration(text: string, plainUnit: PlainDurationUnit = 's'): number | Invalid {
  const trimmed = text.trim();
  const isNegative = trimmed.startsWith('-') || trimmed.startsWith('\u2212');
  const body = isNegative || trimmed.startsWith('+') ? trimmed.slice(1).trimStart() : trimmed;
  const seconds = readUnsignedDuration(body, plainUnit);
  if (typeof seconds !== 'number') return seconds;
  if (isNegative && seconds !== 0) return { invalid: 'negative duration' };
  return seconds;
}

function readUnsignedDuration(body: string, plainUnit: PlainDurationUnit): number | Invalid {
  if (PLAIN_AMOUNT.test(body)) {
    const amount = Number(body);
    return Number.isFinite(amount) ? convertToSeconds(amount, plainUnit) : { invalid: 'not a finite number' };
  }
  const clock = CLOCK_DURATION.exec(body);
  if (clock !== null) {
    const [, hours = '0', minutesAfterHours, minutesOnly, seconds = '0'] = clock;
    const minutes = minutesAfterHours ?? minutesOnly ?? '0';
    // Whole seconds (the usual clock) add exactly; a fraction of a second is read as written.
    if (!seconds.includes('.')) return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
    return writtenToSeconds([
      [hours, 3_600_000],
      [minutes, 60_000],
      [seconds, 1000],
    ]);
  }
  const units = UNIT_DURATION.exec(body);
  if (units === null || body === '') return { invalid: 'not a duration' };
  const parts: [string, number][] = [];
  for (let unit = 0; unit < UNIT_MS.length; unit++) {
    const amount = units[unit + 1];
    if (amount !== undefined) parts.push([amount, UNIT_MS[unit] ?? 0]);
  }
  return writtenToSeconds(parts);
}
