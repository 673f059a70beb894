/**
 * Data quality in the SQL pushdown (README "SQL pushdown"): data.completeness, data.validity and
 * data.duplicates, the states data-quality.ts builds row by row, from one row per group.
 *
 * Completeness and validity: per bound field the engine sorts each cell into missing (blank or a
 * null marker), accepted (a form the SQL provably reads as xla does: a plain number in range, an
 * ISO 8601 stamp, a yes/no word, any text) or left to xla; the cells left
 * come back as their texts, and xla's own reader of the field judges each (missing, accepted or
 * rejected). A stamp before the one it follows (created_at → resolved_at …) is rejected, as the row
 * builder rejects it. Duplicates: the group's ids come back as a list, hashed as streaming hashes them.
 */
import { findField, ORDERED_STAMPS, type FieldDef } from '../fields/catalog.js';
import { coercerFor } from '../fields/row-builder.js';
import type { FieldId } from '../fields/types.js';
import type { Scales } from '../fields/scales.js';
import { resolveRange } from '../fields/scales.js';
import { coerceText, FALSE_WORDS, isInvalid, TRUE_WORDS } from '../fields/values.js';
import { fieldCountsOf, type FieldCounts } from '../metrics/data-quality.js';
import { IdHashes } from '../stats/id-hashes.js';
import type { FrozenState } from '../scorecard/snapshot.js';
import { ACCEPTED_STAMP_PATTERN, isMissingText, lowerForWords, sqlString, type Dialect } from './dialects.js';
import { INPUT_COLUMN } from './inputs.js';
import { tuplesOf } from './tuples.js';
import { EXACT_NUMBER_PATTERN } from './unread.js';

/** The bound fields whose cells are judged, with their columns (and, over several files, the files that bind each, 1-based). */
export interface QualityPlan {
  fields: readonly { field: FieldDef; column: string; inputs?: readonly number[] | undefined }[];
  /** The id column data.duplicates reads (tickets `id`, survey `respondent_id`); undefined when none is bound. */
  id: string | undefined;
}

export type QualityShape = 'field-counts' | 'ids';

/** A part of these states (recipes.ts StatePart): its SQL comes from qualityAggregate. */
interface QualityPart {
  suffix: string;
  type: 'count';
  aggregate: () => string;
}

/** These metrics' entries of recipes.ts RECIPES (no field of their own: they read the plan's quality columns). */
interface QualityRecipe {
  shape: QualityShape;
  fields: readonly FieldId[];
  parts: () => readonly QualityPart[];
  sharedState?: string;
}

/** The metrics' recipes: completeness and validity share the per-field counts, as their MetricDef.sharedState does. */
export const QUALITY_RECIPES: readonly (readonly [string, QualityRecipe])[] = [
  ['data.completeness', { shape: 'field-counts', fields: [], parts: () => FIELD_COUNT_PARTS, sharedState: 'data.fields' }],
  ['data.validity', { shape: 'field-counts', fields: [], parts: () => FIELD_COUNT_PARTS, sharedState: 'data.fields' }],
  ['data.duplicates', { shape: 'ids', fields: [], parts: () => ID_PARTS }],
];

/** Each part's SQL is written from the plan's fields (qualityAggregate), not from one value column. */
const planned = (): string => {
  throw new Error('sql: a data quality part is written by qualityAggregate');
};
const FIELD_COUNT_PARTS: readonly QualityPart[] = [
  { suffix: 'counts', type: 'count', aggregate: planned },
  { suffix: 'texts', type: 'count', aggregate: planned },
];
const ID_PARTS: readonly QualityPart[] = [
  { suffix: 'rows', type: 'count', aggregate: planned },
  { suffix: 'ids', type: 'count', aggregate: planned },
];

const classColumn = (field: FieldId): string => `qc_${field}`;
const textColumn = (field: FieldId): string => `qt_${field}`;
const msColumn = (field: FieldId): string => `qm_${field}`;
const ID_TEXT = 'q_id';
const HAS_ID = 'q_has_id';

/** The stamp's epoch ms, where ACCEPTED_STAMP_PATTERN holds (NULL for an impossible day). */
function stampMs(text: string, tz: string, dialect: Dialect): string {
  return `CASE WHEN ${dialect.matches(text, ACCEPTED_STAMP_PATTERN)} THEN ${dialect.epochMs(text, tz)} END`;
}

