// The layouts issue 18 added: Excel's d-MMM-yy and dd-MMM-yyyy, dates with month names in English
// and Russian, yyyy.MM.dd, dd.MM.yy and dashes; and the one two-digit-year pivot.
// Expected instants are written by hand: the wall clock, minus the zone's offset (Europe/Moscow +3,
// Europe/Berlin CET +1 / CEST +2, America/New_York EDT −4, Asia/Tokyo +9).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATE_FORMATS,
  DMY_DASH,
  DMY_DOT_SHORT_YEAR,
  DMY_NAME,
  DMY_NAME_SHORT_YEAR,
  DMY_NAME_SPACED,
  MDY_DASH,
  MONTH_NAME,
  parseDatePattern,
  readMonthName,
  suggestDatePattern,
  YMD_DOT,
  type DateFormat,
} from '../../src/fields/date-formats.js';
import { itReads, itRejects } from './date-format-cases.js';

const UNKNOWN_MONTH = 'not a month name xla reads (English or Russian)';

describe("d-MMM-yy (Excel's 31-Jul-18)", () => {
  itReads(DMY_NAME_SHORT_YEAR, [
    ['31-Jul-18', 'UTC', Date.UTC(2018, 6, 31)],
    ['31-Jul-18', 'Europe/Moscow', Date.UTC(2018, 6, 30, 21)], // 00:00 MSK − 3 h
    ['1-Jan-00', 'UTC', Date.UTC(2000, 0, 1)],
    ['05-feb-24 14:30', 'Europe/Berlin', Date.UTC(2024, 1, 5, 13, 30)], // CET: − 1 h
    ['29-FEB-24', 'UTC', Date.UTC(2024, 1, 29)],
    ['3-Sept-19', 'UTC', Date.UTC(2019, 8, 3)],
    ['3-September-19', 'UTC', Date.UTC(2019, 8, 3)],
    ['31.янв.18', 'UTC', Date.UTC(2018, 0, 31)], // Russian Excel's ДД.МММ.ГГ
    ['1-дек.-18', 'UTC', Date.UTC(2018, 11, 1)],
    ['12-Aug-21 3:04 PM', 'America/New_York', Date.UTC(2021, 7, 12, 19, 4)], // 15:04 EDT + 4 h
  ]);
  itRejects(DMY_NAME_SHORT_YEAR, [
    ['29-Feb-23', 'no such date'],
    ['31-Apr-18', 'no such date'],
    ['31-mrt-18', UNKNOWN_MONTH],
    ['31-Jul-2018', 'does not match d-MMM-yy[ H:mm[:ss]]'],
    ['31-Jul.18', 'does not match d-MMM-yy[ H:mm[:ss]]'], // one separator both sides
    ['31-Jul-18 25:00', 'no such time of day'],
  ]);
});

describe('dd-MMM-yyyy (31-Jul-2018)', () => {
  itReads(DMY_NAME, [
    ['31-Jul-2018', 'UTC', Date.UTC(2018, 6, 31)],
    ['31-JUL-2018 23:59:59', 'Asia/Tokyo', Date.UTC(2018, 6, 31, 14, 59, 59)], // − 9 h
    ['01-march-1999', 'UTC', Date.UTC(1999, 2, 1)],
    ['15.окт.2020', 'UTC', Date.UTC(2020, 9, 15)],
  ]);
  itRejects(DMY_NAME, [
    ['31-Jul-18', 'does not match dd-MMM-yyyy[ H:mm[:ss]]'],
    ['31-Foo-2018', UNKNOWN_MONTH],
  ]);
});

describe('MMM d, yyyy (Jul 31, 2018), in any case', () => {
  itReads(MONTH_NAME, [
    ['Jul 31, 2018', 'UTC', Date.UTC(2018, 6, 31)],
    ['JUL 31, 2018', 'UTC', Date.UTC(2018, 6, 31)],
    ['july 31 2018', 'UTC', Date.UTC(2018, 6, 31)],
    ['Sept. 3, 2019 10:20:30 AM', 'Europe/Berlin', Date.UTC(2019, 8, 3, 8, 20, 30)], // CEST: − 2 h
  ]);
});

