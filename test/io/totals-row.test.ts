import { describe, expect, it } from 'vitest';
import { findTotalsLabel } from '../../src/io/totals-row.js';

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
