/**
 * Every metric xla knows, in one list (architecture.md "One place for each fact"): adding a metric
 * is one entry in its family file and its tests.
 */
import type { Kind } from '../fields/types.js';
import { ANALYTICS_METRICS } from './analytics.js';
import { SURVEY_METRICS } from './survey.js';
import { TICKET_METRICS } from './tickets.js';
import type { MetricDef } from './types.js';

/** Stable order (survey, tickets, analytics): `xla metrics` and reports list metrics in it. */
export const METRICS: readonly MetricDef[] = [...SURVEY_METRICS, ...TICKET_METRICS, ...ANALYTICS_METRICS];

const METRICS_BY_ID: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((def) => [def.id, def]));

export function findMetric(id: string): MetricDef | undefined {
  return METRICS_BY_ID.get(id);
}

/** Metrics that data of this kind can feed (`csat` is both a survey and a ticket metric). */
export function metricsForKind(kind: Kind): readonly MetricDef[] {
  return METRICS.filter((def) => def.kinds.includes(kind));
}

/** Levenshtein distance, two rows at a time. */
export function measureEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** A typo costs one edit per few characters; beyond that a suggestion is noise. */
function maxSuggestionDistance(id: string): number {
  return Math.max(2, Math.floor(id.length / 3));
}

/**
 * The known id closest to `id` by edit distance (ignoring case), for "did you mean"; undefined
 * when nothing is close. Ties go to the earlier registry entry.
 */
export function suggestMetricId(id: string): string | undefined {
  const wanted = id.toLowerCase();
  let best: { id: string; distance: number } | undefined;
  for (const def of METRICS) {
    const distance = measureEditDistance(wanted, def.id);
    if (best === undefined || distance < best.distance) best = { id: def.id, distance };
  }
  return best !== undefined && best.distance <= maxSuggestionDistance(wanted) ? best.id : undefined;
}
