import type { CompositeResult, InputSummary, Outcome, RankGroup, Report, Result, TargetResult, TargetStatus } from '../scorecard/model.js';
import { formatDomainHeading } from './domains.js';
import { ALL, collectSegmentKeys, describeResultCount, groupByDomain, listedResults, orderByMetric, segmentCell } from './result-rows.js';
import { describeRankGroup, listedRankGroups, rankCells, rankFlagMeaning } from './rank-view.js';
import { neutraliseMarkdown } from './safe-text.js';
import { collectTrends, hasTrends, trendOf } from './sparkline.js';
import type { FormatOptions } from './types.js';
import { formatCount, formatDelta, formatIndex, formatInterval, formatIntervalLabel, formatP, formatValue } from './units.js';
import {
  describeComposite,
  describeTarget,
  formatCondition,
  formatTargetCondition,
  formatTargetValue,
  formatScore,
  formatSummaryCounts,
  formatTargetScope,
  formatWeight,
  sortByOutcome,
} from './verdict.js';

/**
 * The scorecard as GitHub-flavoured Markdown, for PR comments, wikis and the GitHub step summary:
 * the verdict first (what failed and why), then targets, composites and one table per domain.
 */
export function formatMarkdown(report: Report, options: FormatOptions): string {
  const { listed, perfectFields } = listedResults(report.results);
  const sections = [
    `## ${neutraliseMarkdown(report.title ?? DEFAULT_TITLE)}`,
    ...formatInputs(report.inputs),
    ...(hasVerdicts(report) ? [formatStatus(report, options)] : []),
    ...(report.targets.length === 0 ? [] : [formatTargetTable(report.targets, options)]),
    ...(report.composites.length === 0 ? [] : [formatCompositeTable(report.composites)]),
    ...groupByDomain(listed).map(({ domain, results }) => formatDomainTable(formatDomainHeading(domain), results, options)),
    ...listedRankGroups(report).map(formatRankTable),
    describeResultCount(report.results, perfectFields, formatCount) + changeNote(report.results),
  ];
  return `${sections.join('\n\n')}\n`;
}

const DEFAULT_TITLE = 'XLA scorecard';

function hasVerdicts(report: Report): boolean {
  return report.targets.length > 0 || report.composites.some((c) => c.status !== null);
}

/** `Inputs: survey.csv (survey, 1,200 rows, 5 rejected) · tickets.json (tickets, preset servicenow, 1 row)`. */
function formatInputs(inputs: readonly InputSummary[]): string[] {
  if (inputs.length === 0) return [];
  const described = inputs.map((input) => {
    const rows = `${formatCount(input.rows)} ${input.rows === 1 ? 'row' : 'rows'}`;
    const parts = [input.kind, ...(input.preset === null ? [] : [`preset ${input.preset}`]), rows];
    if (input.rejected > 0) parts.push(`${formatCount(input.rejected)} rejected`);
    return `${input.name} (${parts.join(', ')})`;
  });
  return [`Inputs: ${neutraliseMarkdown(described.join(' · '))}`];
}

/** `**fail** — 5 met, 1 breached, 0 inconclusive, 0 no data`, then why, one bullet per failure or warning. */
function formatStatus(report: Report, options: FormatOptions): string {
  const line = `**${report.summary.status}** — ${formatSummaryCounts(report.summary, ', ')}`;
  const problems = [
    ...sortByOutcome(report.targets)
      .filter((t) => isProblem(t.outcome))
      .map(
        (t) => `- ${statusEmoji(t.status, t.outcome)} **${neutraliseMarkdown(t.id)}**: ${neutraliseMarkdown(describeTarget(t, options))}`,
      ),
    ...sortByOutcome(report.composites).flatMap((c) =>
      c.status === null || !isProblem(c.outcome)
        ? []
        : [`- ${statusEmoji(c.status, c.outcome)} **${neutraliseMarkdown(c.id)}**: ${neutraliseMarkdown(describeComposite(c))}`],
    ),
  ];
  return [line, ...(problems.length === 0 ? [] : ['', ...problems])].join('\n');
}

function isProblem(outcome: Outcome | null): boolean {
  return outcome === 'fail' || outcome === 'warn';
}

function formatTargetTable(targets: readonly TargetResult[], options: FormatOptions): string {
  const head = ['', 'Target', 'Metric', 'Scope', 'Value', 'Threshold', 'n', formatIntervalLabel(options.confidence)];
  const aligns: Align[] = ['left', 'left', 'left', 'left', 'right', 'left', 'right', 'right'];
  const rows = sortByOutcome(targets).map((t) => [
    statusEmoji(t.status, t.outcome),
    t.name === null || t.name === '' ? t.id : `${t.id} — ${t.name}`,
    t.metric,
    formatTargetScope(t).join(', '),
    formatTargetValue(t),
    formatTargetCondition(t),
    formatCount(t.n),
    formatInterval(t.ci, t.unit),
  ]);
  return `### Targets\n\n${renderTable(head, aligns, rows)}`;
}

