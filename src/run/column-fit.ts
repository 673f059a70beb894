/**
 * Which fields each column's sampled values fit (fields/value-fit.ts), judged with the reading the
 * rows get (fields/row-builder.ts `coercerFor`, with the column's decimal mark and date layout
 * detected from the same sample): for binding (a candidate whose values fit wins over one whose
 * values do not), for the note when a bound column's values do not fit, and for `xla inspect`.
 */
import { FIELDS, fieldsForKind } from '../fields/catalog.js';
import type { FieldDef } from '../fields/catalog.js';
import { detectDateFormat, detectDecimalMark } from '../fields/column-formats.js';
import type { DateFormat } from '../fields/date-formats.js';
import { chooseLabels } from '../fields/label-scales.js';
import type { LabelMap, LabelReading } from '../fields/label-scales.js';
import { resolveRange } from '../fields/scales.js';
import type { FieldBinding, FieldMapping, MisfitTest } from '../fields/match.js';
import { coercerFor } from '../fields/row-builder.js';
import type { ColumnPlan, RawCell } from '../fields/row-builder.js';
import type { Kind, Scales } from '../fields/types.js';
import { coerceBool, coerceDuration, coerceNumber, isMissing } from '../fields/values.js';
import type { MissingTest } from '../fields/values.js';
import { describeHeld, judgeTally, tallyCells } from '../fields/value-fit.js';
import type { CellTally, HeldValues, ValueCoercer, ValueFit } from '../fields/value-fit.js';
import type { Preset } from '../io/presets/types.js';
import type { RawRecord } from '../io/types.js';
import { quoteText } from '../report/safe-text.js';

export interface ColumnFits {
  /** How a column's sampled values fare as a field's (memoized per field and column). */
  fitOf: (field: FieldDef, column: number) => ValueFit;
  /** What a column holds, read as a field's: for the note on a column whose values do not fit. */
  heldAs: (field: FieldDef, column: number) => HeldValues;
  /** For binding: a candidate whose values do not fit yields to any other. */
  misfits: MisfitTest;
  /** The columns whose values fit a field, left to right. */
  fittingColumns: (field: FieldDef) => number[];
  /** What a column holds, for `xla inspect`: `integer`, `number`, `date`, `yes/no`, `duration`, `text` or `empty`. */
  typeOf: (column: number) => string;
}

export interface FitSettings {
  sample: readonly RawRecord[];
  columnCount: number;
  preset: Preset | undefined;
  missing: MissingTest;
  /** The user's decimal mark and date layout; detected per column when undefined. */
  decimal: '.' | ',' | undefined;
  dateFormat: DateFormat | undefined;
  delimiter: string;
  tz: string;
  scales: Scales;
  /** The user's label maps (`values:`, `--values`): a column of those labels fits its field. */
  values: readonly LabelMap[];
}

/** The cell text after the preset's value map, or the cell itself. */
function mapValue(raw: unknown, map: Readonly<Record<string, string>> | undefined): unknown {
  if (map === undefined || typeof raw !== 'string') return raw;
  const key = raw.trim().toLowerCase();
  // Own keys only: a cell saying `constructor` is text, not Object's constructor.
  return Object.hasOwn(map, key) ? map[key] : raw;
}

/**
 * The step a column's cells take before coercion: the preset's value map for the field and its own
 * null markers; undefined when there is neither (the coercers already know the standard markers).
 */
export function cellPreparer(
  valueMap: Readonly<Record<string, string>> | undefined,
  missing: MissingTest,
): ((raw: unknown) => unknown) | undefined {
  if (valueMap === undefined && missing === isMissing) return undefined;
  return (raw) => {
    const mapped = mapValue(raw, valueMap);
    return missing(mapped) ? undefined : mapped;
  };
}

