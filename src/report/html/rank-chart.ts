import type { RankGroup, RankRow } from '../../scorecard/model.js';
import { formatCount, formatInterval, formatIntervalLabel, formatValue } from '../units.js';
import { rankFlagMeaning, rankFlagText, rankSegmentText } from '../rank-view.js';
import { shorten } from './labels.js';
import { axisExtent, coord, formatTick, niceAxis, renderChart, scaleLinear, svgText, type IdSource } from './svg.js';

/** The ranking chart's box, in SVG units. */
const RANK_LAYOUT = { width: 520, label: 130, flag: 78, top: 22, row: 26, bottom: 26 } as const;

/** Best first by position, segments without a value last, ties by label: the order never depends on the input's. */
function orderRows(group: RankGroup): RankRow[] {
  return [...group.rows].sort((a, b) => {
    const pa = a.position ?? Number.POSITIVE_INFINITY;
    const pb = b.position ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa - pb;
    const la = rankSegmentText(group, a);
    const lb = rankSegmentText(group, b);
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
}

/** The colour of a flag: good or bad news by the metric's better side (rank-view.ts), neutral otherwise. */
function flagTone(group: RankGroup, row: RankRow): 'good' | 'bad' | 'neutral' {
  const meaning = rankFlagMeaning(group, row);
  return meaning === 'better' ? 'good' : meaning === 'worse' ? 'bad' : 'neutral';
}

/**
 * Segments as sorted horizontal bars, best first: each with its interval as a whisker and the
 * funnel limits at its n as a grey band, the overall value as a dashed line. A segment outside
 * its limits is marked by a triangle and the word above/below, not by colour alone.
 */
export function renderRankChart(group: RankGroup, ids: IdSource): string {
  const { width, label, flag, top, row, bottom } = RANK_LAYOUT;
  const rows = orderRows(group);
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
    const name = svgText(label - 8, mid + 4, shorten(rankSegmentText(group, r), 18), 'row-label', 'end');
    if (r.value === null) return name + svgText(label + 4, mid + 4, 'no data', 'tick');
    const tone = flagTone(group, r);
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
    const word = r.flag === null ? '' : svgText(plotRight + 4, mid + 4, rankFlagText(r), `flag flag-${tone}`);
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
  if (flag === 'above') return `<path class="marker marker-${tone}" d="M${coord(cx)} ${coord(cy - 8)}l7 12h-14z"/>`;
  if (flag === 'below') return `<path class="marker marker-${tone}" d="M${coord(cx)} ${coord(cy + 8)}l7 -12h-14z"/>`;
  return `<circle class="marker marker-${tone}" cx="${coord(cx)}" cy="${coord(cy)}" r="5"/>`;
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
    return `${position} ${rankSegmentText(group, r)} ${formatValue(r.value, group.unit)} (${facts.join(', ')})`;
  });
  const overall = group.overall === null ? [] : [`overall ${formatValue(group.overall, group.unit)}`];
  return [...parts, ...overall].join('; ') + '.';
}
