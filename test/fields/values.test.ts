import { afterEach, describe, expect, it } from 'vitest';
import { findField } from '../../src/fields/catalog.js';
import {
  coerceBool,
  createBoolCoercer,
  coerceDuration,
  coerceNumber,
  coerceRate,
  coerceSentiment,
  coerceText,
  coerceTimestamp,
  createMissingTest,
  isInvalid,
  isMissing,
  isValidTimeZone,
  NULL_MARKERS,
  parseIsoTimestamp,
  toInstant,
  toWallClock,
  withNullMarkers,
  type Coerced,
  type RawValue,
} from '../../src/fields/values.js';
import {
  DMY_SLASH,
  EPOCH_MILLISECONDS,
  EPOCH_SECONDS,
  ISO_8601,
  MDY_SLASH,
  parseDatePattern,
  YYYYMMDD,
} from '../../src/fields/date-formats.js';

/** Epoch ms of an ISO instant written with `Z`, for readable expectations. */
/** The words `made_sla` declares (kinds/tickets.ts); none would leave met/breached unread. */
const SLA_WORDS = findField('made_sla')?.boolWords ?? { yes: [], no: [] };

const utc = (iso: string): number => Date.parse(iso);

/** A coerced timestamp as an ISO instant, so a failure shows the date rather than a 13-digit number. */
const asIso = (value: Coerced<number>): unknown => (typeof value === 'number' ? new Date(value).toISOString() : value);

// Blank cells, NaN, and every null marker in a few spellings.
const MISSING_CELLS: readonly RawValue[] = [
  undefined,
  null,
  '',
  '   ',
  '\t',
  Number.NaN,
  'NaN',
  'nan',
  'NAN',
  '?',
  ' ? ',
  'NULL',
  'null',
  'Null',
  '(null)',
  'N/A',
  'n/a',
  'NA',
  '#N/A',
  '-',
  ' - ',
  '\u2013', // en dash
  '\u2014', // em dash
  '\u2212', // minus sign
];

describe('isInvalid', () => {
  it.each([
    [{ invalid: 'not a number' }, true],
    [5, false],
    ['invalid', false],
    [undefined, false],
    [null, false],
    [{}, false],
  ])('%j → %s', (value, expected) => {
    expect(isInvalid(value)).toBe(expected);
  });
});

const COERCERS: Readonly<Record<string, (raw: RawValue) => unknown>> = {
  coerceNumber: (raw) => coerceNumber(raw, { decimal: '.' }),
  coerceBool: (raw) => coerceBool(raw),
  coerceTimestamp: (raw) => coerceTimestamp(raw, { tz: 'UTC' }),
  'coerceTimestamp (d/M/yyyy)': (raw) => coerceTimestamp(raw, { tz: 'UTC', format: DMY_SLASH }),
  'coerceTimestamp (Unix seconds)': (raw) => coerceTimestamp(raw, { tz: 'UTC', format: EPOCH_SECONDS }),
  coerceDuration: (raw) => coerceDuration(raw),
  coerceSentiment: (raw) => coerceSentiment(raw, { decimal: '.' }),
  coerceText: (raw) => coerceText(raw),
  coerceRate: (raw) => coerceRate(raw, { decimal: ',' }),
};

describe('missing cells', () => {
  const cases = Object.entries(COERCERS).flatMap(([name, coerce]) => MISSING_CELLS.map((raw) => [name, raw, coerce] as const));

  it.each(cases)('%s(%j) is missing', (_name, raw, coerce) => {
    expect(coerce(raw)).toBeUndefined();
  });

  it.each(MISSING_CELLS.map((raw) => [raw]))('isMissing(%j)', (raw) => {
    expect(isMissing(raw)).toBe(true);
  });

  it('keeps NULL_MARKERS lower-case, as they are compared', () => {
    for (const marker of NULL_MARKERS) expect(marker).toBe(marker.toLowerCase());
  });

  it.each([['-5'], ['0'], ['None'], ['nil'], ['nan bread'], ['--'], ['#DIV/0!'], [0], [false]] as const)(
    '%j is a value, not a missing one',
    (raw) => {
      expect(isMissing(raw)).toBe(false);
    },
  );

  it.each([
    ['-5', () => coerceNumber('-5', { decimal: '.' }), -5],
    ['-5 as a duration', () => coerceDuration('-5'), { invalid: 'negative duration' }],
    ['None as text', () => coerceText('None'), 'None'],
    ['None as a number', () => coerceNumber('None', { decimal: '.' }), { invalid: 'not a number' }],
    ['#DIV/0! as a rate', () => coerceRate('#DIV/0!', { decimal: '.' }), { invalid: 'not a number' }],
    ['-0,5 as sentiment', () => coerceSentiment('-0,5', { decimal: ',' }), -0.5],
  ] as const)('%s', (_name, coerce, expected) => {
    expect(coerce()).toEqual(expected);
  });
});

