import { describe, expect, it } from 'vitest';
import { findMetric, METRICS, metricsForKind, suggestMetricId } from '../../src/metrics/registry.js';

const SURVEY_IDS = [
  'nps',
  'csat',
  'csat.mean',
  'ces',
  'ces.easy',
  'enps',
  'happiness',
  'rating',
  'rating.positive',
  'sentiment',
  'lost_time.mean',
  'lost_time.total',
];
const TICKET_IDS = [
  'tickets',
  'first_response_time.mean',
  'first_response_time.median',
  'first_response_time.p90',
  'resolution_time.mean',
  'resolution_time.median',
  'resolution_time.p90',
  'sla_attainment',
  'reopen_rate',
  'fcr_rate',
  'backlog',
  'reassignments.mean',
];
const ANALYTICS_IDS = [
  'conversion_rate',
  'bounce_rate',
  'error_rate',
  'pages_per_session',
  'engagement_time.mean',
  'downloads',
  'apdex',
  'response_time.p95',
  'lcp.p75',
  'inp.p75',
  'cls.p75',
];

describe('METRICS', () => {
  // A metric added later is one more entry in its family file: these lists pin the first
  // release's metrics and their order, not the registry's length.
  it('lists every first-release metric, survey then tickets then analytics, and each id once', () => {
    const ids = METRICS.map((def) => def.id);
    const firstRelease = [...SURVEY_IDS, ...TICKET_IDS, ...ANALYTICS_IDS];
    expect(ids.filter((id) => firstRelease.includes(id))).toEqual(firstRelease);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(METRICS.map((def) => [def.id, def] as const))('%s is a complete entry', (_id, def) => {
    expect(def.name.length).toBeGreaterThan(0);
    expect(def.formula.length).toBeGreaterThan(0);
    expect(def.kinds.length).toBeGreaterThan(0);
    // Fields that feed it, or (sla_attainment.first_response) settings of the run that make it possible.
    expect(def.requires.length + (def.requiresWith === undefined ? 0 : 1)).toBeGreaterThan(0);
    // A %-metric has a Wilson interval or none, a net score the net-score (adjusted-Wald) interval.
    if (def.interval === 'nps-adjusted-wald') expect(def.unit).toBe('points');
    if (def.interval === 'wilson') expect(def.unit).toBe('%');
    if (def.interval === 'apdex-adjusted-wald') expect(def.unit).toBe('apdex');
  });

  it.each([
    ['nps', 'cx', ['survey', 'tickets'], 'points', 'higher', [['nps']], 'nps-adjusted-wald'],
    ['csat', 'cx', ['survey', 'tickets'], '%', 'higher', [['csat'], ['satisfaction']], 'wilson'],
    ['enps', 'ex', ['survey'], 'points', 'higher', [['enps']], 'nps-adjusted-wald'],
    ['lost_time.total', 'ex', ['survey', 'tickets'], 's', 'lower', [['lost_time']], 'none'],
    ['tickets', 'ops', ['tickets'], 'count', null, [[]], 'none'],
    ['resolution_time.p90', 'ops', ['tickets'], 's', 'lower', [['created_at', 'resolved_at']], 'none'],
    ['sla_attainment', 'ops', ['tickets'], '%', 'higher', [['made_sla'], ['sla_due_at', 'resolved_at']], 'wilson'],
    ['reassignments.mean', 'ops', ['tickets'], 'ratio', 'lower', [['reassignment_count']], 't'],
    [
      'conversion_rate',
      'mx',
      ['analytics'],
      '%',
      'higher',
      [['converted'], ['conversions', 'visitors'], ['conversions', 'sessions']],
      'wilson',
    ],
    ['apdex', 'ux', ['analytics'], 'apdex', 'higher', [['response_time']], 'apdex-adjusted-wald'],
    ['cls.p75', 'ux', ['analytics'], 'score', 'lower', [['cls']], 'none'],
  ] as const)('%s: domain %s, kinds %j, unit %s, better %s', (id, domain, kinds, unit, better, requires, interval) => {
    expect(findMetric(id)).toMatchObject({ id, domain, kinds, unit, better, requires, interval });
  });
});

describe('findMetric and metricsForKind', () => {
  it('finds by exact id only', () => {
    expect(findMetric('apdex')?.name).toBe('Apdex');
    expect(findMetric('APDEX')).toBeUndefined();
    expect(findMetric('')).toBeUndefined();
  });

  it.each([
    ['survey', SURVEY_IDS],
    // CSAT and lost time also come on tickets
    ['tickets', ['csat', 'csat.mean', 'lost_time.mean', 'lost_time.total', ...TICKET_IDS]],
    ['analytics', ANALYTICS_IDS],
  ] as const)('%s', (kind, ids) => {
    const found = metricsForKind(kind);
    expect(found.map((def) => def.id).filter((id) => (ids as readonly string[]).includes(id))).toEqual(ids);
    for (const def of found) expect(def.kinds).toContain(kind);
    expect(METRICS.filter((def) => def.kinds.includes(kind))).toEqual(found);
  });
});

describe('suggestMetricId', () => {
  it.each([
    ['NPS', 'nps'], // case only
    ['csat_mean', 'csat.mean'], // one substitution
    ['resolution_time.p95', 'resolution_time.p90'],
    ['reopen-rate', 'reopen_rate'],
    ['bakclog', 'backlog'], // transposition = two edits
    ['apdx', 'apdex'],
    ['no such metric anywhere', undefined],
    ['zz', undefined],
  ] as const)('%s → %s', (id, suggestion) => {
    expect(suggestMetricId(id)).toBe(suggestion);
  });
});

describe('what each definition carries besides its formula', () => {
  const examples = METRICS.flatMap((def) => (def.example === undefined ? [] : [{ metric: def.id, ...def.example }]));

  it('ranks the example targets in the order xla init has always preferred them', () => {
    // The hand list starter.ts held before the examples moved into the definitions.
    expect(examples.sort((a, b) => a.rank - b.rank).map((example) => [example.metric, example.id, example.target])).toEqual([
      ['csat', 'happy-customers', '>= 85%'],
      ['nps', 'promoters', '>= 30'],
      ['ces.easy', 'effortless', '>= 70%'],
      ['enps', 'engaged-staff', '>= 10'],
      ['rating.positive', 'good-ratings', '>= 80%'],
      ['resolution_time.p90', 'fixed-fast', '<= 8h'],
      ['first_response_time.p90', 'answered-fast', '<= 1h'],
      ['sla_attainment', 'sla-kept', '>= 95%'],
      ['reopen_rate', 'fixed-for-good', '<= 5%'],
      ['fcr_rate', 'first-contact', '>= 70%'],
      ['apdex', 'responsive', '>= 0.85'],
      ['conversion_rate', 'converting', '>= 3%'],
      ['lcp.p75', 'fast-pages', '<= 2500ms'],
      ['inp.p75', 'snappy-pages', '<= 200ms'],
      ['cls.p75', 'stable-pages', '<= 0.1'],
      ['error_rate', 'few-errors', '<= 1%'],
      ['bounce_rate', 'engaging-pages', '<= 50%'],
      // Task success against MeasuringU's average completion rate (issue 20).
      ['task_success_rate', 'tasks-completed', '>= 78%'],
      // Stickiness at the commonly quoted "good" DAU/MAU (issue 21; rank 40 leaves room for others).
      ['stickiness', 'sticky', '>= 20%'],
      // Customers (issue 21): ranks from 41, after the other families' examples.
      ['retention_rate', 'customers-stay', '>= 90%'],
      ['churn_rate', 'low-churn', '<= 5%'],
      ['ltv_cac_ratio', 'customers-pay-back', '>= 3'],
      ['repeat_rate', 'customers-return', '>= 30%'],
      ['time_to_value.reached', 'value-reached', '>= 80%'],
      ['time_to_value.median', 'fast-value', '<= 14d'],
    ]);
  });

  it('gives every example a rank and a target id of its own', () => {
    expect(new Set(examples.map((example) => example.rank)).size).toBe(examples.length);
    expect(new Set(examples.map((example) => example.id)).size).toBe(examples.length);
  });

  it.each(METRICS.filter((def) => def.bands !== undefined).map((def) => [def.id, def] as const))(
    '%s: its bands run best first in its better direction',
    (_id, def) => {
      const { bound, steps } = def.bands ?? { bound: 'at-least', steps: [] };
      expect(bound).toBe(def.better === 'higher' ? 'at-least' : 'at-most');
      const edges = steps.map((step) => step.bound);
      const bestFirst = [...edges].sort((a, b) => (bound === 'at-least' ? b - a : a - b));
      expect(edges).toEqual(bestFirst);
      expect(new Set(edges).size).toBe(edges.length);
    },
  );

  it('judges a rating label the same way wherever it appears (reports colour by the label)', () => {
    const judgements = new Map<string, Set<string>>();
    for (const def of METRICS) {
      if (def.bands === undefined) continue;
      for (const band of [...def.bands.steps, def.bands.otherwise]) {
        judgements.set(band.label, (judgements.get(band.label) ?? new Set()).add(band.judgement));
      }
    }
    for (const [label, seen] of judgements) expect([label, seen.size]).toEqual([label, 1]);
  });

  it.each([
    ['apdex', ['Excellent', 'Good', 'Fair', 'Poor', 'Unacceptable']],
    ['lcp.p75', ['good', 'needs-improvement', 'poor']],
  ] as const)('%s carries its published bands', (id, labels) => {
    const bands = findMetric(id)?.bands;
    expect(bands && [...bands.steps, bands.otherwise].map((band) => band.label)).toEqual(labels);
  });

  it.each(METRICS.map((def) => [def.id, def] as const))('%s: sources, when given, are non-empty citations', (_id, def) => {
    for (const source of def.sources ?? []) expect(source.trim().length).toBeGreaterThan(10);
    if (def.sources !== undefined) expect(def.sources.length).toBeGreaterThan(0);
  });
});
