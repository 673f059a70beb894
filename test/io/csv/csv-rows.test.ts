import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFieldDelimiter, findUnclosedQuote, parseCsvRows, parseCsvRowsExactly } from '../../../src/io/csv/csv-rows.js';
import type { CsvObservations, CsvRow, CsvRowOptions } from '../../../src/io/csv/csv-rows.js';
import { LineCounter } from '../../../src/io/csv/line-counter.js';
import { InputError } from '../../../src/errors.js';
import { chunksOf, openStdin, readStdin, readUntilError } from '../helpers.js';
import { MAX_RECORD_SIZE } from '../../../src/io/record-limit.js';

describe('malformed records', () => {
  it.each([
    ['LF', '\n', Infinity],
    ['CRLF', '\r\n', Infinity],
    ['CRLF, one byte at a time', '\r\n', 1],
  ])('skips each bad record and keeps physical lines after them (%s)', async (_name, eol, chunkSize) => {
    const text = ['id,size,note', '1,24" monitor,a', '2,27" monitor,b', '3,"multi', 'line",c', '', '4,15" laptop,d', '5,ok,e'].join(eol);
    const records = await readStdin(text, {}, chunkSize);
    expect(records).toEqual([
      { line: 2, index: 1, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 5, lines: 1 } },
      { line: 3, index: 2, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 5, lines: 1 } },
      { line: 4, index: 3, cells: ['3', `multi${eol}line`, 'c'] },
      { line: 7, index: 4, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 5, lines: 1 } },
      { line: 8, index: 5, cells: ['5', 'ok', 'e'] },
    ]);
  });

  it('reports one problem for a record with several faults', async () => {
    const records = await readStdin('a,b\n1,x"y"z\n2,ok\n');
    expect(records).toEqual([
      { line: 2, index: 1, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 4, lines: 1 } },
      { line: 3, index: 2, cells: ['2', 'ok'] },
    ]);
  });

  it('finds the line of a fault in the first field after a skipped record', async () => {
    const records = await readStdin('a,b\n1,x"\n\n\nbad"q,1\n3,4\n');
    expect(records.map((record) => [record.line, record.problem?.column])).toEqual([
      [2, 4],
      [5, 4],
      [6, undefined],
    ]);
  });

  it('delivers the records before an unclosed quote near the end, then one problem', async () => {
    const records = await readStdin('a;b\r\n1;2\r\n3;"never\r\nclosed\r\n', {}, 4);
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['1', '2'] },
      {
        line: 3,
        index: 2,
        cells: [],
        problem: { message: 'unclosed quoted field; the rest of the file (2 lines) could not be read', column: 3, lines: 2 },
      },
    ]);
  });

  it('is a small limit in tests and 16 MiB for real', () => {
    expect(MAX_RECORD_SIZE).toBe(16 * 1024 * 1024);
  });

  it('fails at a record over the size limit, where the limit is passed, after delivering the ones before it', async () => {
    const text = `a,b\n1,2\n3,4\n5,6\n7,${'x'.repeat(5000)}\n8,9\n`;
    const { records, error } = await readUntilError(openStdin(text, {}, 700, { maxRecordSize: 1000 }));
    expect(records.map((record) => record.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'record longer than 1000 bytes', file: 'stdin', line: 5, column: 1003 });
  });

  it('fails at the quote of a runaway quoted field over the size limit', async () => {
    const text = `a,b\n1,2\n3,4\n5,6\n7,"runaway\n${'x\n'.repeat(3000)}`;
    const { records, error } = await readUntilError(openStdin(text, {}, 512, { maxRecordSize: 1000 }));
    expect(records).toHaveLength(3);
    expect(error).toMatchObject({
      message: 'quoted field longer than 1000 bytes (an unclosed quote?)',
      file: 'stdin',
      line: 5,
      column: 3,
      hint: expect.stringContaining('must end with "'),
    });
  });

  it.each([
    ['the header', `"id,${'x'.repeat(3000)}`, 1, 1],
    // The limit is in bytes, the column in characters: the 1,001st byte is in the 501st é.
    ['a bare field on the fast path', `id,n\n1,${'é'.repeat(600)}\n`, 2, 503],
    ['a field after the hand-over to csv-parse', `id,n\n1,x"y\n2,${'x'.repeat(1200)}\n`, 3, 1003],
  ])('fails on a record over the size limit in %s, with its place', async (_name, text, line, column) => {
    const { error } = await readUntilError(openStdin(text, {}, 100, { maxRecordSize: 1000 }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: 'stdin', line, column, message: expect.stringMatching(/longer than 1000 bytes/) });
  });
});