describe("a source's own null markers", () => {
  const isMissingHere = createMissingTest(['Not Offered', ' unknown ']);

  it.each([
    ['not offered', true],
    ['  NOT OFFERED ', true],
    ['Unknown', true],
    ['NULL', true], // the common markers still apply
    [undefined, true],
    ['Offered', false],
    [5, false],
  ] as const)('%j → %s', (raw, expected) => {
    expect(isMissingHere(raw)).toBe(expected);
  });

  it('is isMissing itself without extra words', () => {
    expect(createMissingTest()).toBe(isMissing);
    expect(createMissingTest([])).toBe(isMissing);
  });

  it('wraps a coercer', () => {
    const coerce = withNullMarkers((raw: RawValue) => coerceNumber(raw, { decimal: '.' }), ['Not Offered']);
    expect(coerce('Not Offered')).toBeUndefined();
    expect(coerce('4')).toBe(4);
    expect(coerce('Offered')).toEqual({ invalid: 'not a number' });
  });

  it('returns the coercer itself when there are no extra words', () => {
    const coerce = (raw: RawValue) => coerceText(raw);
    expect(withNullMarkers(coerce, [])).toBe(coerce);
  });
});

describe('coerceNumber', () => {
  const nps = { decimal: '.', min: 0, max: 10, integer: true } as const;

  it.each([
    [7, nps, 7],
    ['7', nps, 7],
    [' 9 ', nps, 9],
    [0, nps, 0], // bounds are inclusive
    ['10', nps, 10],
    ['4.5', { decimal: '.', min: 1, max: 5 }, 4.5],
    ['4,5', { decimal: ',', min: 1, max: 5 }, 4.5],
    ['1 234,5', { decimal: ',' }, 1234.5],
    ['1,234', { decimal: '.' }, 1234],
    ['3,505', { decimal: '.' }, 3505], // GA's quoted thousands
    ['1,234,567.5', { decimal: '.' }, 1234567.5],
    ['1.234,5', { decimal: ',' }, 1234.5],
    ['1\u00A0234,5', { decimal: ',' }, 1234.5],
    ['45%', { decimal: '.', min: 0, max: 100 }, 45],
    ['85%', { decimal: '.' }, 85],
    [-3, { decimal: '.' }, -3],
    ['5', { decimal: '.', min: 1 }, 5],
  ] as const)('%j with %j → %d', (raw, options, expected) => {
    expect(coerceNumber(raw, options)).toBe(expected);
  });

  it.each([
    [11, nps, '11 is outside 0–10'],
    ['11', nps, '11 is outside 0–10'],
    ['-1', nps, '-1 is outside 0–10'],
    [7.5, nps, '7.5 is not a whole number'],
    ['7,5', { ...nps, decimal: ',' }, '7.5 is not a whole number'],
    ['0', { decimal: '.', min: 1, max: 5 }, '0 is outside 1–5'],
    ['0', { decimal: '.', min: 1 }, '0 is below 1'],
    ['6', { decimal: '.', max: 5 }, '6 is above 5'],
    ['12abc', nps, 'not a number'],
    [true, nps, 'not a number'],
    [Number.POSITIVE_INFINITY, { decimal: '.' }, 'not a finite number'],
    [Number.NEGATIVE_INFINITY, { decimal: '.' }, 'not a finite number'],
  ] as const)('%j with %j is rejected: %s', (raw, options, reason) => {
    expect(coerceNumber(raw, options)).toEqual({ invalid: reason });
  });
});

