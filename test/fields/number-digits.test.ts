/** parseNumber reads plain digits without its regexes; they must read as before, with either decimal mark. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/fields/units.js';

describe('parseNumber on plain digits', () => {
  it('gives Number(text) with either decimal mark, padded or not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,25}$/), (digits) => {
        for (const decimal of ['.', ','] as const) {
          expect(parseNumber(digits, decimal)).toBe(Number(digits));
          expect(parseNumber(` ${digits}\t`, decimal)).toBe(Number(digits));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['0', 0],
    ['007', 7],
    ['4', 4],
    ['9007199254740993', 9007199254740992], // beyond 2^53: the nearest double, as Number() reads it
  ] as const)('%j → %d', (text, value) => {
    expect(parseNumber(text, '.')).toBe(value);
    expect(parseNumber(text, ',')).toBe(value);
  });

  it('rejects digits too many for a finite number, as other numbers', () => {
    const digits = '9'.repeat(400);
    expect(parseNumber(digits, '.')).toEqual({ invalid: 'not a finite number' });
    expect(parseNumber(digits, ',')).toEqual({ invalid: 'not a finite number' });
  });

  it.each(['', ' ', '4a', '4 5', '٤'])('%j is not plain digits and is read as before', (text) => {
    expect(parseNumber(text, '.')).toEqual({ invalid: 'not a number' });
  });
});
