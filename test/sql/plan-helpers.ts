/** The SQL unit tests' helpers: a field and a metric by id for their plans, and the results of rows as `xla score --from-sql` makes them. */
import { findField, type FieldDef } from '../../src/fields/catalog.js';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { MetricDef } from '../../src/metrics/types.js';
import { Scorecard } from '../../src/scorecard/engine.js';
import { snapshotOfRows, type SnapshotPlan, type SqlRow } from '../../src/sql/states.js';

/** A field by id, failing the test on a typo. */
export function field(id: string): FieldDef {
  const found = findField(id);
  if (found === undefined) throw new Error(`no field ${id}`);
  return found;
}

/** A metric by id, failing the test on a typo. */
export function metric(id: string): MetricDef {
  const found = findMetric(id);
  if (found === undefined) throw new Error(`no metric ${id}`);
  return found;
}

/** The results of a fresh scorecard (UTC, 95 %, Apdex T 0.5 s) that absorbed the rows' snapshot, judged at `asOf`. */
export function resultsOfRows(rows: readonly SqlRow[], plan: SnapshotPlan, asOf?: number) {
  const scorecard = new Scorecard({
    metrics: plan.metrics,
    metricContext: { scales: DEFAULT_SCALES, apdexT: 0.5, sla: {} },
    confidence: 0.95,
    by: plan.by,
    period: plan.period,
    tz: 'UTC',
    asOf,
  });
  scorecard.absorb(snapshotOfRows(rows, plan), { consume: true });
  return scorecard.results();
}
