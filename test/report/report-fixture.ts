import { REPORT_SCHEMA, type CompositeResult, type Report, type Result, type TargetResult } from '../../src/scorecard/model.js';

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

/** A met, error-level target on the overall row; override what the test is about. */
export function makeTarget(overrides: Partial<TargetResult> & Pick<TargetResult, 'id' | 'metric'>): TargetResult {
  return {
    name: null,
    segment: {},
    period: null,
    where: {},
    op: '>=',
    threshold: 0,
    unit: 'points',
    value: null,
    n: 0,
    ci: null,
    min_n: 1,
    basis: 'point',
    level: 'error',
    status: 'met',
    outcome: 'pass',
    ...overrides,
  };
}

/** One breached, failing target: csat 80.0% against >= 85% over 10 answers; override the id and the text under test. */
export function makeBreach(overrides: Partial<TargetResult> & Pick<TargetResult, 'id'>): TargetResult {
  return makeTarget({ metric: 'csat', unit: '%', threshold: 85, value: 80, n: 10, status: 'breached', outcome: 'fail', ...overrides });
}

export function makeComposite(overrides: Partial<CompositeResult> & Pick<CompositeResult, 'id'>): CompositeResult {
  return {
    name: overrides.id,
    value: null,
    domain: null,
    components: [],
    status: null,
    op: null,
    threshold: null,
    level: null,
    outcome: null,
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
    summary: { targets: 0, met: 0, breached: 0, inconclusive: 0, no_data: 0, status: 'pass' },
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
    makeResult({
      metric: 'nps',
      name: 'Net Promoter Score',
      segment: { team: 'Network' },
      period: '2024-01',
      value: -5,
      n: 100,
      ci: [-20, 10],
    }),
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
    makeResult({
      metric: 'lcp.p75',
      name: 'LCP, 75th percentile',
      domain: 'ux',
      unit: 'ms',
      better: 'lower',
      value: 2310,
      n: 5000,
      ci: null,
      detail: { rating: 'good' },
    }),
    makeResult({
      metric: 'apdex',
      name: 'Apdex',
      domain: 'ux',
      unit: 'apdex',
      value: 0.905,
      n: 800,
      ci: [0.88, 0.93],
      detail: { t: 0.5, band: 'Good' },
    }),
  ],
  targets: [
    makeTarget({ id: 'nps-floor', metric: 'nps', op: '>=', threshold: 30, value: 32.5, n: 400, ci: [25.1, 39.9] }),
    makeTarget({
      id: 'p90-cap',
      metric: 'resolution_time.p90',
      unit: 's',
      op: '<=',
      threshold: 28000,
      value: 28800,
      n: 310,
      level: 'warn',
      status: 'breached',
      outcome: 'warn',
    }),
  ],
  summary: { targets: 2, met: 1, breached: 1, inconclusive: 0, no_data: 0, status: 'warn' },
});

/**
 * A `check` run with every kind of verdict: met, breached (error → fail), breached at warn level,
 * inconclusive (interval basis, policy warn), no data below min_n, a composite failed by its key
 * component, and a domain roll-up without a verdict. Listed in config order, not outcome order.
 */
export const VERDICT_REPORT: Report = makeReport({
  title: 'Service desk XLA',
  results: [
    makeResult({ metric: 'nps', name: 'Net Promoter Score', value: 32, n: 400, ci: [25, 39] }),
    makeResult({ metric: 'csat', name: 'CSAT', unit: '%', segment: { team: 'Network' }, value: 72, n: 120, ci: [64.1, 79.2] }),
    makeResult({
      metric: 'resolution_time.p90',
      name: 'Resolution time, 90th percentile',
      domain: 'ops',
      unit: 's',
      better: 'lower',
      value: 18000,
      n: 80,
    }),
  ],
  targets: [
    makeTarget({ id: 'promoters', metric: 'nps', threshold: 30, value: 32, n: 400, ci: [25, 39], basis: 'lenient' }),
    makeTarget({
      id: 'happy-users',
      name: 'Users are happy with support',
      metric: 'csat',
      segment: { team: 'Network' },
      threshold: 85,
      unit: '%',
      value: 72,
      n: 120,
      ci: [64.1, 79.2],
      min_n: 30,
      status: 'breached',
      outcome: 'fail',
    }),
    makeTarget({
      id: 'p1-fixed-fast',
      metric: 'resolution_time.p90',
      where: { priority: ['P1'] },
      op: '<=',
      threshold: 14400,
      unit: 's',
      value: 18000,
      n: 80,
      level: 'warn',
      status: 'breached',
      outcome: 'warn',
    }),
    makeTarget({
      id: 'nps-stretch',
      metric: 'nps',
      threshold: 30,
      value: 29,
      n: 400,
      ci: [18, 41],
      basis: 'interval',
      status: 'inconclusive',
      outcome: 'warn',
    }),
    makeTarget({ id: 'effort', metric: 'ces', unit: 'score', threshold: 5, n: 3, min_n: 30, status: 'no_data', outcome: 'fail' }),
  ],
  composites: [
    makeComposite({
      id: 'xla-index',
      name: 'Experience index',
      value: 68.5,
      components: [
        { target: 'happy-users', weight: 0.5, score: 37, status: 'breached', key: true },
        { target: 'p1-fixed-fast', weight: 0.3, score: 75, status: 'breached', key: false },
        { target: 'promoters', weight: 0.2, score: 100, status: 'met', key: false },
      ],
      status: 'breached',
      op: '>=',
      threshold: 80,
      level: 'error',
      outcome: 'fail',
    }),
    makeComposite({
      id: 'domain:cx',
      name: 'CX roll-up',
      domain: 'cx',
      value: 68.5,
      components: [
        { target: 'promoters', weight: 1, score: 100, status: 'met', key: false },
        { target: 'happy-users', weight: 1, score: 37, status: 'breached', key: false },
      ],
    }),
  ],
  summary: { targets: 6, met: 1, breached: 3, inconclusive: 1, no_data: 1, status: 'fail' },
});
