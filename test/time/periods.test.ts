import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfYear } from 'date-fns/startOfYear';
import { toWallClock, WallClockDate } from '../../src/fields/date-formats.js';
import { parseDateBound, PeriodCalendar, periodEnd, periodKey, periodStart, PERIODS, type Period } from '../../src/time/periods.js';

/** Epoch ms of an ISO instant written with `Z`. */
const utc = (iso: string): number => Date.parse(iso);
const asIso = (value: unknown): unknown => (typeof value === 'number' ? new Date(value).toISOString() : value);
const HOUR = 3_600_000;

describe('periodKey', () => {
  it.each([
    // days: the zone decides which calendar day an instant falls on
    ['2024-01-15T10:00:00Z', 'day', 'UTC', '2024-01-15'],
    ['2024-01-15T10:00:00Z', 'day', 'Asia/Tokyo', '2024-01-15'],
    ['2024-01-15T20:00:00Z', 'day', 'UTC', '2024-01-15'],
    ['2024-01-15T20:00:00Z', 'day', 'Asia/Tokyo', '2024-01-16'], // 20:00 + 9 h = 05:00 next day
    ['2024-01-15T03:00:00Z', 'day', 'America/New_York', '2024-01-14'], // 03:00 − 5 h = 22:00 the day before
    ['2024-01-15T03:00:00Z', 'day', 'UTC', '2024-01-15'],
    ['2024-02-29T12:00:00Z', 'day', 'UTC', '2024-02-29'], // leap day
    // Europe/Berlin on its 23-hour and 25-hour days
    ['2024-03-30T22:59:59.999Z', 'day', 'Europe/Berlin', '2024-03-30'], // 23:59:59.999 CET
    ['2024-03-30T23:00:00Z', 'day', 'Europe/Berlin', '2024-03-31'], // 00:00 CET
    ['2024-03-31T21:59:59.999Z', 'day', 'Europe/Berlin', '2024-03-31'], // 23:59:59.999 CEST
    ['2024-03-31T22:00:00Z', 'day', 'Europe/Berlin', '2024-04-01'],
    ['2024-10-27T00:30:00Z', 'day', 'Europe/Berlin', '2024-10-27'], // 02:30 CEST
    ['2024-10-27T01:30:00Z', 'day', 'Europe/Berlin', '2024-10-27'], // 02:30 CET, the repeated hour
    ['2024-10-27T22:59:59.999Z', 'day', 'Europe/Berlin', '2024-10-27'], // 23:59:59.999 CET
    ['2024-10-27T23:00:00Z', 'day', 'Europe/Berlin', '2024-10-28'],
    // ISO weeks (2024-01-01 is a Monday, so week 1 is Jan 1–7 and week 3 is Jan 15–21)
    ['2024-01-15T10:00:00Z', 'week', 'UTC', '2024-W03'],
    ['2024-01-14T23:30:00Z', 'week', 'UTC', '2024-W02'], // Sunday
    ['2024-01-14T23:30:00Z', 'week', 'Asia/Tokyo', '2024-W03'], // already Monday 08:30 in Tokyo
    ['2024-02-29T12:00:00Z', 'week', 'UTC', '2024-W09'], // Thursday of the week starting Mon Feb 26 = day 57 → (57−1)/7 + 1
    ['2021-01-03T12:00:00Z', 'week', 'UTC', '2020-W53'], // Sunday; week 1 of 2021 starts Mon Jan 4
    ['2021-01-04T00:00:00Z', 'week', 'UTC', '2021-W01'],
    ['2020-12-31T12:00:00Z', 'week', 'UTC', '2020-W53'],
    ['2024-12-29T12:00:00Z', 'week', 'UTC', '2024-W52'], // Sunday
    ['2024-12-30T12:00:00Z', 'week', 'UTC', '2025-W01'], // Monday; its Thursday is Jan 2 2025
    ['2026-01-01T00:00:00Z', 'week', 'UTC', '2026-W01'], // a Thursday
    ['2027-01-01T00:00:00Z', 'week', 'UTC', '2026-W53'], // a Friday
    ['2024-01-01T04:59:59Z', 'week', 'America/New_York', '2023-W52'], // still Sunday Dec 31 in New York
    // months, quarters, years
    ['2024-01-31T23:30:00Z', 'month', 'UTC', '2024-01'],
    ['2024-01-31T23:30:00Z', 'month', 'Asia/Tokyo', '2024-02'],
    ['2024-02-01T03:00:00Z', 'month', 'America/New_York', '2024-01'],
    ['2024-02-29T23:59:59.999Z', 'month', 'UTC', '2024-02'],
    ['2024-03-31T23:30:00Z', 'quarter', 'UTC', '2024-Q1'],
    ['2024-03-31T23:30:00Z', 'quarter', 'Asia/Tokyo', '2024-Q2'],
    ['2024-07-01T00:00:00Z', 'quarter', 'UTC', '2024-Q3'],
    ['2024-12-31T15:00:00Z', 'quarter', 'Asia/Tokyo', '2025-Q1'], // 00:00 Jan 1 in Tokyo
    ['2024-12-31T14:59:59.999Z', 'year', 'Asia/Tokyo', '2024'],
    ['2024-12-31T15:00:00Z', 'year', 'Asia/Tokyo', '2025'],
    ['2024-12-31T15:00:00Z', 'year', 'UTC', '2024'],
    ['2025-01-01T04:59:59.999Z', 'year', 'America/New_York', '2024'],
    ['2025-01-01T05:00:00Z', 'year', 'America/New_York', '2025'],
  ] as const)('%s by %s in %s → %s', (instant, period, tz, key) => {
    expect(periodKey(utc(instant), period, tz)).toBe(key);
  });

  it('gives each call its own answer whatever was asked before (zone, period, order)', () => {
    const instant = utc('2024-01-15T20:00:00Z');
    expect(periodKey(instant, 'day', 'UTC')).toBe('2024-01-15');
    expect(periodKey(instant, 'day', 'Asia/Tokyo')).toBe('2024-01-16');
    expect(periodKey(instant, 'day', 'UTC')).toBe('2024-01-15');
    expect(periodKey(instant - 24 * HOUR, 'day', 'UTC')).toBe('2024-01-14');
    expect(periodKey(instant, 'month', 'UTC')).toBe('2024-01');
    expect(periodKey(instant + 24 * HOUR, 'day', 'UTC')).toBe('2024-01-16');
  });
});

