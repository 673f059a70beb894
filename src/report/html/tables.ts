import type { CompositeResult, InputSummary, Report, Result, TargetResult } from '../../scorecard/model.js';
import { ALL, collectSegmentKeys, orderByMetric, segmentCell } from '../result-rows.js';
import {
  formatCount,
  formatDelta,
  formatDuration,
  formatIndex,
  formatInterval,
  formatIntervalLabel,
  formatValue,
  MISSING,
} from '../units.js';
import {
  describeComposite,
  describeTarget,
  formatCondition,
  formatScore,
  formatTargetCondition,
  formatTargetScope,
  formatTargetValue,
  formatWeight,
  sortByOutcome,
} from '../verdict.js';
import { formatLabelledValue } from './cards.js';
import { escapeHtml } from './escape.js';
import { renderStatus } from './status.js';

interface Column {
  head: string;
  numeric?: boolean;
}

/** A table of plain text cells (escaped here) or, where `html` says so, of cells rendered already. */
function renderTable(caption: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const head = columns.map((c) => `<th scope="col"${c.numeric === true ? ' class="num"' : ''}>${escapeHtml(c.head)}</th>`).join('');
  const body = rows.map(
    (cells) =>
      `<tr>${cells.map((cell, i) => `<td${columns[i]?.numeric === true ? ' class="num"' : ''}>${renderCell(cell)}</td>`).join('')}</tr>`,
  );
  return [
    '<div class="table-wrap">',
    `<table>`,
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody>`,
    '</table>',
    '</div>',
  ].join('\n');
}

type Cell = string | { html: string };

function renderCell(cell: Cell): string {
  return typeof cell === 'string' ? escapeHtml(cell) : cell.html;
}

/** Each target's verdict, failures first: status, target, scope, value, condition, n, interval. */
export function renderTargetTable(targets: readonly TargetResult[], confidence: number | undefined): string {
  const columns: Column[] = [
    { head: 'Status' },
    { head: 'Target' },
    { head: 'Metric' },
    { head: 'Scope' },
    { head: 'Value', numeric: true },
    { head: 'Threshold' },
    { head: 'n', numeric: true },
    { head: formatIntervalLabel(confidence), numeric: true },
  ];
  const rows = sortByOutcome(targets).map((t): Cell[] => [
    { html: renderStatus(t.status, t.outcome) },
    t.name === null || t.name === '' ? t.id : `${t.id} — ${t.name}`,
    t.metric,
    formatTargetScope(t).join(', ') || ALL,
    formatTargetValue(t),
    formatTargetCondition(t),
    formatCount(t.n),
    formatInterval(t.ci, t.unit),
  ]);
  return renderTable('Targets, failures first', columns, rows);
}

/** Why each failing or warning verdict is what it is, in the words every format uses (verdict.ts). */
export function renderProblems(report: Report, confidence: number | undefined): string {
  const lines = [
    ...sortByOutcome(report.targets)
      .filter((t) => t.outcome !== 'pass')
      .map(
        (t) =>
          `${renderStatus(t.status, t.outcome)} <strong>${escapeHtml(t.id)}</strong>: ${escapeHtml(describeTarget(t, { confidence }))}`,
      ),
    ...sortByOutcome(report.composites)
      .filter((c) => c.status !== null && c.outcome !== null && c.outcome !== 'pass')
      .map(
        (c) =>
          `${renderStatus(c.status ?? 'no_data', c.outcome)} <strong>${escapeHtml(c.id)}</strong>: ${escapeHtml(describeComposite(c))}`,
      ),
  ];
  return lines.length === 0 ? '' : `<ul class="problems">\n${lines.map((line) => `<li>${line}</li>`).join('\n')}\n</ul>`;
}

/** Composites: status, name, index, threshold and components (`happy-users 100.0 × 2 (key)`). */
export function renderCompositeTable(composites: readonly CompositeResult[]): string {
  const columns: Column[] = [
    { head: 'Status' },
    { head: 'Composite' },
    { head: 'Index', numeric: true },
    { head: 'Threshold' },
    { head: 'Components' },
  ];
  const rows = sortByOutcome(composites).map((c): Cell[] => [
    c.status === null ? { html: '' } : { html: renderStatus(c.status, c.outcome) },
    c.name === c.id ? c.id : `${c.id} — ${c.name}`,
    formatIndex(c.value),
    c.op === null || c.threshold === null ? '' : formatCondition(c.op, c.threshold, 'score'),
    c.components.map((k) => `${k.target} ${formatScore(k)} × ${formatWeight(k)}${k.key ? ' (key)' : ''}`).join(', '),
  ]);
  return renderTable('Composites', columns, rows);
}

/** Each input: what it was read as, how many rows, and its data quality. */
export function renderInputTable(inputs: readonly InputSummary[]): string {
  const columns: Column[] = [
    { head: 'Input' },
    { head: 'Kind' },
    { head: 'Rows', numeric: true },
    { head: 'Rejected', numeric: true },
    { head: 'Completeness', numeric: true },
    { head: 'Validity', numeric: true },
    { head: 'Duplicate ids', numeric: true },
    { head: 'Freshness', numeric: true },
  ];
  const rows = [...inputs]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((input): Cell[] => {
      const quality = input.quality;
      return [
        input.name,
        input.preset === null ? input.kind : `${input.kind} (preset ${input.preset})`,
        formatCount(input.rows),
        formatCount(input.rejected),
        formatValue(quality?.completeness ?? null, '%'),
        formatValue(quality?.validity ?? null, '%'),
        quality?.duplicates === null || quality?.duplicates === undefined ? MISSING : formatCount(quality.duplicates),
        quality?.freshness === null || quality?.freshness === undefined ? MISSING : formatDuration(quality.freshness),
      ];
    });
  return renderTable('Inputs and their data quality', columns, rows);
}

/** Every result of a domain, as the table format lists them: the numbers behind the cards and charts. */
export function renderResultTable(caption: string, results: readonly Result[], confidence: number | undefined): string {
  const segmentKeys = collectSegmentKeys(results).sort();
  const hasPeriod = results.some((r) => r.period !== null);
  const hasChange = results.some((r) => r.change !== undefined);
  const columns: Column[] = [
    { head: 'Metric' },
    ...segmentKeys.map((key) => ({ head: key })),
    ...(hasPeriod ? [{ head: 'Period' }] : []),
    { head: 'Value', numeric: true },
    { head: 'n', numeric: true },
    { head: formatIntervalLabel(confidence), numeric: true },
    ...(hasChange ? [{ head: 'Change', numeric: true }] : []),
  ];
  const rows = orderByMetric(results).map(({ result }): Cell[] => [
    result.name,
    ...segmentKeys.map((key) => segmentCell(result, key)),
    ...(hasPeriod ? [result.period ?? ALL] : []),
    formatLabelledValue(result),
    formatCount(result.n),
    formatInterval(result.ci, result.unit),
    ...(hasChange ? [result.change === undefined ? '' : formatDelta(result.change.delta, result.unit)] : []),
  ]);
  return renderTable(caption, columns, rows);
}
