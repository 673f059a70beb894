import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { openSource } from '../../src/io/open-source.js';
import type { RawRecord } from '../../src/io/types.js';
import { catchError, collect, fixture, openStdin, readAll, readStdin, readUntilError } from './helpers.js';

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'xla-io-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function writeTemp(name: string, content: string): Promise<string> {
  const path = join(workDir, name);
  await writeFile(path, content);
  return path;
}

describe('openSource: CSV', () => {
  it('reads quoted commas, doubled quotes, quoted CRLF line breaks and skips empty lines', async () => {
    const source = await openSource({ path: fixture('quoted-fields.csv') }, {});
    expect(source.format).toEqual({ type: 'csv', delimiter: ',', encoding: 'utf-8' });
    expect(source.headerRows).toBe(1);
    expect(source.notes).toEqual([]);
    expect(await readAll(source)).toEqual({
      columns: ['id', 'comment', 'score'],
      records: [
        { line: 2, index: 1, cells: ['1', 'Fast, friendly', '9'] },
        { line: 3, index: 2, cells: ['2', 'She said "thanks"', '10'] },
        { line: 4, index: 3, cells: ['3', 'line one\r\nline two', '7'] },
        { line: 7, index: 4, cells: ['4', 'plain', '8'] },
      ],
    });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('numbers records by the line they start on, after multi-line fields (%s)', async (_name, eol) => {
    const text = ['a,b', '1,"x', 'y', 'z"', '2,3', '', '4,"p', 'q"', '5,6'].join(eol);
    const { records } = await readAll(await openStdin(text));
    expect(records.map((record) => [record.line, record.index])).toEqual([
      [2, 1],
      [5, 2],
      [7, 3],
      [9, 4],
    ]);
    expect(records[0]?.cells).toEqual(['1', `x${eol}y${eol}z`]);
  });

  it('keeps start lines right when the input arrives one byte at a time', async () => {
    const text = '\ufeffa,b\r\n1,"x\r\ny"\r\n\r\n2,3\r\n4,"é\r\n"\r\n5,6';
    const { columns, records } = await readAll(await openStdin(text, {}, 1));
    expect(columns).toEqual(['a', 'b']);
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['1', 'x\r\ny'] },
      { line: 5, index: 2, cells: ['2', '3'] },
      { line: 6, index: 3, cells: ['4', 'é\r\n'] },
      { line: 8, index: 4, cells: ['5', '6'] },
    ]);
  });

  it('strips a UTF-8 BOM and trims header names', async () => {
    const { columns, records } = await readAll(await openStdin('\ufeff App , Rating\n"x",4.5\n'));
    expect(columns).toEqual(['App', 'Rating']);
    expect(records).toEqual([{ line: 2, index: 1, cells: ['x', '4.5'] }]);
  });

  it('delivers ragged rows as they are', async () => {
    const { records } = await readAll(await openStdin('a,b,c\n1,2\n1,2,3,4\n'));
    expect(records.map((record) => record.cells)).toEqual([
      ['1', '2'],
      ['1', '2', '3', '4'],
    ]);
  });

  it.each([
    ['comma', 'a,b,c\n1,2,3\n', ','],
    ['semicolon', 'a;b;c\n1;2;3\n', ';'],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['semicolon with quoted commas in names', '"Revenue, net";"Cost, total, EUR";id\n1;2;3\n', ';'],
  ])('sniffs the %s delimiter from the header', async (_name, text, delimiter) => {
    const { format, columns, records } = await openStdin(text);
    expect(format.delimiter).toBe(delimiter);
    expect(columns).toHaveLength(3);
    expect((await collect(records))[0]?.cells).toEqual(['1', '2', '3']);
  });

  it('keeps quoted names whole when sniffing a ; header', async () => {
    const { columns } = await openStdin('"Revenue, net";"Cost, total, EUR";id\n1;2;3\n');
    expect(columns).toEqual(['Revenue, net', 'Cost, total, EUR', 'id']);
  });

  it.each([
    [';', ';'],
    ['tab', '\t'],
    ['\\t', '\t'],
    ['TAB', '\t'],
  ])('--delimiter %j overrides sniffing', async (option, delimiter) => {
    const text = `a,b${delimiter}c\n1,2${delimiter}3\n`;
    const source = await openStdin(text, { delimiter: option });
    expect(source.format.delimiter).toBe(delimiter);
    expect(source.columns).toEqual(['a,b', 'c']);
    expect((await collect(source.records))[0]?.cells).toEqual(['1,2', '3']);
  });

  it('reads a header-only file as columns and no records', async () => {
    const path = await writeTemp('header-only.csv', 'id,score\r\n');
    const source = await openSource({ path }, {});
    expect(await readAll(source)).toEqual({ columns: ['id', 'score'], records: [] });
  });

  it.each([
    ['empty', ''],
    ['blank lines only', '\n\r\n  \n'],
    ['a BOM only', '\ufeff'],
  ])('rejects an %s file as empty', async (_name, content) => {
    const path = await writeTemp('survey.csv', content);
    const error = await catchError(() => openSource({ path }, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: `${path} is empty`, file: path, line: undefined });
  });

  it('fails on an unclosed quote that takes the rest of the file with it, where the quoted field starts', async () => {
    // Lines 3-5 of 5: over 1% of the file, and 3 lines or more.
    const path = fixture('unclosed-quote.csv');
    const { records, error } = await readUntilError(openSource({ path }, {}));
    expect(records.map((record) => record.line)).toEqual([2, 3]);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      file: path,
      line: 3,
      column: 3,
      message: "unclosed quoted field; the rest of the file (3 lines) could not be read (60.0% of the file's 5 lines)",
    });
  });

  it('skips a record with a quote inside an unquoted field and reads on, after multi-line records', async () => {
    const records = await readStdin('a,b\r\n1,"x\r\ny"\r\n2,b "c\r\n3,"open\r\nmore\r\n');
    expect(records).toEqual([
      { line: 2, index: 1, cells: ['1', 'x\r\ny'] },
      { line: 4, index: 2, cells: [], problem: { message: 'quote inside an unquoted field (field 2)', column: 5, lines: 1 } },
      {
        line: 5,
        index: 3,
        cells: [],
        problem: { message: 'unclosed quoted field; the rest of the file (2 lines) could not be read', column: 3, lines: 2 },
      },
    ]);
  });

  it('reports an unclosed quote that opens in the middle of a record', async () => {
    const records = await readStdin('a,b\n1,"x\ny"\n2,"open\nmore\n');
    expect(records.at(-1)).toEqual({
      line: 4,
      index: 2,
      cells: [],
      problem: { message: 'unclosed quoted field; the rest of the file (2 lines) could not be read', column: 3, lines: 2 },
    });
  });

  it('says which lines a record with text after a closing quote swallowed', async () => {
    // After `"x"y` csv-parse stays inside the quotes until the next quote: `4,5` goes with it.
    // Three lines of 400: under 1% of the file, skipped.
    const rest = Array.from({ length: 394 }, (_, i) => `${i},ok\n`).join('');
    const records = await readStdin(`a,b\n1,2\n3,"x"y\n4,5\n6,"ok"\n7,8\n${rest}`);
    expect(records.slice(0, 3)).toEqual([
      { line: 2, index: 1, cells: ['1', '2'] },
      {
        line: 3,
        index: 2,
        cells: [],
        problem: { message: 'unexpected character after a closing quote (field 2); lines 3-5 were skipped', column: 6, lines: 3 },
      },
      { line: 6, index: 3, cells: ['7', '8'] },
    ]);
    expect(records).toHaveLength(3 + 394);
  });

  it('fails on a record that swallowed more than 1% of the file, naming where it starts', async () => {
    // The same three lines are half of a 6-line file.
    const { records, error } = await readUntilError(openStdin('a,b\n1,2\n3,"x"y\n4,5\n6,"ok"\n7,8\n'));
    expect(records).toHaveLength(3);
    expect(error).toMatchObject({
      file: 'stdin',
      line: 3,
      column: 6,
      message: "unexpected character after a closing quote (field 2); lines 3-5 were skipped (50.0% of the file's 6 lines)",
    });
  });

  it('delivers a malformed record met far into the file and the records after it', async () => {
    // Record 2500 starts on line 2501; its stray quote is on its second line, column 8.
    const rows = Array.from({ length: 3000 }, (_, i) => (i === 2499 ? `${i},"multi\nline",x"y` : `${i},"ok",z`));
    const source = await openStdin(['n,text,flag', ...rows].join('\n'), {}, 1000);
    const records = await collect(source.records);
    expect(records).toHaveLength(3000);
    expect(records[2499]).toEqual({
      line: 2502,
      index: 2500,
      cells: [],
      problem: { message: 'quote inside an unquoted field (field 3); lines 2501-2502 were skipped', column: 8, lines: 2 },
    });
    expect(records[2500]).toEqual({ line: 2503, index: 2501, cells: ['2500', 'ok', 'z'] });
    expect(records.at(-1)).toEqual({ line: 3002, index: 3000, cells: ['2999', 'ok', 'z'] });
  });

  it('refuses a malformed header with its line and column', async () => {
    const error = await catchError(() => openStdin('id,"name\n1,x\n'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: expect.stringMatching(/^cannot read the header: unclosed quoted field/), line: 1, column: 4 });
  });
});

