/**
 * The analytics metrics of the SQL pushdown (README "SQL pushdown"): their recipes (recipes.ts),
 * how the SQL reads their columns (counts, shares, durations) and how the rows become the very
 * states the accumulators of metrics/analytics.ts and metrics/tasks.ts build row by row.
 *
 * Every value is read as an exact decimal: counts and Web Vitals as written, a bounce_rate as a
 * fraction (`45.2%` is 0.452), a duration in milliseconds (its plain number × the column's unit),
 * so that sums are exact and a value list, shifted back to seconds in its digits, gives the very
 * doubles xla reads. A cell xla reads and this SQL does not (`2h 30m`, `1,234`, `85%` in a count,
 * `1e3`, more decimal places than the engine keeps) is counted per field (unread.ts), and any
 * stops the run naming the column (sql-run.ts), never read as missing.
 */
import { findField, type FieldDef } from '../fields/catalog.js';
import type { FieldId } from '../fields/types.js';
import { MS_PER, type PlainDurationUnit } from '../fields/units.js';
import { DEFAULT_APDEX_T, type ApdexState } from '../metrics/analytics.js';
import type { ExcludedCountState, GeometricMeanState, RatioState, SumState, WeightedTally } from '../metrics/accumulators.js';
import { exactSumOfDecimalText, placesOfDecimalText, type ExactSum } from '../stats/exact-sum.js';
import { addToMoments, createMoments } from '../stats/moments.js';
import type { FrozenState } from '../scorecard/snapshot.js';
import { exactDecimalType, type Dialect } from './dialects.js';
import { EXACT_NUMBER_PATTERN, hasDigit, unreadFlag } from './unread.js';

/** How the rows of an analytics recipe become its accumulator's state (decodeAnalyticsState). */
export type AnalyticsState = 'weighted-rate' | 'ratio' | 'sum' | 'apdex' | 'values' | 'task-values' | 'task-moments' | 'task-geomean';

/**
 * A state part and a recipe as recipes.ts declares them (StatePart, Recipe), written here by shape
 * so that this file does not import recipes.ts, which lists these recipes.
 */
interface StatePart {
  suffix: string;
  type: 'count' | 'decimal' | 'values';
  aggregate: (value: string, reason: string, context?: PartContext) => string;
}

interface Recipe {
  shape: 'analytics' | 'share';
  fields: readonly FieldId[];
  parts: () => readonly StatePart[];
  analytics?: AnalyticsState;
  sharedState?: string;
  countsUnread: boolean;
}

/** Fields read as milliseconds: the durations of the analytics kind (plain numbers × the column's unit). */
const DURATION_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>(['response_time', 'engagement_time', 'task_time']);

/**
 * The forms the SQL reads exactly, per field type: plain numbers with at most 12 digits before the
 * point and 6 after (DECIMAL(18, 6)); a duration's at most 9 before (its milliseconds stay below
 * 10^19); a share as a fraction with up to 15 places (also as `9.83E-05`, as spreadsheets write
 * small ones) or a percentage with up to 13 (xla reads a value exactly to 15 places).
 */
const DURATION_PATTERN = '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$';
const FRACTION_PATTERN = '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$';
const PERCENT_PATTERN = '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$';

/** Whether the analytics reading applies to the field (its cell, its unread count). */
export function isAnalyticsField(id: FieldId): boolean {
  return ANALYTICS_FIELDS.has(id);
}

/**
 * The cell of a share or duration field as an exact decimal (NULL unless in a readable form): a
 * bounce_rate as a fraction in 0–1, a duration in milliseconds. Undefined for other fields, which
 * the generator reads as every plain number.
 */
