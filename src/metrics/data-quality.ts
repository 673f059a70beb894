/**
 * Data quality (metrics.md §5.6): how complete, valid, unique and fresh the rows are. Every input
 * feeds these (they need no field), so they break down, filter and take targets like any metric.
 *
 * A row's cell of a bound field is *missing* when it was empty or a null marker, *present*
 * otherwise; a present value is *accepted* unless it was rejected (the row's `unreadable` set:
 * fields/row-builder.ts). Rows that could not be read at all (a ragged CSV line) have no cells to
 * judge: they are counted in the input's `rejected`, not here.
 */
import { FIELDS, PERIOD_FIELDS } from '../fields/catalog.js';
import { compileInScope } from '../fields/compile.js';
import type { CanonicalRow, FieldId } from '../fields/types.js';
import { KINDS } from '../fields/types.js';
import { IdHashes } from '../stats/id-hashes.js';
import type { Accumulator, FieldValue, FinishContext, MetricDef, MetricValue } from './types.js';

/** The field naming the record a row is about, per kind that has one (analytics rows have none): its repeats are duplicates. */
const ID_FIELDS = ['id', 'respondent_id'] as const satisfies readonly FieldId[];

/** Every field's place in the counts: fields in catalog order, so per-field results come in that order. */
const FIELD_ORDER: readonly FieldId[] = FIELDS.map((field) => field.id);
const FIELD_INDEX: ReadonlyMap<FieldId, number> = new Map(FIELD_ORDER.map((id, i) => [id, i]));

/** Counts kept per field: rows that bind it, cells holding something, values accepted. */
const ROWS = 0;
const PRESENT = 1;
const ACCEPTED = 2;
const COUNTS_PER_FIELD = 3;

/** Adds one row's cells of the bound fields to the counts (FieldCountsState#counts). */
type CountCells = (counts: number[], row: CanonicalRow) => void;

/** What a source's bound fields mean for these metrics, worked out once per source (its `bound` array), not per row. */
interface BoundPlan {
  readonly countCells: CountCells;
  /** The row's value of the kind's date field (PERIOD_FIELDS); undefined when the source binds none. */
  readonly readDate: ((row: CanonicalRow) => number | undefined) | undefined;
  /** The row's value of the kind's id field; undefined when the source binds none. */
  readonly readId: ((row: CanonicalRow) => string | undefined) | undefined;
}

const NOTHING_BOUND: readonly FieldId[] = [];
const ALL_PERIOD_FIELDS = KINDS.flatMap((kind) => PERIOD_FIELDS[kind]);

/** The date field freshness reads among the bound ones (the SQL pushdown reads the same: sql/survey.ts). */
export function freshnessField(bound: readonly FieldId[]): (typeof ALL_PERIOD_FIELDS)[number] | undefined {
  return ALL_PERIOD_FIELDS.find((field) => bound.includes(field));
}
/** Plans by bound array: the rows of one source, read by several accumulators, share one. */
const plans = new WeakMap<readonly FieldId[], BoundPlan>();

function planFor(bound: readonly FieldId[]): BoundPlan {
  const known = plans.get(bound);
  if (known !== undefined) return known;
  const isBound = (field: FieldId): boolean => bound.includes(field);
  const plan: BoundPlan = {
    countCells: compileCountCells(bound),
    readDate: fieldReader(freshnessField(bound)),
    readId: fieldReader(ID_FIELDS.find(isBound)),
  };
  plans.set(bound, plan);
  return plan;
}

/**
 * A reader of one field, compiled as `row => row["created_at"]`: a named load V8 can cache, where
 * `row[field]` with the field in a variable is a keyed load (measured: the bench file's default run).
 */
function fieldReader<F extends FieldId>(field: F | undefined): ((row: CanonicalRow) => CanonicalRow[F]) | undefined {
  if (field === undefined) return undefined;
  return compileInScope({}, `return function read(row) { return row[${JSON.stringify(field)}]; };`) ?? ((row) => row[field]);
}