describe('openSource: JSON', () => {
  it('reads an array of objects; columns are the union of keys in first-seen order', async () => {
    const path = await writeTemp('rows.json', '[{"id":1,"score":9},{"id":2,"comment":"ok","score":null},{"id":3,"ok":true}]');
    const source = await openSource({ path }, {});
    expect(source.format).toEqual({ type: 'json', encoding: 'utf-8' });
    expect(await readAll(source)).toEqual({
      columns: ['id', 'score', 'comment', 'ok'],
      records: [
        { line: undefined, index: 1, cells: [1, 9, undefined, undefined] },
        { line: undefined, index: 2, cells: [2, null, 'ok', undefined] },
        { line: undefined, index: 3, cells: [3, undefined, undefined, true] },
      ],
    });
  });

  it('reads the first array of objects under a root object; nested values become JSON text', async () => {
    const source = await openSource({ path: fixture('responses.json') }, {});
    expect(await readAll(source)).toEqual({
      columns: ['id', 'score', 'comment', 'tags', 'channel', 'verified'],
      records: [
        { line: undefined, index: 1, cells: [1, 9, 'great', '["fast","kind"]', undefined, undefined] },
        { line: undefined, index: 2, cells: [2, 6, null, undefined, 'email', undefined] },
        { line: undefined, index: 3, cells: [3, 10, undefined, undefined, undefined, true] },
      ],
    });
  });

  it('passes over arrays that do not hold objects to find the records', async () => {
    const text = '{"count":2,"tags":["a",{"x":1}],"rows":[{"v":1},{"v":2}],"empty":[],"more":[3,{"w":3}]}';
    const { columns, records } = await readAll(await openStdin(text, {}, 3));
    expect(columns).toEqual(['v']);
    expect(records.map((record) => record.cells)).toEqual([[1], [2]]);
  });

  it('keeps __proto__ and constructor as ordinary data', async () => {
    const text = '[{"__proto__":{"polluted":true},"constructor":"c","id":1}]';
    const { columns, records } = await readAll(await openStdin(text));
    expect(columns).toEqual(['__proto__', '__proto__.polluted', 'constructor', 'id']);
    expect(records[0]?.cells).toEqual(['{"polluted":true}', true, 'c', 1]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('takes columns from the first 1000 records only', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => (i === 1000 ? { id: i, late: 'x' } : { id: i }));
    const { columns, records } = await readAll(await openStdin(JSON.stringify(rows), {}, 4096));
    expect(columns).toEqual(['id']);
    expect(records).toHaveLength(1001);
    expect(records[1000]).toEqual({ line: undefined, index: 1001, cells: [1000] });
  });

  it('names the element that is not an object', async () => {
    const error = await catchError(() => readStdin('[{"a":1},{"a":2},"oops"]'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'element 3 of the array is not an object (got a string)', file: 'stdin' });
  });

  it('reports a syntax error with its line and column', async () => {
    const error = await catchError(() => openStdin('[\n  {"a": 1},\n  {"a" 2}\n]'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'invalid JSON: unexpected 2', line: 3, column: 8 });
  });

  it('reports a stray character with its line and column, past a BOM', async () => {
    const error = await catchError(() => openStdin('\ufeff[{"a": 1},\n {"a": x}]', {}, 5));
    expect(error).toMatchObject({ message: 'invalid JSON: unexpected "x"', line: 2, column: 8 });
  });

  it('reports a document cut short', async () => {
    const error = await catchError(() => openStdin('[{"a": 1},\n{"a": 2}'));
    expect(error).toMatchObject({ message: 'invalid JSON: the file ends before the document does', line: 2 });
  });

  it('rejects an object that holds no array of objects', async () => {
    const error = await catchError(() => openStdin('{"a": [1, 2], "b": {"c": [{"d": 1}]}}'));
    expect(error).toMatchObject({ message: 'stdin holds no array of objects' });
  });

  it('rejects a JSON scalar', async () => {
    const path = await writeTemp('scalar.json', '"just text"');
    const error = await catchError(() => openSource({ path }, {}));
    expect(error).toMatchObject({ message: `${path} is neither a JSON array of objects nor an object holding one` });
  });
});

describe('openSource: NDJSON', () => {
  it('reads one object per line, skipping blank lines, numbered by file line', async () => {
    const path = await writeTemp('events.ndjson', '{"id":"e1","ms":120}\n\n{"id":"e2","ms":80}\r\n{"id":"e3","extra":{"page":"/"}}\n\n');
    const source = await openSource({ path }, {});
    expect(source.format).toEqual({ type: 'ndjson', encoding: 'utf-8' });
    expect(await readAll(source)).toEqual({
      // A nested object's keys are columns too (Mixpanel's `properties.time`), after the object's own.
      columns: ['id', 'ms', 'extra', 'extra.page'],
      records: [
        { line: 1, index: 1, cells: ['e1', 120, undefined, undefined] },
        { line: 3, index: 2, cells: ['e2', 80, undefined, undefined] },
        { line: 4, index: 3, cells: ['e3', undefined, '{"page":"/"}', '/'] },
      ],
    });
  });

  it('reports the line that holds something other than an object', async () => {
    const path = fixture('events-bad-line.ndjson');
    const error = await catchError(async () => collect((await openSource({ path }, {})).records));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'not a JSON object (got an array)', file: path, line: 8 });
    expect((error as InputError).location).toBe(`${path}:8:1`);
  });

  it('reports a bad line met after the first 1000 records while iterating', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => (i === 1099 ? 'null' : JSON.stringify({ n: i })));
    const source = await openStdin(lines.join('\n'), {}, 1000);
    const seen: RawRecord[] = [];
    const error = await catchError(async () => {
      for await (const record of source.records) seen.push(record);
    });
    expect(seen).toHaveLength(1099);
    expect(error).toMatchObject({ message: 'not a JSON object (got null)', file: 'stdin', line: 1100 });
  });

  it('reports a line that is not JSON at all', async () => {
    const path = await writeTemp('events.jsonl', '{"a":1}\n{"a":2}\n{"a":\n');
    const error = await catchError(async () => collect((await openSource({ path }, {})).records));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ line: 3, message: expect.stringMatching(/^invalid JSON: /) });
  });

  it('keeps __proto__ as data', async () => {
    const { columns, records } = await readAll(await openStdin('{"__proto__":1,"id":"x"}\n{"id":"y"}\n'));
    expect(columns).toEqual(['__proto__', 'id']);
    expect(records.map((record) => record.cells)).toEqual([
      [1, 'x'],
      [undefined, 'y'],
    ]);
  });
});

