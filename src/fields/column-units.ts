/**
 * The unit of a duration column's plain numbers (`250` in a `latency_ms` column is milliseconds),
 * decided once per column and recorded on its binding with where it came from, so that `inspect`
 * and the report can show it. In order, the first that speaks decides:
 *
 * 1. `--map response_time=elapsed:ms` (the unit written after the column);
 * 2. the config source's `units: { response_time: ms }`;
 * 3. the preset's name for the column (JMeter's `elapsed` is milliseconds);
 * 4. the column's name: a unit word in brackets anywhere (`Latency (ms)`, `Время [сек]`), else as
 *    its last word (`response_time_ms`, `wait minutes`), else a spelt-out unit as its first word
 *    (`hours_to_resolve`); two different units in one name say nothing;
 * 5. the values, for response times only (VALUE_RULES): whole numbers whose median would be an
 *    absurd number of seconds (100 or more) are milliseconds; whole numbers with a median of 10–99
 *    could be either, so they stay seconds with a note on stderr;
 * 6. the field's usual unit, where its declaration gives one (a customer's `tenure`: months);
 * 7. seconds.
 */
import { FIELDS } from './catalog.js';
import type { FieldId } from './types.js';
import type { PlainDurationUnit } from './units.js';

export const PLAIN_DURATION_UNITS: readonly PlainDurationUnit[] = ['s', 'ms', 'min', 'h', 'mo'];

/** Where a column's unit came from, in order of precedence; `default` is seconds, nothing said otherwise. */
export type UnitOrigin = 'map' | 'config' | 'preset' | 'name' | 'values' | 'field' | 'default';

export interface ColumnUnit {
  unit: PlainDurationUnit;
  from: UnitOrigin;
}

const ORIGIN_TEXT: Readonly<Record<UnitOrigin, string>> = {
  map: 'from --map',
  config: 'from the config',
  preset: 'from the preset',
  name: 'from the column name',
  values: 'from the values',
  field: "the field's usual unit",
  default: 'nothing said otherwise',
};

/** How inspect shows a column's unit: `plain numbers in ms (from the column name)`. */
export function describeUnit({ unit, from }: ColumnUnit): string {
  return `plain numbers in ${unit} (${ORIGIN_TEXT[from]})`;
}

/** The fields whose plain numbers carry a unit: the duration fields. */
export const DURATION_FIELDS = FIELDS.filter((field) => field.type === 'duration').map((field) => field.id);

function isPlainDurationUnit(text: string): text is PlainDurationUnit {
  return (PLAIN_DURATION_UNITS as readonly string[]).includes(text);
}

/** The words of a name that say a unit (English and Russian), lower case. */
const UNIT_WORDS: Readonly<Record<PlainDurationUnit, readonly string[]>> = {
  ms: [
    'ms',
    'msec',
    'msecs',
    'millis',
    'millisecond',
    'milliseconds',
    'мс',
    'мсек',
    'миллисекунда',
    'миллисекунды',
    'миллисекунд',
    'миллисекундах',
  ],
  s: ['s', 'sec', 'secs', 'second', 'seconds', 'с', 'сек', 'секунда', 'секунды', 'секунд', 'секундах'],
  min: ['min', 'mins', 'minute', 'minutes', 'мин', 'минута', 'минуты', 'минут', 'минутах'],
  h: ['h', 'hr', 'hrs', 'hour', 'hours', 'ч', 'час', 'часа', 'часы', 'часов', 'часах'],
  mo: ['mo', 'mos', 'month', 'months', 'мес', 'месяц', 'месяца', 'месяцы', 'месяцев', 'месяцах'],
};

/** Short words that are a unit only in brackets or as the last word: `min_latency` is a minimum, `s` a plural. */
const SHORT_WORDS: ReadonlySet<string> = new Set(['s', 'h', 'min', 'mins', 'mo', 'mos', 'с', 'ч', 'мин', 'мес']);

