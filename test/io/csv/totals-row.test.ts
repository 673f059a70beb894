import { describe, expect, it } from 'vitest';
import { findTotalsLabel } from '../../../src/io/csv/totals-row.js';

describe('findTotalsLabel', () => {
  it.each([
    [['Grand total', '', '4,715'], 'Grand total'],
    [['', '  Totals ', '5'], 'Totals'],
    [[' ', 'Итого', '5'], 'Итого'],
    [['всего:', '5'], undefined],
    [['Total revenue', '5'], undefined],
    [['x', 'Total'], undefined],
    [[`${' '.repeat(30)}Total`], undefined],
    [[], undefined],
    [['', ''], undefined],
  ])('%j → %j', (cells, label) => {
    expect(findTotalsLabel(cells)).toBe(label);
  });
});

// findTotalsLabel rules most cells out by length and first character before lowercasing them:
// that must never change which cells are labels.
describe('findTotalsLabel shortcuts', () => {
  const LABELS = ['grand total', 'total', 'totals', 'итого', 'всего'];
  const isLabelText = (text: string): boolean => LABELS.includes(text.trim().toLowerCase());

  /** Every upper/lower-case spelling of a word. */
  const caseVariants = (word: string): string[] =>
    [...word].reduce<string[]>(
      (variants, char) => variants.flatMap((prefix) => [prefix + char.toLowerCase(), prefix + char.toUpperCase()]),
      [''],
    );

  it('finds every case spelling of every label, padded or not', () => {
    for (const label of LABELS) {
      for (const text of new Set(caseVariants(label))) {
        expect(findTotalsLabel([text, '5'])).toBe(text);
        expect(findTotalsLabel(['', ` ${text}\u00A0`, '5'])).toBe(text);
      }
    }
  });

  it('agrees with the plain lookup for every ASCII first character', () => {
    const endings = [...LABELS.map((label) => label.slice(1)), 'CK-00000001', 'otal revenue', 'otal ', '', '1'];
    for (let code = 0; code < 128; code++) {
      for (const ending of endings) {
        const text = String.fromCharCode(code) + ending;
        const label = findTotalsLabel([text]);
        expect(label !== undefined, JSON.stringify(text)).toBe(isLabelText(text));
        if (label !== undefined) expect(label).toBe(text.trim());
      }
    }
  });
});
