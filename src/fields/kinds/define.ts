import type { Scales } from '../scales.js';
import type { PlainDurationUnit } from '../units.js';

/**
 * The shape of a kind's declaration (survey.ts, tickets.ts, analytics.ts): its fields, the dates
 * that place a row in a period, the values derived from its fields and how an event log of it is
 * collapsed. Everything else that knows kinds or fields (FIELDS, FieldId, the row's value types,
 * help texts, schema enums) is derived from the declarations listed in index.ts.
 */

export type FieldType = 'int' | 'number' | 'bool' | 'timestamp' | 'duration' | 'text' | 'sentiment' | 'rate';

/** The TypeScript type a field of each type holds after coercion (types.ts says how values are represented). */
export interface FieldTypeValues {
  int: number;
  number: number;
  bool: boolean;
  timestamp: number;
  duration: number;
  text: string;
  sentiment: number;
  rate: number;
}

/**
 * A column name pattern; a plain string, or one whose plain numbers carry a unit.
 *
 * Alias syntax: names are compared after `normalizeName` (case, spaces, punctuation and a BOM are
 * ignored). A `*` matches anything, so questionnaire wordings can be matched by their stem:
 * `how likely are you to recommend*`. Earlier aliases are preferred over later ones, exact names
 * over wildcard ones, and among wildcards the more specific (longer) one wins.
 */
export type Alias = string | { name: string; plainUnit: PlainDurationUnit };

export const ms = (name: string): Alias => ({ name, plainUnit: 'ms' });
export const minutes = (name: string): Alias => ({ name, plainUnit: 'min' });

/** A canonical field (spec: fields.md): type, valid range, and the column names that feed it. */
export interface FieldDecl<Id extends string = string, T extends FieldType = FieldType> {
  id: Id;
  type: T;
  /** Inclusive valid range for numbers; a scale name takes the range from the run's scales. */
  range?: readonly [number, number] | keyof Scales;
  /** Whether a number must be whole (NPS answers). */
  integer?: boolean;
  /** For durations: the unit of a plain number (`250` in a `latency_ms` column is milliseconds). */
  plainUnit?: PlainDurationUnit;
  /** For booleans: words read as yes and as no besides true/false, yes/no, 1/0 (`made_sla`: met, breached). */
  boolWords?: { yes: readonly string[]; no: readonly string[] };
  aliases: readonly Alias[];
  description: string;
}

/** A field several kinds list: declared once here, then put in each kind's `fields`. */
export function defineField<const Id extends string, const T extends FieldType>(field: FieldDecl<Id, T>): FieldDecl<Id, T> {
  return field;
}

/** The row a kind's own fields make: what its derived values are computed from. */
export type RowOf<F extends FieldDecl> = { [D in F as D['id']]?: FieldTypeValues[D['type']] | undefined };

/** A value computed per row from several fields, so that every metric reads one answer; keyed by its id. */
export interface DerivedDecl<F extends FieldDecl = FieldDecl, T extends FieldType = FieldType> {
  type: T;
  description: string;
  /** The value is set on a source's rows when one of these fields is bound to a column. */
  from: readonly F['id'][];
  /** Made once per source, from which of `from` are bound; called per row. */
  deriverFor: (isBound: (field: F['id']) => boolean) => (row: RowOf<F>) => FieldTypeValues[T] | undefined;
}

/** How an export of the kind given as an event log (one row per update) is collapsed to one row per record. */
export interface EventLogDecl<F extends FieldDecl = FieldDecl> {
  /** The field naming a record: repeated values in the sample make the export an event log. */
  key: F['id'];
  /** Columns that say when an event row was written, in order of preference (a preset's `eventLog.orderBy` comes first). */
  updateColumns: readonly string[];
  /** What the kept rows are, in the note `event log: 1200 rows collapsed to 300 tickets`. */
  records: string;
}

type TimestampId<F extends FieldDecl> = Extract<F, { type: 'timestamp' }>['id'];

/**
 * The items of a standard questionnaire, in order, and the numbered column names they go by
 * (`SUS1` … `SUS10`, `Q1` … `Q10`). A numbered name says only "item 3 of something", so such names
 * bind as a whole or not at all (fields/numbered.ts): every item of the numbering must be present.
 */
export interface NumberedSetDecl<F extends FieldDecl = FieldDecl> {
  /** The questionnaire, for messages: `SUS`. */
  instrument: string;
  /** Item 1, item 2, … */
  items: readonly F['id'][];
  /** Name stems that say the instrument (`sus`, `sus q`): `SUS 3`, `SUS_Q3`. Compared normalized. */
  prefixes: readonly string[];
  /**
   * Stems that do not say the instrument (`q`): they bind only when the file's columns of that
   * stem are exactly item 1 … item N, once each, and their values fit; other Q columns beside them
   * (a Q11, a Q3a) mean another questionnaire.
   */
  anonymousPrefixes: readonly string[];
}

/** A derived value's id → its type. */
type DerivedTypes = Record<string, FieldType>;

export interface KindDecl<K extends string = string, F extends FieldDecl = FieldDecl, DT extends DerivedTypes = DerivedTypes> {
  kind: K;
  /** In matching order: a column two fields fit equally well goes to the earlier one. */
  fields: readonly F[];
  /**
   * Fields another kind owns that files of this kind may carry too (a survey's NPS asked after a
   * ticket is resolved), or names other kinds' files carry as well (a survey's `Channel`): they bind
   * and feed metrics here, but are no evidence that a file is of this kind, so a survey's `nps`
   * beside its `submitted_at` is still read as a survey.
   */
  borrowed?: readonly F['id'][];
  /** The dates that place a row in a period and in `--from`/`--to`, in order of preference. */
  periodFields: readonly TimestampId<F>[];
  derived: { [Id in keyof DT]: DerivedDecl<F, DT[Id]> };
  /**
   * The stamp that ends what a row's period field starts (a customer's end_date): a row dated
   * before `--from` that lasts past it (no end, or an end after `--from`) is still in the window —
   * a customer since January is among March's customers — so it is kept, outside every period.
   */
  lastsUntil?: TimestampId<F>;
  /** [start, end] stamps: an end before its start is a data error, the end is rejected and the start still counts. */
  orderedStamps?: readonly (readonly [TimestampId<F>, TimestampId<F>])[];
  eventLog?: EventLogDecl<F>;
  /** Questionnaires whose items may be named by number (`SUS1` … `SUS10`). */
  numberedSets?: readonly NumberedSetDecl<F>[];
  /** The `map:` example of `xla init`'s starter: a field of the kind and a column name it might have. */
  mapExample: { field: F['id']; column: string };
}

/** Checks a declaration and keeps its literal ids and types, from which the field types are derived. */
export function defineKind<const K extends string, const F extends FieldDecl, const DT extends DerivedTypes = Record<never, FieldType>>(
  declaration: KindDecl<K, F, DT>,
): KindDecl<K, F, DT> {
  return declaration;
}
