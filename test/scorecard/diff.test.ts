/**
 * The diff model (scorecard/diff.ts): rows paired on metric, segment and period, the change test
 * of change.ts between the two reports, and target status changes. The p-values are worked by hand:
 *
 * - CSAT 50/100 → 40/100, pooled z: p̂ = 90/200 = 0.45, SE = √(0.45·0.55·(1/100 + 1/100)) = 0.070356,
 *   z = 0.10/0.070356 = 1.4213, p = 2·(1 − Φ(1.4213)) = 0.1552 (as the 2×2 χ² = 2.02 gives).
 * - CSAT 60/100 → 40/100: p̂ = 0.5, SE = √(0.25·0.02) = 0.070711, z = 2.8284, p = 0.004678 < 0.05.
 * - NPS 50/30/20 → 30/30/40 (promoters/passives/detractors of 100), adjusted Wald (¾ promoter and
 *   ¾ detractor added, n + 3): base p = 50.75/103 = 0.49272, d = 20.75/103 = 0.20146, net = +29.126,
 *   SE = 100·√((p + d − (p − d)²)/103) = 7.6915; head p = 0.29854, d = 0.39563, net = −9.709,
 *   SE = 8.1536; z = 38.835/√(7.6915² + 8.1536²) = 38.835/11.2089 = 3.4646, p = 0.000531.
 * - CES mean 5.0 (sd 1.0, n 30) → 4.5 (sd 1.2, n 30), Welch: SE² = 1/30 + 1.44/30 = 0.081333,
 *   t = 0.5/0.28519 = 1.7532, df = 0.081333²/((1/30)²/29 + (1.44/30)²/29) = 56.17, p = 0.0850.
 */
import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/scorecard/diff.js';
import type { ComparedReport, ComparedResult, ComparedTarget, DiffSettings } from '../../src/scorecard/diff.js';

const SETTINGS: DiffSettings = { confidence: 0.95, netMethod: 'adjusted-wald' };

function csat(x: number, n: number, segment: Record<string, string> = {}, period: string | null = null): ComparedResult {
  return { metric: 'csat', name: 'CSAT', unit: '%', better: 'higher', segment, period, value: (100 * x) / n, n, detail: { x, n } };
}

function nps(promoters: number, passives: number, detractors: number): ComparedResult {
  const n = promoters + passives + detractors;
  return {
    metric: 'nps',
    name: 'Net Promoter Score',
    unit: 'points',
    better: 'higher',
    segment: {},
    period: null,
    value: (100 * (promoters - detractors)) / n,
    n,
    detail: { promoters, passives, detractors },
  };
}

function ces(mean: number, sd: number, n: number): ComparedResult {
  return {
    metric: 'ces',
    name: 'Customer Effort Score',
    unit: 'score',
    better: 'higher',
    segment: {},
    period: null,
    value: mean,
    n,
    detail: { mean, sd },
  };
}

function target(id: string, status: ComparedTarget['status'], segment: Record<string, string> = {}): ComparedTarget {
  return { id, name: null, metric: 'csat', segment, period: null, unit: '%', value: 50, n: 100, level: 'error', status };
}

function report(results: ComparedResult[], targets: ComparedTarget[] = []): ComparedReport {
  return { title: null, results, targets };
}

function diff(base: ComparedReport, head: ComparedReport, settings: DiffSettings = SETTINGS) {
  return diffReports({ file: 'base.json', report: base }, { file: 'head.json', report: head }, settings);
}

