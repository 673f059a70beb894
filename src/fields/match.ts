import { XlaError } from '../errors.js';
import { closestName } from './closest-name.js';
import { DURATION_FIELDS, splitUnitSuffix } from './column-units.js';
import type { ColumnUnit } from './column-units.js';
import { mapExample } from './map-examples.js';
import {
  aliasName,
  BORROWED_FIELDS,
  aliasPlainUnit,
  FIELDS,
  fieldsForKind,
  findField,
  isScoredField,
  normalizeName,
  NUMBERED_SETS,
  unqualifiedName,
} from './catalog.js';
import { bindNumberedItems } from './numbered.js';
import type { NumberedBinding } from './numbered.js';
import type { Alias, FieldDef } from './catalog.js';
import type { FieldId, Kind } from './types.js';
import type { PlainDurationUnit } from './units.js';
import { KINDS } from './types.js';

/** What bound a column to its field: its name (the alias table), a preset's name for it, or `--map` / config `map`. */
export type BindingSource = 'name' | 'preset' | 'map';

/** Which column feeds a canonical field, and how plain numbers in it are to be read. */
export interface FieldBinding {
  field: FieldDef;
  column: number;
  columnName: string;
  /**
   * The unit of a duration column's plain numbers and where it came from; undefined until
   * decided (settleUnits in column-units.ts) and for fields that are no duration.
   */
  unit: ColumnUnit | undefined;
  via: BindingSource;
}

export interface FieldMapping {
  kind: Kind;
  bindings: FieldBinding[];
  /** Names given to other columns with `map` (`team: assignment_group`), for --by, --where and each. */
  aliases: Map<string, number>;
  /** What binding left undone and why (a partial set of numbered SUS items), for stderr. */
  notes?: readonly string[];
}

interface CompiledAlias {
  /** The normalized literal parts between the `*`s: one part for an exact name. */
  parts: readonly string[];
  isExact: boolean;
  /** Literal characters: the more, the more specific the wildcard. */
  specificity: number;
  /** Position in the field's alias list: lower is preferred (a preset's names are below 0). */
  rank: number;
  plainUnit: PlainDurationUnit | undefined;
}

interface Candidate {
  field: FieldDef;
  column: number;
  alias: CompiledAlias;
  /** Matched on the name without its trailing score word (`recommendation_score`): below every whole-name match. */
  isUnqualified: boolean;
  /** The column's sampled values do not fit the field: below every candidate whose values fit or are unknown. */
  misfits: boolean;
}

/** A field's generic aliases: the exact names by their normalized text (the first, best ranked, kept), and the wildcards. */
interface AliasTable {
  exact: ReadonlyMap<string, CompiledAlias>;
  wildcards: readonly CompiledAlias[];
}

let compiledAliases: Map<FieldId, AliasTable> | undefined;

/** The generic alias table, compiled at the first match rather than at start-up (most commands never match a column). */
function genericAliases(field: FieldId): AliasTable | undefined {
  compiledAliases ??= new Map(
    FIELDS.map((def) => [def.id, aliasTableOf([def.id, ...def.aliases].map((alias, rank) => compileAlias(alias, rank)))]),
  );
  return compiledAliases.get(field);
}

function aliasTableOf(aliases: readonly CompiledAlias[]): AliasTable {
  const exact = new Map<string, CompiledAlias>();
  for (const alias of aliases) if (alias.isExact && !exact.has(alias.parts[0] ?? '')) exact.set(alias.parts[0] ?? '', alias);
  return { exact, wildcards: aliases.filter((alias) => !alias.isExact) };
}

function compileAlias(alias: Alias, rank: number): CompiledAlias {
  const parts = aliasName(alias).split('*').map(normalizeName);
  return {
    parts,
    isExact: parts.length === 1,
    specificity: parts.reduce((sum, part) => sum + part.length, 0),
    rank,
    plainUnit: aliasPlainUnit(alias),
  };
}

/** Exact names first (in alias order), then wildcards from the most specific. */
function compareAliases(a: CompiledAlias, b: CompiledAlias): number {
  if (a.isExact !== b.isExact) return a.isExact ? -1 : 1;
  if (a.isExact) return a.rank - b.rank;
  return b.specificity - a.specificity || a.rank - b.rank;
}

/**
 * Columns whose values fit before those whose values do not, then whole names before names
 * without their score word, then by alias; the leftmost column last.
 */
