import { describe, expect, it } from 'vitest';
import { findBaselineSide, judgeChange, type BaselineReport, type Side } from '../../src/scorecard/baseline.js';
import type { TargetRule } from '../../src/scorecard/rules.js';

const SETTINGS = { confidence: 0.95, netMethod: 'adjusted-wald' } as const;

/** A csat side: x of n satisfied, in % (detail as the metric writes it). */
const csat = (x: number, n: number): Side => ({ value: (100 * x) / n, n, detail: { x, n } });

function rule(
  text: { op: '>=' | '<='; threshold: number },
  basis: TargetRule['basis'],
  relative = false,
): Parameters<typeof judgeChange>[0] {
  return { metric: 'csat', target: { ...text, text: '' }, minN: 1, basis, change: { relative } };
}

const NO_MORE_THAN_2_DOWN = { op: '>=', threshold: -2 } as const;

describe('judgeChange', () => {
  // Baseline 160/200 = 80 %; this run 426/556 = 76.62 %: −3.38 pp, pooled z-test p = 0.326, Newcombe
  // 95 % interval of the change −9.6…+3.6 pp: a drop within noise.
  const withinNoise = [csat(426, 556), csat(160, 200)] as const;
  // Baseline 426/556 = 76.62 %; this run 93/150 = 62 %: −14.6 pp, p < 0.001, interval −23.3…−6.4 pp.
  const significant = [csat(93, 150), csat(426, 556)] as const;

  it('breaches a point target on any drop past the threshold', () => {
    const { status, change } = judgeChange(rule(NO_MORE_THAN_2_DOWN, 'point'), ...withinNoise, 'main.json', SETTINGS);
    expect(status).toBe('breached');
    expect(change.delta).toBeCloseTo(-3.3813, 4);
    expect(change.base).toBe(80);
    expect(change.significant).toBe(false);
  });

  it('lets a drop within noise pass under lenient, and fails a significant one', () => {
    expect(judgeChange(rule(NO_MORE_THAN_2_DOWN, 'lenient'), ...withinNoise, 'main.json', SETTINGS).status).toBe('met');
    const { status, change } = judgeChange(rule(NO_MORE_THAN_2_DOWN, 'lenient'), ...significant, 'main.json', SETTINGS);
    expect(status).toBe('breached');
    expect(change.significant).toBe(true);
    expect(change.ci?.[1]).toBeLessThan(-2);
  });

  it('under strict, fails unless the run is significantly no worse than the threshold', () => {
    expect(judgeChange(rule(NO_MORE_THAN_2_DOWN, 'strict'), ...withinNoise, 'main.json', SETTINGS).status).toBe('breached');
    // 700/1000 → 800/1000: +10 pp, interval ≈ +6.2…+13.8 pp, wholly above −2.
    expect(judgeChange(rule(NO_MORE_THAN_2_DOWN, 'strict'), csat(800, 1000), csat(700, 1000), 'main.json', SETTINGS).status).toBe('met');
  });

  it('judges a relative threshold in % of the baseline value', () => {
    // −3.3813 pp of 80 % is −4.2266 %: meets ">= -5%", misses ">= -4%".
    const five = judgeChange(rule({ op: '>=', threshold: -5 }, 'point', true), ...withinNoise, 'main.json', SETTINGS);
    expect(five.status).toBe('met');
    expect(five.change.relative_delta).toBeCloseTo(-4.2266, 4);
    expect(judgeChange(rule({ op: '>=', threshold: -4 }, 'point', true), ...withinNoise, 'main.json', SETTINGS).status).toBe('breached');
    const fromZero = judgeChange(rule({ op: '>=', threshold: -5 }, 'point', true), csat(1, 10), csat(0, 10), 'main.json', SETTINGS);
    expect(fromZero.status).toBe('no_data');
  });

  it('calls nothing significant below the minimum sample: lenient meets, strict breaches, interval is inconclusive', () => {
    const few = [csat(1, 6), csat(5, 6)] as const;
    expect(judgeChange(rule(NO_MORE_THAN_2_DOWN, 'lenient'), ...few, 'main.json', SETTINGS).status).toBe('met');
    expect(judgeChange(rule(NO_MORE_THAN_2_DOWN, 'strict'), ...few, 'main.json', SETTINGS).status).toBe('breached');
    const { status, change } = judgeChange(rule(NO_MORE_THAN_2_DOWN, 'interval'), ...few, 'main.json', SETTINGS);
    expect(status).toBe('inconclusive');
    expect(change.note).toContain('not tested');
    expect(change.note).toContain('the baseline');
  });

  it('has no verdict when the baseline lacks the value', () => {
    const { status, change } = judgeChange(rule(NO_MORE_THAN_2_DOWN, 'point'), csat(1, 2), undefined, 'main.json', SETTINGS);
    expect(status).toBe('no_data');
    expect(change.note).toBe('main.json has no value for this target');
  });
});

describe('findBaselineSide', () => {
  const baseline: BaselineReport = {
    name: 'main.json',
    targets: [{ id: 'csat-drop', metric: 'csat', segment: { team: 'A' }, value: 70, n: 10, detail: { x: 7, n: 10 } }],
    results: [
      { metric: 'csat', segment: {}, period: null, value: 60, n: 20, detail: { x: 12, n: 20 } },
      { metric: 'csat', segment: { team: 'B' }, period: null, value: 50, n: 10, detail: { x: 5, n: 10 } },
      { metric: 'csat', segment: { team: 'B' }, period: '2024-01', value: 90, n: 10, detail: { x: 9, n: 10 } },
    ],
  };
  const target = { id: 'csat-drop', metric: 'csat', where: {} };

  it("takes the baseline's own verdict of the target and segment first", () => {
    expect(findBaselineSide(target, { team: 'A' }, baseline)?.value).toBe(70);
  });

  it("falls back on the baseline's whole-window result for a target over all rows", () => {
    expect(findBaselineSide(target, { team: 'B' }, baseline)?.value).toBe(50);
    expect(findBaselineSide(target, {}, baseline)?.value).toBe(60);
    // A filtered target's rows are not among the results: no baseline value rather than the wrong one.
    expect(findBaselineSide({ ...target, where: { channel: ['web'] } }, {}, baseline)).toBeUndefined();
  });
});