describe('coerceBool', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    [' Yes ', true],
    ['y', true],
    ['T', true],
    ['1', true],
    ['да', true],
    ['ДА', true],
    [true, true],
    [1, true],
    ['false', false],
    ['No', false],
    ['n', false],
    ['f', false],
    ['0', false],
    ['нет', false],
    ['Нет', false],
    [false, false],
    [0, false],
  ] as const)('%j → %s', (raw, expected) => {
    expect(coerceBool(raw)).toBe(expected);
  });

  it.each([['maybe'], ['2'], [2], [0.5], ['met'], ['yes!']] as const)('%j is not a yes/no value', (raw) => {
    expect(coerceBool(raw)).toEqual({ invalid: 'not a yes/no value' });
  });

  it.each([
    ['Met', true],
    ['ontime', true],
    ['On Time', true],
    ['within', true],
    ['yes', true],
    ['Breached', false],
    ['OVERDUE', false],
    ['missed', false],
    ['no', false],
  ] as const)('made_sla vocabulary: %j → %s', (raw, expected) => {
    expect(createBoolCoercer(SLA_WORDS.yes, SLA_WORDS.no)(raw)).toBe(expected);
  });

  it('matches extra words written in capitals', () => {
    expect(createBoolCoercer(['GOOD'], ['BAD'])('good')).toBe(true);
    expect(createBoolCoercer(['GOOD'], ['BAD'])('Bad')).toBe(false);
    // The extra words add to the standard ones, which stay.
    expect(createBoolCoercer(['GOOD'], ['BAD'])('no')).toBe(false);
  });
});

describe('coerceTimestamp: ISO 8601', () => {
  it.each([
    // date only: midnight on the wall clock of the zone
    ['2024-01-15', 'UTC', '2024-01-15T00:00:00.000Z'],
    ['2024-01-15', 'Asia/Tokyo', '2024-01-14T15:00:00.000Z'], // UTC+9: the instant falls on the day before
    ['2024-01-15', 'America/New_York', '2024-01-15T05:00:00.000Z'], // EST, UTC−5
    ['2024-07-15', 'America/New_York', '2024-07-15T04:00:00.000Z'], // EDT, UTC−4
    ['2024-02-29', 'UTC', '2024-02-29T00:00:00.000Z'], // leap day
    // times
    ['2024-01-15T10:20', 'UTC', '2024-01-15T10:20:00.000Z'],
    ['2024-01-15T10:20:30', 'UTC', '2024-01-15T10:20:30.000Z'],
    ['2024-01-15 10:20:30.123', 'UTC', '2024-01-15T10:20:30.123Z'],
    ['2024-01-15 10:20:30.1', 'UTC', '2024-01-15T10:20:30.100Z'],
    ['2024-01-15 10:20:30.123456', 'UTC', '2024-01-15T10:20:30.123Z'], // beyond ms is dropped
    ['2024-01-15 10:20:30,5', 'UTC', '2024-01-15T10:20:30.500Z'],
    ['2024-01-15T23:30', 'Asia/Tokyo', '2024-01-15T14:30:00.000Z'],
    ['2024-01-15T10:20', 'Europe/Berlin', '2024-01-15T09:20:00.000Z'], // CET, UTC+1
    [' 2024-01-15T10:20 ', 'UTC', '2024-01-15T10:20:00.000Z'],
    // an offset in the text wins over the zone
    ['2024-01-15T10:20:30Z', 'Asia/Tokyo', '2024-01-15T10:20:30.000Z'],
    ['2024-01-15T10:20:30z', 'Asia/Tokyo', '2024-01-15T10:20:30.000Z'],
    ['2024-01-15T10:20:30+03:00', 'Asia/Tokyo', '2024-01-15T07:20:30.000Z'],
    ['2024-01-15T10:20:30+0300', 'Asia/Tokyo', '2024-01-15T07:20:30.000Z'],
    ['2024-01-15T10:20:30+03', 'Asia/Tokyo', '2024-01-15T07:20:30.000Z'],
    ['2024-01-15T10:20:30-05:30', 'UTC', '2024-01-15T15:50:30.000Z'],
    ['2024-01-15T01:00:00+09:00', 'UTC', '2024-01-14T16:00:00.000Z'],
    ['2024-01-15 10:20:30 +0000', 'Asia/Tokyo', '2024-01-15T10:20:30.000Z'],
    ['2017-01-12 00:00:00 UTC', 'Asia/Tokyo', '2017-01-12T00:00:00.000Z'], // Google Play stats files
    ['2024-01-15T10:20Z', 'America/New_York', '2024-01-15T10:20:00.000Z'],
  ])('%j in %s → %s', (raw, tz, expected) => {
    expect(asIso(coerceTimestamp(raw, { tz }))).toBe(expected);
  });

  it.each([
    ['2023-02-29', 'no such date'], // 2023 is not a leap year
    ['2024-02-30', 'no such date'],
    ['2024-04-31', 'no such date'],
    ['2024-13-01', 'no such date'],
    ['2024-00-10', 'no such date'],
    ['2024-01-00', 'no such date'],
    ['2024-01-15 24:00', 'no such time of day'],
    ['2024-01-15 10:60', 'no such time of day'],
    ['2024-01-15 10:20:60', 'no such time of day'],
    ['2024-01-15T10:20+24:00', 'no such UTC offset'],
    ['2024-01-15T10:20+03:60', 'no such UTC offset'],
    ['0050-01-15', 'year 0050 is not supported'],
    ['15.01.2024', 'not an ISO 8601 date (use --date-format for other layouts)'],
    ['2024/01/15', 'not an ISO 8601 date (use --date-format for other layouts)'],
    ['2024-1-5', 'not an ISO 8601 date (use --date-format for other layouts)'],
    ['2024-01-15T10', 'not an ISO 8601 date (use --date-format for other layouts)'],
    ['2024-01-15Z', 'not an ISO 8601 date (use --date-format for other layouts)'],
    ['yesterday', 'not an ISO 8601 date (use --date-format for other layouts)'],
  ])('%j is rejected: %s', (raw, reason) => {
    expect(coerceTimestamp(raw, { tz: 'UTC' })).toEqual({ invalid: reason });
  });

  it.each([
    [1_705_312_800_000, 'epoch numbers need --date-format'],
    [true, 'not a date'],
  ] as const)('%j is rejected: %s', (raw, reason) => {
    expect(coerceTimestamp(raw, { tz: 'UTC' })).toEqual({ invalid: reason });
  });

  it('rejects an offset-less time in an unknown zone', () => {
    expect(coerceTimestamp('2024-01-15 10:20', { tz: 'Mars/Olympus' })).toEqual({ invalid: 'unknown time zone Mars/Olympus' });
  });
});

