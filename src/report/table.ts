import type { ChalkInstance } from 'chalk';
import type { CompositeResult, InputSummary, Report, Result, TargetResult } from '../scorecard/model.js';
import type { Unit } from '../metrics/types.js';
import { DOMAIN_ORDER, formatDomainHeading } from './domains.js';
import { type Align, renderLightTable } from './light-table.js';
import { createPalette, paintByRating } from './palette.js';
import { roundHalfAway } from './round.js';
import type { FormatOptions } from './types.js';
import { MISSING, formatCount, formatDelta, formatInterval, formatValue } from './units.js';

/** The scorecard for an analyst at a terminal: one light table per domain. */
export function formatTable(report: Report, options: FormatOptions): string {
  const palette = createPalette(options.color);
  const sections = [
    formatPreamble(report, palette),
    ...DOMAIN_ORDER.flatMap((domain) => {
      const results = report.results.filter((r) => r.domain === domain);
      return results.length === 0 ? [] : [formatDomainBlock(formatDomainHeading(domain), results, options, palette)];
    }),
    formatResultCount(report.results, palette),
    ...(report.targets.length === 0 ? [] : [formatTargets(report, palette)]),
    ...(report.composites.length === 0 ? [] : [formatComposites(report.composites, palette)]),
  ].filter((section) => section !== '');
  return `${sections.join('\n\n')}\n`;
}

const ALL = 'all';

interface Column<T> {
  header: string;
  align: Align;
  render(row: T): string;
}

