/**
 * What to tell the user about a timestamp column whose layout detection could not find
 * (column-formats.ts): the most likely pattern, from a small pure scorer of candidate layouts
 * over the sampled values. Runs once per such column, never per row.
 *
 * Candidates, each scored by how many sampled values it reads:
 * - every catalogue layout (date-formats.ts), as detection tried them;
 * - the pattern inferred from the commonest shape of the values (`31_07_2018 10h20` →
 *   `dd_MM_yyyy HH'h'mm`), checked by actually reading the sample with it as a `--date-format`;
 * - month names in a language xla does not read (`31-mrt-18`: Dutch), which no pattern can fix.
 * The best reading wins (a readable candidate on a tie); one that reads nothing suggests nothing.
 */
import {
  DATE_FORMATS,
  DatePatternError,
  ISO_8601,
  NOT_ISO_8601,
  parseDatePattern,
  parseIsoTimestamp,
  readMonthName,
  suggestDatePattern,
  type DateFormat,
} from './date-formats.js';
import { isInvalid, type Invalid } from './invalid.js';

// Months in languages xla recognises but does not read: full names (nominative and, where
// dates use it, genitive) and the usual abbreviations, lower case, without the dot.
const FOREIGN_MONTHS: Readonly<Record<string, string>> = {
  Dutch:
    'januari februari maart april mei juni juli augustus september oktober november december jan feb mrt apr jun jul aug sep sept okt nov dec',
  German:
    'januar jänner februar märz april mai juni juli august september oktober november dezember jan jän feb mär mrz apr jun jul aug sep sept okt nov dez',
  French:
    'janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre janv févr fevr fév avr juil aoû sept oct nov déc',
  Spanish:
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre ene feb mar abr jun jul ago sep sept set oct nov dic',
  Italian:
    'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre gen feb mar apr mag giu lug ago set ott nov dic',
  Portuguese:
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro jan fev mar abr mai jun jul ago set out nov dez',
  Polish:
    'styczeń stycznia luty lutego marzec marca kwiecień kwietnia maj maja czerwiec czerwca lipiec lipca sierpień sierpnia wrzesień września październik października listopad listopada grudzień grudnia sty lut kwi cze lip sie wrz paź lis gru',
  Ukrainian:
    'січень січня лютий лютого березень березня квітень квітня травень травня червень червня липень липня серпень серпня вересень вересня жовтень жовтня листопад листопада грудень грудня січ лют бер кві квіт тра трав чер черв лип сер серп вер жов жовт лис гру',
  Swedish:
    'januari februari mars april maj juni juli augusti september oktober november december jan feb mar apr jun jul aug sep okt nov dec',
};
const FOREIGN_MONTH_SETS: readonly (readonly [string, ReadonlySet<string>])[] = Object.entries(FOREIGN_MONTHS).map(([language, words]) => [
  language,
  new Set(words.split(' ')),
]);

const MERIDIEM = /^[ap]\.?m\.?$/i;
const WEEKDAYS = new Set([
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

type TokenKind = 'digits' | 'word' | 'other';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

// A word keeps a dot after it (`févr.`, `Sept.`), so that abbreviations and full names share a shape.
const TOKEN = /\d+|[ap]\.m\.|\p{L}+\.?|[^\d\p{L}]+/giu;

function tokenize(value: string): Token[] {
  return [...value.matchAll(TOKEN)].map(([text]) => ({
    kind: /^\d/.test(text) ? 'digits' : /^\p{L}/u.test(text) ? 'word' : 'other',
    text,
  }));
}

/** The shape of a value: digit runs by length class, words as `w`, separators as written. */
function shapeOf(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.kind === 'digits') return token.text.length <= 2 ? 'n' : `n${token.text.length}`;
      if (token.kind === 'word') return MERIDIEM.test(token.text) ? 'a' : 'w';
      return token.text.replace(/\s+/g, ' ');
    })
    .join('\u0000');
}

/** A word token without its dot, in lower case. */
const bare = (word: string): string => (word.endsWith('.') ? word.slice(0, -1) : word).toLowerCase();

const isMonthWord = (word: string): boolean => {
  const lower = bare(word);
  return readMonthName(lower) !== 0 || FOREIGN_MONTH_SETS.some(([, words]) => words.has(lower));
};

/** What the inferred pattern of the commonest shape is, and the language of its month names when xla does not read them. */
interface InferredLayout {
  readonly pattern: string;
  /** The foreign language of most month words; undefined when they are English or Russian, or there are none. */
  readonly language: string | undefined;
  /** How many values have the shape (and, for a foreign language, month names in it). */
  readonly count: number;
}