const UNIT_OF_WORD: ReadonlyMap<string, PlainDurationUnit> = new Map(
  PLAIN_DURATION_UNITS.flatMap((unit) => UNIT_WORDS[unit].map((word) => [word, unit] as const)),
);

/** Names that are a unit by convention: JMeter's `elapsed` is milliseconds. */
const CONVENTIONAL_NAMES: ReadonlyMap<string, PlainDurationUnit> = new Map([['elapsed', 'ms']]);

const BRACKETED = /[([{]([^)\]}]*)[)\]}]/gu;

/** `responseTimeMs` → `response Time Ms`: a camel-case boundary is a word boundary. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** The one unit among `words`, undefined when none or two different ones. */
function soleUnit(words: readonly string[]): PlainDurationUnit | undefined {
  const units = new Set(words.flatMap((word) => UNIT_OF_WORD.get(word) ?? []));
  return units.size === 1 ? [...units][0] : undefined;
}

/** The unit a column's name says (rule 4 above), or undefined. */
export function unitFromName(name: string): PlainDurationUnit | undefined {
  const bracketed = [...name.matchAll(BRACKETED)].flatMap((match) => wordsOf(match[1] ?? ''));
  const inBrackets = soleUnit(bracketed);
  if (inBrackets !== undefined) return inBrackets;
  const words = wordsOf(name);
  const conventional = CONVENTIONAL_NAMES.get(words.join(' '));
  if (conventional !== undefined) return conventional;
  // A short word counts only as the last of several (`wait_min`, not `min_wait` nor a lone `s`).
  const isSpoken = (word: string, at: number): boolean => !SHORT_WORDS.has(word) || (at === words.length - 1 && at > 0);
  const spoken = words.filter(isSpoken);
  const unit = soleUnit(spoken);
  if (unit === undefined) return undefined;
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  return UNIT_OF_WORD.get(last) === unit || (isSpoken(first, 0) && UNIT_OF_WORD.get(first) === unit) ? unit : undefined;
}

/**
 * The median of plain numbers (seconds) above which they are read as milliseconds, and from which
 * they are unsure. Only response times: an engagement time or a lost time can be any length.
 */
const VALUE_RULES: Partial<Record<FieldId, { msFrom: number; unsureFrom: number }>> = {
  response_time: { msFrom: 100, unsureFrom: 10 },
};

const WHOLE_NUMBER = /^\d+$/;

export type ValueVerdict = { unit: 'ms' } | { unsure: number } | undefined;

/**
 * What a column's sampled texts say of its unit (rule 5 above): milliseconds, unsure (the
 * median), or nothing. Any text that is not a plain number (`250ms`, `1:30`) or a fraction
 * (`0.25`) says the plain numbers are seconds.
 */
export function unitFromValues(field: FieldId, texts: readonly string[]): ValueVerdict {
  const rule = VALUE_RULES[field];
  const values = texts.map((text) => text.trim()).filter((text) => text !== '');
  if (rule === undefined || values.length === 0) return undefined;
  if (!values.every((text) => WHOLE_NUMBER.test(text))) return undefined;
  const sorted = values.map(Number).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  if (median >= rule.msFrom) return { unit: 'ms' };
  return median >= rule.unsureFrom ? { unsure: median } : undefined;
}

/**
 * `elapsed:ms` → the column `elapsed` in ms. The suffix is a unit only when it is one of s, ms,
 * min, h (any case) after the last colon, so `Time: total` stays a column name; a column really
 * named `Latency:ms` is found by `findColumn` under its whole name first (match.ts).
 */
export function splitUnitSuffix(text: string): { column: string; unit?: PlainDurationUnit } {
  const at = text.lastIndexOf(':');
  if (at <= 0) return { column: text };
  const suffix = text
    .slice(at + 1)
    .trim()
    .toLowerCase();
  const column = text.slice(0, at).trim();
  return isPlainDurationUnit(suffix) && column !== '' ? { column, unit: suffix } : { column: text };
}
