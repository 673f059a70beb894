import { REPORT_SCHEMA, type Report, type Result } from '../../src/scorecard/model.js';

/** A result with the defaults of an overall, data-less row; override what the test is about. */
export function makeResult(overrides: Partial<Result> & Pick<Result, 'metric'>): Result {
  return {
    name: overrides.metric,
    domain: 'cx',
    unit: 'points',
    better: 'higher',
    segment: {},
    period: null,
    value: null,
    n: 0,
    ci: null,
    ...overrides,
  };
}

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    schema: REPORT_SCHEMA,
    title: null,
    inputs: [],
    results: [],
    targets: [],
    composites: [],
    summary: { targets: 0, met: 0, breached: 0, no_data: 0, status: 'pass' },
    ...overrides,
  };
}

/**
 * A small scorecard run with `--by team --period month` over a survey, tickets and analytics:
 * overall, segment and period rows, a null value, rows without intervals, CWV and Apdex ratings,
 * a change between periods, and one breakdown listed before its overall row.
 */
export const SAMPLE_REPORT: Report = makeReport({
  title: 'Service desk XLA',
  inputs: [
    {
      name: 'survey.csv',
      kind: 'survey',
      preset: null,
      rows: 1200,
      accepted: 1195,
      rejected: 5,
      format: { type: 'csv', delimiter: ',', encoding: 'utf-8' },
      fields: { nps: 'How likely', submitted_at: 'Date' },
    },
    {
      name: 'tickets.json',
      kind: 'tickets',
      preset: 'servicenow',
      rows: 1,
      accepted: 1,
      rejected: 0,
      format: { type: 'json', encoding: 'utf-8' },
      fields: { created_at: 'opened_at' },
    },
  ],
  results: [
    makeResult({
      metric: 'nps',
      name: 'Net Promoter Score',
      value: 32.5,
      n: 400,
      ci: [25.1, 39.9],
      detail: { promoters: 200, passives: 70, detractors: 130 },
    }),
    makeResult({ metric: 'csat', name: 'CSAT', unit: '%', value: 85.25, n: 12330, ci: [81.25, 88.5] }),
    makeResult({ metric: 'nps', name: 'Net Promoter Score', segment: { team: 'Network' }, period: '2024-01', value: -5, n: 100, ci: [-20, 10] }),
    makeResult({
      metric: 'nps',
      name: 'Net Promoter Score',
      segment: { team: 'Network' },
      period: '2024-02',
      value: 12.4,
      n: 90,
      ci: [-3, 27.5],
      change: { from: '2024-01', delta: 17.4, p: 0.01, significant: true },
    }),
    makeResult({ metric: 'csat', name: 'CSAT', unit: '%', segment: { team: 'Apps' }, period: '2024-01', value: null, n: 0, ci: null }),
    makeResult({
      metric: 'resolution_time.p90',
      name: 'Resolution time, 90th percentile',
      domain: 'ops',
      unit: 's',
      better: 'lower',
      segment: { team: 'Network' },
      value: 15150,
      n: 120,
      ci: null,
    }),
    makeResult({
      metric: 'resolution_time.p90',
      name: 'Resolution time, 90th percentile',
      domain: 'ops',
      unit: 's',
      better: 'lower',
      value: 28800,
      n: 310,
      ci: null,
    }),
    makeResult({ metric: 'lcp.p75', name: 'LCP, 75th percentile', domain: 'ux', unit: 'ms', better: 'lower', value: 2310, n: 5000, ci: null, detail: { rating: 'good' } }),
    makeResult({ metric: 'apdex', name: 'Apdex', domain: 'ux', unit: 'apdex', value: 0.905, n: 800, ci: [0.88, 0.93], detail: { t: 0.5, band: 'Good' } }),
  ],
  targets: [
    { id: 'nps-floor', metric: 'nps', segment: {}, period: null, op: '>=', threshold: 30, value: 32.5, n: 400, basis: 'point', level: 'error', status: 'met' },
    { id: 'p90-cap', metric: 'resolution_time.p90', segment: {}, period: null, op: '<=', threshold: 28000, value: 28800, n: 310, basis: 'point', level: 'warn', status: 'breached' },
  ],
  summary: { targets: 2, met: 1, breached: 1, no_data: 0, status: 'warn' },
});
