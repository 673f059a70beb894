// Wall-clock day numbers (time/calendar-days.ts): the arithmetic behind active users' days, weeks and months.
import { describe, expect, it } from 'vitest';
import { DayClock, dayNumberOf, formatDayNumber, isoWeekOfDay, lastDayOfWindow, monthOfDay } from '../../src/time/calendar-days.js';

const DAY_MS = 86_400_000;

describe('monthOfDay', () => {
  it('agrees with the calendar on every day from 1900 to 2200 (leap centuries included)', () => {
    for (let day = Math.floor(Date.UTC(1900, 0, 1) / DAY_MS); day < Date.UTC(2200, 0, 1) / DAY_MS; day++) {
      const date = new Date(day * DAY_MS);
      const expected = date.getUTCFullYear() * 12 + date.getUTCMonth();
      if (monthOfDay(day) !== expected) expect([formatDayNumber(day), monthOfDay(day)]).toEqual([formatDayNumber(day), expected]);
    }
  });
});

describe('isoWeekOfDay', () => {
  it('starts weeks on Monday', () => {
    // 2024-01-01 was a Monday: Sunday 31 Dec 2023 is the week before, Sunday 7 Jan the same week.
    const monday = Date.UTC(2024, 0, 1) / DAY_MS;
    expect(isoWeekOfDay(monday - 1)).toBe(isoWeekOfDay(monday) - 1);
    expect(isoWeekOfDay(monday + 6)).toBe(isoWeekOfDay(monday));
    expect(isoWeekOfDay(monday + 7)).toBe(isoWeekOfDay(monday) + 1);
  });
});

describe('days on the wall clock of a zone', () => {
  it('counts the 23-hour and 25-hour Berlin days as one day each', () => {
    // 31 Mar 2024 in Berlin: 30 Mar 23:00Z to 31 Mar 22:00Z; 27 Oct: 26 Oct 22:00Z to 27 Oct 23:00Z.
    const march31 = Date.UTC(2024, 2, 31) / DAY_MS;
    expect(dayNumberOf(Date.parse('2024-03-30T23:00:00Z'), 'Europe/Berlin')).toBe(march31);
    expect(dayNumberOf(Date.parse('2024-03-31T21:59:59Z'), 'Europe/Berlin')).toBe(march31);
    expect(dayNumberOf(Date.parse('2024-03-31T22:00:00Z'), 'Europe/Berlin')).toBe(march31 + 1);
    const october27 = Date.UTC(2024, 9, 27) / DAY_MS;
    expect(dayNumberOf(Date.parse('2024-10-26T22:00:00Z'), 'Europe/Berlin')).toBe(october27);
    expect(dayNumberOf(Date.parse('2024-10-27T22:59:59Z'), 'Europe/Berlin')).toBe(october27);
    expect(dayNumberOf(Date.parse('2024-10-27T23:00:00Z'), 'Europe/Berlin')).toBe(october27 + 1);
  });

  it('a DayClock gives what dayNumberOf gives, in any order of instants', () => {
    const clock = new DayClock('Europe/Berlin');
    const instants = Array.from({ length: 400 }, (_, i) => Date.parse('2024-03-29T00:00:00Z') + ((i * 7919) % 400) * 1_800_000);
    for (const instant of instants) expect(clock.dayOf(instant)).toBe(dayNumberOf(instant, 'Europe/Berlin'));
  });

  it('ends a window on the day of its as-of, never on the day its period’s end opens', () => {
    const april1 = Date.UTC(2024, 3, 1) / DAY_MS;
    // 1 Apr 00:00 CEST = 31 Mar 22:00Z: March's exclusive end in Berlin.
    const marchEnd = Date.parse('2024-03-31T22:00:00Z');
    expect(lastDayOfWindow(marchEnd, marchEnd, 'Europe/Berlin')).toBe(april1 - 1);
    // An as-of at a midnight without a period (the newest stamp of date-only rows) keeps its day.
    expect(lastDayOfWindow(marchEnd, undefined, 'Europe/Berlin')).toBe(april1);
    expect(lastDayOfWindow(Date.parse('2024-03-20T10:00:00Z'), marchEnd, 'Europe/Berlin')).toBe(april1 - 12);
  });
});
