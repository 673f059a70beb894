import type { Report, Result } from '../scorecard/model.js';
import { segmentValue } from './result-rows.js';
import { neutraliseText } from './safe-text.js';

/**
 * One row per result (cli.md "csv"), for spreadsheets: numbers unrounded in their shortest
 * round-trip form, empty for null; segment columns in first-seen order. CSV has no escape of its
 * own, so a text cell is shown as a log line is (neutraliseText: control characters as `\n`,
 * `\x1B`, no workflow command), then guarded against formulas: `--format json` keeps exact text.
 */
export function formatCsv(report: Report): string {
  const segmentKeys = [...new Set(report.results.flatMap((r) => Object.keys(r.segment)))];
  const header: Cell[] = ['metric', 'name', ...segmentKeys, 'period', 'value', 'n', 'ci_low', 'ci_high', 'unit'];
  const rows = report.results.map((result) => toRow(result, segmentKeys));
  return [header, ...rows].map(formatCsvLine).join('');
}

export type Cell = string | number | null;

/** One CSV line from cells, with the same text rule, quoting and formula guard as the report (and `--rejects`). */
export function formatCsvLine(cells: readonly Cell[]): string {
  return `${cells.map(formatCell).join(',')}\n`;
}

function toRow(result: Result, segmentKeys: readonly string[]): Cell[] {
  return [
    result.metric,
    result.name,
    ...segmentKeys.map((key) => segmentValue(result, key) ?? null),
    result.period,
    result.value,
    result.n,
    result.ci?.[0] ?? null,
    result.ci?.[1] ?? null,
    result.unit,
  ];
}

function formatCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatCsvNumber(cell);
  return quoteCsv(neutraliseFormula(neutraliseText(cell)));
}

function formatCsvNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`xla bug: the report holds ${String(value)}; numbers must be finite or null`);
  return String(value);
}

/**
 * Spreadsheets run a text cell starting with one of these as a formula (CSV injection, OWASP);
 * a leading apostrophe makes them show it as text. Only text is touched: -5 stays a number.
 * OWASP's tab and CR need no guard: neutraliseText has shown them as `\t` and `\r`.
 */
const FORMULA_TRIGGERS = ['=', '+', '-', '@'];

function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger)) ? `'${text}` : text;
}

/** RFC 4180: quote a cell holding a comma, quote, CR or LF; double the quotes inside. */
function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
