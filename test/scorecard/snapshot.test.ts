// Worker scorecards merge into one: a scorecard fed rows A that absorbs a cloned snapshot of one
// fed rows B reports what one scorecard fed A then B reports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES, type CanonicalRow } from '../../src/fields/types.js';
import { findMetric, METRICS } from '../../src/metrics/registry.js';
import type { MetricContext, MetricDef } from '../../src/metrics/types.js';
import { Scorecard, type ScorecardPlan } from '../../src/scorecard/engine.js';
import { freezeState, reviveState, transferList } from '../../src/scorecard/snapshot.js';
import type { ScorecardSnapshot } from '../../src/scorecard/snapshot.js';
import { decodeSnapshot, encodeSnapshot } from '../../src/scorecard/partial-codec.js';
import type { Period } from '../../src/time/periods.js';
import { anyRow, HOUR } from '../metrics/arbitrary-rows.js';
import { T0 } from '../metrics/run-metric.js';

const METRIC_CONTEXT: MetricContext = { scales: DEFAULT_SCALES, apdexT: 0.5, sla: { P1: 4 * 3600, P2: 24 * 3600 } };

function metric(id: string): MetricDef {
  const def = findMetric(id);
  if (def === undefined) throw new Error(`no metric ${id}`);
  return def;
}

interface PlanShape {
  by: readonly string[];
  period: Period | null;
  asOf: number | undefined;
}

function planOf(ids: readonly string[], { by, period, asOf }: PlanShape): ScorecardPlan {
  return { metrics: ids.map(metric), metricContext: METRIC_CONTEXT, confidence: 0.95, by, period, tz: 'UTC', asOf };
}

/** A row as the pipeline hands it over: which metrics its source feeds, its fields, segment and time stamp. */
interface FedRow {
  /** 0: a source feeding every metric; 1: a survey source (ticket metrics stay unfed). */
  source: 0 | 1;
  row: CanonicalRow;
  /** The values of up to two `by` columns, or null for a source without them. */
  segment: readonly [string, string] | null;
  /** The instant its period is found by (in January, February or March 2024), or undefined for a row without one. */
  stamp: number | undefined;
}

const fedRow: fc.Arbitrary<FedRow> = fc.record({
  source: fc.constantFrom(0 as const, 1 as const),
  row: anyRow,
  segment: fc.option(fc.tuple(fc.constantFrom('Desk', 'Network', '1', '01', ''), fc.constantFrom('web', 'mail')), { freq: 6 }),
  stamp: fc.option(fc.constantFrom(Date.UTC(2024, 0, 15), Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 31, 23, 59)), {
    freq: 6,
    nil: undefined,
  }),
});

const rows = fc.array(fedRow, { maxLength: 30 });

const planShape: fc.Arbitrary<PlanShape> = fc.record({
  by: fc.constantFrom([], ['team'], ['team', 'channel']),
  period: fc.constantFrom(null, 'month' as const),
  asOf: fc.constantFrom(undefined, Date.UTC(2024, 1, 10)),
});

/** Feeds rows as the pipeline does: one feeder per source, asked once. */
function feed(scorecard: Scorecard, fedRows: readonly FedRow[], by: readonly string[]): Scorecard {
  const ids = (predicate: (metric: MetricDef) => boolean): string[] => METRICS.filter(predicate).map((metric) => metric.id);
  const sources = [scorecard.feederFor(ids(() => true)), scorecard.feederFor(ids((def) => def.kinds.includes('survey')))] as const;
  for (const { source, row, segment, stamp } of fedRows) {
    sources[source](row, segment === null || by.length === 0 ? null : segment.slice(0, by.length), stamp);
  }
  return scorecard;
}

function scorecardOf(plan: ScorecardPlan, fedRows: readonly FedRow[]): Scorecard {
  return feed(new Scorecard(plan), fedRows, plan.by);
}

/** The worker-thread round trip: a snapshot cloned as postMessage would, its buffers transferred. */
function shipped(scorecard: Scorecard): ScorecardSnapshot {
  const snapshot = scorecard.snapshot();
  return structuredClone(snapshot, { transfer: transferList(snapshot) });
}

