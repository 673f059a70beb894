import type { ChalkInstance } from 'chalk';
import { isImprovement, isRegression } from '../scorecard/diff.js';
import type { DiffReport, DiffResult, DiffTarget } from '../scorecard/diff.js';
import type { TargetStatus } from '../scorecard/model.js';
import { formatDiffHeadline, formatOnlyCounts, formatRowVerdict, formatSegmentText, formatSideStatus } from './diff-rows.js';
import { type Align, renderLightTable } from './light-table.js';
import { createPalette } from './palette.js';
import { ALL } from './result-rows.js';
import { neutraliseText } from './safe-text.js';
import type { FormatOptions } from './types.js';
import { formatDelta, formatP, formatValue } from './units.js';
import { formatTargetLabel } from './verdict.js';

/**
 * `xla diff` for a terminal: the files compared and the headline, the targets whose status
 * changed, then every result with both values, the change (▲/▼ in the metric's unit) and its p.
 * A significant change is red when worse and green when better; data text goes through
 * neutraliseText before it is painted.
 */
export function formatDiffTable(diff: DiffReport, options: FormatOptions): string {
  const palette = createPalette(options.color);
  const sections = [
    formatHeader(diff, palette),
    ...(diff.targets.length === 0 ? [] : [`${palette.bold('Target status changes')}\n${formatTargets(diff.targets, palette)}`]),
    diff.results.length === 0 ? 'No results in either report.' : `${palette.bold('Results')}\n${formatResults(diff.results, palette)}`,
  ];
  return `${sections.join('\n\n')}\n`;
}

function formatHeader(diff: DiffReport, palette: ChalkInstance): string {
  const files = `${palette.bold('xla diff')} ${neutraliseText(diff.base.file)} → ${neutraliseText(diff.head.file)}`;
  const only = formatOnlyCounts(diff.summary);
  return [files, formatDiffHeadline(diff.summary), ...(only === '' ? [] : [only])].join('\n');
}

function formatTargets(targets: readonly DiffTarget[], palette: ChalkInstance): string {
  const rows = targets.map((target) => [
    neutraliseText(formatTargetLabel(target)),
    target.level,
    paintStatus(target.base, palette),
    paintStatus(target.head, palette),
  ]);
  return renderIndented(['Target', 'Level', 'Base', 'Head'], rows, ['left', 'left', 'left', 'left'], palette);
}

function paintStatus(status: TargetStatus | null, palette: ChalkInstance): string {
  const word = formatSideStatus(status);
  if (status === 'met') return palette.green(word);
  if (status === 'breached') return palette.red(word);
  return word;
}

function formatResults(results: readonly DiffResult[], palette: ChalkInstance): string {
  const rows = results.map((row, i) => [
    // The metric once per group, as the scorecard table lists it.
    i > 0 && results[i - 1]?.metric === row.metric ? '' : neutraliseText(row.metric),
    neutraliseText(formatSegmentText(row.segment)),
    neutraliseText(row.period ?? ALL),
    formatValue(row.base, row.unit),
    formatValue(row.head, row.unit),
    paintChange(row, palette),
    formatP(row.p),
    palette.dim(neutraliseText(formatRowVerdict(row))),
  ]);
  return renderIndented(
    ['Metric', 'Segment', 'Period', 'Base', 'Head', 'Change', 'p', ''],
    rows,
    ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
    palette,
  );
}

function paintChange(row: DiffResult, palette: ChalkInstance): string {
  const text = formatDelta(row.delta, row.unit);
  if (isRegression(row)) return palette.red(text);
  if (isImprovement(row)) return palette.green(text);
  return text;
}

function renderIndented(head: readonly string[], rows: readonly string[][], aligns: readonly Align[], palette: ChalkInstance): string {
  return renderLightTable(head, rows, aligns, palette)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
