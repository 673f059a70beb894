import type { Domain } from '../../metrics/types.js';
import type { RankGroup, Report, Result } from '../../scorecard/model.js';
import { formatDomainHeading } from '../domains.js';
import { listedRankGroups } from '../rank-view.js';
import { groupByDomain, listedResults } from '../result-rows.js';
import type { FormatOptions } from '../types.js';
import { formatCount, formatIntervalLabel } from '../units.js';
import { formatSummaryCounts } from '../verdict.js';
import { renderCard } from './cards.js';
import { escapeHtml } from './escape.js';
import { collectNpsRows, renderNpsBars } from './nps-bar.js';
import { renderRankChart } from './rank-chart.js';
import { renderOutcome } from './status.js';
import { STYLE } from './style.js';
import { createIdSource, type IdSource } from './svg.js';
import { renderCompositeTable, renderInputTable, renderProblems, renderResultTable, renderTargetTable } from './tables.js';
import { collectTrend, renderTrendChart, valueTargets } from './trend-chart.js';

const DEFAULT_TITLE = 'XLA scorecard';

/** Nothing from outside: no script, font, image or request; inline styles only. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * The scorecard as one self-contained HTML page (`--format html`): headline cards per domain with
 * their target verdicts, trend charts across periods, NPS as promoters/passives/detractors,
 * segment rankings, the verdict table, and the inputs with their data quality. Charts are inline
 * SVG drawn here, each named and described for screen readers. Pure: same report, same bytes.
 */
export function formatHtml(report: Report, options: FormatOptions): string {
  const ids = createIdSource();
  const title = report.title ?? DEFAULT_TITLE;
  const { listed } = listedResults(report.results);
  const domains = groupByDomain(listed);
  const rankByDomain = groupRankings(listedRankGroups(report), report.results);
  const sections = [
    ...(hasVerdicts(report) ? [renderVerdictSection(report, options.confidence)] : []),
    ...(domains.length === 0 ? ['<p>No results: no input gave a value for any metric.</p>'] : []),
    ...domains.map(({ domain, results }) => renderDomainSection(domain, results, report, rankByDomain.get(domain) ?? [], ids, options)),
    ...(report.inputs.length === 0 ? [] : [section('inputs', 'Inputs and data quality', renderInputTable(report.inputs))]),
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    renderMasthead(report, title),
    '<main>',
    ...sections,
    '</main>',
    `<footer>${escapeHtml(describeFooter(options.confidence))}</footer>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** `--confidence 0` turns intervals off: then the footer does not speak of them. */
function describeFooter(confidence: number | undefined): string {
  const intervals = confidence === 0 ? '' : ` Bands and whiskers are ${formatIntervalLabel(confidence)}s.`;
  return `Made with xla.${intervals} Dashed lines are targets.`;
}

function hasVerdicts(report: Report): boolean {
  return report.targets.length > 0 || report.composites.some((c) => c.status !== null);
}

/** Title, what was read, and the verdict of the run when it has targets. */
function renderMasthead(report: Report, title: string): string {
  const rows = report.inputs.reduce((sum, input) => sum + input.rows, 0);
  const periods = [...new Set(report.results.flatMap((r) => (r.period === null ? [] : [r.period])))].sort();
  const facts = [
    ...(report.inputs.length === 0
      ? []
      : [
          `${formatCount(report.inputs.length)} ${report.inputs.length === 1 ? 'input' : 'inputs'}, ${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}`,
        ]),
    ...(periods.length === 0
      ? []
      : [periods.length === 1 ? `period ${periods[0] ?? ''}` : `periods ${periods[0] ?? ''} to ${periods.at(-1) ?? ''}`]),
    `${formatCount(report.results.length)} ${report.results.length === 1 ? 'result' : 'results'}`,
  ];
  const verdict = hasVerdicts(report)
    ? [
        `<p class="verdict">${renderOutcome(report.summary.status)}<span class="counts">${escapeHtml(formatSummaryCounts(report.summary))}</span></p>`,
      ]
    : [];
  return [
    '<header class="masthead">',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="lede">${escapeHtml(facts.join(' · '))}</p>`,
    ...verdict,
    '</header>',
  ].join('\n');
}