describe('diffReports: the change test per pair (metrics.md §6.5)', () => {
  it('CSAT 50/100 → 40/100: pooled z, p = 0.155, worse but not significant', () => {
    const [row] = diff(report([csat(50, 100)]), report([csat(40, 100)])).results;
    expect(row).toMatchObject({
      metric: 'csat',
      base: 50,
      head: 40,
      delta: -10,
      significant: false,
      direction: 'worse',
      base_n: 100,
      head_n: 100,
    });
    expect(row?.p).toBeCloseTo(0.1552, 4);
    expect(row?.detail).toBeUndefined();
  });

  it('CSAT 60/100 → 40/100: p = 0.0047, a regression', () => {
    const result = diff(report([csat(60, 100)]), report([csat(40, 100)]));
    expect(result.results[0]?.p).toBeCloseTo(0.004678, 6);
    expect(result.results[0]).toMatchObject({ significant: true, direction: 'worse' });
    expect(result.summary).toMatchObject({ regressions: 1, improvements: 0 });
  });

  it('the same change read the other way is an improvement, with the same p', () => {
    const result = diff(report([csat(40, 100)]), report([csat(60, 100)]));
    expect(result.results[0]?.p).toBeCloseTo(0.004678, 6);
    expect(result.results[0]).toMatchObject({ delta: 20, direction: 'better' });
    expect(result.summary).toMatchObject({ regressions: 0, improvements: 1 });
  });

  it('NPS +30 → −10: the adjusted-Wald z-test, p = 0.000531', () => {
    const [row] = diff(report([nps(50, 30, 20)]), report([nps(30, 30, 40)])).results;
    expect(row).toMatchObject({ base: 30, head: -10, delta: -40, significant: true, direction: 'worse' });
    expect(row?.p).toBeCloseTo(0.000531, 6);
  });

  it('CES mean 5.0 → 4.5: Welch, p = 0.0850', () => {
    const [row] = diff(report([ces(5, 1, 30)]), report([ces(4.5, 1.2, 30)])).results;
    expect(row?.p).toBeCloseTo(0.085, 4);
    expect(row).toMatchObject({ significant: false, direction: 'worse' });
    expect(row?.delta).toBeCloseTo(-0.5, 12);
  });

  it('--confidence decides significant: p = 0.085 is significant at 90 %, not at 95 %', () => {
    expect(diff(report([ces(5, 1, 30)]), report([ces(4.5, 1.2, 30)]), { ...SETTINGS, confidence: 0.9 }).results[0]?.significant).toBe(true);
  });

  it('below the minimum sample no test is run, and the detail says which side missed it', () => {
    const [row] = diff(report([csat(3, 5)]), report([csat(40, 100)])).results;
    expect(row).toMatchObject({ p: null, significant: null, direction: 'worse' });
    expect(row?.detail).toBe('not tested: n = 5 in base; a change is tested only with n ≥ 10 in both reports');
  });

  it('a metric this xla does not know is diffed without a test, and says why', () => {
    const custom = (value: number): ComparedResult => ({ ...csat(1, 10), metric: 'custom.metric', name: 'Custom', value });
    const [row] = diff(report([custom(3)]), report([custom(5)])).results;
    expect(row).toMatchObject({ delta: 2, p: null, significant: null, detail: 'not tested: a metric this xla does not know' });
  });

  it('a metric with no test (a percentile) keeps its delta, p null', () => {
    const p90 = (value: number): ComparedResult => ({
      metric: 'resolution_time.p90',
      name: 'Resolution time, 90th percentile',
      unit: 's',
      better: 'lower',
      segment: {},
      period: null,
      value,
      n: 50,
    });
    const [row] = diff(report([p90(3600)]), report([p90(7200)])).results;
    expect(row).toMatchObject({ delta: 3600, p: null, significant: null, direction: 'worse' });
    expect(row?.detail).toBe('not tested: no test of a change applies to this metric');
  });
});

describe('diffReports: pairing and order', () => {
  it('lists rows present in one report only, with only, a null on the missing side and no delta', () => {
    const result = diff(report([csat(5, 10), csat(1, 10, { team: 'A' })]), report([csat(5, 10), csat(2, 10, {}, '2024-02')]));
    expect(result.results.map((row) => [row.segment, row.period, row.only ?? null, row.base, row.head, row.delta])).toEqual([
      [{}, null, null, 50, 50, 0],
      [{}, '2024-02', 'head', null, 20, null],
      [{ team: 'A' }, null, 'base', 10, null, null],
    ]);
    expect(result.summary).toMatchObject({ only_base: 1, only_head: 1 });
  });

  it('pairs segments whatever their key order, and orders rows by registry metric, segment and period whatever the input order', () => {
    const base = report([csat(4, 10, { b: '1', a: '2' }), nps(5, 3, 2), csat(5, 10, {}, '2024-01'), csat(5, 10)]);
    const head = report([csat(6, 10), csat(4, 10, { a: '2', b: '1' }), csat(5, 10, {}, '2024-01'), nps(5, 3, 2)].reverse());
    const forward = diff(base, head);
    expect(forward.results.map((row) => `${row.metric} ${JSON.stringify(row.segment)} ${String(row.period)}`)).toEqual([
      'nps {} null',
      'csat {} null',
      'csat {} 2024-01',
      'csat {"a":"2","b":"1"} null',
    ]);
    expect(forward.results.every((row) => row.only === undefined)).toBe(true);
    const shuffled = diff(report([...base.results].reverse()), report([...head.results].reverse()));
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(forward));
  });

  it('a value missing on one side: no delta, and the detail says where', () => {
    const empty: ComparedResult = { ...csat(0, 1), value: null, n: 0, detail: { x: 0, n: 0 } };
    const [row] = diff(report([empty]), report([csat(5, 10)])).results;
    expect(row).toMatchObject({ base: null, head: 50, delta: null, p: null, direction: null, detail: 'no data in base' });
  });
});

describe('diffReports: targets', () => {
  it('lists a target whose status changed or that one report lacks, never one unchanged', () => {
    const base = report(
      [],
      [target('floor', 'met'), target('same', 'met'), target('gone', 'breached'), target('per-team', 'met', { team: 'A' })],
    );
    const head = report(
      [],
      [target('per-team', 'breached', { team: 'A' }), target('new', 'met'), target('same', 'met'), target('floor', 'inconclusive')],
    );
    const { targets, summary } = diff(base, head);
    expect(targets.map((t) => [t.id, t.base, t.head, t.only ?? null, t.regression])).toEqual([
      ['floor', 'met', 'inconclusive', null, false],
      ['gone', 'breached', null, 'base', false],
      ['new', null, 'met', 'head', false],
      ['per-team', 'met', 'breached', null, true],
    ]);
    expect(targets[3]?.segment).toEqual({ team: 'A' });
    expect(summary).toMatchObject({ target_changes: 4, target_regressions: 1 });
  });
});