export function analyticsCell(field: FieldDef, text: string, dialect: Dialect, unit: PlainDurationUnit | undefined): string | undefined {
  if (field.type === 'rate') {
    const fraction = `CAST(${text} AS ${exactDecimalType(dialect, 18, 15)})`;
    // The text without its one trailing %, and × 0.01 as an exact decimal (a bare 0.01 is a float in BigQuery).
    const percent = `CAST(substr(${text}, 1, length(${text}) - 1) AS ${exactDecimalType(dialect, 18, 13)}) * CAST('0.01' AS ${exactDecimalType(dialect, 3, 2)})`;
    const value = `CASE WHEN ${dialect.matches(text, FRACTION_PATTERN)} THEN ${fraction} WHEN ${dialect.matches(text, PERCENT_PATTERN)} THEN ${percent} END`;
    // 0–1 as coerceRate takes it (a fraction above 1, a percentage above 100 %, are rejected).
    return `CAST(CASE WHEN ${value} BETWEEN 0 AND 1 THEN ${value} END AS ${exactDecimalType(dialect, 18, 17)})`;
  }
  if (DURATION_FIELDS.has(field.id)) {
    const ms = MS_PER[unit ?? 's'];
    return `CASE WHEN ${dialect.matches(text, DURATION_PATTERN)} THEN CAST(${text} AS ${exactDecimalType(dialect, 28, 6)}) * CAST(${ms} AS ${exactDecimalType(dialect, 10, 0)}) END`;
  }
  return undefined;
}

/** 1 for a cell with a digit, a value xla may read, in none of the forms above, else 0 (unread.ts); a missing cell never. */
export function analyticsUnreadCell(field: FieldDef, text: string, missing: string, dialect: Dialect): string {
  const readable =
    field.type === 'rate'
      ? `(${dialect.matches(text, FRACTION_PATTERN)} OR ${dialect.matches(text, PERCENT_PATTERN)})`
      : dialect.matches(text, DURATION_FIELDS.has(field.id) ? DURATION_PATTERN : EXACT_NUMBER_PATTERN);
  return unreadFlag(readable, hasDigit(text, dialect), missing);
}

/** Why a field's cells were unread, for the refusal (sql-run.ts). */
export function analyticsUnreadWhy(field: FieldId): string {
  if (findField(field)?.type === 'rate')
    return 'a fraction past 15 decimal places, a percentage past 13, or a number with separators: the SQL reads 0.4523, 9.83E-05 and 45.23%';
  if (DURATION_FIELDS.has(field))
    return 'a unit or duration such as "2h 30m" or "00:01:00", or a number past 9 digits before the point or 6 after: the SQL reads plain numbers in the column\'s unit';
  return 'a number with separators, a percent sign or an exponent: the SQL reads plain numbers only, at most 12 digits before the point and 6 after';
}

/** Apdex's T (seconds, a double) in milliseconds as an exact decimal literal: its shortest decimal, × 1000 in its digits. */
export function apdexTMs(seconds: number = DEFAULT_APDEX_T): string {
  const text = String(seconds);
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`sql: Apdex T ${text} is not a plain decimal`);
  return shiftDecimalText(text, -3);
}

/**
 * The decimal text × 10^-shift, in its digits (`1234.5`, 3 → `1.2345`; -3 multiplies by 1000):
 * milliseconds back to seconds without a rounding.
 */
export function shiftDecimalText(text: string, shift: number): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (match === null) throw new Error(`sql: "${text}" is not a decimal`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const digits = `${whole}${fraction}`;
  const places = fraction.length + shift;
  // At least one digit before the point; leading zeros dropped after.
  const padded = places <= 0 ? `${digits}${'0'.repeat(-places)}` : digits.padStart(places + 1, '0');
  const shifted = places <= 0 ? padded : `${padded.slice(0, -places)}.${padded.slice(-places)}`;
  return `${sign}${shifted.replace(/^0+(?=\d)/, '')}`;
}

// ---------------------------------------------------------------------------------------------
// Recipes

/** Each row's value when it is there: the expression, or nothing for a field not bound. */
type Read = (id: FieldId) => string | undefined;

/** `CASE WHEN a THEN x WHEN b THEN y END` over the branches whose fields are all bound. */
function firstOf(branches: readonly (readonly [string | undefined, string | undefined])[]): string {
  const kept = branches.filter((branch): branch is readonly [string, string] => branch[0] !== undefined && branch[1] !== undefined);
  if (kept.length === 0) return 'NULL';
  return `CASE ${kept.map(([when, then]) => `WHEN ${when} THEN ${then}`).join(' ')} END`;
}

const present = (...values: (string | undefined)[]): string | undefined =>
  values.some((value) => value === undefined) ? undefined : values.map((value) => `(${value as string}) IS NOT NULL`).join(' AND ');

