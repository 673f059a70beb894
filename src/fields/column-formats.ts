/**
 * Per-column reading settings detected from a sample of raw cells (the first ~1000 records):
 * the date layout of a timestamp column and the decimal mark of numbers. Detection only picks
 * what the values settle; where they leave a real choice (01/02/2015: 1 February or 2 January?)
 * it says so, and the caller asks the user instead of guessing.
 */
import {
  DATE_FORMATS,
  DMY_DASH,
  DMY_SLASH,
  DMY_SLASH_SHORT_YEAR,
  ISO_8601,
  MDY_DASH,
  MDY_SLASH,
  MDY_SLASH_SHORT_YEAR,
  suggestDatePattern,
  type DateFormat,
} from './date-formats.js';
import { parseNumber, type DecimalMark } from './units.js';
import type { RivalReading } from './row-builder.js';
import { isInvalid, isMissing, type MissingTest } from './values.js';

export type DateFormatDetection =
  /** `rival`: the layout with day and month swapped, where the column could hold either, to hold the rest of the column to this one. */
  | { readonly kind: 'format'; readonly format: DateFormat; readonly rival?: RivalReading }
  /** Day-first and month-first both read every sample, and `example` reads differently under them. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly DateFormat[]; readonly example: string }
  /**
   * No known layout reads enough of the sample (or it holds no values): leave the column to ISO 8601
   * (`createUndetectedDateFormat` in date-suggestion.ts, whose rejections say what the values look like).
   */
  | { readonly kind: 'none' };

export interface DetectionOptions {
  /** What counts as missing (a source's extra null markers); `isMissing` by default. */
  readonly isMissing?: MissingTest;
}

const NONE: DateFormatDetection = { kind: 'none' };
// Detection asks only whether a text fits a layout, which no zone changes.
const DETECTION_ZONE = 'UTC';

/**
 * The date layout of a column, from a sample of its raw cells (missing ones are skipped).
 *
 * A candidate is a layout that reads every value. When none does, a layout that fails on at most
 * a tenth of the values (at least one may fail, and more must read than fail) is taken, so a
 * few broken cells, or GA's "Grand total" row under a week of dates, are rejected one by one
 * later instead of the whole column. Unix-time layouts are the exception: they must read every
 * value, as a column of mostly 10-digit numbers is not necessarily a column of dates.
 * Among the candidates that read the most: ISO 8601 first; day-first and month-first together
 * (no day above 12 anywhere) is `ambiguous` unless every value reads the same both ways
 * (`1/1/2024`); otherwise the first in `DATE_FORMATS` order. Lengths keep the digit-only layouts
 * apart: 8 digits are yyyyMMdd, 9–10 Unix seconds, 12–13 milliseconds, 15–16 microseconds.
 */
export function detectDateFormat(samples: readonly string[], options: DetectionOptions = {}): DateFormatDetection {
  const values = readPresentValues(samples, options.isMissing ?? isMissing);
  if (values.length === 0) return NONE;
  // ISO 8601 reading every value wins whatever else reads them (see chooseAmong): the common
  // case is settled without trying the other layouts (each thread of a run detects its own).
  if (countParsed(ISO_8601, values) === values.length) return { kind: 'format', format: ISO_8601 };
  const allowedMisses = Math.max(1, Math.floor(values.length / 10));
  let best: DateFormat[] = [];
  let bestCount = 0;
  for (const format of DATE_FORMATS) {
    const count = countParsed(format, values);
    const misses = values.length - count;
    const isCandidate = misses === 0 || (format.isEpoch !== true && misses <= allowedMisses && count > misses);
    if (!isCandidate || count < bestCount) continue;
    if (count > bestCount) {
      best = [];
      bestCount = count;
    }
    best.push(format);
  }
  return chooseAmong(best, values);
}