/** Column `i` of the values that share a shape: the texts of their `i`th tokens. */
const columnOf = (rows: readonly Token[][], i: number): string[] => rows.map((tokens) => tokens[i]?.text ?? '');
const maxNumber = (texts: readonly string[]): number => Math.max(...texts.map(Number));
/** `d` or `dd` (etc.): the padded letter only when every value has two digits. */
const padded = (letter: string, texts: readonly string[]): string => (texts.every((text) => text.length === 2) ? letter + letter : letter);
const quote = (text: string): string => (/[A-Za-z]/.test(text) ? `'${text.replace(/'/g, "''")}'` : text.replace(/'/g, "''"));

/**
 * The date-fns pattern of the values of one shape: names first (month words, weekdays, AM/PM),
 * then a 4-digit year, then the day and month by their ranges (a number above 12 is a day),
 * then the time after the date, whose numbers are hours, minutes, seconds and a fraction.
 */
function inferPattern(rows: readonly Token[][]): string | undefined {
  const [first] = rows;
  if (first === undefined) return undefined;
  const letters: string[] = [];
  const hasMeridiem = first.some((token) => token.kind === 'word' && MERIDIEM.test(token.text));
  const numbers: number[] = [];
  let hasMonthName = false;
  let hasCompactDate = false;
  first.forEach((token, i) => {
    const texts = columnOf(rows, i);
    if (token.kind === 'other') letters[i] = quote(token.text);
    else if (token.kind === 'digits' && token.text.length === 8 && numbers.length === 0) {
      letters[i] = 'yyyyMMdd';
      hasCompactDate = true;
    } else if (token.kind === 'digits') numbers.push(i);
    else if (MERIDIEM.test(token.text)) letters[i] = 'a';
    else if (texts.every((text) => WEEKDAYS.has(bare(text)))) letters[i] = texts.some((text) => bare(text).length > 3) ? 'EEEE' : 'EEE';
    else if (!hasMonthName && texts.every(isMonthWord)) {
      letters[i] = texts.every((text) => bare(text).length === 3) ? 'MMM' : 'MMMM';
      hasMonthName = true;
    } else letters[i] = quote(token.text);
  });
  const dateNumbers = numbers.slice(0, hasCompactDate ? 0 : hasMonthName ? 2 : 3);
  const dateLetters = hasCompactDate
    ? []
    : assignDateParts(
        dateNumbers.map((i) => columnOf(rows, i)),
        hasMonthName,
      );
  if (dateLetters === undefined) return undefined;
  dateNumbers.forEach((i, n) => (letters[i] = dateLetters[n] ?? ''));
  numbers.slice(dateNumbers.length).forEach((i, n) => (letters[i] = timeLetter(n, columnOf(rows, i), hasMeridiem)));
  return letters.join('');
}

/** The `n`th number after the date: hours, minutes, seconds, then a fraction of a second. */
function timeLetter(n: number, texts: readonly string[], hasMeridiem: boolean): string {
  if (n === 0) return padded(hasMeridiem ? 'h' : 'H', texts);
  if (n === 1) return 'mm';
  if (n === 2) return 'ss';
  return 'S'.repeat(texts[0]?.length ?? 3);
}

/** Letters for the numbers of the date part, in order; undefined when they cannot be a date. */
function assignDateParts(columns: readonly string[][], hasMonthName: boolean): string[] | undefined {
  const isYear = (texts: readonly string[]): boolean => texts.every((text) => text.length === 4);
  const day = (texts: readonly string[]): string => padded('d', texts);
  const month = (texts: readonly string[]): string => padded('M', texts);
  if (hasMonthName) {
    if (columns.length !== 2) return undefined;
    const [a = [], b = []] = columns;
    if (isYear(a)) return ['yyyy', day(b)];
    return [day(a), isYear(b) ? 'yyyy' : 'yy'];
  }
  if (columns.length !== 3) return undefined;
  const [a = [], b = [], c = []] = columns;
  if (isYear(a)) return ['yyyy', month(b), day(c)];
  const year = isYear(c) ? 'yyyy' : 'yy';
  if (!isYear(c) && maxNumber(a) > 31) return ['yy', month(b), day(c)];
  // Month first only when the first number cannot be a day's month and the second can.
  return maxNumber(b) > 12 && maxNumber(a) <= 12 ? [month(a), day(b), year] : [day(a), month(b), year];
}

function inferLayout(values: readonly string[]): InferredLayout | undefined {
  const byShape = new Map<string, Token[][]>();
  for (const value of values) {
    const tokens = tokenize(value);
    const shape = shapeOf(tokens);
    const rows = byShape.get(shape);
    if (rows === undefined) byShape.set(shape, [tokens]);
    else rows.push(tokens);
  }
  let common: Token[][] = [];
  for (const rows of byShape.values()) if (rows.length > common.length) common = rows;
  const pattern = inferPattern(common);
  if (pattern === undefined) return undefined;
  // The language most month words belong to, when it is not one xla reads (ties: list order).
  let language: string | undefined;
  let count = 0;
  for (const [name, words] of FOREIGN_MONTH_SETS) {
    const inLanguage = (token: Token): boolean => token.kind === 'word' && words.has(bare(token.text));
    // Only a language with a word English and Russian lack: `jul` alone is English as much as Dutch.
    const isForeign = common.some((tokens) => tokens.some((token) => inLanguage(token) && readMonthName(bare(token.text)) === 0));
    const n = isForeign ? common.filter((tokens) => tokens.some(inLanguage)).length : 0;
    if (n > count) [language, count] = [name, n];
  }
  return { pattern, language, count: language === undefined ? common.length : count };
}

function countRead(format: DateFormat, values: readonly string[]): number {
  let count = 0;
  for (const value of values) if (!isInvalid(format.parse(value, 'UTC'))) count += 1;
  return count;
}

/** `countRead` for a pattern made from the data: date-fns may throw on one, and a suggestion must never end the run. */
function countReadSafely(format: DateFormat, values: readonly string[]): number {
  try {
    return countRead(format, values);
  } catch {
    return 0;
  }
}

function readablePattern(pattern: string): DateFormat | undefined {
  try {
    return parseDatePattern(pattern);
  } catch (error) {
    if (error instanceof DatePatternError) return undefined;
    throw error;
  }
}

/** The most likely reading of a column no layout was detected for, as a sentence for people. */
export type DateSuggestion =
  /** A pattern that reads `count` of the `total` sampled values (`example` is one it does not, if any). */
  | { readonly kind: 'pattern'; readonly pattern: string; readonly count: number; readonly total: number; readonly example?: string }
  /** The values are dates with month names in a language xla does not read. */
  | { readonly kind: 'language'; readonly pattern: string; readonly language: string; readonly count: number; readonly total: number }
  /** Nothing reads any value. */
  | { readonly kind: 'none'; readonly example: string };

/** Scores the candidate layouts over a sample (trimmed, missing values left out) and keeps the best. */
export function suggestDateLayout(samples: readonly string[]): DateSuggestion {
  const values = samples.map((sample) => sample.trim()).filter((value) => value !== '');
  let best: { pattern: string; format: DateFormat; count: number } | undefined;
  // Unix time is left out: digits it reads in part are ids or amounts, not a layout to name.
  for (const format of DATE_FORMATS) {
    if (format.isEpoch === true) continue;
    const count = countRead(format, values);
    if (count > (best?.count ?? 0)) best = { pattern: suggestDatePattern(format), format, count };
  }
  const inferred = inferLayout(values);
  if (inferred !== undefined && inferred.language === undefined) {
    const format = readablePattern(inferred.pattern);
    const count = format === undefined ? 0 : countReadSafely(format, values);
    if (format !== undefined && count > (best?.count ?? 0)) best = { pattern: inferred.pattern, format, count };
  }
  if (inferred?.language !== undefined && inferred.count > (best?.count ?? 0)) {
    return { kind: 'language', pattern: inferred.pattern, language: inferred.language, count: inferred.count, total: values.length };
  }
  if (best === undefined) return { kind: 'none', example: values[0] ?? '' };
  const { format } = best;
  const example = values.find((value) => isInvalid(format.parse(value, 'UTC')));
  return { kind: 'pattern', pattern: best.pattern, count: best.count, total: values.length, ...(example === undefined ? {} : { example }) };
}

/** The suggestion as the reason a value of the column is rejected. */
export function describeDateSuggestion(suggestion: DateSuggestion): string {
  switch (suggestion.kind) {
    case 'language':
      return (
        `not a date layout xla reads: the column looks like ${suggestion.pattern} with ${suggestion.language} month names ` +
        '(xla reads English and Russian ones); write the dates as yyyy-MM-dd or with English month names'
      );
    case 'pattern': {
      const use = `use --date-format "${suggestion.pattern}"`;
      if (suggestion.count === suggestion.total)
        return `not a date layout xla detects: the column looks like ${suggestion.pattern}; ${use}`;
      const odd = suggestion.example === undefined ? '' : ` (not "${suggestion.example}")`;
      return (
        `not a date layout xla detects: the nearest is ${suggestion.pattern}, which reads ${suggestion.count} of ` +
        `${suggestion.total} sampled values${odd}; if that is the layout, ${use}`
      );
    }
    case 'none':
      return `not a date: no date layout reads the column's values (e.g. "${suggestion.example}"); map the column that holds the dates, or use --date-format`;
  }
}

/**
 * How a column no layout was detected for is read: as ISO 8601, as before, but a value ISO does
 * not read is rejected with the suggestion (worked out at the first such value, from the sample).
 */
export function createUndetectedDateFormat(samples: readonly string[]): DateFormat {
  let reason: Invalid | undefined;
  return {
    ...ISO_8601,
    parse(text, tz) {
      const instant = parseIsoTimestamp(text, tz);
      if (instant !== NOT_ISO_8601) return instant;
      reason ??= { invalid: describeDateSuggestion(suggestDateLayout(samples)) };
      return reason;
    },
  };
}
