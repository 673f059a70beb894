import { listForNote } from './note-list.js';

/**
 * Header rows of CSV exports: how many there are and what each column is called.
 *
 * - plain: one row of names.
 * - Qualtrics (exports.md §2.4): row 1 export tags (`Q1`, `StartDate`), row 2 labels (question
 *   text), row 3 `{"ImportId":"QID1"}` in every cell. The name is the label, the tag an alternate name.
 * - SurveyMonkey (§2.1): row 1 `Respondent ID`, … and the question over the first of its
 *   columns only, row 2 the sub-label (`Response`, `Open-Ended Response`, a choice or row text).
 *   The name is the question, plus ` - <sub-label>` unless that is just `Response`.
 * - stacked: forced header rows of another shape; a name joins the rows' texts with ` - `.
 */
export type HeaderShape = 'plain' | 'qualtrics' | 'surveymonkey' | 'stacked';

export interface HeaderLayout {
  shape: HeaderShape;
  rowCount: number;
}

export interface HeaderNames {
  columns: string[];
  alternateNames: string[][];
}

/** Rows read ahead to recognise a multi-row header. */
export const HEADER_SNIFF_ROWS = 3;

const SURVEYMONKEY_PLAIN_LABELS = new Set(['response', 'open-ended response']);

/**
 * The header layout of a table that starts with `rows`. With `forced` rows, the shape is still
 * recognised (a preset that says "2 rows" gets SurveyMonkey names) but the count is the one given.
 */
export function detectHeaderLayout(rows: readonly (readonly string[])[], forced: number | undefined): HeaderLayout {
  const isSurveyMonkeySubRow = rows[1]?.some((cell) => SURVEYMONKEY_PLAIN_LABELS.has(cell.trim().toLowerCase())) ?? false;
  const third = rows[2] ?? [];
  const isQualtricsImportRow = third.length > 0 && third.every((cell) => cell.trim().startsWith('{"ImportId"'));
  if (forced !== undefined) {
    if (forced === 1) return { shape: 'plain', rowCount: 1 };
    if (forced === 2 && isSurveyMonkeySubRow) return { shape: 'surveymonkey', rowCount: 2 };
    if (forced === 3 && isQualtricsImportRow) return { shape: 'qualtrics', rowCount: 3 };
    return { shape: 'stacked', rowCount: forced };
  }
  if (rows[0]?.[0]?.trim().toLowerCase() === 'respondent id' && isSurveyMonkeySubRow) return { shape: 'surveymonkey', rowCount: 2 };
  if (isQualtricsImportRow) return { shape: 'qualtrics', rowCount: 3 };
  return { shape: 'plain', rowCount: 1 };
}

/** Names from the header rows; cells are trimmed, a missing cell of a short row is empty. */
export function nameColumns(rows: readonly (readonly string[])[], shape: HeaderShape): HeaderNames {
  const width = Math.max(0, ...rows.map((row) => row.length));
  const cell = (row: number, column: number): string => rows[row]?.[column]?.trim() ?? '';
  const columns: string[] = [];
  const alternateNames: string[][] = [];
  let question = '';
  for (let column = 0; column < width; column += 1) {
    switch (shape) {
      case 'plain':
        columns.push(cell(0, column));
        alternateNames.push([]);
        break;
      case 'qualtrics': {
        const tag = cell(0, column);
        const label = cell(1, column);
        columns.push(label === '' ? tag : label);
        alternateNames.push(label === '' || tag === '' || tag === label ? [] : [tag]);
        break;
      }
      case 'surveymonkey': {
        // A question spanning several columns is written over the first of them only.
        question = cell(0, column) === '' ? question : cell(0, column);
        const sub = cell(1, column);
        const hasSub = sub !== '' && !SURVEYMONKEY_PLAIN_LABELS.has(sub.toLowerCase());
        columns.push(!hasSub ? question : question === '' ? sub : `${question} - ${sub}`);
        alternateNames.push(hasSub && question !== '' ? [question] : []);
        break;
      }
      case 'stacked': {
        const parts = rows.map((_, row) => cell(row, column)).filter((text, row, all) => text !== '' && text !== all[row - 1]);
        columns.push(parts.join(' - '));
        alternateNames.push(parts.length > 1 ? parts : []);
        break;
      }
    }
  }
  return { columns, alternateNames };
}

export function describeLayout(layout: HeaderLayout): string | undefined {
  switch (layout.shape) {
    case 'plain':
      return undefined;
    case 'qualtrics':
      return '3 header rows (Qualtrics): named by question label, export tags as alternate names';
    case 'surveymonkey':
      return '2 header rows (SurveyMonkey): named "question - sub-label", the question as alternate name';
    case 'stacked':
      return `${layout.rowCount} header rows: names join the rows with " - "`;
  }
}

/**
 * Keeps every column of a header that repeats a name (Jira repeats `Comment`, `Watchers`): the
 * 2nd, 3rd… become `Name (2)`, `Name (3)` (skipping a number the header already uses), with one
 * note for them all that names the first few. Empty names stay empty.
 */
export function renameDuplicates(names: readonly string[]): { columns: string[]; notes: string[] } {
  const taken = new Set(names);
  const seen = new Map<string, number>();
  const renamed: string[] = [];
  const columns = names.map((name) => {
    if (name === '') return name;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count === 1) return name;
    let number = count;
    while (taken.has(`${name} (${number})`)) number += 1;
    const unique = `${name} (${number})`;
    taken.add(unique);
    renamed.push(unique);
    return unique;
  });
  const notes =
    renamed.length === 0
      ? []
      : [
          `renamed ${renamed.length} repeated column name${renamed.length === 1 ? '' : 's'}: ${listForNote(renamed.map((name) => JSON.stringify(name)))}`,
        ];
  return { columns, notes };
}