function renderTable<T>(columns: readonly Column<T>[], rows: readonly T[], palette: ChalkInstance): string {
  const cells = rows.map((row) => columns.map((c) => c.render(row)));
  return indent(renderLightTable(columns.map((c) => c.header), cells, columns.map((c) => c.align), palette));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function formatPreamble(report: Report, palette: ChalkInstance): string {
  const title = report.title === null ? [] : [palette.bold(report.title)];
  return [...title, ...report.inputs.map((input) => formatInputLine(input, palette))].join('\n');
}

/** `survey.csv · survey · 1,200 rows (5 rejected)`. */
function formatInputLine(input: InputSummary, palette: ChalkInstance): string {
  const preset = input.preset === null ? [] : [`preset ${input.preset}`];
  const rows = `${formatCount(input.rows)} ${input.rows === 1 ? 'row' : 'rows'}`;
  const rejected = input.rejected === 0 ? '' : ` ${palette.yellow(`(${formatCount(input.rejected)} rejected)`)}`;
  return [input.name, input.kind, ...preset, rows + rejected].join(' · ');
}

interface ResultRow {
  result: Result;
  isFirstOfMetric: boolean;
}

function formatDomainBlock(
  heading: string,
  results: readonly Result[],
  options: FormatOptions,
  palette: ChalkInstance,
): string {
  const segmentKeys = collectSegmentKeys(results);
  const columns: Column<ResultRow>[] = [
    { header: 'Metric', align: 'left', render: (row) => (row.isFirstOfMetric ? row.result.name : '') },
    ...segmentKeys.map((key): Column<ResultRow> => ({
      header: key,
      align: 'left',
      render: (row) => row.result.segment[key] ?? ALL,
    })),
    ...(results.some((r) => r.period !== null)
      ? [{ header: 'Period', align: 'left', render: (row) => row.result.period ?? ALL } satisfies Column<ResultRow>]
      : []),
    { header: 'Value', align: 'right', render: (row) => formatRatedValue(row.result, palette) },
    ...(results.some((r) => r.change !== undefined)
      ? [{ header: 'Δ', align: 'right', render: (row) => formatChange(row.result, palette) } satisfies Column<ResultRow>]
      : []),
    { header: 'n', align: 'right', render: (row) => formatCount(row.result.n) },
    ...(results.some((r) => r.ci !== null)
      ? [
          {
            header: formatIntervalHeader(options.confidence),
            align: 'right',
            render: (row) => formatInterval(row.result.ci, row.result.unit),
          } satisfies Column<ResultRow>,
        ]
      : []),
  ];
  return `${palette.bold(heading)}\n${renderTable(columns, orderByMetric(results), palette)}`;
}

/** Metric by metric in first-appearance order; within one, the overall row first. */
function orderByMetric(results: readonly Result[]): ResultRow[] {
  const byMetric = new Map<string, Result[]>();
  for (const result of results) {
    const group = byMetric.get(result.metric);
    if (group === undefined) byMetric.set(result.metric, [result]);
    else group.push(result);
  }
  return [...byMetric.values()].flatMap((group) => {
    const overall = group.filter(isOverall);
    return [...overall, ...group.filter((r) => !isOverall(r))].map((result, i) => ({ result, isFirstOfMetric: i === 0 }));
  });
}

function isOverall(result: Result): boolean {
  return result.period === null && Object.keys(result.segment).length === 0;
}

function collectSegmentKeys(results: readonly Result[]): string[] {
  return [...new Set(results.flatMap((r) => Object.keys(r.segment)))];
}

/** `95% CI`, from the `--confidence` level. */
function formatIntervalHeader(confidence: number | undefined): string {
  return `${String(roundHalfAway((confidence ?? DEFAULT_CONFIDENCE) * 100, 1))}% CI`;
}

const DEFAULT_CONFIDENCE = 0.95;

/** The value, coloured only by a published rating (web-vitals rating, Apdex band) shown dimly after it. */
function formatRatedValue(result: Result, palette: ChalkInstance): string {
  const text = formatValue(result.value, result.unit, result.detail);
  const rating = findRating(result);
  if (rating === undefined || result.value === null) return text;
  return `${paintByRating(palette, rating, text)} ${palette.dim(rating)}`;
}

function findRating(result: Result): string | undefined {
  const rating = result.detail?.['rating'] ?? result.detail?.['band'];
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
  const isImprovement = (change.delta > 0) === (result.better === 'higher');
  return isImprovement ? palette.green(marked) : palette.red(marked);
}

function formatResultCount(results: readonly Result[], palette: ChalkInstance): string {
  const count = `${formatCount(results.length)} ${results.length === 1 ? 'result' : 'results'}`;
  const note = results.some((r) => r.change?.significant === true) ? ' · * significant change from the previous period' : '';
  return palette.dim(count + note);
}

function formatTargets(report: Report, palette: ChalkInstance): string {
  const columns: Column<TargetResult>[] = [
    { header: 'Target', align: 'left', render: (t) => t.id },
    { header: 'Metric', align: 'left', render: formatTargetScope },
    { header: 'Status', align: 'left', render: (t) => paintStatus(t, palette) },
    { header: 'Value', align: 'right', render: (t) => formatTargetComparison(t, findUnit(report, t.metric)) },
    { header: 'n', align: 'right', render: (t) => formatCount(t.n) },
  ];
  const { met, breached, no_data: noData, status } = report.summary;
  const summary = `${formatCount(met)} met · ${formatCount(breached)} breached · ${formatCount(noData)} no data → ${paintSummaryStatus(status, palette)}`;
  return `${palette.bold('Targets')}\n${renderTable(columns, report.targets, palette)}\n${summary}`;
}

/** `nps · team=Network · 2024-01`. */
function formatTargetScope(target: TargetResult): string {
  const segment = Object.entries(target.segment).map(([key, value]) => `${key}=${value}`);
  return [target.metric, ...segment, ...(target.period === null ? [] : [target.period])].join(' · ');
}

/** `+33 >= +30`, in the metric's unit where the report has it. */
function formatTargetComparison(target: TargetResult, unit: Unit | undefined): string {
  const show = (x: number | null): string => (x === null ? MISSING : unit === undefined ? String(x) : formatValue(x, unit));
  const threshold = Array.isArray(target.threshold)
    ? unit === undefined
      ? target.threshold.map(String).join('…')
      : formatInterval(target.threshold, unit)
    : show(target.threshold);
  return `${show(target.value)} ${target.op} ${threshold}`;
}

function findUnit(report: Report, metric: string): Unit | undefined {
  return report.results.find((r) => r.metric === metric)?.unit;
}

function paintStatus(target: TargetResult, palette: ChalkInstance): string {
  switch (target.status) {
    case 'met':
      return palette.green('met');
    case 'breached':
      return target.level === 'error' ? palette.red('breached') : palette.yellow('breached');
    case 'inconclusive':
      return palette.yellow('inconclusive');
    case 'no_data':
      return palette.yellow('no data');
  }
}

function paintSummaryStatus(status: Report['summary']['status'], palette: ChalkInstance): string {
  switch (status) {
    case 'pass':
      return palette.green(status);
    case 'warn':
      return palette.yellow(status);
    case 'fail':
      return palette.red(status);
  }
}

function formatComposites(composites: readonly CompositeResult[], palette: ChalkInstance): string {
  const columns: Column<CompositeResult>[] = [
    { header: 'Composite', align: 'left', render: (c) => c.name },
    { header: 'Value', align: 'right', render: (c) => formatValue(c.value, 'score') },
  ];
  return `${palette.bold('Composites')}\n${renderTable(columns, composites, palette)}`;
}
