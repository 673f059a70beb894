/**
 * The rows an external engine returned for `xla sql`, saved as CSV with a header (psql's
 * `\copy (…) TO 'result.csv' CSV HEADER`, `bq query --format=csv`, a notebook's export): for
 * `xla score --from-sql`. Every value stays text; sql/states.ts reads counts and decimals from it.
 */
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { describeFsError } from './byte-source.js';

export interface SqlResultFile {
  columns: string[];
  rows: Record<string, string>[];
  /** The file's line of a row, for messages (row 0 is on line 2, under the header). */
  lineOf: (rowIndex: number) => number;
}

export async function readSqlResult(path: string): Promise<SqlResultFile> {
  let text: string;
  try {
    if ((await stat(path)).isDirectory()) throw new InputError(`${path}: cannot read the SQL result (it is a folder)`, { file: path });
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    if (error instanceof InputError) throw error;
    const why = error instanceof TypeError ? 'it is not UTF-8 text' : describeFsError(error);
    throw new InputError(`${path}: cannot read the SQL result (${why})`, { file: path });
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    const line =
      typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number' ? error.lines : undefined;
    throw new InputError(`${path}: not a CSV table of SQL rows (${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'})`, {
      file: path,
      ...(line === undefined ? {} : { line }),
      hint: 'save the rows of `xla sql` as CSV with a header row',
    });
  }
  const [header, ...body] = records;
  if (header === undefined)
    throw new InputError(`${path}: the SQL result is empty (no header row)`, { file: path, hint: 'save the rows with a header row' });
  // Engines print column names as written; a warehouse may upper- or lower-case them: compare in lower case.
  const columns = header.map((name) => name.trim().toLowerCase());
  const rows = body.map((cells) => Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])));
  return { columns, rows, lineOf: (rowIndex) => rowIndex + 2 };
}
