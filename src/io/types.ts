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
}

export interface ReadOptions {
  /** Forces the CSV delimiter instead of sniffing it. */
  delimiter?: string;
  /** Forces the text encoding (utf-8 only until the encodings issue). */
  encoding?: string;
}

export interface OpenedSource {
  /** The path as the user gave it, or `stdin` for `-`. */
  name: string;
  format: InputFormat;
  /** Header names as in the file (BOM stripped); for JSON the union of keys of the first records. */
  columns: string[];
  /** Data records, streamed; iterate once. Throws InputError (file, line, column) on malformed input. */
  records: AsyncIterable<RawRecord>;
}

/** What a format reader delivers; openSource adds the name and the format. */
export type ParsedSource = Pick<OpenedSource, 'columns' | 'records'>;
