import type { RankGroup, RankRow } from '../../scorecard/model.js';
import { formatCount, formatInterval, formatIntervalLabel, formatValue } from '../units.js';
import { describeSegment, shorten } from './labels.js';
import { axisExtent, coord, formatTick, niceAxis, renderChart, scaleLinear, svgText, type IdSource } from './svg.js';

/** The ranking chart's box, in SVG units. */
const RANK_LAYOUT = { width: 520, label: 130, flag: 78, top: 22, row: 26, bottom: 26 } as const;

/**
 * The rankings to draw: each metric's whole-window ranking, or its latest period's where it has
 * only per-period ones (the JSON report has them all). Sorted by metric, so no input order shows.
 */
export function pickRankGroups(groups: readonly RankGroup[]): RankGroup[] {
  const byMetric = new Map<string, RankGroup>();
  for (const group of groups) {
    const kept = byMetric.get(group.metric);
    if (kept === undefined || isPreferred(group, kept)) byMetric.set(group.metric, group);
  }
  return [...byMetric.values()].sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
}

function isPreferred(group: RankGroup, kept: RankGroup): boolean {
  if (kept.period === null) return false;
  return group.period === null || group.period > kept.period;
}

/** Best first by position, segments without a value last, ties by label: the order never depends on the input's. */
function orderRows(rows: readonly RankRow[]): RankRow[] {
  return [...rows].sort((a, b) => {
    const pa = a.position ?? Number.POSITIVE_INFINITY;
    const pb = b.position ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa - pb;
    const la = describeSegment(a.segment);
    const lb = describeSegment(b.segment);
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
}

const FLAG_WORDS = { above: '▲ above', below: '▼ below', within: 'within' } as const;

/** Whether a flag is good news, by the metric's better side; `neutral` without one. */
function flagTone(flag: RankRow['flag'], better: RankGroup['better']): 'good' | 'bad' | 'neutral' {
  if (flag === null || flag === 'within' || better === null) return 'neutral';
  return (flag === 'above') === (better === 'higher') ? 'good' : 'bad';
}

/**
 * Segments as sorted horizontal bars, best first: each with its interval as a whisker and the
 * funnel limits at its n as a grey band, the overall value as a dashed line. A segment outside
 * its limits is marked by a triangle and the word above/below, not by colour alone.
 */
export function renderRankChart(group: RankGroup, ids: IdSource): string {
  const { width, label, flag, top, row, bottom } = RANK_LAYOUT;
  const rows = orderRows(group.rows);
  const height = top + rows.length * row + bottom;
  const plotRight = width - flag;
  const values = [
    ...rows.flatMap((r) => (r.value === null ? [] : [r.value])),
    ...(group.overall === null ? [] : [group.overall]),
    ...rows.flatMap((r) => r.limits ?? []),
  ];
  if (values.length === 0) return '';
  const intervals = rows.flatMap((r) => (r.ci === null ? [] : [r.ci]));
  const [low, high] = axisExtent(values, intervals, group.unit);
  const axis = niceAxis(low, high, group.unit, 4);
  const x = scaleLinear(axis.domain, [label, plotRight - 8]);
  const clampX = (v: number): number => x(Math.min(axis.domain[1], Math.max(axis.domain[0], v)));
  const baseline = axis.domain[0] <= 0 && axis.domain[1] >= 0 ? 0 : axis.domain[0];
  const bottomY = top + rows.length * row;

  const grid = axis.ticks.map(
    (tick) =>
      `<line class="grid" x1="${coord(x(tick))}" x2="${coord(x(tick))}" y1="${String(top)}" y2="${String(bottomY)}"/>` +
      svgText(x(tick), bottomY + 16, formatTick(tick, group.unit), 'tick', 'middle'),
  );
  const rowMarks = rows.map((r, i) => {
    const y = top + i * row;
    const mid = y + row / 2;
    const name = svgText(label - 8, mid + 4, shorten(describeSegment(r.segment), 18), 'row-label', 'end');
    if (r.value === null) return name + svgText(label + 4, mid + 4, 'no data', 'tick');
    const tone = flagTone(r.flag, group.better);
    const limits =
      r.limits === null
        ? ''
        : `<rect class="limits" x="${coord(clampX(r.limits[0]))}" y="${coord(y + 3)}" width="${coord(clampX(r.limits[1]) - clampX(r.limits[0]))}" height="${String(row - 6)}"/>`;
    const barStart = Math.min(x(baseline), x(r.value));
    const bar = `<rect class="bar bar-${tone}" x="${coord(barStart)}" y="${coord(mid - 5)}" width="${coord(Math.abs(x(r.value) - x(baseline)))}" height="10"/>`;
    const whisker =
      r.ci === null
        ? ''
        : `<path class="whisker" d="M${coord(clampX(r.ci[0]))} ${coord(mid - 6)}v12M${coord(clampX(r.ci[0]))} ${coord(mid)}H${coord(clampX(r.ci[1]))}M${coord(clampX(r.ci[1]))} ${coord(mid - 6)}v12"/>`;
    const word = r.flag === null ? '' : svgText(plotRight + 4, mid + 4, FLAG_WORDS[r.flag], `flag flag-${tone}`);
    return name + limits + bar + whisker + marker(r.flag, x(r.value), mid, tone) + word;
  });
  const overall =
    group.overall === null
      ? ''
      : `<line class="overall" x1="${coord(x(group.overall))}" x2="${coord(x(group.overall))}" y1="${String(top - 4)}" y2="${String(bottomY)}"/>` +
        svgText(x(group.overall), top - 8, `overall ${formatValue(group.overall, group.unit)}`, 'target-label', 'middle');
  const period = group.period === null ? '' : `, ${group.period}`;
  return renderChart({
    id: ids.next('rank'),
    title: `${group.name}: segments ranked by ${group.by.join(', ')}${period}`,
    description: describeRanking(group, rows),
    width,
    height,
    body: [...grid, ...rowMarks, overall].join('\n'),
  });
}

/** A circle inside the limits, a triangle pointing the way out of them outside. */
function marker(flag: RankRow['flag'], cx: number, cy: number, tone: string): string {
  if (flag === 'above') return `<path class="marker marker-${tone}" d="M${coord(cx)} ${coord(cy - 6)}l5 9h-10z"/>`;
  if (flag === 'below') return `<path class="marker marker-${tone}" d="M${coord(cx)} ${coord(cy + 6)}l5 -9h-10z"/>`;
  return `<circle class="marker marker-${tone}" cx="${coord(cx)}" cy="${coord(cy)}" r="4"/>`;
}

/** `1. team=Desk +40 (95% CI …, n 5, limits -10…+50, within); …; overall +20.` */
function describeRanking(group: RankGroup, rows: readonly RankRow[]): string {
  const ciLabel = formatIntervalLabel(group.confidence);
  const parts = rows.map((r) => {
    const position = r.position === null ? '–' : `${String(r.position)}.`;
    const facts = [
      ...(r.ci === null ? [] : [`${ciLabel} ${formatInterval(r.ci, group.unit)}`]),
      `n ${formatCount(r.n)}`,
      ...(r.limits === null ? [] : [`limits ${formatInterval(r.limits, group.unit)}`]),
      ...(r.flag === null ? [] : [r.flag]),
    ];
    return `${position} ${describeSegment(r.segment)} ${formatValue(r.value, group.unit)} (${facts.join(', ')})`;
  });
  const overall = group.overall === null ? [] : [`overall ${formatValue(group.overall, group.unit)}`];
  return [...parts, ...overall].join('; ') + '.';
}