// Europe/Berlin: CET (UTC+1) ↔ CEST (UTC+2). 2024-03-31 02:00 CET → 03:00 CEST (01:00Z);
// 2024-10-27 03:00 CEST → 02:00 CET (01:00Z). America/New_York: 2024-03-10 02:00 EST → 03:00 EDT
// (07:00Z); 2024-11-03 02:00 EDT → 01:00 EST (06:00Z).
const DST_EDGES = [
  ['2024-03-31 01:59', 'Europe/Berlin', '2024-03-31T00:59:00.000Z'], // last minute of CET
  ['2024-03-31 02:00', 'Europe/Berlin', '2024-03-31T01:00:00.000Z'], // does not exist → 03:00 CEST
  ['2024-03-31 02:30', 'Europe/Berlin', '2024-03-31T01:30:00.000Z'], // does not exist → 03:30 CEST
  ['2024-03-31 03:00', 'Europe/Berlin', '2024-03-31T01:00:00.000Z'], // first minute of CEST
  ['2024-10-27 01:59', 'Europe/Berlin', '2024-10-26T23:59:00.000Z'], // CEST
  ['2024-10-27 02:00', 'Europe/Berlin', '2024-10-27T00:00:00.000Z'], // occurs twice → the earlier, CEST
  ['2024-10-27 02:30', 'Europe/Berlin', '2024-10-27T00:30:00.000Z'], // occurs twice → the earlier, CEST
  ['2024-10-27 03:00', 'Europe/Berlin', '2024-10-27T02:00:00.000Z'], // CET
  ['2024-03-10 02:30', 'America/New_York', '2024-03-10T07:30:00.000Z'], // does not exist → 03:30 EDT
  ['2024-11-03 01:30', 'America/New_York', '2024-11-03T05:30:00.000Z'], // occurs twice → the earlier, EDT
  ['2022-09-11 00:30', 'America/Santiago', '2022-09-11T04:30:00.000Z'], // midnight gap: 00:00 → 01:00 (−4 → −3)
] as const;

