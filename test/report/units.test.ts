import { describe, expect, it } from 'vitest';
import type { Unit } from '../../src/metrics/types.js';
import {
  formatCount,
  formatDelta,
  formatDuration,
  formatIndex,
  formatInterval,
  formatIntervalLabel,
  formatThreshold,
  formatValue,
  formatValueNear,
} from '../../src/report/units.js';

describe('formatValue', () => {
  it.each<[number | null, Unit, string]>([
    [null, 'points', '–'],
    [null, 's', '–'],
    [32.4, 'points', '+32'],
    [32.5, 'points', '+33'],
    [-5, 'points', '-5'],
    [-12.5, 'points', '-13'],
    [0, 'points', '0'],
    [-0.4, 'points', '0'],
    [85.25, '%', '85.3%'],
    [85.2, '%', '85.2%'],
    [100, '%', '100.0%'],
    [0, '%', '0.0%'],
    [4.125, 'score', '4.13'],
    [2.675, 'score', '2.68'],
    [1234.5, 'score', '1,234.50'],
    [-1.005, 'score', '-1.01'],
    [82.986, 'index', '83.0'],
    [62.5, 'index', '62.5'],
    [84.05, 'index', '84.1'],
    [0.5, 'ratio', '0.50'],
    [12330, 'count', '12,330'],
    [1234567, 'count', '1,234,567'],
    [0, 'count', '0'],
    // A mean of counts (active users per day, 8/31) keeps a tenth rather than rounding to 0.
    [8 / 31, 'count', '0.3'],
    [2677.2432, 'count', '2,677.2'],
    [2310.4, 'ms', '2,310 ms'],
    [999.5, 'ms', '1,000 ms'],
    [0.905, 'apdex', '0.91'],
    [45, 's', '45s'],
    [725, 's', '12m 5s'],
    [15120, 's', '4h 12m'],
    [273600, 's', '3d 4h'],
  ])('formatValue(%s, %s) = %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it('shows the Apdex threshold T in seconds, in its shortest form', () => {
    expect(formatValue(0.905, 'apdex', { t: 0.5 })).toBe('0.91 [0.5]');
    expect(formatValue(0.5, 'apdex', { t: 1, band: 'Poor' })).toBe('0.50 [1]');
    expect(formatValue(0.5, 'apdex', { t: null })).toBe('0.50');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.4, '400ms'],
    [2.775, '2.8s'], // 2.775 → tenths, half away from zero
    [9.96, '10s'], // rounds up out of the tenths range
    [0.04, '40ms'],
    [0.05, '50ms'],
    [0.96, '960ms'],
    [0.9996, '1s'], // 999.6 ms rounds to 1000 ms → 1.0 s
    [1.5, '1.5s'],
    [59.4, '59s'],
    [59.5, '1m'],
    [60, '1m'],
    [90, '1m 30s'],
    [3600, '1h'],
    [3629.9, '1h'],
    [3630, '1h 1m'],
    [15150, '4h 13m'],
    [86399.9, '1d'],
    [86400 + 1800, '1d 1h'],
    [3 * 86400 + 23.6 * 3600, '4d'],
    [1200 * 86400, '1,200d'],
    [-90, '-1m 30s'],
    [-0.01, '-10ms'],
  ])('formatDuration(%s) = %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatInterval', () => {
  it.each<[[number, number] | null, Unit, string]>([
    [null, '%', '–'],
    [[81.25, 88.5], '%', '81.3…88.5%'],
    [[25, 40], 'points', '+25…+40'],
    [[-5, 12], 'points', '-5…+12'],
    [[3720, 10800], 's', '1h 2m…3h'],
    [[1200, 1450], 'ms', '1,200…1,450 ms'],
    [[0.88, 0.93], 'apdex', '0.88…0.93'],
    [[4.1, 4.35], 'score', '4.10…4.35'],
  ])('formatInterval(%j, %s) = %s', (ci, unit, expected) => {
    expect(formatInterval(ci, unit)).toBe(expected);
  });
});

describe('formatDelta', () => {
  it.each<[number | null, Unit, string]>([
    [null, 'points', '–'],
    [3.24, '%', '▲ 3.2 pp'],
    [-3, 'points', '▼ 3'],
    [0.01, 'points', '0'],
    [-3600, 's', '▼ 1h'],
    [120, 'ms', '▲ 120 ms'],
    [-0.02, 'apdex', '▼ 0.02'],
  ])('formatDelta(%s, %s) = %s', (delta, unit, expected) => {
    expect(formatDelta(delta, unit)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1200, '1,200'],
    [-1234, '-1,234'],
    [1234.5, '1,235'],
  ])('formatCount(%s) = %s', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });
});

describe('formatThreshold', () => {
  it.each<[number, Unit, string]>([
    [85, '%', '85%'],
    [85.5, '%', '85.5%'],
    [30, 'points', '+30'],
    [-10, 'points', '-10'],
    [0, 'points', '0'],
    [14400, 's', '4h'],
    [0.5, 's', '500ms'],
    [500, 'ms', '500 ms'],
    [4.5, 'score', '4.5'],
    [0.85, 'apdex', '0.85'],
    [1000, 'count', '1,000'],
    [1 / 3, 'ratio', '0.3333'],
  ])('formatThreshold(%s, %s) = %s', (value, unit, expected) => {
    expect(formatThreshold(value, unit)).toBe(expected);
  });
});

describe('formatValueNear', () => {
  it.each<[number | null, number[], Unit, string]>([
    [72, [85], '%', '72.0%'],
    [84.96, [85], '%', '84.96%'],
    [85, [85], '%', '85.0%'],
    [29.6, [30], 'points', '+29.6'],
    [-0.4, [0], 'points', '-0.4'],
    [14412, [14400], 's', '4h (14,412s)'],
    [4.499, [3.5, 4.5], 'score', '4.499'],
    [null, [85], '%', '–'],
  ])('formatValueNear(%s, %j, %s) = %s', (value, bounds, unit, expected) => {
    expect(formatValueNear(value, bounds, unit)).toBe(expected);
  });
});

describe('formatIndex and formatIntervalLabel', () => {
  it('shows an index with one decimal and labels intervals by their level', () => {
    expect(formatIndex(84.25)).toBe('84.3');
    expect(formatIndex(null)).toBe('–');
    expect(formatIntervalLabel(undefined)).toBe('95% CI');
    expect(formatIntervalLabel(0.9)).toBe('90% CI');
    expect(formatIntervalLabel(0.995)).toBe('99.5% CI');
  });
});
