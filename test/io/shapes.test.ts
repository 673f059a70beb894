// Export shapes read end to end through openSource; the fixtures are built from the shapes in
// shared/spec/exports.md (see fixtures/io/README.md for which section each comes from).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openSource } from '../../src/io/open-source.js';
import { catchError, collect, fixture, openStdin, readAll, readStdin } from './helpers.js';

describe('preambles and Excel sep= lines', () => {
  it('skips a GA4 comment block and blank line, keeps physical lines, reads quoted thousands, drops Grand total', async () => {
    const source = await openSource({ path: fixture('ga4-preamble.csv') }, {});
    expect(source.format).toEqual({ type: 'csv', delimiter: ',', encoding: 'utf-8' });
    expect(await readAll(source)).toEqual({
      columns: ['Session primary channel group (Default Channel Group)', 'Sessions', 'Engaged sessions', 'Key events'],
      records: [
        { line: 11, index: 1, cells: ['Organic Search', '3,505', '2,101', '87'] },
        { line: 12, index: 2, cells: ['Direct', '1,210', '640', '31'] },
      ],
    });
    expect(source.notes).toEqual(['skipped 9 preamble lines', "dropped totals row 'Grand total' (line 13)"]);
  });

  it('skips the UA-era banner (exports.md §3.1) byte by byte, after a BOM and with CRLF', async () => {
    const text =
      '\ufeff# ------\r\n# nicolas-hoizey.com\r\n# Viewport et densité d\'écran\r\n# ------\r\n\r\nViewport width,Screen density,Pageviews\r\n1920,1,"3,505"\r\n';
    const source = await openStdin(text, {}, 1);
    expect(await readAll(source)).toEqual({
      columns: ['Viewport width', 'Screen density', 'Pageviews'],
      records: [{ line: 7, index: 1, cells: ['1920', '1', '3,505'] }],
    });
    expect(source.notes).toEqual(['skipped 5 preamble lines']);
  });

  it("skips Adobe's banner with its quoted date line", async () => {
    const text =
      '#=====\n# Freeform\n"# Date: Jul 27, 2026 - Aug 2, 2026"\n#=====\n\n####\n# Freeform table (4)\n####\nDay,Visits\n2026-07-27,12\n';
    const { columns, records } = await readAll(await openStdin(text));
    expect(columns).toEqual(['Day', 'Visits']);
    expect(records).toEqual([{ line: 10, index: 1, cells: ['2026-07-27', '12'] }]);
  });

  it("keeps Typeform's `#` first column as a header", async () => {
    const source = await openStdin('#,date,Submit Date (UTC)\nabc123,2024-01-01,2024-01-01 10:00:00\n');
    expect(source.columns).toEqual(['#', 'date', 'Submit Date (UTC)']);
    expect(source.notes).toEqual([]);
  });

  it("takes the delimiter from Excel's sep=; line and skips it", async () => {
    const source = await openSource({ path: fixture('excel-sep.csv') }, {});
    expect(source.format.delimiter).toBe(';');
    expect(await readAll(source)).toEqual({
      columns: ['Name', 'Score', 'Comment'],
      records: [
        { line: 3, index: 1, cells: ['Anna', '4,5', 'Gut; schnell'] },
        { line: 4, index: 2, cells: ['Jörg', '3', ''] },
      ],
    });
    expect(source.notes).toEqual(['skipped Excel\'s "sep=;" line']);
  });

  it.each([
    ['sep=,', ','],
    ['"sep=|"', '|'],
    ['sep=\t', '\t'],
    ['SEP=\\t', '\t'],
  ])('reads %j as the delimiter %j, even when the header votes otherwise', async (line, delimiter) => {
    const source = await openStdin(`${line}\na;b${delimiter}c\n1;2${delimiter}3\n`);
    expect(source.format.delimiter).toBe(delimiter);
    expect(source.columns).toEqual(['a;b', 'c']);
  });

  it('lets --delimiter win over a sep= line, which is still skipped', async () => {
    const source = await openStdin('sep=,\na;b\n1;2\n', { delimiter: ';' });
    expect(source.columns).toEqual(['a', 'b']);
    expect(source.notes).toEqual(['skipped Excel\'s "sep=," line (--delimiter wins)']);
  });

  it('is not fooled by delimiters inside quotes', async () => {
    const text = 'id;"Comment, free text";"Score, 0-10"\n1;"Great, fast, kind";10\n2;"ok";7\n';
    const { columns, records } = await readAll(await openStdin(text));
    expect(columns).toEqual(['id', 'Comment, free text', 'Score, 0-10']);
    expect(records.map((record) => record.cells)).toEqual([
      ['1', 'Great, fast, kind', '10'],
      ['2', 'ok', '7'],
    ]);
  });

  it('sniffs a comma header whose quoted name holds semicolons', async () => {
    const { format, columns } = await openStdin('"Region; Country",Sessions,Users\nEU; DE,5,3\n');
    expect(format.delimiter).toBe(',');
    expect(columns).toEqual(['Region; Country', 'Sessions', 'Users']);
  });

  it.each([
    ['only comment lines', '# Start date: 20240501\n# End date: 20240531\n\n'],
    ['only a sep= line', 'sep=;\r\n'],
  ])('calls a file with %s empty', async (_name, text) => {
    const error = await catchError(() => openStdin(text));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'stdin is empty' });
  });
});