describe('coerceTimestamp: DST edges (no offset in the text)', () => {
  it.each(DST_EDGES)('%j in %s → %s', (raw, tz, expected) => {
    expect(asIso(coerceTimestamp(raw, { tz }))).toBe(expected);
  });

  it.each(DST_EDGES)('%j in %s reads the same through --date-format', (raw, tz, expected) => {
    expect(asIso(coerceTimestamp(raw, { tz, format: parseDatePattern('yyyy-MM-dd HH:mm') }))).toBe(expected);
  });
});

describe('results do not depend on the machine time zone', () => {
  const machineZone = process.env['TZ'];
  afterEach(() => {
    if (machineZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = machineZone;
  });

  // TZDate's constructor answered 2024-10-27 02:30 Berlin with 00:30Z under TZ=Europe/Berlin but
  // 01:30Z under TZ=UTC; Australia/Lord_Howe has a 30-minute DST gap that trips date-fns setters.
  const cases = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'].flatMap((machine) =>
    DST_EDGES.map(([raw, tz, expected]) => [machine, raw, tz, expected] as const),
  );

  it.each(cases)('on a machine in %s: %j in %s → %s', (machine, raw, tz, expected) => {
    process.env['TZ'] = machine;
    expect(asIso(coerceTimestamp(raw, { tz }))).toBe(expected);
    expect(asIso(coerceTimestamp(raw, { tz, format: parseDatePattern('yyyy-MM-dd HH:mm') }))).toBe(expected);
  });

  it.each(['Europe/Berlin', 'Australia/Lord_Howe'])('parses with --date-format on a machine in %s', (machine) => {
    process.env['TZ'] = machine;
    // Lord Howe's clocks jump 02:00 → 02:30 on 2024-10-06; in UTC that wall time is ordinary.
    expect(asIso(coerceTimestamp('06.10.2024 02:15', { tz: 'UTC', format: parseDatePattern('dd.MM.yyyy HH:mm') }))).toBe(
      '2024-10-06T02:15:00.000Z',
    );
  });
});

describe('coerceTimestamp: --date-format', () => {
  it.each([
    ['15.01.2024 10:20', 'dd.MM.yyyy HH:mm', 'Europe/Berlin', '2024-01-15T09:20:00.000Z'],
    ['15.01.2024', 'dd.MM.yyyy', 'Asia/Tokyo', '2024-01-14T15:00:00.000Z'],
    ['29.02.2024', 'dd.MM.yyyy', 'UTC', '2024-02-29T00:00:00.000Z'],
    // Google Sheets (en_US) writes `8/31/2023 19:08:16`; EDT is UTC−4
    ['8/31/2023 19:08:16', 'M/d/yyyy H:mm:ss', 'America/New_York', '2023-08-31T23:08:16.000Z'],
    ['08/31/2023 07:08 PM', 'MM/dd/yyyy hh:mm a', 'UTC', '2023-08-31T19:08:00.000Z'],
    ['20240115', 'yyyyMMdd', 'UTC', '2024-01-15T00:00:00.000Z'], // GA4 event_date
    // an offset token fixes the instant; the zone is not applied on top
    ['2024-01-15T10:20+03:00', "yyyy-MM-dd'T'HH:mmXXX", 'Asia/Tokyo', '2024-01-15T07:20:00.000Z'],
    ['2024-01-15 10:20 Z', 'yyyy-MM-dd HH:mm X', 'Asia/Tokyo', '2024-01-15T10:20:00.000Z'],
    // a quoted T is a literal, not the epoch token
    ['2024-01-15T10:20', "yyyy-MM-dd'T'HH:mm", 'Asia/Tokyo', '2024-01-15T01:20:00.000Z'],
  ])('%j as %j in %s → %s', (raw, dateFormat, tz, expected) => {
    expect(asIso(coerceTimestamp(raw, { tz, format: parseDatePattern(dateFormat) }))).toBe(expected);
  });

  it.each([
    ['2024-01-15', 'dd.MM.yyyy'], // the pattern is authoritative: no ISO fallback
    ['15.01.2024 10:20 extra', 'dd.MM.yyyy HH:mm'],
  ])('%j does not match %j', (raw, dateFormat) => {
    expect(coerceTimestamp(raw, { tz: 'UTC', format: parseDatePattern(dateFormat) })).toEqual({
      invalid: `does not match --date-format ${dateFormat}`,
    });
  });

  it('reads a calendar date that does not exist as such', () => {
    expect(coerceTimestamp('30.02.2024', { tz: 'UTC', format: parseDatePattern('dd.MM.yyyy') })).toEqual({ invalid: 'no such date' });
  });

  it('reports an unusable pattern once, when it is compiled, not per value', () => {
    expect(() => parseDatePattern('yyyy foo')).toThrow(/^unusable --date-format yyyy foo:/);
  });
});

