import { formatCsvLine } from './csv.js';

/** A value (or a whole row, when `field` is null) that did not enter any metric, as `--rejects` lists it. */
export interface RejectRow {
  file: string;
  line: number | null;
  /** 1-based record number among data records. */
  record: number;
  /** 1-based column, or null for a whole row. */
  column: number | null;
  field: string | null;
  value: string;
  reason: string;
}

/**
 * The rejects file is CSV: this header, then one line per rejected row or value in reading order,
 * for fixing the export at its source. Apart, so that rows are written as they are found.
 */
export function formatRejectsHeader(): string {
  return formatCsvLine(['file', 'line', 'record', 'column', 'field', 'value', 'reason']);
}

export function formatRejectRow(row: RejectRow): string {
  return formatCsvLine([row.file, row.line, row.record, row.column, row.field, row.value, row.reason]);
}
