import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ChunkTape } from '../../../src/io/csv/chunk-tape.js';
import { findRecordDelimiter, isFaithfulRecord, readWellFormedRows, warmUpFastPath } from '../../../src/io/csv/csv-fast-rows.js';
import type { CsvObservations, CsvRow } from '../../../src/io/csv/csv-rows.js';
import { chunksOf } from '../helpers.js';
import { MAX_RECORD_SIZE } from '../../../src/io/record-limit.js';

/** What the fast path delivers for `text` fed in chunks, and where it hands over. */
async function fastRead(
  text: string,
  options: { chunkSize?: number; maxRecordSize?: number; delimiter?: string; recordDelimiter?: string } = {},
): Promise<{ rows: [number, string[]][]; handOver: number | undefined; observed: CsvObservations }> {
  const observed: CsvObservations = { recordDelimiter: undefined, endedInsideQuotes: false };
  const rows: CsvRow[] = [];
  const reader = readWellFormedRows(new ChunkTape(Readable.from(chunksOf(text, options.chunkSize ?? 7)), 1), {
    file: 'test.csv',
    fastCsv: true,
    delimiter: options.delimiter ?? ',',
    firstLine: 1,
    maxRecordSize: options.maxRecordSize ?? MAX_RECORD_SIZE,
    recordDelimiter: options.recordDelimiter,
    observed,
  });
  for (let next = await reader.next(); ; next = await reader.next()) {
    if (next.done === true) return { rows: rows.map((row) => [row.line, row.cells]), handOver: next.value, observed };
    rows.push(...next.value);
  }
}

