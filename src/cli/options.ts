/** Turns command-line strings into typed options; every malformed value is a UsageError (exit 2). */
import { CONFIDENCE_LEVELS, isConfidenceLevel } from '../config/values.js';
import { UsageError } from '../errors.js';
import { DEFAULT_CONFIDENCE } from '../stats/intervals.js';
import { closestName, parseOverride } from '../fields/match.js';
import { checkUserLabels } from '../fields/label-scales.js';
import type { LabelMap } from '../fields/label-scales.js';
import type { Scales } from '../fields/types.js';
import type { ColumnOverride } from '../fields/match.js';
import { KINDS } from '../fields/types.js';
import type { Kind } from '../fields/types.js';
import { parseDuration } from '../fields/units.js';
import { isInvalid, isValidTimeZone } from '../fields/values.js';
import type { JoinKeys, WhereFilter } from '../run/score-inputs.js';
import { FORMAT_NAMES } from '../report/registry.js';
import { DIFF_FORMAT_NAMES } from '../report/diff-registry.js';
import type { DiffFormatName } from '../report/diff-registry.js';
import { INSPECT_FORMATS } from '../report/inspect-formats.js';
import type { InspectFormat } from '../report/inspect-formats.js';
import type { FormatName } from '../report/registry.js';
import type { ReadOptions } from '../io/types.js';
import { parseDateBound, PERIODS } from '../time/periods.js';
import type { Period } from '../time/periods.js';