/** A column's non-missing sampled values as text (JSON numbers as their digits), for format detection. */
export function sampleTexts(
  sample: readonly RawRecord[],
  column: number,
  prepare: ((raw: unknown) => unknown) | undefined,
  missing: MissingTest,
): string[] {
  return sample.flatMap((record) => {
    const cell = record.cells[column];
    const value = prepare === undefined ? cell : prepare(cell);
    return (typeof value === 'string' || typeof value === 'number') && !missing(value) ? [String(value)] : [];
  });
}

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['int', 'number', 'rate', 'sentiment']);

export function createColumnFits(settings: FitSettings): ColumnFits {
  const { sample, missing } = settings;
  const tallies = new Map<number, CellTally>();
  const tallyOf = (column: number): CellTally => {
    let tally = tallies.get(column);
    if (tally === undefined) {
      tally = tallyCells(sample.map((record) => record.cells[column] as RawCell));
      tallies.set(column, tally);
    }
    return tally;
  };
  const fits = new Map<string, ValueFit>();
  const dates = new Map<string, DateFormat | undefined>();
  const marks = new Map<string, '.' | ','>();
  const hasValueMap = (field: FieldDef): boolean => settings.preset?.values?.[field.id] !== undefined;

  /** The layout and mark the column's values show, read leniently: where the sample leaves a choice, either reading judges alike. */
  function planFor(field: FieldDef, column: number, prepare: ((raw: unknown) => unknown) | undefined): ColumnPlan {
    const key = `${column}:${hasValueMap(field) ? field.id : ''}`;
    if (field.type === 'timestamp' && settings.dateFormat === undefined && !dates.has(key)) {
      const detection = detectDateFormat(sampleTexts(sample, column, prepare, missing));
      dates.set(key, detection.kind === 'format' ? detection.format : detection.kind === 'ambiguous' ? detection.candidates[0] : undefined);
    }
    if (NUMERIC_TYPES.has(field.type) && settings.decimal === undefined && !marks.has(key)) {
      const detection = detectDecimalMark(sampleTexts(sample, column, prepare, missing), settings.delimiter);
      marks.set(key, detection.kind === 'mark' ? detection.mark : '.');
    }
    const dateFormat = settings.dateFormat ?? dates.get(key);
    const labels = labelsFor(field, column, prepare);
    return {
      prepare,
      decimal: settings.decimal ?? marks.get(key) ?? '.',
      ...(dateFormat === undefined ? {} : { dateFormat }),
      ...(labels === undefined ? {} : { labels }),
    };
  }

  /**
   * The labels the rows would be read with (README, "Label scales"): a column of `Very satisfied …`
   * fits csat as its numbers would. Labels that could not be scored (two scales, a scale of
   * another length) give none, so those values do not fit.
   */
  function labelsFor(field: FieldDef, column: number, prepare: ((raw: unknown) => unknown) | undefined): LabelReading | undefined {
    if (field.type !== 'int' && field.type !== 'number') return undefined;
    const texts = new Set(sampleTexts(sample, column, prepare, missing));
    const recognition = chooseLabels(field.id, resolveRange(field.range, settings.scales), settings.values, texts);
    return recognition.kind === 'scale' || recognition.kind === 'yes-no' ? recognition.reading : undefined;
  }

  /** The reading the rows of this column would get as this field's. */
  function coercerAs(field: FieldDef, column: number): ValueCoercer {
    const prepare = cellPreparer(settings.preset?.values?.[field.id], missing);
    // The unit only scales a duration, so it never changes whether a value reads.
    const binding: FieldBinding = { field, column, columnName: '', unit: undefined, via: 'name' };
    const plans = new Map([[column, planFor(field, column, prepare)]]);
    return coercerFor(binding, { tz: settings.tz, scales: settings.scales, plans });
  }

  function fitOf(field: FieldDef, column: number): ValueFit {
    const key = `${field.id}:${column}`;
    const known = fits.get(key);
    if (known !== undefined) return known;
    const fit = judgeTally(tallyOf(column), coercerAs(field, column));
    fits.set(key, fit);
    return fit;
  }

  return {
    fitOf,
    heldAs: (field, column) => describeHeld(tallyOf(column), coercerAs(field, column)),
    misfits: (field, column) => fitOf(field, column).verdict === 'misfits',
    fittingColumns: (field) =>
      Array.from({ length: settings.columnCount }, (_, column) => column).filter((column) => fitOf(field, column).verdict === 'fits'),
    typeOf: (column) => typeOfValues(tallyOf(column), sampleTexts(sample, column, undefined, missing)),
  };
}

