import { describe, expect, it } from 'vitest';
import {
  detectDateFormat,
  detectDecimalMark,
  type DateFormatDetection,
  type DecimalMarkDetection,
} from '../../src/fields/column-formats.js';
import { createMissingTest } from '../../src/fields/values.js';

/** A detection in words: `dmy-slash`, `ambiguous dmy-slash|mdy-slash at 01/02/2015`, `none`. */
function describeDetection(detection: DateFormatDetection): string {
  switch (detection.kind) {
    case 'format':
      return detection.format.id;
    case 'ambiguous':
      return `ambiguous ${detection.candidates.map((format) => format.id).join('|')} at ${detection.example}`;
    case 'none':
      return 'none';
  }
}

const repeat = (value: string, times: number): string[] => Array.from({ length: times }, () => value);
// 8 days of GA dates and its "Grand total" row.
const GA_WEEK = ['20240101', '20240102', '20240103', '20240104', '20240105', '20240106', '20240107', 'Grand total'];

describe('detectDateFormat', () => {
  it.each([
    // a day above 12 settles day-first or month-first
    ['ServiceNow', ['29/2/2016 01:16', '1/3/2016 10:00', '?'], 'dmy-slash'],
    ['Boston 311', ['01/02/2015 03:04:05 PM', '01/13/2015 10:37:47 AM'], 'mdy-slash'],
    ['Google Sheets en_US', ['8/31/2023 19:08:16', '9/1/2023 8:00:00'], 'mdy-slash'],
    ['MS Forms', ['7/27/26 19:06:23', '8/1/26 9:00:00'], 'mdy-slash-yy'],
    ['one day above 12 among 999 that are not', [...repeat('01/02/2024', 999), '13/01/2024'], 'dmy-slash'],
    // layouts told apart by their shape
    ['ISO', ['2024-01-15T10:20:30Z', '2024-01-16 08:00', ''], 'iso'],
    ['German Excel', ['15.01.2024 10:20', '01.02.2024 08:00'], 'dmy-dot'], // dots are day-first only
    ['Jira', ['25/Feb/26 10:17 PM', '11/May/24 03:26 PM'], 'jira'],
    ['Google Play', ['July 25, 2018', 'January 7, 2018', 'NaN'], 'month-name'],
    ['Google Forms', ['2023/06/04 1:28:19 PM GMT+5:30', '2023/06/05 9:02:11 AM GMT+5:30'], 'ymd-slash'],
    // digits only: the length decides
    ['GA yyyyMMdd', ['20240115', '20240116'], 'yyyymmdd'],
    ['Unix seconds', ['1705312800', '1705399200'], 'epoch-s'],
    ['Unix milliseconds', ['1705312800123', '1705399200000'], 'epoch-ms'],
    ['Unix microseconds', ['1705312800123456'], 'epoch-us'],
    // every value reads the same under day-first and month-first: nothing to ask
    ['day equals month everywhere', ['01/01/2015', '02/02/2015 10:00'], 'dmy-slash'],
  ])('%s → %s', (_name, samples, expected) => {
    expect(describeDetection(detectDateFormat(samples))).toBe(expected);
  });

  it.each([
    ['no day above 12', ['01/02/2015', '03/04/2015', '05/06/2015'], 'ambiguous dmy-slash|mdy-slash at 01/02/2015'],
    ['the example is a value that reads differently', ['01/01/2015', '03/04/2015'], 'ambiguous dmy-slash|mdy-slash at 03/04/2015'],
    [
      'Boston 311 on its first day',
      ['01/01/2015 10:37:47 AM', '01/02/2015 02:05:11 PM'],
      'ambiguous dmy-slash|mdy-slash at 01/02/2015 02:05:11 PM',
    ],
    ['two-digit years', ['1/2/24 10:00'], 'ambiguous dmy-slash-yy|mdy-slash-yy at 1/2/24 10:00'],
  ])('%s → %s', (_name, samples, expected) => {
    expect(describeDetection(detectDateFormat(samples))).toBe(expected);
  });

  it('gives both candidates to the caller, day-first first', () => {
    const detection = detectDateFormat(['01/02/2015']);
    expect(detection.kind === 'ambiguous' && detection.candidates.map((format) => format.isDayFirst)).toEqual([true, false]);
  });

  describe('a few broken cells do not cost the column its format', () => {
    it.each([
      ['1 broken ISO value in 20', [...repeat('2024-01-15', 19), 'garbage'], 'iso'],
      ['10 broken in 100', [...repeat('29/2/2016 01:16', 90), ...repeat('soon', 10)], 'dmy-slash'],
      ['GA "Grand total" under 7 dates', GA_WEEK, 'yyyymmdd'],
      ['11 broken in 100', [...repeat('29/2/2016 01:16', 89), ...repeat('soon', 11)], 'none'],
      ['half broken', [...repeat('2024-01-15', 5), ...repeat('garbage', 5)], 'none'],
      ['1 of 2 broken', ['2024-01-15', 'garbage'], 'none'],
      // Unix time must read every value: mostly-10-digit columns may be ids
      ['1 broken among Unix seconds', [...repeat('1705312800', 19), 'x'], 'none'],
      ['seconds mixed with milliseconds', ['1705312800', '1705312800123'], 'none'],
      // mostly day-first with a few month-first-only values: the one that reads most wins
      ['95 day-first, 5 month-first', [...repeat('13/01/2024', 95), ...repeat('02/13/2024', 5)], 'dmy-slash'],
    ])('%s → %s', (_name, samples, expected) => {
      expect(describeDetection(detectDateFormat(samples))).toBe(expected);
    });
  });

  it.each([
    ['no samples', []],
    ['only missing cells', ['', '  ', 'NULL', '-', 'N/A']],
    ['no dates', ['hello', 'world']],
    ['ambiguous junk', ['12', '2024']],
  ])('%s → none', (_name, samples) => {
    expect(detectDateFormat(samples)).toEqual({ kind: 'none' });
  });

  it("skips a source's own null markers", () => {
    const samples = ['Not set', '2024-01-15'];
    expect(describeDetection(detectDateFormat(samples))).toBe('none');
    expect(describeDetection(detectDateFormat(samples, { isMissing: createMissingTest(['not set']) }))).toBe('iso');
  });
});

