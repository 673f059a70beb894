/**
 * Fair segment rankings (`--rank`, issue 22): which team is really worst, or is it just small?
 *
 * Per metric and period, the `--by` segments are ordered by value, and each is compared with
 * funnel-plot control limits (Spiegelhalter 2005, "Funnel plots for comparing institutional
 * performance"): overall ± z·σ/√nᵢ, where σ is the spread of one observation around the overall
 * value. A segment is flagged only outside its own limits, so a small team's bad week, whose
 * limits are wide, is not called the worst. The limits use the normal approximation at the run's
 * confidence (two-sided), centred on the overall (unsegmented) result of the same period; metrics
 * without a per-observation spread (percentiles, counts, durations) are ranked without limits.
 */
import { findMetric } from '../metrics/registry.js';
import type { IntervalMethod } from '../metrics/types.js';
import { zForConfidence } from '../stats/normal.js';
import type { RankGroup, RankRow, Result } from './model.js';

type Detail = Readonly<Record<string, number | string | null>>;

/** Rankings of every metric and period that has results for exactly the `by` columns. */
export function rankSegments(results: readonly Result[], by: readonly string[], confidence: number): RankGroup[] {
  if (by.length === 0) return [];
  const groups = new Map<string, { overall: Result | undefined; segments: Result[] }>();
  const groupOf = (result: Result): { overall: Result | undefined; segments: Result[] } => {
    const key = `${result.metric}\u001f${result.period ?? ''}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { overall: undefined, segments: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const result of results) {
    const keys = Object.keys(result.segment);
    if (keys.length === 0) groupOf(result).overall = result;
    else if (isSegmentOf(keys, by)) groupOf(result).segments.push(result);
  }
  const ranked: RankGroup[] = [];
  for (const { overall, segments } of groups.values()) {
    const first = segments[0];
    if (first === undefined) continue;
    ranked.push(rankGroup(first, overall, segments, by, confidence));
  }
  return ranked;
}

function isSegmentOf(keys: readonly string[], by: readonly string[]): boolean {
  return keys.length === by.length && by.every((column) => keys.includes(column));
}

function rankGroup(
  first: Result,
  overall: Result | undefined,
  segments: readonly Result[],
  by: readonly string[],
  confidence: number,
): RankGroup {
  const method = findMetric(first.metric)?.interval ?? 'none';
  const centre = overall?.value ?? null;
  const spread = overall === undefined || centre === null ? null : spreadPerObservation(method, overall.detail ?? {}, centre);
  const z = confidence > 0 && confidence < 1 ? zForConfidence(confidence) : null;
  const sorted = [...segments].sort(byValueThenSegment(first.better === 'lower'));
  const rows = sorted.map((result): RankRow => {
    const limits =
      centre === null || spread === null || z === null || result.n <= 0 ? null : funnelLimits(centre, spread, result.n, z, first.unit);
    return {
      position: null,
      segment: result.segment,
      value: result.value,
      n: result.n,
      ci: result.ci,
      limits,
      flag: flagOf(result.value, limits),
    };
  });
  assignPositions(rows);
  return {
    metric: first.metric,
    name: first.name,
    unit: first.unit,
    better: first.better,
    period: first.period,
    by: [...by],
    overall: centre,
    confidence,
    rows,
  };
}

/**
 * σ of one observation in the metric's unit, from the overall result's counts: a rate's
 * √(p(1 − p)) in %, a net score's √(p + d − (p − d)²) in points, Apdex's √(s + t/4 − A²), a mean's
 * SD. Null where the metric has none (percentiles, counts, durations) or the counts are missing.
 */
export function spreadPerObservation(method: IntervalMethod, detail: Detail, overall: number): number | null {
  switch (method) {
    case 'wilson': {
      const p = overall / 100;
      return 100 * Math.sqrt(Math.max(0, p * (1 - p)));
    }
    case 'nps-adjusted-wald': {
      const promoters = count(detail.promoters);
      const detractors = count(detail.detractors);
      const n = promoters + count(detail.passives) + detractors;
      if (n === 0) return null;
      const net = (promoters - detractors) / n;
      return 100 * Math.sqrt(Math.max(0, (promoters + detractors) / n - net * net));
    }
    case 'apdex-adjusted-wald': {
      const satisfied = count(detail.satisfied);
      const tolerating = count(detail.tolerating);
      const n = satisfied + tolerating + count(detail.frustrated);
      if (n === 0) return null;
      return Math.sqrt(Math.max(0, (satisfied + tolerating / 4) / n - overall * overall));
    }
    case 't':
      return typeof detail.sd === 'number' && detail.sd >= 0 ? detail.sd : null;
    case 'none':
      return null;
  }
}

/** overall ± z·σ/√n, kept inside the scale of a rate (0–100 %) or a net score (±100). */
export function funnelLimits(overall: number, spread: number, n: number, z: number, unit: Result['unit']): [number, number] {
  const half = (z * spread) / Math.sqrt(n);
  const [floor, ceiling] = unit === '%' ? [0, 100] : unit === 'points' ? [-100, 100] : [-Infinity, Infinity];
  return [Math.max(floor, overall - half), Math.min(ceiling, overall + half)];
}

function flagOf(value: number | null, limits: [number, number] | null): RankRow['flag'] {
  if (value === null || limits === null) return null;
  return value > limits[1] ? 'above' : value < limits[0] ? 'below' : 'within';
}

/** Best first; equal values by segment text, so the order never depends on the data's row order. */
function byValueThenSegment(lowerIsBetter: boolean): (a: Result, b: Result) => number {
  return (a, b) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return lowerIsBetter ? a.value - b.value : b.value - a.value;
    }
    return segmentText(a).localeCompare(segmentText(b), 'en');
  };
}

const segmentText = (result: Result): string => JSON.stringify(Object.entries(result.segment).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Competition ranking (1, 2, 2, 4): equal values share a place; a segment without a value has none. */
function assignPositions(rows: RankRow[]): void {
  rows.forEach((row, i) => {
    if (row.value === null) return;
    const previous = rows[i - 1];
    row.position = previous !== undefined && previous.value === row.value ? previous.position : i + 1;
  });
}

function count(value: number | string | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
