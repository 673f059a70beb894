/**
 * The lines of a CSV file that one malformed record takes with it. A quote that never closes
 * runs to the end of the file; a stray quote makes csv-parse read on to the next quote; a quote
 * that closes far too late makes one record of many lines, with the wrong number of fields. A
 * report on the rest would silently leave those rows out, so a region that takes up a large
 * share of the file ends the read with an InputError instead: more than FATAL_SHARE of the
 * file's lines, and at least MIN_FATAL_LINES lines, so that one bad record in a small file is
 * still skipped and reported like any rejected row.
 */
import { InputError } from '../../errors.js';
import { QUOTING_HINT } from './csv-rows.js';
import type { CsvRow } from './csv-rows.js';
import { countLineBreaks } from '../text-position.js';

/** Of the file's lines. */
export const FATAL_SHARE = 0.01;
/** A region shorter than this is one bad record, whatever share of a small file it is. */
export const MIN_FATAL_LINES = 3;

interface Region {
  row: CsvRow;
  /** The lines it takes up, from its first one. */
  lines: number;
  describe: (share: string) => string;
}

/** The regions of one file's data rows, then the verdict once the file's line count is known. */
export class MalformedRegions {
  /** The header's number of fields. */
  readonly #width: number;
  /** Regions that may still be over the share, in file order. */
  #candidates: Region[] = [];

  constructor(width: number) {
    this.#width = width;
  }

  /** A data row that could not be read, or whose number of fields is not the header's. */
  note(row: CsvRow): void {
    const region = this.#regionOf(row);
    if (region.lines < MIN_FATAL_LINES) return;
    // A region within FATAL_SHARE of the lines read so far is within that share of the file: it
    // can go. The rest are disjoint and each over that share, so at most 1 / FATAL_SHARE stay.
    this.#candidates = this.#candidates.filter((candidate) => candidate.lines > FATAL_SHARE * row.line);
    this.#candidates.push(region);
  }

  /** Forgets the region of `row` (whose extent is not known yet: a part of a file that ended inside quotes). */
  forget(row: CsvRow): void {
    this.#candidates = this.#candidates.filter((candidate) => candidate.row !== row);
  }

  get hasCandidates(): boolean {
    return this.#candidates.length > 0;
  }

  /** Throws for the first region over FATAL_SHARE of the file's `totalLines`. */
  assertNoneTooLarge(file: string, totalLines: number): void {
    const region = this.#candidates.find((candidate) => candidate.lines > FATAL_SHARE * totalLines);
    if (region === undefined) return;
    const share = `${((100 * region.lines) / totalLines).toFixed(1)}% of the file's ${totalLines} lines`;
    throw new InputError(region.describe(share), {
      file,
      line: region.row.line,
      column: region.row.problem?.column ?? 1,
      hint: `${QUOTING_HINT}. A malformed record is skipped, but not one that takes over ${100 * FATAL_SHARE}% of the file with it`,
    });
  }

  #regionOf(row: CsvRow): Region {
    const problem = row.problem;
    if (problem !== undefined) return { row, lines: problem.lines ?? 1, describe: (share) => `${problem.message} (${share})` };
    const lines = 1 + row.cells.reduce((sum, cell) => sum + countLineBreaks(cell), 0);
    const fields = row.cells.length;
    return {
      row,
      lines,
      describe: (share) =>
        `one record runs over lines ${row.line}-${row.line + lines - 1} (${share}) with ${fields} field${fields === 1 ? '' : 's'} where the header has ${this.#width}: a quote in it closed far too late`,
    };
  }
}
