import type { InputFormat } from '../scorecard/model.js';

/** A cell as a reader delivers it: CSV gives strings; JSON may give numbers, booleans, null. */
export type Cell = string | number | boolean | null | undefined;

export interface RawRecord {
  /** 1-based line of the file where the record starts (undefined where the format has none, e.g. a JSON array). */
  line: number | undefined;
  /** 1-based record number among data records (header excluded). */
  index: number;
  /** Cells in column order (see OpenedSource.columns); may be shorter or longer for ragged CSV rows. */
  cells: Cell[];
  /**
   * Set when the record could not be read (a stray quote, an unclosed one): the reader skipped
   * it and went on where it safely could. `cells` is then empty, and `line` and `column` are
   * where the fault is (for an unclosed quote, the quote that opened the field); `lines` is how
   * many lines of the file the skipped text took up.
   */
  problem?: { message: string; column?: number | undefined; lines?: number | undefined } | undefined;
}

export interface ReadOptions {
  /** Forces the CSV delimiter instead of sniffing it. */
  delimiter?: string;
  /** Forces the text encoding (any name iconv-lite knows: utf-8, utf-16le, windows-1251…) instead of sniffing it. */
  encoding?: string;
  /** Forces the number of header rows (SurveyMonkey 2, Qualtrics 3) instead of detecting them. */
  headerRows?: number;
  /**
   * False reads CSV with the exact path alone, never the fast one (io/csv/README.md): the same
   * rows, slower — for bisecting a suspected reader bug (`XLA_CSV_FAST=0`). Default true.
   */
  fastCsv?: boolean;
}

export interface OpenedSource {
  /** The path as the user gave it, or `stdin` for `-`. */
  name: string;
  format: InputFormat;
  /**
   * Header names as in the file (BOM stripped; later duplicates renamed `Name (2)`, `Name (3)`);
   * for JSON the union of keys of the first records. With several header rows, the combined name.
   */
  columns: string[];
  /**
   * Further names of each column from extra header rows (Qualtrics export tags and question
   * labels, SurveyMonkey question and sub-label), matched against aliases like the main name.
   */
  alternateNames: string[][];
  /** How many physical header rows the table has (1 for a plain CSV, 0 for JSON). */
  headerRows: number;
  /**
   * What the reader noticed and handled, for `xla inspect` and stderr: "skipped 6 comment lines",
   * "dropped the Grand total row (line 12)", "renamed duplicate column Comment (2)". Filled as
   * the records are read; complete once they are.
   */
  notes: string[];
  /** What the CSV reader found out about the text (undefined for JSON); complete once the records are read. */
  observed?: Readonly<CsvObservations> | undefined;
  /** Bytes read so far of the whole (undefined for stdin), for a progress line. */
  progress: Readonly<{ bytesRead: number; totalBytes: number | undefined }>;
  /**
   * Data records, streamed in batches (one await per batch keeps the per-row cost low); iterate
   * once — this or `records`, not both. Throws InputError (file, line, column) on bad input.
   */
  batches: AsyncIterable<RawRecord[]>;
  /** The same records one at a time (convenient where speed does not matter). */
  records: AsyncIterable<RawRecord>;
  /**
   * Frees the input's file handle when its records will not be read to the end (a run that fails
   * before scoring, or hands the file to other threads). Safe to call more than once.
   */
  release: () => void;
}

/** What a format reader delivers; openSource adds the name and the format. */
export type ParsedSource = Pick<OpenedSource, 'columns'> &
  (Pick<OpenedSource, 'batches'> | Pick<OpenedSource, 'records'>) &
  Partial<Pick<OpenedSource, 'alternateNames' | 'headerRows' | 'notes'>>;

/** What reading found out about the text. */
export interface CsvObservations {
  /** The line end of the first record read, once one was (the file's main line end, as a rule). */
  recordDelimiter: string | undefined;
  /** The input ended inside a quoted field (the last row is an "unclosed quoted field" problem). */
  endedInsideQuotes: boolean;
  /** The last line of the text, once it has all been read (a final line break starts no line). */
  lastLine?: number | undefined;
  /**
   * The line the exact path took over from (io/csv/README.md): the first line when it read the
   * text from the start (the fast path off, or unable to read this delimiter), undefined while
   * the fast path has read every record. The last part read decides, for a file read in parts.
   */
  exactFromLine?: number | undefined;
}