describe('d MMMM yyyy: English and Russian text dates', () => {
  itReads(DMY_NAME_SPACED, [
    ['31 July 2018', 'UTC', Date.UTC(2018, 6, 31)],
    ['31 Jul. 2018', 'UTC', Date.UTC(2018, 6, 31)],
    ['31 июля 2018', 'UTC', Date.UTC(2018, 6, 31)],
    ['31 июля 2018 г.', 'Europe/Moscow', Date.UTC(2018, 6, 30, 21)], // − 3 h
    ['31 июля 2018 года', 'UTC', Date.UTC(2018, 6, 31)],
    ['1 ЯНВАРЯ 2020 10:15', 'Europe/Moscow', Date.UTC(2020, 0, 1, 7, 15)], // − 3 h
    ['5 сент. 2018', 'UTC', Date.UTC(2018, 8, 5)],
    ['5 сент 2018', 'UTC', Date.UTC(2018, 8, 5)],
    ['7 февр. 2021', 'UTC', Date.UTC(2021, 1, 7)],
    ['30 нояб. 2021', 'UTC', Date.UTC(2021, 10, 30)],
  ]);
  itRejects(DMY_NAME_SPACED, [
    ['31 июня 2018', 'no such date'], // June has 30 days
    ['3 mei 2018', UNKNOWN_MONTH],
    ['31 July 18', 'does not match d MMMM yyyy[ H:mm[:ss]]'],
  ]);
});

