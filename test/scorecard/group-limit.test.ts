// The limit on groups: a run whose report would hold more than MAX_REPORT_RESULTS results stops
// at the row that makes one group too many, whatever the order of the rows and however they are
// shared between scorecards (threads) and merged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { XlaError } from '../../src/errors.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { Accumulator, MetricDef } from '../../src/metrics/types.js';
import { FEWER_GROUPS_HINT, MAX_REPORT_RESULTS, Scorecard } from '../../src/scorecard/engine.js';
import type { RowFeeder } from '../../src/scorecard/engine.js';
import type { Period } from '../../src/time/periods.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/**
 * `count` metrics of one shared state: the limit on groups is MAX_REPORT_RESULTS ÷ count, small
 * enough to reach in a test, while every row feeds one state. `onAdd` counts the rows fed.
 */
function manyMetrics(count: number, onAdd: () => void = () => undefined): MetricDef[] {
  const tickets = findMetric('tickets') as MetricDef;
  const inner = tickets.create({ scales: DEFAULT_SCALES, apdexT: 0.5, sla: {} });
  const counting: Accumulator<unknown> = { ...inner, add: (state, row) => (onAdd(), inner.add(state, row)) };
  const metric: MetricDef = { ...tickets, sharedState: 'all', create: () => counting };
  return Array.from({ length: count }, () => metric);
}

function scorecard(metrics: readonly MetricDef[], by: readonly string[], period: Period | null): Scorecard {
  return new Scorecard({
    metrics,
    metricContext: { scales: DEFAULT_SCALES, apdexT: 0.5, sla: {} },
    confidence: 0.95,
    by,
    period,
    tz: 'UTC',
    asOf: undefined,
  });
}

interface Row {
  segment: string;
  day: number;
}

/** Each scorecard's one feeder: every metric here has the id `tickets` (asked once per card, as a source does). */
const feeders = new WeakMap<Scorecard, RowFeeder>();

function feederOf(card: Scorecard): RowFeeder {
  let feed = feeders.get(card);
  if (feed === undefined) {
    feed = card.feederFor(['tickets']);
    feeders.set(card, feed);
  }
  return feed;
}

function addRow(card: Scorecard, row: Row): void {
  const stamp = T0 + row.day * DAY;
  feederOf(card)({ created_at: stamp }, [row.segment], stamp);
}

