/** The parsers turn checked dates into epoch ms by integer arithmetic; it must agree with Date.UTC. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DMY_DOT, parseIsoTimestamp } from '../../src/fields/date-formats.js';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

interface Stamp {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  ms: number;
}

// Days above a month's length are clamped to its last day, which makes leap days and month ends frequent.
const stamp = (minYear: number): fc.Arbitrary<Stamp> =>
  fc
    .record({
      year: fc.integer({ min: minYear, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      seconds: fc.integer({ min: 0, max: 59 }),
      ms: fc.integer({ min: 0, max: 999 }),
    })
    .map((parts) => ({ ...parts, day: Math.min(parts.day, daysInMonth(parts.year, parts.month)) }));

const dateUtc = ({ year, month, day, hours, minutes, seconds, ms }: Stamp): number =>
  Date.UTC(year, month - 1, day, hours, minutes, seconds, ms);
const isoDate = ({ year, month, day }: Stamp): string => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
const clock = ({ hours, minutes, seconds }: Stamp): string => `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}`;

describe('epoch ms of a checked date and time', () => {
  it('ISO fast path (yyyy-MM-ddTHH:mm:ssZ) gives Date.UTC for years 100–9999', () => {
    fc.assert(
      fc.property(stamp(100), (parts) => {
        expect(parseIsoTimestamp(`${isoDate(parts)}T${clock(parts)}Z`, 'UTC')).toBe(dateUtc({ ...parts, ms: 0 }));
      }),
      { numRuns: 20_000 },
    );
  });

  it('ISO general path (with milliseconds) gives Date.UTC for years 100–9999', () => {
    fc.assert(
      fc.property(stamp(100), (parts) => {
        expect(parseIsoTimestamp(`${isoDate(parts)}T${clock(parts)}.${pad(parts.ms, 3)}Z`, 'UTC')).toBe(dateUtc(parts));
      }),
      { numRuns: 20_000 },
    );
  });

  it('numeric layouts (dd.MM.yyyy HH:mm:ss.SSS) give Date.UTC for years 1000–9999', () => {
    fc.assert(
      fc.property(stamp(1000), (parts) => {
        const text = `${pad(parts.day, 2)}.${pad(parts.month, 2)}.${parts.year} ${clock(parts)}.${pad(parts.ms, 3)}`;
        expect(DMY_DOT.parse(text, 'UTC')).toBe(dateUtc(parts));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    '0100-01-01T00:00:00Z',
    '0100-02-28T23:59:59Z',
    '0100-03-01T00:00:00Z', // 100 is not a leap year
    '0400-02-29T12:00:00Z',
    '1600-02-29T00:00:00Z',
    '1900-02-28T23:59:59Z',
    '1900-03-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '1970-01-01T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2024-02-29T23:59:59Z',
    '2100-03-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ])('%s', (text) => {
    expect(parseIsoTimestamp(text, 'UTC')).toBe(Date.parse(text));
    expect(parseIsoTimestamp(text.replace('Z', '.000Z'), 'UTC')).toBe(Date.parse(text));
  });
});
