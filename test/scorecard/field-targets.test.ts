// Targets on per-field metrics: where.field picks a field, each: field gives one verdict per field;
// `field` on other metrics stays a column.
import { describe, expect, it } from 'vitest';
import { rowEach, rowWhere, targetResults } from '../../src/scorecard/field-targets.js';
import type { Result } from '../../src/scorecard/model.js';

const PER_FIELD = { byField: true };
const PLAIN = {};
const result = (segment: Record<string, string>, value: number): Result => ({
  metric: 'data.completeness',
  name: 'Completeness',
  domain: 'data',
  unit: '%',
  better: 'higher',
  segment,
  period: null,
  value,
  n: 10,
  ci: null,
});
// Overall 85, resolved_at 70, id 100.
const RESULTS = [result({}, 85), result({ field: 'resolved_at' }, 70), result({ field: 'id' }, 100)];

describe('targets on a per-field metric', () => {
  it('where.field picks that field’s value, standing where the overall value stood', () => {
    const rule = { where: { field: ['resolved_at'] }, each: null };
    expect(targetResults(rule, PER_FIELD, RESULTS)).toStrictEqual([{ ...result({}, 70) }]);
    expect(rowWhere(rule, PER_FIELD)).toStrictEqual({});
  });

  it('each: field keeps one result per field (those where.field names, when it names some)', () => {
    expect(targetResults({ where: {}, each: 'field' }, PER_FIELD, RESULTS).map((r) => r.value)).toStrictEqual([70, 100]);
    expect(targetResults({ where: { field: ['id'] }, each: 'field' }, PER_FIELD, RESULTS).map((r) => r.value)).toStrictEqual([100]);
    expect(rowEach({ where: {}, each: 'field' }, PER_FIELD)).toBeNull();
  });

  it('without a field selector, the per-field results are dropped and the overall one judged', () => {
    expect(targetResults({ where: {}, each: null }, PER_FIELD, RESULTS).map((r) => r.value)).toStrictEqual([85]);
  });

  it('keeps other columns of where and each as row filters', () => {
    const rule = { where: { field: ['id'], priority: ['P1'] }, each: 'team' };
    expect(rowWhere(rule, PER_FIELD)).toStrictEqual({ priority: ['P1'] });
    expect(rowEach(rule, PER_FIELD)).toBe('team');
  });

  it('on other metrics, field is an ordinary column', () => {
    const rule = { where: { field: ['x'] }, each: 'field' };
    expect(rowWhere(rule, PLAIN)).toStrictEqual({ field: ['x'] });
    expect(rowEach(rule, PLAIN)).toBe('field');
    expect(targetResults(rule, PLAIN, RESULTS)).toBe(RESULTS);
  });
});