function caught(run: () => void): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('the limit on groups', () => {
  it('allows as many groups as the results allow, and stops at the row that makes one more', () => {
    // 1,000 metrics: 1,000 groups at most, the overall one and 999 segments.
    let fed = 0;
    const card = scorecard(
      manyMetrics(1000, () => (fed += 1)),
      ['customer'],
      null,
    );
    for (let i = 0; i < 999; i += 1) addRow(card, { segment: `c${i}`, day: 0 });
    addRow(card, { segment: 'c0', day: 1 });
    expect(fed).toBe(1000);
    const error = caught(() => addRow(card, { segment: 'c999', day: 0 }));
    expect(error).toBeInstanceOf(XlaError);
    expect((error as XlaError).exitCode).toBe(2);
    expect((error as XlaError).message).toBe(
      '--by customer: over 1,000 groups, each a row of the report for 1,000 metrics: more than the 1,000,000 results a report can hold',
    );
    expect((error as XlaError).hint).toBe(FEWER_GROUPS_HINT);
    // The row that would make the group was not fed, and no cell was made for it.
    expect(fed).toBe(1000);
    expect(card.footprint().groups).toBe(999);
  });

  it('counts the overall row, each period, each segment and each segment × period', () => {
    // 10 segments × 10 days: 1 + 10 + 10 + 100 = 121 groups; 8,264 metrics allow 121 (1,000,000 ÷ 8,264 = 121.005).
    const metrics = manyMetrics(8264);
    expect(Math.floor(MAX_REPORT_RESULTS / metrics.length)).toBe(121);
    const grid = Array.from({ length: 100 }, (_, i): Row => ({ segment: `s${i % 10}`, day: Math.floor(i / 10) }));
    const full = scorecard(metrics, ['team'], 'day');
    for (const row of grid) addRow(full, row);
    expect(full.footprint().groups).toBe(100);
    // The groups counted are the report's rows for each metric.
    const one = scorecard(manyMetrics(1), ['team'], 'day');
    for (const row of grid) addRow(one, row);
    expect(one.results()).toHaveLength(121);
    // One more day, one more segment, or a row without a segment on a new day: each is a group too many.
    for (const extra of [
      { segment: 's0', day: 10 },
      { segment: 's10', day: 0 },
    ]) {
      const card = scorecard(metrics, ['team'], 'day');
      for (const row of grid) addRow(card, row);
      expect(() => addRow(card, extra)).toThrow('--by team --period day: over 121 groups');
    }
    const unsegmented = scorecard(metrics, ['team'], 'day');
    for (const row of grid) addRow(unsegmented, row);
    expect(() => feederOf(unsegmented)({ created_at: T0 + 10 * DAY }, null, T0 + 10 * DAY)).toThrow(/over 121 groups/);
  });

  it('names the breakdown the plan gives (a target each) in the message', () => {
    const card = new Scorecard({
      metrics: manyMetrics(100_000),
      metricContext: { scales: DEFAULT_SCALES, apdexT: 0.5, sla: {} },
      confidence: 0.95,
      by: ['customer'],
      period: null,
      tz: 'UTC',
      asOf: undefined,
      breakdown: 'target sla: each customer',
    });
    // 100,000 metrics: 10 groups, the overall one and 9 customers.
    for (const customer of 'abcdefghi') addRow(card, { segment: customer, day: 0 });
    expect(() => addRow(card, { segment: 'j', day: 0 })).toThrow(/^target sla: each customer: over 10 groups/);
  });

  it('gives the same verdict in any row order, and when parts are scored apart and merged', () => {
    // 1,000 metrics: 1,000 groups at most. Up to 30 segments × 40 days make up to 1,271.
    const metrics = manyMetrics(1000);
    const row = fc.record({ segment: fc.integer({ min: 0, max: 29 }).map((i) => `s${i}`), day: fc.integer({ min: 0, max: 39 }) });
    let over = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1200, maxLength: 3000 }), fc.nat(), fc.nat(), (rows, cut, seed) => {
        const groups =
          1 +
          new Set(rows.map((r) => r.day)).size +
          new Set(rows.map((r) => r.segment)).size +
          new Set(rows.map((r) => `${r.segment} ${r.day}`)).size;
        const isOver = groups > 1000;
        if (isOver) over += 1;
        const verdict = (run: () => void): boolean => caught(run) !== undefined;
        // In order, and in another order.
        const shuffled = [...rows].sort(
          (a, b) => ((a.day * 7 + a.segment.length * 3 + seed) % 13) - ((b.day * 7 + b.segment.length * 3 + seed) % 13),
        );
        for (const order of [rows, shuffled]) {
          expect(
            verdict(() => {
              const card = scorecard(metrics, ['team'], 'day');
              for (const r of order) addRow(card, r);
            }),
          ).toBe(isOver);
        }
        // Two parts on two "threads", each under or over the limit on its own, merged through snapshots.
        const at = cut % (rows.length + 1);
        expect(
          verdict(() => {
            const parts = [rows.slice(0, at), rows.slice(at)].map((part) => {
              const card = scorecard(metrics, ['team'], 'day');
              for (const r of part) addRow(card, r);
              return structuredClone(card.snapshot({ consume: true }));
            });
            const merged = scorecard(metrics, ['team'], 'day');
            for (const snapshot of parts) merged.absorb(snapshot, { consume: true });
          }),
        ).toBe(isOver);
      }),
      { numRuns: 60 },
    );
    // Both verdicts came up.
    expect(over).toBeGreaterThan(5);
    expect(over).toBeLessThan(55);
  });
});
