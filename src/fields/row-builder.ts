import type { FieldBinding } from './match.js';
import type { DateFormat } from './date-formats.js';
import { DERIVED_VALUES, ORDERED_STAMPS } from './catalog.js';
import type { CanonicalRow, FieldId, Scales } from './types.js';
import { compileInScope } from './compile.js';
import { resolveRange } from './scales.js';
import type { Invalid } from './values.js';
import { isNonAnswer, normalizeLabel } from './label-scales.js';
import type { LabelReading } from './label-scales.js';
import {
  coerceBool,
  createBoolCoercer,
  coerceDuration,
  coerceNumber,
  coerceRate,
  coerceSentiment,
  coerceText,
  coerceTimestamp,
  isInvalid,
} from './values.js';

/** How one column's values are read, learnt from the source's first rows (run/prepare-source.ts). */
export interface ColumnPlan {
  /** Applied to every cell first: a preset's value map and null markers (missing → undefined); none when the source has neither. */
  prepare?: ((raw: unknown) => unknown) | undefined;
  decimal: '.' | ',';
  /**
   * The reading the sample passed over, where it had a choice (the decimal mark of a `;` or tab
   * file, day-first or month-first dates): the rest of the column is held to the sample's
   * (run/prepare-source.ts). When the sample did not settle it, a value that reads differently the other
   * way is rejected here, not guessed.
   */
  rival?: RivalReading;
  /** The column's timestamp layout; ISO 8601 when undefined. */
  dateFormat?: DateFormat;
  /** How `xla inspect` describes the format (`dd.MM.yyyy HH:mm`, `decimal comma`). */
  description?: string;
  /**
   * The column's sample held few distinct texts (answers on a scale, yes/no, counts): the value of
   * each text is kept and looked up when it comes again, instead of being coerced again.
   */
  isRepetitive?: boolean;
  /** The column's answers are labels (a built-in scale or the user's `values:`): each becomes its score. */
  labels?: LabelReading;
}

/** How a text reads the other way: only that way, differently both ways, or no differently. */
export type Rivalry = 'only-rival' | 'differs' | 'same';

export interface RivalReading {
  /** A value of the sample read only the chosen way; false when nothing told and a default was taken. */
  readonly isSettled: boolean;
  /** The chosen and the other reading, for messages: `with a decimal point`, `as d/M/yyyy`. */
  readonly chosen: string;
  readonly other: string;
  /** What the sample had to settle: `its decimal mark`, `day against month`. */
  readonly question: string;
  /** The options that say which, for a hint: `--decimal , or --decimal .`. */
  readonly options: string;
  compare(text: string): Rivalry;
}

/** How values are read, fixed per source before the first row. */
export interface ValueSettings {
  /** IANA zone for timestamps without an offset. */
  tz: string;
  scales: Scales;
  /** Per bound column; a column without a plan is read as is, with a decimal point. */
  plans?: ReadonlyMap<number, ColumnPlan>;
}

export type RawCell = string | number | boolean | null | undefined;

/** One value (or a whole row, when `field` is null) that did not enter any metric, and why. */
export interface Rejection {
  field: FieldId | null;
  /** 0-based column index, null for whole-row problems. */
  column: number | null;
  value: string;
  reason: string;
}

/** The outcome of one record. Both objects are reused for the next record: copy what you keep. */
export interface RowOutcome {
  /** null when the record could not be used at all (a ragged CSV row). */
  row: CanonicalRow | null;
  rejections: Rejection[];
}

/** Reads one cell of a column: its value, undefined when it holds none, or an Invalid saying why not. */
export type Coercer = (raw: RawCell) => unknown;

/** Shared by every clean row, so that those allocate no array. */
const NO_REJECTIONS: Rejection[] = [];

const AS_IS: ColumnPlan = { decimal: '.' };

/**
 * Coercion is chosen once per column, so the per-row work is one call per bound cell. Exported so
 * that whether a column's values fit a field (run/column-fit.ts) is judged by the very reading the rows get.
 */
export function coercerFor(binding: FieldBinding, settings: ValueSettings): Coercer {
  const plan = settings.plans?.get(binding.column) ?? AS_IS;
  const rival = plan.rival;
  const coerce =
    rival === undefined || rival.isSettled
      ? coerceValueFor(binding, settings, plan)
      : refusingTwoWays(coerceValueFor(binding, settings, plan), rival);
  const { prepare } = plan;
  // Most columns have nothing to prepare: their cells go straight to the coercer, one call less a cell.
  const coerceCell: Coercer = prepare === undefined ? coerce : (raw) => coerce(prepare(raw) as RawCell);
  return plan.isRepetitive === true ? keepingValues(coerceCell) : coerceCell;
}

/** What a text that is not `same` does, in words: `reads only with a decimal comma`, `reads differently as … and as …`. */
export function describeRivalry(rival: RivalReading, rivalry: Exclude<Rivalry, 'same'>): string {
  return rivalry === 'only-rival' ? `reads only ${rival.other}` : `reads differently ${rival.chosen} and ${rival.other}`;
}

