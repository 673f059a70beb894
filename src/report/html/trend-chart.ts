import type { Result, TargetResult } from '../../scorecard/model.js';
import { formatCondition } from '../verdict.js';
import { formatCount, formatInterval, formatIntervalLabel, formatValue } from '../units.js';
import { axisExtent, coord, formatTick, niceAxis, renderChart, scaleLinear, svgText, type IdSource } from './svg.js';

/** The trend chart's box, in SVG units; exported so that tests can work coordinates out by hand. */
export const TREND_LAYOUT = { width: 520, height: 240, left: 56, right: 16, top: 16, bottom: 40 } as const;

/** The width a period label takes, in SVG units: about 7 per character at the tick size (14px on a phone: 9), and a gap. */
const LABEL_CHAR_WIDTH = 9;
const LABEL_GAP = 8;

/** Below this many units per period the points would touch: the line alone shows the values. */
const MIN_DOT_SLOT = 10;

interface TrendPoint {
  period: string;
  value: number | null;
  n: number;
  ci: [number, number] | null;
}

/** A metric's overall rows, one per period, oldest first; null when there is no trend to draw (fewer than two periods, or no value). */
export function collectTrend(results: readonly Result[], metric: string): TrendPoint[] | null {
  const points = results
    .filter((r) => r.metric === metric && r.period !== null && Object.keys(r.segment).length === 0)
    .map((r) => ({ period: r.period ?? '', value: r.value, n: r.n, ci: r.ci }))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return points.length >= 2 && points.some((p) => p.value !== null) ? points : null;
}

/**
 * The targets drawn as a line on a metric's value chart: those over all rows and the whole window.
 * A target on the change against a baseline judges the change, not the value: it has no line here.
 */
export function valueTargets(targets: readonly TargetResult[], metric: string): TargetResult[] {
  return targets.filter(
    (t) =>
      t.metric === metric &&
      t.change === undefined &&
      t.period === null &&
      Object.keys(t.segment).length === 0 &&
      Object.keys(t.where).length === 0,
  );
}

/** Thresholds of the targets, each once: a `between` target has two lines. */
function thresholdLines(targets: readonly TargetResult[]): { value: number; label: string }[] {
  const lines = new Map<number, string>();
  for (const t of targets) {
    const bounds = typeof t.threshold === 'number' ? [t.threshold] : t.threshold;
    for (const bound of bounds) if (!lines.has(bound)) lines.set(bound, `target ${formatCondition(t.op, t.threshold, t.unit)}`);
  }
  return [...lines].sort(([a], [b]) => a - b).map(([value, label]) => ({ value, label }));
}

/**
 * A metric across periods: the value as a line with points, its interval as a band, and each
 * target over the whole data as a dashed line (line style as well as colour, for greyscale print).
 */
