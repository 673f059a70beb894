import { describe, expect, it } from 'vitest';
import { parseSepLine, scanPreamble } from '../../../src/io/csv/preamble.js';

const scan = (text: string, isWhole = true) => scanPreamble(Buffer.from(text), isWhole);

describe('scanPreamble', () => {
  it('finds nothing to skip in a plain CSV', () => {
    expect(scan('a,b\n1,2\n')).toEqual({ byteLength: 0, lineCount: 0, commentLines: 0, sepDelimiter: undefined, isComplete: true });
  });

  it('skips a BOM without counting a line', () => {
    expect(scan('\ufeffa,b\n')).toMatchObject({ byteLength: 3, lineCount: 0 });
  });

  it('skips # lines and blank lines up to the header, counting bytes of UTF-8 and CR LF', () => {
    const preamble = '# Viewport et densité\r\n#\r\n   \r\n\t\r\n';
    expect(scan(`${preamble}Viewport width,Pageviews\r\n`)).toEqual({
      byteLength: Buffer.byteLength(preamble),
      lineCount: 4,
      commentLines: 4,
      sepDelimiter: undefined,
      isComplete: true,
    });
  });

  it('reads a sep= first line, after a BOM, and goes on to skip comments', () => {
    expect(scan('\ufeffsep=;\n# note\nA;B\n')).toEqual({
      byteLength: 16,
      lineCount: 2,
      commentLines: 1,
      sepDelimiter: ';',
      isComplete: true,
    });
  });

  it('treats a lone CR as a line end', () => {
    expect(scan('# a\r# b\rx,y\r')).toMatchObject({ byteLength: 8, lineCount: 2 });
  });

  it.each([
    ['#,date,Yoga', 0],
    ['#;a;b', 0],
    ['"# of tickets",Team', 0],
    ['"# Date: Jul 27, 2026 - Aug 2, 2026"\nx', '"# Date: Jul 27, 2026 - Aug 2, 2026"\n'.length],
    ['"# say ""hi"""\nx', '"# say ""hi"""\n'.length],
  ])('%j: skips %i bytes', (text, byteLength) => {
    expect(scan(text).byteLength).toBe(byteLength);
  });

  it('asks for more while the bytes end inside the preamble', () => {
    expect(scan('# a\n# b', false).isComplete).toBe(false);
    expect(scan('# a\r', false).isComplete).toBe(false);
    expect(scan('# a\n', false).isComplete).toBe(false);
    expect(scan('# a\nx', false)).toMatchObject({ isComplete: true, byteLength: 4 });
  });

  it('takes all of a whole input that is only preamble', () => {
    expect(scan('# a\n\n# b')).toEqual({ byteLength: 8, lineCount: 3, commentLines: 3, sepDelimiter: undefined, isComplete: true });
  });
});

describe('parseSepLine', () => {
  it.each([
    ['sep=;', ';'],
    ['sep=,', ','],
    ['sep=|', '|'],
    ['sep=\t', '\t'],
    ['sep=\\t', '\t'],
    ['"sep=;"', ';'],
    ['SEP=;', ';'],
    ['sep=', undefined],
    ['sep=;;', undefined],
    ['sep=;,a', undefined],
    ['separator', undefined],
  ])('%j → %j', (line, delimiter) => {
    expect(parseSepLine(Buffer.from(line))).toBe(delimiter);
  });
});
