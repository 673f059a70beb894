/** Numeric flags: finite, in range and meaningful, or a UsageError (exit 2) that names the flag. */
import { describe, expect, it } from 'vitest';
import {
  MAX_JOBS,
  parseApdexT,
  parseConfidence,
  parseDateRange,
  parseFormat,
  parseJobs,
  parseKind,
  parsePeriod,
  parseTableOrJson,
  readOptionsOf,
} from '../../src/cli/options.js';
import { UsageError } from '../../src/errors.js';

function usageErrorOf(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseConfidence', () => {
  it.each([
    ['0.95', 0.95],
    ['.9', 0.9],
    ['90%', 0.9],
    [' 99.5 % ', 0.995],
    ['50%', 0.5],
    ['0.9999', 0.9999],
    ['0', 0],
    ['0%', 0],
  ])('reads %j as %d', (text, level) => {
    expect(parseConfidence(text)).toBeCloseTo(level, 15);
  });

  it('is 0.95 when not given', () => {
    expect(parseConfidence(undefined)).toBe(0.95);
  });

  it.each([
    '0.9999999999999999',
    '1',
    '100%',
    '1e-320',
    'NaN',
    '1e309',
    'Infinity',
    '-0.5',
    '0.4999',
    '95',
    '',
    '%',
    '0x1',
    '9 5%',
    '95%%',
  ])('refuses %j, naming the range', (text) => {
    expect(usageErrorOf(() => parseConfidence(text)).message).toBe(
      `--confidence must be a level from 0.5 to 0.9999 (50% to 99.99%), or 0 for no intervals; got "${text}"`,
    );
  });
});

describe('parseJobs', () => {
  it('reads a whole number of threads up to the limit', () => {
    expect(parseJobs('1')).toBe(1);
    expect(parseJobs(' 4 ')).toBe(4);
    expect(parseJobs(String(MAX_JOBS))).toBe(MAX_JOBS);
    expect(parseJobs(undefined)).toBeUndefined();
  });

  it.each(['0', '-1', '1.5', '1e3', '0x2', String(MAX_JOBS + 1), '1e999', 'NaN', ''])('refuses %j', (text) => {
    expect(usageErrorOf(() => parseJobs(text)).message).toBe(
      `--jobs must be a whole number of threads from 1 to ${MAX_JOBS}; got "${text}"`,
    );
  });
});

describe('parseApdexT', () => {
  it('reads durations, a plain number as milliseconds', () => {
    expect(parseApdexT('500ms')).toBe(0.5);
    expect(parseApdexT('1.2s')).toBe(1.2);
    expect(parseApdexT('250')).toBe(0.25);
  });

  it.each(['0', '-1ms', '1e400', `${'9'.repeat(400)}h`, 'NaN', 'fast'])('refuses %j', (text) => {
    expect(usageErrorOf(() => parseApdexT(text)).message).toBe(
      `--apdex-t must be a positive duration such as 500ms or 1.2s; got "${text}"`,
    );
  });
});

describe('parseDateRange', () => {
  it('takes a range with room in it, or either end alone', () => {
    expect(parseDateRange('2024-01', '2024-02', 'UTC')).toEqual({ from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 1, 1) });
    expect(parseDateRange('2024-01-15', undefined, 'UTC')).toEqual({ from: Date.UTC(2024, 0, 15), to: undefined });
    expect(parseDateRange(undefined, '2024', 'UTC')).toEqual({ from: undefined, to: Date.UTC(2024, 0, 1) });
  });

  it.each([
    ['2024-02', '2024-01'],
    ['2024-01', '2024-01'],
    ['2024-01-01T10:00:00Z', '2024-01-01T09:00:00Z'],
  ])('refuses --from %s at or after --to %s', (from, to) => {
    const error = usageErrorOf(() => parseDateRange(from, to, 'UTC'));
    expect(error.message).toBe(`--from ${from} is not before --to ${to}: no date is on or after the one and before the other`);
  });

  it('compares the instants in the time zone given', () => {
    // Midnight in Moscow (UTC+3) is 21:00 UTC the day before: still after 20:00 UTC.
    expect(() => parseDateRange('2024-01-02', '2024-01-01T20:00:00Z', 'Europe/Moscow')).toThrow(UsageError);
    expect(parseDateRange('2024-01-02', '2024-01-01T22:00:00Z', 'Europe/Moscow').from).toBe(Date.UTC(2024, 0, 1, 21));
  });
});

describe('choices: --kind, --period, --format', () => {
  it('take any case and give the canonical name', () => {
    expect(parseKind('Survey')).toBe('survey');
    expect(parsePeriod('WEEK')).toBe('week');
    expect(parseFormat('JSON')).toBe('json');
    expect(parseTableOrJson('Table')).toBe('table');
  });

  it('refuse anything else with the list, the closest as a hint, and no inherited name', () => {
    const typo = ((): unknown => {
      try {
        return parseTableOrJson('jsn');
      } catch (error) {
        return error;
      }
    })();
    expect(typo).toMatchObject({ message: '--format must be one of table, json; got "jsn"', hint: 'did you mean json?' });
    expect(() => parseTableOrJson('csv')).toThrow('--format must be one of table, json; got "csv"');
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect(() => parseFormat(name)).toThrow(UsageError);
      expect(() => parseKind(name)).toThrow(UsageError);
      expect(() => parsePeriod(name)).toThrow(UsageError);
    }
  });
});

describe('XLA_CSV_FAST', () => {
  it('keeps the fast CSV path unless it is 0, and names itself for any other value', () => {
    expect(readOptionsOf(undefined, undefined, {})).toEqual({});
    expect(readOptionsOf(';', 'utf-8', { XLA_CSV_FAST: '1' })).toEqual({ delimiter: ';', encoding: 'utf-8' });
    expect(readOptionsOf(undefined, undefined, { XLA_CSV_FAST: '' })).toEqual({});
    expect(readOptionsOf(';', undefined, { XLA_CSV_FAST: '0' })).toEqual({ delimiter: ';', fastCsv: false });
    for (const value of ['off', 'false', ' 0', '2']) {
      const error = usageErrorOf(() => readOptionsOf(undefined, undefined, { XLA_CSV_FAST: value }));
      expect(error.message).toBe(`XLA_CSV_FAST must be 0 or 1, got ${JSON.stringify(value)}`);
    }
  });
});