/** A column whose sample settled nothing: a text that reads differently the other way is not guessed. */
function refusingTwoWays(coerce: Coercer, rival: RivalReading): Coercer {
  const refusal: Invalid = { invalid: describeRivalry(rival, 'differs') };
  return (raw) => (typeof raw === 'string' && rival.compare(raw) === 'differs' ? refusal : coerce(raw));
}

/** Texts a repetitive column keeps the values of, at most: one that turns out varied stops adding. */
const KEPT_TEXTS = 1024;
/** What a kept text stands for when its cell holds no value (a Map cannot tell a kept undefined from none). */
const NO_VALUE = Symbol('no value');

/**
 * `coerce`, remembering the value of each text it reads: a repeated text (a "5" on a 1–5 scale,
 * "true") is looked up instead of read again (bench/RESULTS.md, "Row builder").
 * Coercers are pure functions of the cell, so the value, or the reason it was rejected, is the same.
 * Texts of up to two ASCII characters (an empty cell, "5", "10", "P1") are found in an array by
 * their character codes, without hashing the text as a Map key must.
 */
function keepingValues(coerce: Coercer): Coercer {
  const kept = new Map<string, unknown>();
  const short: unknown[] = new Array<unknown>(SHORT_SLOTS).fill(undefined);
  return (raw) => {
    if (typeof raw !== 'string') return coerce(raw);
    const slot = shortSlot(raw);
    const found = slot === -1 ? kept.get(raw) : short[slot];
    if (found !== undefined) return found === NO_VALUE ? undefined : found;
    const value = coerce(raw);
    const stored = value === undefined ? NO_VALUE : value;
    if (slot !== -1) short[slot] = stored;
    else if (kept.size < KEPT_TEXTS) kept.set(raw, stored);
    return value;
  };
}

/** Slots for the empty text, one ASCII character, and two. */
const SHORT_SLOTS = 1 + 128 + 128 * 128;

/** The slot of a text of up to two ASCII characters, or -1. */
function shortSlot(text: string): number {
  const length = text.length;
  if (length === 0) return 0;
  if (length > 2) return -1;
  const first = text.charCodeAt(0);
  if (length === 1) return first < 128 ? 1 + first : -1;
  const second = text.charCodeAt(1);
  return (first | second) < 128 ? 129 + first * 128 + second : -1;
}

function coerceValueFor(binding: FieldBinding, settings: ValueSettings, plan: ColumnPlan): Coercer {
  const { field } = binding;
  const decimal = plan.decimal;
  switch (field.type) {
    case 'int':
    case 'number': {
      const range = resolveRange(field.range, settings.scales);
      const options = { decimal, integer: field.integer === true, ...(range === undefined ? {} : { min: range[0], max: range[1] }) };
      const readNumber: Coercer = (raw) => coerceNumber(raw, options);
      return plan.labels === undefined ? readNumber : readingLabels(plan.labels, readNumber);
    }
    case 'bool':
      return field.boolWords === undefined ? coerceBool : createBoolCoercer(field.boolWords.yes, field.boolWords.no);
    case 'timestamp': {
      const options = { tz: settings.tz, ...(plan.dateFormat === undefined ? {} : { format: plan.dateFormat }) };
      return (raw) => coerceTimestamp(raw, options);
    }
    case 'duration': {
      const unit = binding.unit?.unit;
      return (raw) => coerceDuration(raw, unit);
    }
    case 'sentiment':
      return (raw) => coerceSentiment(raw, { decimal });
    case 'rate':
      return (raw) => coerceRate(raw, { decimal });
    case 'text':
      return coerceText;
  }
}

/**
 * A label column: a label becomes its score (one Map lookup on the normalised text; the column is
 * repetitive, so `keepingValues` does even that once per distinct text), a non-answer (`Don't
 * know`) is missing, numbers read as in any column, and other text is rejected naming the scale.
 */
function readingLabels(reading: LabelReading, readNumber: Coercer): Coercer {
  const refusal: Invalid = { invalid: reading.refusal };
  return (raw) => {
    if (typeof raw !== 'string') return readNumber(raw);
    const label = normalizeLabel(raw);
    const score = reading.scores.get(label);
    if (score !== undefined) return score;
    if (isNonAnswer(label)) return undefined;
    const number = readNumber(raw);
    return isInvalid(number) && /\p{L}/u.test(label) ? refusal : number;
  };
}