describe('findUnclosedQuote', () => {
  it.each([
    ['1,"open', 2],
    ['1,"a""b",c,"x', 11],
    ['1,"closed"', undefined],
    ['plain', undefined],
  ])('%j → %s', (raw, index) => {
    expect(findUnclosedQuote(raw)).toBe(index);
  });
});

describe('findFieldDelimiter', () => {
  it.each([
    ['a,b,c', 1, 1],
    ['a,b,c', 2, 3],
    ['"x,y",b', 1, 5],
    ['"x"",""y",b', 1, 9],
    ['\r\n1;2', 1, 3],
    ['a,b', 2, undefined],
  ])('%j, delimiter %i → %s', (raw, field, index) => {
    expect(findFieldDelimiter(raw, raw.includes(';') ? ';' : ',', field)).toBe(index);
  });
});

describe('LineCounter', () => {
  function counter(chunks: string[], firstLine = 1): LineCounter {
    const lines = new LineCounter(firstLine);
    for (const chunk of chunks) lines.add(Buffer.from(chunk));
    return lines;
  }

  it('counts LF, CRLF and lone CR line ends, across chunks', () => {
    const lines = counter(['a\nb\r', '\nc\rd', '\r\ne']);
    expect([0, 2, 5, 7, 10].map((offset) => lines.lineAt(offset))).toEqual([1, 2, 3, 4, 5]);
    expect(lines.lastLine()).toBe(5);
  });

  it('starts where it is told and does not count a final line break as a line', () => {
    expect(counter(['x\n', 'y\r\n'], 10).lastLine()).toBe(11);
    expect(counter([], 3).lastLine()).toBe(3);
  });
});

