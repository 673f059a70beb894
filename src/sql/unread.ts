/**
 * Cells xla reads that the SQL does not (README "SQL pushdown"), for every family of the
 * pushdown: per field the query counts the cells that hold a value xla may read where the SQL
 * reads none (`2h 30m`, `1,234`, a Russian label, more places than the engine keeps), as
 * `<field>__unread`, and a result with any is refused, naming the column (sql-run.ts), never read
 * as missing. Each family says which forms of its fields the SQL reads (analytics.ts, survey.ts).
 */
import { findField } from '../fields/catalog.js';
import type { FieldId } from '../fields/types.js';
import type { Dialect } from './dialects.js';

/**
 * A plain number the engines read exactly as xla does: at most 12 digits before the point and 6
 * after (DECIMAL(18, 6), dialects.ts).
 */
export const EXACT_NUMBER_PATTERN = '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$';

/** A cell with a digit is a value xla may read; one without (blank, `n/a`, `-`, a word) is missing or rejected alike. */
const HAS_DIGIT_PATTERN = '[0-9]';

/** The per-row column of a field's unread flag (generate.ts). */
export const unreadRowColumn = (field: FieldId): string => `u_${field}`;

const UNREAD_SUFFIX = '__unread';

/** The result column of a field's unread cells. */
export const unreadColumn = (field: FieldId): string => `${field}${UNREAD_SUFFIX}`;

/** 1 for a cell xla may read (`mayRead`) that the SQL does not read (`readable`), else 0; a missing cell (a null marker) never. */
export function unreadFlag(readable: string, mayRead: string, missing: string): string {
  return `CASE WHEN NOT ${missing} AND NOT ${readable} AND ${mayRead} THEN 1 ELSE 0 END`;
}

/** Whether the cell has a digit (HAS_DIGIT_PATTERN). */
export const hasDigit = (text: string, dialect: Dialect): string => dialect.matches(text, HAS_DIGIT_PATTERN);

/**
 * The fields whose unread cells a run of these metrics counts, each once, in name order: the
 * fields of the recipes that count them, but yes/no fields (a yes/no cell reads alike in SQL and xla).
 */
export function countedFields(
  metricIds: readonly string[],
  recipes: ReadonlyMap<string, { fields: readonly FieldId[]; countsUnread?: boolean }>,
): FieldId[] {
  const fields = metricIds.flatMap((id) => (recipes.get(id)?.countsUnread === true ? (recipes.get(id)?.fields ?? []) : []));
  return [...new Set(fields)].filter((field) => findField(field)?.type !== 'bool').sort();
}

/** Per field, its unread cells summed over the groups; only fields with any, in name order. */
export function unreadCounts(rows: readonly Readonly<Record<string, unknown>>[]): { field: FieldId; count: number }[] {
  const counts = new Map<FieldId, number>();
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row)) {
      if (!column.endsWith(UNREAD_SUFFIX) || cell === null || cell === undefined || cell === '') continue;
      const field = column.slice(0, -UNREAD_SUFFIX.length) as FieldId;
      counts.set(field, (counts.get(field) ?? 0) + Number(cell));
    }
  }
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([field, count]) => ({ field, count }));
}