export function renderTrendChart(
  sample: Result,
  points: readonly TrendPoint[],
  targets: readonly TargetResult[],
  ids: IdSource,
  confidence: number | undefined,
): string {
  const { width, height, left, right, top, bottom } = TREND_LAYOUT;
  const unit = sample.unit;
  const lines = thresholdLines(targets);
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const intervals = points.flatMap((p) => (p.ci === null ? [] : [p.ci]));
  const [low, high] = axisExtent([...values, ...lines.map((l) => l.value)], intervals, unit);
  const axis = niceAxis(low, high, unit);
  const y = scaleLinear(axis.domain, [height - bottom, top]);
  const clampY = (v: number): number => y(Math.min(axis.domain[1], Math.max(axis.domain[0], v)));
  const slot = (width - left - right) / points.length;
  const x = (i: number): number => left + (i + 0.5) * slot;
  // Every k-th period is labelled counting back from the latest, which always is; k as small as keeps the labels apart.
  const longest = Math.max(...points.map((p) => p.period.length));
  const labelEvery = Math.max(1, Math.ceil((longest * LABEL_CHAR_WIDTH + LABEL_GAP) / slot));
  const isLabelled = (i: number): boolean => (points.length - 1 - i) % labelEvery === 0;

  const grid = axis.ticks.map(
    (tick) =>
      `<line class="grid" x1="${coord(left)}" x2="${coord(width - right)}" y1="${coord(y(tick))}" y2="${coord(y(tick))}"/>` +
      svgText(left - 6, y(tick) + 4, formatTick(tick, unit), 'tick', 'end'),
  );
  // A label centred under the first or last point may reach past the chart's edge: it is pulled back in.
  const labelX = (i: number, text: string): number => {
    const half = (text.length * LABEL_CHAR_WIDTH) / 2;
    return Math.min(width - half, Math.max(half, x(i)));
  };
  const periodLabels = points.flatMap((p, i) =>
    isLabelled(i) ? [svgText(labelX(i, p.period), height - bottom + 18, p.period, 'tick', 'middle')] : [],
  );
  const bands = runsOf(points, (p) => p.ci !== null).map((run) => {
    // One interval alone has no neighbour to make a band with: a whisker shows it.
    if (run.length === 1) {
      const i = run[0] ?? 0;
      const ci = points[i]?.ci ?? [0, 0];
      return `<line class="whisker" x1="${coord(x(i))}" x2="${coord(x(i))}" y1="${coord(clampY(ci[0]))}" y2="${coord(clampY(ci[1]))}"/>`;
    }
    const upper = run.map((i) => `${coord(x(i))},${coord(clampY(points[i]?.ci?.[1] ?? 0))}`);
    const lower = [...run].reverse().map((i) => `${coord(x(i))},${coord(clampY(points[i]?.ci?.[0] ?? 0))}`);
    return `<polygon class="band" points="${[...upper, ...lower].join(' ')}"/>`;
  });
  const valueLines = runsOf(points, (p) => p.value !== null).map(
    (run) => `<polyline class="value" points="${run.map((i) => `${coord(x(i))},${coord(y(points[i]?.value ?? 0))}`).join(' ')}"/>`,
  );
  const dots = points.flatMap((p, i) =>
    p.value === null || slot < MIN_DOT_SLOT ? [] : [`<circle class="dot" cx="${coord(x(i))}" cy="${coord(y(p.value))}" r="3.5"/>`],
  );
  const lastValue = values.at(-1);
  const targetLines = lines.map((line) => {
    // The label sits on the side of the line away from the latest point, so that neither hides the other.
    const labelY = lastValue !== undefined && lastValue > line.value ? y(line.value) + 14 : y(line.value) - 5;
    return (
      `<line class="target" x1="${coord(left)}" x2="${coord(width - right)}" y1="${coord(y(line.value))}" y2="${coord(y(line.value))}"/>` +
      svgText(width - right - 4, labelY, line.label, 'target-label', 'end')
    );
  });
  const body = [...grid, ...bands, ...targetLines, ...valueLines, ...dots, ...periodLabels].join('\n');
  return renderChart({
    id: ids.next('trend'),
    title: `${sample.name} by period`,
    description: describeTrend(points, sample, lines, confidence),
    width,
    height,
    body,
  });
}

/** `2024-01 +75 (95% CI -7…+93, n 4); 2024-02 -25 (n 4); target >= 30.` */
function describeTrend(
  points: readonly TrendPoint[],
  sample: Result,
  lines: readonly { label: string }[],
  confidence: number | undefined,
): string {
  const label = formatIntervalLabel(confidence);
  const parts = points.map((p) => {
    const ci = p.ci === null ? '' : `${label} ${formatInterval(p.ci, sample.unit)}, `;
    return `${p.period} ${formatValue(p.value, sample.unit)} (${ci}n ${formatCount(p.n)})`;
  });
  return [...parts, ...lines.map((l) => l.label)].join('; ') + '.';
}

/** Runs of consecutive indexes whose item passes: a gap in the data is a gap in the line. */
function runsOf<T>(items: readonly T[], passes: (item: T) => boolean): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  items.forEach((item, i) => {
    if (passes(item)) current.push(i);
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  });
  if (current.length > 0) runs.push(current);
  return runs;
}
