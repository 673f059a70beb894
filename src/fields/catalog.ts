import type { Alias, EventLogDecl, FieldDecl, NumberedSetDecl } from './kinds/define.js';
import { KIND_DECLARATIONS } from './kinds/index.js';
import type { CanonicalRow, DerivedValueTypes, FieldId, FieldOfType, Kind } from './types.js';
import type { PlainDurationUnit } from './units.js';

export type { Alias } from './kinds/define.js';

/**
 * The one table of canonical fields (spec: fields.md), gathered from the kind declarations in
 * kinds/: type, valid range, and the column names that feed each field. Presets and `--map` may
 * add names; nothing else knows column names.
 */
export interface FieldDef extends FieldDecl<FieldId> {
  /** The kinds whose declarations list the field. */
  kinds: readonly Kind[];
}

type KindDeclaration = (typeof KIND_DECLARATIONS)[number];

/** One value per kind, taken from its declaration. */
function byKind<T>(pick: (declaration: KindDeclaration) => T): Readonly<Record<Kind, T>> {
  return Object.fromEntries(KIND_DECLARATIONS.map((declaration) => [declaration.kind, pick(declaration)])) as Record<Kind, T>;
}

/** Kinds in order, each kind's fields in order; a field several kinds list keeps its first place. */
function gatherFields(): FieldDef[] {
  const byId = new Map<FieldId, { def: FieldDef; kinds: Kind[] }>();
  for (const declaration of KIND_DECLARATIONS) {
    for (const field of declaration.fields) {
      const known = byId.get(field.id);
      if (known === undefined) {
        const kinds: Kind[] = [declaration.kind];
        const { id, ...rest } = field;
        byId.set(id, { def: { id, kinds, ...rest }, kinds });
      } else {
        known.kinds.push(declaration.kind);
      }
    }
  }
  return [...byId.values()].map(({ def }) => def);
}

export const FIELDS: readonly FieldDef[] = gatherFields();

/** The date that places a row in a period and in `--from`/`--to`, per kind, in order of preference. */
export type DateFieldId = KindDeclaration['periodFields'][number];

export const PERIOD_FIELDS: Readonly<Record<Kind, readonly DateFieldId[]>> = byKind((declaration) => declaration.periodFields);

/** Per kind, the stamp that ends what its period field starts (kinds/define.ts `lastsUntil`); undefined: a row is of its date only. */
export const LASTS_UNTIL: Readonly<Record<Kind, FieldOfType<'timestamp'> | undefined>> = byKind((declaration) =>
  'lastsUntil' in declaration ? declaration.lastsUntil : undefined,
);

/** [start, end] stamps of every kind: an end before its start is rejected (kinds/, `orderedStamps`). */
export const ORDERED_STAMPS: readonly (readonly [FieldId, FieldId])[] = KIND_DECLARATIONS.flatMap(
  (declaration): readonly (readonly [FieldId, FieldId])[] => declaration.orderedStamps ?? [],
);

/** Per kind, the fields it borrows from another kind: bound and read, but no evidence of the kind (kinds/define.ts). */
export const BORROWED_FIELDS: Readonly<Record<Kind, ReadonlySet<FieldId>>> = byKind(
  (declaration) => new Set<FieldId>('borrowed' in declaration ? declaration.borrowed : []),
);

/** How each kind's event logs are collapsed; undefined for a kind that is never given as one. */
export const EVENT_LOGS: Readonly<Record<Kind, EventLogDecl<FieldDecl<FieldId>> | undefined>> = byKind((declaration) =>
  'eventLog' in declaration ? declaration.eventLog : undefined,
);

/** Per kind, the questionnaires whose items may be named by number (kinds/instruments.ts). */
export const NUMBERED_SETS: Readonly<Record<Kind, readonly NumberedSetDecl<FieldDecl<FieldId>>[]>> = byKind((declaration) =>
  'numberedSets' in declaration ? declaration.numberedSets : [],
);

/** The `map:` example `xla init` writes for each kind. */
export const MAP_EXAMPLES: Readonly<Record<Kind, { field: FieldId; column: string }>> = byKind((declaration) => declaration.mapExample);

