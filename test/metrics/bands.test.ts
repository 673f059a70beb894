import { describe, expect, it } from 'vitest';
import { listBands, rateByBands } from '../../src/metrics/bands.js';
import type { Bands } from '../../src/metrics/types.js';

const HIGHER: Bands = {
  bound: 'at-least',
  steps: [
    { bound: 10, label: 'top', judgement: 'good' },
    { bound: 5, label: 'middle', judgement: 'fair' },
  ],
  otherwise: { label: 'bottom', judgement: 'bad' },
};

const LOWER: Bands = {
  bound: 'at-most',
  steps: [
    { bound: 1, label: 'fast', judgement: 'good' },
    { bound: 3, label: 'slow', judgement: 'fair' },
  ],
  otherwise: { label: 'stuck', judgement: 'bad' },
};

describe('rateByBands', () => {
  it.each([
    [HIGHER, 11, 'top'],
    [HIGHER, 10, 'top'],
    [HIGHER, 9.999, 'middle'],
    [HIGHER, 5, 'middle'],
    [HIGHER, 4.999, 'bottom'],
    [HIGHER, -1, 'bottom'],
    [LOWER, 0, 'fast'],
    [LOWER, 1, 'fast'],
    [LOWER, 1.001, 'slow'],
    [LOWER, 3, 'slow'],
    [LOWER, 3.001, 'stuck'],
  ] as const)('%#: %d is %s (a value on a bound is in the better band)', (bands, value, label) => {
    expect(rateByBands(bands, value)).toBe(label);
  });

  it('gives the last band when there are no bounded ones', () => {
    expect(rateByBands({ bound: 'at-least', steps: [], otherwise: { label: 'only', judgement: 'fair' } }, 42)).toBe('only');
  });
});

describe('listBands', () => {
  it('lists the bands best first, the unbounded one last', () => {
    expect(listBands(LOWER).map((band) => band.label)).toEqual(['fast', 'slow', 'stuck']);
  });
});