function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.misfits !== b.misfits) return a.misfits ? 1 : -1;
  if (a.isUnqualified !== b.isUnqualified) return a.isUnqualified ? 1 : -1;
  return compareAliases(a.alias, b.alias) || a.column - b.column;
}

function isSamePreference(a: Candidate, b: Candidate): boolean {
  return a.misfits === b.misfits && a.isUnqualified === b.isUnqualified && compareAliases(a.alias, b.alias) === 0;
}

/** Extra column names per field, preferred over the generic table (a preset's). */
export type ExtraAliases = Partial<Record<FieldId, readonly Alias[]>>;

/** Ranks below every generic alias, so that an export's own names win over the generic table. */
const EXTRA_RANK_OFFSET = -10_000;

function compileExtraAliases(extra: ExtraAliases): Map<FieldId, CompiledAlias[]> {
  return new Map(
    Object.entries(extra).map(([field, aliases]) => [
      field as FieldId,
      (aliases ?? []).map((alias, rank) => compileAlias(alias, EXTRA_RANK_OFFSET + rank)),
    ]),
  );
}

/**
 * The longest normalized column name the alias table is tried on. A longer one (a paragraph pasted
 * into a header cell) is no field's name — `--map` can still bind it — and the cap bounds the work
 * per name: at most this many characters scanned per alias, whatever the header holds.
 */
export const MAX_ALIAS_NAME_LENGTH = 1024;

/**
 * Whether a normalized name fits an alias: the parts in order, anything between them. One pass
 * from left to right — the earliest place of each middle part leaves the most room for the
 * rest — so a name is scanned once per alias and nothing ever backtracks, as `.*` in a regular
 * expression would (quadratic in the name per pair of stars).
 */