describe('detectDateFormat: the day-month swap as the rival reading', () => {
  const rivalOf = (samples: string[]) => {
    const detection = detectDateFormat(samples);
    return detection.kind === 'format' ? detection.rival : undefined;
  };

  it('holds a day-first or month-first slash column to its sample, settled or not; other layouts have no rival', () => {
    expect(rivalOf(['13/01/2024'])).toMatchObject({
      isSettled: true,
      chosen: 'as dd/MM/yyyy',
      other: 'as MM/dd/yyyy',
      question: 'day against month',
    });
    expect(rivalOf(['01/13/24'])).toMatchObject({ isSettled: true, chosen: 'as MM/dd/yy', other: 'as dd/MM/yy' });
    expect(rivalOf(['01/01/2024', '2/2/2024'])).toMatchObject({ isSettled: false, chosen: 'as dd/MM/yyyy' });
    expect(rivalOf(['15.01.2024'])).toBeUndefined();
    expect(rivalOf(['2024-01-15'])).toBeUndefined();
  });

  it.each([
    ['13/01/2024', '02/13/2024', 'only-rival'],
    ['13/01/2024', '05/03/2024', 'differs'],
    ['13/01/2024', '13/03/2024', 'same'],
    ['13/01/2024', '04/04/2024', 'same'],
    ['13/01/2024', '2024-03-05', 'same'],
  ] as const)('a column settled by %j compares %j with the swap: %s', (sample, text, rivalry) => {
    expect(rivalOf([sample])?.compare(text)).toBe(rivalry);
  });
});