describe('multi-row headers', () => {
  it('recognises a Qualtrics export: 3 header rows, labels as names, export tags as alternates', async () => {
    const source = await openSource({ path: fixture('qualtrics.csv') }, {});
    expect(source.headerRows).toBe(3);
    expect(source.columns).toEqual([
      'Start Date',
      'End Date',
      'Response Type',
      'Progress',
      'Duration (in seconds)',
      'Finished',
      'Recorded Date',
      'Response ID',
      'How likely are you to recommend us to a friend?',
      'How satisfied are you with our support? - Speed',
      'How satisfied are you with our support? - Friendliness',
      'What could we do better?',
    ]);
    expect(source.alternateNames).toEqual([
      ['StartDate'],
      ['EndDate'],
      ['Status'],
      [],
      [],
      [],
      ['RecordedDate'],
      ['ResponseId'],
      ['Q1'],
      ['Q2_1'],
      ['Q2_2'],
      ['Q3_TEXT'],
    ]);
    expect(source.notes).toEqual([expect.stringMatching(/^3 header rows \(Qualtrics\)/)]);
    const records = await collect(source.records);
    expect(records.map((record) => [record.line, record.index, record.cells[7], record.cells[11]])).toEqual([
      [4, 1, 'R_1aBcDeFgHiJkLmN', 'Faster replies,\r\nplease'],
      [6, 2, 'R_2oPqRsTuVwXyZaB', ''],
    ]);
  });

  it('recognises a SurveyMonkey export: 2 header rows, questions carried right, sub-labels appended', async () => {
    const source = await openSource({ path: fixture('surveymonkey.csv') }, {});
    expect(source.headerRows).toBe(2);
    expect(source.columns.slice(8)).toEqual([
      'Custom Data 1',
      'How likely is it that you would recommend us to a friend?',
      'Which channels did you use to contact us? - Email',
      'Which channels did you use to contact us? - Phone',
      'Which channels did you use to contact us? - Other (please specify)',
      'Anything else you would like to tell us?',
    ]);
    expect(source.columns[0]).toBe('Respondent ID');
    expect(source.alternateNames.slice(9)).toEqual([
      [],
      ['Which channels did you use to contact us?'],
      ['Which channels did you use to contact us?'],
      ['Which channels did you use to contact us?'],
      [],
    ]);
    expect(source.notes).toEqual([expect.stringMatching(/^2 header rows \(SurveyMonkey\)/)]);
    const records = await collect(source.records);
    expect(records.map((record) => [record.line, record.cells[9], record.cells[13]])).toEqual([
      [3, '9', 'Quick, friendly'],
      [4, '6', ''],
    ]);
  });

  it('keeps one header row when the second row is data', async () => {
    const source = await openStdin('Respondent ID,Score\n1,9\n2,Response\n');
    expect(source.headerRows).toBe(1);
    expect(await collect(source.records)).toHaveLength(2);
  });

  it('reads forced header rows of no known shape by joining them', async () => {
    const source = await openStdin(',,Visits,Visits\n,,Visits,Mobile Phone\nDay,Page,,\n2026-07-27,/,12,5\n', { headerRows: 3 });
    expect(source.headerRows).toBe(3);
    expect(source.columns).toEqual(['Day', 'Page', 'Visits', 'Visits - Mobile Phone']);
    expect(source.alternateNames).toEqual([[], [], [], ['Visits', 'Mobile Phone']]);
    expect(await collect(source.records)).toEqual([{ line: 4, index: 1, cells: ['2026-07-27', '/', '12', '5'] }]);
  });

  it('reads a file as one header row when told, even if it looks like Qualtrics', async () => {
    const source = await openSource({ path: fixture('qualtrics.csv') }, { headerRows: 1 });
    expect(source.columns[0]).toBe('StartDate');
    expect(await collect(source.records)).toHaveLength(4);
  });

  it('refuses fewer rows than the header rows asked for', async () => {
    const error = await catchError(() => openStdin('a,b\n', { headerRows: 2 }));
    expect(error).toMatchObject({ message: 'stdin has 1 row, fewer than the 2 header rows asked for' });
  });
});