/** Where a field's counts start in FieldCountsState#counts. */
function countsAt(field: FieldId): number {
  const index = FIELD_INDEX.get(field);
  if (index === undefined) throw new Error(`data quality: ${field} is not a catalog field`);
  return COUNTS_PER_FIELD * index;
}

/**
 * The per-row counting for one source's fields, written out and compiled once (as the row
 * builder's fillRow): a loop reading `row[id]` with a different id each time is a megamorphic
 * keyed load, about three times slower a cell on the bench file. The text holds only numbers and
 * JSON string literals:
 *
 *     c[12]++; if (row["nps"] !== undefined) { c[13]++; c[14]++; } else if (row.unreadable?.has("nps") === true) c[13]++;
 */
function compileCountCells(bound: readonly FieldId[]): CountCells {
  const steps = bound.map((field) => {
    const at = countsAt(field);
    const key = JSON.stringify(field);
    return `c[${at + ROWS}]++; if (row[${key}] !== undefined) { c[${at + PRESENT}]++; c[${at + ACCEPTED}]++; } else if (row.unreadable?.has(${key}) === true) c[${at + PRESENT}]++;`;
  });
  const compiled = compileInScope<CountCells>({}, `return function countCells(c, row) {\n  ${steps.join('\n  ')}\n};`);
  return compiled ?? loopCountCells(bound);
}

/** What compileCountCells writes out, as a loop: for where code may not be generated. */
function loopCountCells(bound: readonly FieldId[]): CountCells {
  const counted = bound.map((id) => ({ id, at: countsAt(id) }));
  return (counts, row) => {
    const values = row as Readonly<Record<string, unknown>>;
    for (const { id, at } of counted) {
      counts[at + ROWS] = (counts[at + ROWS] ?? 0) + 1;
      const isPresent = values[id] !== undefined || row.unreadable?.has(id) === true;
      if (isPresent) counts[at + PRESENT] = (counts[at + PRESENT] ?? 0) + 1;
      if (values[id] !== undefined) counts[at + ACCEPTED] = (counts[at + ACCEPTED] ?? 0) + 1;
    }
  };
}

/**
 * The plan of a row's source: every row of a source shares one `bound` array, so one comparison a
 * row finds the plan of the last source (a new array, a new source: looked up again).
 */
function boundPlanReader(): (row: CanonicalRow) => BoundPlan {
  let lastBound: readonly FieldId[] | undefined;
  let lastPlan = planFor(NOTHING_BOUND);
  return (row) => {
    const bound = row.bound ?? NOTHING_BOUND;
    if (bound !== lastBound) {
      lastBound = bound;
      lastPlan = planFor(bound);
    }
    return lastPlan;
  };
}

// ---------------------------------------------------------------------------------------------
// Completeness and validity: one state of counts per field

export interface FieldCountsState {
  /** COUNTS_PER_FIELD numbers per field of FIELD_ORDER (a plain array: it crosses threads as it is). */
  counts: number[];
}

/** One field's counts: rows that bind it, cells holding something, values accepted. */
export interface FieldCounts {
  rows: number;
  present: number;
  accepted: number;
}

/** The state of these counts per field (the SQL pushdown's, sql/quality.ts): the layout fieldCounts keeps. */
export function fieldCountsOf(perField: ReadonlyMap<FieldId, FieldCounts>): FieldCountsState {
  const counts = new Array<number>(COUNTS_PER_FIELD * FIELD_ORDER.length).fill(0);
  for (const [field, { rows, present, accepted }] of perField) {
    const at = countsAt(field);
    counts[at + ROWS] = rows;
    counts[at + PRESENT] = present;
    counts[at + ACCEPTED] = accepted;
  }
  return { counts };
}