describe('the fast path', () => {
  /** The rows, then the error that ended the read (a record over the size limit), if any. */
  async function rowsOf(
    read: (chunks: AsyncIterable<Buffer>, options: CsvRowOptions) => AsyncGenerator<CsvRow[]>,
    text: string,
    chunkSize: number,
    maxRecordSize = MAX_RECORD_SIZE,
  ): Promise<unknown[]> {
    const rows: unknown[] = [];
    try {
      for await (const batch of read(Readable.from(chunksOf(text, chunkSize)), {
        file: 'test.csv',
        fastCsv: true,
        delimiter: ',',
        firstLine: 3,
        maxRecordSize,
      }))
        rows.push(...batch);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      rows.push({ error: error.message, line: error.line, column: error.column });
    }
    return rows;
  }

  it('gives exactly the rows and lines of the exact path for any text, well-formed or not', async () => {
    // Each file has a main line end, and stray CRs and LFs anywhere (mixed line ends, quoted or not).
    const tokens = fc.constantFrom('\n', '\r\n').chain((eol) =>
      fc.array(fc.constantFrom('a', 'bc', ',', '"', '""', ' ', 'é', '"x,\ny"', '"\r"', '"\r\n"', '"\nz"', eol, eol, '\r', '\n', '\rx'), {
        maxLength: 60,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        tokens,
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom(MAX_RECORD_SIZE, 12),
        async (tokens, chunkSize, maxRecordSize) => {
          const text = tokens.join('');
          expect(await rowsOf(parseCsvRows, text, chunkSize, maxRecordSize)).toEqual(
            await rowsOf(parseCsvRowsExactly, text, chunkSize, maxRecordSize),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });

  it.each([
    [
      'a blank line and a line of ""',
      'a,b\n\n""\n1,2\n',
      [
        [3, ['a', 'b']],
        [5, ['']],
        [6, ['1', '2']],
      ],
    ],
    [
      'line breaks inside quotes, CR LF and LF',
      'a,"x\r\ny\nz"\r\n1,2\r\n',
      [
        [3, ['a', 'x\r\ny\nz']],
        [6, ['1', '2']],
      ],
    ],
    [
      'a CR LF row in an LF file (mixed line ends)',
      'a,b\n1,2\r\n3,4\n',
      [
        [3, ['a', 'b']],
        [4, ['1', '2']],
        [5, ['3', '4']],
      ],
    ],
    [
      'CR line ends (classic Mac)',
      'a,b\r1,"x\ry"\r3,4',
      [
        [3, ['a', 'b']],
        [4, ['1', 'x\ry']],
        [6, ['3', '4']],
      ],
    ],
    [
      'a malformed record after good ones',
      'a,b\n1,2\n3,x"y\n\n5,6\n',
      [
        [3, ['a', 'b']],
        [4, ['1', '2']],
        [5, []],
        [7, ['5', '6']],
      ],
    ],
  ])('places every row exactly: %s', async (_name, text, expected) => {
    const rows = (await rowsOf(parseCsvRows, text, 3)) as CsvRow[];
    expect(rows.map((row) => [row.line, row.cells])).toEqual(expected);
  });
});

describe('line ends', () => {
  const LINE_ENDS = ['\n', '\r\n', '\r'] as const;
  /** Records with a quoted line break of their own (b's), written with the given line end after each. */
  const RECORDS = ['id,note', '1,plain', '2,"two\r\nlines"', '3,"x, y"', '4,"a\nb"', '5,last'];
  const CELLS = [
    ['id', 'note'],
    ['1', 'plain'],
    ['2', 'two\r\nlines'],
    ['3', 'x, y'],
    ['4', 'a\nb'],
    ['5', 'last'],
  ];

  function write(eols: readonly string[], blankAfter = -1): { text: string; lines: number[] } {
    let text = '';
    let line = 1;
    const lines: number[] = [];
    RECORDS.forEach((record, i) => {
      lines.push(line);
      const eol = eols[i % eols.length] as string;
      text += record + eol;
      line += 1 + (record.match(/\r\n|\r|\n/g) ?? []).length;
      if (i === blankAfter) {
        // Blank lines of two styles: CR LF then LF is two lines, not one CR LF.
        text += '\r\n\n';
        line += 2;
      }
    });
    return { text, lines };
  }

  async function read(
    parse: (chunks: AsyncIterable<Buffer>, options: CsvRowOptions) => AsyncGenerator<CsvRow[]>,
    text: string,
    chunkSize: number,
  ): Promise<{ rows: [number, string[]][]; observed: CsvObservations }> {
    const observed: CsvObservations = { recordDelimiter: undefined, endedInsideQuotes: false };
    const rows: [number, string[]][] = [];
    for await (const batch of parse(Readable.from(chunksOf(text, chunkSize)), {
      file: 'test.csv',
      fastCsv: true,
      delimiter: ',',
      firstLine: 1,
      maxRecordSize: MAX_RECORD_SIZE,
      observed,
    })) {
      rows.push(...batch.map((row): [number, string[]] => [row.line, row.cells]));
    }
    return { rows, observed };
  }

  // Every style, every pair of styles taking turns, and all three: each record read, on its line,
  // by the fast path (which hands over at the first record with another line end) and by csv-parse.
  const MIXES = [
    ...LINE_ENDS.map((eol) => [eol]),
    ...LINE_ENDS.flatMap((a) => LINE_ENDS.filter((b) => b !== a).map((b) => [a, b])),
    ['\r\n', '\n', '\r'],
    ['\r', '\r\n', '\n'],
  ];
  it.each(MIXES.flatMap((eols) => [1, 4, Infinity].map((chunkSize) => [eols, chunkSize] as const)))(
    'reads every record of a file with line ends %j, in %s-byte chunks, on both paths',
    async (eols, chunkSize) => {
      for (const blankAfter of [-1, 2]) {
        const { text, lines } = write(eols, blankAfter);
        const expected = CELLS.map((cells, i): [number, string[]] => [lines[i] as number, cells]);
        const fast = await read(parseCsvRows, text, chunkSize);
        const exact = await read(parseCsvRowsExactly, text, chunkSize);
        expect(fast.rows).toEqual(expected);
        expect(exact.rows).toEqual(expected);
        // The line end of the first record is the one a big file is cut after (run/parallel-jobs.ts).
        expect(fast.observed.recordDelimiter).toBe(eols[0]);
        expect(exact.observed.recordDelimiter).toBe(eols[0]);
      }
    },
  );

  it('reads the 30 LF rows glued to a CR LF header (issue 16) as 30 records of 2 fields', async () => {
    const text = `nps,team\r\n${Array.from({ length: 30 }, (_, i) => `${i % 11},t${i % 3}${i % 2 === 0 ? '\n' : '\r\n'}`).join('')}`;
    const records = await readStdin(text, {}, 64);
    expect(records).toHaveLength(30);
    expect(records.every((record) => record.cells.length === 2 && record.problem === undefined)).toBe(true);
    expect(records.map((record) => record.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
  });

  it('places a malformed record after a line end of another style, in the fault column', async () => {
    const records = await readStdin('a,b\r\n1,2\n3,x"y\r4,5\r\n', {}, 3);
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['1', '2'] },
      { line: 3, index: 2, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 4, lines: 1 } },
      { line: 4, index: 3, cells: ['4', '5'] },
    ]);
  });
});

// The switch that turns the fast path off (ReadOptions.fastCsv, XLA_CSV_FAST=0): the exact path
// then reads from the first line, which `observed.exactFromLine` says; the rows are the same.
describe('the fast path switched off', () => {
  async function readWith(fastCsv: boolean, text: string): Promise<{ rows: [number, string[]][]; exactFromLine: number | undefined }> {
    const observed: CsvObservations = { recordDelimiter: undefined, endedInsideQuotes: false };
    const rows: [number, string[]][] = [];
    const options: CsvRowOptions = { file: 'test.csv', fastCsv, delimiter: ',', firstLine: 2, maxRecordSize: MAX_RECORD_SIZE, observed };
    for await (const batch of parseCsvRows(Readable.from(chunksOf(text, 5)), options)) {
      rows.push(...batch.map((row): [number, string[]] => [row.line, row.cells]));
    }
    return { rows, exactFromLine: observed.exactFromLine };
  }

  it('reads with the exact path from the first line, and gives the rows the fast path gives', async () => {
    const wellFormed = 'id,note\r\n1,"a, ""quoted"" note"\r\n2,"two\r\nlines"\r\n3,plain\r\n';
    const fast = await readWith(true, wellFormed);
    const exact = await readWith(false, wellFormed);
    expect(fast.exactFromLine).toBeUndefined();
    expect(exact.exactFromLine).toBe(2);
    expect(exact.rows).toEqual(fast.rows);
    expect(exact.rows).toEqual([
      [2, ['id', 'note']],
      [3, ['1', 'a, "quoted" note']],
      [4, ['2', 'two\r\nlines']],
      [6, ['3', 'plain']],
    ]);
  });

  it('leaves the hand-over to the fast path when it is on: the exact path takes over at the first record it cannot vouch for', async () => {
    const malformed = 'a,b\n1,2\n3,x"y\n4,5\n';
    const fast = await readWith(true, malformed);
    const exact = await readWith(false, malformed);
    // Lines 2 and 3 are the fast path's; the exact path starts on line 4, the malformed record.
    expect(fast.exactFromLine).toBe(4);
    expect(exact.exactFromLine).toBe(2);
    expect(exact.rows).toEqual(fast.rows);
    // The malformed record is a row without cells (its problem said elsewhere); reading goes on after it.
    expect(fast.rows).toEqual([
      [2, ['a', 'b']],
      [3, ['1', '2']],
      [4, []],
      [5, ['4', '5']],
    ]);
  });

  it('gives the exact rows for any text', async () => {
    const tokens = fc.array(fc.constantFrom('a', ',', '"', '""', '"x,\ny"', '\n', '\r\n', '\r', 'é'), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(tokens, async (parts) => {
        const text = parts.join('');
        const [fast, exact] = await Promise.all([readWith(true, text), readWith(false, text)]);
        expect(exact.rows).toEqual(fast.rows);
        expect(exact.exactFromLine).toBe(2);
      }),
      { numRuns: 300 },
    );
  });
});
