import { describe, expect, it } from 'vitest';
import type { TargetBasis, TargetOp } from '../../src/scorecard/model.js';
import { decideOutcome, judge, meets, summarize } from '../../src/scorecard/verdict.js';

const t = (op: TargetOp, threshold: number | [number, number]) => ({ op, threshold });

describe('meets: a value exactly on the threshold meets it', () => {
  it.each([
    [30, t('>=', 30), true],
    [29.999, t('>=', 30), false],
    [30, t('>', 30), false],
    [30.001, t('>', 30), true],
    [14400, t('<=', 14400), true], // <= 4h, exactly 4h
    [14401, t('<=', 14400), false],
    [250, t('<', 250), false],
    [0, t('==', 0), true],
    [1, t('==', 0), false],
    [30, t('between', [30, 60]), true],
    [60, t('between', [30, 60]), true],
    [29.9, t('between', [30, 60]), false],
    [60.1, t('between', [30, 60]), false],
  ] as const)('%d against %j → %s', (value, threshold, expected) => {
    expect(meets(value, threshold)).toBe(expected);
  });
});

describe('judge', () => {
  const point = { minN: 1, basis: 'point' as TargetBasis };
  it.each([
    ['no value', { value: null, n: 0, ci: null }, 'no_data'],
    ['n = 0', { value: 50, n: 0, ci: null }, 'no_data'],
    ['on the threshold', { value: 30, n: 10, ci: null }, 'met'],
    ['below', { value: 29, n: 10, ci: null }, 'breached'],
  ] as const)('point basis, %s', (_label, evidence, status) => {
    expect(judge(evidence, t('>=', 30), point)).toBe(status);
  });

  it('says no_data below min_n, whatever the value', () => {
    expect(judge({ value: 99, n: 29, ci: null }, t('>=', 30), { minN: 30, basis: 'point' })).toBe('no_data');
    expect(judge({ value: 99, n: 30, ci: null }, t('>=', 30), { minN: 30, basis: 'point' })).toBe('met');
  });

  it.each([
    // >= 30: the whole interval above → met; straddling → inconclusive; wholly below → breached.
    ['interval', t('>=', 30), [31, 40], 'met'],
    ['interval', t('>=', 30), [30, 40], 'met'], // the low end on the threshold meets it
    ['interval', t('>=', 30), [25, 35], 'inconclusive'],
    ['interval', t('>=', 30), [20, 29], 'breached'],
    ['lenient', t('>=', 30), [25, 35], 'met'],
    ['lenient', t('>=', 30), [20, 29], 'breached'],
    ['strict', t('>=', 30), [25, 35], 'breached'],
    ['strict', t('>=', 30), [31, 40], 'met'],
    // <= 4 (hours as numbers here): the same, mirrored.
    ['interval', t('<=', 4), [1, 3], 'met'],
    ['interval', t('<=', 4), [3, 5], 'inconclusive'],
    ['interval', t('<=', 4), [5, 6], 'breached'],
    ['interval', t('>', 30), [30, 31], 'inconclusive'],
    ['interval', t('<', 250), [250, 300], 'breached'],
    // between: an interval that contains the whole range straddles it; one beside it misses.
    ['interval', t('between', [30, 60]), [35, 55], 'met'],
    ['interval', t('between', [30, 60]), [20, 70], 'inconclusive'],
    ['interval', t('between', [30, 60]), [61, 70], 'breached'],
    ['interval', t('==', 0), [-1, 1], 'inconclusive'],
    ['interval', t('==', 0), [0, 0], 'met'],
    ['interval', t('==', 0), [1, 2], 'breached'],
  ] as const)('%s basis, %j with CI %j → %s', (basis, threshold, ci, status) => {
    const value = (ci[0] + ci[1]) / 2;
    expect(judge({ value, n: 100, ci }, threshold, { minN: 1, basis })).toBe(status);
  });

  it('falls back to the point estimate for metrics without an interval', () => {
    expect(judge({ value: 31, n: 5, ci: null }, t('>=', 30), { minN: 1, basis: 'interval' })).toBe('met');
    expect(judge({ value: 29, n: 5, ci: null }, t('>=', 30), { minN: 1, basis: 'strict' })).toBe('breached');
  });
});

describe('decideOutcome', () => {
  const base = { inconclusive: 'warn' as const, allowNoData: false };
  it.each([
    ['met', 'error', base, 'pass'],
    ['breached', 'error', base, 'fail'],
    ['breached', 'warn', base, 'warn'],
    ['no_data', 'error', base, 'fail'],
    ['no_data', 'error', { ...base, allowNoData: true }, 'warn'],
    ['no_data', 'warn', base, 'warn'],
    ['inconclusive', 'error', base, 'warn'],
    ['inconclusive', 'error', { ...base, inconclusive: 'fail' as const }, 'fail'],
    ['inconclusive', 'warn', { ...base, inconclusive: 'fail' as const }, 'warn'],
    ['inconclusive', 'error', { ...base, inconclusive: 'pass' as const }, 'pass'],
  ] as const)('%s at level %s (%j) → %s', (status, level, options, outcome) => {
    expect(decideOutcome(status, { level, ...options })).toBe(outcome);
  });
});

describe('summarize', () => {
  it('counts statuses and takes the worst outcome', () => {
    expect(
      summarize([
        { status: 'met', outcome: 'pass' },
        { status: 'breached', outcome: 'warn' },
        { status: 'no_data', outcome: 'fail' },
        { status: 'inconclusive', outcome: 'warn' },
      ]),
    ).toEqual({ targets: 4, met: 1, breached: 1, inconclusive: 1, no_data: 1, status: 'fail' });
    expect(summarize([{ status: 'breached', outcome: 'warn' }]).status).toBe('warn');
    expect(summarize([]).status).toBe('pass');
  });
});