/** Commander's collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `a,b , c` → ['a', 'b', 'c']; repeated flags are joined first. */
export function splitList(values: readonly string[] | string | undefined): string[] {
  if (values === undefined) return [];
  const list = typeof values === 'string' ? [values] : values;
  return list
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function splitPair(text: string, option: string, example: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) throw new UsageError(`${option} expects name=value, got "${text}"`, `e.g. ${option} ${example}`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

/** `--map field=Column`, or `field=Column:unit` for a duration column's plain numbers (s, ms, min, h). */
export function parseMaps(values: readonly string[]): ColumnOverride[] {
  return values.map((text) => {
    const [field, column] = splitPair(text, '--map', 'nps="Likelihood to recommend"');
    return parseOverride(field, column);
  });
}

const VALUES_EXAMPLE = '--values "csat=Very good:5,Good:4,Poor:1"';
// A score as people type it: no exponent, no thousands separator.
const SCORE = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;

/**
 * `--values csat=Excellent:5,Good:4`: a field's answer labels and their scores. The list is cut at
 * commas and each item at its last colon, so a label may hold colons (`Rating: good:4`); a comma
 * in a label is written `\,` (a backslash `\\`). Several flags for one field add to its labels.
 * The field must take labels and each score lie on its scale (from `scales`); else exit 2 naming the flag.
 */
export function parseValues(values: readonly string[], scales: Scales): LabelMap[] {
  const byField = new Map<string, [string, number][]>();
  for (const text of values) {
    const [field, list] = splitPair(text, '--values', 'csat=Excellent:5,Good:4');
    const labels = byField.get(field) ?? [];
    for (const item of splitEscaped(list)) labels.push(parseLabelScore(item, text));
    byField.set(field, labels);
  }
  const maps = [...byField].map(([field, labels]) => ({ field, labels }));
  for (const map of maps) {
    const [problem] = checkUserLabels(map, scales);
    if (problem !== undefined)
      throw new UsageError(
        `--values ${map.field}${problem.label === null ? '' : ` "${problem.label}"`}: ${problem.message}`,
        `e.g. ${VALUES_EXAMPLE}`,
      );
  }
  return maps;
}

/** `a\,b,c` → ['a,b', 'c']: the items of a `--values` list, unescaped and trimmed, blanks dropped. */
function splitEscaped(list: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < list.length; i++) {
    const char = list[i] as string;
    if (char === '\\' && i + 1 < list.length) {
      i++;
      item += list[i] as string;
    } else if (char === ',') {
      items.push(item);
      item = '';
    } else {
      item += char;
    }
  }
  items.push(item);
  return items.map((part) => part.trim()).filter((part) => part !== '');
}

function parseLabelScore(item: string, flag: string): [string, number] {
  const at = item.lastIndexOf(':');
  const label = item.slice(0, Math.max(at, 0)).trim();
  const score = item.slice(at + 1).trim();
  if (at <= 0 || label === '' || !SCORE.test(score))
    throw new UsageError(
      `--values ${flag}: expected Label:score, got "${item}"`,
      `e.g. ${VALUES_EXAMPLE}; write a comma in a label as \\,`,
    );
  return [label, Number(score)];
}

/** Several `--where` on one column are alternatives; different columns must all hold. */
export function parseWhere(values: readonly string[]): WhereFilter[] {
  const byColumn = new Map<string, string[]>();
  for (const text of values) {
    const [column, value] = splitPair(text, '--where', 'priority=P1');
    byColumn.set(column, [...(byColumn.get(column) ?? []), value]);
  }
  return [...byColumn].map(([column, list]) => ({ column, values: list }));
}

/** `--join SURVEY_COLUMN=TICKETS_COLUMN`: the columns (or field ids) that join responses to tickets. */
export function parseJoin(text: string | undefined): JoinKeys | undefined {
  if (text === undefined) return undefined;
  const [survey, tickets] = splitPair(text, '--join', '"Ticket ref=Number"');
  return { survey, tickets, origin: '--join' };
}

/** One of `choices`, in any case; anything else is a UsageError that lists them and hints the closest. */
function parseChoice<T extends string>(option: string, value: string, choices: readonly T[]): T {
  const choice = choices.find((candidate) => candidate === value.toLowerCase());
  if (choice === undefined) throw new UsageError(`${option} must be one of ${choices.join(', ')}; got "${value}"`, hintFor(value, choices));
  return choice;
}

/** The kinds as `--kind`'s help lists them: `survey | tickets | analytics`. */
export const KIND_CHOICES = KINDS.join(' | ');

export function parseKind(value: string | undefined): Kind | undefined {
  return value === undefined ? undefined : parseChoice('--kind', value, KINDS);
}

export function parsePeriod(value: string | undefined): Period | null {
  return value === undefined ? null : parseChoice('--period', value, PERIODS);
}

export const ENGINES = ['streaming', 'duckdb'] as const;

/** `--engine`: xla's own streaming engine (the default) or the SQL pushdown run in embedded DuckDB. */
export function parseEngine(value: string | undefined): (typeof ENGINES)[number] {
  return value === undefined ? 'streaming' : parseChoice('--engine', value, ENGINES);
}

/** `--format` of the commands that print a table or its JSON (`inspect`, `metrics`). */
export function parseTableOrJson(value: string): InspectFormat {
  return parseChoice('--format', value, INSPECT_FORMATS);
}

// A level as people write it: `0.9`, `.9`, `90%`, `99.5 %`. No sign, exponent or hex: `1e-320` is not a level anyone means.
const LEVEL = /^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/;

/** `0.9` or `90%` mean 90 %; `0` turns intervals off. A bare `90` is refused rather than guessed. */
export function parseConfidence(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONFIDENCE;
  const match = LEVEL.exec(value.trim());
  const level = match === null ? Number.NaN : Number(match[1]) / (match[2] === '%' ? 100 : 1);
  if (!isConfidenceLevel(level))
    throw new UsageError(`--confidence must be ${CONFIDENCE_LEVELS.text}; got "${value}"`, 'e.g. --confidence 0.9 or --confidence 90%');
  return level;
}

/** More threads than this is a typo, not a machine: each one holds a part of the file in memory. */
export const MAX_JOBS = 256;

/** `--jobs N`: a whole number of threads, 1 to MAX_JOBS; undefined = one per core. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const jobs = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS))
    throw new UsageError(`--jobs must be a whole number of threads from 1 to ${MAX_JOBS}; got "${value}"`);
  return jobs;
}

export function parseApdexT(value: string | undefined): number {
  if (value === undefined) return 0.5;
  const seconds = parseDuration(value, 'ms');
  if (isInvalid(seconds) || !(seconds > 0 && Number.isFinite(seconds))) {
    throw new UsageError(`--apdex-t must be a positive duration such as 500ms or 1.2s; got "${value}"`, 'a plain number is milliseconds');
  }
  return seconds;
}

/** `--population N`: a whole number of people above 0 (adoption_rate's denominator). */
export function parsePopulation(value: string): number {
  const text = value.trim();
  const population = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(population >= 1 && Number.isSafeInteger(population)))
    throw new UsageError(`--population must be a whole number of people above 0, such as 1200; got "${value}"`);
  return population;
}

