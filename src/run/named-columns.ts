/**
 * The names `--by`, `--where` and a target's `each`/`where` give, found in a source: a column of
 * that name, the column bound to a field of that name, a `map` alias, or the virtual `source`.
 */
import { XlaError } from '../errors.js';
import { findColumn, listColumns, closestName } from '../fields/match.js';
import type { PreparedSource } from './prepare-source.js';

/** The virtual column `source` segments by file. */
const SOURCE_COLUMN = 'source';
export const SOURCE_INDEX = -1;

/** A `--by`/`--where` name as a column: a column of that name, the column bound to that field, or a `map` alias. */
export function findNamedColumn(name: string, source: PreparedSource): number | undefined {
  if (name === SOURCE_COLUMN && findColumn(source.opened.columns, name) < 0) return SOURCE_INDEX;
  const direct = findColumn(source.opened.columns, name);
  if (direct >= 0) return direct;
  const binding = source.mapping.bindings.find((candidate) => candidate.field.id === name);
  return binding?.column ?? source.mapping.aliases.get(name);
}

/**
 * A name must exist in at least one of the sources it applies to: in several files of different
 * kinds a column may be missing from some (their rows then stay out of that breakdown or filter),
 * but a name found nowhere is a typo.
 */
export function requireColumnSomewhere(name: string, sources: readonly PreparedSource[], option: string): void {
  if (sources.length === 0 || sources.some((source) => findNamedColumn(name, source) !== undefined)) return;
  const first = sources[0] as PreparedSource;
  const suggestion = closestName(name, first.opened.columns);
  throw new XlaError(
    `${option} ${name}: ${sources.map((source) => source.opened.name).join(', ')} ${sources.length === 1 ? 'has' : 'have'} no column "${name}"`,
    {
      hint: suggestion === undefined ? `its columns are: ${listColumns(first.opened.columns)}` : `did you mean "${suggestion}"?`,
    },
  );
}

/** A cell as the text segments and filters compare: trimmed; a missing cell is blank. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell.trim() : String(cell);
}
