// Test helpers for the metric tables: run a registry metric over rows, build ticket rows.
import { DEFAULT_SCALES, type CanonicalRow } from '../../src/fields/types.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { FinishContext, MetricContext, MetricDef, MetricValue } from '../../src/metrics/types.js';

// population 3 of the 4 users property tests draw: adoption_rate both as a rate and in excess; the
// self-service list lets them reach self_service_rate's channel branch too.
export const METRIC_CONTEXT: MetricContext = {
  scales: DEFAULT_SCALES,
  apdexT: 0.5,
  sla: {},
  population: 3,
  selfServiceChannels: ['Portal', 'chatbot'],
};
const FINISH_CONTEXT: FinishContext = { confidence: 0.95, asOf: undefined };

export function getMetric(id: string): MetricDef {
  const def = findMetric(id);
  if (def === undefined) throw new Error(`no metric ${id}`);
  return def;
}

export interface RunOptions {
  context?: Partial<MetricContext>;
  finish?: Partial<FinishContext>;
}

export function runMetric(id: string, rows: readonly CanonicalRow[], options: RunOptions = {}): MetricValue {
  const accumulator = getMetric(id).create({ ...METRIC_CONTEXT, ...options.context });
  const state = accumulator.init();
  for (const row of rows) accumulator.add(state, row);
  return accumulator.finish(state, { ...FINISH_CONTEXT, ...options.finish });
}

/** One row per value of a field; undefined stands for a missing answer. */
export function answers<K extends keyof CanonicalRow>(field: K, values: readonly CanonicalRow[K][]): CanonicalRow[] {
  return values.map((value) => ({ [field]: value }));
}

export const T0 = Date.UTC(2024, 0, 1);
const MS_PER_HOUR = 3_600_000;

/** The instant `hours` after T0. */
export function hoursAfterStart(hours: number): number {
  return T0 + hours * MS_PER_HOUR;
}

/** A ticket row with `is_resolved` derived as the field layer does: a resolved stamp means resolved. */
export function ticket(fields: CanonicalRow): CanonicalRow {
  return fields.resolved_at === undefined ? fields : { is_resolved: true, ...fields };
}