describe('openSource: format sniffing without an extension', () => {
  it.each([
    ['a JSON array', '  \n[{"a":1}]', 'json'],
    ['pretty-printed JSON object', '{\n  "data": [{"a": 1}]\n}\n', 'json'],
    ['one-line JSON object', '{"data": [{"a": 1}]}\n', 'json'],
    ['NDJSON', '{"a":1}\n{"a":2}\n', 'ndjson'],
    ['CSV', 'a,b\n1,2\n', 'csv'],
  ])('reads %s from stdin', async (_name, text, type) => {
    const source = await openStdin(text);
    expect(source.name).toBe('stdin');
    expect(source.format.type).toBe(type);
    expect(source.columns).toEqual(type === 'csv' ? ['a', 'b'] : ['a']);
  });

  it('sniffs a file whose extension names no format', async () => {
    const path = await writeTemp('export.data', '{"a":1}\n{"a":2}\n');
    const source = await openSource({ path }, {});
    expect(source.format.type).toBe('ndjson');
    expect((await collect(source.records)).map((record) => record.line)).toEqual([1, 2]);
  });

  it('trusts the extension over the content', async () => {
    const path = await writeTemp('odd.csv', '[1,2]\n');
    const source = await openSource({ path }, {});
    expect(source.format).toEqual({ type: 'csv', delimiter: ',', encoding: 'utf-8' });
    expect(source.columns).toEqual(['[1', '2]']);
  });
});

