// The suggestion for a timestamp column no layout was detected for. Each expectation is the
// pattern a person writes for those values by reading them, and the count of values it reads,
// counted by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDatePattern } from '../../src/fields/date-formats.js';
import { isInvalid } from '../../src/fields/invalid.js';
import { createUndetectedDateFormat, describeDateSuggestion, suggestDateLayout } from '../../src/fields/date-suggestion.js';

describe('suggestDateLayout: month names in a language xla does not read', () => {
  it.each([
    ['Dutch', 'Dutch', ['31-mrt-18', '1-mei-18', '2-okt-18', '5-jan-18'], 'd-MMM-yy', 4],
    ['German', 'German', ['15. März 2018', '3. Mai 2018', '1. Oktober 2018'], 'd. MMMM yyyy', 3],
    ['French', 'French', ['3 févr. 2021', '12 août 2021', '1 déc. 2021'], 'd MMMM yyyy', 3],
    ['Spanish', 'Spanish', ['31 de julio de 2018', '1 de agosto de 2018'], "d 'de' MMMM 'de' yyyy", 2],
    ['Polish', 'Polish', ['5 września 2020', '12 października 2020'], 'd MMMM yyyy', 2],
    // `jan`, `feb` are English too; `mär` and `dez` settle German
    ['German, partly English-looking', 'German', ['1-Jan-18', '2-Feb-18', '3-Mär-18', '4-Dez-18'], 'd-MMM-yy', 4],
  ])('%s', (_name, language, values, pattern, count) => {
    expect(suggestDateLayout(values)).toEqual({ kind: 'language', pattern, language, count, total: values.length });
  });

  it('says so, and what to do instead', () => {
    expect(describeDateSuggestion(suggestDateLayout(['31-mrt-18', '1-mei-18']))).toBe(
      'not a date layout xla reads: the column looks like d-MMM-yy with Dutch month names (xla reads English and Russian ones); ' +
        'write the dates as yyyy-MM-dd or with English month names',
    );
  });

  it('does not take English names for another language', () => {
    // `jul`, `aug` are Dutch and Swedish too, but no word here is foreign only: the pattern reads them
    expect(suggestDateLayout(['Jul-31-2018', 'Aug-01-2018'])).toEqual({ kind: 'pattern', pattern: 'MMM-dd-yyyy', count: 2, total: 2 });
  });
});

describe('suggestDateLayout: a pattern inferred from the values, checked by reading them', () => {
  it.each([
    [['31_07_2018', '01_08_2018'], 'dd_MM_yyyy'],
    [['2018-07-31T10h20', '2018-08-01T09h05'], "yyyy-MM-dd'T'HH'h'mm"],
    [['Tue Jul 31 2018 10:20:30', 'Wed Aug 01 2018 11:20:30'], 'EEE MMM dd yyyy HH:mm:ss'],
    [['20180731 10:20', '20180801 11:20'], 'yyyyMMdd HH:mm'],
    [['31/07/2018 10.20.30', '01/08/2018 11.20.30'], 'dd/MM/yyyy HH.mm.ss'],
    [['7/31/2018 10-20 PM', '8/1/2018 9-05 AM'], 'M/d/yyyy h-mm a'],
    [['98/07/31', '99/08/01'], 'yy/MM/dd'], // a first number above 31 can only be the year
  ])('%j → %j', (values, pattern) => {
    expect(suggestDateLayout(values)).toEqual({ kind: 'pattern', pattern, count: values.length, total: values.length });
  });

  it('tells the whole column from a near miss', () => {
    expect(describeDateSuggestion(suggestDateLayout(['31_07_2018', '01_08_2018']))).toBe(
      'not a date layout xla detects: the column looks like dd_MM_yyyy; use --date-format "dd_MM_yyyy"',
    );
  });
});

describe('suggestDateLayout: the nearest layout most values fit', () => {
  it('names the catalogue layout reading the most, how many it reads and one it does not', () => {
    const values = ['31/07/2018', '01/08/2018', '15/08/2018', 'soon', 'later', 'never'];
    const suggestion = suggestDateLayout(values);
    expect(suggestion).toEqual({ kind: 'pattern', pattern: 'dd/MM/yyyy', count: 3, total: 6, example: 'soon' });
    expect(describeDateSuggestion(suggestion)).toBe(
      'not a date layout xla detects: the nearest is dd/MM/yyyy, which reads 3 of 6 sampled values (not "soon"); ' +
        'if that is the layout, use --date-format "dd/MM/yyyy"',
    );
  });

  it('prefers a readable pattern to a language on a tie', () => {
    // `Mar` and `May` read as English (Dutch writes mrt, mei); `mei` and `okt` are Dutch only: 2 against 2
    const suggestion = suggestDateLayout(['1-Mar-18', '1-May-18', '1-mei-18', '2-okt-18']);
    expect(suggestion).toMatchObject({ kind: 'pattern', pattern: 'd-MMM-yy', count: 2, total: 4 });
  });

  it('names no Unix-time layout for a column of numbers, a few of which look like Unix seconds', () => {
    expect(suggestDateLayout(['1705312800', '42', '17'])).toEqual({ kind: 'none', example: '1705312800' });
  });

  it('says when the values are not dates at all', () => {
    const suggestion = suggestDateLayout(['yes', 'no', '  ', 'maybe']);
    expect(suggestion).toEqual({ kind: 'none', example: 'yes' });
    expect(describeDateSuggestion(suggestion)).toBe(
      'not a date: no date layout reads the column\'s values (e.g. "yes"); map the column that holds the dates, or use --date-format',
    );
  });
});

describe('createUndetectedDateFormat', () => {
  it('reads ISO 8601 as before and rejects the rest with the suggestion', () => {
    const format = createUndetectedDateFormat(['31-mrt-18', '1-mei-18', '2018-07-31']);
    expect(format.parse('2018-07-31', 'Europe/Moscow')).toBe(Date.UTC(2018, 6, 30, 21)); // − 3 h
    expect(format.parse('31-mrt-18', 'UTC')).toEqual({
      invalid: describeDateSuggestion({ kind: 'language', pattern: 'd-MMM-yy', language: 'Dutch', count: 2, total: 3 }),
    });
    expect(format.parse('2018-02-30', 'UTC')).toEqual({ invalid: 'no such date' });
  });
});

describe('suggestDateLayout on any text', () => {
  it('always answers, and any pattern it names reads what it says it reads', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 24 }),
      fc.stringMatching(/^[0-9]{1,4}[-./_ ][0-9A-Za-zäéя]{1,9}[-./_ ,]{1,2}[0-9]{2,4}( [0-9]{1,2}[:h.][0-9]{2})?$/),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), (values) => {
        const suggestion = suggestDateLayout(values);
        expect(['pattern', 'language', 'none']).toContain(suggestion.kind);
        expect(describeDateSuggestion(suggestion).length).toBeGreaterThan(0);
        if (suggestion.kind === 'pattern') {
          const format = parseDatePattern(suggestion.pattern);
          const read = values.map((value) => value.trim()).filter((value) => value !== '' && !isInvalid(format.parse(value, 'UTC')));
          // the catalogue's suggestion pattern may name a layout by a pattern that reads the same or more
          expect(read.length).toBeGreaterThanOrEqual(suggestion.count);
        }
      }),
      { numRuns: 300 },
    );
  });
});
