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
  it('lists every first-release metric once, survey then tickets then analytics', () => {
    expect(METRICS.map((def) => def.id)).toEqual([...SURVEY_IDS, ...TICKET_IDS, ...ANALYTICS_IDS]);
  });

  it.each(METRICS.map((def) => [def.id, def] as const))('%s is a complete entry', (_id, def) => {
    expect(def.name.length).toBeGreaterThan(0);
    expect(def.formula.length).toBeGreaterThan(0);
    expect(def.kinds.length).toBeGreaterThan(0);
    expect(def.requires.length).toBeGreaterThan(0);
    // A %-metric has a Wilson interval or none, a net score the NPS Wald interval.
    if (def.interval === 'nps-wald') expect(def.unit).toBe('points');
    if (def.interval === 'wilson') expect(def.unit).toBe('%');
    if (def.interval === 'apdex-wald') expect(def.unit).toBe('apdex');
  });

  it.each([
    ['nps', 'cx', ['survey'], 'points', 'higher', [['nps']], 'nps-wald'],
    ['csat', 'cx', ['survey', 'tickets'], '%', 'higher', [['csat'], ['satisfaction']], 'wilson'],
    ['enps', 'ex', ['survey'], 'points', 'higher', [['enps']], 'nps-wald'],
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
    ['apdex', 'ux', ['analytics'], 'apdex', 'higher', [['response_time']], 'apdex-wald'],
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
    expect(metricsForKind(kind).map((def) => def.id)).toEqual(ids);
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
