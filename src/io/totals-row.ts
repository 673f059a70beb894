/** First cells that mark a totals row of a report export (GA4's `Grand total`, spreadsheet sums). */
const TOTALS_LABELS = new Set(['grand total', 'total', 'totals', 'итого', 'всего']);

/** Longer cells are not looked at: a label is short, even with some padding around it. */
const MAX_LABEL_CELL = 24;

/**
 * The label of a totals row, or undefined: the record's first non-empty cell, trimmed, is one of
 * TOTALS_LABELS in any case. Only that one cell is looked at, so ordinary records cost a length
 * check or two.
 */
export function findTotalsLabel(cells: readonly string[]): string | undefined {
  for (const cell of cells) {
    if (cell === '') continue;
    if (cell.length > MAX_LABEL_CELL) return undefined;
    const label = cell.trim();
    if (label === '') continue;
    return TOTALS_LABELS.has(label.toLowerCase()) ? label : undefined;
  }
  return undefined;
}

/** Dropped totals rows noted one by one up to this many; the rest as a count. */
export const NOTED_TOTALS_ROWS = 5;

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
