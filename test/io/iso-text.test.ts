import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIsoFormatter } from '../../src/io/iso-text.js';

/** The most milliseconds from 1970 a Date holds. */
const MAX_DATE_MS = 8.64e15;

describe('createIsoFormatter', () => {
  it.each([
    [0, '1970-01-01T00:00:00.000Z'],
    [-1, '1969-12-31T23:59:59.999Z'],
    // 2024-02-29 is a leap day; 1900 was no leap year, 2000 was.
    [Date.UTC(2024, 1, 29, 23, 59, 59, 7), '2024-02-29T23:59:59.007Z'],
    [Date.UTC(1900, 2, 1), '1900-03-01T00:00:00.000Z'],
    [Date.UTC(2000, 1, 29, 12, 0, 0, 50), '2000-02-29T12:00:00.050Z'],
    [Date.UTC(9999, 11, 31, 23, 59, 59, 999), '9999-12-31T23:59:59.999Z'],
    // Outside 0000–9999 the text is toISOString's own.
    [Date.UTC(10000, 0, 1), '+010000-01-01T00:00:00.000Z'],
    [Date.UTC(-1, 0, 1), '-000001-01-01T00:00:00.000Z'],
  ])('%d ms is %s', (ms, text) => {
    expect(createIsoFormatter()(ms)).toBe(text);
  });

  it('writes what toISOString writes, whatever the order of the calls (the kept day never leaks)', () => {
    const format = createIsoFormatter();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -MAX_DATE_MS, max: MAX_DATE_MS }), { minLength: 1, maxLength: 20 }), (times) => {
        for (const ms of times) expect(format(ms)).toBe(new Date(ms).toISOString());
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        expect(format(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('throws a RangeError beyond what a Date holds, as toISOString does', () => {
    expect(() => createIsoFormatter()(MAX_DATE_MS + 1)).toThrow(RangeError);
  });
});