const oneIf = (flag: string | undefined): string | undefined => (flag === undefined ? undefined : `CASE WHEN ${flag} THEN 1 ELSE 0 END`);

/** COALESCE of the bound ones, undefined when none is bound. */
function coalesce(...values: (string | undefined)[]): string | undefined {
  const bound = values.filter((value): value is string => value !== undefined);
  if (bound.length === 0) return undefined;
  return bound.length === 1 ? bound[0] : `COALESCE(${bound.join(', ')})`;
}

/** A failed request (kinds/analytics.ts `failed`): `success` false, else an HTTP status ≥ 400. */
function failed(read: Read): string | undefined {
  const success = read('success');
  const status = read('status_code');
  return coalesce(success === undefined ? undefined : `NOT ${success}`, status === undefined ? undefined : `${status} >= 400`);
}

/** A trial per row: successes and trials (WeightedTally), the first way the row has of giving them. */
interface Trials {
  x: (read: Read) => string;
  n: (read: Read) => string;
}

/** conversion_rate (addConversionTrials): a converted row is 1 of 1; else conversions of visitors, else of sessions. */
const CONVERSION: Trials = {
  x: (read) =>
    firstOf([
      [present(read('converted')), oneIf(read('converted'))],
      [present(read('conversions'), coalesce(read('visitors'), read('sessions'))), read('conversions')],
    ]),
  n: (read) =>
    firstOf([
      [present(read('converted')), '1'],
      [present(read('conversions'), coalesce(read('visitors'), read('sessions'))), coalesce(read('visitors'), read('sessions'))],
    ]),
};

/** a × b, undefined when a is not bound. */
const times = (a: string | undefined, b: string): string | undefined => (a === undefined ? undefined : `${a} * ${b}`);

/** The sessions a row stands for (analytics.ts sessionsOrOne). */
const sessionsOrOne = (read: Read): string => coalesce(read('sessions'), '1') as string;

/** bounce_rate (addBounceTrials): bounced; else bounces of sessions; else bounce_rate × sessions of sessions. */
const BOUNCE: Trials = {
  x: (read) =>
    firstOf([
      [present(read('bounced')), oneIf(read('bounced'))],
      [present(read('bounces'), read('sessions')), read('bounces')],
      [present(read('bounce_rate')), times(read('bounce_rate'), sessionsOrOne(read))],
    ]),
  n: (read) =>
    firstOf([
      [present(read('bounced')), '1'],
      [present(read('bounces'), read('sessions')), read('sessions')],
      [present(read('bounce_rate')), sessionsOrOne(read)],
    ]),
};

/** error_rate (addErrorTrials): errors of requests; else a request log's row, one request, failed or not. */
const ERRORS: Trials = {
  x: (read) =>
    firstOf([
      [present(read('errors'), read('requests')), read('errors')],
      [present(failed(read)), oneIf(failed(read))],
    ]),
  n: (read) =>
    firstOf([
      [present(read('errors'), read('requests')), read('requests')],
      [present(failed(read)), '1'],
    ]),
};

const decimalPart = (suffix: string, sql: (read: Read) => string): StatePart => ({
  suffix,
  type: 'decimal',
  aggregate: (_value, _reason, context) => `SUM(${sql(readOf(context))})`,
});

const countPart = (suffix: string, sql: (read: Read) => string): StatePart => ({
  suffix,
  type: 'count',
  aggregate: (_value, _reason, context) => `COUNT(CASE WHEN ${sql(readOf(context))} THEN 1 END)`,
});

const valuesPart = (suffix: string, sql: (read: Read) => string): StatePart => ({
  suffix,
  type: 'values',
  aggregate: (_value, _reason, context) => sql(readOf(context)),
});

function readOf(context: PartContext | undefined): Read {
  if (context === undefined) throw new Error('sql: an analytics part needs its fields');
  return context.field;
}

/** What generate.ts gives an analytics part: each field's accepted value column, its unread column, Apdex's T in ms. */
export interface PartContext {
  field: Read;
  apdexTMs: string;
  /** The dialect the query is written in (an exact decimal's type). */
  dialect: Dialect;
  /** The usage state's sources (usage.ts): event rows' user days, a customers file's rows, and a cell's missing test. */
  usage?: { userDays: boolean; customerRows: boolean; missing: (text: string) => string };
}

