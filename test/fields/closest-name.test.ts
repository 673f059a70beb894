import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, MAX_SUGGESTED_NAME_LENGTH, measureEditDistance } from '../../src/fields/closest-name.js';
import type { EditWorkMeter } from '../../src/fields/closest-name.js';

/** The textbook dynamic programme over the whole table: what the banded one must agree with. */
function fullEditDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = table[i] as number[];
      const above = table[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (table[a.length] as number[])[b.length] as number;
}

describe('closestName', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
  ] as const)('edit distance %s → %s is %d', (a, b, distance) => {
    expect(measureEditDistance(a, b)).toBe(distance);
    expect(measureEditDistance(b, a)).toBe(distance);
  });

  it.each([
    ['kitten', 'sitting', 2, 3],
    ['kitten', 'sitting', 3, 3],
    ['abcdef', 'ab', 3, 4],
    ['abcdef', 'fedcba', 1, 2],
  ] as const)('edit distance %s → %s within %d is %d (limit + 1 when over it)', (a, b, limit, distance) => {
    expect(measureEditDistance(a, b, limit)).toBe(distance);
    expect(measureEditDistance(b, a, limit)).toBe(distance);
  });

  it('computes within a limit what the whole table gives, or limit + 1 past it', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 13 }), (a, b, limit) => {
        const full = fullEditDistance(a, b);
        expect(measureEditDistance(a, b, limit)).toBe(full <= limit ? full : limit + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['Teem', ['Team', 'Priority'], 'Team'],
    ['NPS', ['nps', 'csat'], 'nps'],
    ['colour', ['priority', 'team'], undefined],
    ['tem', ['term', 'team'], 'term'],
    ['teams', ['team', 'Teams'], 'Teams'],
  ] as const)('%s among %j → %s', (wanted, names, expected) => {
    expect(closestName(wanted, names)).toBe(expected);
  });

  it('suggests for a name up to the length cap, not past it', () => {
    const name = `q${'x'.repeat(MAX_SUGGESTED_NAME_LENGTH - 1)}`;
    expect(closestName(`${name.slice(0, -1)}y`, [name])).toBe(name);
    expect(closestName(`${name}y`, [`${name}z`])).toBeUndefined();
  });

  it('measures a name over the cap against nothing, whatever the columns', () => {
    const meter: EditWorkMeter = { cells: 0 };
    const long = 'how likely '.repeat(100_000);
    expect(closestName(long, [long, 'team'], meter)).toBeUndefined();
    expect(meter.cells).toBe(0);
  });

  it('spends a bounded number of cells per column: the band, never length × length', () => {
    // 2,000 columns of the cap's length, each 60 edits from the name: the old full table was
    // 128 × 128 cells a column (32M in all); the band of 42 either side with the row cut-off is far less.
    const wanted = 'a'.repeat(MAX_SUGGESTED_NAME_LENGTH);
    const columns = Array.from(
      { length: 2000 },
      (_, i) => `${'b'.repeat(60)}${'a'.repeat(MAX_SUGGESTED_NAME_LENGTH - 60 - 4)}${String(i).padStart(4, '0')}`,
    );
    const meter: EditWorkMeter = { cells: 0 };
    expect(closestName(wanted, columns, meter)).toBeUndefined();
    const band = 2 * Math.floor(MAX_SUGGESTED_NAME_LENGTH / 3) + 1;
    expect(meter.cells).toBeLessThanOrEqual(columns.length * band * 43);
    expect(meter.cells).toBeGreaterThan(0);
  });

  it('skips a column whose length alone puts it out of reach, however long', () => {
    const meter: EditWorkMeter = { cells: 0 };
    expect(closestName('team', ['t'.repeat(3_000_000), 'x'.repeat(10)], meter)).toBeUndefined();
    expect(meter.cells).toBe(0);
  });
});