/** What a column's values read as, tried in this order: the first that FIT_SHARE of them fit names them. */
const VALUE_TYPES: readonly (readonly [string, ValueCoercer])[] = [
  ['integer', (raw) => coerceNumber(raw, { decimal: '.', integer: true })],
  ['number', (raw) => coerceNumber(raw, { decimal: '.' })],
  ['decimal-comma number', (raw) => coerceNumber(raw, { decimal: ',' })],
  ['yes/no', coerceBool],
  ['duration', (raw) => coerceDuration(raw)],
];

function typeOfValues(tally: CellTally, texts: readonly string[]): string {
  if (texts.length === 0) return 'empty';
  for (const [name, coerce] of VALUE_TYPES) if (judgeTally(tally, coerce).verdict === 'fits') return name;
  // The layout itself is the `format` inspect shows for a bound date column.
  return detectDateFormat(texts).kind === 'none' ? 'text' : 'date';
}

/** The fields `xla inspect` says a column could feed: those of the kind (or of every kind) whose type constrains values. */
export function fieldsToTry(kind: Kind | null): readonly FieldDef[] {
  const fields = kind === null ? FIELDS : fieldsForKind(kind);
  // A text field takes any value, so every column "fits" it: naming it would tell nothing.
  return fields.filter((field) => field.type !== 'text');
}

/** Other columns named in a note at most. */
const SHOWN_ALTERNATIVES = 3;

/**
 * A note for each bound column whose sampled values do not fit its field: the binding stays (the
 * user may mean it, and a `--map` is never second-guessed), but the note says what the column
 * holds and which other columns' values would fit, so that a `--map` can be written.
 */
export function misfitNotes(mapping: FieldMapping, fits: ColumnFits, columns: readonly string[]): string[] {
  return mapping.bindings.flatMap((binding) => {
    const fit = fits.fitOf(binding.field, binding.column);
    if (fit.verdict !== 'misfits') return [];
    const others = fits.fittingColumns(binding.field).filter((column) => column !== binding.column);
    return [
      describeMisfit(
        binding,
        fit,
        fits.heldAs(binding.field, binding.column),
        others.map((column) => columns[column] ?? ''),
      ),
    ];
  });
}

const HOW_BOUND: Readonly<Record<FieldBinding['via'], string>> = {
  name: 'by its name',
  preset: "by the preset's name for it",
  map: 'by --map or a config map',
};

/** Characters of a value a note shows: a comment column's answers can be paragraphs. */
const SHOWN_VALUE_LENGTH = 40;

function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SHOWN_VALUE_LENGTH ? text : `${chars.slice(0, SHOWN_VALUE_LENGTH - 1).join('')}…`;
}

function describeMisfit(binding: FieldBinding, fit: ValueFit, held: HeldValues, others: readonly string[]): string {
  const { field } = binding;
  const values = held.common.map((value) => quoteText(shorten(value))).join(', ');
  const why = held.reason === undefined ? '' : `: ${held.reason}`;
  const head = `column ${quoteText(binding.columnName)} feeds ${field.id} (${HOW_BOUND[binding.via]}), but its values do not fit it: ${fit.read} of ${fit.values} sampled values read (it holds ${values}${why})`;
  if (others.length === 0) return `${head}; no other column's values fit ${field.id}`;
  const shown = others.slice(0, SHOWN_ALTERNATIVES);
  const more = others.length > shown.length ? ` and ${others.length - shown.length} more` : '';
  const first = shown[0] ?? '';
  return `${head}; ${others.length === 1 ? 'column' : 'columns'} ${shown.map(quoteText).join(', ')}${more} would fit: --map ${field.id}=${quoteText(first)}`;
}
