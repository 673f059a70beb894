import type { ChalkInstance } from 'chalk';
import type { InputFormat, InspectBinding, InspectColumn, InspectRejection, InspectReport } from '../scorecard/model.js';
import type { InspectFormat } from './inspect-formats.js';
import { stringifyStrict } from './json.js';
import { type Align, renderLightTable } from './light-table.js';
import { createPalette } from './palette.js';
import { neutraliseText } from './safe-text.js';
import { MISSING, formatCount } from './units.js';

export interface InspectFormatOptions {
  /** Decided by cli/ (TTY, NO_COLOR, FORCE_COLOR, --no-color); never detected here. */
  color: boolean;
  format: InspectFormat;
}

/** Longest text shown per cell; a file's cells can be pages long (SurveyMonkey question texts, Jira descriptions). */
const MAX_COLUMN_NAME = 40;
const MAX_SAMPLES = 48;
const MAX_VALUE = 32;

/** Marks a column that feeds no canonical field, and a whole-row problem. */
const UNMAPPED = '·';

/**
 * How one file is read (cli.md `xla inspect`): format, header, preset, kind and counts, the reader's
 * notes, which column feeds which field with sample values, then the first rejected rows. Pure.
 */
export function formatInspect(report: InspectReport, options: InspectFormatOptions): string {
  if (options.format === 'json') return `${stringifyStrict(orderInspectReport(report), 2)}\n`;
  const palette = createPalette(options.color);
  const sections = [
    formatSummary(report, palette),
    formatNotes(report.notes, palette),
    formatColumns(report.columns, palette),
    formatRejections(report, palette),
  ].filter((section) => section !== '');
  return `${sections.join('\n\n')}\n`;
}

/** The report with keys in the order of its type, whatever order it was built in (as json.ts does for scorecards). */
function orderInspectReport(report: InspectReport): InspectReport {
  const { type, delimiter, encoding } = report.format;
  return {
    schema: report.schema,
    file: report.file,
    format: delimiter === undefined ? { type, encoding } : { type, delimiter, encoding },
    headerRows: report.headerRows,
    preset: report.preset === null ? null : { id: report.preset.id, name: report.preset.name },
    kind: report.kind,
    columns: report.columns.map((column) => ({
      index: column.index,
      name: column.name,
      field: column.field,
      format: column.format,
      samples: column.samples,
      type: column.type,
      unit: column.unit === null ? null : { unit: column.unit.unit, from: column.unit.from },
      binding: column.binding === null ? null : { via: column.binding.via, values: column.binding.values },
      couldFeed: column.couldFeed,
      ...(column.labels === undefined ? {} : { labels: column.labels }),
    })),
    rows: report.rows,
    accepted: report.accepted,
    rejected: report.rejected,
    notes: report.notes,
    rejections: report.rejections.map((rejection) => ({
      line: rejection.line,
      column: rejection.column,
      field: rejection.field,
      value: rejection.value,
      reason: rejection.reason,
    })),
  };
}

