import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInvalid } from '../../src/fields/values.js';
import {
  BusinessCalendar,
  businessDeadline,
  businessSeconds,
  parseHours,
  WEEKDAYS,
  type CalendarSpec,
  type Weekday,
} from '../../src/time/business-hours.js';

const utc = (iso: string): number => Date.parse(iso);
const HOUR = 3600;
const WEEK_DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function hours(text: string) {
  const parsed = parseHours(text);
  if (isInvalid(parsed)) throw new Error(parsed.invalid);
  return parsed;
}

const calendar = (spec: Partial<Omit<CalendarSpec, 'hours'>> & { hours?: string } = {}): BusinessCalendar =>
  new BusinessCalendar({ timezone: 'Europe/Berlin', days: WEEK_DAYS, ...spec, hours: hours(spec.hours ?? '09:00-18:00') });

describe('businessSeconds, Europe/Berlin, mon–fri 09:00-18:00', () => {
  // June 2024 is CEST (UTC+2): local 17:30 = 15:30Z. 2024-06-03 is a Monday.
  it.each([
    // overnight: Mon 17:30 → 18:00 (0.5 h) + Tue 09:00 → 10:00 (1 h) = 1.5 h
    ['overnight', '2024-06-03T15:30:00Z', '2024-06-04T08:00:00Z', 1.5 * HOUR],
    // weekend: Fri 16:00 → 18:00 (2 h), Sat and Sun nothing, Mon 09:00 → 11:00 (2 h) = 4 h
    ['over a weekend', '2024-06-07T14:00:00Z', '2024-06-10T09:00:00Z', 4 * HOUR],
    // opened Mon 19:00, resolved Tue 08:00: both out of hours, no opening between = 0
    ['opened and resolved out of hours, same night', '2024-06-03T17:00:00Z', '2024-06-04T06:00:00Z', 0],
    // opened Mon 07:00 (before opening) resolved Mon 20:00 (after closing): the whole day, 9 h
    ['opened before opening, resolved after closing', '2024-06-03T05:00:00Z', '2024-06-03T18:00:00Z', 9 * HOUR],
    // opened Sat 10:00, resolved Sun 15:00: no working day = 0
    ['opened and resolved on a weekend', '2024-06-08T08:00:00Z', '2024-06-09T13:00:00Z', 0],
    // opened Sat, resolved Mon 09:30: starts at Monday's opening = 0.5 h
    ['opened out of hours starts at the next opening', '2024-06-08T08:00:00Z', '2024-06-10T07:30:00Z', 0.5 * HOUR],
    // inside one interval: Tue 10:15 → 12:45 = 2.5 h
    ['within one day', '2024-06-04T08:15:00Z', '2024-06-04T10:45:00Z', 2.5 * HOUR],
    ['zero length', '2024-06-04T08:15:00Z', '2024-06-04T08:15:00Z', 0],
    ['to before from', '2024-06-04T10:45:00Z', '2024-06-04T08:15:00Z', 0],
  ])('%s', (_name, from, to, expected) => {
    expect(businessSeconds(calendar(), utc(from), utc(to))).toBe(expected);
  });

  it('counts a span of a year without a per-day loop per call: 2024 has 262 weekdays × 9 h', () => {
    // 2024-01-01 is a Monday; 52 whole weeks end Sun 2024-12-29, then Mon 30 and Tue 31: 52 × 5 + 2 = 262.
    const year = calendar();
    // Later span first, then an earlier one: the cache grows backwards from its first day too.
    expect(businessSeconds(year, utc('2024-12-30T00:00:00Z'), utc('2024-12-31T00:00:00Z'))).toBe(9 * HOUR); // Mon 30th, all of it
    expect(businessSeconds(year, utc('2023-12-31T23:00:00Z'), utc('2024-12-31T23:00:00Z'))).toBe(262 * 9 * HOUR);
  });

  it('leaves out holidays given as local dates', () => {
    const withHoliday = calendar({ isHoliday: (date) => date === '2024-06-04' });
    // Mon 17:00 → 18:00 (1 h), Tue the 4th a holiday (0), Wed 09:00 → 10:00 (1 h) = 2 h
    expect(businessSeconds(withHoliday, utc('2024-06-03T15:00:00Z'), utc('2024-06-05T08:00:00Z'))).toBe(2 * HOUR);
    // The same span without the holiday: 1 + 9 + 1 = 11 h
    expect(businessSeconds(calendar(), utc('2024-06-03T15:00:00Z'), utc('2024-06-05T08:00:00Z'))).toBe(11 * HOUR);
  });

  it('reads days and holidays on the calendar zone wall clock, not UTC', () => {
    // Mon 2024-06-03 00:30 in Berlin is Sun 22:30Z: a working Monday in Berlin, so from 00:30 to
    // 10:00 local the engine counts 09:00 → 10:00 = 1 h.
    expect(businessSeconds(calendar(), utc('2024-06-02T22:30:00Z'), utc('2024-06-03T08:00:00Z'))).toBe(1 * HOUR);
    // In Asia/Tokyo (UTC+9) the same instants are Mon 07:30 → 17:00 local: 09:00 → 17:00 = 8 h.
    expect(businessSeconds(calendar({ timezone: 'Asia/Tokyo' }), utc('2024-06-02T22:30:00Z'), utc('2024-06-03T08:00:00Z'))).toBe(8 * HOUR);
  });
});