function analytics(state: AnalyticsState, fields: readonly FieldId[], parts: readonly StatePart[], sharedState?: string): Recipe {
  return {
    shape: 'analytics',
    fields,
    parts: () => parts,
    countsUnread: true,
    analytics: state,
    ...(sharedState === undefined ? {} : { sharedState }),
  };
}

const weightedRate = (fields: readonly FieldId[], trials: Trials): Recipe =>
  analytics('weighted-rate', fields, [decimalPart('x', trials.x), decimalPart('n', trials.n)]);

/** Σfield / Σsessions over the rows with the field (ratioOfSums with sessionsOrOne). */
const perSession = (field: FieldId): Recipe =>
  analytics(
    'ratio',
    [field, 'sessions'],
    [
      decimalPart('numerator', (read) => read(field) ?? 'NULL'),
      decimalPart('denominator', (read) => `CASE WHEN ${read(field) ?? 'NULL'} IS NOT NULL THEN ${sessionsOrOne(read)} END`),
    ],
  );

/** A failed request or a row with errors is frustrated whatever its time (analytics.ts apdex). */
function apdexClass(read: Read, context: PartContext): { frustrated: string; tolerating: string } {
  const time = read('response_time') ?? 'NULL';
  const errors = read('errors');
  const failure = failed(read);
  const frustrated = [
    ...(errors === undefined ? [] : [`COALESCE(${errors}, 0) > 0`]),
    ...(failure === undefined ? [] : [`COALESCE(${failure}, FALSE)`]),
    `${time} > 4 * ${context.apdexTMs}`,
  ].join(' OR ');
  return { frustrated: `(${frustrated})`, tolerating: `${time} > ${context.apdexTMs}` };
}

const apdexPart = (suffix: keyof ApdexState): StatePart => ({
  suffix,
  type: 'count',
  aggregate: (_value, _reason, context) => {
    if (context === undefined) throw new Error('sql: apdex needs its fields');
    const read = context.field;
    const time = read('response_time') ?? 'NULL';
    const { frustrated, tolerating } = apdexClass(read, context);
    const condition =
      suffix === 'frustrated'
        ? frustrated
        : suffix === 'tolerating'
          ? `NOT ${frustrated} AND ${tolerating}`
          : `NOT ${frustrated} AND NOT ${tolerating}`;
    return `COUNT(CASE WHEN ${time} IS NOT NULL AND ${condition} THEN 1 END)`;
  },
});

/** The T the query classified at, in ms: `--from-sql` checks it against its own (apdexTMismatch). */
const APDEX_T_PART: StatePart = {
  suffix: 't_ms',
  type: 'decimal',
  aggregate: (_value, _reason, context) => `MAX(${context?.apdexTMs ?? 'NULL'})`,
};

/** The result column of that T. */
const APDEX_T_COLUMN = 'apdex__t_ms';

/**
 * A T in the rows other than the run's (`xla sql --apdex-t 300ms`, then `--from-sql` without it):
 * the counts would be reported under the wrong T. The T of the rows in seconds, else undefined.
 */
export function apdexTMismatch(rows: readonly Readonly<Record<string, unknown>>[], apdexT: number): number | undefined {
  for (const row of rows) {
    const cell = row[APDEX_T_COLUMN];
    if (cell === null || cell === undefined || cell === '') continue;
    const text = String(cell).trim();
    if (!/^\d+(\.\d*)?$/.test(text) || Number(shiftDecimalText(text, 3)) !== apdexT) return Number(shiftDecimalText(text, 3));
  }
  return undefined;
}

/** The group's values of the field, sorted (the ValueBuffer of percentile). */
const sortedValues = (field: FieldId): Recipe => analytics('values', [field], [valuesPart('values', (read) => read(field) ?? 'NULL')]);