describe('detectDecimalMark', () => {
  const mark = (value: '.' | ','): DecimalMarkDetection => ({ kind: 'mark', mark: value });
  it.each([
    [['1,5', '12,75', '-0,3'], ';', mark(',')],
    [['1,5', '12,75', '-0,3'], '\t', mark(',')],
    [['1,5', '12,75'], ',', mark('.')], // only `;` and tab go with decimal commas
    [['1,5', '12,75'], '|', mark('.')],
    [['1.234,5', '12'], ';', mark(',')],
    [['1 234,5', '7'], ';', mark(',')],
    [['1\u00A0234,5'], ';', mark(',')],
    [['45,5%'], ';', mark(',')],
    [['', 'NULL', '1,5', '?'], ';', mark(',')],
    [['Smith, John', '1,5'], ';', mark(',')], // text decides nothing
    [['2.500', '1,5'], ';', mark(',')], // 1,5 settles it: 2.500 is 2500
    [['1,234', '2.5'], ';', mark('.')], // 2.5 settles it: 1,234 is 1234
    [['1,5', '2.5'], ';', { kind: 'mixed', comma: '1,5', point: '2.5' }],
    [['1,5', '1,234.5'], ';', { kind: 'mixed', comma: '1,5', point: '1,234.5' }],
    [['12', '1,234'], ';', { kind: 'ambiguous', example: '1,234' }], // 1234 or 1.234: nothing settles it
    [['1.234'], ';', { kind: 'ambiguous', example: '1.234' }],
    [['12', '13'], ';', mark('.')],
    [[], ';', mark('.')],
    [['3,505', '1,234,567'], ',', mark('.')], // GA's quoted thousands
  ] as const)('%j under %j → %j', (samples, delimiter, expected) => {
    expect(withoutRival(detectDecimalMark(samples, delimiter))).toEqual(expected);
  });

  /** The detection without its rival reading (functions), which the next tests look at. */
  function withoutRival(detection: DecimalMarkDetection): DecimalMarkDetection {
    return detection.kind === 'mark' ? { kind: 'mark', mark: detection.mark } : detection;
  }

  it('passes over the other mark only where there was a choice, settled or not', () => {
    const settled = detectDecimalMark(['1,5', '12'], ';');
    const open = detectDecimalMark(['12', '13'], ';');
    const point = detectDecimalMark(['1.5'], '\t');
    expect(detectDecimalMark(['1.5'], ',')).toEqual({ kind: 'mark', mark: '.' });
    expect(
      [settled, open, point].map((d) => (d.kind === 'mark' ? [d.mark, d.rival?.isSettled, d.rival?.chosen, d.rival?.other] : d.kind)),
    ).toEqual([
      [',', true, 'with a decimal comma', 'with a decimal point'],
      ['.', false, 'with a decimal point', 'with a decimal comma'],
      ['.', true, 'with a decimal point', 'with a decimal comma'],
    ]);
  });

  it.each([
    [',', '1.5', 'only-rival'],
    [',', '1,234.5', 'only-rival'],
    [',', '2.500', 'differs'],
    [',', '1,5', 'same'],
    [',', '42', 'same'],
    ['.', '3,5', 'only-rival'],
    ['.', '1.234,5', 'only-rival'],
    ['.', '1,234', 'differs'],
    ['.', '1.5', 'same'],
    ['.', 'n/a', 'same'],
  ] as const)('a column read with %j compares %j with the other mark: %s', (chosen, text, rivalry) => {
    const detection = detectDecimalMark([chosen === ',' ? '1,5' : '1.5'], ';');
    expect(detection.kind === 'mark' && detection.rival?.compare(text)).toBe(rivalry);
  });

  it("skips a source's own null markers", () => {
    // a source that writes `0.0` for "not measured" (a contrived marker, to show it is skipped)
    expect(detectDecimalMark(['1,5', '0.0'], ';')).toEqual({ kind: 'mixed', comma: '1,5', point: '0.0' });
    expect(withoutRival(detectDecimalMark(['1,5', '0.0'], ';', { isMissing: createMissingTest(['0.0']) }))).toEqual({
      kind: 'mark',
      mark: ',',
    });
  });
});
