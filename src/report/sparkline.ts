import type { Result } from '../scorecard/model.js';

/**
 * Sparklines: a metric's values across periods in eight Unicode block heights (▁…█), one
 * character per period, for the terminal table and Markdown. A period without a value is a
 * space, so a gap reads as a gap, not as a low. Scaled to the series' own minimum and maximum:
 * the shape of the trend, not its size (the value column gives that).
 */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export function formatSparkline(values: readonly (number | null)[]): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return '';
  const low = Math.min(...present);
  const span = Math.max(...present) - low;
  return values
    .map((value) => {
      if (value === null) return ' ';
      // A flat series sits mid-height: neither a floor nor a ceiling.
      const level = span === 0 ? 3 : Math.round(((value - low) / span) * (BLOCKS.length - 1));
      return BLOCKS[level] ?? ' ';
    })
    .join('');
}

/**
 * Each metric-and-segment's values in period order, keyed for `trendOf`; only series with two
 * values or more, where there is a trend to see. Periods are taken from the whole report, so a
 * segment missing a period shows a gap where the others have a value.
 */
export function collectTrends(results: readonly Result[]): ReadonlyMap<string, string> {
  const periods = [...new Set(results.flatMap((result) => (result.period === null ? [] : [result.period])))].sort();
  if (periods.length < 2) return new Map();
  const series = new Map<string, Map<string, number | null>>();
  for (const result of results) {
    if (result.period === null) continue;
    const key = trendKey(result);
    const values = series.get(key) ?? new Map<string, number | null>();
    values.set(result.period, result.value);
    series.set(key, values);
  }
  const trends = new Map<string, string>();
  for (const [key, values] of series) {
    if ([...values.values()].filter((value) => value !== null).length < 2) continue;
    trends.set(key, formatSparkline(periods.map((period) => values.get(period) ?? null)));
  }
  return trends;
}

/** Whether any whole-window row of these results has a trend to show (else no Trend column). */
export function hasTrends(trends: ReadonlyMap<string, string>, results: readonly Result[]): boolean {
  return trends.size > 0 && results.some((result) => trendOf(trends, result) !== '');
}

/** The sparkline of a result's metric and segment (shown on its whole-window row), or ''. */
export function trendOf(trends: ReadonlyMap<string, string>, result: Result): string {
  return result.period === null ? (trends.get(trendKey(result)) ?? '') : '';
}

function trendKey(result: Result): string {
  const segment = Object.entries(result.segment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${result.metric}\u001f${JSON.stringify(segment)}`;
}
