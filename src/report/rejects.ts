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

/** Every rejected row and value as CSV, in reading order, for fixing the export at its source. */
export function formatRejects(rows: readonly RejectRow[]): string {
  const header = formatCsvLine(['file', 'line', 'record', 'column', 'field', 'value', 'reason']);
  return header + rows.map((row) => formatCsvLine([row.file, row.line, row.record, row.column, row.field, row.value, row.reason])).join('');
}
