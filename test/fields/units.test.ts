import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToSeconds, parseDuration, parseNumber, parsePercentOrFraction } from '../../src/fields/units.js';

describe('parseNumber with a decimal point', () => {
  it.each([
    ['42', 42],
    ['  42  ', 42],
    ['0', 0],
    ['-3.5', -3.5],
    ['+7', 7],
    ['\u22122', -2], // U+2212 MINUS SIGN, as typeset tables write it
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1,234,567.5', 1234567.5],
    ['3,505', 3505], // GA/UA quote thousands: "3,505"
    ['-1,234', -1234],
    ['1 234.5', 1234.5],
    ['1\u00A0234', 1234], // no-break space
    ['1\u202F234', 1234], // narrow no-break space
    ['.5', 0.5],
    ['5.', 5],
    ['85%', 85],
    ['85 %', 85],
    ['12.5%', 12.5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['1,234e2', 123400],
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text, '.')).toBe(expected);
  });

  it('reads "-0" as 0, not −0', () => {
    expect(Object.is(parseNumber('-0', '.'), 0)).toBe(true);
  });

  it.each([
    ['12abc', 'not a number'],
    ['1,2,3', 'not a number'], // groups of one digit are not thousands
    ['1,23', 'not a number'],
    ['1,234.5.6', 'not a number'],
    ['1.234,5', 'not a number'], // a decimal comma under --decimal .
    ['1,234 567', 'not a number'], // mixed separators
    ['1,23,456', 'not a number'], // Indian lakh grouping is not read
    ['1 23', 'not a number'],
    ['12,34.5', 'not a number'],
    ['1.5%%', 'not a number'],
    ['-', 'not a number'],
    ['', 'not a number'],
    ['   ', 'not a number'],
    ['%', 'not a number'],
    ['abc', 'not a number'],
    ['0x10', 'not a number'], // Number() would read hex
    ['Infinity', 'not a number'],
    ['--5', 'not a number'],
    ['5-', 'not a number'],
    ['1e', 'not a number'],
    ['1e999', 'not a finite number'],
  ])('%j is rejected: %s', (text, reason) => {
    expect(parseNumber(text, '.')).toEqual({ invalid: reason });
  });
});

describe('parseNumber with a decimal comma', () => {
  it.each([
    ['1,5', 1.5],
    ['1.234,5', 1234.5],
    ['1.234.567,25', 1234567.25],
    ['1 234,5', 1234.5],
    ['1\u00A0234,5', 1234.5],
    ['1\u202F234,5', 1234.5],
    ['1.234', 1234], // with a comma decimal, a dot groups thousands
    ['12 345 678,9', 12345678.9],
    ['1\u202F234\u202F567', 1234567],
    ['\u22121,5', -1.5],
    ['-0,25', -0.25],
    [',5', 0.5],
    ['12,5%', 12.5],
    ['1,5e3', 1500],
    ['1234', 1234],
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text, ',')).toBe(expected);
  });

  it.each(['1.5', '1,234.5', '1.2.3', '1,2,3', '12abc', '1.23,5', '1 234.5', '1,2,'])('%j is not a number', (text) => {
    expect(parseNumber(text, ',')).toEqual({ invalid: 'not a number' });
  });
});

describe('parsePercentOrFraction', () => {
  it.each([
    ['45%', '.', 0.45],
    ['0.45', '.', 0.45],
    ['12.5 %', '.', 0.125],
    ['45,5%', ',', 0.455],
    ['0,45', ',', 0.45],
    ['0', '.', 0],
    ['1', '.', 1],
    ['0%', '.', 0],
    ['100%', '.', 1],
    // The nearest double to 0.0007, not 0.07 / 100 = 0.0007000000000000001.
    ['0.07%', '.', 0.0007],
    ['45,23%', ',', 0.4523],
    ['0.28 %', '.', 0.0028],
  ] as const)('%j (decimal %j) → %d', (text, decimal, expected) => {
    expect(parsePercentOrFraction(text, decimal)).toBe(expected);
  });

  it.each([
    ['45', '45 is not a fraction 0–1; write 45% for a percentage'],
    ['1.5', '1.5 is not a fraction 0–1; write 1.5% for a percentage'],
    ['120%', '120% is outside 0–100%'],
    ['-5%', '-5% is outside 0–100%'],
    ['-0.1', '-0.1 is outside 0–1'],
    ['abc', 'not a number'],
  ])('%j is rejected: %s', (text, reason) => {
    expect(parsePercentOrFraction(text, '.')).toEqual({ invalid: reason });
  });
});

