import type { ChalkInstance } from 'chalk';
import type {
  CompositeComponent,
  CompositeResult,
  InputSummary,
  Outcome,
  RankGroup,
  Report,
  Result,
  TargetResult,
  TargetStatus,
} from '../scorecard/model.js';
import { formatDomainHeading } from './domains.js';
import { type Align, renderLightTable } from './light-table.js';
import { createPalette, paintByRating } from './palette.js';
import {
  ALL,
  type ResultRow,
  collectSegmentKeys,
  describeResultCount,
  groupByDomain,
  listedResults,
  orderByMetric,
  segmentCell,
} from './result-rows.js';
import { describeRankGroup, listedRankGroups, rankCells, rankFlagMeaning } from './rank-view.js';
import { neutraliseText } from './safe-text.js';
import { collectTrends, hasTrends, trendOf } from './sparkline.js';
import type { FormatOptions } from './types.js';
import { formatCount, formatDelta, formatInterval, formatIntervalLabel, formatValue } from './units.js';
import { describeComposite, describeTarget, formatScore, formatSummaryCounts, formatWeight, sortByOutcome } from './verdict.js';

/**
 * The scorecard for an analyst at a terminal: one light table per domain, then the verdicts
 * (targets, composites, summary). `targetsFirst` (xla check) puts the verdicts first. Every text
 * from data or the config goes through neutraliseText before it is painted.
 */
export function formatTable(report: Report, options: FormatOptions): string {
  const palette = createPalette(options.color);
  const { listed, perfectFields } = listedResults(report.results);
  const results = [
    ...groupByDomain(listed).map(({ domain, results: inDomain }) =>
      formatDomainBlock(formatDomainHeading(domain), inDomain, options, palette),
    ),
    ...listedRankGroups(report).map((group) => formatRankBlock(group, palette)),
    formatResultCount(report.results, perfectFields, palette),
  ];
  const verdicts = hasVerdicts(report) ? [formatVerdicts(report, options, palette)] : [];
  const body = options.targetsFirst === true ? [...verdicts, ...results] : [...results, ...verdicts];
  const sections = [formatPreamble(report, palette), ...body].filter((section) => section !== '');
  return `${sections.join('\n\n')}\n`;
}

interface Column<T> {
  header: string;
  align: Align;
  render(row: T): string;
}

