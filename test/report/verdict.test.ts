import { describe, expect, it } from 'vitest';
import type { TargetResult } from '../../src/scorecard/model.js';
import {
  describeComposite,
  describeTarget,
  formatCondition,
  formatSummaryLine,
  formatTargetLabel,
  formatTargetScope,
  sortByOutcome,
} from '../../src/report/verdict.js';
import { VERDICT_REPORT, makeComposite, makeTarget } from './report-fixture.js';

const CSAT_BREACH = makeTarget({
  id: 'happy-users',
  metric: 'csat',
  threshold: 85,
  unit: '%',
  value: 72,
  n: 120,
  ci: [64.1, 79.2],
  status: 'breached',
  outcome: 'fail',
});

describe('describeTarget', () => {
  it.each<[string, TargetResult, string]>([
    ['a breach', CSAT_BREACH, 'csat 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)'],
    [
      'a met target',
      makeTarget({ id: 'promoters', metric: 'nps', threshold: 30, value: 32, n: 400, ci: [25.1, 39.9] }),
      'nps +32 meets >= +30 (n 400, 95% CI +25…+40)',
    ],
    [
      'no data below min_n',
      makeTarget({
        id: 'p90',
        metric: 'resolution_time.p90',
        op: '<=',
        threshold: 14400,
        unit: 's',
        n: 3,
        min_n: 30,
        status: 'no_data',
        outcome: 'fail',
      }),
      'resolution_time.p90 no data (n 3 < min_n 30)',
    ],
    ['no data at all', makeTarget({ id: 'csat', metric: 'csat', unit: '%', status: 'no_data', outcome: 'fail' }), 'csat no data (n 0)'],
    [
      'an inconclusive interval',
      makeTarget({
        id: 'nps',
        metric: 'nps',
        threshold: 30,
        value: 29,
        n: 400,
        ci: [18, 41],
        basis: 'interval',
        status: 'inconclusive',
        outcome: 'warn',
      }),
      'nps inconclusive: 95% CI +18…+41 straddles >= +30 (value +29, n 400, basis interval)',
    ],
    [
      'a lenient pass whose point misses',
      makeTarget({ id: 'nps', metric: 'nps', threshold: 30, value: 28, n: 90, ci: [20, 36], basis: 'lenient' }),
      'nps met: 95% CI +20…+36 straddles >= +30 (value +28, n 90, basis lenient)',
    ],
    [
      'a strict breach whose point meets',
      makeTarget({
        id: 'nps',
        metric: 'nps',
        threshold: 30,
        value: 33,
        n: 90,
        ci: [26, 40],
        basis: 'strict',
        status: 'breached',
        outcome: 'fail',
      }),
      'nps breached: 95% CI +26…+40 straddles >= +30 (value +33, n 90, basis strict)',
    ],
    [
      'a duration cap',
      makeTarget({
        id: 'p1',
        metric: 'resolution_time.p90',
        op: '<=',
        threshold: 14400,
        unit: 's',
        value: 18000,
        n: 80,
        status: 'breached',
        outcome: 'fail',
      }),
      'resolution_time.p90 5h is above <= 4h (n 80)',
    ],
    [
      'a range',
      makeTarget({
        id: 'ces',
        metric: 'ces',
        op: 'between',
        threshold: [3.5, 4.5],
        unit: 'score',
        value: 4.75,
        n: 50,
        status: 'breached',
        outcome: 'fail',
      }),
      'ces 4.75 is above between 3.5 and 4.5 (n 50)',
    ],
    [
      'a tie against a strict inequality',
      makeTarget({ id: 'nps', metric: 'nps', op: '>', threshold: 30, value: 30, n: 50, status: 'breached', outcome: 'fail' }),
      'nps +30 misses > +30 (n 50)',
    ],
  ])('words %s', (_label, target, expected) => {
    expect(describeTarget(target)).toBe(expected);
  });

  it('names the segment, the where filter and the period', () => {
    const target = { ...CSAT_BREACH, segment: { team: 'Network' }, where: { priority: ['P1', 'P2'] }, period: '2024-01' };
    expect(describeTarget(target)).toBe(
      'csat [team=Network, where priority=P1|P2, 2024-01] 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)',
    );
    expect(formatTargetScope(target)).toEqual(['team=Network', 'where priority=P1|P2', '2024-01']);
    expect(formatTargetLabel(target)).toBe('happy-users [team=Network, 2024-01]');
  });

  it('never rounds a miss onto the threshold', () => {
    expect(describeTarget({ ...CSAT_BREACH, value: 84.96, ci: null })).toBe('csat 84.96% is below >= 85% (n 120)');
    const nearCap = makeTarget({
      id: 'p1',
      metric: 'p90',
      op: '<=',
      threshold: 14400,
      unit: 's',
      value: 14412,
      n: 9,
      status: 'breached',
      outcome: 'fail',
    });
    expect(describeTarget(nearCap)).toBe('p90 4h (14,412s) is above <= 4h (n 9)');
  });

  it('labels the interval with the confidence level', () => {
    expect(describeTarget(CSAT_BREACH, { confidence: 0.9 })).toBe('csat 72.0% is below >= 85% (n 120, 90% CI 64.1…79.2%)');
  });
});