function describeRaw(raw: RawCell): string {
  // JSON.stringify writes a non-finite number as `null`; String shows Infinity as it is.
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Turns raw records into canonical rows for one source. The returned function reuses one row
 * object: metrics read it and never keep it, which keeps the hot path free of per-row objects.
 */
export function createRowBuilder(
  bindings: readonly FieldBinding[],
  columnCount: number,
  settings: ValueSettings,
): (cells: readonly RawCell[]) => RowOutcome {
  const coercers = bindings.map((binding) => coercerFor(binding, settings));
  const bound = new Set(bindings.map((binding) => binding.field.id));
  const columnOf = new Map(bindings.map((binding) => [binding.field.id, binding.column]));
  const stampChecks = ORDERED_STAMPS.filter(([start, end]) => bound.has(start) && bound.has(end));
  const derivations = derivationsFor(bound);
  const unreadable = new Set<FieldId>();
  const row: CanonicalRow = { unreadable, bound: [...bound] };
  const fields = row as Record<string, unknown>;
  const outcome: RowOutcome = { row, rejections: [] };

  const reject = (rejection: Rejection): void => {
    if (outcome.rejections === NO_REJECTIONS) outcome.rejections = [];
    outcome.rejections.push(rejection);
    if (rejection.field !== null) unreadable.add(rejection.field);
  };
  const fillRow = compileFillRow(bindings, coercers, fields, (i, raw, invalid) => {
    const binding = bindings[i] as FieldBinding;
    reject({ field: binding.field.id, column: binding.column, value: describeRaw(raw), reason: invalid.invalid });
  });

  return (cells) => {
    outcome.rejections = NO_REJECTIONS;
    if (unreadable.size > 0) unreadable.clear();
    if (cells.length !== columnCount) {
      outcome.row = null;
      reject({ field: null, column: null, value: '', reason: `expected ${columnCount} fields, found ${cells.length}` });
      return outcome;
    }
    outcome.row = row;
    fillRow(cells);
    for (const [start, end] of stampChecks) {
      const startAt = row[start] as number | undefined;
      const endAt = row[end] as number | undefined;
      if (startAt !== undefined && endAt !== undefined && endAt < startAt) {
        fields[end] = undefined;
        const column = columnOf.get(end) ?? null;
        reject({ field: end, column, value: describeRaw(column === null ? '' : cells[column]), reason: `${end} is before ${start}` });
      }
    }
    for (const { id, derive } of derivations) fields[id] = derive(row);
    return outcome;
  };
}

/** Told which binding's cell was rejected, with the cell and the reason. */
type OnInvalid = (binding: number, raw: RawCell, invalid: Invalid) => void;

/**
 * The per-row work on the bound cells, written out for this source's columns and compiled once:
 *
 *     v = c0(cells[3]); if (isInvalid(v)) { row["created_at"] = undefined; onInvalid(0, cells[3], v); } else row["created_at"] = v;
 *     v = c1(cells[5]); …
 *
 * A loop over the bindings calls every column's coercer from one call site and stores to
 * `row[id]` with a different id each time; V8 then can neither inline the coercers nor store to
 * a known property (megamorphic sites). Written out, each column has a site of its own
 * (bench/RESULTS.md, "Row builder"). The text holds only column numbers and JSON string literals.
 */
function compileFillRow(
  bindings: readonly FieldBinding[],
  coercers: readonly Coercer[],
  row: Record<string, unknown>,
  onInvalid: OnInvalid,
): (cells: readonly RawCell[]) => void {
  const steps = bindings.map((binding, i) => {
    const { column } = binding;
    if (!Number.isSafeInteger(column) || column < 0) throw new Error(`row builder: column ${String(column)} is not an index`);
    const key = JSON.stringify(binding.field.id);
    return `v = c${i}(cells[${column}]); if (isInvalid(v)) { row[${key}] = undefined; onInvalid(${i}, cells[${column}], v); } else row[${key}] = v;`;
  });
  const scope = Object.fromEntries([
    ['isInvalid', isInvalid],
    ['row', row],
    ['onInvalid', onInvalid],
    ...coercers.map((coerce, i) => [`c${i}`, coerce] as const),
  ]);
  const compiled = compileInScope<(cells: readonly RawCell[]) => void>(
    scope,
    `return function fillRow(cells) {\n  let v;\n  ${steps.join('\n  ')}\n};`,
  );
  return compiled ?? loopFillRow(bindings, coercers, row, onInvalid);
}

/** What `compileFillRow` writes out, as a loop: for where code may not be generated. */
function loopFillRow(
  bindings: readonly FieldBinding[],
  coercers: readonly Coercer[],
  row: Record<string, unknown>,
  onInvalid: OnInvalid,
): (cells: readonly RawCell[]) => void {
  return (cells) => {
    for (let i = 0; i < bindings.length; i++) {
      const binding = bindings[i] as FieldBinding;
      const value = (coercers[i] as Coercer)(cells[binding.column]);
      if (isInvalid(value)) {
        row[binding.field.id] = undefined;
        onInvalid(i, cells[binding.column], value);
      } else {
        row[binding.field.id] = value;
      }
    }
  };
}

/** The derived values (kinds/) a source's bound fields feed, each with its per-row function. */
function derivationsFor(bound: ReadonlySet<FieldId>): { id: string; derive: (row: CanonicalRow) => unknown }[] {
  const isBound = (field: FieldId): boolean => bound.has(field);
  return DERIVED_VALUES.filter((derived) => derived.from.some(isBound)).map((derived) => ({
    id: derived.id,
    derive: derived.deriverFor(isBound),
  }));
}
