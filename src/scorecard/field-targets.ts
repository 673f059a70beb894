/**
 * Targets on a metric that reports one value per field (data completeness and validity,
 * MetricDef#byField): `where: { field: resolved_at }` picks that field's value, and `each: field`
 * gives one verdict per field. For every other metric `field` stays an ordinary column name.
 * The rows such a target reads are filtered by the rest of its `where` and grouped by its `each`
 * when that is a column; the field is picked from the results afterwards.
 */
import type { MetricDef } from '../metrics/types.js';
import type { Result } from './model.js';
import type { TargetRule } from './rules.js';

/** The segment key a per-field result carries its field in (metrics.md §5.6). */
export const FIELD_KEY = 'field';

type FieldTarget = Pick<TargetRule, 'where' | 'each'>;

/** Whether `name` (a `where` key or the `each` column) names the metric's fields rather than a column. */
export function isFieldSelector(metric: Pick<MetricDef, 'byField'>, name: string | null): boolean {
  return metric.byField === true && name === FIELD_KEY;
}

/** The target's `where` as a filter of rows: without `field` when it selects fields. */
export function rowWhere(rule: FieldTarget, metric: Pick<MetricDef, 'byField'>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(rule.where).filter(([column]) => !isFieldSelector(metric, column)));
}

/** The target's `each` as a column to group rows by: none when it is `field`. */
export function rowEach(rule: FieldTarget, metric: Pick<MetricDef, 'byField'>): string | null {
  return isFieldSelector(metric, rule.each) ? null : rule.each;
}

/** The fields a target's `where` picks; undefined when it picks none (or the metric has no fields). */
export function pickedFields(rule: FieldTarget, metric: Pick<MetricDef, 'byField'>): readonly string[] | undefined {
  return metric.byField === true ? rule.where[FIELD_KEY] : undefined;
}

/**
 * The results a target judges (judge-run.ts reads the overall result, or each `each` segment):
 * `each: field` keeps the per-field results (those `where` picks); `where: { field: x }` keeps x's
 * results, its field taken out of the segment so that they stand where the overall ones stood;
 * otherwise the per-field results are dropped. Results of a metric without fields pass as they are.
 */
export function targetResults(rule: FieldTarget, metric: Pick<MetricDef, 'byField'>, results: readonly Result[]): readonly Result[] {
  if (metric.byField !== true) return results;
  const picked = pickedFields(rule, metric);
  const fieldOf = (result: Result): string | undefined => result.segment[FIELD_KEY];
  if (isFieldSelector(metric, rule.each)) {
    return results.filter((result) => {
      const field = fieldOf(result);
      return field !== undefined && (picked === undefined || picked.includes(field));
    });
  }
  if (picked === undefined) return results.filter((result) => fieldOf(result) === undefined);
  return results.flatMap((result) => {
    const field = fieldOf(result);
    if (field === undefined || !picked.includes(field)) return [];
    return [{ ...result, segment: Object.fromEntries(Object.entries(result.segment).filter(([key]) => key !== FIELD_KEY)) }];
  });
}