describe('readWellFormedRows', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('reads well-formed RFC 4180 to the end without handing over (%s)', async (_name, eol) => {
    const text = ['id,note,score', `1,"say ""hi"", then go",9`, `2,"two${eol}lines",`, '3,,"a,b"', ''].join(eol);
    const { rows, handOver, observed } = await fastRead(text);
    expect(rows).toEqual([
      [1, ['id', 'note', 'score']],
      [2, ['1', 'say "hi", then go', '9']],
      [3, ['2', `two${eol}lines`, '']],
      [5, ['3', '', 'a,b']],
    ]);
    expect(handOver).toBeUndefined();
    expect(observed.recordDelimiter).toBe(eol);
  });

  it('skips blank lines but counts them', async () => {
    const { rows, handOver } = await fastRead('a,b\n\n\n1,2\n""\n');
    expect(rows).toEqual([
      [1, ['a', 'b']],
      [4, ['1', '2']],
      [5, ['']],
    ]);
    expect(handOver).toBeUndefined();
  });

  it.each([
    ['a quote inside a bare field', 'a,b\n1,2\n3,24" screen\n4,5\n', 3],
    ['a space after a closing quote', 'a,b\n1,"x" \n', 2],
    ['text after a closing quote', 'a,b\n1,2\n"x"y,3\n', 3],
    ['an unclosed quote', 'a,b\n1,"open\n2,3\n', 2],
    ['a stray CR before an LF (CRLF count is the raw text’s)', 'a,b\n1,2\r\n3,4\n', 2],
  ])('hands over at the first record it cannot vouch for: %s', async (_name, text, line) => {
    const { rows, handOver } = await fastRead(text, { chunkSize: 3 });
    expect(rows.every(([at]) => at < line)).toBe(true);
    expect(rows.at(-1)?.[0]).toBe(line - 1);
    expect(handOver).toBe(line);
  });

  // Any line end outside quotes ends a record: papaparse splits on one, so a record holding
  // another goes to the exact path, which takes them all.
  it.each([
    ['an LF row in a CR LF file', 'a,b\r\n1,2\n3,4\r\n', '\r\n', 2],
    ['a lone CR in an LF file', 'a,b\n1,x\ry\n2,3\n', '\n', 2],
    ['a CR LF row in an LF file', 'a,b\n1,2\n3,4\r\n5,6\n', '\n', 3],
    ['a blank LF line in a CR LF file', 'a,b\r\n1,2\r\n\n3,4\r\n', '\r\n', 3],
  ])('hands over at a record with another line end in a bare field: %s', async (_name, text, eol, line) => {
    const { rows, handOver, observed } = await fastRead(text, { chunkSize: 3 });
    expect(rows.at(-1)?.[0]).toBe(line - 1);
    expect(handOver).toBe(line);
    expect(observed.recordDelimiter).toBe(eol);
  });

  it('hands over the line after the blank lines of the last delivered record', async () => {
    // The exact path must see the blank lines too: it resumes right after the last record.
    const { handOver } = await fastRead('a,b\n\n\n1,x"y\n');
    expect(handOver).toBe(2);
  });

  it('hands over a file with lone CR line ends, from its first line', async () => {
    const { rows, handOver } = await fastRead('a,b\r1,2\r');
    expect(rows).toEqual([]);
    expect(handOver).toBe(1);
  });

  it('hands over a record longer than the size limit (in UTF-8 bytes)', async () => {
    const { rows, handOver } = await fastRead(`a,b\n1,${'é'.repeat(20)}\n`, { maxRecordSize: 30 });
    expect(rows).toEqual([[1, ['a', 'b']]]);
    expect(handOver).toBe(2);
  });

  it('hands over for a delimiter papaparse cannot take', async () => {
    expect((await fastRead('a||b\n', { delimiter: '||' })).handOver).toBe(1);
  });

  it('splits on the line end it was told', async () => {
    const { rows, handOver, observed } = await fastRead('a,b\r\n1,x"\r\n', { recordDelimiter: '\r\n' });
    expect(rows).toEqual([[1, ['a', 'b']]]);
    expect(handOver).toBe(2);
    expect(observed.recordDelimiter).toBe('\r\n');
  });

  // ASCII chunks are joined as bytes; the first other byte switches to the UTF-8 decoder, which
  // must then also take characters cut between chunks.
  it.each([1, 2, 3, 5, 8])('reads text that turns from ASCII to UTF-8 mid-record, in %i-byte chunks', async (chunkSize) => {
    const text = 'id,name\n1,"plain, ascii"\n2,"Zoë ""Ž"" 日本"\n3,😀x\n4,\u00ff\n';
    const { rows, handOver } = await fastRead(text, { chunkSize });
    expect(handOver).toBeUndefined();
    expect(rows).toEqual([
      [1, ['id', 'name']],
      [2, ['1', 'plain, ascii']],
      [3, ['2', 'Zoë "Ž" 日本']],
      [4, ['3', '😀x']],
      [5, ['4', 'ÿ']],
    ]);
  });

  // Joined flat each time, a record longer than a chunk would be copied once a chunk: quadratic.
  it('copies a record longer than a chunk only as it doubles, not once a chunk', async () => {
    const cell = 'x'.repeat(1024 * 1024);
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const { rows, handOver } = await fastRead(`id,note\n1,"${cell}"\n2,b\n`, { chunkSize: 1024 });
      expect(handOver).toBeUndefined();
      expect(rows.map(([line, cells]) => [line, cells[0], cells[1]?.length])).toEqual([
        [1, 'id', 4],
        [2, '1', cell.length],
        [3, '2', 1],
      ]);
      // ~1,025 chunks; a join at each doubling of the waiting text is ~20.
      expect(concat.mock.calls.length).toBeLessThan(64);
    } finally {
      concat.mockRestore();
    }
  });

  it('reads a byte that is not UTF-8, after ASCII chunks, as U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xff]), Buffer.from('x\n')]);
    const observed: CsvObservations = { recordDelimiter: undefined, endedInsideQuotes: false };
    const rows: CsvRow[] = [];
    const reader = readWellFormedRows(new ChunkTape(Readable.from(chunksOf(bytes, 4)), 1), {
      file: 'test.csv',
      fastCsv: true,
      delimiter: ',',
      firstLine: 1,
      maxRecordSize: MAX_RECORD_SIZE,
      observed,
    });
    for await (const batch of { [Symbol.asyncIterator]: () => reader }) rows.push(...batch);
    expect(rows.map((row) => row.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '\ufffdx'],
    ]);
  });

  it('never hands over text written by an RFC 4180 writer, whatever the chunking', async () => {
    const cell = fc.stringMatching(/^[a-z ,"\n\r\u00e9]{0,6}$/);
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 16 }), async (records, eol, chunkSize) => {
        // A writer quotes every cell that needs it, and the first cell of a record that would be a blank line.
        const quote = (cell: string, i: number, cells: string[]): string =>
          /[",\r\n]/.test(cell) || (cells.length === 1 && i === 0 && cell === '') ? `"${cell.replaceAll('"', '""')}"` : cell;
        const text = records.map((cells) => cells.map(quote).join(',')).join(eol) + eol;
        const { rows, handOver } = await fastRead(text, { chunkSize });
        expect(handOver).toBeUndefined();
        expect(rows.map(([, cells]) => cells)).toEqual(records);
      }),
      { numRuns: 500 },
    );
  });
});