describe('coerceTimestamp: a column format', () => {
  it.each([
    // EST is UTC−5: 15:04:05 on the wall clock is 20:04:05Z
    ['01/02/2015 03:04:05 PM', MDY_SLASH, 'America/New_York', Date.UTC(2015, 0, 2, 20, 4, 5)],
    ['29/2/2016 01:16', DMY_SLASH, 'UTC', Date.UTC(2016, 1, 29, 1, 16)],
    [' 29/2/2016 01:16 ', DMY_SLASH, 'UTC', Date.UTC(2016, 1, 29, 1, 16)], // cells are trimmed
    ['2024-01-15T10:20', ISO_8601, 'Asia/Tokyo', Date.UTC(2024, 0, 15, 1, 20)], // − 9 h
    ['1705312800', EPOCH_SECONDS, 'Asia/Tokyo', Date.UTC(2024, 0, 15, 10)],
    // JSON numbers: Unix time by magnitude in an epoch column, their digits elsewhere
    [1705312800, EPOCH_SECONDS, 'UTC', Date.UTC(2024, 0, 15, 10)],
    [1705312800123, EPOCH_SECONDS, 'UTC', Date.UTC(2024, 0, 15, 10, 0, 0, 123)],
    [1705312800, EPOCH_MILLISECONDS, 'UTC', Date.UTC(2024, 0, 15, 10)],
    [20240115, YYYYMMDD, 'UTC', Date.UTC(2024, 0, 15)],
    [1705312800123, parseDatePattern('T'), 'UTC', Date.UTC(2024, 0, 15, 10, 0, 0, 123)],
  ] as const)('%j as %s in %s → %d', (raw, format, tz, expected) => {
    expect(coerceTimestamp(raw, { tz, format })).toBe(expected);
  });

  it.each([
    ['2024-01-15', DMY_SLASH, 'does not match d/M/yyyy[ H:mm[:ss]]'], // the format is the column's: no ISO fallback
    ['31/2/2016', DMY_SLASH, 'no such date'],
    [12345, YYYYMMDD, 'does not match yyyyMMdd'],
    [5, EPOCH_SECONDS, 'not a Unix time in 2000–2100'],
    [Number.POSITIVE_INFINITY, EPOCH_SECONDS, 'not a finite number'],
    [true, EPOCH_SECONDS, 'not a date'],
  ] as const)('%j as %s is rejected: %s', (raw, format, reason) => {
    expect(coerceTimestamp(raw, { tz: 'UTC', format })).toEqual({ invalid: reason });
  });
});

describe('parseIsoTimestamp, toInstant, toWallClock', () => {
  it('parses the same as coerceTimestamp for text', () => {
    expect(asIso(parseIsoTimestamp('2024-01-15T10:20', 'Asia/Tokyo'))).toBe('2024-01-15T01:20:00.000Z');
  });

  it.each([
    ['2024-01-15T10:20:00.000Z', 'Asia/Tokyo', '2024-01-15T19:20:00.000Z'],
    ['2024-01-15T03:00:00.000Z', 'America/New_York', '2024-01-14T22:00:00.000Z'],
    ['2024-10-27T00:30:00.000Z', 'Europe/Berlin', '2024-10-27T02:30:00.000Z'], // CEST
    ['2024-10-27T01:30:00.000Z', 'Europe/Berlin', '2024-10-27T02:30:00.000Z'], // CET: same wall clock
  ])('the wall clock at %s in %s reads %s', (instant, tz, wall) => {
    expect(new Date(toWallClock(utc(instant), tz)).toISOString()).toBe(wall);
  });

  it('gives NaN for an unknown zone', () => {
    expect(toInstant(utc('2024-01-15T10:20:00Z'), 'Mars/Olympus')).toBeNaN();
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['Asia/Tokyo', true],
    ['America/New_York', true],
    ['Mars/Olympus', false],
    ['', false],
  ])('%j → %s', (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });
});