describe('two intervals a day (lunch break)', () => {
  const lunch = calendar({ hours: '09:00-13:00, 14:00-18:00' });
  it.each([
    // Mon 12:00 → 13:00 (1 h) + 14:00 → 15:00 (1 h) = 2 h
    ['across the break', '2024-06-03T10:00:00Z', '2024-06-03T13:00:00Z', 2 * HOUR],
    // opened and resolved within the break: 0
    ['inside the break', '2024-06-03T11:10:00Z', '2024-06-03T11:50:00Z', 0],
    // a whole day: 4 + 4 = 8 h
    ['a whole day', '2024-06-03T00:00:00Z', '2024-06-04T00:00:00Z', 8 * HOUR],
    // Mon 17:30 → 18:00 (0.5 h) + Tue 09:00 → 13:00 (4 h) + 14:00 → 14:30 (0.5 h) = 5 h
    ['overnight', '2024-06-03T15:30:00Z', '2024-06-04T12:30:00Z', 5 * HOUR],
  ])('%s', (_name, from, to, expected) => {
    expect(businessSeconds(lunch, utc(from), utc(to))).toBe(expected);
  });
});

describe('DST in the calendar zone (Europe/Berlin)', () => {
  const everyDay = (text: string) => calendar({ days: [...WEEKDAYS], hours: text });
  // 2024-03-31: clocks jump 02:00 CET → 03:00 CEST. 2024-10-27: 03:00 CEST falls back to 02:00 CET.
  it.each([
    // Spring: local midnight = 2024-03-30T23:00Z, next midnight = 2024-03-31T22:00Z: the day lasts 23 h
    // (the span is exactly that local day).
    ['00:00-24:00 on the 23-hour day', '00:00-24:00', '2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z', 'spring', 23],
    // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z: 2 h on the clock's 3 h.
    ['01:00-04:00 across the jump', '01:00-04:00', '2024-03-31T00:00:00Z', '2024-03-31T06:00:00Z', 'spring', 2],
    // 02:00 does not exist: it moves forward to 03:00 CEST = 01:00Z, and 03:00 CEST = 01:00Z: 0 h.
    ['02:00-03:00 is skipped', '02:00-03:00', '2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z', 'spring', 0],
    // Autumn: local midnight = 2024-10-26T22:00Z, next midnight = 2024-10-27T23:00Z: 25 h.
    ['00:00-24:00 on the 25-hour day', '00:00-24:00', '2024-10-26T22:00:00Z', '2024-10-27T23:00:00Z', 'autumn', 25],
    // 01:00 CEST = 2024-10-26T23:00Z; 04:00 CET = 03:00Z: 4 h on the clock's 3 h.
    ['01:00-04:00 across the fall back', '01:00-04:00', '2024-10-26T12:00:00Z', '2024-10-27T12:00:00Z', 'autumn', 4],
    // 02:00 occurs twice; the earlier (CEST, 00:00Z) opens, 03:00 CET = 02:00Z closes: 2 h.
    ['02:00-03:00 is repeated', '02:00-03:00', '2024-10-26T12:00:00Z', '2024-10-27T12:00:00Z', 'autumn', 2],
    // A normal 09:00-18:00 after the change: Mon 2024-04-01 09:00 CEST = 07:00Z, 9 h.
    ['09:00-18:00 the day after spring', '09:00-18:00', '2024-04-01T00:00:00Z', '2024-04-02T00:00:00Z', 'spring', 9],
  ])('%s', (_name, text, from, to, _season, expectedHours) => {
    expect(businessSeconds(everyDay(text), utc(from), utc(to))).toBe(expectedHours * HOUR);
  });

  it('a ticket open over the spring weekend on 09:00-18:00 mon–fri: Fri 17:00 CET → Mon 10:00 CEST', () => {
    // Fri 2024-03-29 17:00 CET = 16:00Z → 18:00 (1 h); Mon 2024-04-01 09:00 → 10:00 CEST = 08:00Z (1 h) = 2 h
    expect(businessSeconds(calendar(), utc('2024-03-29T16:00:00Z'), utc('2024-04-01T08:00:00Z'))).toBe(2 * HOUR);
  });
});