function readPresentValues(samples: readonly string[], isMissingCell: MissingTest): string[] {
  const values: string[] = [];
  for (const sample of samples) {
    if (!isMissingCell(sample)) values.push(sample.trim());
  }
  return values;
}

function countParsed(format: DateFormat, values: readonly string[]): number {
  let count = 0;
  for (const value of values) if (!isInvalid(format.parse(value, DETECTION_ZONE))) count += 1;
  return count;
}

function chooseAmong(candidates: readonly DateFormat[], values: readonly string[]): DateFormatDetection {
  const [first] = candidates;
  if (first === undefined) return NONE;
  if (candidates.includes(ISO_8601)) return { kind: 'format', format: ISO_8601 };
  const dayFirst = candidates.find((format) => format.isDayFirst === true);
  const monthFirst = candidates.find((format) => format.isDayFirst === false);
  if (dayFirst === undefined || monthFirst === undefined) return withRival(first, values);
  const example = values.find((value) => readsDifferently(value, dayFirst, monthFirst));
  if (example === undefined) return withRival(first, values);
  return { kind: 'ambiguous', candidates: [dayFirst, monthFirst], example };
}

/** The same layout with day and month swapped, where a column may hold either (`d/M/yyyy`, `M/d/yyyy`). */
const DAY_MONTH_SWAPPED: ReadonlyMap<DateFormat, DateFormat> = new Map([
  [DMY_SLASH, MDY_SLASH],
  [MDY_SLASH, DMY_SLASH],
  [DMY_SLASH_SHORT_YEAR, MDY_SLASH_SHORT_YEAR],
  [MDY_SLASH_SHORT_YEAR, DMY_SLASH_SHORT_YEAR],
  [DMY_DASH, MDY_DASH],
  [MDY_DASH, DMY_DASH],
]);

/** The chosen layout, with its day-month swap as the rival reading the rest of the column is held against. */
function withRival(format: DateFormat, values: readonly string[]): DateFormatDetection {
  const swapped = DAY_MONTH_SWAPPED.get(format);
  if (swapped === undefined) return { kind: 'format', format };
  const isSettled = values.some(
    (value) => !isInvalid(format.parse(value, DETECTION_ZONE)) && isInvalid(swapped.parse(value, DETECTION_ZONE)),
  );
  return { kind: 'format', format, rival: rivalLayout(format, swapped, isSettled) };
}

function rivalLayout(chosen: DateFormat, other: DateFormat, isSettled: boolean): RivalReading {
  const [chosenPattern, otherPattern] = [suggestDatePattern(chosen), suggestDatePattern(other)];
  return {
    isSettled,
    chosen: `as ${chosenPattern}`,
    other: `as ${otherPattern}`,
    question: 'day against month',
    options: `--date-format "${chosenPattern}" or --date-format "${otherPattern}"`,
    compare(text) {
      const read = chosen.parse(text, DETECTION_ZONE);
      const readOther = other.parse(text, DETECTION_ZONE);
      if (isInvalid(readOther)) return 'same';
      if (isInvalid(read)) return 'only-rival';
      return read === readOther ? 'same' : 'differs';
    },
  };
}

function readsDifferently(value: string, one: DateFormat, other: DateFormat): boolean {
  const a = one.parse(value, DETECTION_ZONE);
  const b = other.parse(value, DETECTION_ZONE);
  return typeof a === 'number' && typeof b === 'number' && a !== b;
}

export type DecimalMarkDetection =
  /** `rival`: the mark passed over, where there was a choice (`;` and tab files), to hold the rest of the column to this one. */
  | { readonly kind: 'mark'; readonly mark: DecimalMark; readonly rival?: RivalReading }
  /** Nothing settles the mark, and `example` reads as a different number under each (`2.500`: 2.5 or 2500). */
  | { readonly kind: 'ambiguous'; readonly example: string }
  /** Some values read only with a decimal comma, others only with a point. */
  | { readonly kind: 'mixed'; readonly comma: string; readonly point: string };