/** Whether the SQL provably reads the (trimmed, not missing) cell as xla's reader of the field accepts it; `ms`: a stamp's epoch ms. */
function acceptedText(field: FieldDef, text: string, ms: string, scales: Scales, dialect: Dialect): string {
  const plainNumber = (check: (number: string) => string): string => {
    const number = dialect.exactNumber(text);
    return `(${dialect.matches(text, EXACT_NUMBER_PATTERN)} AND ${check(number)})`;
  };
  switch (field.type) {
    case 'int':
    case 'number': {
      const range = resolveRange(field.range, scales);
      return plainNumber((number) =>
        [
          `${number} IS NOT NULL`,
          ...(range === undefined ? [] : [`${number} BETWEEN ${range[0]} AND ${range[1]}`]),
          ...(field.integer === true ? [`${number} = FLOOR(${number})`] : []),
        ].join(' AND '),
      );
    }
    case 'duration':
      // A plain amount in the column's unit (units.ts parseDuration): no leading or trailing point, not negative.
      return `(${dialect.matches(text, '^[+]?[0-9]{1,12}([.][0-9]{1,6})?$')})`;
    case 'sentiment':
      return plainNumber((number) => `${number} BETWEEN -1 AND 1`);
    case 'rate':
      return plainNumber((number) => `${number} BETWEEN 0 AND 1`);
    case 'bool': {
      const words = [...TRUE_WORDS, ...FALSE_WORDS, ...(field.boolWords?.yes ?? []), ...(field.boolWords?.no ?? [])];
      const lower = [...new Set(words.map((word) => word.toLowerCase()))].sort();
      return `(${lowerForWords(text, lower, dialect)} IN (${lower.map((word) => sqlString(word, dialect)).join(', ')}))`;
    }
    case 'timestamp':
      return `(${ms} IS NOT NULL)`;
    case 'text':
      // Any text not missing (coerceText): the cell is trimmed as xla trims it (dialects.ts).
      return 'TRUE';
  }
}

/** The stamp a bound field must not precede (ORDERED_STAMPS: resolved_at after created_at …). */
function startOf(field: FieldId, bound: ReadonlySet<FieldId>): FieldId | undefined {
  return ORDERED_STAMPS.find(([start, end]) => end === field && bound.has(start))?.[0];
}

/**
 * The `cells` columns: per field its trimmed text, and a stamp's epoch ms; the id's text. Each is
 * worked out once here: `answers` sorts the cells from them (qualityAnswers).
 */
export function qualityCells(quality: QualityPlan, tz: string, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  const cells = quality.fields.flatMap(({ field, column }) => {
    const text = dialect.trimmedText(q(column));
    const ms = field.type === 'timestamp' ? [`${stampMs(text, tz, dialect)} AS ${q(msColumn(field.id))}`] : [];
    return [`${text} AS ${q(textColumn(field.id))}`, ...ms];
  });
  return quality.id === undefined ? cells : [...cells, `${dialect.trimmedText(q(quality.id))} AS ${q(ID_TEXT)}`];
}

/** The `answers` columns: per field its class (m missing, a accepted, r rejected, x left to xla) and its text; the id and whether it has one. */
export function qualityAnswers(quality: QualityPlan, scales: Scales, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  const bound = new Set(quality.fields.map(({ field }) => field.id));
  const answers = quality.fields.flatMap(({ field }) => {
    const text = q(textColumn(field.id));
    const start = startOf(field.id, bound);
    const before = start === undefined ? [] : [`WHEN ${q(msColumn(field.id))} < ${q(msColumn(start))} THEN 'r'`];
    const accepted = acceptedText(field, text, q(msColumn(field.id)), scales, dialect);
    const verdict = `CASE WHEN ${isMissingText(text, dialect)} THEN 'm' ${[...before, `WHEN ${accepted} THEN 'a'`].join(' ')} ELSE 'x' END`;
    return [`${verdict} AS ${q(classColumn(field.id))}`, text];
  });
  if (quality.id === undefined) return answers;
  const id = q(ID_TEXT);
  return [...answers, id, `CASE WHEN ${isMissingText(id, dialect)} THEN 0 ELSE 1 END AS ${q(HAS_ID)}`];
}

/**
 * A part's aggregate: `counts`, a JSON object of each field's [cells, missing, accepted] counted in
 * SQL; `texts`, a JSON object of each field's cells left to xla (Dialect.tupleListText, one per
 * cell); `rows` and `ids` (every id of the group, one per row that has one).
 */
export function qualityAggregate(suffix: string, quality: QualityPlan, dialect: Dialect): string {
  const q = dialect.quoteName;
  const count = (condition: string): string => dialect.decimalText(`COUNT(CASE WHEN ${condition} THEN 1 END)`);
  // `||`, not CONCAT: PostgreSQL takes at most 100 arguments to a function, and a file may bind more fields.
  const object = (entries: readonly string[][]): string =>
    entries.length === 0 ? "'{}'" : ["'{'", ...entries.flatMap((parts, i) => [...(i === 0 ? [] : ["','"]), ...parts]), "'}'"].join(' || ');
  const key = (field: FieldId): string => sqlString(`${JSON.stringify(field)}:`, dialect);
  const boundIn = (inputs: readonly number[] | undefined): string =>
    inputs === undefined ? 'TRUE' : `${q(INPUT_COLUMN)} IN (${inputs.join(', ')})`;
  switch (suffix) {
    case 'counts':
      return object(
        quality.fields.map(({ field, inputs }) => {
          const bound = boundIn(inputs);
          const classIs = (verdict: string): string => `${bound} AND ${q(classColumn(field.id))} = '${verdict}'`;
          return [key(field.id), "'['", count(bound), "','", count(classIs('m')), "','", count(classIs('a')), "']'"];
        }),
      );
    case 'texts':
      return object(
        quality.fields.map(({ field, inputs }) => [
          key(field.id),
          `COALESCE(${dialect.tupleListText([q(textColumn(field.id))], `${boundIn(inputs)} AND ${q(classColumn(field.id))} = 'x'`, false)}, '[]')`,
        ]),
      );
    case 'rows':
      return 'COUNT(*)';
    case 'ids':
      return quality.id === undefined ? 'NULL' : dialect.tupleListText([q(ID_TEXT)], `${q(HAS_ID)} = 1`, false);
    default:
      throw new Error(`sql: no data quality part ${suffix}`);
  }
}