describe('night shifts', () => {
  // UTC, mon–fri 22:00-06:00: each shift belongs to the day it opens on.
  const nights = calendar({ timezone: 'UTC', hours: '22:00-06:00' });
  it.each([
    // Fri 23:00 → Sat 06:00 (7 h, Friday's shift), no shift opens Sat or Sun, Mon 22:00 → 23:00 (1 h) = 8 h
    ['over a weekend', '2024-06-07T23:00:00Z', '2024-06-10T23:00:00Z', 8 * HOUR],
    // Mon 00:00 → 06:00 would be Sunday's shift, and Sunday is not a working day: 0
    ['the morning after a day off', '2024-06-10T00:00:00Z', '2024-06-10T06:00:00Z', 0],
    // Tue 03:00 → 05:00 inside Monday's shift: 2 h
    ['inside a shift after midnight', '2024-06-11T03:00:00Z', '2024-06-11T05:00:00Z', 2 * HOUR],
    // Mon 12:00 → Wed 12:00: Mon shift 8 h + Tue shift 8 h = 16 h
    ['two whole shifts', '2024-06-10T12:00:00Z', '2024-06-12T12:00:00Z', 16 * HOUR],
  ])('%s', (_name, from, to, expected) => {
    expect(businessSeconds(nights, utc(from), utc(to))).toBe(expected);
  });

  it('a holiday cancels the shift that opens on it, not the one running into it', () => {
    const withHoliday = calendar({ timezone: 'UTC', hours: '22:00-06:00', isHoliday: (date) => date === '2024-06-11' });
    // Mon 12:00 → Wed 12:00: Monday's shift runs into Tuesday (8 h); Tuesday's does not open = 8 h
    expect(businessSeconds(withHoliday, utc('2024-06-10T12:00:00Z'), utc('2024-06-12T12:00:00Z'))).toBe(8 * HOUR);
  });
});

describe('businessDeadline', () => {
  const nineToFive = calendar({ timezone: 'UTC', hours: '09:00-17:00' });
  it.each([
    // metrics.md §3.7: 24 h from Mon 09:00 = Mon 8 + Tue 8 + Wed 8 → Wed 17:00, not Thu 09:00
    ['24 h from Monday 09:00', '2024-06-03T09:00:00Z', 24 * HOUR, '2024-06-05T17:00:00.000Z'],
    // 4 h from Thu 15:00 = Thu 2 h + Fri 09:00 → 11:00
    ['4 h from Thursday 15:00', '2024-06-06T15:00:00Z', 4 * HOUR, '2024-06-07T11:00:00.000Z'],
    // Fri 16:00: 1 h Friday, weekend off, 1 h Monday → Mon 10:00
    ['over a weekend', '2024-06-07T16:00:00Z', 2 * HOUR, '2024-06-10T10:00:00.000Z'],
    // opened Saturday: starts at Monday's opening, 30 min → Mon 09:30
    ['opened out of hours', '2024-06-08T12:00:00Z', 0.5 * HOUR, '2024-06-10T09:30:00.000Z'],
    // zero: the instant itself, even out of hours
    ['zero', '2024-06-08T12:00:00Z', 0, '2024-06-08T12:00:00.000Z'],
  ])('%s', (_name, from, seconds, due) => {
    expect(new Date(businessDeadline(nineToFive, utc(from), seconds)).toISOString()).toBe(due);
  });

  it("counts a night shift running at the start: Tue 03:00 in Monday's 22:00-06:00 shift, 4 h → Tue 22:00 + 1 h", () => {
    // Tue 03:00 → 06:00 is 3 h of Monday's shift; 1 h more from Tuesday's 22:00 → 23:00.
    const nights = calendar({ timezone: 'UTC', hours: '22:00-06:00' });
    expect(new Date(businessDeadline(nights, utc('2024-06-11T03:00:00Z'), 4 * HOUR)).toISOString()).toBe('2024-06-11T23:00:00.000Z');
  });

  it('is NaN for a negative duration and for a calendar with no working day in a year', () => {
    expect(businessDeadline(nineToFive, utc('2024-06-03T09:00:00Z'), -1)).toBeNaN();
    const allHolidays = calendar({ isHoliday: () => true });
    expect(businessDeadline(allHolidays, utc('2024-06-03T09:00:00Z'), HOUR)).toBeNaN();
  });
});

