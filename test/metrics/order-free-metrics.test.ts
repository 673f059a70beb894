// Issue 18, item 8: every registry metric gives the same bits whatever the rows' order and however
// a file is cut into parts (one per thread, merged in part order after a structured clone), for
// the values exports really hold — decimals as written (0.4523, 12.5 key events, 183.417 s), with
// extreme magnitudes mixed in (near 1e308, subnormals, more places than a value is read with).
// merge-law.test.ts checks the same law on rows of valid small values; these rows are harsher.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { METRICS } from '../../src/metrics/registry.js';
import type { FinishContext, MetricDef } from '../../src/metrics/types.js';
import { freezeState, reviveState } from '../../src/scorecard/snapshot.js';
import { extremeValue, partsOf, reorderings, writtenDecimal } from '../stats/order-free.js';
import { anyRow, sometimes } from './arbitrary-rows.js';
import { METRIC_CONTEXT } from './run-metric.js';

/**
 * Written decimals (counts, rates and durations as exports write them) and some extreme values,
 * never negative: the field layer rejects negative counts and durations.
 */
const harshNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: writtenDecimal.map((d) => Math.abs(d.value)) },
  { weight: 1, arbitrary: extremeValue.map(Math.abs) },
);

/** Counts as the field layer bounds them (src/fields/kinds: 0 to 2^53 − 1), fractions allowed. */
const harshCount = harshNumber.filter((x) => x <= Number.MAX_SAFE_INTEGER);

/** The numeric fields summed, weighted or averaged (not the 0–10 answers, which are counted). */
const harshFields = fc.record({
  visitors: sometimes(harshCount),
  sessions: sometimes(harshCount),
  conversions: sometimes(harshCount),
  bounces: sometimes(harshCount),
  bounce_rate: sometimes(
    fc.oneof(
      writtenDecimal.map((d) => Math.abs(d.value) / 10 ** 6),
      extremeValue.map(Math.abs),
    ),
  ),
  pageviews: sometimes(harshCount),
  engagement_time: sometimes(harshNumber),
  downloads: sometimes(harshCount),
  requests: sometimes(harshCount),
  errors: sometimes(harshCount),
  response_time: sometimes(harshNumber),
  rating: sometimes(harshNumber),
  sentiment: sometimes(harshNumber),
  lost_time: sometimes(harshNumber),
});

/** Any row, its numeric fields replaced by harsh values where drawn (undefined keeps the row's own). */
const harshRow: fc.Arbitrary<CanonicalRow> = fc
  .tuple(anyRow, harshFields)
  .map(([row, harsh]) => ({ ...row, ...Object.fromEntries(Object.entries(harsh).filter(([, value]) => value !== undefined)) }));

const FINISH: FinishContext = { confidence: 0.95, asOf: undefined };

function accumulate(def: MetricDef, rows: readonly CanonicalRow[]): unknown {
  const accumulator = def.create(METRIC_CONTEXT);
  const state = accumulator.init();
  for (const row of rows) accumulator.add(state, { ...row });
  return state;
}

/** As a worker hands a part's state to the main thread. */
function acrossThreads(state: unknown): unknown {
  return reviveState(structuredClone(freezeState(state)));
}

describe.each(METRICS.map((def) => [def.id, def] as const))('%s', (_id, def) => {
  it('gives one pass’s bits for the rows cut into parts merged in part order, and for the rows in any order', () => {
    fc.assert(
      fc.property(reorderings(harshRow, 30), ({ items, shuffled, cuts, mergeOrder }) => {
        const accumulator = def.create(METRIC_CONTEXT);
        const whole = accumulator.finish(accumulate(def, items), FINISH);
        const merge = (parts: CanonicalRow[][]): unknown =>
          parts
            .map((part) => acrossThreads(accumulate(def, part)))
            .reduce((state, part) => accumulator.merge(state, part), accumulator.init());
        // toStrictEqual compares numbers with Object.is: bit for bit, -0 and NaN included.
        expect(accumulator.finish(merge(partsOf(items, cuts, [0, 1, 2, 3, 4])), FINISH)).toStrictEqual(whole);
        expect(accumulator.finish(merge(partsOf(shuffled, cuts, mergeOrder)), FINISH)).toStrictEqual(whole);
        expect(accumulator.finish(accumulate(def, shuffled), FINISH)).toStrictEqual(whole);
      }),
      { numRuns: 60 },
    );
  });
});