/** Attempts with a value: used on success; else left out as failed, or as having no outcome (tasks.ts overSuccesses). */
function taskParts(field: 'task_time' | 'task_clicks'): StatePart[] {
  const success = (read: Read): string => read('task_success') ?? 'NULL';
  const value = (read: Read): string => read(field) ?? 'NULL';
  return [
    valuesPart('values', (read) => `CASE WHEN ${success(read)} THEN ${value(read)} END`),
    countPart('excluded_failed', (read) => `${value(read)} IS NOT NULL AND NOT ${success(read)}`),
    countPart('excluded_no_outcome', (read) => `${value(read)} IS NOT NULL AND ${success(read)} IS NULL`),
  ];
}

const taskRecipe = (state: AnalyticsState, field: 'task_time' | 'task_clicks'): Recipe =>
  analytics(state, [field, 'task_success'], taskParts(field), `${field}.values`);

/** A share of the answers (proportion): x successes of n rows with an answer. */
function answerShare(field: FieldId, isSuccess: (value: string) => string): Recipe {
  return {
    shape: 'share',
    fields: [field],
    parts: () => [
      { suffix: 'x', type: 'count', aggregate: (value) => `COUNT(CASE WHEN ${isSuccess(value)} THEN 1 END)` },
      { suffix: 'n', type: 'count', aggregate: (value) => `COUNT(${value})` },
    ],
    countsUnread: true,
  };
}

/** Metric id → recipe of the analytics metrics, in the registry's order. */
export const ANALYTICS_RECIPES: readonly (readonly [string, Recipe])[] = [
  ['conversion_rate', weightedRate(['converted', 'conversions', 'visitors', 'sessions'], CONVERSION)],
  ['bounce_rate', weightedRate(['bounced', 'bounces', 'sessions', 'bounce_rate'], BOUNCE)],
  ['error_rate', weightedRate(['errors', 'requests', 'success', 'status_code'], ERRORS)],
  ['pages_per_session', perSession('pageviews')],
  ['engagement_time.mean', perSession('engagement_time')],
  [
    'downloads',
    analytics(
      'sum',
      ['downloads'],
      [decimalPart('total', (read) => read('downloads') ?? 'NULL'), countPart('n', (read) => `${read('downloads') ?? 'NULL'} IS NOT NULL`)],
    ),
  ],
  [
    'apdex',
    analytics(
      'apdex',
      ['response_time', 'errors', 'success', 'status_code'],
      [...(['satisfied', 'tolerating', 'frustrated'] as const).map(apdexPart), APDEX_T_PART],
    ),
  ],
  ['response_time.p95', sortedValues('response_time')],
  ['lcp.p75', sortedValues('lcp')],
  ['inp.p75', sortedValues('inp')],
  ['cls.p75', sortedValues('cls')],
  ['task_success_rate', answerShare('task_success', (value) => value)],
  ['task_time.median', taskRecipe('task-values', 'task_time')],
  ['task_time.mean', taskRecipe('task-moments', 'task_time')],
  ['task_time.geomean', taskRecipe('task-geomean', 'task_time')],
  ['clicks_to_complete.mean', taskRecipe('task-moments', 'task_clicks')],
  ['task_error_rate', answerShare('task_errors', (value) => `${value} > 0`)],
];

/** Every field an analytics recipe reads. */
const ANALYTICS_FIELDS: ReadonlySet<FieldId> = new Set(ANALYTICS_RECIPES.flatMap(([, recipe]) => recipe.fields));

// ---------------------------------------------------------------------------------------------
// Rows → states

/** A part's cell as the engine returned it, with its column (for messages). */
export interface PartCell {
  column: string;
  cell: string | number | bigint | boolean | null | undefined;
}

export interface DecodeParts {
  value: (suffix: string) => PartCell;
  count: (suffix: string) => number;
  /** Throws the row's error naming the column. */
  fail: (message: string, column: string) => never;
}

const isBlank = (cell: PartCell['cell']): boolean => cell === null || cell === undefined || cell === '';

/** An exact SUM's text (NULL over no values: 0) as the ExactSum the values would have given; `shift` places more for ms → s. */
function exactSumOf(part: PartCell, parts: DecodeParts, shift = 0): ExactSum {
  const raw = isBlank(part.cell) ? '0' : String(part.cell).trim();
  const text = /^-?\d*(\.\d*)?$/.test(raw) && raw !== '' ? shiftDecimalText(raw, shift) : raw;
  const places = placesOfDecimalText(text);
  const sum = places === undefined ? undefined : exactSumOfDecimalText(text, places);
  return sum ?? parts.fail(`"${raw.slice(0, 40)}" is not a plain decimal`, part.column);
}