// The warm-up only helps V8 if its texts really take the paths it names: read to the end where
// well-formed (the last record without a line end included), stopped where malformed.
describe('warmUpFastPath', () => {
  it('reads each text as the fast path reads any input, with both line ends, in both rounds', () => {
    const reads = warmUpFastPath();
    const outcome = (text: string): [number, boolean][] =>
      reads.filter((read) => read.text === text).map((read) => [read.rows, read.stopped]);
    expect(reads).toHaveLength(5 * 2 * 2);
    expect(outcome('id,note,n\n1,plain,2\n3,more,4\n')).toEqual(Array(4).fill([3, false]));
    expect(outcome('id,note,n\n1,"say ""hi"", then go",9\n2,"two\nlines",\n3,,"a,b"\n\n4,x,y')).toEqual(Array(4).fill([5, false]));
    expect(outcome('a,b\n"x",')).toEqual(Array(4).fill([2, false]));
    expect(outcome('a,b\n1,2\n3,"x"y\n')).toEqual(Array(4).fill([2, true]));
    expect(outcome('a,b\n1,"open\n2,3\n')).toEqual(Array(4).fill([1, true]));
  });
});

describe('findRecordDelimiter', () => {
  it.each([
    ['a,b\nc', false, '\n'],
    ['a,b\r\nc', false, '\r\n'],
    ['a,b\rc', false, '\r'],
    ['"x\ny",b\r\nc', false, '\r\n'],
    ['a,b\r', false, undefined],
    ['a,b\r', true, '\r'],
    ['a,b', false, undefined],
    ['a,b', true, '\n'],
    ['"open\n', false, undefined],
  ] as const)('%j (last: %s) → %j', (text, isLast, expected) => {
    expect(findRecordDelimiter(text, isLast)).toBe(expected);
  });
});

describe('isFaithfulRecord', () => {
  // Bare cells are papaparse's own cut of the text: only where they start and end is checked.
  const check = (text: string, cells: string[]): boolean => isFaithfulRecord(text, 0, text.length, cells, ',', /[\r\n]/.test(text));

  it.each([
    ['bare fields', 'a,b,,c', ['a', 'b', '', 'c']],
    ['quoted fields with doubled quotes', '"a ""b""","c,d"', ['a "b"', 'c,d']],
    ['a quoted line break', '"x\ny",z', ['x\ny', 'z']],
    ['an empty quoted field', '"",a', ['', 'a']],
    ['a quoted first cell starting with a line break', '"\nx",y', ['\nx', 'y']],
  ])('accepts %s', (_name, text, cells) => {
    expect(check(text, cells)).toBe(true);
  });

  it.each([
    ['a quote in a bare field', 'a,24" x', ['a', '24" x']],
    ['a space after a closing quote', '"a" ,b', ['a', 'b']],
    ['an undoubled quote inside quotes', '"a"b",c', ['a"b', 'c']],
    ['cells that do not span the text', 'a,b', ['a', 'bb']],
    ['too few cells for the text', 'a,b,c', ['a', 'b']],
    ['a bare first cell starting with a line break', '\nx,y', ['\nx', 'y']],
    ['a CR at the end of a bare field', 'a,b\r', ['a', 'b\r']],
    ['a lone CR inside a bare field', 'a,x\ry', ['a', 'x\ry']],
    ['an LF inside a bare field', 'a,x\ny', ['a', 'x\ny']],
    ['a CR LF inside a bare field', 'a,x\r\ny', ['a', 'x\r\ny']],
  ])('refuses %s', (_name, text, cells) => {
    expect(check(text, cells)).toBe(false);
  });
});
