/**
 * Several input files in one pushdown (`xla score a.csv b.csv --engine duckdb`, `xla sql a.csv
 * b.csv`): each file's header is bound on its own, as the streaming engine binds it, and each file
 * becomes one SELECT that renames its columns to one name per role (a field, a `--by` name, the
 * date…); the rows meet in one UNION ALL, which the rest of the query reads as it reads one file.
 * A role a file has no column for is NULL there (its rows feed no metric of that field, pass no
 * `--where` on it, have no date), as the streaming engine treats a file without the column.
 */
import type { Dialect } from './dialects.js';

/** CSV files as the engine reads them (generate.ts SqlSource); a union reads CSV files only. */
export interface CsvFiles {
  files: readonly string[];
  format: 'csv';
  delimiter: string;
}

/** A role's value in one file: its column, a constant (the virtual `source`: the file name), or none. */
export type RoleValue = { column: string } | { constant: string } | null;

/** One file of a union: where its rows are read, and per role (in the union's order) its value there. */
export interface UnionInput {
  source: CsvFiles;
  values: readonly RoleValue[];
}

/** The rows of several files, their columns renamed to the union's role names. */
export interface UnionSource {
  union: readonly UnionInput[];
  roles: readonly string[];
}

/** The column holding the file's number (1, 2, …) in a union, for the rows each file gave. */
export const INPUT_COLUMN = 'xla_input';

/** The result column counting the rows of the union's file `index` (0-based). */
export function inputRowsColumn(index: number): string {
  return `rows_${index + 1}`;
}

/** `(SELECT … FROM a UNION ALL SELECT … FROM b)`: each file's role values under the role names, and its number. */
export function unionText(
  source: UnionSource,
  dialect: Dialect,
  literal: (text: string) => string,
  fromOf: (source: UnionInput['source']) => string,
): string {
  const q = dialect.quoteName;
  const selects = source.union.map((input, i) => {
    const columns = source.roles.map((role, r) => {
      const value = input.values[r] ?? null;
      const text = value === null ? 'NULL' : 'column' in value ? q(value.column) : literal(value.constant);
      return `${text} AS ${q(role)}`;
    });
    return `    SELECT ${[...columns, `${i + 1} AS ${q(INPUT_COLUMN)}`].join(', ')}\n    FROM ${fromOf(input.source)}`;
  });
  return `(\n${selects.join('\n    UNION ALL\n')}\n  ) AS ${q('inputs')}`;
}

/** The rows of each file of a union, counted apart. */
export function inputRowCounts(source: UnionSource, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  return source.union.map((_, i) => `COUNT(CASE WHEN ${q(INPUT_COLUMN)} = ${i + 1} THEN 1 END) AS ${q(inputRowsColumn(i))}`);
}