// Every number is compared bit for bit: sums are exact (stats/exact-sum.ts), so merging parts in
// any order cannot move a last digit — means, SDs and the p-values of changes included.
const METRIC_SETS = [
  {
    name: 'percentiles, backlog, SLA, NPS and CSAT',
    ids: [
      'tickets',
      'resolution_time.median',
      'resolution_time.p90',
      'first_response_time.p90',
      'backlog',
      'sla_attainment',
      'reopen_rate',
      'nps',
      'csat',
      'lcp.p75',
    ],
  },
  { name: 'means and sentiment', ids: ['csat.mean', 'ces', 'rating', 'sentiment', 'resolution_time.mean', 'lost_time.total'] },
  { name: 'every registry metric', ids: METRICS.map((def) => def.id) },
] as const;

describe.each(METRIC_SETS)('$name', ({ ids }) => {
  // Workers finish in any order: B absorbing A creates the cells in another order than A then B.
  it('A absorbing a snapshot of B, or B one of A, reports what A then B reports', () => {
    fc.assert(
      fc.property(planShape, rows, rows, (shape, partA, partB) => {
        const plan = planOf(ids, shape);
        const whole = scorecardOf(plan, [...partA, ...partB]).results();
        for (const [first, second] of [
          [partA, partB],
          [partB, partA],
        ] as const) {
          const merged = scorecardOf(plan, first);
          merged.absorb(shipped(scorecardOf(plan, second)));
          expect(merged.results()).toStrictEqual(whole);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('absorbing into an empty scorecard reports what the source reports', () => {
    fc.assert(
      fc.property(planShape, rows, (shape, part) => {
        const plan = planOf(ids, shape);
        const source = scorecardOf(plan, part);
        const copy = new Scorecard(plan);
        copy.absorb(shipped(source));
        expect(copy.results()).toEqual(source.results());
        expect(copy.footprint()).toEqual(source.footprint());
      }),
      { numRuns: 60 },
    );
  });

  it('absorbing an empty snapshot changes nothing', () => {
    fc.assert(
      fc.property(planShape, rows, (shape, part) => {
        const plan = planOf(ids, shape);
        const before = scorecardOf(plan, part).results();
        const after = scorecardOf(plan, part);
        after.absorb(shipped(new Scorecard(plan)));
        expect(after.results()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });
});

/** The xla-partial/1 round trip: a snapshot encoded, written as JSON text, parsed and decoded (scorecard/partial-codec.ts). */
function throughPartialJson(scorecard: Scorecard): ScorecardSnapshot {
  return decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(scorecard.snapshot({ consume: true })))), '');
}

describe.each(METRIC_SETS)('$name, through the JSON of a partial', ({ ids }) => {
  // `xla merge`: partials absorbed into a fresh scorecard, in either order.
  it('a fresh scorecard absorbing A and B from their JSON reports what A then B reports', () => {
    fc.assert(
      fc.property(planShape, rows, rows, (shape, partA, partB) => {
        const plan = planOf(ids, shape);
        const whole = scorecardOf(plan, [...partA, ...partB]).results();
        for (const [first, second] of [
          [partA, partB],
          [partB, partA],
        ] as const) {
          const merged = new Scorecard(plan);
          merged.absorb(throughPartialJson(scorecardOf(plan, first)), { consume: true });
          merged.absorb(throughPartialJson(scorecardOf(plan, second)), { consume: true });
          expect(merged.results()).toStrictEqual(whole);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('snapshots', () => {
  const shape: PlanShape = { by: ['team'], period: 'month', asOf: undefined };
  const ids = ['resolution_time.median', 'backlog', 'nps'];
  const sample: FedRow[] = [
    { source: 0, row: { created_at: T0, resolved_at: T0 + HOUR, is_resolved: true, nps: 9 }, segment: ['Desk', 'web'], stamp: T0 },
    { source: 1, row: { nps: 3 }, segment: ['Apps', 'web'], stamp: Date.UTC(2024, 1, 2) },
  ];

  it('hold only data that structuredClone copies as it is', () => {
    const snapshot = scorecardOf(planOf(ids, shape), sample).snapshot();
    expect(structuredClone(snapshot)).toEqual(snapshot);
    // The durations of Desk: a scorecard's backlog keeps counts at its checkpoints, not stamps.
    expect(transferList(snapshot)).toHaveLength(1);
  });

  it('leave the source intact when their buffers are transferred: it can go on taking rows', () => {
    const plan = planOf(ids, shape);
    const source = scorecardOf(plan, sample);
    shipped(source);
    feed(source, sample, shape.by);
    expect(source.results()).toEqual(scorecardOf(plan, [...sample, ...sample]).results());
  });

  it('are refused by a scorecard of another plan', () => {
    const snapshot = scorecardOf(planOf(ids, shape), sample).snapshot();
    const otherPlans = [
      planOf(['nps'], shape),
      planOf(ids, { ...shape, by: ['channel'] }),
      planOf(ids, { ...shape, period: 'week' }),
      planOf(ids, { ...shape, period: null }),
    ];
    for (const plan of otherPlans) expect(() => new Scorecard(plan).absorb(snapshot)).toThrow(/cannot absorb/);
  });
});

describe('state freezing', () => {
  const someRows: CanonicalRow[] = [
    { created_at: T0, resolved_at: T0 + HOUR, is_resolved: true, sla_due_at: T0 + 2 * HOUR, nps: 9, csat: 5, sentiment: 0.5, lcp: 1800 },
    { created_at: T0 + HOUR, sla_due_at: T0 + 3 * HOUR, nps: 2, csat: 2, sentiment: -1, lcp: 4200, response_time: 0.3 },
  ];

  it.each(METRICS.map((def) => [def.id, def] as const))('%s: fresh and fed states survive freeze, clone and revive', (_id, def) => {
    const accumulator = def.create(METRIC_CONTEXT);
    const fed = accumulator.init();
    for (const row of someRows) accumulator.add(fed, row);
    // An empty state holds backlog's `latest: -Infinity`, which must come back as it was.
    for (const state of [accumulator.init(), fed]) {
      const revived = reviveState(structuredClone(freezeState(state)));
      for (const asOf of [undefined, T0 + 2 * HOUR]) {
        expect(accumulator.finish(revived, { confidence: 0.95, asOf })).toEqual(accumulator.finish(state, { confidence: 0.95, asOf }));
      }
    }
  });

  it('refuses a state it cannot represent as plain data', () => {
    expect(() => freezeState({ seen: new Map() })).toThrow(/Map/);
    expect(() => freezeState({ values: new Float64Array(2) })).toThrow(/Float64Array/);
  });
});

describe('consuming snapshots', () => {
  it('hand the value arrays over and absorb them as they are, with the same results as copies', () => {
    const plan = planOf(['resolution_time.p90', 'resolution_time.median', 'backlog'], {
      by: ['team', 'channel'],
      period: 'month',
      asOf: undefined,
    });
    const rows: FedRow[] = Array.from({ length: 9000 }, (_, i) => ({
      source: 0,
      row: { created_at: T0 + (i % 500) * HOUR, resolved_at: T0 + (i % 500) * HOUR + ((i * 7919) % 300) * HOUR, is_resolved: true },
      segment: ['Desk', 'web'],
      stamp: T0,
    }));
    const copied = new Scorecard(plan);
    copied.absorb(structuredClone(feed(new Scorecard(plan), rows, plan.by).snapshot()));
    const source = feed(new Scorecard(plan), rows, plan.by);
    const snapshot = source.snapshot({ consume: true });
    const consumed = new Scorecard(plan);
    consumed.absorb(snapshot, { consume: true });
    expect(consumed.results()).toEqual(copied.results());
    // Past 4,096 values a buffer keeps chunks (9,000 resolution times: three): they travel as they
    // are, one transferable array each.
    const durations = snapshot.cells[0]?.states.find((state) => typeof state === 'object' && state !== null && 'inner' in state);
    expect(durations).toMatchObject({
      inner: { valueParts: [expect.any(Float64Array), expect.any(Float64Array), expect.any(Float64Array)] },
    });
    expect(new Set(transferList(snapshot)).size).toBe(transferList(snapshot).length);
  });
});