/** What one value says about its column's decimal mark. */
export type MarkEvidence =
  /** It reads only with that mark: `1,5` (comma), `1.5` or `1,234.5` (point). */
  | DecimalMark
  /** It reads as two different numbers: `2.500`, `1,234`. */
  | 'two-ways'
  /** It reads alike (`12`), or not at all. */
  | 'none';

function markEvidence(text: string): MarkEvidence {
  const withComma = parseNumber(text, ',');
  const withPoint = parseNumber(text, '.');
  const readsWithComma = typeof withComma === 'number';
  const readsWithPoint = typeof withPoint === 'number';
  if (readsWithPoint && !readsWithComma) return '.';
  if (readsWithComma && !readsWithPoint) return ',';
  return readsWithComma && withComma !== withPoint ? 'two-ways' : 'none';
}

/** The decimal mark not chosen, as a rival reading (row-builder.ts) that the rest of the column is held against. */
function rivalMark(chosen: DecimalMark, isSettled: boolean): RivalReading {
  const other: DecimalMark = chosen === '.' ? ',' : '.';
  return {
    isSettled,
    chosen: `with ${MARK_NAMES[chosen]}`,
    other: `with ${MARK_NAMES[other]}`,
    question: 'its decimal mark',
    options: '--decimal , or --decimal .',
    compare(text) {
      // Most cells are plain digits, which read alike: two regex tests spared.
      if (!text.includes(',') && !text.includes('.')) return 'same';
      const evidence = markEvidence(text);
      if (evidence === other) return 'only-rival';
      return evidence === 'two-ways' ? 'differs' : 'same';
    },
  };
}

const MARK_NAMES: Readonly<Record<DecimalMark, string>> = { '.': 'a decimal point', ',': 'a decimal comma' };

/**
 * The decimal mark of a column's numbers. Only where the delimiter is `;` or tab (where European
 * Excel puts decimal commas, exports.md §4) is there a choice: ',' when a value reads only with a
 * decimal comma (`1,5`, `-0,3`, `1.234,5`), '.' when one reads only with a point (`1.5`,
 * `1,234.5`). Values that read alike (`12`) and non-numbers decide nothing. A sample that holds
 * both kinds, or none but a value that reads as two numbers (`1,234`, `2.500`), is a real choice:
 * guessing it made the numbers depend on which rows came first (a sample of `2.500`s read as 2.5,
 * a shuffled one holding a `2,5` as 2500), so the caller asks. Under `,` as delimiter the mark is
 * always '.', so GA's `"3,505"` stays three thousand five hundred and five.
 *
 * The rows after the sample are held to what it decided (run/prepare-source.ts): a value that reads only
 * with the other mark, or — when the sample told nothing — one that reads two ways, ends the run.
 * So in any order of the rows the column is read one way or the run stops: never two numbers.
 */
export function detectDecimalMark(samples: readonly string[], delimiter: string, options: DetectionOptions = {}): DecimalMarkDetection {
  if (delimiter !== ';' && delimiter !== '\t') return { kind: 'mark', mark: '.' };
  const isMissingCell = options.isMissing ?? isMissing;
  let comma: string | undefined;
  let point: string | undefined;
  let twoWays: string | undefined;
  for (const sample of samples) {
    if (isMissingCell(sample)) continue;
    const evidence = markEvidence(sample);
    if (evidence === '.') point ??= sample;
    else if (evidence === ',') comma ??= sample;
    else if (evidence === 'two-ways') twoWays ??= sample;
  }
  if (comma !== undefined && point !== undefined) return { kind: 'mixed', comma, point };
  if (comma !== undefined) return { kind: 'mark', mark: ',', rival: rivalMark(',', true) };
  if (point === undefined && twoWays !== undefined) return { kind: 'ambiguous', example: twoWays };
  return { kind: 'mark', mark: '.', rival: rivalMark('.', point !== undefined) };
}