function formatSummary(report: InspectReport, palette: ChalkInstance): string {
  const preset = report.preset === null ? palette.dim('none') : `${report.preset.name} (${report.preset.id})`;
  const rejected = `${formatCount(report.rejected)} rejected`;
  const lines: [string, string][] = [
    ['format', neutraliseText(formatInputFormat(report.format))],
    ['header', report.headerRows === 0 ? 'none' : `${formatCount(report.headerRows)} ${report.headerRows === 1 ? 'row' : 'rows'}`],
    ['preset', preset],
    ['kind', report.kind ?? palette.yellow('none: no column feeds a metric (name them with --map field=Column)')],
    [
      'rows',
      `${formatCount(report.rows)} · ${formatCount(report.accepted)} accepted · ${report.rejected === 0 ? rejected : palette.yellow(rejected)}`,
    ],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  return [palette.bold(neutraliseText(report.file)), ...lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

/** `csv · utf-8 · delimiter ;`; a tab is named, since it cannot be seen. */
function formatInputFormat(format: InputFormat): string {
  const delimiter = format.delimiter === undefined ? [] : [`delimiter ${describeDelimiter(format.delimiter)}`];
  return [format.type, format.encoding, ...delimiter].filter((part) => part !== '').join(' · ');
}

function describeDelimiter(delimiter: string): string {
  switch (delimiter) {
    case '\t':
      return 'tab';
    case ' ':
      return 'space';
    default:
      return /^[\p{P}\p{S}]$/u.test(delimiter) ? delimiter : JSON.stringify(delimiter);
  }
}

function formatNotes(notes: readonly string[], palette: ChalkInstance): string {
  if (notes.length === 0) return '';
  return [palette.bold('Notes'), ...notes.map((note) => `  • ${neutraliseText(note)}`)].join('\n');
}

/** Fields listed per column in the table's `could feed`; the JSON lists them all. */
const MAX_COULD_FEED = 4;

const VIA_WORDS: Readonly<Record<InspectBinding['via'], string>> = { name: 'by name', preset: 'by preset', map: 'by --map' };

/** Every column, bound or not: what it holds, what feeds on it and why, and the fields its values would fit (for a `--map`). */
function formatColumns(columns: readonly InspectColumn[], palette: ChalkInstance): string {
  if (columns.length === 0) return '';
  const rows = columns.map((column) => [
    String(column.index + 1),
    truncate(neutraliseText(column.name), MAX_COLUMN_NAME),
    column.unit === null ? column.type : `${column.type}, ${column.unit.unit}`,
    formatBinding(column, palette),
    neutraliseText([column.format, column.labels].filter((part) => part !== null && part !== undefined).join(' · ')),
    palette.dim(truncate(column.samples.map(neutraliseText).join(' | '), MAX_SAMPLES)),
    formatCouldFeed(column.couldFeed),
  ]);
  const aligns: Align[] = ['right', 'left', 'left', 'left', 'left', 'left', 'left'];
  const header = ['#', 'column', 'type', 'field', 'format', 'samples', 'could feed'];
  return `${palette.bold('Columns')}\n${indent(renderLightTable(header, rows, aligns, palette))}`;
}

/** `→ nps (by name)`; a binding whose values do not fit says so in yellow. */
function formatBinding(column: InspectColumn, palette: ChalkInstance): string {
  if (column.field === null || column.binding === null) return palette.dim(UNMAPPED);
  const how = VIA_WORDS[column.binding.via];
  const bound = palette.cyan(`→ ${column.field}`);
  if (column.binding.values === 'do not fit') return `${bound} (${how}, ${palette.yellow('values do not fit')})`;
  return `${bound} (${how})`;
}

function formatCouldFeed(fields: readonly string[]): string {
  if (fields.length <= MAX_COULD_FEED) return fields.join(', ');
  return `${fields.slice(0, MAX_COULD_FEED).join(', ')} +${fields.length - MAX_COULD_FEED}`;
}

function formatRejections(report: InspectReport, palette: ChalkInstance): string {
  if (report.rejections.length === 0) return '';
  const shownRows = countRows(report.rejections);
  const title =
    shownRows < report.rejected ? `Rejected rows (first ${formatCount(shownRows)} of ${formatCount(report.rejected)})` : 'Rejected rows';
  const rows = report.rejections.map((rejection) => [
    formatPlace(rejection),
    rejection.field ?? UNMAPPED,
    truncate(neutraliseText(rejection.value), MAX_VALUE),
    neutraliseText(rejection.reason),
  ]);
  const aligns: Align[] = ['left', 'left', 'left', 'left'];
  return `${palette.bold(palette.yellow(title))}\n${indent(renderLightTable(['line:column', 'field', 'value', 'reason'], rows, aligns, palette))}`;
}

/** Rejections are values, several per row; the title counts rows, as `rejected` does. A row without a line is its own. */
function countRows(rejections: readonly InspectRejection[]): number {
  const lines = rejections.flatMap((rejection) => (rejection.line === null ? [] : [rejection.line]));
  return new Set(lines).size + (rejections.length - lines.length);
}

/** `12:4` (1-based, as editors show it); JSON arrays have no lines. */
function formatPlace(rejection: InspectRejection): string {
  const line = rejection.line === null ? MISSING : String(rejection.line);
  return rejection.column === null ? line : `${line}:${String(rejection.column)}`;
}

/** Cut at a code point, never inside a surrogate pair. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
