// How the scorecard routes rows to cells: one cell per distinct segment and period, whatever the
// segment values hold, and each row feeds the metrics of the list it comes with.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { findMetric } from '../../src/metrics/registry.js';
import type { MetricDef } from '../../src/metrics/types.js';
import { Scorecard } from '../../src/scorecard/engine.js';
import type { Result } from '../../src/scorecard/model.js';
import type { Period } from '../../src/time/periods.js';
import { periodSpanOf } from '../../src/time/periods.js';

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
    const all = card.metricIndices(() => true);
    card.add(all, {}, ['x\u001f', 'y'], null);
    card.add(all, {}, ['x', '\u001fy'], null);
    card.add(all, {}, ['x', '\u001fy'], null);
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
      const all = card.metricIndices(() => true);
      for (const team of teams) card.add(all, {}, [team], null);
      return card.results().map((result) => result.segment);
    });
    expect(orders[0]).toEqual([{}, { team: '01' }, { team: '1' }]);
    expect(orders[1]).toEqual(orders[0]);
  });

  it('find the same cells by span index as by period key, with or without a segment', () => {
    const stamps = [Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 1), Date.UTC(2024, 0, 31, 23, 59), Date.UTC(2024, 1, 29), Date.UTC(2024, 0, 1)];
    const [byKey, bySpan] = [false, true].map((useIndex) => {
      const card = scorecard(['tickets'], ['team'], 'month');
      const all = card.metricIndices(() => true);
      stamps.forEach((stamp, i) => {
        const span = periodSpanOf(stamp, 'month', 'UTC');
        const segment = i % 3 === 2 ? null : [i % 2 === 0 ? 'a' : 'b'];
        card.add(all, {}, segment, span.key, useIndex ? span.index : -1);
      });
      return card;
    });
    expect(bySpan?.footprint()).toEqual(byKey?.footprint());
    expect(summary(bySpan?.results() ?? [])).toEqual(summary(byKey?.results() ?? []));
    expect(bySpan?.footprint().groups).toBe(3);
  });

  it('keep a row without a segment apart from a segment of empty values', () => {
    const card = scorecard(['tickets'], ['team'], 'month');
    const all = card.metricIndices(() => true);
    card.add(all, {}, null, '2024-01');
    card.add(all, {}, [''], '2024-01');
    card.add(all, {}, [''], null);
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
    const all = card.metricIndices(() => true);
    const segment = ['Desk'];
    card.add(all, {}, segment, null);
    segment[0] = 'Apps';
    card.add(all, {}, segment, null);
    expect(summary(card.results()).map(([, segmentRecord]) => segmentRecord)).toEqual([{}, { team: 'Apps' }, { team: 'Desk' }]);
  });
});

describe('backlog histories', () => {
  it('finish each segment from its own cells: 60,000 customers, one ticket each', () => {
    // The old lookup scanned every cell for every segment (60,000² comparisons: about a minute); the
    // test timeout only guards against that hang. Customer i has one ticket created on day i % 28
    // of January and resolved a day later unless i is even: open at the month's end iff i is even.
    const card = scorecard(['backlog'], ['customer'], 'month');
    const all = card.metricIndices(() => true);
    const customers = 60_000;
    for (let i = 0; i < customers; i += 1) {
      const created = Date.UTC(2024, 0, 1 + (i % 28));
      const span = periodSpanOf(created, 'month', 'UTC');
      card.add(
        all,
        { created_at: created, ...(i % 2 === 0 ? {} : { resolved_at: created + 86_400_000 }) },
        [`c${i}`],
        span.key,
        span.index,
      );
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
    const survey = card.metricIndices((def) => def.kinds.includes('survey'));
    const tickets = card.metricIndices((def) => def.kinds.includes('tickets'));
    for (let i = 0; i < 3; i++) {
      card.add(survey, { nps: 10 }, ['survey.csv'], null);
      card.add(tickets, {}, ['tickets.csv'], null);
    }
    expect(summary(card.results())).toEqual([
      ['nps', {}, null, 3],
      ['tickets', {}, null, 3],
      ['nps', { source: 'survey.csv' }, null, 3],
      ['tickets', { source: 'tickets.csv' }, null, 3],
    ]);
  });
});