describe('Russian month names: genitive, nominative and the usual abbreviations, any case', () => {
  it.each([
    [1, ['января', 'январь', 'янв', 'Янв', 'ЯНВАРЯ']],
    [2, ['февраля', 'февраль', 'февр', 'фев']],
    [3, ['марта', 'март', 'мар']],
    [4, ['апреля', 'апрель', 'апр']],
    [5, ['мая', 'май', 'Мая']],
    [6, ['июня', 'июнь', 'июн']],
    [7, ['июля', 'июль', 'июл']],
    [8, ['августа', 'август', 'авг']],
    [9, ['сентября', 'сентябрь', 'сент', 'сен']],
    [10, ['октября', 'октябрь', 'окт']],
    [11, ['ноября', 'ноябрь', 'нояб', 'ноя']],
    [12, ['декабря', 'декабрь', 'дек']],
  ] as const)('month %i: %j', (month, names) => {
    for (const name of names) expect(readMonthName(name), name).toBe(month);
  });

  it('reads English names, short and long, in any case, and nothing else', () => {
    expect(['jan', 'JANUARY', 'Sep', 'Sept', 'september', 'MAY', 'Dec'].map(readMonthName)).toEqual([1, 1, 9, 9, 9, 5, 12]);
    expect(['mrt', 'mei', 'okt', 'janv', 'Juli', 'xyz', ''].map(readMonthName)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads every form as a date, with and without the dot', () => {
    expect(DMY_NAME_SPACED.parse('1 сентября 2022', 'UTC')).toBe(Date.UTC(2022, 8, 1));
    expect(DMY_NAME_SPACED.parse('1 Сентябрь 2022', 'UTC')).toBe(Date.UTC(2022, 8, 1));
    expect(DMY_NAME_SHORT_YEAR.parse('1-сент.-22', 'UTC')).toBe(Date.UTC(2022, 8, 1));
    expect(DMY_NAME_SHORT_YEAR.parse('1-сент-22', 'UTC')).toBe(Date.UTC(2022, 8, 1));
  });
});

describe('yyyy.MM.dd', () => {
  itReads(YMD_DOT, [
    ['2018.07.31', 'UTC', Date.UTC(2018, 6, 31)],
    ['2018.7.3 09:05', 'Europe/Berlin', Date.UTC(2018, 6, 3, 7, 5)], // CEST: − 2 h
    ['2018. 07. 31.', 'UTC', Date.UTC(2018, 6, 31)], // Hungarian
  ]);
  itRejects(YMD_DOT, [
    ['2018.02.30', 'no such date'],
    ['31.07.2018', 'does not match yyyy.MM.dd[ HH:mm[:ss]]'],
  ]);
});

describe('dd.MM.yy and dashes', () => {
  itReads(DMY_DOT_SHORT_YEAR, [
    ['31.07.18', 'UTC', Date.UTC(2018, 6, 31)],
    ['31.07.18 10:20', 'Europe/Moscow', Date.UTC(2018, 6, 31, 7, 20)], // − 3 h
  ]);
  itReads(DMY_DASH, [['31-07-2018 10:20:30', 'UTC', Date.UTC(2018, 6, 31, 10, 20, 30)]]);
  itReads(MDY_DASH, [['07-31-2018 10:20:30 PM', 'UTC', Date.UTC(2018, 6, 31, 22, 20, 30)]]);
  it('day-first and month-first dashes read 01-02-2018 differently', () => {
    expect(DMY_DASH.parse('01-02-2018', 'UTC')).toBe(Date.UTC(2018, 1, 1));
    expect(MDY_DASH.parse('01-02-2018', 'UTC')).toBe(Date.UTC(2018, 0, 2));
  });
});

describe('the two-digit-year pivot: 00–68 are 2000–2068, 69–99 are 1969–1999, in every layout', () => {
  it.each([
    ['31-Dec-68', Date.UTC(2068, 11, 31)],
    ['1-Jan-69', Date.UTC(1969, 0, 1)],
    ['1-Jan-29', Date.UTC(2029, 0, 1)],
    ['1-Jan-30', Date.UTC(2030, 0, 1)], // Excel's own pivot would give 1930
    ['1-Jan-99', Date.UTC(1999, 0, 1)],
  ])('d-MMM-yy %j', (text, expected) => {
    expect(DMY_NAME_SHORT_YEAR.parse(text, 'UTC')).toBe(expected);
  });

  it.each([
    ['31.12.68', Date.UTC(2068, 11, 31)],
    ['01.01.69', Date.UTC(1969, 0, 1)],
  ])('dd.MM.yy %j', (text, expected) => {
    expect(DMY_DOT_SHORT_YEAR.parse(text, 'UTC')).toBe(expected);
  });

  it.each([
    ['dd_MM_yy', '01_08_21', Date.UTC(2021, 7, 1)], // date-fns alone read 1921
    ['dd_MM_yy', '31_12_68', Date.UTC(2068, 11, 31)],
    ['dd_MM_yy', '01_01_69', Date.UTC(1969, 0, 1)],
    ["yy'w'MM", '21w03', Date.UTC(2021, 2, 1)],
  ])('a --date-format that only date-fns reads (%j) has the same pivot: %j', (pattern, text, expected) => {
    const format = parseDatePattern(pattern);
    expect(format.id).toBe('pattern');
    expect(format.parse(text, 'UTC')).toBe(expected);
  });

  it('a date-fns pattern without a year still defaults to 1970', () => {
    expect(parseDatePattern('dd_MM HH:mm').parse('01_08 10:20', 'UTC')).toBe(Date.UTC(1970, 7, 1, 10, 20));
  });
});

describe('--date-format names the new layouts, read by their fast parsers', () => {
  it.each([
    ['d-MMM-yy', 'dmy-name-yy', '31-Jul-18', Date.UTC(2018, 6, 31)],
    ['dd-MMM-yy HH:mm', 'dmy-name-yy', '31-Jul-18 10:20', Date.UTC(2018, 6, 31, 10, 20)],
    ['dd-MMM-yyyy', 'dmy-name', '31-Jul-2018', Date.UTC(2018, 6, 31)],
    ['d-MMMM-yyyy', 'dmy-name', '31-July-2018', Date.UTC(2018, 6, 31)],
    ['MMM d, yyyy', 'month-name', 'Jul 31, 2018', Date.UTC(2018, 6, 31)],
    ['MMM dd, yyyy h:mm a', 'month-name', 'Jul 31, 2018 1:05 PM', Date.UTC(2018, 6, 31, 13, 5)],
    ['d MMMM yyyy', 'dmy-name-spaced', '31 июля 2018', Date.UTC(2018, 6, 31)],
    ['yyyy.MM.dd', 'ymd-dot', '2018.07.31', Date.UTC(2018, 6, 31)],
    ['yyyy.MM.dd HH:mm:ss', 'ymd-dot', '2018.07.31 10:20:30', Date.UTC(2018, 6, 31, 10, 20, 30)],
    ['dd/MM/yyyy HH:mm:ss', 'dmy-slash', '31/07/2018 10:20:30', Date.UTC(2018, 6, 31, 10, 20, 30)],
    ['dd.MM.yy', 'dmy-dot-yy', '31.07.18', Date.UTC(2018, 6, 31)],
    ['dd-MM-yyyy', 'dmy-dash', '01-02-2018', Date.UTC(2018, 1, 1)],
    ['MM-dd-yyyy', 'mdy-dash', '01-02-2018', Date.UTC(2018, 0, 2)],
  ])('%j → %s: %j', (pattern, id, text, expected) => {
    const format = parseDatePattern(pattern);
    expect(format.id).toBe(id);
    expect(format.pattern).toBe(pattern);
    expect(format.parse(text, 'UTC')).toBe(expected);
  });

  it.each([
    [DMY_NAME_SHORT_YEAR, 'd-MMM-yy'],
    [DMY_NAME, 'dd-MMM-yyyy'],
    [DMY_NAME_SPACED, 'd MMMM yyyy'],
    [YMD_DOT, 'yyyy.MM.dd'],
    [DMY_DOT_SHORT_YEAR, 'dd.MM.yy'],
    [DMY_DASH, 'dd-MM-yyyy'],
    [MDY_DASH, 'MM-dd-yyyy'],
  ] as const)('%# suggestDatePattern(%s) is %j', (format, pattern) => {
    expect(suggestDatePattern(format)).toBe(pattern);
  });
});

describe('round trip through the new layouts', () => {
  const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const MONTHS_RU = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
  const pad = (value: number): string => String(value).padStart(2, '0');
  // Whole minutes from 2000 to 2068 (inside the two-digit-year window), in UTC.
  const minutes = fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2068, 11, 31) / 60_000 }).map((m) => m * 60_000);
  const trips: readonly (readonly [DateFormat, (d: Date) => string])[] = [
    [
      DMY_NAME_SHORT_YEAR,
      (d) =>
        `${d.getUTCDate()}-${MONTHS_EN[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}`,
    ],
    [
      DMY_NAME,
      (d) => `${pad(d.getUTCDate())}-${MONTHS_EN[d.getUTCMonth()]}-${d.getUTCFullYear()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}`,
    ],
    [
      DMY_NAME_SPACED,
      (d) => `${d.getUTCDate()} ${MONTHS_RU[d.getUTCMonth()]} ${d.getUTCFullYear()} г. ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    ],
    [
      YMD_DOT,
      (d) => `${d.getUTCFullYear()}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    ],
  ];
  it.each(trips.map(([format, write]) => [format.id, format, write] as const))('%s', (_id, format, write) => {
    fc.assert(
      fc.property(minutes, (instant) => {
        const text = write(new Date(instant));
        expect(format.parse(text, 'UTC'), text).toBe(instant);
      }),
      { numRuns: 300 },
    );
  });

  it('every new layout is in the catalogue detection tries', () => {
    for (const format of [DMY_NAME_SHORT_YEAR, DMY_NAME, DMY_NAME_SPACED, YMD_DOT, DMY_DOT_SHORT_YEAR, DMY_DASH, MDY_DASH]) {
      expect(DATE_FORMATS).toContain(format);
    }
  });
});
