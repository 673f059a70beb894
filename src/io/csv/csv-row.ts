/** CSV rows, as both CSV paths (csv-rows.ts, csv-fast-rows.ts) produce them: a module of its own, so neither path imports the other for them. */
import type { CsvObservations, RawRecord } from '../types.js';

/** A CSV row as parsed: `index` is 0 until the reader numbers the data records. */
export interface CsvRow extends RawRecord {
  line: number;
  cells: string[];
}

export interface CsvRowOptions {
  /** The input's name, for errors. */
  file: string;
  delimiter: string;
  /** The file line the stream starts on (after a skipped preamble). */
  firstLine: number;
  maxRecordSize: number;
  /**
   * The line end the fast path splits records on (csv-fast-rows.ts); found from the first one met
   * when undefined. Any line end ends a record all the same: where another one turns up, the fast
   * path hands over to the exact one, which takes CR LF, LF and a lone CR alike.
   */
  recordDelimiter?: string | undefined;
  /** Filled in as the rows are read, for a reader that goes on with a later part of the same file. */
  observed?: CsvObservations | undefined;
  /** False: the exact path alone (ReadOptions.fastCsv). */
  fastCsv: boolean;
}
