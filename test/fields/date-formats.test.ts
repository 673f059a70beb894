import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DATE_FORMATS,
  DatePatternError,
  daysFromEpoch,
  DMY_DOT,
  DMY_SLASH,
  DMY_SLASH_SHORT_YEAR,
  EPOCH_MICROSECONDS,
  EPOCH_MILLISECONDS,
  EPOCH_SECONDS,
  expandTwoDigitYear,
  ISO_8601,
  JIRA,
  MDY_SLASH,
  MDY_SLASH_SHORT_YEAR,
  MONTH_NAME,
  parseDatePattern,
  parseEpochNumber,
  suggestDatePattern,
  YMD_SLASH,
  YYYYMMDD,
  type DateFormat,
} from '../../src/fields/date-formats.js';
import { itReads, itRejects } from './date-format-cases.js';

// Offsets used below: Europe/Berlin CET +1 (winter) / CEST +2 (summer); Europe/Moscow +3;
// America/New_York EST −5 / EDT −4; America/Los_Angeles PDT −7; Asia/Tokyo +9; Asia/Kolkata +5:30.
// The instant is the wall clock minus the offset: 10:20 CET = 10:20 − 1 h = 09:20Z.

describe('daysFromEpoch (a table for 1900–2199, arithmetic outside it)', () => {
  it('gives the days Date.UTC gives, for every date of years 100–3000 and at the table edges', () => {
    const date = fc.record({
      year: fc.oneof(fc.integer({ min: 100, max: 3000 }), fc.constantFrom(1899, 1900, 2199, 2200)),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(date, ({ year, month, day }) => {
        const utc = new Date(0);
        utc.setUTCFullYear(year, month - 1, day);
        expect(daysFromEpoch(year, month, day)).toBe(utc.getTime() / 86_400_000);
      }),
      { numRuns: 2_000 },
    );
    expect(daysFromEpoch(1970, 1, 1)).toBe(0);
    expect(daysFromEpoch(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(daysFromEpoch(2199, 12, 31)).toBe(Date.UTC(2199, 11, 31) / 86_400_000);
  });
});

describe('ISO 8601 (the existing parser, as a format)', () => {
  itReads(ISO_8601, [
    ['2024-01-15T10:20:30', 'UTC', Date.UTC(2024, 0, 15, 10, 20, 30)],
    ['2024-01-15 10:20', 'Europe/Berlin', Date.UTC(2024, 0, 15, 9, 20)], // CET: 10:20 − 1 h
    ['2024-01-15T10:20:30+03:00', 'Asia/Tokyo', Date.UTC(2024, 0, 15, 7, 20, 30)], // the offset wins
    ['2026-02-25 16:38:58.679', 'UTC', Date.UTC(2026, 1, 25, 16, 38, 58, 679)], // Jira's [CHART] fields
  ]);
  itRejects(ISO_8601, [
    ['2024-02-30', 'no such date'],
    ['15.01.2024', 'not an ISO 8601 date (use --date-format for other layouts)'],
  ]);
});

describe('dd.MM.yyyy (German and Russian Excel)', () => {
  itReads(DMY_DOT, [
    ['15.01.2024', 'UTC', Date.UTC(2024, 0, 15)],
    ['15.01.2024', 'Asia/Tokyo', Date.UTC(2024, 0, 14, 15)], // midnight +9 → 15:00Z the day before
    ['15.01.2024 10:20', 'Europe/Berlin', Date.UTC(2024, 0, 15, 9, 20)], // CET: − 1 h
    ['15.01.2024 10:20:30', 'Europe/Moscow', Date.UTC(2024, 0, 15, 7, 20, 30)], // MSK: − 3 h
    ['15.07.2024 23:59:59', 'Europe/Berlin', Date.UTC(2024, 6, 15, 21, 59, 59)], // CEST: − 2 h
    ['5.1.2024', 'UTC', Date.UTC(2024, 0, 5)], // unpadded
    ['29.02.2024', 'UTC', Date.UTC(2024, 1, 29)], // leap day
    ['29.02.2000', 'UTC', Date.UTC(2000, 1, 29)], // 2000 is a leap year (divisible by 400)
  ]);
  itRejects(DMY_DOT, [
    ['31.02.2024', 'no such date'],
    ['29.02.2023', 'no such date'],
    ['29.02.1900', 'no such date'], // 1900 is not (divisible by 100, not 400)
    ['31.04.2024', 'no such date'],
    ['15.13.2024', 'no such date'],
    ['00.01.2024', 'no such date'],
    ['15.01.0999', 'no such date'],
    ['15.01.2024 24:00', 'no such time of day'],
    ['15.01.2024 10:60', 'no such time of day'],
    ['15.01.2024 10:20:60', 'no such time of day'],
    ['15/01/2024', 'does not match dd.MM.yyyy[ HH:mm[:ss]]'],
    ['15.01.24', 'does not match dd.MM.yyyy[ HH:mm[:ss]]'],
    ['2024-01-15', 'does not match dd.MM.yyyy[ HH:mm[:ss]]'],
    ['15.01.2024T10:20', 'does not match dd.MM.yyyy[ HH:mm[:ss]]'],
    ['15.01.2024 10', 'does not match dd.MM.yyyy[ HH:mm[:ss]]'],
  ]);
});

describe('d/M/yyyy (ServiceNow, UK)', () => {
  itReads(DMY_SLASH, [
    ['29/2/2016 01:16', 'UTC', Date.UTC(2016, 1, 29, 1, 16)], // ServiceNow's event log
    ['5/3/2016 12:00', 'UTC', Date.UTC(2016, 2, 5, 12)],
    ['31/12/2023 23:59:59', 'Asia/Tokyo', Date.UTC(2023, 11, 31, 14, 59, 59)], // − 9 h
    ['13/01/2024', 'America/New_York', Date.UTC(2024, 0, 13, 5)], // EST: midnight + 5 h
    ['13/01/2024 03:04 PM', 'UTC', Date.UTC(2024, 0, 13, 15, 4)], // a 12-hour clock is read too
    ['29/02/2016, 01:16:00', 'UTC', Date.UTC(2016, 1, 29, 1, 16)], // toLocaleString('en-GB')
    ['1/1/2024 0:05', 'UTC', Date.UTC(2024, 0, 1, 0, 5)],
    ['1/1/2024 10:20:30.250', 'UTC', Date.UTC(2024, 0, 1, 10, 20, 30, 250)],
  ]);
  itRejects(DMY_SLASH, [
    ['29/2/2015 01:16', 'no such date'], // 2015 is not a leap year
    ['12/13/2024', 'no such date'], // month 13: not day-first
    ['31/4/2024', 'no such date'],
    ['1/1/2024 25:00', 'no such time of day'],
    ['1/1/2024 13:00 PM', 'no such time of day'],
    ['1-1-2024', 'does not match d/M/yyyy[ H:mm[:ss]]'],
    ['1/1/24', 'does not match d/M/yyyy[ H:mm[:ss]]'],
    ['001/1/2024', 'does not match d/M/yyyy[ H:mm[:ss]]'],
  ]);
});

describe('M/d/yyyy (US: Boston 311, Google Sheets en_US, SurveyMonkey)', () => {
  itReads(MDY_SLASH, [
    ['01/02/2015 03:04:05 PM', 'UTC', Date.UTC(2015, 0, 2, 15, 4, 5)], // Boston 311
    ['01/02/2015 03:04:05 PM', 'America/New_York', Date.UTC(2015, 0, 2, 20, 4, 5)], // EST: 15:04 + 5 h
    ['12/31/2015 12:00:00 AM', 'UTC', Date.UTC(2015, 11, 31, 0, 0, 0)], // 12 AM is midnight
    ['12/31/2015 12:30:00 PM', 'UTC', Date.UTC(2015, 11, 31, 12, 30, 0)], // 12 PM is noon
    ['8/31/2023 19:08:16', 'America/New_York', Date.UTC(2023, 7, 31, 23, 8, 16)], // Sheets; EDT: + 4 h
    ['8/31/2023', 'UTC', Date.UTC(2023, 7, 31)],
    ['1/2/2015 3:04 pm', 'UTC', Date.UTC(2015, 0, 2, 15, 4)],
    ['1/2/2015 3:04 a.m.', 'UTC', Date.UTC(2015, 0, 2, 3, 4)],
    ['1/2/2015 3:04PM', 'UTC', Date.UTC(2015, 0, 2, 15, 4)],
  ]);
  itRejects(MDY_SLASH, [
    ['13/01/2015', 'no such date'],
    ['02/30/2015', 'no such date'],
    ['01/02/2015 13:04:05 PM', 'no such time of day'],
    ['01/02/2015 03:04:05 XM', 'does not match M/d/yyyy[ h:mm[:ss] a]'],
    ['2015/01/02', 'does not match M/d/yyyy[ h:mm[:ss] a]'],
  ]);
});

describe('two-digit years: d/M/yy and M/d/yy (MS Forms)', () => {
  it.each([
    [0, 2000],
    [26, 2026],
    [68, 2068],
    [69, 1969],
    [99, 1999],
  ])('%d → %d (00–68 → 20xx, 69–99 → 19xx)', (yy, year) => {
    expect(expandTwoDigitYear(yy)).toBe(year);
  });

  itReads(DMY_SLASH_SHORT_YEAR, [
    ['29/2/16 01:16', 'UTC', Date.UTC(2016, 1, 29, 1, 16)],
    ['31/12/68', 'UTC', Date.UTC(2068, 11, 31)],
    ['1/1/69', 'UTC', Date.UTC(1969, 0, 1)],
    ['1/1/00', 'UTC', Date.UTC(2000, 0, 1)],
  ]);
  itRejects(DMY_SLASH_SHORT_YEAR, [
    ['29/2/23', 'no such date'],
    ['1/1/2024', 'does not match d/M/yy[ H:mm[:ss]]'],
  ]);
  itReads(MDY_SLASH_SHORT_YEAR, [
    ['7/27/26 19:06:23', 'UTC', Date.UTC(2026, 6, 27, 19, 6, 23)], // MS Forms (en-US)
    ['7/27/26 19:06:23', 'America/Los_Angeles', Date.UTC(2026, 6, 28, 2, 6, 23)], // PDT: + 7 h
    ['12/31/99 23:59:59', 'UTC', Date.UTC(1999, 11, 31, 23, 59, 59)],
  ]);
  itRejects(MDY_SLASH_SHORT_YEAR, [
    ['27/7/26', 'no such date'],
    ['7/27/26 19:06:60', 'no such time of day'],
  ]);
});

describe('dd/MMM/yy h:mm a (Jira)', () => {
  itReads(JIRA, [
    ['25/Feb/26 10:17 PM', 'UTC', Date.UTC(2026, 1, 25, 22, 17)],
    ['25/Feb/26 10:17 PM', 'Europe/Berlin', Date.UTC(2026, 1, 25, 21, 17)], // CET: − 1 h
    ['11/May/24 03:26 PM', 'America/New_York', Date.UTC(2024, 4, 11, 19, 26)], // EDT: + 4 h
    ['01/jan/24 12:05 AM', 'UTC', Date.UTC(2024, 0, 1, 0, 5)],
    ['25/Feb/26', 'UTC', Date.UTC(2026, 1, 25)], // the Due date column has no time
    ['25/SEP/2026 10:17 AM', 'UTC', Date.UTC(2026, 8, 25, 10, 17)],
  ]);
  itRejects(JIRA, [
    ['29/Feb/23 10:00 AM', 'no such date'],
    ['25/Foo/26 10:17 PM', 'not a month name xla reads (English or Russian)'],
    ['25/Feb/26 13:17 PM', 'no such time of day'],
    ['25/February/26', 'does not match dd/MMM/yy[ h:mm a]'],
    ['25/02/26 10:17 PM', 'does not match dd/MMM/yy[ h:mm a]'],
  ]);
});

describe('yyyyMMdd (GA4)', () => {
  itReads(YYYYMMDD, [
    ['20240115', 'UTC', Date.UTC(2024, 0, 15)],
    ['20240115', 'Asia/Tokyo', Date.UTC(2024, 0, 14, 15)], // − 9 h
    ['20240229', 'UTC', Date.UTC(2024, 1, 29)],
  ]);
  itRejects(YYYYMMDD, [
    ['20230229', 'no such date'],
    ['20241301', 'no such date'],
    ['09990101', 'no such date'],
    ['2024011', 'does not match yyyyMMdd'],
    ['202401150', 'does not match yyyyMMdd'],
    ['2024-01-15', 'does not match yyyyMMdd'],
  ]);
});

describe('MMMM d, yyyy (Google Play)', () => {
  itReads(MONTH_NAME, [
    ['July 25, 2018', 'UTC', Date.UTC(2018, 6, 25)],
    ['January 7, 2018', 'America/New_York', Date.UTC(2018, 0, 7, 5)], // EST: + 5 h
    ['Jul 25, 2018', 'UTC', Date.UTC(2018, 6, 25)],
    ['Sept 3, 2018', 'UTC', Date.UTC(2018, 8, 3)],
    ['september 3, 2018', 'UTC', Date.UTC(2018, 8, 3)],
    ['July 25, 2018 3:04 PM', 'UTC', Date.UTC(2018, 6, 25, 15, 4)],
  ]);
  itRejects(MONTH_NAME, [
    ['July 32, 2018', 'no such date'],
    ['February 29, 2019', 'no such date'],
    ['Foo 3, 2018', 'not a month name xla reads (English or Russian)'],
    ['25 July 2018', 'does not match MMMM d, yyyy[ h:mm[:ss] a]'],
  ]);
});

describe("yyyy/MM/dd h:mm:ss a 'GMT'+H:mm (Google Forms download)", () => {
  itReads(YMD_SLASH, [
    // 13:28:19 at +5:30 is 07:58:19Z; the offset in the text wins over the zone
    ['2023/06/04 1:28:19 PM GMT+5:30', 'UTC', Date.UTC(2023, 5, 4, 7, 58, 19)],
    ['2023/06/04 1:28:19 PM GMT+5:30', 'America/New_York', Date.UTC(2023, 5, 4, 7, 58, 19)],
    ['2023/06/04 1:28:19 pm GMT-4', 'UTC', Date.UTC(2023, 5, 4, 17, 28, 19)], // 13:28 + 4 h
    ['2023/06/04 1:28:19 AM GMT', 'Asia/Tokyo', Date.UTC(2023, 5, 4, 1, 28, 19)],
    ['2023/06/04 13:28:19', 'Asia/Tokyo', Date.UTC(2023, 5, 4, 4, 28, 19)], // no offset: − 9 h
    ['2023/06/04', 'UTC', Date.UTC(2023, 5, 4)],
  ]);
  itRejects(YMD_SLASH, [
    ['2023/02/29 1:00:00 PM GMT+1', 'no such date'],
    ['2023/06/04 1:28:19 PM GMT+24', 'no such UTC offset'],
    ['2023/06/04 1:28:19 PM GMT+5:60', 'no such UTC offset'],
    ['04/06/2023', "does not match yyyy/MM/dd[ h:mm:ss a][ 'GMT'+H:mm]"],
    ['2023/06/04 1:28:19 PM EST', "does not match yyyy/MM/dd[ h:mm:ss a][ 'GMT'+H:mm]"],
  ]);
});

describe('Unix time', () => {
  // 1 705 312 800 s = 2024-01-15T10:00:00Z; 946 684 800 s = 2000-01-01; 4 102 444 800 s = 2100-01-01.
  itReads(EPOCH_SECONDS, [
    ['1705312800', 'Asia/Tokyo', Date.UTC(2024, 0, 15, 10)], // an instant: the zone plays no part
    ['1705312800.5', 'UTC', Date.UTC(2024, 0, 15, 10, 0, 0, 500)],
    ['946684800', 'UTC', Date.UTC(2000, 0, 1)],
  ]);
  itRejects(EPOCH_SECONDS, [
    ['946684799', 'not a Unix time in 2000–2100'], // 1999-12-31T23:59:59Z
    ['4102444800', 'not a Unix time in 2000–2100'],
    ['12345678', 'does not match t (Unix seconds)'],
    ['17053128001', 'does not match t (Unix seconds)'],
    ['-1705312800', 'does not match t (Unix seconds)'],
  ]);
  itReads(EPOCH_MILLISECONDS, [
    ['1705312800123', 'UTC', Date.UTC(2024, 0, 15, 10, 0, 0, 123)],
    ['946684800000', 'UTC', Date.UTC(2000, 0, 1)],
  ]);
  itRejects(EPOCH_MILLISECONDS, [
    ['170531280012', 'not a Unix time in 2000–2100'], // 12 digits: 1975
    ['17053128001234', 'does not match T (Unix milliseconds)'],
    ['1705312800', 'does not match T (Unix milliseconds)'],
  ]);
  itReads(EPOCH_MICROSECONDS, [['1705312800123456', 'UTC', Date.UTC(2024, 0, 15, 10, 0, 0, 123)]]);
  itRejects(EPOCH_MICROSECONDS, [['123456789012345', 'not a Unix time in 2000–2100']]);

  it.each([
    [1705312800, Date.UTC(2024, 0, 15, 10)], // below 1e11: seconds
    [1705312800.25, Date.UTC(2024, 0, 15, 10, 0, 0, 250)],
    [1705312800123, Date.UTC(2024, 0, 15, 10, 0, 0, 123)], // below 1e14: milliseconds
    [1705312800123456, Date.UTC(2024, 0, 15, 10, 0, 0, 123)], // else microseconds
  ])('the JSON number %d → %d (unit by magnitude)', (value, expected) => {
    expect(parseEpochNumber(value)).toBe(expected);
  });

  it.each([0, -1, 5e10, 5e13])('the JSON number %d is not a plausible Unix time', (value) => {
    expect(parseEpochNumber(value)).toEqual({ invalid: 'not a Unix time in 2000–2100' });
  });
});

describe('DST edges through the non-ISO layouts', () => {
  // Europe/Berlin: 2024-03-31 02:00 CET → 03:00 CEST (01:00Z); 2024-10-27 03:00 CEST → 02:00 CET (01:00Z).
  // America/New_York: 2024-03-10 02:00 EST → 03:00 EDT (07:00Z); 2024-11-03 02:00 EDT → 01:00 EST (06:00Z).
  it.each([
    [DMY_DOT, '31.03.2024 01:59', 'Europe/Berlin', Date.UTC(2024, 2, 31, 0, 59)], // CET: − 1 h
    [DMY_DOT, '31.03.2024 02:30', 'Europe/Berlin', Date.UTC(2024, 2, 31, 1, 30)], // does not exist → 03:30 CEST
    [DMY_DOT, '31.03.2024 03:00', 'Europe/Berlin', Date.UTC(2024, 2, 31, 1, 0)], // CEST: − 2 h
    [DMY_DOT, '27.10.2024 02:30', 'Europe/Berlin', Date.UTC(2024, 9, 27, 0, 30)], // twice → the earlier (CEST)
    [DMY_DOT, '27.10.2024 03:00', 'Europe/Berlin', Date.UTC(2024, 9, 27, 2, 0)], // CET: − 1 h
    [MDY_SLASH, '03/10/2024 02:30:00 AM', 'America/New_York', Date.UTC(2024, 2, 10, 7, 30)], // → 03:30 EDT
    [MDY_SLASH, '11/03/2024 01:30:00 AM', 'America/New_York', Date.UTC(2024, 10, 3, 5, 30)], // twice → EDT
    [MDY_SLASH, '11/03/2024 01:30:00 PM', 'America/New_York', Date.UTC(2024, 10, 3, 18, 30)], // EST: + 5 h
    [JIRA, '31/Mar/24 2:30 AM', 'Europe/Berlin', Date.UTC(2024, 2, 31, 1, 30)],
  ] as const)('%# %j in %s → %d', (format, text, tz, expected) => {
    expect(format.parse(text, tz)).toBe(expected);
  });

  it('reports an unknown zone', () => {
    expect(DMY_DOT.parse('15.01.2024', 'Mars/Olympus')).toEqual({ invalid: 'unknown time zone Mars/Olympus' });
  });
});

describe('the catalogue', () => {
  it('has unique ids and ISO first', () => {
    expect(new Set(DATE_FORMATS.map((format) => format.id)).size).toBe(DATE_FORMATS.length);
    expect(DATE_FORMATS[0]).toBe(ISO_8601);
  });

  it.each([
    [DMY_SLASH, true],
    [DMY_DOT, true],
    [MDY_SLASH, false],
    [MDY_SLASH_SHORT_YEAR, false],
    [JIRA, null],
    [ISO_8601, null],
    [EPOCH_SECONDS, null],
  ] as const)('%# isDayFirst of %s', (format, isDayFirst) => {
    expect(format.isDayFirst).toBe(isDayFirst);
  });
});

describe('parseDatePattern', () => {
  it.each([
    ['dd/MM/yyyy', 'dmy-slash', true],
    ['d/M/yyyy H:mm', 'dmy-slash', true],
    ['MM/dd/yyyy hh:mm:ss a', 'mdy-slash', false],
    ['dd.MM.yyyy HH:mm', 'dmy-dot', true],
    ['dd.MM.yyyy HH:mm:ss.SSS', 'dmy-dot', true],
    ['M/d/yy H:mm:ss', 'mdy-slash-yy', false],
    ['dd/MMM/yy h:mm a', 'jira', null],
    ['MMMM d, yyyy', 'month-name', null],
    ['yyyy/MM/dd h:mm:ss a', 'ymd-slash', null],
    ['yyyyMMdd', 'yyyymmdd', null],
    ['yyyy-MM-dd', 'iso', null],
    ['yyyy-MM-dd HH:mm:ss', 'iso', null],
    ["yyyy-MM-dd'T'HH:mm", 'iso', null],
  ])('%j is read by the fast %s parser', (pattern, id, isDayFirst) => {
    const format = parseDatePattern(pattern);
    expect(format.id).toBe(id);
    expect(format.pattern).toBe(pattern);
    expect(format.isDayFirst).toBe(isDayFirst);
  });

  it('settles day and month order; the fast parser is lenient about padding and time', () => {
    // 01/02/2015 03:04:05 PM: 1 February under dd/MM/yyyy, 2 January under MM/dd/yyyy
    expect(parseDatePattern('dd/MM/yyyy').parse('01/02/2015 03:04:05 PM', 'UTC')).toBe(Date.UTC(2015, 1, 1, 15, 4, 5));
    expect(parseDatePattern('MM/dd/yyyy').parse('01/02/2015 03:04:05 PM', 'UTC')).toBe(Date.UTC(2015, 0, 2, 15, 4, 5));
    expect(parseDatePattern('dd.MM.yyyy HH:mm').parse('5.1.2024', 'UTC')).toBe(Date.UTC(2024, 0, 5));
  });

  it.each([
    ['dd/MM/yyyy', '2024-01-15', 'does not match --date-format dd/MM/yyyy'],
    ['yyyy-MM-dd HH:mm', '15.01.2024', 'does not match --date-format yyyy-MM-dd HH:mm'],
    ['yyyyMMdd', '2024-01-15', 'does not match --date-format yyyyMMdd'],
    ['dd/MM/yyyy', '31/02/2024', 'no such date'],
  ])('%j rejects %j: %s', (pattern, text, reason) => {
    expect(parseDatePattern(pattern).parse(text, 'UTC')).toEqual({ invalid: reason });
  });

  it.each([
    ['dd_MM_yyyy HH:mm', '15_01_2024 10:20', 'Europe/Berlin', Date.UTC(2024, 0, 15, 9, 20), true], // CET: − 1 h
    ['MM_dd_yyyy', '01_15_2024', 'UTC', Date.UTC(2024, 0, 15), false],
    ['yyyy.MM.dd HH.mm', '2024.01.15 10.20', 'Asia/Tokyo', Date.UTC(2024, 0, 15, 1, 20), false], // − 9 h
    // an offset token fixes the instant; the zone is not applied on top
    ["yyyy-MM-dd'T'HH:mmXXX", '2024-01-15T10:20+03:00', 'Asia/Tokyo', Date.UTC(2024, 0, 15, 7, 20), false],
    ['T', '1705312800123', 'Asia/Tokyo', Date.UTC(2024, 0, 15, 10, 0, 0, 123), null],
    ['t', '1705312800', 'Asia/Tokyo', Date.UTC(2024, 0, 15, 10), null],
  ] as const)('other patterns go through date-fns: %j reads %j in %s', (pattern, text, tz, expected, isDayFirst) => {
    const format = parseDatePattern(pattern);
    expect(format.id).toBe('pattern');
    expect(format.isDayFirst).toBe(isDayFirst);
    expect(format.parse(text, tz)).toBe(expected);
  });

  it('rejects text that does not fit a date-fns pattern', () => {
    expect(parseDatePattern('dd_MM_yyyy').parse('2024-01-15', 'UTC')).toEqual({ invalid: 'does not match --date-format dd_MM_yyyy' });
  });

  describe('unusable patterns throw once, at creation', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    afterEach(() => {
      warn.mockClear();
    });

    it.each([
      ['yyyy foo', 'unusable --date-format yyyy foo: Format string contains an unescaped latin alphabet character `f`'],
      [
        'YYYY-MM-dd',
        'unusable --date-format YYYY-MM-dd: use yyyy for the year and d for the day (YYYY and D are week-year and day-of-year)',
      ],
      [
        'DD.MM.yyyy',
        'unusable --date-format DD.MM.yyyy: use yyyy for the year and d for the day (YYYY and D are week-year and day-of-year)',
      ],
      ['yyyy-MM-dd z', 'unusable --date-format yyyy-MM-dd z: Format string contains an unescaped latin alphabet character `z`'],
      ['', 'unusable --date-format : the pattern is empty'],
    ])('%j', (pattern, message) => {
      let thrown: unknown;
      try {
        parseDatePattern(pattern);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DatePatternError);
      expect((thrown as DatePatternError).message).toBe(message);
      expect((thrown as DatePatternError).pattern).toBe(pattern);
      expect(warn).not.toHaveBeenCalled();
    });
  });
});

describe('suggestDatePattern', () => {
  it.each([
    [DMY_SLASH, 'dd/MM/yyyy'],
    [MDY_SLASH, 'MM/dd/yyyy'],
    [DMY_SLASH_SHORT_YEAR, 'dd/MM/yy'],
    [MDY_SLASH_SHORT_YEAR, 'MM/dd/yy'],
    [ISO_8601, 'yyyy-MM-dd'],
    [YYYYMMDD, 'yyyyMMdd'],
  ] as const)('%# %s → %j', (format, pattern) => {
    expect(suggestDatePattern(format)).toBe(pattern);
  });

  it.each(DATE_FORMATS.filter((format) => format.isEpoch !== true).map((format) => [format.id, format] as const))(
    'the suggestion for %s is read by the same fast parser',
    (_id, format) => {
      expect(parseDatePattern(suggestDatePattern(format)).id).toBe(format.id);
    },
  );
});

// ── round trip: format an instant in a layout, parse it back ───────────────────────────────

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The wall-clock parts of a Date read in UTC, with a 12-hour clock alongside. */
function partsOf(wallClock: number) {
  const date = new Date(wallClock);
  const hours = date.getUTCHours();
  return {
    y: date.getUTCFullYear(),
    M: date.getUTCMonth() + 1,
    d: date.getUTCDate(),
    H: hours,
    h12: hours % 12 === 0 ? 12 : hours % 12,
    a: hours < 12 ? 'AM' : 'PM',
    m: date.getUTCMinutes(),
    s: date.getUTCSeconds(),
    ms: date.getUTCMilliseconds(),
  };
}

interface RoundTrip {
  readonly format: DateFormat;
  /** Milliseconds the text keeps: 1 for ms, 1000 for seconds, 60 000 for minutes. */
  readonly precision: number;
  /** The text for `instant`, whose clock in the test's zone shows `wallClock` (texts with an offset or Unix time use the instant). */
  write(wallClock: number, instant: number): string;
}

const ROUND_TRIPS: readonly RoundTrip[] = [
  {
    format: ISO_8601,
    precision: 1,
    write: (w) => {
      const p = partsOf(w);
      return `${p.y}-${pad(p.M)}-${pad(p.d)}T${pad(p.H)}:${pad(p.m)}:${pad(p.s)}.${pad(p.ms, 3)}`;
    },
  },
  {
    format: DMY_DOT,
    precision: 1000,
    write: (w) => {
      const p = partsOf(w);
      return `${pad(p.d)}.${pad(p.M)}.${p.y} ${pad(p.H)}:${pad(p.m)}:${pad(p.s)}`;
    },
  },
  {
    format: DMY_SLASH,
    precision: 1000,
    write: (w) => {
      const p = partsOf(w);
      return `${p.d}/${p.M}/${p.y} ${p.H}:${pad(p.m)}:${pad(p.s)}`;
    },
  },
  {
    format: MDY_SLASH,
    precision: 1000,
    write: (w) => {
      const p = partsOf(w);
      return `${pad(p.M)}/${pad(p.d)}/${p.y} ${pad(p.h12)}:${pad(p.m)}:${pad(p.s)} ${p.a}`;
    },
  },
  {
    format: DMY_SLASH_SHORT_YEAR,
    precision: 1000,
    write: (w) => {
      const p = partsOf(w);
      return `${p.d}/${p.M}/${pad(p.y % 100)} ${p.H}:${pad(p.m)}:${pad(p.s)}`;
    },
  },
  {
    format: MDY_SLASH_SHORT_YEAR,
    precision: 1000,
    write: (w) => {
      const p = partsOf(w);
      return `${p.M}/${p.d}/${pad(p.y % 100)} ${p.H}:${pad(p.m)}:${pad(p.s)}`;
    },
  },
  {
    format: JIRA,
    precision: 60_000,
    write: (w) => {
      const p = partsOf(w);
      return `${pad(p.d)}/${(MONTHS[p.M - 1] ?? '').slice(0, 3)}/${pad(p.y % 100)} ${p.h12}:${pad(p.m)} ${p.a}`;
    },
  },
  {
    format: MONTH_NAME,
    precision: 1000,
    write: (w) => {
      const p = partsOf(w);
      return `${MONTHS[p.M - 1] ?? ''} ${p.d}, ${p.y} ${p.h12}:${pad(p.m)}:${pad(p.s)} ${p.a}`;
    },
  },
  {
    // Google Forms writes the form's own offset, whatever --tz says: here +5:30.
    format: YMD_SLASH,
    precision: 1000,
    write: (_w, instant) => {
      const p = partsOf(instant + 5.5 * 3_600_000);
      return `${p.y}/${pad(p.M)}/${pad(p.d)} ${p.h12}:${pad(p.m)}:${pad(p.s)} ${p.a} GMT+5:30`;
    },
  },
  { format: EPOCH_SECONDS, precision: 1000, write: (_w, instant) => String(Math.floor(instant / 1000)) },
  { format: EPOCH_MILLISECONDS, precision: 1, write: (_w, instant) => String(instant) },
  { format: EPOCH_MICROSECONDS, precision: 1, write: (_w, instant) => `${instant}${pad(instant % 997, 3)}` },
];

// Zones without DST (every wall-clock time exists once), with their fixed offsets. Etc/GMT+5 is
// UTC−5: POSIX signs are inverted.
const FIXED_ZONES = [
  ['UTC', 0],
  ['Asia/Kolkata', 5.5 * 3_600_000],
  ['Etc/GMT+5', -5 * 3_600_000],
] as const;

describe('round trip: an instant written in a layout reads back as itself (to the layout precision)', () => {
  // 2000–2068: inside the plausible Unix range and the two-digit-year window.
  const instants = fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2068, 11, 30) });

  it.each(ROUND_TRIPS.map((trip) => [trip.format.id, trip] as const))('%s', (_id, trip) => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...FIXED_ZONES), (instant, [tz, offsetMs]) => {
        const text = trip.write(instant + offsetMs, instant);
        const expected = Math.floor(instant / trip.precision) * trip.precision;
        expect(trip.format.parse(text, tz), `${text} in ${tz}`).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