export function parseTimeZone(value: string | undefined): string {
  if (value === undefined) return 'UTC';
  if (!isValidTimeZone(value))
    throw new UsageError(`--tz: unknown time zone "${value}"`, 'use an IANA name such as Europe/Moscow or America/New_York');
  return value;
}

function parseBound(value: string | undefined, option: '--from' | '--to', tz: string): number | undefined {
  if (value === undefined) return undefined;
  const instant = parseDateBound(value, tz);
  if (isInvalid(instant))
    throw new UsageError(`${option}: ${instant.invalid} ("${value}")`, 'use a date such as 2024-01-01, 2024-01 or 2024');
  return instant;
}

/**
 * `--as-of` (or the XLA file's `as_of:`, named by `option`): `now` is the clock at the start of the
 * run (`now`, given), anything else a date or time as `--to` takes it.
 */
export function parseAsOf(value: string | undefined, tz: string, now: number, option = '--as-of'): number | undefined {
  if (value === undefined) return undefined;
  if (value.trim().toLowerCase() === 'now') return now;
  const instant = parseDateBound(value, tz);
  if (isInvalid(instant))
    throw new UsageError(`${option}: ${instant.invalid} ("${value}")`, 'use a date or time such as 2024-04-12, 2024-04-12T09:00Z, or now');
  return instant;
}

/** `--from` (inclusive) and `--to` (exclusive) as instants; a range with nothing in it is a mistake. */
export function parseDateRange(
  from: string | undefined,
  to: string | undefined,
  tz: string,
): { from: number | undefined; to: number | undefined } {
  const range = { from: parseBound(from, '--from', tz), to: parseBound(to, '--to', tz) };
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
    throw new UsageError(
      `--from ${from ?? ''} is not before --to ${to ?? ''}: no date is on or after the one and before the other`,
      '--to is an exclusive end: --from 2024-01 --to 2024-02 is January',
    );
  }
  return range;
}

/** `.` or `,`; undefined lets each column's values decide (a consistent `1,5` under `;` is a decimal comma). */
export function parseDecimal(value: string | undefined): '.' | ',' | undefined {
  if (value === undefined) return undefined;
  if (value === '.') return '.';
  if (value === ',') return ',';
  throw new UsageError(`--decimal must be "." or ","; got "${value}"`);
}

export function parseFormat(value: string | undefined): FormatName | undefined {
  return value === undefined ? undefined : parseChoice('--format', value, FORMAT_NAMES);
}

/** `xla diff --format`: its own, shorter list. */
export function parseDiffFormat(value: string | undefined): DiffFormatName | undefined {
  return value === undefined ? undefined : parseChoice('--format', value, DIFF_FORMAT_NAMES);
}

function hintFor(value: string, choices: readonly string[]): string | undefined {
  const suggestion = closestName(value, choices);
  return suggestion === undefined ? undefined : `did you mean ${suggestion}?`;
}

/** The environment variable that turns the fast CSV path off, for bisecting (README, "Bisecting the CSV reader"). */
const CSV_FAST_VARIABLE = 'XLA_CSV_FAST';

/** `XLA_CSV_FAST`: unset, empty or 1 keeps the fast CSV path; 0 reads CSV with the exact path alone. */
function parseCsvFast(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '1') return true;
  if (value === '0') return false;
  throw new UsageError(
    `${CSV_FAST_VARIABLE} must be 0 or 1, got ${JSON.stringify(value)}`,
    `${CSV_FAST_VARIABLE}=0 reads CSV with the exact path alone (slower, the same rows), for bisecting`,
  );
}

/** How to read a source: the delimiter and encoding given (flag or config), and the environment's CSV switch. */
export function readOptionsOf(delimiter: string | undefined, encoding: string | undefined, env: NodeJS.ProcessEnv): ReadOptions {
  return {
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(encoding === undefined ? {} : { encoding }),
    ...(parseCsvFast(env[CSV_FAST_VARIABLE]) ? {} : { fastCsv: false }),
  };
}