describe('openSource: streaming', () => {
  it('lets the caller stop early', async () => {
    const path = await writeTemp('many.csv', `n\n${Array.from({ length: 50_000 }, (_, i) => i).join('\n')}\n`);
    const source = await openSource({ path }, {});
    const firstTwo: RawRecord[] = [];
    for await (const record of source.records) {
      firstTwo.push(record);
      if (firstTwo.length === 2) break;
    }
    expect(firstTwo.map((record) => record.cells)).toEqual([['0'], ['1']]);
  });

  /** stdin made of `count` chunks of `makeChunk(i)`, counting how many were pulled. */
  function countingStdin(count: number, makeChunk: (i: number) => string): { stdin: Readable; pulled: () => number } {
    let pulled = 0;
    async function* generate(): AsyncGenerator<string> {
      for (let i = 0; i < count; i += 1) {
        pulled += 1;
        yield makeChunk(i);
      }
    }
    return { stdin: Readable.from(generate()), pulled: () => pulled };
  }

  // Opening reads up to 1 MiB to sniff the encoding; each input here is about 3 MB.
  const pad = 'x'.repeat(1000);
  it.each([
    ['CSV', (i: number) => (i === 0 ? 'id,text\n' : `${i},"${pad}"\n`), 3001],
    ['JSON', (i: number) => (i === 0 ? '[{"id":0}' : i === 2999 ? `,{"id":2999,"p":"${pad}"}]` : `,{"id":${i},"p":"${pad}"}`), 3000],
    ['NDJSON', (i: number) => `{"id":${i},"p":"${pad}"}\n`, 3000],
  ])('%s: opening reads the start only; the records stream when iterated', async (_name, makeChunk, total) => {
    const { stdin, pulled } = countingStdin(total, makeChunk);
    const source = await openSource({ path: '-', stdin }, {});
    expect(pulled()).toBeLessThan(total);
    const records = await collect(source.records);
    expect(pulled()).toBe(total);
    expect(records).toHaveLength(total - (source.format.type === 'csv' ? 1 : 0));
  });
});

