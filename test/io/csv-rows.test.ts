import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_SIZE, findFieldDelimiter, findUnclosedQuote, parseCsvRows, parseCsvRowsExactly } from '../../src/io/csv-rows.js';
import type { CsvRow, CsvRowOptions } from '../../src/io/csv-rows.js';
import { LineCounter } from '../../src/io/line-counter.js';
import { chunksOf, readStdin } from './helpers.js';

describe('malformed records', () => {
  it.each([
    ['LF', '\n', Infinity],
    ['CRLF', '\r\n', Infinity],
    ['CRLF, one byte at a time', '\r\n', 1],
  ])('skips each bad record and keeps physical lines after them (%s)', async (_name, eol, chunkSize) => {
    const text = ['id,size,note', '1,24" monitor,a', '2,27" monitor,b', '3,"multi', 'line",c', '', '4,15" laptop,d', '5,ok,e'].join(eol);
    const records = await readStdin(text, {}, chunkSize);
    expect(records).toEqual([
      { line: 2, index: 1, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 5 } },
      { line: 3, index: 2, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 5 } },
      { line: 4, index: 3, cells: ['3', `multi${eol}line`, 'c'] },
      { line: 7, index: 4, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 5 } },
      { line: 8, index: 5, cells: ['5', 'ok', 'e'] },
    ]);
  });

  it('reports one problem for a record with several faults', async () => {
    const records = await readStdin('a,b\n1,x"y"z\n2,ok\n');
    expect(records).toEqual([
      { line: 2, index: 1, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 4 } },
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

  it('delivers the records before an unclosed quote at the end, then one problem', async () => {
    const records = await readStdin('a;b\r\n1;2\r\n3;"never\r\nclosed\r\n4;5\r\n', {}, 4);
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['1', '2'] },
      { line: 3, index: 2, cells: [], problem: { message: 'unclosed quoted field; the rest of the file (3 lines) could not be read', column: 3 } },
    ]);
  });

  it('is a small limit in tests and 16 MiB for real', () => {
    expect(MAX_RECORD_SIZE).toBe(16 * 1024 * 1024);
  });

  it('stops at a record over the size limit, after delivering the ones before it', async () => {
    const text = `a,b\n1,2\n3,${'x'.repeat(5000)}\n4,5\n`;
    const records = await readStdin(text, {}, 700, { maxRecordSize: 1000 });
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['1', '2'] },
      { line: 3, index: 2, cells: [], problem: { message: 'record longer than 1000 characters; the rest of the file could not be read', column: 1003 } },
    ]);
  });

  it('points at the quote of a runaway quoted field', async () => {
    const text = `a,b\n1,2\n3,"runaway\n${'x\n'.repeat(3000)}`;
    const records = await readStdin(text, {}, 512, { maxRecordSize: 1000 });
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['1', '2'] },
      { line: 3, index: 2, cells: [], problem: { message: 'quoted field longer than 1000 characters (an unclosed quote?); the rest of the file could not be read', column: 3 } },
    ]);
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
  async function rowsOf(read: (chunks: AsyncIterable<Buffer>, options: CsvRowOptions) => AsyncGenerator<CsvRow[]>, text: string, chunkSize: number, maxRecordSize = MAX_RECORD_SIZE): Promise<CsvRow[]> {
    const rows: CsvRow[] = [];
    for await (const batch of read(Readable.from(chunksOf(text, chunkSize)), { delimiter: ',', firstLine: 3, maxRecordSize })) rows.push(...batch);
    return rows;
  }

  it('gives exactly the rows and lines of the exact path for any text, well-formed or not', async () => {
    // Each file has a main line end, and stray CRs and LFs anywhere (mixed line ends, quoted or not).
    const tokens = fc.constantFrom('\n', '\r\n').chain((eol) =>
      fc.array(fc.constantFrom('a', 'bc', ',', '"', '""', ' ', 'é', '"x,\ny"', '"\r"', '"\r\n"', '"\nz"', eol, eol, '\r', '\n', '\rx'), { maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(tokens, fc.integer({ min: 1, max: 16 }), fc.constantFrom(MAX_RECORD_SIZE, 12), async (tokens, chunkSize, maxRecordSize) => {
        const text = tokens.join('');
        expect(await rowsOf(parseCsvRows, text, chunkSize, maxRecordSize)).toEqual(await rowsOf(parseCsvRowsExactly, text, chunkSize, maxRecordSize));
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    ['a blank line and a line of ""', 'a,b\n\n""\n1,2\n', [[3, ['a', 'b']], [5, ['']], [6, ['1', '2']]]],
    ['line breaks inside quotes, CR LF and LF', 'a,"x\r\ny\nz"\r\n1,2\r\n', [[3, ['a', 'x\r\ny\nz']], [6, ['1', '2']]]],
    ['a stray CR before an LF (mixed line ends)', 'a,b\n1,2\r\n3,4\n', [[3, ['a', 'b']], [4, ['1', '2\r']], [5, ['3', '4']]]],
    ['CR line ends (classic Mac)', 'a,b\r1,"x\ry"\r3,4', [[3, ['a', 'b']], [4, ['1', 'x\ry']], [6, ['3', '4']]]],
    ['a malformed record after good ones', 'a,b\n1,2\n3,x"y\n\n5,6\n', [[3, ['a', 'b']], [4, ['1', '2']], [5, []], [7, ['5', '6']]]],
  ])('places every row exactly: %s', async (_name, text, expected) => {
    const rows = await rowsOf(parseCsvRows, text, 3);
    expect(rows.map((row) => [row.line, row.cells])).toEqual(expected);
  });
});
