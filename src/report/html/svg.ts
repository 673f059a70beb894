import type { Unit } from '../../metrics/types.js';
import { roundHalfAway } from '../round.js';
import { formatThreshold } from '../units.js';
import { escapeHtml } from './escape.js';

/** Hands out ids unique within one document (`chart-1`, `chart-2`…), in render order: same report, same ids. */
export interface IdSource {
  next(prefix: string): string;
}

export function createIdSource(): IdSource {
  let count = 0;
  return {
    next(prefix) {
      count += 1;
      return `${prefix}-${String(count)}`;
    },
  };
}

/** A coordinate as SVG text: one decimal is finer than a screen pixel, and keeps the file small. */
export function coord(value: number): string {
  return String(roundHalfAway(value, 1));
}

/** value ↦ position, linear; a zero-width domain maps to the middle of the range. */
export function scaleLinear(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/** Steps a duration axis reads well in, in seconds: 1s … 30s, 1m … 30m, 1h … 12h, 1d … 30d. */
const DURATION_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 432_000, 864_000, 2_592_000,
];

/**
 * Round ticks around [min, max]: about `count` of them, at 1, 2 or 5 × 10^k (at whole minutes,
 * hours or days for durations), and the domain widened to the outer ticks so that the data sits
 * inside the axis.
 */
export function niceAxis(min: number, max: number, unit: Unit, count = 5): Axis {
  const [low, high] = min === max ? [min - Math.max(Math.abs(min) * 0.1, 1), max + Math.max(Math.abs(max) * 0.1, 1)] : [min, max];
  const step = chooseStep((high - low) / count, unit);
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  const ticks: number[] = [];
  for (let i = first; i <= last; i += 1) ticks.push(roundHalfAway(i * step, 10));
  return { domain: [roundHalfAway(first * step, 10), roundHalfAway(last * step, 10)], ticks };
}

function chooseStep(rough: number, unit: Unit): number {
  if (unit === 's') {
    const step = DURATION_STEPS.find((s) => s >= rough);
    if (step !== undefined) return step;
  }
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= rough) ?? 10;
  return multiple * power;
}

/** A tick label as a person writes the number: `85%`, `+30`, `4h`, `500 ms`. */
export function formatTick(value: number, unit: Unit): string {
  return formatThreshold(value, unit);
}

/** The interval's extent used for the axis: at most one data span beyond the values, so one wide interval of a tiny sample does not flatten the rest. */
export function axisExtent(values: readonly number[], intervals: readonly (readonly [number, number])[], unit: Unit): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  // Values all alike (a rate of 0 in every period) give no span to measure by: the intervals then set the axis.
  const spread = Math.max(high - low, Math.abs(high) * 0.1, Math.abs(low) * 0.1);
  const reach = spread === 0 ? Number.POSITIVE_INFINITY : spread;
  const ciLow = Math.min(low, ...intervals.map(([l]) => Math.max(l, low - reach)));
  const ciHigh = Math.max(high, ...intervals.map(([, h]) => Math.min(h, high + reach)));
  // Percentages cannot leave 0–100: an interval past them is the method's, not the data's.
  return unit === '%' ? [Math.max(0, ciLow), Math.min(100, ciHigh)] : [ciLow, ciHigh];
}

export interface ChartParts {
  id: string;
  /** The chart's accessible name. */
  title: string;
  /** The numbers the chart shows, in words: its text alternative. */
  description: string;
  width: number;
  height: number;
  /** SVG elements, already escaped. */
  body: string;
}

/** An inline SVG chart named by its title and described by its numbers, for screen readers. */
export function renderChart(parts: ChartParts): string {
  const { id, width, height } = parts;
  return [
    `<svg class="chart" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" viewBox="0 0 ${String(width)} ${String(height)}" preserveAspectRatio="xMinYMin meet">`,
    `<title id="${id}-title">${escapeHtml(parts.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(parts.description)}</desc>`,
    parts.body,
    '</svg>',
  ].join('\n');
}

/** `<text>` at (x, y) with a class and an anchor; the text is escaped here. */
export function svgText(x: number, y: number, text: string, className: string, anchor: 'start' | 'middle' | 'end' = 'start'): string {
  const anchorAttribute = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  return `<text x="${coord(x)}" y="${coord(y)}" class="${className}"${anchorAttribute}>${escapeHtml(text)}</text>`;
}