/**
 * A sorted list of exact decimals as the engines print one (`[1.5, 2.000000]`, `{1.5,2}`, JSON;
 * NULL for none) → the doubles xla reads, ascending: each decimal's nearest double, after the
 * shift (ms → s), which is what xla's reader gives for the same written value.
 */
function valuesOf(part: PartCell, parts: DecodeParts, shift: number): Float64Array<ArrayBuffer> {
  if (isBlank(part.cell)) return new Float64Array(0);
  const text = String(part.cell).trim();
  const inner = /^[[{](.*)[\]}]$/s.exec(text)?.[1]?.trim();
  if (inner === undefined) parts.fail(`"${text.slice(0, 40)}" is not a list`, part.column);
  const items = inner === undefined || inner === '' ? [] : inner.split(',').map((item) => item.trim().replace(/^"(.*)"$/, '$1'));
  const values = new Float64Array(items.length);
  let previous = Number.NEGATIVE_INFINITY;
  items.forEach((item, i) => {
    const value = /^-?\d+(\.\d*)?$/.test(item) ? Number(shiftDecimalText(item, shift)) : Number.NaN;
    if (!(value >= previous)) parts.fail(`"${item}" is not a decimal in ascending order`, part.column);
    previous = value;
    values[i] = value;
  });
  return values;
}

/** Durations come back in ms: 3 places back to seconds. */
const shiftOf = (recipe: Pick<Recipe, 'fields'>): number => (recipe.fields.some((field) => DURATION_FIELDS.has(field)) ? 3 : 0);

/** The state the metric's accumulator would have built from the group's rows. */
export function decodeAnalyticsState(recipe: Pick<Recipe, 'fields' | 'analytics'>, parts: DecodeParts): FrozenState {
  const shift = shiftOf(recipe);
  const excluded = (): Record<string, number> => ({
    excluded_failed: parts.count('excluded_failed'),
    excluded_no_outcome: parts.count('excluded_no_outcome'),
  });
  switch (recipe.analytics) {
    case 'weighted-rate':
      return {
        x: exactSumOf(parts.value('x'), parts),
        n: exactSumOf(parts.value('n'), parts),
      } satisfies WeightedTally as unknown as FrozenState;
    case 'ratio':
      return {
        numerator: exactSumOf(parts.value('numerator'), parts, shift),
        denominator: exactSumOf(parts.value('denominator'), parts),
      } satisfies RatioState as unknown as FrozenState;
    case 'sum':
      return { total: exactSumOf(parts.value('total'), parts), n: parts.count('n') } satisfies SumState as unknown as FrozenState;
    case 'apdex':
      return {
        satisfied: parts.count('satisfied'),
        tolerating: parts.count('tolerating'),
        frustrated: parts.count('frustrated'),
      } satisfies ApdexState;
    case 'values':
      return { valueParts: [valuesOf(parts.value('values'), parts, shift)] };
    case 'task-values':
      return { inner: { valueParts: [valuesOf(parts.value('values'), parts, shift)] }, counts: excluded() };
    case 'task-moments': {
      const moments = createMoments();
      for (const value of valuesOf(parts.value('values'), parts, shift)) addToMoments(moments, value);
      return { inner: moments, counts: excluded() } satisfies ExcludedCountState<unknown, string> as unknown as FrozenState;
    }
    case 'task-geomean': {
      // As geometricMean adds them: the log of each positive time (Math.log here as there), a 0 counted apart.
      const state: GeometricMeanState = { logs: createMoments(), zeros: 0 };
      for (const value of valuesOf(parts.value('values'), parts, shift)) {
        if (value > 0) addToMoments(state.logs, Math.log(value));
        else state.zeros += 1;
      }
      return { inner: state, counts: excluded() } satisfies ExcludedCountState<unknown, string> as unknown as FrozenState;
    }
    case undefined:
      throw new Error('sql: not an analytics recipe');
  }
}
