// How the scorecard routes rows to cells: one cell per distinct segment and period, whatever the
// segment values hold, and each row feeds the metrics of the feeder it comes through.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { MetricDef } from '../../src/metrics/types.js';
import { Scorecard } from '../../src/scorecard/engine.js';
import type { Result } from '../../src/scorecard/model.js';
import type { Period } from '../../src/time/periods.js';

function metric(id: string): MetricDef {
  const def = findMetric(id);
  if (def === undefined) throw new Error(`no metric ${id}`);
  return def;
}

function scorecard(ids: readonly string[], by: readonly string[], period: Period | null = null): Scorecard {
  return new Scorecard({
    metrics: ids.map(metric),
    metricContext: { scales: DEFAULT_SCALES, apdexT: 0.5, sla: {} },
    confidence: 0.95,
    by,
    period,
    tz: 'UTC',
    asOf: undefined,
  });
}

/** Metric id, segment, period and n of every result, in report order. */
function summary(results: readonly Result[]): [string, Record<string, string>, string | null, number][] {
  return results.map((result) => [result.metric, result.segment, result.period, result.n]);
}

describe('cells', () => {
  it('keep segments apart whose joined values would be the same string', () => {
    const card = scorecard(['tickets'], ['a', 'b']);
    const feed = card.feederFor(['tickets']);
    feed({}, ['x\u001f', 'y'], undefined);
    feed({}, ['x', '\u001fy'], undefined);
    feed({}, ['x', '\u001fy'], undefined);
    expect(card.footprint().groups).toBe(2);
    expect(summary(card.results())).toEqual([
      ['tickets', {}, null, 3],
      ['tickets', { a: 'x', b: '\u001fy' }, null, 2],
      ['tickets', { a: 'x\u001f', b: 'y' }, null, 1],
    ]);
  });

  it('report segments the collator ranks equal in one order, whichever came first', () => {
    const orders = [
      ['1', '01'],
      ['01', '1'],
    ].map((teams) => {
      const card = scorecard(['tickets'], ['team']);
      const feed = card.feederFor(['tickets']);
      for (const team of teams) feed({}, [team], undefined);
      return card.results().map((result) => result.segment);
    });
    expect(orders[0]).toEqual([{}, { team: '01' }, { team: '1' }]);
    expect(orders[1]).toEqual(orders[0]);
  });

  it('put each row in the cell of its segment and the period of its stamp, with or without a segment', () => {
    const stamps = [Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 1), Date.UTC(2024, 0, 31, 23, 59), Date.UTC(2024, 1, 29), Date.UTC(2024, 0, 1)];
    const card = scorecard(['tickets'], ['team'], 'month');
    const feed = card.feederFor(['tickets']);
    stamps.forEach((stamp, i) => feed({}, i % 3 === 2 ? null : [i % 2 === 0 ? 'a' : 'b'], stamp));
    // a: January 5th and 1st; b: February 1st and 29th; no team: January 31st.
    expect(card.footprint().groups).toBe(3);
    expect(summary(card.results())).toEqual([
      ['tickets', {}, null, 5],
      ['tickets', {}, '2024-01', 3],
      ['tickets', {}, '2024-02', 2],
      ['tickets', { team: 'a' }, null, 2],
      ['tickets', { team: 'b' }, null, 2],
      ['tickets', { team: 'a' }, '2024-01', 2],
      ['tickets', { team: 'b' }, '2024-02', 2],
    ]);
  });

  it('find the cell of a period met long before, among a thousand days in any order', () => {
    // Day d of 1,000 gets d % 3 + 1 rows, spread over the order; the periods met pass any shortcut bound.
    const days = 1000;
    const card = scorecard(['tickets'], [], 'day');
    const feed = card.feederFor(['tickets']);
    const rows = Array.from({ length: days }, (_, d) => Array.from({ length: (d % 3) + 1 }, () => d)).flat();
    const order = rows.map((_, i) => rows[(i * 7919) % rows.length] as number);
    for (const d of order) feed({}, null, Date.UTC(2020, 0, 1) + d * 86_400_000 + 3_600_000);
    const perDay = card.results().filter((result) => result.period !== null);
    expect(perDay).toHaveLength(days);
    expect(perDay.every((result, d) => result.period === new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10))).toBe(
      true,
    );
    expect(perDay.map((result) => result.n)).toEqual(Array.from({ length: days }, (_, d) => (d % 3) + 1));
  });

  it('keep a row without a segment apart from a segment of empty values', () => {
    const card = scorecard(['tickets'], ['team'], 'month');
    const feed = card.feederFor(['tickets']);
    feed({}, null, Date.UTC(2024, 0, 10));
    feed({}, [''], Date.UTC(2024, 0, 20));
    feed({}, [''], undefined);
    expect(card.footprint().groups).toBe(3);
    expect(summary(card.results())).toEqual([
      ['tickets', {}, null, 3],
      ['tickets', {}, '2024-01', 2],
      ['tickets', { team: '' }, null, 2],
      ['tickets', { team: '' }, '2024-01', 1],
    ]);
  });

  it('copy the segment on creation: the caller may reuse its array', () => {
    const card = scorecard(['tickets'], ['team']);
    const feed = card.feederFor(['tickets']);
    const segment = ['Desk'];
    feed({}, segment, undefined);
    segment[0] = 'Apps';
    feed({}, segment, undefined);
    expect(summary(card.results()).map(([, segmentRecord]) => segmentRecord)).toEqual([{}, { team: 'Apps' }, { team: 'Desk' }]);
  });
});

describe('backlog histories', () => {
  it('finish each segment from its own cells: 60,000 customers, one ticket each', () => {
    // The old lookup scanned every cell for every segment (60,000² comparisons: about a minute); the
    // test timeout only guards against that hang. Customer i has one ticket created on day i % 28
    // of January and resolved a day later unless i is even: open at the month's end iff i is even.
    const card = scorecard(['backlog'], ['customer'], 'month');
    const feed = card.feederFor(['backlog']);
    const customers = 60_000;
    for (let i = 0; i < customers; i += 1) {
      const created = Date.UTC(2024, 0, 1 + (i % 28));
      feed({ created_at: created, ...(i % 2 === 0 ? {} : { resolved_at: created + 86_400_000 }) }, [`c${i}`], created);
    }
    const results = card.results();
    // Overall, January, and each customer alone and in January.
    expect(results).toHaveLength(2 + 2 * customers);
    const inJanuary = (customer: string): Result | undefined =>
      results.find((result) => result.segment.customer === customer && result.period === '2024-01');
    expect([inJanuary('c4')?.value, inJanuary('c5')?.value]).toEqual([1, 0]);
    expect(results.find((result) => Object.keys(result.segment).length === 0 && result.period === '2024-01')?.value).toBe(customers / 2);
  });
});

describe('metric lists', () => {
  it('feed only their metrics, also when rows of two sources alternate', () => {
    const card = scorecard(['nps', 'tickets'], ['source']);
    const survey = card.feederFor(['nps']);
    const tickets = card.feederFor(['tickets', 'not_in_the_plan']);
    for (let i = 0; i < 3; i++) {
      survey({ nps: 10 }, ['survey.csv'], undefined);
      tickets({}, ['tickets.csv'], undefined);
    }
    expect(summary(card.results())).toEqual([
      ['nps', {}, null, 3],
      ['tickets', {}, null, 3],
      ['nps', { source: 'survey.csv' }, null, 3],
      ['tickets', { source: 'tickets.csv' }, null, 3],
    ]);
  });
});