/** A derived value of any kind, for the row builder. */
export interface DerivedValue {
  id: keyof DerivedValueTypes;
  from: readonly FieldId[];
  deriverFor: (isBound: (field: FieldId) => boolean) => (row: CanonicalRow) => DerivedValueTypes[keyof DerivedValueTypes] | undefined;
}

type AnyDerived = Omit<DerivedValue, 'id'>;

export const DERIVED_VALUES: readonly DerivedValue[] = KIND_DECLARATIONS.flatMap((declaration) =>
  // The keys of `derived` are the ids DerivedValueTypes is made of.
  Object.entries<AnyDerived>(declaration.derived).map(([id, derived]) => ({ ...derived, id: id as keyof DerivedValueTypes })),
);

const FIELD_BY_ID = new Map(FIELDS.map((def) => [def.id, def]));

export function findField(id: string): FieldDef | undefined {
  return FIELD_BY_ID.get(id as FieldId);
}

export function fieldsForKind(kind: Kind): FieldDef[] {
  return FIELDS.filter((def) => def.kinds.includes(kind));
}

/**
 * The words of a column name, as the alias table compares them (one rule for a whole family of
 * spellings): camelCase and PascalCase are split (`LikelyToRecommend`, `NPSScore`), case is
 * ignored, and any run of characters that are not letters or digits (`-`, `_`, `.`, spaces,
 * punctuation, a BOM) separates words. A few words are read as the form the aliases use
 * (`WORD_FORMS`), so `Likelihood to recommend`, `likely_to_recommend` and
 * `LikelyToRecommend` are one name.
 */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .map((word) => WORD_FORMS.get(word) ?? word);
}

/** Inflected forms of the words recommend-style questions are asked with, read as one word. */
const WORD_FORMS: ReadonlyMap<string, string> = new Map([
  ['likelihood', 'likely'],
  ['recommendation', 'recommend'],
  ['recommending', 'recommend'],
]);

/** Case, spacing, punctuation and a BOM never decide a match: `Created At`, `created_at`, `CREATED-AT`, `createdAt` are one name. */
export function normalizeName(name: string): string {
  return isPlainAsciiName(name) ? name.toLowerCase().replace(NOT_ASCII_LETTER_OR_DIGIT, '') : nameWords(name).join('');
}

// The short way for most names (every alias and header is normalized at each run's start): in
// ASCII text without a word of WORD_FORMS, nameWords' splits only separate what the join puts back
// together, so the result is the name's letters and digits, lower-cased (test/fields/alias-families.test.ts).
const NON_ASCII = /[\u0080-\uffff]/;
const WORD_FORM_SPELLINGS = new RegExp([...WORD_FORMS.keys()].join('|'), 'i');
const NOT_ASCII_LETTER_OR_DIGIT = /[^a-z0-9]+/g;

function isPlainAsciiName(name: string): boolean {
  return !NON_ASCII.test(name) && !WORD_FORM_SPELLINGS.test(name);
}

/**
 * Trailing words that say a column holds a score without saying of what: `recommendation_score`,
 * `Customer Satisfaction Rating`. A scored field (int or number) is also matched on the name
 * without them, below every match of the whole name.
 */
const SCORE_WORDS: ReadonlySet<string> = new Set(['score', 'rating']);

/** The normalized name without its trailing score word (`customersatisfaction`), or undefined when it has none or is only that word. */
export function unqualifiedName(name: string): string | undefined {
  const words = nameWords(name);
  if (words.length < 2 || !SCORE_WORDS.has(words[words.length - 1] ?? '')) return undefined;
  return words.slice(0, -1).join('');
}

/** Whether a field holds a score, and so may be matched on a name without its trailing score word. */
export function isScoredField(field: FieldDecl<FieldId>): boolean {
  return field.type === 'int' || field.type === 'number';
}

export function aliasName(alias: Alias): string {
  return typeof alias === 'string' ? alias : alias.name;
}

export function aliasPlainUnit(alias: Alias): PlainDurationUnit | undefined {
  return typeof alias === 'string' ? undefined : alias.plainUnit;
}
