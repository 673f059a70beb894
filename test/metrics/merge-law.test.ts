// Property tests over every registry entry (architecture.md "Tests"): the rows in any order, cut
// into any parts merged in any order, give bit for bit the result of accumulating them in one go
// (issue 16: sums are exact, so no last digit depends on order); values are never NaN or
// Infinity, finishing twice gives the same answer, and a metric never keeps a row the reader will reuse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { METRICS } from '../../src/metrics/registry.js';
import type { FinishContext, MetricDef, MetricValue } from '../../src/metrics/types.js';
import { freezeState, reviveState } from '../../src/scorecard/snapshot.js';
import { partsOf, reorderings } from '../stats/order-free.js';
import { anyRow, HOUR, int, sometimes } from './arbitrary-rows.js';
import { METRIC_CONTEXT, T0 } from './run-metric.js';

const rowArbitrary = anyRow;

const rowsArbitrary = fc.array(rowArbitrary, { maxLength: 25 });

const finishArbitrary: fc.Arbitrary<FinishContext> = fc.record({
  confidence: fc.constantFrom(0, 0.9, 0.95),
  asOf: sometimes(int(0, 1200).map((hours) => T0 + hours * HOUR)),
  windowStart: sometimes(int(0, 1200).map((hours) => T0 + hours * HOUR)),
  windowEnd: sometimes(int(0, 1200).map((hours) => T0 + hours * HOUR)),
});

/**
 * Feeds rows through one scratch object, as the reader does: a metric that kept a row would
 * see it change under it.
 */
function accumulate(def: MetricDef, rows: readonly CanonicalRow[]): unknown {
  const accumulator = def.create(METRIC_CONTEXT);
  const state = accumulator.init();
  const scratch: CanonicalRow = {};
  for (const row of rows) {
    for (const key of Object.keys(scratch)) Reflect.deleteProperty(scratch, key);
    Object.assign(scratch, row);
    accumulator.add(state, scratch);
  }
  for (const key of Object.keys(scratch)) Reflect.set(scratch, key, undefined);
  return state;
}

/** Bit for bit: value, n, ci and every detail number compared with Object.is (toStrictEqual does). */
function expectSameResult(actual: MetricValue, expected: MetricValue): void {
  expect(actual).toStrictEqual(expected);
}

function expectFinite(result: MetricValue): void {
  expect(result.value === null || Number.isFinite(result.value)).toBe(true);
  expect(result.n).toBeGreaterThanOrEqual(0);
  if (result.value === null && result.n === 0) expect(result.ci).toBeNull();
  for (const bound of result.ci ?? []) expect(Number.isFinite(bound)).toBe(true);
  for (const value of Object.values(result.detail ?? {})) {
    if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
  }
}

describe.each(METRICS.map((def) => [def.id, def] as const))('%s', (_id, def) => {
  it('finish(merge(acc(xs), acc(ys))) equals finish(acc(xs ++ ys)), never NaN or Infinity', () => {
    fc.assert(
      fc.property(rowsArbitrary, rowsArbitrary, finishArbitrary, (xs, ys, finish) => {
        const accumulator = def.create(METRIC_CONTEXT);
        const whole = accumulator.finish(accumulate(def, [...xs, ...ys]), finish);
        const merged = accumulator.finish(accumulator.merge(accumulate(def, xs), accumulate(def, ys)), finish);
        expectSameResult(merged, whole);
        expectFinite(whole);
        expectFinite(merged);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same bits for the rows in any order, cut into any parts merged in any order after a structured clone', () => {
    fc.assert(
      fc.property(reorderings(rowArbitrary, 25), finishArbitrary, ({ items, shuffled, cuts, mergeOrder }, finish) => {
        const accumulator = def.create(METRIC_CONTEXT);
        const whole = accumulator.finish(accumulate(def, items), finish);
        const parts = partsOf(shuffled, cuts, mergeOrder).map((part) => reviveState(structuredClone(freezeState(accumulate(def, part)))));
        const merged = parts.reduce((state, part) => accumulator.merge(state, part), accumulator.init());
        expectSameResult(accumulator.finish(merged, finish), whole);
      }),
      { numRuns: 100 },
    );
  });

  it('finishes the same state twice with the same answer, whatever the order of asOf', () => {
    fc.assert(
      fc.property(rowsArbitrary, finishArbitrary, finishArbitrary, (rows, first, second) => {
        const accumulator = def.create(METRIC_CONTEXT);
        const state = accumulate(def, rows);
        const before = accumulator.finish(state, second);
        accumulator.finish(state, first);
        expectSameResult(accumulator.finish(state, second), before);
      }),
      { numRuns: 50 },
    );
  });
});