describe('header names', () => {
  it('renames repeated Jira columns in one note', async () => {
    const source = await openSource({ path: fixture('jira-duplicates.csv') }, {});
    expect(source.columns).toEqual([
      'Summary',
      'Issue key',
      'Issue id',
      'Status',
      'Comment',
      'Comment (3)',
      'Comment (4)',
      'Watchers',
      'Watchers (2)',
      'Comment (2)',
    ]);
    expect(source.notes).toEqual(['renamed 3 repeated column names: "Comment (3)", "Comment (4)", "Watchers (2)"']);
    expect((await collect(source.records))[0]?.cells.slice(4, 7)).toEqual(['first', 'second', 'third']);
  });

  it('leaves empty names alone (a pandas index column)', async () => {
    const source = await openStdin(',CASE_ENQUIRY_ID,\n0,101,x\n');
    expect(source.columns).toEqual(['', 'CASE_ENQUIRY_ID', '']);
    expect(source.notes).toEqual([]);
  });

  it('refuses a header with no names', async () => {
    const error = await catchError(() => openStdin('# report\n,,\n1,2,3\n'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'the header row has no column names', line: 2 });
  });
});

describe('totals rows', () => {
  it.each(['Grand total', 'Total', 'TOTALS', '  total ', 'Итого', 'ВСЕГО'])('drops a %j row with a note', async (label) => {
    const source = await openStdin(`Page;Views\n/;10\n${label};10\n/about;3\n`);
    const records = await collect(source.records);
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['/', '10'] },
      { line: 4, index: 2, cells: ['/about', '3'] },
    ]);
    expect(source.notes).toEqual([`dropped totals row '${label.trim()}' (line 3)`]);
  });

  it('looks at the first non-empty cell only', async () => {
    const records = await readStdin('a,b,c\n,Total,5\nx,Total,5\nSubtotal,,1\n');
    expect(records.map((record) => record.line)).toEqual([3, 4]);
  });

  it('notes a few dropped rows one by one and the rest as a count', async () => {
    const source = await openStdin(`k,v\n${Array.from({ length: 8 }, () => 'Total,1').join('\n')}\nx,2\n`);
    expect(await collect(source.records)).toHaveLength(1);
    expect(source.notes).toHaveLength(6);
    expect(source.notes.at(-1)).toBe('dropped 3 more totals rows');
  });

  it('keeps a totals-looking JSON record (CSV exports only)', async () => {
    const records = await readStdin('[{"page":"Total","views":10}]');
    expect(records).toHaveLength(1);
  });
});
