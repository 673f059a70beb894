import { isImprovement, isRegression } from '../scorecard/diff.js';
import type { DiffReport, DiffResult, DiffTarget } from '../scorecard/diff.js';
import { formatDiffHeadline, formatOnlyCounts, formatRowVerdict, formatSegmentText, formatSideStatus } from './diff-rows.js';
import { ALL } from './result-rows.js';
import { neutraliseMarkdown } from './safe-text.js';
import { formatCount, formatDelta, formatP, formatValue } from './units.js';
import { formatTargetLabel } from './verdict.js';

/**
 * `xla diff` as a PR comment: the headline, the targets whose status changed, the significant
 * changes, and every result folded away in a `<details>` block. Every text from data goes
 * through neutraliseMarkdown, so a segment value can neither format the comment nor mention anyone.
 */
export function formatDiffMarkdown(diff: DiffReport): string {
  const significant = diff.results.filter((row) => isRegression(row) || isImprovement(row));
  const only = formatOnlyCounts(diff.summary);
  const sections = [
    `## xla diff: ${formatDiffHeadline(diff.summary)}`,
    `Base: ${describeSide(diff.base)} · head: ${describeSide(diff.head)}${only === '' ? '' : ` · ${only}`}`,
    ...(diff.targets.length === 0 ? [] : ['### Target status changes', formatTargetTable(diff.targets)]),
    ...(significant.length === 0 ? [] : ['### Significant changes', formatResultTable(significant)]),
    formatAllResults(diff.results),
  ];
  return `${sections.join('\n\n')}\n`;
}

function describeSide(side: DiffReport['base']): string {
  return neutraliseMarkdown(side.title === null ? side.file : `${side.file} (${side.title})`);
}

function formatTargetTable(targets: readonly DiffTarget[]): string {
  return formatTable(
    ['Target', 'Level', 'Base', 'Head'],
    targets.map((target) => [
      neutraliseMarkdown(formatTargetLabel(target)),
      target.level,
      formatSideStatus(target.base),
      target.regression ? `**${formatSideStatus(target.head)}**` : formatSideStatus(target.head),
    ]),
    '|---|---|---|---|',
  );
}

function formatResultTable(results: readonly DiffResult[]): string {
  return formatTable(
    ['Metric', 'Segment', 'Period', 'Base', 'Head', 'Change', 'p', ''],
    results.map((row) => [
      neutraliseMarkdown(row.metric),
      neutraliseMarkdown(formatSegmentText(row.segment)),
      neutraliseMarkdown(row.period ?? ALL),
      formatValue(row.base, row.unit),
      formatValue(row.head, row.unit),
      formatDelta(row.delta, row.unit),
      formatP(row.p),
      neutraliseMarkdown(formatRowVerdict(row)),
    ]),
    '|---|---|---|--:|--:|--:|--:|---|',
  );
}

/** Folded, so that the comment leads with what changed; the blank lines let GitHub render the table inside. */
function formatAllResults(results: readonly DiffResult[]): string {
  if (results.length === 0) return 'No results in either report.';
  const count = `${formatCount(results.length)} ${results.length === 1 ? 'result' : 'results'}`;
  return ['<details>', `<summary>All ${count}</summary>`, '', formatResultTable(results), '', '</details>'].join('\n');
}

function formatTable(head: readonly string[], rows: readonly string[][], rule: string): string {
  return [`| ${head.join(' | ')} |`, rule, ...rows.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}
