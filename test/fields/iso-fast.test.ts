/** The character-code fast path for `yyyy-MM-ddTHH:mm:ss[Z]` must agree with the general ISO reader. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from '../../src/fields/date-formats.js';

describe('parseIsoTimestamp fast path', () => {
  it('gives the instant Date.parse gives for every Z timestamp of 1970–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) / 1000 }), (seconds) => {
        const text = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
        expect(parseIsoTimestamp(text, 'UTC')).toBe(seconds * 1000);
        expect(parseIsoTimestamp(text.replace('T', ' ').replace('Z', ''), 'UTC')).toBe(seconds * 1000);
      }),
    );
  });

  it.each([
    ['2024-02-30T10:00:00Z', 'invalid'], // no 30 February
    ['2024-02-29T24:00:00Z', 'invalid'], // no hour 24
    ['2023-02-29 10:00:00', 'invalid'], // 2023 is not a leap year
    ['0099-01-01T00:00:00Z', 'invalid'], // years below 100 are refused (Date.UTC would read 1999)
    ['2024-01-15T10:20:30Z', Date.UTC(2024, 0, 15, 10, 20, 30)],
    ['2024-01-15 10:20:30', Date.UTC(2024, 0, 15, 7, 20, 30)], // Europe/Moscow is UTC+3 in January
  ] as const)('%s', (text, expected) => {
    const result = parseIsoTimestamp(text, 'Europe/Moscow');
    if (expected === 'invalid') expect(typeof result).toBe('object');
    else expect(result).toBe(expected);
  });
});
