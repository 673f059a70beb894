/** A field and a metric by id for the SQL tests' plans, failing the test on a typo. */
import { findField, type FieldDef } from '../../src/fields/catalog.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { MetricDef } from '../../src/metrics/types.js';

export function field(id: string): FieldDef {
  const found = findField(id);
  if (found === undefined) throw new Error(`no field ${id}`);
  return found;
}

export function metric(id: string): MetricDef {
  const found = findMetric(id);
  if (found === undefined) throw new Error(`no metric ${id}`);
  return found;
}