describe('parseDuration', () => {
  it.each([
    // plain numbers are in the plain unit (seconds unless told)
    ['90', undefined, 90],
    ['0', undefined, 0],
    ['2.5', undefined, 2.5],
    ['90', 'min', 5400],
    ['1.5', 'h', 5400],
    ['250', 'ms', 0.25],
    ['1e3', 'ms', 1],
    // unit forms
    ['1h 30m', undefined, 5400], // 3600 + 30·60
    ['1h30m', undefined, 5400],
    ['1 h 30 m', undefined, 5400],
    ['90m', undefined, 5400],
    ['45s', undefined, 45],
    ['250ms', undefined, 0.25],
    ['2d 4h', undefined, 187200], // 2·86400 + 4·3600
    ['1.5h', undefined, 5400],
    ['1w', undefined, 604800], // 7·86400
    ['1w 2d', undefined, 777600], // 604800 + 172800
    ['1d 2h 3m 4s', undefined, 93784], // 86400 + 7200 + 180 + 4
    ['1d 2h 3m 4s 5ms', undefined, 93784.005],
    ['1m 30s', undefined, 90],
    ['1H 30M', undefined, 5400],
    ['.5h', undefined, 1800],
    // unit words
    ['5 min', undefined, 300],
    ['5 mins', undefined, 300],
    ['5 minutes', undefined, 300],
    ['1 minute', undefined, 60],
    ['2 hours', undefined, 7200],
    ['1 hour', undefined, 3600],
    ['1 hr', undefined, 3600],
    ['3 hrs', undefined, 10800],
    ['3 days', undefined, 259200],
    ['1 day', undefined, 86400],
    ['30 sec', undefined, 30],
    ['30 secs', undefined, 30],
    ['30 seconds', undefined, 30],
    ['2 weeks', undefined, 1209600],
    ['20 msec', undefined, 0.02],
    ['1 hour 30 minutes', undefined, 5400],
    // clocks: h:mm:ss and m:ss
    ['01:30:00', undefined, 5400],
    ['1:30:00', undefined, 5400],
    ['00:02:15', undefined, 135], // 2·60 + 15
    ['2:15', undefined, 135],
    ['90:00', undefined, 5400], // 90 minutes
    ['36:00:00', undefined, 129600], // hours are not capped at 24
    ['00:00:01.5', undefined, 1.5],
    ['  1h  ', undefined, 3600],
    ['+1h', undefined, 3600],
    // decimals exactly as written: 1.1 × 3,600,000 / 1000 in doubles is 3960.0000000000005
    ['1.1h', undefined, 3960],
    ['1.1', 'h', 3960],
    ['0.7h 0.3m', undefined, 2538], // 2520 + 18
    ['1d 0.1h 0.001s', undefined, 86760.001],
    ['00:00:00.1', undefined, 0.1],
    ['0.1', 'ms', 0.0001],
  ] as const)('%j (plain unit %s) → %d s', (text, plainUnit, expected) => {
    expect(parseDuration(text, plainUnit)).toBe(expected);
  });

  it.each([
    ['-5', 'negative duration'],
    ['-1h', 'negative duration'],
    ['- 1h 30m', 'negative duration'],
    ['\u221201:30:00', 'negative duration'],
    ['', 'not a duration'],
    ['abc', 'not a duration'],
    ['h', 'not a duration'],
    ['1h30', 'not a duration'], // the 30 has no unit
    ['30m 1h', 'not a duration'], // units must fall
    ['1m 30m', 'not a duration'], // each unit once
    ['1,5h', 'not a duration'],
    ['1:5', 'not a duration'],
    ['1:60', 'not a duration'],
    ['1:60:00', 'not a duration'],
    ['1:2:3:4', 'not a duration'],
    ['--5', 'not a duration'],
    ['1e999', 'not a finite number'],
  ])('%j is rejected: %s', (text, reason) => {
    expect(parseDuration(text)).toEqual({ invalid: reason });
  });

  it('reads "-0" as zero, not as a negative duration', () => {
    expect(parseDuration('-0')).toBe(0);
  });
});

describe('percentages as written', () => {
  it('are the double nearest to the written percent over 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 5 }), (digits, places) => {
        fc.pre(digits <= 100 * 10 ** places);
        const text = (digits / 10 ** places).toFixed(places);
        expect(parsePercentOrFraction(`${text}%`, '.')).toBe(Number(`${digits}e-${places + 2}`));
      }),
    );
  });
});

describe('durations as written', () => {
  it('are the double nearest to the exact decimal, for plain numbers in any unit and for unit forms', () => {
    const msPer = { ms: 1n, min: 60_000n, h: 3_600_000n } as const;
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('ms', 'min', 'h'),
        (digits, places, unit) => {
          const text =
            places === 0
              ? String(digits)
              : `${digits / 10n ** BigInt(places)}.${String(digits % 10n ** BigInt(places)).padStart(places, '0')}`;
          // The oracle: digits × ms-per-unit / 10^(places + 3), rounded once by the engine's reading of the text.
          const expected = Number(`${digits * msPer[unit]}e-${places + 3}`);
          expect(parseDuration(text, unit)).toBe(expected);
          const suffix = { ms: 'ms', min: 'm', h: 'h' }[unit];
          expect(parseDuration(`${text}${suffix}`)).toBe(expected);
        },
      ),
    );
  });
});

describe('convertToSeconds', () => {
  it.each([
    [90, 's', 90],
    [250, 'ms', 0.25],
    [1.5, 'min', 90],
    [0.5, 'h', 1800],
    // The decimal written, not the double product: (1.1 × 3,600,000) / 1000 is 3960.0000000000005.
    [1.1, 'h', 3960],
    [0.3, 'min', 18],
    [1e-7, 'h', 0.00036],
  ] as const)('%d %s → %d s', (amount, unit, expected) => {
    expect(convertToSeconds(amount, unit)).toBe(expected);
  });
});
