/**
 * Every metric xla knows, in one list (architecture.md "One place for each fact"): adding a metric
 * is one entry in its family file and its tests.
 */
import { closestName } from '../fields/closest-name.js';
import type { Kind } from '../fields/types.js';
import { ANALYTICS_METRICS } from './analytics.js';
import { CUSTOMER_METRICS } from './customers.js';
import { DATA_QUALITY_METRICS } from './data-quality.js';
import { INSTRUMENT_METRICS } from './instruments.js';
import { MX_METRICS } from './mx.js';
import { SURVEY_METRICS } from './survey.js';
import { TASK_METRICS } from './tasks.js';
import { TICKET_METRICS } from './tickets.js';
import { USAGE_METRICS } from './usage.js';
import { WATERMELON_METRICS } from './watermelon.js';
import type { MetricDef } from './types.js';

/** Stable order (survey, the survey instruments, tickets and their watermelon rates, the multi-experience (MX) rates of tickets, analytics, usability tasks, customers, data quality): `xla metrics` and reports list metrics in it. */
export const METRICS: readonly MetricDef[] = [
  ...SURVEY_METRICS,
  ...INSTRUMENT_METRICS,
  ...TICKET_METRICS,
  ...WATERMELON_METRICS,
  ...MX_METRICS,
  ...ANALYTICS_METRICS,
  // Product usage (issue 21): active users, stickiness, new users, adoption.
  ...USAGE_METRICS,
  ...TASK_METRICS,
  // customers (issue 21)
  ...CUSTOMER_METRICS,
  ...DATA_QUALITY_METRICS,
];

const METRICS_BY_ID: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((def) => [def.id, def]));

export function findMetric(id: string): MetricDef | undefined {
  return METRICS_BY_ID.get(id);
}

/** Metrics that data of this kind can feed (`csat` is both a survey and a ticket metric). */
export function metricsForKind(kind: Kind): readonly MetricDef[] {
  return METRICS.filter((def) => def.kinds.includes(kind));
}

/**
 * The known id closest to `id` by edit distance (ignoring case), for "did you mean"; undefined
 * when nothing is close. Ties go to the earlier registry entry.
 */
export function suggestMetricId(id: string): string | undefined {
  return closestName(
    id,
    METRICS.map((def) => def.id),
  );
}
