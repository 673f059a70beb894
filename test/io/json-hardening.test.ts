/**
 * JSON and NDJSON input that used to crash, print nonsense or be read in part (issue 16): deep
 * nesting, numbers too large for a double, two arrays of records, values over the size limit,
 * and errors that must name the file with a line and column.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { MAX_JSON_DEPTH, findTooDeepBracket, inspectParsedValue, parseKeepingNumberText } from '../../src/io/json-values.js';
import type { ReadOptions } from '../../src/io/types.js';
import { openSource } from '../../src/io/open-source.js';
import { Readable } from 'node:stream';
import { chunksOf, readUntilError } from './helpers.js';

/** Reads text as a file of the given extension would be read (stdin has no extension: the content tells). */
function read(text: string, chunkSize = 5, limits: { maxRecordSize?: number } = {}, options: ReadOptions = {}) {
  return readUntilError(openSource({ path: '-', stdin: Readable.from(chunksOf(text, chunkSize)) }, options, limits));
}

const nest = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('JSON nesting', () => {
  it('is 1000 levels at most', () => {
    expect(MAX_JSON_DEPTH).toBe(1000);
  });

  it.each([
    // Root array (level 1), record (2), then `x` nests: its 999th bracket is level 1001.
    ['in a record of a root array', `[{"nps":9,"x":${nest(999)}}]`, 1, 15 + 998],
    ['in a record under a root object', `{"data":[{"x":${nest(998)}}]}`, 1, 15 + 997],
    ['of the root array itself', nest(5000), 1, 1001],
    // Levels 1 and 2 are on lines 1 and 2: the 999th `{"b":` on line 3 opens level 1001.
    ['of objects, over lines', `[\n{"a":\n${'{"b":'.repeat(1000)}1${'}'.repeat(1000)}}]`, 3, 1 + 998 * 5],
  ])('deeper than that %s is an error at the bracket that goes past it', async (_name, text, line, column) => {
    const { error } = await read(text, 64);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'nested deeper than 1000 levels', file: 'stdin', line, column });
  });

  it('of exactly 1000 levels is read, the nested value as JSON text', async () => {
    const { records, error } = await read(`[{"x":${nest(998)}}]`, 64);
    expect(error).toBeUndefined();
    expect(records[0]?.cells).toEqual([nest(998).replaceAll(/\s/g, '')]);
  });

  it('deeper than that on an NDJSON line is an error at its line and bracket', async () => {
    const { records, error } = await read(`{"a":1}\n  {"nps":9,"x":${nest(5000)}}\n{"a":2}\n`, 4096);
    expect(records).toEqual([]);
    expect(error).toMatchObject({ message: 'nested deeper than 1000 levels', file: 'stdin', line: 2, column: 3 + 13 + 999 });
  });

  it('is measured without recursion, and found in the text', () => {
    expect(inspectParsedValue(JSON.parse(nest(100_000)))).toEqual({ isTooDeep: true, hasNonFiniteNumber: false });
    expect(inspectParsedValue(JSON.parse(nest(999)))).toEqual({ isTooDeep: false, hasNonFiniteNumber: false });
    // Brackets in strings do not count: the object is level 1, the 1000th `[` (from index 16) level 1001.
    expect(findTooDeepBracket(`{"k":"[[[[","y":${nest(1000)}}`)).toBe(16 + 999);
    expect(findTooDeepBracket(nest(1000))).toBeUndefined();
  });
});

describe('JSON numbers too large for a double', () => {
  it('come as their own text, where Number would make them Infinity (and JSON "null")', async () => {
    const { records, error } = await read('[{"n":1e400,"t":-1E+999,"ok":5e-400,"big":1.5e308,"nested":{"x":2e308}}]');
    expect(error).toBeUndefined();
    // The nested object's key is a column of its own too (`nested.x`), with the same text.
    expect(records[0]?.cells).toEqual(['1e400', '-1E+999', 0, 1.5e308, '{"x":"2e308"}', '2e308']);
  });

  it('are numbers still where an element should be an object', async () => {
    const { error } = await read('[1e400]');
    expect(error).toMatchObject({ message: 'element 1 of the array is not an object (got a number)', line: 1, column: 2 });
  });

  it('come as their own text from NDJSON too', async () => {
    const { records } = await read('{"n":1e400,"m":2}\n{"n":-1e999,"m":{"deep":[1e400]}}\n');
    expect(records.map((record) => record.cells)).toEqual([
      ['1e400', 2, undefined],
      ['-1e999', '{"deep":["1e400"]}', '["1e400"]'],
    ]);
  });

  it('are parsed to their text by the slow path only where one is found', () => {
    expect(inspectParsedValue({ a: 1, b: { c: [Infinity] } })).toEqual({ isTooDeep: false, hasNonFiniteNumber: true });
    expect(parseKeepingNumberText('{"__proto__":1e400,"a":[1,2e400]}')).toEqual(JSON.parse('{"__proto__":"1e400","a":[1,"2e400"]}'));
  });
});

