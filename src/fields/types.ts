/**
 * The canonical data model (spec: fields.md). Metrics read canonical fields only; readers,
 * aliases and `--map` are the only places that know real column names.
 *
 * Value representation, fixed for every layer:
 * - timestamps: epoch milliseconds (UTC instants), already resolved with `--tz`;
 * - durations: seconds;
 * - percentages / rates given in a rate column (`bounce_rate`): fractions 0–1;
 * - sentiment: a score in −1…1 (labels positive/neutral/negative become 1/0/−1);
 * - missing: `undefined` (never 0, never NaN).
 *
 * Kinds and fields are declared in kinds/; the names here are derived from those declarations.
 */
import type { FieldType, FieldTypeValues } from './kinds/define.js';
import { KIND_DECLARATIONS } from './kinds/index.js';

export type { FieldType } from './kinds/define.js';
export { DEFAULT_SCALES, type Scales } from './scales.js';

type KindDeclaration = (typeof KIND_DECLARATIONS)[number];
type DeclaredField = KindDeclaration['fields'][number];
/** A kind's derived values as [id, type] pairs (distributes over the kinds). */
type DerivedPairs<D> = D extends { derived: infer R }
  ? { [Id in keyof R & string]: [Id, R[Id] extends { type: infer T extends FieldType } ? T : never] }[keyof R & string]
  : never;
type DeclaredDerived = DerivedPairs<KindDeclaration>;

/** The kinds' names as a tuple in declaration order: `['survey', 'tickets', 'analytics']`. */
type KindNames<T extends readonly { kind: string }[]> = { readonly [I in keyof T]: T[I]['kind'] };

// `map` keeps the tuple's length and order; TypeScript only cannot say so.
export const KINDS = KIND_DECLARATIONS.map((declaration) => declaration.kind) as readonly Kind[] as KindNames<typeof KIND_DECLARATIONS>;
export type Kind = KindDeclaration['kind'];

/** The TypeScript type each canonical field holds after coercion, from its declared type. */
export type FieldValueTypes = { [F in DeclaredField as F['id']]: FieldTypeValues[F['type']] };

export type FieldId = keyof FieldValueTypes;

/** The fields declared with one type: `FieldOfType<'timestamp'>` is every time stamp of every kind. */
export type FieldOfType<T extends FieldType> = Extract<DeclaredField, { type: T }>['id'];

/** Values derived per row from several fields, so that every metric reads one answer (e.g. `is_resolved`, kinds/tickets.ts). */
export type DerivedValueTypes = { [P in DeclaredDerived as P[0]]: FieldTypeValues[P[1]] };

/** One input row after mapping and coercion. Reused between rows by the reader: never keep it. */
export type CanonicalRow = { [K in FieldId]?: FieldValueTypes[K] | undefined } & {
  [K in keyof DerivedValueTypes]?: DerivedValueTypes[K] | undefined;
} & {
  /**
   * The fields whose cell held a value that was rejected (left undefined above): "unreadable",
   * not "missing" — a ticket whose resolved_at is rejected is not an open ticket. Reused too.
   */
  unreadable?: ReadonlySet<FieldId>;
  /**
   * The canonical fields the row's source binds, in binding order: one array per source, set by
   * the row builder and shared by every row of it (data quality counts cells of these fields).
   */
  bound?: readonly FieldId[];
  /**
   * Business time (config `business_hours: { by … }`): the index of the run's calendar this ticket
   * is timed by, null when none applies; set by the run on every row of a file with the `by`
   * column. Undefined: the run's default calendar.
   */
  calendar?: number | null;
};
