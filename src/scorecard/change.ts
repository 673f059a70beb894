import type { IntervalMethod, MetricDef } from '../metrics/types.js';
import { npsDifferenceTest, twoProportionTest, welchTest } from '../stats/significance.js';
import type { Change, Result } from './model.js';

/**
 * Adds `change` to every period result but a segment's first: the delta against the previous
 * period present for the same metric and segment, and a significance test where one applies
 * (metrics.md §6.5): proportions by the pooled z-test, nets by the NPS z-test, means by Welch.
 */
export function compareChange(results: Result[], plan: { metrics: readonly MetricDef[]; confidence: number }): Result[] {
  const methods = new Map(plan.metrics.map((metric) => [metric.id, metric.interval]));
  const previous = new Map<string, Result>();
  for (const result of results) {
    if (result.period === null) continue;
    const key = `${result.metric}\u001f${JSON.stringify(result.segment)}`;
    const before = previous.get(key);
    if (before !== undefined && before.period !== null) {
      result.change = describeChange(before, result, methods.get(result.metric) ?? 'none', plan.confidence);
    }
    previous.set(key, result);
  }
  return results;
}

function describeChange(before: Result, after: Result, method: IntervalMethod, confidence: number): Change {
  const delta = before.value === null || after.value === null ? null : after.value - before.value;
  const p = delta === null ? null : testChange(before, after, method);
  return {
    from: before.period ?? '',
    delta,
    p,
    significant: p === null || confidence <= 0 ? null : p < 1 - confidence,
  };
}

function testChange(before: Result, after: Result, method: IntervalMethod): number | null {
  const a = before.detail ?? {};
  const b = after.detail ?? {};
  switch (method) {
    case 'wilson':
      return twoProportionTest(num(a.x), num(a.n), num(b.x), num(b.n))?.p ?? null;
    case 'nps-wald':
      return npsDifferenceTest(netCounts(a), netCounts(b))?.p ?? null;
    case 't': {
      const sdA = a.sd;
      const sdB = b.sd;
      if (typeof sdA !== 'number' || typeof sdB !== 'number') return null;
      return welchTest({ n: before.n, mean: num(a.mean), sd: sdA }, { n: after.n, mean: num(b.mean), sd: sdB })?.p ?? null;
    }
    default:
      return null;
  }
}

function num(value: number | string | null | undefined): number {
  return typeof value === 'number' ? value : 0;
}

function netCounts(detail: Readonly<Record<string, number | string | null>>): { promoters: number; passives: number; detractors: number } {
  return { promoters: num(detail.promoters), passives: num(detail.passives), detractors: num(detail.detractors) };
}