describe('describeComposite', () => {
  const [index, rollUp] = VERDICT_REPORT.composites;

  it('names a breached key component before the index', () => {
    expect(index && describeComposite(index)).toBe(
      'Experience index breached: key component happy-users breached (index 68.5, target >= 80, 3 of 3 components with data)',
    );
  });

  it('judges the index against its target', () => {
    const components = [{ target: 'a', weight: 1, score: 76.44, status: 'breached' as const, key: false }];
    const composite = makeComposite({
      id: 'x',
      name: 'Index',
      value: 76.44,
      components,
      op: '>=',
      threshold: 80,
      status: 'breached',
      level: 'error',
      outcome: 'fail',
    });
    expect(describeComposite(composite)).toBe('Index 76.4 is below >= 80 (1 of 1 component with data)');
    expect(describeComposite({ ...composite, value: 91, status: 'met', outcome: 'pass' })).toBe(
      'Index 91.0 meets >= 80 (1 of 1 component with data)',
    );
  });

  it('shows a roll-up without a verdict as its index, and a composite without data as such', () => {
    expect(rollUp && describeComposite(rollUp)).toBe('CX roll-up 68.5 (2 of 2 components with data)');
    expect(describeComposite(makeComposite({ id: 'empty', name: 'Empty', status: 'no_data' }))).toBe(
      'Empty no data (no component has data)',
    );
  });
});

describe('formatCondition', () => {
  it.each([
    ['>=', 85, '%', '>= 85%'],
    ['<', 0.5, 's', '< 500ms'],
    ['<=', 5400, 's', '<= 1h 30m'],
    ['==', 0, 'points', '== 0'],
    ['>=', -10, 'points', '>= -10'],
    ['>', 4.25, 'score', '> 4.25'],
  ] as const)('%s %s %s → %s', (op, threshold, unit, expected) => {
    expect(formatCondition(op, threshold, unit)).toBe(expected);
  });
});

describe('sortByOutcome', () => {
  it('lists failures, then warnings, then the rest, keeping the order within each group', () => {
    expect(sortByOutcome(VERDICT_REPORT.targets).map((t) => t.id)).toEqual([
      'happy-users',
      'effort',
      'p1-fixed-fast',
      'nps-stretch',
      'promoters',
    ]);
  });
});

describe('formatSummaryLine', () => {
  it('counts every verdict and ends with the run status', () => {
    expect(formatSummaryLine(VERDICT_REPORT.summary)).toBe('1 met · 3 breached · 1 inconclusive · 1 no data → fail');
  });
});
