import { describe, expect, it } from 'vitest';
import { detectHeaderLayout, nameColumns, renameDuplicates } from '../../../src/io/csv/csv-header.js';

const IMPORT_ROW = ['{"ImportId":"startDate","timeZone":"Z"}', '{"ImportId":"QID1"}'];

describe('detectHeaderLayout', () => {
  it.each([
    [
      'a plain header',
      [
        ['id', 'score'],
        ['1', '9'],
        ['2', '7'],
      ],
      undefined,
      'plain',
      1,
    ],
    ['Qualtrics', [['StartDate', 'Q1'], ['Start Date', 'How likely…?'], IMPORT_ROW], undefined, 'qualtrics', 3],
    [
      'a row 3 that is only partly ImportId',
      [
        ['a', 'b'],
        ['c', 'd'],
        [IMPORT_ROW[0] ?? '', '5'],
      ],
      undefined,
      'plain',
      1,
    ],
    [
      'SurveyMonkey',
      [
        ['Respondent ID', 'Q'],
        ['', 'Response'],
      ],
      undefined,
      'surveymonkey',
      2,
    ],
    [
      'SurveyMonkey without its Respondent ID',
      [
        ['ID', 'Q'],
        ['', 'Response'],
      ],
      undefined,
      'plain',
      1,
    ],
    [
      'a forced SurveyMonkey shape',
      [
        ['ID', 'Q'],
        ['', 'Open-Ended Response'],
      ],
      2,
      'surveymonkey',
      2,
    ],
    ['forced rows of no known shape', [['a'], ['b'], ['c']], 2, 'stacked', 2],
    ['a forced single row', [['StartDate'], ['Start Date'], IMPORT_ROW], 1, 'plain', 1],
    ['too few rows to tell', [['Respondent ID']], undefined, 'plain', 1],
  ])('%s', (_name, rows, forced, shape, rowCount) => {
    expect(detectHeaderLayout(rows, forced)).toEqual({ shape, rowCount });
  });
});

describe('nameColumns', () => {
  it('Qualtrics: the label, else the tag; the tag as alternate when it differs', () => {
    const rows = [
      ['StartDate', 'Progress', 'Q1', 'Q9'],
      ['Start Date', 'Progress', 'How likely…?', ''],
    ];
    expect(nameColumns(rows, 'qualtrics')).toEqual({
      columns: ['Start Date', 'Progress', 'How likely…?', 'Q9'],
      alternateNames: [['StartDate'], [], ['Q1'], []],
    });
  });

  it('SurveyMonkey: the question carried over blank cells, with its sub-labels', () => {
    const rows = [
      ['Respondent ID', 'Contact information', '', 'NPS?', 'Why?'],
      ['', 'Name', 'Email', 'Response', 'Open-Ended Response'],
    ];
    expect(nameColumns(rows, 'surveymonkey')).toEqual({
      columns: ['Respondent ID', 'Contact information - Name', 'Contact information - Email', 'NPS?', 'Why?'],
      alternateNames: [[], ['Contact information'], ['Contact information'], [], []],
    });
  });

  it('stacked: the rows joined, repeats and blanks left out; short rows padded', () => {
    expect(nameColumns([['', 'Visits', 'Visits'], ['Day', 'Visits', 'Mobile'], ['']], 'stacked')).toEqual({
      columns: ['Day', 'Visits', 'Visits - Mobile'],
      alternateNames: [[], [], ['Visits', 'Mobile']],
    });
  });

  it('plain: trimmed names, as wide as the row', () => {
    expect(nameColumns([[' a ', 'b']], 'plain')).toEqual({ columns: ['a', 'b'], alternateNames: [[], []] });
  });
});

describe('renameDuplicates', () => {
  it('numbers repeats from 2, skipping numbers the header already uses', () => {
    expect(renameDuplicates(['x', 'x', 'x (2)', 'y', 'x', ''])).toEqual({
      columns: ['x', 'x (3)', 'x (2)', 'y', 'x (4)', ''],
      notes: ['renamed 2 repeated column names: "x (3)", "x (4)"'],
    });
  });

  it('notes 50,000 repeats in one line naming the first five, in linear time', () => {
    const { columns, notes } = renameDuplicates([...Array.from({ length: 50_000 }, () => 'x'), 'y', 'y']);
    expect(new Set(columns).size).toBe(50_002);
    expect(columns.slice(0, 3)).toEqual(['x', 'x (2)', 'x (3)']);
    expect(columns.slice(-3)).toEqual(['x (50000)', 'y', 'y (2)']);
    expect(notes).toEqual(['renamed 50000 repeated column names: "x (2)", "x (3)", "x (4)", "x (5)", "x (6)" and 49995 more']);
  });

  it('leaves repeated empty names and unique names alone', () => {
    expect(renameDuplicates(['', '', 'a'])).toEqual({ columns: ['', '', 'a'], notes: [] });
  });
});