describe('coerceDuration', () => {
  it.each([
    ['1h 30m', undefined, 5400],
    ['01:30:00', undefined, 5400],
    [90, undefined, 90],
    [0, undefined, 0],
    [90, 'min', 5400],
    [250, 'ms', 0.25],
    ['250', 'ms', 0.25],
    [1.5, 'h', 5400],
  ] as const)('%j (plain unit %s) → %d s', (raw, plainUnit, expected) => {
    expect(coerceDuration(raw, plainUnit)).toBe(expected);
  });

  it.each([
    [-5, 'negative duration'],
    ['-5', 'negative duration'],
    [Number.POSITIVE_INFINITY, 'not a finite number'],
    [true, 'not a duration'],
    ['soon', 'not a duration'],
  ] as const)('%j is rejected: %s', (raw, reason) => {
    expect(coerceDuration(raw)).toEqual({ invalid: reason });
  });
});

describe('coerceSentiment', () => {
  it.each([
    ['positive', '.', 1],
    ['Positive', '.', 1],
    ['POS', '.', 1],
    ['neutral', '.', 0],
    ['neu', '.', 0],
    ['negative', '.', -1],
    ['Neg', '.', -1],
    ['позитив', '.', 1],
    ['Позитивный', '.', 1],
    ['нейтральная', '.', 0],
    ['НЕГАТИВНОЕ', '.', -1],
    ['0.5', '.', 0.5],
    ['-0,5', ',', -0.5],
    ['1', '.', 1],
    ['-1', '.', -1],
    [0.3, '.', 0.3],
    [-1, '.', -1],
  ] as const)('%j (decimal %j) → %d', (raw, decimal, expected) => {
    expect(coerceSentiment(raw, { decimal })).toBe(expected);
  });

  it.each([
    [2, '2 is outside -1…1'],
    ['-1.5', '-1.5 is outside -1…1'],
    ['great', 'not a sentiment (positive/neutral/negative or -1…1)'],
    ['positively', 'not a sentiment (positive/neutral/negative or -1…1)'],
    [true, 'not a sentiment (positive/neutral/negative or -1…1)'],
  ] as const)('%j is rejected: %s', (raw, reason) => {
    expect(coerceSentiment(raw, { decimal: '.' })).toEqual({ invalid: reason });
  });
});

describe('coerceText', () => {
  it.each([
    ['  hello  ', 'hello'],
    ['Ticket #12', 'Ticket #12'],
    [12345, '12345'],
    [0, '0'],
    [true, 'true'],
    ['nan bread', 'nan bread'],
  ] as const)('%j → %j', (raw, expected) => {
    expect(coerceText(raw)).toBe(expected);
  });
});

describe('coerceRate', () => {
  it.each([
    ['45%', '.', 0.45],
    ['0.45', '.', 0.45],
    ['45,5%', ',', 0.455],
    [0.45, '.', 0.45],
    [0, '.', 0],
    [1, '.', 1],
  ] as const)('%j (decimal %j) → %d', (raw, decimal, expected) => {
    expect(coerceRate(raw, { decimal })).toBe(expected);
  });

  it.each([
    ['45', '45 is not a fraction 0–1; write 45% for a percentage'],
    [45, '45 is outside 0–1'],
    [-0.1, '-0.1 is outside 0–1'],
    ['120%', '120% is outside 0–100%'],
    [true, 'not a number'],
    [Number.POSITIVE_INFINITY, 'not a finite number'],
  ] as const)('%j is rejected: %s', (raw, reason) => {
    expect(coerceRate(raw, { decimal: '.' })).toEqual({ invalid: reason });
  });
});