describe('openSource: unreadable input and options', () => {
  it('reports a missing file without a stack of fs details', async () => {
    const path = join(workDir, 'tickets.csv');
    const error = await catchError(() => openSource({ path }, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: `cannot read ${path}: no such file`, file: path });
  });

  it('reports a directory', async () => {
    const error = await catchError(() => openSource({ path: workDir }, {}));
    expect(error).toMatchObject({ message: `cannot read ${workDir}: is a directory` });
  });

  it('reports a failing stdin as an InputError', async () => {
    const stdin = new Readable({
      read() {
        this.destroy(new Error('EIO: i/o error, read'));
      },
    });
    const error = await catchError(() => openSource({ path: '-', stdin }, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'cannot read stdin: i/o error, read' });
  });

  it.each([
    ['CSV', 'a,b\n1,2\n'],
    ['JSON', '[{"a":1},\n'],
    ['NDJSON', '{"a":1}\n{"a":2}\n'],
  ])('reports stdin failing midway through %s as an InputError', async (_name, start) => {
    async function* failing(): AsyncGenerator<string> {
      yield start;
      await Promise.resolve();
      throw new Error('EIO: i/o error, read');
    }
    const error = await catchError(async () => collect((await openSource({ path: '-', stdin: Readable.from(failing()) }, {})).records));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'cannot read stdin: i/o error, read', file: 'stdin' });
  });

  it.each(['utf-8', 'UTF8', 'utf-8-sig'])('accepts the encoding %s and says the file had a BOM', async (encoding) => {
    const source = await openStdin('\ufeffa\n1\n', { encoding });
    expect(source.format.encoding).toBe('utf-8-bom');
    expect(source.columns).toEqual(['a']);
  });

  it('rejects an unknown encoding before reading', async () => {
    const error = await catchError(() => openSource({ path: join(workDir, 'missing.csv') }, { encoding: 'klingon-8' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ message: 'unknown encoding "klingon-8"' });
  });

  it.each([0, 1.5, 11])('rejects %s header rows before reading', async (headerRows) => {
    const error = await catchError(() => openSource({ path: join(workDir, 'missing.csv') }, { headerRows }));
    expect(error).toBeInstanceOf(UsageError);
  });
});