describe('parseHours', () => {
  it.each([
    ['09:00-18:00', [{ start: 540, end: 1080 }]],
    [
      '14:00-18:00, 09:00-13:00',
      [
        { start: 540, end: 780 },
        { start: 840, end: 1080 },
      ],
    ],
    ['00:00-24:00', [{ start: 0, end: 1440 }]],
    ['22:00-06:00', [{ start: 1320, end: 360 }]],
    ['8:30 - 12:15', [{ start: 510, end: 735 }]],
    [
      '06:00-14:00, 14:00-22:00, 22:00-06:00',
      [
        { start: 360, end: 840 },
        { start: 840, end: 1320 },
        { start: 1320, end: 360 },
      ],
    ],
  ])('reads %s', (text, expected) => {
    expect(parseHours(text)).toEqual(expected);
  });

  it.each([
    ['9-18', '"9-18" is not an interval like 09:00-18:00'],
    ['09:00-18:00,', '"" is not an interval like 09:00-18:00'],
    ['09:60-18:00', '"09:60-18:00" has a time outside 00:00-23:59 (24:00 may only close an interval)'],
    ['24:00-06:00', '"24:00-06:00" has a time outside 00:00-23:59 (24:00 may only close an interval)'],
    ['09:00-25:00', '"09:00-25:00" has a time outside 00:00-23:59 (24:00 may only close an interval)'],
    ['09:00-09:00', '"09:00-09:00" is empty (opens and closes at the same time)'],
    ['09:00-13:00, 12:00-18:00', '09:00-13:00 and 12:00-18:00 overlap'],
    // the night shift's morning runs into the next day's 05:00 opening
    ['05:00-09:00, 22:00-06:00', '22:00-06:00 and 05:00-09:00 overlap'],
  ])('refuses %s', (text, message) => {
    expect(parseHours(text)).toEqual({ invalid: message });
  });
});

describe('properties', () => {
  const HOURS = ['09:00-18:00', '09:00-13:00, 14:00-18:00', '00:00-24:00', '22:00-06:00', '01:30-02:30, 08:00-17:00', '02:00-03:00'];
  // Lord Howe shifts by 30 min; Santiago and Havana change their clocks at midnight.
  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'America/Havana'];
  const specArbitrary = fc.record({
    timezone: fc.constantFrom(...ZONES),
    days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    hours: fc.constantFrom(...HOURS),
    holiday: fc.integer({ min: 0, max: 27 }),
  });
  // Instants over 2023–2025, around both DST changes of every zone above.
  const instant = fc.integer({ min: utc('2023-01-01T00:00:00Z'), max: utc('2025-12-31T00:00:00Z') });
  const build = ({ timezone, days, hours: text, holiday }: { timezone: string; days: Weekday[]; hours: string; holiday: number }) =>
    new BusinessCalendar({ timezone, days, hours: hours(text), isHoliday: (date) => Number(date.slice(8, 10)) === holiday });

  it('is additive, never more than calendar time, and the same whatever was asked before', () => {
    fc.assert(
      fc.property(specArbitrary, fc.array(instant, { minLength: 3, maxLength: 3 }), instant, (spec, points, earlier) => {
        const [a, b, c] = [...points].sort((left, right) => left - right) as [number, number, number];
        const used = build(spec);
        used.milliseconds(earlier, earlier + 86_400_000); // fills the cache from elsewhere first
        const whole = used.milliseconds(a, c);
        expect(whole).toBe(used.milliseconds(a, b) + used.milliseconds(b, c));
        expect(whole).toBeGreaterThanOrEqual(0);
        expect(whole).toBeLessThanOrEqual(c - a);
        expect(build(spec).milliseconds(a, c)).toBe(whole);
      }),
    );
  });

  it('puts a deadline at the first instant the business time reaches the duration', () => {
    fc.assert(
      fc.property(specArbitrary, instant, fc.integer({ min: 1, max: 30 * 86_400_000 }), (spec, from, duration) => {
        const calendarOf = build(spec);
        const due = calendarOf.deadline(from, duration);
        expect(calendarOf.milliseconds(from, due)).toBe(duration);
        expect(calendarOf.milliseconds(from, due - 1)).toBeLessThan(duration);
      }),
    );
  });

  it('is invariant to splitting a span into many pieces', () => {
    fc.assert(
      fc.property(specArbitrary, fc.array(instant, { minLength: 2, maxLength: 12 }), (spec, points) => {
        const sorted = [...points].sort((left, right) => left - right);
        const calendarOf = build(spec);
        let pieces = 0;
        for (let index = 1; index < sorted.length; index++)
          pieces += calendarOf.milliseconds(sorted[index - 1] as number, sorted[index] as number);
        expect(pieces).toBe(build(spec).milliseconds(sorted[0] as number, sorted.at(-1) as number));
      }),
    );
  });
});