function renderTable<T>(columns: readonly Column<T>[], rows: readonly T[], palette: ChalkInstance): string {
  const cells = rows.map((row) => columns.map((c) => c.render(row)));
  return indent(
    renderLightTable(
      columns.map((c) => c.header),
      cells,
      columns.map((c) => c.align),
      palette,
    ),
  );
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function formatPreamble(report: Report, palette: ChalkInstance): string {
  const title = report.title === null ? [] : [palette.bold(neutraliseText(report.title))];
  return [...title, ...report.inputs.map((input) => formatInputLine(input, palette))].join('\n');
}

/** `survey.csv · survey · 1,200 rows (5 rejected)`. */
function formatInputLine(input: InputSummary, palette: ChalkInstance): string {
  const preset = input.preset === null ? [] : [`preset ${input.preset}`];
  const rows = `${formatCount(input.rows)} ${input.rows === 1 ? 'row' : 'rows'}`;
  const rejected = input.rejected === 0 ? '' : ` ${palette.yellow(`(${formatCount(input.rejected)} rejected)`)}`;
  return [neutraliseText(input.name), input.kind, ...preset, rows + rejected].join(' · ');
}

function formatDomainBlock(heading: string, results: readonly Result[], options: FormatOptions, palette: ChalkInstance): string {
  const segmentKeys = collectSegmentKeys(results);
  const trends = collectTrends(results);
  const showTrend = hasTrends(trends, results);
  const columns: Column<ResultRow>[] = [
    { header: 'Metric', align: 'left', render: (row) => (row.isFirstOfMetric ? row.result.name : '') },
    ...segmentKeys.map((key): Column<ResultRow> => ({
      header: neutraliseText(key),
      align: 'left',
      render: (row) => neutraliseText(segmentCell(row.result, key)),
    })),
    ...(results.some((r) => r.period !== null)
      ? [{ header: 'Period', align: 'left', render: (row) => row.result.period ?? ALL } satisfies Column<ResultRow>]
      : []),
    { header: 'Value', align: 'right', render: (row) => formatRatedValue(row.result, palette) },
    ...(showTrend
      ? [{ header: 'Trend', align: 'left', render: (row) => palette.cyan(trendOf(trends, row.result)) } satisfies Column<ResultRow>]
      : []),
    ...(results.some((r) => r.change !== undefined)
      ? [{ header: 'Δ', align: 'right', render: (row) => formatChange(row.result, palette) } satisfies Column<ResultRow>]
      : []),
    { header: 'n', align: 'right', render: (row) => formatCount(row.result.n) },
    ...(results.some((r) => r.ci !== null)
      ? [
          {
            header: formatIntervalLabel(options.confidence),
            align: 'right',
            render: (row) => formatInterval(row.result.ci, row.result.unit),
          } satisfies Column<ResultRow>,
        ]
      : []),
  ];
  return `${palette.bold(heading)}\n${renderTable(columns, orderByMetric(results), palette)}`;
}

/** The value, coloured only by a published rating (web-vitals rating, Apdex band, SUS grade) shown dimly after it. */
function formatRatedValue(result: Result, palette: ChalkInstance): string {
  const text = formatValue(result.value, result.unit, result.detail);
  const rating = findRating(result);
  if (rating === undefined || result.value === null) return text;
  return `${paintByRating(palette, rating, text)} ${palette.dim(rating)}`;
}

/** A published rating, else a label the value must not be read without (CLV's `revenue-only`). */
function findRating(result: Result): string | undefined {
  const rating = result.detail?.['rating'] ?? result.detail?.['band'] ?? result.detail?.['grade'] ?? result.detail?.['label'];
  return typeof rating === 'string' ? rating : undefined;
}

/** `▲ 3.2 pp*`: `*` marks a significant change, coloured by the metric's better direction. */
function formatChange(result: Result, palette: ChalkInstance): string {
  const change = result.change;
  if (change === undefined) return '';
  const text = formatDelta(change.delta, result.unit);
  if (change.significant !== true || change.delta === null) return text;
  const marked = `${text}*`;
  if (result.better === null || change.delta === 0) return marked;
  const isImprovement = change.delta > 0 === (result.better === 'higher');
  return isImprovement ? palette.green(marked) : palette.red(marked);
}

/** A ranking: the heading, then one row per segment, best first, its flag coloured by whether it is good news. */
function formatRankBlock(group: RankGroup, palette: ChalkInstance): string {
  const rows = group.rows.map((row) => ({ row, cells: rankCells(group, row) }));
  const headers = ['#', group.by.map(neutraliseText).join(' / '), 'Value', 'n', formatIntervalLabel(group.confidence), 'Limits', 'Flag'];
  const aligns: Align[] = ['right', 'left', 'right', 'right', 'right', 'right', 'left'];
  const columns = headers.map((header, i): Column<(typeof rows)[number]> => ({
    header,
    align: aligns[i] ?? 'left',
    render: ({ row, cells }) => {
      const text = i === 1 ? neutraliseText(cells[i] ?? '') : (cells[i] ?? '');
      return i === headers.length - 1 ? paintRankFlag(rankFlagMeaning(group, row), palette, text) : text;
    },
  }));
  return `${palette.bold(`Ranking · ${neutraliseText(describeRankGroup(group))}`)}\n${renderTable(columns, rows, palette)}`;
}

function paintRankFlag(meaning: 'better' | 'worse' | null, palette: ChalkInstance, text: string): string {
  return meaning === 'worse' ? palette.red(text) : meaning === 'better' ? palette.green(text) : text;
}

function formatResultCount(results: readonly Result[], perfectFields: number, palette: ChalkInstance): string {
  const count = describeResultCount(results, perfectFields, formatCount);
  const note = results.some((r) => r.change?.significant === true) ? ' · * significant change from the previous period' : '';
  return palette.dim(count + note);
}

function hasVerdicts(report: Report): boolean {
  return report.targets.length > 0 || report.composites.length > 0;
}

/** Targets (failures first), composites, then the counts: what `xla check` decided and why. */
function formatVerdicts(report: Report, options: FormatOptions, palette: ChalkInstance): string {
  const blocks = [
    ...(report.targets.length === 0 ? [] : [formatTargets(report.targets, options, palette)]),
    ...(report.composites.length === 0 ? [] : [formatComposites(report.composites, palette)]),
  ];
  return `${blocks.join('\n\n')}\n${formatSummary(report.summary, palette)}`;
}

/** `  ✖ happy-users Users are happy  csat 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)`. */
function formatTargets(targets: readonly TargetResult[], options: FormatOptions, palette: ChalkInstance): string {
  const rows = sortByOutcome(targets).map((target): Cell[] => [
    joinCells(formatMarkerCell(target.status, target.outcome, palette), formatLabelCell(target.id, target.name, palette)),
    plainCell(neutraliseText(describeTarget(target, options))),
  ]);
  return [palette.bold('Targets'), ...renderAligned(rows)].join('\n');
}

/** Each composite's verdict line, then one line per component: `✖ p1-fixed-fast  20.0 × 0.3  key`. */
function formatComposites(composites: readonly CompositeResult[], palette: ChalkInstance): string {
  const lines = sortByOutcome(composites).flatMap((composite) => [
    ...renderAligned([
      [
        joinCells(
          composite.status === null ? plainCell(' ') : formatMarkerCell(composite.status, composite.outcome, palette),
          plainCell(neutraliseText(composite.id)),
        ),
        plainCell(neutraliseText(describeComposite(composite))),
      ],
    ]),
    ...renderAligned(
      composite.components.map((component) => formatComponentRow(component, palette)),
      COMPONENT_INDENT,
    ),
  ]);
  return [palette.bold('Composites'), ...lines].join('\n');
}

function formatComponentRow(component: CompositeComponent, palette: ChalkInstance): Cell[] {
  return [
    joinCells(
      component.status === null ? plainCell(' ') : formatMarkerCell(component.status, null, palette),
      plainCell(neutraliseText(component.target)),
    ),
    { ...plainCell(formatScore(component)), align: 'right' },
    plainCell(`× ${formatWeight(component)}`),
    component.key ? { text: 'key', painted: palette.bold('key') } : plainCell(''),
  ];
}

/** `5 met · 1 breached · 0 inconclusive · 0 no data → fail`. */
function formatSummary(summary: Report['summary'], palette: ChalkInstance): string {
  return `${formatSummaryCounts(summary)} → ${paintOutcome(summary.status, palette, summary.status)}`;
}

function paintOutcome(outcome: Outcome, palette: ChalkInstance, text: string): string {
  switch (outcome) {
    case 'fail':
      return palette.red(text);
    case 'warn':
      return palette.yellow(text);
    case 'pass':
      return palette.green(text);
  }
}

/** A text and what to print for it: the width comes from the text, never from ANSI codes. */
interface Cell {
  text: string;
  painted: string;
  align?: Align;
}

function plainCell(text: string): Cell {
  return { text, painted: text };
}

/** A marker and its label, one space apart rather than a column gap. */
function joinCells(marker: Cell, label: Cell): Cell {
  return { text: `${marker.text} ${label.text}`, painted: `${marker.painted} ${label.painted}` };
}

/** ✔ met, ✖ breached, ! inconclusive or only a warning, ∅ no data; coloured by what `check` makes of it. */
function formatMarkerCell(status: TargetStatus, outcome: Outcome | null, palette: ChalkInstance): Cell {
  const marker = outcome === 'warn' ? '!' : STATUS_MARKERS[status];
  return { text: marker, painted: paintMarker(outcome, status, palette, marker) };
}

const STATUS_MARKERS: Readonly<Record<TargetStatus, string>> = { met: '✔', breached: '✖', inconclusive: '!', no_data: '∅' };

/**
 * Red fails the check, yellow only warns, green is met; a passing verdict that is not met (an
 * allowed no_data) is dim. Components have no outcome of their own: their status alone decides.
 */
function paintMarker(outcome: Outcome | null, status: TargetStatus, palette: ChalkInstance, text: string): string {
  if (outcome === 'pass' && status !== 'met') return palette.dim(text);
  if (outcome !== null) return paintOutcome(outcome, palette, text);
  switch (status) {
    case 'met':
      return palette.green(text);
    case 'breached':
      return palette.red(text);
    case 'inconclusive':
    case 'no_data':
      return palette.yellow(text);
  }
}

/** `happy-users Users are happy with support`, the name dimmed. */
function formatLabelCell(id: string, name: string | null, palette: ChalkInstance): Cell {
  const shownId = neutraliseText(id);
  if (name === null || name === '') return plainCell(shownId);
  const shownName = neutraliseText(name);
  return { text: `${shownId} ${shownName}`, painted: `${shownId} ${palette.dim(shownName)}` };
}

const TARGET_INDENT = '  ';
const COMPONENT_INDENT = '      ';

/** Columns padded to their widest text, two spaces apart; the last column is never padded. */
function renderAligned(rows: readonly (readonly Cell[])[], lineIndent = TARGET_INDENT): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.text.length)));
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      if (i === row.length - 1 && cell.align !== 'right') return cell.painted;
      const padding = ' '.repeat((widths[i] ?? 0) - cell.text.length);
      return cell.align === 'right' ? padding + cell.painted : cell.painted + padding;
    });
    return `${lineIndent}${cells.join('  ')}`.trimEnd();
  });
}
