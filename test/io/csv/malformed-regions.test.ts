import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { FATAL_SHARE, MIN_FATAL_LINES } from '../../../src/io/csv/malformed-regions.js';
import { openSource } from '../../../src/io/open-source.js';
import { openStdin, readUntilError } from '../helpers.js';

/** `count` good records `i,ok` from line `firstLine` on, LF-ended. */
function goodRows(count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `${from + i},ok\n`).join('');
}

describe('a malformed region', () => {
  it('is over 1% of the lines and 3 lines or more before it ends the read', () => {
    expect(FATAL_SHARE).toBe(0.01);
    expect(MIN_FATAL_LINES).toBe(3);
  });

  it('of one line stays a skipped record, even in a 10-line file', async () => {
    const { records, error } = await readUntilError(openStdin(`a,b\n${goodRows(4)}1,x"y\n${goodRows(4, 5)}`));
    expect(error).toBeUndefined();
    expect(records).toHaveLength(9);
    expect(records[4]).toMatchObject({ line: 6, problem: { message: 'quote inside an unquoted field (field 2)', lines: 1 } });
  });

  it('of two lines stays a skipped record (an unclosed quote on the line before the last)', async () => {
    const { records, error } = await readUntilError(openStdin(`a,b\n${goodRows(7)}8,"open\n9,ok\n`));
    expect(error).toBeUndefined();
    expect(records.at(-1)).toMatchObject({ line: 9, problem: { lines: 2 } });
  });

  it.each([
    ['LF', '\n'],
    ['CR LF', '\r\n'],
    ['lone CR', '\r'],
  ])('ends the read where an unclosed quote near the top takes the rest of the file with it (%s)', async (_name, eol) => {
    // The issue's file: `check` passed on the 1,000 rows before the quote of 400,000 (here 1,000 of 40,000).
    const rows = Array.from({ length: 40_000 }, (_, i) => (i === 1000 ? `${i},"open` : `${i},ok`));
    const text = `n,note${eol}${rows.join(eol)}${eol}`;
    const { records, error } = await readUntilError(openStdin(text, {}, 64 * 1024));
    expect(records).toHaveLength(1001);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      file: 'stdin',
      line: 1002,
      column: 6,
      message: "unclosed quoted field; the rest of the file (39000 lines) could not be read (97.5% of the file's 40001 lines)",
      hint: expect.stringContaining('not one that takes over 1% of the file with it'),
    });
  });

  it('is judged against the whole file: a 3-line region in 300 lines is 1% (skipped), in 299 lines over it', async () => {
    const swallow = '3,"x"y\n4,5\n6,"ok"\n';
    const skipped = await readUntilError(openStdin(`a,b\n${swallow}${goodRows(296)}`));
    expect(skipped.error).toBeUndefined();
    expect(skipped.records[0]).toMatchObject({ line: 2, problem: { lines: 3 } });
    const failed = await readUntilError(openStdin(`a,b\n${swallow}${goodRows(295)}`));
    expect(failed.error).toMatchObject({ line: 2, column: 6, message: expect.stringContaining("(1.0% of the file's 299 lines)") });
  });

  it('names the first region over the share, in file order, after reading the file', async () => {
    const { records, error } = await readUntilError(
      openStdin(`a,b\n${goodRows(10)}1,"x"y\n2\n3\n4\n"z"\n${goodRows(10, 20)}5,"open\n6\n7\n8\n`),
    );
    // Lines 12-16: csv-parse reads on from `"x"y` to the next quote, in `"z"`.
    expect(error).toMatchObject({
      line: 12,
      column: 6,
      message: expect.stringMatching(
        /^unexpected character after a closing quote \(field 2\); lines 12-16 were skipped \(16\.7% of the file's 30 lines\)$/,
      ),
    });
    // Everything was read, the second region too.
    expect(records.at(-1)).toMatchObject({ line: 27, problem: { lines: 4 } });
  });

  it('that is one record of many lines with the wrong number of fields (a quote closed far too late) ends the read', async () => {
    const late = `7,"says hi\n${goodRows(50, 100)}then",x,y\n`;
    const { error } = await readUntilError(openStdin(`a,b\n${goodRows(5)}${late}${goodRows(20, 200)}`));
    expect(error).toMatchObject({
      line: 7,
      column: 1,
      message:
        "one record runs over lines 7-58 (66.7% of the file's 78 lines) with 4 fields where the header has 2: a quote in it closed far too late",
    });
  });

  it('that is a well-formed record of many lines with the header’s number of fields is data, not a region', async () => {
    const long = `7,"${Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n')}"\n`;
    const { records, error } = await readUntilError(openStdin(`a,b\n${goodRows(5)}${long}${goodRows(5, 10)}`));
    expect(error).toBeUndefined();
    expect(records).toHaveLength(11);
  });

  it('of a few ragged one-line rows stays rejected rows', async () => {
    const { records, error } = await readUntilError(openStdin(`a,b\n1,2,3\n4\n${goodRows(3)}`));
    expect(error).toBeUndefined();
    expect(records.map((record) => record.cells.length)).toEqual([3, 1, 2, 2, 2]);
  });
});

describe('a malformed region in a part of a file (several threads)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xla-regions-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is judged against the whole file’s lines, as one thread reading it all would', async () => {
    // A quote opens on line 950 of 1,001 and never closes: 52 lines, 5.2% of the file, but over
    // half of the second part's lines.
    const path = join(dir, 'tail.csv');
    const head = `a,b\n${goodRows(948)}`;
    await writeFile(path, `${head}950,"open\n${goodRows(51, 2000)}`);
    const whole = await readUntilError(openSource({ path }, {}));
    const cut = Buffer.byteLength(`a,b\n${goodRows(900)}`);
    const part = await readUntilError(
      openSource({ path, range: { start: cut, end: Buffer.byteLength(head) + 200_000, prefixEnd: Buffer.byteLength('a,b\n1,ok\n') } }, {}),
    );
    expect(whole.error).toMatchObject({
      file: path,
      line: 950,
      column: 5,
      message: expect.stringContaining("(5.2% of the file's 1001 lines)"),
    });
    expect(part.error).toEqual(whole.error);
  });

  it('is not judged where a part that does not end the file ends inside quotes (the run reads the file whole)', async () => {
    const path = join(dir, 'cut.csv');
    const head = `a,b\n${goodRows(20)}`;
    await writeFile(path, `${head}21,"spans\n${goodRows(10, 100)}the cut"\n${goodRows(20, 200)}`);
    const source = await openSource(
      { path, range: { start: 0, end: Buffer.byteLength(`${head}21,"spans\n${goodRows(10, 100)}`), prefixEnd: 0, firstLine: 1 } },
      {},
    );
    const { records, error } = await readUntilError(source);
    expect(error).toBeUndefined();
    expect(records.at(-1)).toMatchObject({ line: 22, problem: { message: expect.stringMatching(/^unclosed quoted field/) } });
    expect(source.observed?.endedInsideQuotes).toBe(true);
  });
});