describe('periodStart and periodEnd', () => {
  it.each([
    ['2024-01-15', 'day', 'UTC', '2024-01-15T00:00:00.000Z', '2024-01-16T00:00:00.000Z', 24],
    ['2024-01-15', 'day', 'Asia/Tokyo', '2024-01-14T15:00:00.000Z', '2024-01-15T15:00:00.000Z', 24],
    ['2024-01-15', 'day', 'America/New_York', '2024-01-15T05:00:00.000Z', '2024-01-16T05:00:00.000Z', 24],
    // spring forward: 00:00 CET → next 00:00 CEST
    ['2024-03-31', 'day', 'Europe/Berlin', '2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z', 23],
    // fall back: 00:00 CEST → next 00:00 CET
    ['2024-10-27', 'day', 'Europe/Berlin', '2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z', 25],
    // Santiago's clocks jump at midnight (00:00 −04 → 01:00 −03): the day starts at 01:00
    ['2022-09-11', 'day', 'America/Santiago', '2022-09-11T04:00:00.000Z', '2022-09-12T03:00:00.000Z', 23],
    ['2024-02-29', 'day', 'UTC', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z', 24],
    ['2024-W03', 'week', 'UTC', '2024-01-15T00:00:00.000Z', '2024-01-22T00:00:00.000Z', 168],
    ['2020-W53', 'week', 'UTC', '2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z', 168],
    ['2025-W01', 'week', 'UTC', '2024-12-30T00:00:00.000Z', '2025-01-06T00:00:00.000Z', 168],
    // week 13 of 2024 = Jan 1 + 12 weeks = Mon Mar 25 (CET) … Mon Apr 1 (CEST): one hour short
    ['2024-W13', 'week', 'Europe/Berlin', '2024-03-24T23:00:00.000Z', '2024-03-31T22:00:00.000Z', 167],
    ['2024-02', 'month', 'UTC', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', 29 * 24],
    ['2023-02', 'month', 'UTC', '2023-02-01T00:00:00.000Z', '2023-03-01T00:00:00.000Z', 28 * 24],
    ['2024-03', 'month', 'America/New_York', '2024-03-01T05:00:00.000Z', '2024-04-01T04:00:00.000Z', 31 * 24 - 1],
    ['2024-12', 'month', 'UTC', '2024-12-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 31 * 24],
    ['2024-Q1', 'quarter', 'Asia/Tokyo', '2023-12-31T15:00:00.000Z', '2024-03-31T15:00:00.000Z', 91 * 24], // 31 + 29 + 31 days
    ['2024-Q4', 'quarter', 'UTC', '2024-10-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 92 * 24],
    ['2024', 'year', 'America/New_York', '2024-01-01T05:00:00.000Z', '2025-01-01T05:00:00.000Z', 366 * 24],
    ['2023', 'year', 'UTC', '2023-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 365 * 24],
  ] as const)('%s (%s, %s) runs from %s to %s: %d h', (key, period, tz, start, end, hours) => {
    const startAt = periodStart(key, period, tz);
    const endAt = periodEnd(key, period, tz);
    expect(asIso(startAt)).toBe(start);
    expect(asIso(endAt)).toBe(end);
    expect((endAt - startAt) / HOUR).toBe(hours);
  });

  it.each([
    ['2024-13', 'month'],
    ['2024-00', 'month'],
    ['2024-02-30', 'day'],
    ['2024-W53', 'week'], // 2024 has 52 ISO weeks
    ['2024-W00', 'week'],
    ['2024-Q5', 'quarter'],
    ['2024-01', 'day'],
    ['24', 'year'],
  ] as const)('%s is not a %s key', (key, period) => {
    expect(() => periodStart(key, period, 'UTC')).toThrow(RangeError);
    expect(() => periodEnd(key, period, 'UTC')).toThrow(RangeError);
  });
});

describe('periods agree with each other (property)', () => {
  // 1990–2060, in zones with DST, half-hour and no offsets
  const instants = fc.integer({ min: utc('1990-01-01T00:00:00Z'), max: utc('2060-01-01T00:00:00Z') });
  const periods = fc.constantFrom<Period>(...PERIODS);
  const zones = fc.constantFrom(
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'America/Santiago',
  );

  it('an instant lies in the period its key names', () => {
    fc.assert(
      fc.property(instants, periods, zones, (instant, period, tz) => {
        const key = periodKey(instant, period, tz);
        return periodStart(key, period, tz) <= instant && instant < periodEnd(key, period, tz);
      }),
    );
  });

  it('keys of one period type sort as their instants do', () => {
    fc.assert(
      fc.property(instants, instants, periods, zones, (a, b, period, tz) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        return periodKey(early, period, tz) <= periodKey(late, period, tz);
      }),
    );
  });

  it('instants asked about again and again, around period starts, get their own period (the day cache)', () => {
    // Hours on either side of a month's start in each zone, asked in any order, each several times.
    const around = fc.record({
      month: fc.integer({ min: 0, max: 11 }),
      hours: fc.array(fc.integer({ min: -72, max: 72 }), { minLength: 1, maxLength: 40, size: 'max' }),
    });
    fc.assert(
      fc.property(around, periods, zones, ({ month, hours }, period, tz) => {
        const start = periodStart(`2024-${String(month + 1).padStart(2, '0')}`, 'month', tz);
        const calendar = new PeriodCalendar(period, tz);
        for (const instant of [...hours, ...hours.reverse()].map((h) => start + h * 3_600_000 + (h % 7) * 60_000)) {
          const span = calendar.spanOf(instant);
          expect(span.start <= instant && instant < span.end).toBe(true);
          expect(span.key).toBe(periodKey(instant, period, tz));
          expect(periodStart(span.key, period, tz)).toBe(span.start);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a period ends where the next one starts', () => {
    fc.assert(
      fc.property(instants, periods, zones, (instant, period, tz) => {
        const end = periodEnd(periodKey(instant, period, tz), period, tz);
        return periodStart(periodKey(end, period, tz), period, tz) === end;
      }),
    );
  });
});

describe('keys written out', () => {
  // The reference: date-fns `format` with each period's pattern, on the wall-clock start.
  const REFERENCE: Record<Period, { startOf: (date: Date) => Date; pattern: string }> = {
    day: { startOf: startOfDay, pattern: 'yyyy-MM-dd' },
    week: { startOf: startOfISOWeek, pattern: "RRRR-'W'II" },
    month: { startOf: startOfMonth, pattern: 'yyyy-MM' },
    quarter: { startOf: startOfQuarter, pattern: "yyyy-'Q'Q" },
    year: { startOf: startOfYear, pattern: 'yyyy' },
  };

  it('are the keys date-fns `format` writes, for any instant of years 100–9999', () => {
    const instants = fc.oneof(
      fc.integer({ min: Date.UTC(100, 0, 2), max: Date.UTC(9999, 11, 30) }),
      // Around the turn of a year, where ISO weeks belong to the other year.
      fc.record({ year: fc.integer({ min: 101, max: 9998 }), hours: fc.integer({ min: -8 * 24, max: 8 * 24 }) }).map(({ year, hours }) => {
        const date = new Date(0);
        date.setUTCFullYear(year, 0, 1);
        return date.getTime() + hours * 3_600_000;
      }),
    );
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom<Period>(...PERIODS),
        fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata'),
        (instant, period, tz) => {
          const { startOf, pattern } = REFERENCE[period];
          const wallClock = new WallClockDate(toWallClock(instant, tz));
          expect(periodKey(instant, period, tz)).toBe(format(startOf(wallClock), pattern));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('many periods met in any order', () => {
  /** A seeded shuffle (mulberry32), so that the order is the same on every run. */
  function shuffled<T>(items: readonly T[], seed: number): T[] {
    const out = [...items];
    let a = seed >>> 0;
    const random = (): number => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  it.each(['UTC', 'Europe/Berlin'])(
    'finds 100 years of days in %s, each kept once and found again',
    (tz) => {
      // 36,525 days from 1950, one instant each between 09:00 and 14:59 UTC (the same date on the
      // wall clock of each zone here), asked in random order, then again in another.
      const first = utc('1950-01-01T00:00:00Z');
      const instants = shuffled(
        Array.from({ length: 36_525 }, (_, day) => first + day * 86_400_000 + (9 + ((day * 7) % 6)) * 3_600_000 + day),
        7,
      );
      const calendar = new PeriodCalendar('day', tz);
      const indexByKey = new Map<string, number>();
      const wrong: string[] = [];
      for (const instant of instants) {
        const span = calendar.spanOf(instant);
        if (!(span.start <= instant && instant < span.end) || indexByKey.has(span.key)) wrong.push(`${instant} → ${span.key}`);
        indexByKey.set(span.key, span.index);
      }
      for (const instant of instants.reverse()) {
        const span = calendar.spanOf(instant);
        const isSame =
          span.index === indexByKey.get(span.key) &&
          span.start === periodStart(span.key, 'day', tz) &&
          span.end === periodEnd(span.key, 'day', tz);
        if (!isSame) wrong.push(`${instant} → ${span.key} again`);
      }
      expect(wrong).toEqual([]);
      expect(indexByKey.size).toBe(36_525);
      expect(new Set(indexByKey.values()).size).toBe(36_525);
      expect([...indexByKey.keys()].sort().slice(0, 2)).toEqual(['1950-01-01', '1950-01-02']);
      expect([...indexByKey.keys()].sort().at(-1)).toBe('2049-12-31');
    },
    60_000,
  );
});

describe('parseDateBound', () => {
  it.each([
    ['2024', 'UTC', '2024-01-01T00:00:00.000Z'],
    ['2024', 'America/New_York', '2024-01-01T05:00:00.000Z'],
    ['2024-01', 'UTC', '2024-01-01T00:00:00.000Z'],
    ['2024-01', 'Asia/Tokyo', '2023-12-31T15:00:00.000Z'],
    ['2024-01-15', 'America/New_York', '2024-01-15T05:00:00.000Z'],
    ['2024-02-29', 'UTC', '2024-02-29T00:00:00.000Z'],
    [' 2024-03-31 ', 'Europe/Berlin', '2024-03-30T23:00:00.000Z'],
    ['2024-01-15T10:20', 'Europe/Berlin', '2024-01-15T09:20:00.000Z'],
    ['2024-01-15T10:20:00Z', 'Europe/Berlin', '2024-01-15T10:20:00.000Z'],
    ['2024-01-15T10:20:00+03:00', 'UTC', '2024-01-15T07:20:00.000Z'],
  ])('%j in %s → %s', (text, tz, expected) => {
    expect(asIso(parseDateBound(text, tz))).toBe(expected);
  });

  it.each([
    ['2024-13', 'no such month'],
    ['2024-00', 'no such month'],
    ['2023-02-29', 'no such date'],
    ['2024-01-15 25:00', 'no such time of day'],
    ['yesterday', 'not a date'],
    ['24-01-01', 'not a date'],
    ['2024-1', 'not a date'],
    ['', 'not a date'],
  ])('%j is rejected: %s', (text, reason) => {
    expect(parseDateBound(text, 'UTC')).toEqual({ invalid: reason });
  });

  it.each(['2024', '2024-01', '2024-01-15'])('%j in an unknown zone is rejected', (text) => {
    expect(parseDateBound(text, 'Mars/Olympus')).toEqual({ invalid: 'unknown time zone Mars/Olympus' });
  });

  it("number the spans of each calendar on their own: one run never sees another run's spans", () => {
    const first = new PeriodCalendar('month', 'UTC');
    for (let month = 0; month < 24; month += 1) first.spanOf(Date.UTC(2020, month, 10));
    const second = new PeriodCalendar('month', 'UTC');
    const march = second.spanOf(Date.UTC(2024, 2, 3));
    expect([march.key, march.index]).toEqual(['2024-03', 0]);
    expect(second.spanOf(Date.UTC(2021, 0, 5)).index).toBe(1);
    // The first calendar goes on from its own 24 spans, whatever the second met.
    expect(first.spanOf(Date.UTC(2024, 2, 20))).toMatchObject({ key: '2024-03', index: 24 });
    expect(first.spanOf(Date.UTC(2021, 0, 5))).toMatchObject({ key: '2021-01', index: 12 });
  });
});
