import type { RankGroup, Report } from '../../src/scorecard/model.js';
import { makeReport, makeResult, makeTarget } from './report-fixture.js';

/**
 * A hand-made `score --period month --by team --rank` run for the HTML report: NPS over two
 * months with intervals and a target of >= 25, its promoter counts, and a ranking of four teams.
 */
export const RANK_GROUP: RankGroup = {
  metric: 'nps',
  name: 'Net Promoter Score',
  unit: 'points',
  better: 'higher',
  period: null,
  by: ['team'],
  overall: 20,
  confidence: 0.95,
  // Listed out of order on purpose: the chart sorts by position, then label.
  rows: [
    { position: 3, segment: { team: 'Cloud' }, value: -30, n: 30, ci: [-55, -5], limits: [-10, 50], flag: 'below' },
    { position: null, segment: { team: 'Dormant' }, value: null, n: 0, ci: null, limits: null, flag: null },
    { position: 1, segment: { team: 'Apps' }, value: 60, n: 50, ci: [40, 80], limits: [0, 40], flag: 'above' },
    { position: 2, segment: { team: 'Billing' }, value: 20, n: 40, ci: [0, 40], limits: [-5, 45], flag: 'within' },
  ],
};

export const TREND_REPORT: Report = makeReport({
  title: 'Support XLA',
  inputs: [
    {
      name: 'survey.csv',
      kind: 'survey',
      preset: null,
      rows: 12,
      accepted: 10,
      rejected: 2,
      format: { type: 'csv', delimiter: ',', encoding: 'utf-8' },
      fields: { nps: 'NPS' },
      quality: { completeness: 95.5, validity: 90, duplicates: 1, freshness: 7200, fields: {} },
    },
  ],
  results: [
    makeResult({
      metric: 'nps',
      name: 'Net Promoter Score',
      value: 20,
      n: 10,
      ci: [-10, 50],
      detail: { promoters: 5, passives: 2, detractors: 3 },
    }),
    makeResult({ metric: 'nps', name: 'Net Promoter Score', period: '2024-02', value: 30, n: 5, ci: [20, 40] }),
    makeResult({ metric: 'nps', name: 'Net Promoter Score', period: '2024-01', value: 10, n: 5, ci: [0, 20] }),
  ],
  targets: [makeTarget({ id: 'nps-floor', metric: 'nps', op: '>=', threshold: 25, value: 20, n: 10, status: 'breached', outcome: 'fail' })],
  summary: { targets: 1, met: 0, breached: 1, inconclusive: 0, no_data: 0, status: 'fail' },
  rank: [RANK_GROUP],
});