export function fitsAlias(name: string, parts: readonly string[]): boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) return name === first;
  const last = parts[parts.length - 1] ?? '';
  const end = name.length - last.length;
  if (end < first.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i += 1) {
    const part = parts[i] ?? '';
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** The names of a column the alias table is tried on: not empty, not over the cap. */
function isMatchableName(name: string): boolean {
  return name !== '' && name.length <= MAX_ALIAS_NAME_LENGTH;
}

/** The best ranked of the field's aliases (a preset's, then the generic table's) that one of the names fits; generic exact names are looked up, the rest tried. */
function bestAliasFor(field: FieldDef, names: readonly string[], extra: Map<FieldId, CompiledAlias[]>): CompiledAlias | undefined {
  let best: CompiledAlias | undefined;
  const consider = (alias: CompiledAlias | undefined): void => {
    if (alias !== undefined && (best === undefined || compareAliases(alias, best) < 0)) best = alias;
  };
  const fitsAName = (alias: CompiledAlias): boolean => names.some((name) => fitsAlias(name, alias.parts));
  for (const alias of extra.get(field.id) ?? []) if (fitsAName(alias)) consider(alias);
  const generic = genericAliases(field.id);
  if (generic === undefined) return best;
  for (const name of names) consider(generic.exact.get(name));
  for (const alias of generic.wildcards) if (fitsAName(alias)) consider(alias);
  return best;
}

/** A column's names as the alias table is tried on them: whole, and without a trailing score word. */
interface ColumnNames {
  whole: readonly string[];
  unqualified: readonly string[];
}

/** The best alias of a field a column's names fit: on a whole name, else (a scored field only) on a name without its score word. */
function matchColumn(
  field: FieldDef,
  names: ColumnNames,
  extra: Map<FieldId, CompiledAlias[]>,
): { alias: CompiledAlias; isUnqualified: boolean } | undefined {
  const whole = bestAliasFor(field, names.whole, extra);
  if (whole !== undefined) return { alias: whole, isUnqualified: false };
  if (names.unqualified.length === 0 || !isScoredField(field)) return undefined;
  const unqualified = bestAliasFor(field, names.unqualified, extra);
  return unqualified === undefined ? undefined : { alias: unqualified, isUnqualified: true };
}

export interface MatchOptions {
  /** Columns already bound by `--map`. */
  skipColumns?: ReadonlySet<number>;
  /** Further names per column from extra header rows. */
  alternateNames?: readonly (readonly string[])[];
  extraAliases?: ExtraAliases;
  /**
   * Whether a column's sampled values do not fit a field (value-fit.ts): such a candidate yields
   * to any other. Called only for candidates; none means values are not looked at.
   */
  misfits?: MisfitTest;
}

/** Whether the sampled values of a column do not fit a field. */
export type MisfitTest = (field: FieldDef, column: number) => boolean;

/**
 * Matches columns to the canonical fields of one kind. Each field takes its best column and each
 * column feeds at most one field; two columns that fit a field equally well are an error, since
 * guessing would silently score the wrong one.
 */
export function matchFields(columns: readonly string[], kind: Kind, file: string, options: MatchOptions = {}): FieldBinding[] {
  return matchNames(matchableNames(columns, options.alternateNames), columns, kind, file, options).bindings;
}

/** Each column's names (its header cell, then its cells in extra header rows) as the alias table is tried on them. */
function matchableNames(columns: readonly string[], alternateNames: readonly (readonly string[])[] | undefined): ColumnNames[] {
  return columns.map((column, index) => {
    const names = [column, ...(alternateNames?.[index] ?? [])];
    return {
      whole: names.map(normalizeName).filter(isMatchableName),
      unqualified: names.flatMap((name) => unqualifiedName(name) ?? []).filter(isMatchableName),
    };
  });
}

/** A numbered name that binds (numbered.ts) ranks as the field's own id does. */
const NUMBERED_ALIAS: CompiledAlias = { parts: [], isExact: true, specificity: 0, rank: 0, plainUnit: undefined };

/** The numbered questionnaire items of a kind among the columns (numbered.ts). */
function numberedItems(
  names: readonly ColumnNames[],
  columns: readonly string[],
  kind: Kind,
  skip: ReadonlySet<number>,
  misfits: MisfitTest | undefined,
): NumberedBinding {
  const fieldMisfits = (id: FieldId, column: number): boolean => {
    const field = findField(id);
    return field !== undefined && misfits?.(field, column) === true;
  };
  return bindNumberedItems(
    names.map((columnNames) => columnNames.whole),
    columns,
    NUMBERED_SETS[kind],
    skip,
    fieldMisfits,
  );
}

/** matchFields over names already normalized: a source tried for each kind normalizes its header once. */
function matchNames(
  names: readonly ColumnNames[],
  columns: readonly string[],
  kind: Kind,
  file: string,
  options: MatchOptions,
): { bindings: FieldBinding[]; notes: readonly string[] } {
  const skipColumns = options.skipColumns ?? new Set<number>();
  const extra = compileExtraAliases(options.extraAliases ?? {});
  const numbered = numberedItems(names, columns, kind, skipColumns, options.misfits);
  const items = new Set(NUMBERED_SETS[kind].flatMap((set) => set.items));
  const candidates: Candidate[] = [];
  for (const field of fieldsForKind(kind)) {
    names.forEach((columnNames, column) => {
      if (skipColumns.has(column)) return;
      if (items.has(field.id) && numbered.numbered.has(column)) {
        // A numbered name binds a questionnaire's item only as part of its whole set.
        if (numbered.grants.get(column) === field.id)
          candidates.push({
            field,
            column,
            alias: NUMBERED_ALIAS,
            isUnqualified: false,
            misfits: options.misfits?.(field, column) === true,
          });
        return;
      }
      const match = matchColumn(field, columnNames, extra);
      if (match !== undefined) candidates.push({ field, column, ...match, misfits: options.misfits?.(field, column) === true });
    });
  }
  candidates.sort(compareCandidates);

  const byField = new Map<FieldId, Candidate>();
  const takenColumns = new Set<number>();
  for (const candidate of candidates) {
    const chosen = byField.get(candidate.field.id);
    if (chosen !== undefined) {
      if (isSamePreference(chosen, candidate) && !takenColumns.has(candidate.column)) {
        throw ambiguousColumns(file, candidate.field.id, [columns[chosen.column] ?? '', columns[candidate.column] ?? '']);
      }
      continue;
    }
    if (takenColumns.has(candidate.column)) continue;
    byField.set(candidate.field.id, candidate);
    takenColumns.add(candidate.column);
  }
  const bindings = [...byField.values()]
    .sort((a, b) => a.column - b.column)
    .map(({ field, column, alias }) => ({
      field,
      column,
      columnName: columns[column] ?? '',
      unit: aliasUnit(alias),
      via: sourceOf(alias),
    }));
  return { bindings, notes: numbered.notes };
}

/** A preset's names are ranked below every generic alias (EXTRA_RANK_OFFSET). */
function sourceOf(alias: CompiledAlias): BindingSource {
  return alias.rank < 0 ? 'preset' : 'name';
}

/**
 * The unit an alias gives a duration column: the preset's, or the name's. A field's own unit
 * (`tenure`: months) is only the default, after the column's name (settle-units.ts).
 */
function aliasUnit(alias: CompiledAlias): ColumnUnit | undefined {
  if (alias.plainUnit === undefined) return undefined;
  return { unit: alias.plainUnit, from: alias.rank < 0 ? 'preset' : 'name' };
}

function ambiguousColumns(file: string, field: FieldId, names: string[]): XlaError {
  return new XlaError(`${file}: columns ${showColumn(names[0] ?? '')} and ${showColumn(names[1] ?? '')} both fit the field ${field}`, {
    hint: `choose one with --map ${field}="${names[0]}"`,
  });
}

/** A `--map field=Column` override, already parsed. */
export interface ColumnOverride {
  field: string;
  column: string;
  /** The unit of a duration column's plain numbers (`--map response_time=elapsed:ms`), with the text as written. */
  unit?: { unit: PlainDurationUnit; written: string };
}

/**
 * `--map field=Column` or `field=Column:unit` (config `map:` likewise). A unit suffix is read only
 * when it is a known unit; a column whose whole name ends so (`Latency:ms`) is still found, since
 * a column named exactly as written wins (overrideColumn).
 */
export function parseOverride(field: string, written: string): ColumnOverride {
  const { column, unit } = splitUnitSuffix(written);
  return unit === undefined ? { field, column } : { field, column, unit: { unit, written } };
}

/** Finds the column a `--map` names: exactly as written, else by normalized name. */
export function findColumn(columns: readonly string[], name: string): number {
  const exact = columns.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = normalizeName(name);
  return columns.findIndex((column) => normalizeName(column) === wanted);
}

/** Fields that feed a metric count towards a kind; an id column alone says nothing about the data. */
export type FeedingFields = ReadonlySet<FieldId>;

/**
 * Maps a source: explicit `--map` overrides first, then aliases for the kind given or detected.
 * Detection takes the kind whose metric-feeding fields match most columns; a tie or no match at
 * all is an error that lists the columns seen, since a guessed kind would compute the wrong metrics.
 */
export function mapSource(options: {
  file: string;
  columns: readonly string[];
  kind: Kind | undefined;
  overrides: readonly ColumnOverride[];
  feedingFields: (kind: Kind) => FeedingFields;
  alternateNames?: readonly (readonly string[])[];
  extraAliases?: ExtraAliases;
  misfits?: MisfitTest;
}): FieldMapping {
  const { file, columns } = options;
  const overrides = options.overrides.filter((override) => !isColumnAlias(override.field));
  const aliases = new Map(
    options.overrides
      .filter((override) => isColumnAlias(override.field))
      .map((alias) => [alias.field, requireColumn(file, columns, alias)]),
  );
  const overridden = overrides.map((override) => bindOverride(file, columns, override));
  const skip = new Set(overridden.map((binding) => binding.column));
  const overriddenIds = new Set(overridden.map((binding) => binding.field.id));

  const names = matchableNames(columns, options.alternateNames);
  const bindingsFor = (kind: Kind): { bindings: FieldBinding[]; notes: readonly string[] } => {
    const matched = matchNames(names, columns, kind, file, {
      skipColumns: skip,
      ...(options.extraAliases === undefined ? {} : { extraAliases: options.extraAliases }),
      ...(options.misfits === undefined ? {} : { misfits: options.misfits }),
    });
    const bindings = [
      ...overridden.filter((binding) => binding.field.kinds.includes(kind)),
      ...matched.bindings.filter((binding) => !overriddenIds.has(binding.field.id)),
    ].sort((a, b) => a.column - b.column);
    return { bindings, notes: matched.notes };
  };

  if (options.kind !== undefined) {
    const { bindings, notes } = bindingsFor(options.kind);
    if (!bindings.some((binding) => options.feedingFields(options.kind as Kind).has(binding.field.id))) {
      throw new NoFieldsError(file, columns, options.kind, notes);
    }
    return { kind: options.kind, bindings, aliases, notes };
  }

  const scored = KINDS.map((kind) => {
    const { bindings, notes } = bindingsFor(kind);
    const evidence = (binding: FieldBinding): boolean =>
      options.feedingFields(kind).has(binding.field.id) && !BORROWED_FIELDS[kind].has(binding.field.id);
    const feeding = bindings.filter(evidence);
    return {
      kind,
      bindings,
      notes,
      score: feeding.length,
      measured: feeding.filter((binding) => binding.field.type !== 'timestamp').length,
    };
  }).sort((a, b) => b.score - a.score || b.measured - a.measured);
  const [best, second] = scored;
  if (best === undefined || best.score === 0)
    throw new NoFieldsError(file, columns, undefined, [...new Set(scored.flatMap((kind) => kind.notes))]);
  // A tie on columns is settled by the ones that hold answers or measures rather than dates: a
  // `submitted_at` next to an `nps` is a survey, though `submitted_at` alone could count tickets.
  if (second !== undefined && second.score === best.score && second.measured === best.measured) {
    throw new XlaError(`${file}: cannot tell whether this is ${best.kind} or ${second.kind} data`, {
      hint: `its columns fit both; add --kind ${best.kind} or --kind ${second.kind}`,
    });
  }
  return { kind: best.kind, bindings: best.bindings, aliases, notes: best.notes };
}

function bindOverride(file: string, columns: readonly string[], override: ColumnOverride): FieldBinding {
  const field = findField(override.field);
  if (field === undefined) {
    const suggestion = closestName(
      override.field,
      FIELDS.map((def) => def.id),
    );
    throw new XlaError(`--map: unknown field "${override.field}"`, {
      hint: suggestion === undefined ? 'see fields.md or `xla metrics` for the field names' : `did you mean ${suggestion}?`,
    });
  }
  const column = requireColumn(file, columns, override);
  const columnName = columns[column] ?? override.column;
  // A column named exactly as written, colon and all, takes no unit from its name's suffix.
  const unit = override.unit !== undefined && columnName !== override.unit.written ? override.unit.unit : undefined;
  if (unit !== undefined && field.type !== 'duration') {
    throw new XlaError(
      `--map ${override.field}=${override.unit?.written ?? ''}: ${override.field} is not a duration, so it takes no unit`,
      {
        hint: `units apply to the duration fields: ${DURATION_FIELDS.join(', ')}`,
      },
    );
  }
  return { field, column, columnName, unit: unit === undefined ? undefined : { unit, from: 'map' }, via: 'map' };
}

/**
 * A `map` name that is no canonical field names a column for --by, --where and each (config.md's
 * `map: { team: assignment_group }`); one that looks like a misspelt field stays an error.
 */
function isColumnAlias(name: string): boolean {
  return (
    findField(name) === undefined &&
    closestName(
      name,
      FIELDS.map((def) => def.id),
    ) === undefined
  );
}

function requireColumn(file: string, columns: readonly string[], override: ColumnOverride): number {
  const column = overrideColumn(columns, override);
  if (column < 0) {
    throw new XlaError(`--map ${override.field}: ${file} has no column "${override.column}"`, {
      hint: `its columns are: ${listColumns(columns)}`,
    });
  }
  return column;
}

/** The column an override names: one named exactly as written with its suffix (`Latency:ms`) first. */
function overrideColumn(columns: readonly string[], override: ColumnOverride): number {
  const whole = override.unit === undefined ? -1 : columns.indexOf(override.unit.written);
  return whole >= 0 ? whole : findColumn(columns, override.column);
}

/** No column feeds a metric of the kind given or of any kind: the file cannot be scored (`xla inspect` still shows it). */
export class NoFieldsError extends XlaError {
  constructor(
    file: string,
    columns: readonly string[],
    readonly kind: Kind | undefined,
    reasons: readonly string[] = [],
  ) {
    const what = kind === undefined ? 'no column matches a known field' : `no column matches any ${kind} field`;
    super(`${file}: ${[what, ...reasons].join('; ')}`, {
      hint: `its columns are: ${listColumns(columns)}; name them with --map field=Column (e.g. ${mapExample(kind)})${kind === undefined ? ' and/or --kind' : ''}; \`xla inspect ${file}\` lists every column with the fields its values fit`,
    });
  }
}

export { closestName };

/** Characters of a column name a message shows: a whole paragraph in a header cell would bury the message. */
const SHOWN_NAME_LENGTH = 100;

/** A column name for a message, quoted; a long one cut, with its length. */
function showColumn(name: string): string {
  if (name.length <= SHOWN_NAME_LENGTH) return JSON.stringify(name);
  return `${JSON.stringify(`${name.slice(0, SHOWN_NAME_LENGTH)}…`)} (${name.length.toLocaleString('en-US')} characters)`;
}

export function listColumns(columns: readonly string[]): string {
  const shown = columns.slice(0, 30).map(showColumn).join(', ');
  return columns.length > 30 ? `${shown}, … (${columns.length} in all)` : shown;
}
