import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coerceNumber } from '../../src/fields/values.js';
import { describeHeld, FIT_SHARE, judgeFit, tallyCells, verdictOf } from '../../src/fields/value-fit.js';
import type { ValueCoercer } from '../../src/fields/value-fit.js';

/** The row builder's reading of an nps cell: a whole number in 0–10. */
const nps: ValueCoercer = (raw) => coerceNumber(raw, { decimal: '.', integer: true, min: 0, max: 10 });

describe('the fit rule', () => {
  it('is more than half of the non-blank values', () => {
    expect(FIT_SHARE).toBe(0.5);
    // 6 of 10 read: fits; 5 of 10: does not (5 is not more than 0.5 × 10).
    expect(judgeFit(['1', '2', '3', '4', '5', '6', 'a', 'b', 'c', 'd'], nps).verdict).toBe('fits');
    expect(judgeFit(['1', '2', '3', '4', '5', 'a', 'b', 'c', 'd', 'e'], nps).verdict).toBe('misfits');
    // Two good answers and a broken cell (a three-row file): fits, the broken cell is rejected on its own.
    expect(judgeFit(['Good', 'constructor', 'Bad'], (raw) => (raw === 'constructor' ? { invalid: 'not a number' } : 5)).verdict).toBe(
      'fits',
    );
    expect(verdictOf(1, 1)).toBe('fits');
    expect(verdictOf(1, 0)).toBe('misfits');
    expect(verdictOf(2, 1)).toBe('misfits');
  });

  it('does not count blank cells and null markers, and knows nothing from a column of them', () => {
    const fit = judgeFit(['', '  ', 'N/A', null, undefined, '10', '-'], nps);
    expect(fit).toMatchObject({ verdict: 'fits', values: 1, read: 1 });
    expect(judgeFit(['', 'null', undefined], nps)).toEqual({ verdict: 'empty', values: 0, read: 0 });
  });

  it('rejects out-of-range and fractional answers as the row builder does', () => {
    const fit = judgeFit(['11', '12', '4.5', '7'], nps);
    expect(fit).toMatchObject({ verdict: 'misfits', values: 4, read: 1 });
  });

  it('says what a misfit column holds: its most frequent values, ties in text order, and the commonest reason', () => {
    const cells = ['Agree', 'Strongly agree', ' Agree', 'Disagree', 'Neutral', 'Disagree', '5', '', 'N/A', '11', '12'];
    expect(judgeFit(cells, nps)).toEqual({ verdict: 'misfits', values: 9, read: 1 });
    // Agree ×2 (trimmed alike), Disagree ×2, then the ones in text order: "11" < "12" < "5" < "Neutral"…
    expect(describeHeld(tallyCells(cells), nps)).toEqual({ common: ['Agree', 'Disagree', '11'], reason: 'not a number' });
    expect(describeHeld(tallyCells(['10', '']), nps)).toEqual({ common: ['10'], reason: undefined });
  });

  it('reads JSON numbers and booleans too', () => {
    expect(judgeFit([10, 9, 0, 3], nps).verdict).toBe('fits');
    expect(judgeFit([true, false, true], nps).verdict).toBe('misfits');
  });

  it('takes any coercer: a label scale plugs in without changing the rule', () => {
    const agreement = new Map([
      ['strongly agree', 5],
      ['agree', 4],
      ['neutral', 3],
      ['disagree', 2],
      ['strongly disagree', 1],
    ]);
    const labels: ValueCoercer = (raw) => {
      if (typeof raw !== 'string' || raw.trim() === '') return undefined;
      return agreement.get(raw.trim().toLowerCase()) ?? { invalid: 'not an agreement label' };
    };
    expect(judgeFit(['Agree', 'Strongly agree', 'Neutral', ''], labels)).toMatchObject({ verdict: 'fits', values: 3, read: 3 });
    expect(judgeFit(['7', '9'], labels).verdict).toBe('misfits');
  });

  it('names the most frequent values as a full sort would', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', '1', '2', '3'), { maxLength: 30 }), (cells) => {
        const counts = new Map<string, number>();
        for (const cell of cells) counts.set(cell, (counts.get(cell) ?? 0) + 1);
        const sorted = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([text]) => text);
        expect(describeHeld(tallyCells(cells), nps).common).toEqual(sorted.slice(0, 3));
      }),
    );
  });

  it('never depends on the order of the sample', () => {
    const cell = fc.oneof(fc.constantFrom('', 'N/A', 'Agree', 'Disagree', '11', '4.5'), fc.integer({ min: -2, max: 12 }).map(String));
    const sampleAndShuffle = fc
      .array(cell, { maxLength: 40 })
      .chain((cells) => fc.tuple(fc.constant(cells), fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length })));
    fc.assert(
      fc.property(sampleAndShuffle, ([cells, shuffled]) => {
        expect(judgeFit(shuffled, nps)).toEqual(judgeFit(cells, nps));
        expect(describeHeld(tallyCells(shuffled), nps)).toEqual(describeHeld(tallyCells(cells), nps));
      }),
    );
  });
});