function fieldCounts(): Accumulator<FieldCountsState> {
  const planOf = boundPlanReader();
  return {
    init: () => ({ counts: new Array<number>(COUNTS_PER_FIELD * FIELD_ORDER.length).fill(0) }),
    add(state, row) {
      planOf(row).countCells(state.counts, row);
    },
    merge(a, b) {
      for (let i = 0; i < a.counts.length; i++) a.counts[i] = (a.counts[i] as number) + (b.counts[i] ?? 0);
      return a;
    },
    finish: () => {
      throw new Error('fieldCounts: finished by completeness or validity');
    },
  };
}

/** A share over fields: `part` of `whole` counts, per field and pooled (Σ part / Σ whole, metrics.md §0 "Pooling"). */
function finishShare(state: FieldCountsState, part: number, whole: number): MetricValue {
  const byField: FieldValue[] = [];
  let parts = 0;
  let wholes = 0;
  FIELD_ORDER.forEach((field, i) => {
    const at = COUNTS_PER_FIELD * i;
    const fieldWhole = state.counts[at + whole] ?? 0;
    if ((state.counts[at + ROWS] ?? 0) === 0) return;
    const fieldPart = state.counts[at + part] ?? 0;
    parts += fieldPart;
    wholes += fieldWhole;
    byField.push({ field, value: shareValue(fieldPart, fieldWhole) });
  });
  return { ...shareValue(parts, wholes), byField };
}

function shareValue(part: number, whole: number): MetricValue {
  return { value: whole === 0 ? null : (100 * part) / whole, n: whole, ci: null };
}

function withCounts(finishValue: (state: FieldCountsState) => MetricValue): Accumulator<FieldCountsState> {
  return { ...fieldCounts(), finish: (state) => finishValue(state) };
}

// ---------------------------------------------------------------------------------------------
// Duplicates

export interface IdState {
  /** Rows fed that bind no id field (analytics; a survey without respondent_id). */
  rows: number;
  /** Rows with an id: their ids' hashes. */
  ids: IdHashes;
}