describe('a JSON object holding arrays of records', () => {
  it('is refused when it holds two, naming both, at the second one', async () => {
    const { error } = await read('{"data": [{"a": 1}, {"a": 2}],\n "meta": [{"page": 1}]}');
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      message: 'stdin holds two arrays of records, "data" and "meta": xla reads one',
      file: 'stdin',
      line: 2,
      column: 11,
    });
  });

  it('is refused when the same name holds two arrays', async () => {
    const { error } = await read('{"data": [{"a": 1}], "data": [{"a": 2}]}');
    expect(error).toMatchObject({ message: 'stdin holds two arrays of records, "data" and "data": xla reads one' });
  });

  it('is read when the other arrays hold no objects first (tags, empty lists)', async () => {
    const { records, error } = await read('{"tags": ["x"], "rows": [{"a": 1}], "empty": [], "ids": [3, {"a": 2}]}');
    expect(error).toBeUndefined();
    expect(records.map((record) => record.cells)).toEqual([[1]]);
  });
});

describe('JSON errors', () => {
  it('say that an empty array holds no records', async () => {
    const { error } = await read(' [ ]\n');
    expect(error).toMatchObject({ message: 'stdin holds no records (an empty array)', file: 'stdin' });
  });

  it.each([
    ['an element that is not an object', '[{"a":1},\n 2]', 'element 2 of the array is not an object (got a number)', 2, 2],
    [
      'an element of a named array that is not an object',
      '{"d": [{"a":1}, "x"]}',
      'element 2 of "d" is not an object (got a string)',
      1,
      17,
    ],
    ['a missing comma', '[{"a":1}\n{"a":2}]', 'invalid JSON: unexpected "{"', 2, 1],
    ['a document cut short', '[{"a":1},\n{"a":', 'invalid JSON: the file ends before the document does', 2, 6],
  ])('name the file with a line and column: %s', async (_name, text, message, line, column) => {
    const { error } = await read(text);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message, file: 'stdin', line, column });
  });
});

// JSON values are measured chunk by chunk, after the first MiB that sniffing reads in one piece:
// the tests' values run on well past both.
describe('values over the size limit', () => {
  const LIMIT = 100_000;
  const long = 'x'.repeat(3_000_000);

  it.each([
    ['an array', `[{"a":1},\n{"a":"${long}"}]`],
    ['an object, after another array', `{"tags":[1,2,3],"rows":[{"a":1},\n{"a":"${long}"}]}`],
  ])('end the read of a JSON record in %s, naming it and where the limit was passed', async (_name, text) => {
    const { error } = await read(text, 4096, { maxRecordSize: LIMIT });
    expect(error).toMatchObject({ message: 'record 2 is longer than 100000 bytes', file: 'stdin', line: 2 });
  });

  it('end the read of a JSON string outside the records', async () => {
    const { error } = await read(`{"about":"${long}","data":[{"a":1}]}`, 4096, { maxRecordSize: LIMIT });
    expect(error).toMatchObject({ message: 'a value is longer than 100000 bytes', file: 'stdin', line: 1 });
  });

  it('leave a JSON file of many records under the limit alone', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `{"a":${i},"s":"${'y'.repeat(LIMIT / 2)}"}`);
    const { records, error } = await read(`[${rows.join(',\n')}]`, 4096, { maxRecordSize: LIMIT });
    expect(error).toBeUndefined();
    expect(records).toHaveLength(100);
  });

  it('end the read of an NDJSON line, at its line (the limit in bytes)', async () => {
    const { error } = await read(`{"a":1}\n{"a":2}\r\n{"a":"${'é'.repeat(47)}"}\n{"a":4}\n`, 7, { maxRecordSize: 100 });
    expect(error).toMatchObject({ message: 'line longer than 100 bytes', file: 'stdin', line: 3 });
    const { records } = await read(`{"a":1}\n{"a":2}\r\n{"a":"${'é'.repeat(46)}"}\n{"a":4}\n`, 7, { maxRecordSize: 100 });
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4]);
  });
});

describe('NDJSON lines', () => {
  it.each([1, 2, 3, 1000])('end at LF, CR LF or a lone CR, in %i-byte chunks, blank lines counted', async (chunkSize) => {
    const { records, error } = await read('{"a":1}\r\n{"a":2}\r{"a":3}\n\r\n{"a":4}\r', chunkSize);
    expect(error).toBeUndefined();
    expect(records.map((record) => [record.line, record.cells])).toEqual([
      [1, [1]],
      [2, [2]],
      [3, [3]],
      [5, [4]],
    ]);
  });

  it('that are not JSON are an error at their line and the column where parsing failed', async () => {
    const { error } = await read('{"a":1}\n   {"a":2,,"b":3}\n');
    expect(error).toMatchObject({ file: 'stdin', line: 2, column: 4 + 7, message: expect.stringMatching(/^invalid JSON: /) });
  });
});
