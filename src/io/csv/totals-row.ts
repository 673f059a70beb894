import { NOTE_LIST_LENGTH } from './note-list.js';

/** First cells that mark a totals row of a report export (GA4's `Grand total`, spreadsheet sums). */
const TOTALS_LABELS = new Set(['grand total', 'total', 'totals', 'итого', 'всего']);

/** Longer cells are not looked at: a label is short, even with some padding around it. */
const MAX_LABEL_CELL = 24;

// Only `İ` lowercases to more than one character, and no label holds its lowercase: text that
// lowercases to a label is as long as the label.
const LABEL_LENGTHS: ReadonlySet<number> = new Set([...TOTALS_LABELS].map((label) => label.length));

/**
 * The ASCII characters a label starts with, in either case. An ASCII character lowercases to an
 * ASCII one, so text starting with any other (an id, a date) is no label; a non-ASCII start
 * (`Итого`) is looked up.
 */
const ASCII_LABEL_STARTS = Uint8Array.from({ length: 128 }, (_, code) =>
  Number([...TOTALS_LABELS].some((label) => label.charCodeAt(0) === code || label.toUpperCase().charCodeAt(0) === code)),
);

/** Whether trimmed text is a totals label; most cells are ruled out before toLowerCase. */
function isTotalsLabel(text: string): boolean {
  const first = text.charCodeAt(0);
  return LABEL_LENGTHS.has(text.length) && (first >= 128 || ASCII_LABEL_STARTS[first] === 1) && TOTALS_LABELS.has(text.toLowerCase());
}

/**
 * The label of a totals row, or undefined: the record's first non-empty cell, trimmed, is one of
 * TOTALS_LABELS in any case. Only that one cell is looked at, so ordinary records cost a length
 * check or two.
 */
export function findTotalsLabel(cells: readonly string[]): string | undefined {
  for (const cell of cells) {
    if (cell === '') continue;
    if (cell.length > MAX_LABEL_CELL) return undefined;
    // No copy is made when there is nothing to trim.
    const label = cell.trim();
    if (label === '') continue;
    return isTotalsLabel(label) ? label : undefined;
  }
  return undefined;
}

/** Dropped totals rows noted one by one up to this many; the rest as a count. */
const NOTED_TOTALS_ROWS = NOTE_LIST_LENGTH;

/** Notes the totals rows a reader drops. */
export class TotalsNotes {
  readonly #notes: string[];
  #dropped = 0;

  constructor(notes: string[]) {
    this.#notes = notes;
  }

  drop(label: string, line: number): void {
    this.#dropped += 1;
    if (this.#dropped <= NOTED_TOTALS_ROWS) this.#notes.push(`dropped totals row '${label}' (line ${line})`);
  }

  finish(): void {
    const unnoted = this.#dropped - NOTED_TOTALS_ROWS;
    if (unnoted > 0) this.#notes.push(`dropped ${unnoted} more totals row${unnoted === 1 ? '' : 's'}`);
  }
}