/** Components read `happy-users 100.0 × 0.5 (key)`, so the index can be recomputed by hand. */
function formatCompositeTable(composites: readonly CompositeResult[]): string {
  const head = ['', 'Composite', 'Index', 'Threshold', 'Components'];
  const aligns: Align[] = ['left', 'left', 'right', 'left', 'left'];
  const rows = sortByOutcome(composites).map((c) => [
    c.status === null ? '' : statusEmoji(c.status, c.outcome),
    c.name === c.id ? c.id : `${c.id} — ${c.name}`,
    formatIndex(c.value),
    c.op === null || c.threshold === null ? '' : formatCondition(c.op, c.threshold, 'score'),
    c.components.map((k) => `${k.target} ${formatScore(k)} × ${formatWeight(k)}${k.key ? ' (key)' : ''}`).join(', '),
  ]);
  return `### Composites\n\n${renderTable(head, aligns, rows)}`;
}

function formatDomainTable(heading: string, results: readonly Result[], options: FormatOptions): string {
  const segmentKeys = collectSegmentKeys(results);
  const hasPeriod = results.some((r) => r.period !== null);
  const hasInterval = results.some((r) => r.ci !== null);
  const hasChange = results.some((r) => r.change !== undefined);
  const trends = collectTrends(results);
  const showTrend = hasTrends(trends, results);
  const head = [
    'Metric',
    ...segmentKeys,
    ...(hasPeriod ? ['Period'] : []),
    'Value',
    ...(showTrend ? ['Trend'] : []),
    ...(hasChange ? ['Δ', 'p'] : []),
    'n',
    ...(hasInterval ? [formatIntervalLabel(options.confidence)] : []),
  ];
  const trendColumn = segmentKeys.length + (hasPeriod ? 3 : 2);
  const aligns: Align[] = head.map((_, i) =>
    i < segmentKeys.length + (hasPeriod ? 2 : 1) || (showTrend && i === trendColumn) ? 'left' : 'right',
  );
  const rows = orderByMetric(results).map(({ result }) => [
    result.name,
    ...segmentKeys.map((key) => segmentCell(result, key)),
    ...(hasPeriod ? [result.period ?? ALL] : []),
    formatLabelledValue(result),
    ...(showTrend ? [trendOf(trends, result)] : []),
    ...(hasChange ? formatChangeCells(result) : []),
    formatCount(result.n),
    ...(hasInterval ? [formatInterval(result.ci, result.unit)] : []),
  ]);
  return `### ${neutraliseMarkdown(heading)}\n\n${renderTable(head, aligns, rows)}`;
}

/** `▲ 3.2 pp*` and its p (`0.012`), `*` marking a significant change from the previous period. */
function formatChangeCells(result: Result): [string, string] {
  const change = result.change;
  if (change === undefined) return ['', ''];
  const delta = formatDelta(change.delta, result.unit) + (change.significant === true ? '*' : '');
  return [delta, change.p === null ? '' : formatP(change.p)];
}

function changeNote(results: readonly Result[]): string {
  return results.some((r) => r.change?.significant === true) ? ' · * significant change from the previous period' : '';
}

/** A ranking as a table, best first; the flag says whether the segment is outside its funnel limits. */
function formatRankTable(group: RankGroup): string {
  const head = ['#', group.by.join(' / '), 'Value', 'n', formatIntervalLabel(group.confidence), 'Limits', 'Flag'];
  const aligns: Align[] = ['right', 'left', 'right', 'right', 'right', 'right', 'left'];
  const rows = group.rows.map((row) => {
    const cells = rankCells(group, row);
    const meaning = rankFlagMeaning(group, row);
    return cells.map((cell, i) => (i === cells.length - 1 && meaning !== null ? `${cell} (${meaning})` : cell));
  });
  return `### Ranking: ${neutraliseMarkdown(describeRankGroup(group))}\n\n${renderTable(head, aligns, rows)}`;
}

/** The value and the label it must not be read without (CLV's `revenue-only`), as the table shows them. */
function formatLabelledValue(result: Result): string {
  const text = formatValue(result.value, result.unit, result.detail);
  const label = result.detail?.['label'];
  return typeof label === 'string' && result.value !== null ? `${text} ${label}` : text;
}

type Align = 'left' | 'right';

function renderTable(head: readonly string[], aligns: readonly Align[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(neutraliseMarkdown).join(' | ')} |`;
  const rule = `| ${aligns.map((a) => (a === 'right' ? '---:' : '---')).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/** ✅ met, ❌ breached, ⚠️ inconclusive or only a warning, ⚪ no data: the table's markers, in emoji. */
function statusEmoji(status: TargetStatus, outcome: Outcome | null): string {
  if (outcome === 'warn') return '⚠️';
  switch (status) {
    case 'met':
      return '✅';
    case 'breached':
      return '❌';
    case 'inconclusive':
      return '⚠️';
    case 'no_data':
      return '⚪';
  }
}