function repeatedIds(): Accumulator<IdState> {
  const planOf = boundPlanReader();
  return {
    init: () => ({ rows: 0, ids: new IdHashes() }),
    add(state, row) {
      state.rows += 1;
      const { readId } = planOf(row);
      if (readId === undefined) return;
      const id = readId(row);
      if (id !== undefined && id !== '') state.ids.add(id);
    },
    merge(a, b) {
      a.rows += b.rows;
      a.ids.append(b.ids);
      return a;
    },
    finish({ rows, ids }) {
      const withId = ids.length;
      if (withId === 0) return { value: null, n: 0, ci: null, detail: { share: null, rows } };
      const repeats = ids.repeats();
      return { value: repeats, n: withId, ci: null, detail: { share: (100 * repeats) / withId, rows } };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Freshness

export interface NewestState {
  /** The newest accepted date stamp (epoch ms); −Infinity before any. */
  newest: number;
  /** Rows with an accepted date stamp. */
  dated: number;
}

const MS_PER_SECOND = 1000;

function newestDate(): Accumulator<NewestState> {
  const planOf = boundPlanReader();
  return {
    init: () => ({ newest: Number.NEGATIVE_INFINITY, dated: 0 }),
    add(state, row) {
      const { readDate } = planOf(row);
      if (readDate === undefined) return;
      const stamp = readDate(row);
      if (stamp === undefined) return;
      state.dated += 1;
      if (stamp > state.newest) state.newest = stamp;
    },
    merge(a, b) {
      if (b.newest > a.newest) a.newest = b.newest;
      a.dated += b.dated;
      return a;
    },
    finish({ newest, dated }, ctx: FinishContext) {
      const detail = { newest: dated === 0 ? null : newest, as_of: ctx.asOf ?? null };
      if (dated === 0 || ctx.asOf === undefined) return { value: null, n: 0, ci: null, detail };
      return { value: (ctx.asOf - newest) / MS_PER_SECOND, n: dated, ci: null, detail };
    },
  };
}

// ---------------------------------------------------------------------------------------------

const ANY_INPUT: readonly (readonly FieldId[])[] = [[]];

export const DATA_QUALITY_METRICS: readonly MetricDef[] = [
  {
    id: 'data.completeness',
    name: 'Completeness',
    domain: 'data',
    kinds: KINDS,
    unit: '%',
    better: 'higher',
    requires: ANY_INPUT,
    formula: 'non-missing cells / rows × 100 per bound field (segment `field`); overall Σ non-missing / Σ cells',
    interval: 'none',
    sharedState: 'data.field-counts',
    byField: true,
    create: () => withCounts((state) => finishShare(state, PRESENT, ROWS)),
  },
  {
    id: 'data.validity',
    name: 'Validity',
    domain: 'data',
    kinds: KINDS,
    unit: '%',
    better: 'higher',
    requires: ANY_INPUT,
    formula: 'accepted values / non-missing values × 100 per bound field (segment `field`); overall Σ accepted / Σ non-missing',
    interval: 'none',
    sharedState: 'data.field-counts',
    byField: true,
    create: () => withCounts((state) => finishShare(state, ACCEPTED, PRESENT)),
  },
  {
    id: 'data.duplicates',
    name: 'Duplicate ids',
    domain: 'data',
    kinds: ['tickets', 'survey'],
    unit: 'count',
    better: 'lower',
    requires: ANY_INPUT,
    formula: 'rows whose id (tickets `id`, survey `respondent_id`) repeats an earlier row’s; detail.share = that / rows with an id × 100',
    interval: 'none',
    create: () => repeatedIds(),
  },
  {
    id: 'data.freshness',
    name: 'Freshness',
    domain: 'data',
    kinds: KINDS,
    unit: 's',
    better: 'lower',
    requires: ANY_INPUT,
    formula: 'as-of − the newest accepted date (submitted_at, created_at, date) of the rows, in seconds',
    interval: 'none',
    create: () => newestDate(),
  },
];

// ---------------------------------------------------------------------------------------------
// An input's own quality (the JSON report's inputs[].quality): every row it gave, whatever the filters

/** Data quality of one input (cli.md "JSON report", `inputs[].quality`); null where nothing could be measured. */
export interface InputQuality {
  completeness: number | null;
  validity: number | null;
  duplicates: number | null;
  /** Seconds from the run's as-of back to the input's newest date. */
  freshness: number | null;
  fields: Record<string, { completeness: number | null; validity: number | null }>;
}

export interface InputQualityState {
  fields: FieldCountsState;
  ids: IdState;
  dates: NewestState;
}

/** The four measures over one input's rows, as one accumulator (its parts merge as any state does). */
export function inputQuality(): Accumulator<InputQualityState> & {
  summarize(state: InputQualityState, asOf: number | undefined): InputQuality;
} {
  const counts = fieldCounts();
  const ids = repeatedIds();
  const dates = newestDate();
  return {
    init: () => ({ fields: counts.init(), ids: ids.init(), dates: dates.init() }),
    add(state, row) {
      counts.add(state.fields, row);
      ids.add(state.ids, row);
      dates.add(state.dates, row);
    },
    merge(a, b) {
      counts.merge(a.fields, b.fields);
      ids.merge(a.ids, b.ids);
      dates.merge(a.dates, b.dates);
      return a;
    },
    finish: () => {
      throw new Error('inputQuality: summarized, not finished');
    },
    summarize(state, asOf) {
      const completeness = finishShare(state.fields, PRESENT, ROWS);
      const validity = finishShare(state.fields, ACCEPTED, PRESENT);
      const validityOf = new Map((validity.byField ?? []).map((part) => [part.field, part.value.value]));
      return {
        completeness: completeness.value,
        validity: validity.value,
        duplicates: ids.finish(state.ids, { confidence: 0, asOf }).value,
        freshness: dates.finish(state.dates, { confidence: 0, asOf }).value,
        fields: Object.fromEntries(
          (completeness.byField ?? []).map((part) => [
            part.field,
            { completeness: part.value.value, validity: validityOf.get(part.field) ?? null },
          ]),
        ),
      };
    },
  };
}