function renderVerdictSection(report: Report, confidence: number | undefined): string {
  return section(
    'verdicts',
    'Verdicts',
    [
      renderProblems(report, confidence),
      ...(report.targets.length === 0 ? [] : [renderTargetTable(report.targets, confidence)]),
      ...(report.composites.length === 0 ? [] : [renderCompositeTable(report.composites)]),
    ].join('\n'),
  );
}

/** A domain: its headline cards, then its charts, then every result in a table that opens on demand. */
function renderDomainSection(
  domain: Domain,
  results: readonly Result[],
  report: Report,
  rankings: readonly RankGroup[],
  ids: IdSource,
  options: FormatOptions,
): string {
  const overall = results.filter((r) => r.period === null && Object.keys(r.segment).length === 0);
  const metrics = [...new Set(results.map((r) => r.metric))];
  const trends = metrics.flatMap((metric) => {
    const points = collectTrend(results, metric);
    const sample = results.find((r) => r.metric === metric);
    if (points === null || sample === undefined) return [];
    return [figure(sample.name, renderTrendChart(sample, points, valueTargets(report.targets, metric), ids, options.confidence))];
  });
  const npsCharts = metrics.flatMap((metric) => {
    const { rows, by } = collectNpsRows(results, metric);
    const sample = results.find((r) => r.metric === metric);
    if (rows.length === 0 || sample === undefined) return [];
    return [figure(sample.name, renderNpsBars(sample.name, rows, by, ids), by === '' ? '' : `by ${by}`)];
  });
  const rankCharts = rankings.flatMap((group) => {
    const chart = renderRankChart(group, ids);
    return chart === '' ? [] : [figure(group.name, chart, `by ${group.by.join(', ')}${group.period === null ? '' : `, ${group.period}`}`)];
  });
  const heading = formatDomainHeading(domain);
  const body = [
    ...(overall.length === 0
      ? []
      : [`<div class="cards">\n${overall.map((r) => renderCard(r, report.targets, options.confidence)).join('\n')}\n</div>`]),
    ...(trends.length === 0
      ? []
      : ['<h3>Trends by period</h3>', trendKey(options.confidence), `<div class="charts">\n${trends.join('\n')}\n</div>`]),
    ...(npsCharts.length === 0
      ? []
      : ['<h3>Promoters, passives and detractors</h3>', `<div class="charts">\n${npsCharts.join('\n')}\n</div>`]),
    ...(rankCharts.length === 0 ? [] : ['<h3>Segment rankings</h3>', rankKey(), `<div class="charts">\n${rankCharts.join('\n')}\n</div>`]),
    `<details>\n<summary>All ${escapeHtml(describeCount(results.length, 'result'))} in ${escapeHtml(domain.toUpperCase())}</summary>\n${renderResultTable(heading, results, options.confidence)}\n</details>`,
  ];
  return section(`domain-${domain}`, heading, body.join('\n'));
}

/** Rankings grouped under the domain of their metric, as the results say it. */
function groupRankings(groups: readonly RankGroup[], results: readonly Result[]): Map<Domain, RankGroup[]> {
  const domainOf = new Map(results.map((r) => [r.metric, r.domain]));
  const byDomain = new Map<Domain, RankGroup[]>();
  for (const group of groups) {
    const domain = domainOf.get(group.metric);
    if (domain === undefined) continue;
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), group]);
  }
  return byDomain;
}

/** What the trend charts' line, band and dashes mean (the charts' descriptions say it to screen readers). */
function trendKey(confidence: number | undefined): string {
  const band = confidence === 0 ? '' : `<span><i class="k-band"></i>${escapeHtml(formatIntervalLabel(confidence))}</span>`;
  return `<p class="key" aria-hidden="true"><span><i class="k-value"></i>value</span>${band}<span><i class="k-target"></i>target</span></p>`;
}

function rankKey(): string {
  return '<p class="key">Best first. Grey band: the funnel limits at each segment’s n; dashed line: the overall value; ▲/▼ and the word mark a segment outside its limits.</p>';
}

function figure(caption: string, chart: string, sub = ''): string {
  const subText = sub === '' ? '' : ` <span class="sub">${escapeHtml(sub)}</span>`;
  return `<figure>\n<figcaption>${escapeHtml(caption)}${subText}</figcaption>\n${chart}\n</figure>`;
}

function section(id: string, heading: string, body: string): string {
  return `<section class="block" aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

function describeCount(n: number, noun: string): string {
  return `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
}
