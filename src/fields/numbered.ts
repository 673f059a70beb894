/**
 * Numbered item names (`SUS1` … `SUS10`, `SUS_Q3`, `Q1` … `Q10`): which columns they bind to a
 * questionnaire's items. A number says "item 3 of something", so a numbering binds as a whole or
 * not at all (README, "Experience instruments"):
 * - a stem that names the instrument (`SUS`, `SUS Q`) binds when its columns are item 1 … item N,
 *   one each; a partial set (SUS3 … SUS7) binds none and a note says why;
 * - a bare stem (`Q`) binds only when the file's Q columns are exactly Q1 … QN (no Q11, no Q3a
 *   beside them: that is another questionnaire), none is taken by `--map`, and every one's values
 *   fit the item; a bare numbering is only noted when all N are there but something stops it;
 * - a stem naming the instrument is preferred to a bare one.
 * Pure: the same columns give the same answer whatever their order.
 */
import type { NumberedSetDecl } from './kinds/define.js';
import type { FieldDecl } from './kinds/define.js';
import { normalizeName } from './catalog.js';
import type { FieldId } from './types.js';

type NumberedSet = NumberedSetDecl<FieldDecl<FieldId>>;

export interface NumberedBinding {
  /** Column → the item its numbered name binds it to. */
  grants: ReadonlyMap<number, FieldId>;
  /** Columns with a numbered name of some questionnaire: its items bind them only through `grants`. */
  numbered: ReadonlySet<number>;
  /** Why a numbering that looks like a questionnaire's bound nothing. */
  notes: readonly string[];
}

interface Numbering {
  set: NumberedSet;
  isBare: boolean;
  /** [column, number] in column order. */
  columns: readonly (readonly [number, number])[];
}

/** The item number a normalized name gives under a normalized stem (`sus03` under `sus` → 3), else undefined. */
function itemNumber(name: string, stem: string): number | undefined {
  if (!name.startsWith(stem)) return undefined;
  const rest = name.slice(stem.length);
  return /^\d{1,3}$/.test(rest) ? Number(rest) : undefined;
}

/** Each numbering (one stem of one set) with the columns that carry it; empty ones left out. */
function findNumberings(names: readonly (readonly string[])[], sets: readonly NumberedSet[], skip: ReadonlySet<number>): Numbering[] {
  const stems = sets.flatMap((set) => [
    ...set.prefixes.map((prefix) => ({ set, stem: normalizeName(prefix), isBare: false })),
    ...set.anonymousPrefixes.map((prefix) => ({ set, stem: normalizeName(prefix), isBare: true })),
  ]);
  return stems.flatMap(({ set, stem, isBare }) => {
    const columns = names.flatMap((columnNames, column): [number, number][] => {
      const number = columnNames.map((name) => itemNumber(name, stem)).find((found) => found !== undefined);
      return number === undefined || skip.has(column) ? [] : [[column, number]];
    });
    return columns.length === 0 ? [] : [{ set, isBare, columns }];
  });
}

/** The numbers 1 … N the numbering lacks, and whether its columns are exactly those, one each. */
function completeness({ set, columns }: Numbering): { lacking: number[]; isExact: boolean } {
  const count = set.items.length;
  const seen = columns.map(([, number]) => number);
  const lacking = Array.from({ length: count }, (_, i) => i + 1).filter((number) => !seen.includes(number));
  const isExact = lacking.length === 0 && seen.length === count;
  return { lacking, isExact };
}

/** Whether a column's sampled values do not fit a field (value-fit.ts). */
type Misfits = (field: FieldId, column: number) => boolean;

/**
 * Which columns numbered names bind, over the columns' normalized names (header cell and any
 * extra header rows). `skip`: columns `--map` took; `misfits`: whether a column's values do not
 * fit an item (bare numberings only bind columns whose values fit).
 */
export function bindNumberedItems(
  names: readonly (readonly string[])[],
  headers: readonly string[],
  sets: readonly NumberedSet[],
  skip: ReadonlySet<number>,
  misfits: Misfits,
): NumberedBinding {
  const numberings = findNumberings(names, sets, skip);
  const grants = new Map<number, FieldId>();
  const notes: string[] = [];
  const namedComplete = new Set<NumberedSet>();
  const grant = ({ set, columns }: Numbering): void => {
    for (const [column, number] of columns) grants.set(column, set.items[number - 1] as FieldId);
  };
  for (const numbering of numberings.filter((candidate) => !candidate.isBare)) {
    const { lacking, isExact } = completeness(numbering);
    if (isExact) {
      namedComplete.add(numbering.set);
      grant(numbering);
    } else notes.push(partialNote(numbering, lacking, headers));
  }
  for (const numbering of numberings.filter((candidate) => candidate.isBare && !namedComplete.has(candidate.set))) {
    const { lacking, isExact } = completeness(numbering);
    if (lacking.length > 0) continue;
    const misfitting = numbering.columns.filter(([column, number]) => misfits(numbering.set.items[number - 1] as FieldId, column));
    if (isExact && misfitting.length === 0) grant(numbering);
    else notes.push(bareNote(numbering, misfitting, headers));
  }
  return { grants, numbered: new Set(numberings.flatMap(({ columns }) => columns.map(([column]) => column))), notes };
}

function quoted(headers: readonly string[], columns: readonly (readonly [number, number])[]): string {
  const shown = columns.slice(0, 12).map(([column]) => JSON.stringify(headers[column] ?? ''));
  return columns.length > shown.length ? `${shown.join(', ')}, … (${columns.length} in all)` : shown.join(', ');
}

function partialNote(numbering: Numbering, lacking: readonly number[], headers: readonly string[]): string {
  const { set, columns } = numbering;
  const count = set.items.length;
  const why =
    lacking.length > 0
      ? `only ${count - lacking.length} of the ${count} items are there (no item ${lacking.join(', ')})`
      : `they are not items 1 … ${count} once each`;
  const [column, number] = columns[0] as readonly [number, number];
  const example = set.items[number - 1] ?? set.items[0];
  return `columns ${quoted(headers, columns)} look like numbered ${set.instrument} items, but ${why}: numbered names bind only as a whole set, so none is bound; name them one by one with --map (e.g. --map ${example}=${JSON.stringify(headers[column] ?? '')})`;
}

function bareNote(numbering: Numbering, misfitting: readonly (readonly [number, number])[], headers: readonly string[]): string {
  const { set, columns } = numbering;
  const count = set.items.length;
  const why =
    misfitting.length > 0
      ? `the values of ${quoted(headers, misfitting)} do not fit the ${set.instrument} answers`
      : `other columns are numbered the same way (${count} items is the whole ${set.instrument})`;
  return `columns ${quoted(headers, columns)} could be the ${count} ${set.instrument} items, but ${why}: they are not read as ${set.instrument}; --map ${set.items[0] ?? ''}=… binds them by hand`;
}