/** The stamp columns whose order is checked: an ISO form xla reads and the SQL does not would escape the check (generate.ts counts them). */
export function orderedStampColumns(quality: QualityPlan | null | undefined): string[] {
  if (quality == null) return [];
  const bound = new Set(quality.fields.map(({ field }) => field.id));
  const ordered = new Set(ORDERED_STAMPS.filter(([start, end]) => bound.has(start) && bound.has(end)).flat());
  return quality.fields.filter(({ field }) => ordered.has(field.id)).map(({ column }) => column);
}

/** How a group's row is read: a part's cell, a count, and a failure naming its column. */
export interface QualityRead {
  cell: (suffix: string) => { column: string; cell: unknown };
  count: (suffix: string) => number;
  fail: (message: string, column: string) => never;
  tz: string;
  scales: Scales;
}

/** The state of a group's row: the per-field counts (FieldCountsState) or the ids (IdState), frozen as a snapshot holds them. */
export function qualityState(shape: QualityShape, read: QualityRead): FrozenState {
  if (shape === 'ids') {
    const { column, cell } = read.cell('ids');
    const hashes = new IdHashes();
    for (const [text] of tuplesOf(cell, 1, (message) => read.fail(message, column))) {
      // The id as the row builder leaves it (coerceText: trimmed as JavaScript trims, a null marker none).
      const id = coerceText(text);
      if (id !== undefined && id !== '') hashes.add(id);
    }
    return { rows: read.count('rows'), ids: { idHashWords: hashes.words() } };
  }
  const counts = jsonObject(read.cell('counts'), read.fail);
  const texts = jsonObject(read.cell('texts'), read.fail);
  const perField = new Map<FieldId, FieldCounts>();
  for (const [id, value] of Object.entries(counts.value)) {
    const field = findField(id);
    const numbers = Array.isArray(value) ? value.map(Number) : [];
    if (field === undefined || numbers.length !== 3 || !numbers.every(Number.isSafeInteger))
      read.fail(`"${id}" is not a field with [cells, missing, accepted]`, counts.column);
    const [cells = 0, missing = 0, accepted = 0] = numbers;
    const left = tuplesOf(JSON.stringify(texts.value[id] ?? []), 1, (message) => read.fail(`${id}: ${message}`, texts.column));
    const judged = judgeTexts(field as FieldDef, left, read);
    if (judged.accepted > 0 && isOrderedStamp(field as FieldDef, counts.value))
      read.fail(`${id}: a stamp the SQL left to xla reads as a date, so its order was not checked`, texts.column);
    perField.set(field?.id as FieldId, {
      rows: cells,
      present: cells - missing - judged.missing,
      accepted: accepted + judged.accepted,
    });
  }
  return fieldCountsOf(perField) as unknown as FrozenState;
}

/** The cells left to xla, read by the field's own reader (fields/row-builder.ts coercerFor): how many it finds missing and accepted. */
function judgeTexts(field: FieldDef, texts: readonly (readonly string[])[], read: QualityRead): { missing: number; accepted: number } {
  // A plain reading (ISO dates, a decimal point, no labels): sql-plan.ts refuses columns read otherwise.
  const coerce = coercerFor({ field, column: 0, columnName: field.id, unit: undefined, via: 'name' }, { tz: read.tz, scales: read.scales });
  let missing = 0;
  let accepted = 0;
  for (const [text] of texts) {
    const value = coerce(text);
    if (value === undefined) missing += 1;
    else if (!isInvalid(value)) accepted += 1;
  }
  return { missing, accepted };
}

function isOrderedStamp(field: FieldDef, counts: Readonly<Record<string, unknown>>): boolean {
  return ORDERED_STAMPS.some((pair) => pair.includes(field.id) && pair.every((id) => id in counts));
}

function jsonObject(
  part: { column: string; cell: unknown },
  fail: (message: string, column: string) => never,
): { column: string; value: Readonly<Record<string, unknown>> } {
  const text = part.cell === null || part.cell === undefined || part.cell === '' ? '{}' : String(part.cell);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return fail('not a JSON object', part.column);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object', part.column);
  return { column: part.column, value: value as Readonly<Record<string, unknown>> };
}
