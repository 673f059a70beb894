import { describe, expect, it } from 'vitest';
import { defaultFloor, evaluateComposite, rollUpDomains, scoreComponent, weightedIndex } from '../../src/scorecard/composites.js';
import type { TargetOp, TargetResult, TargetStatus } from '../../src/scorecard/model.js';

function target(id: string, value: number | null, op: TargetOp, threshold: number | [number, number], status: TargetStatus): TargetResult {
  return {
    id,
    name: null,
    metric: 'csat',
    segment: {},
    period: null,
    where: {},
    op,
    threshold,
    unit: '%',
    value,
    n: value === null ? 0 : 100,
    ci: null,
    min_n: 1,
    basis: 'point',
    level: 'error',
    status,
    outcome: status === 'met' ? 'pass' : 'fail',
  };
}

describe('component scores', () => {
  it.each([
    ['>=', 85, 0], // as far below 85 as 85 is above 0
    ['<=', 14400, 28800], // <= 4h reaches 0 at 8h
    ['>=', -10, -20],
    ['<=', 0, 0],
  ] as const)('default floor of %s %d is %d', (op, threshold, floor) => {
    expect(defaultFloor(op, threshold)).toBe(floor);
  });

  it.each([
    [72, '>=', 85, undefined, (100 * 72) / 85], // 84.706: 72 of the 85 points from the floor 0
    [72, '>=', 85, 60, 48], // 100 · (72 − 60)/(85 − 60)
    [50, '>=', 85, 60, 0], // below the floor
    [90, '>=', 85, undefined, 100], // met
    [18000, '<=', 14400, undefined, 75], // 5h against <= 4h: 100 · (8h − 5h)/(8h − 4h)
    [10, '<=', 0, undefined, 0], // a threshold of 0 has no distance: any miss scores 0
    [8, '==', 10, undefined, 80], // 100 · (10 − |8 − 10|)/10
  ] as const)('value %d against %s %d (floor %s) scores %d', (value, op, threshold, floor, score) => {
    expect(scoreComponent(value, { op, threshold }, floor)).toBeCloseTo(score, 10);
  });

  it('scores a miss outside a range by the range width', () => {
    // between 30 and 60 (width 30): 75 misses by 15 → 50; 0 misses by 30 → 0; 45 is inside → 100.
    expect(scoreComponent(75, { op: 'between', threshold: [30, 60] }, undefined)).toBeCloseTo(50, 10);
    expect(scoreComponent(0, { op: 'between', threshold: [30, 60] }, undefined)).toBe(0);
    expect(scoreComponent(45, { op: 'between', threshold: [30, 60] }, undefined)).toBe(100);
  });
});

describe('weightedIndex', () => {
  it('normalises the weights over components with data', () => {
    // (0.5·100 + 0.3·75 + 0.2·84.70588)/1.0 = 50 + 22.5 + 16.941176 = 89.441176
    expect(
      weightedIndex([
        { weight: 0.5, score: 100 },
        { weight: 0.3, score: 75 },
        { weight: 0.2, score: (100 * 72) / 85 },
      ]),
    ).toBeCloseTo(89.441176, 5);
    // (0.5·100 + 0.2·50)/0.7 = 60/0.7 = 85.714286
    expect(
      weightedIndex([
        { weight: 0.5, score: 100 },
        { weight: 0.3, score: null },
        { weight: 0.2, score: 50 },
      ]),
    ).toBeCloseTo(85.714286, 5);
    expect(weightedIndex([{ weight: 1, score: null }])).toBeNull();
  });

  it('is exact, so an index equal to its threshold meets it: 0.3·0 + 0.7·90 is 63 (doubles give 62.99999999999999)', () => {
    expect(0.3 * 0 + 0.7 * 90).toBe(62.99999999999999);
    expect(
      weightedIndex([
        { weight: 0.3, score: 0 },
        { weight: 0.7, score: 90 },
      ]),
    ).toBe(63);
    // 60 / 0.7 = 600/7, rounded once.
    expect(
      weightedIndex([
        { weight: 0.5, score: 100 },
        { weight: 0.2, score: 50 },
      ]),
    ).toBe(600 / 7);
  });
});

describe('evaluateComposite', () => {
  const happy = target('happy', 90, '>=', 85, 'met');
  const fast = target('fast', 18000, '<=', 14400, 'breached');
  const spec = (keyFast: boolean, threshold: number) => ({
    id: 'xla-index',
    name: 'Experience index',
    domain: null,
    level: 'error' as const,
    target: { op: '>=' as const, threshold },
    components: [
      { target: happy, weight: 3, key: false, floor: undefined },
      { target: fast, weight: 1, key: keyFast, floor: undefined },
    ],
  });

  it('is the weighted mean and judges it against its own target', () => {
    // (3·100 + 1·75)/4 = 93.75
    const result = evaluateComposite(spec(false, 90), false);
    expect(result.value).toBeCloseTo(93.75, 10);
    expect(result.components.map((component) => component.score)).toEqual([100, 75]);
    expect(result).toMatchObject({ status: 'met', outcome: 'pass', op: '>=', threshold: 90 });
    expect(evaluateComposite(spec(false, 95), false)).toMatchObject({ status: 'breached', outcome: 'fail' });
  });

  it('is breached by a breached key component whatever the index says', () => {
    expect(evaluateComposite(spec(true, 90), false)).toMatchObject({ value: 93.75, status: 'breached', outcome: 'fail' });
  });

  it('has no verdict from a key component without data', () => {
    const empty = target('fast', null, '<=', 14400, 'no_data');
    const result = evaluateComposite(
      {
        ...spec(true, 90),
        components: [
          { target: happy, weight: 3, key: false, floor: undefined },
          { target: empty, weight: 1, key: true, floor: undefined },
        ],
      },
      false,
    );
    expect(result).toMatchObject({ value: 100, status: 'no_data', outcome: 'fail' });
  });

  it('meets a target its index equals exactly: weights 0.3 and 0.7 on scores 0 and 90 against >= 63', () => {
    // Against >= 100 with the default floor 0, a value scores itself: 0 and 90.
    const components = [
      { target: target('none', 0, '>=', 100, 'breached'), weight: 0.3, key: false, floor: undefined },
      { target: target('most', 90, '>=', 100, 'breached'), weight: 0.7, key: false, floor: undefined },
    ];
    const result = evaluateComposite({ ...spec(false, 63), components }, false);
    expect(result).toMatchObject({ value: 63, status: 'met', outcome: 'pass' });
  });
});

describe('rollUpDomains', () => {
  it('gives one index per domain and a Total Experience view when targets span domains', () => {
    const results = rollUpDomains([
      { result: target('a', 90, '>=', 85, 'met'), domain: 'cx' },
      { result: target('b', 42.5, '>=', 85, 'breached'), domain: 'cx' }, // scores 50
      { result: target('c', 18000, '<=', 14400, 'breached'), domain: 'ops' }, // scores 75
    ]);
    expect(results.map((result) => [result.id, result.value])).toEqual([
      ['domain:cx', 75], // (100 + 50)/2
      ['domain:ops', 75],
      ['total-experience', 75],
    ]);
    expect(rollUpDomains([{ result: target('a', 90, '>=', 85, 'met'), domain: 'cx' }])).toEqual([]);
  });
});
