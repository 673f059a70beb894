import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesBefore, planFileParts, SCAN_CHUNK_BYTES } from '../../src/io/split-file.js';
import { scratchDir } from '../scratch.js';

const dir = scratchDir('xla-split-');

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Physical lines before `offset`, as editors count them (CR LF, LF, lone CR). */
function lineAt(text: string, offset: number): number {
  return 1 + (text.slice(0, offset).match(/\r\n|\n|\r/g)?.length ?? 0);
}

describe('planFileParts', () => {
  const rows = Array.from({ length: 30_000 }, (_, i) => `${i},"a, ""quoted"" note",${i % 3 === 0 ? '"two\r\nlines"' : 'x'}`);
  const text = ['id,note,more', ...rows, ''].join('\r\n');
  const path = write('rows.csv', text);

  it('cuts just after line ends, into parts that cover the file, each starting on its own line', async () => {
    const parts = await planFileParts(path, { lineAfterSample: 1002, parts: 3 });
    expect(parts?.length).toBe(3);
    const bytes = readFileSync(path);
    expect(parts?.[0]?.start).toBe(0);
    expect(parts?.[parts.length - 1]?.end).toBe(bytes.length);
    for (const [i, part] of (parts ?? []).entries()) {
      if (i > 0) {
        expect(part.start).toBe(parts?.[i - 1]?.end);
        expect(bytes[part.start - 1]).toBe(0x0a);
        // Never inside "two\r\nlines": the line before the cut has an even number of quotes.
        expect(text.slice(part.start, part.start + 20)).toMatch(/^\d+,"a, /);
        expect(await linesBefore(path, part.start)).toBe(lineAt(text, part.start));
        // Later parts re-read the file up to the start of line 1002, where the sample ended.
        expect(lineAt(text, part.prefixEnd)).toBe(1002);
        expect(text.slice(part.prefixEnd - 2, part.prefixEnd)).toBe('\r\n');
      }
    }
  });

  it('finds where the sample ends far into the file (long records), with CR LF line ends', async () => {
    // 1,001 records of ~1 KB: the sample ends ~1 MB in, past the first windows read.
    const long = Array.from({ length: 3_000 }, (_, i) => `${i},"${'x'.repeat(1_000)}",${i % 5}`);
    const longText = ['id,note,more', ...long, ''].join('\r\n');
    const longPath = write('long.csv', longText);
    const parts = await planFileParts(longPath, { lineAfterSample: 1002, parts: 2 });
    expect(parts?.length).toBe(2);
    const prefixEnd = parts?.[1]?.prefixEnd ?? 0;
    expect(prefixEnd).toBeGreaterThan(256 * 1024);
    expect(lineAt(longText, prefixEnd)).toBe(1002);
    expect(longText.slice(prefixEnd - 2, prefixEnd + 5)).toBe('\r\n1000,');
  });

  it('numbers the line of an offset across many read chunks, a CR LF split between two of them counted once', async () => {
    // Rows of 40 bytes after a header sized so that the first chunk read ends between a CR and its LF.
    const rowLength = 40;
    const headerLength = (((SCAN_CHUNK_BYTES - 1 - (rowLength - 2)) % rowLength) + rowLength) % rowLength;
    const header = `id,${'h'.repeat(headerLength - 5)}\r\n`;
    const count = Math.ceil((3 * SCAN_CHUNK_BYTES) / rowLength);
    const body = Array.from({ length: count }, (_, i) => `${String(i).padStart(9, '0')},${'x'.repeat(rowLength - 12)}\r\n`).join('');
    const big = header + body;
    const bigPath = write('chunks.csv', big);
    expect(header.length).toBe(headerLength);
    expect(big.slice(SCAN_CHUNK_BYTES - 1, SCAN_CHUNK_BYTES + 1)).toBe('\r\n');
    const rowStart = (row: number): number => headerLength + row * rowLength;
    // The first row, the first row past the first chunk, one two chunks further on, the end.
    expect(await linesBefore(bigPath, 0)).toBe(1);
    for (const offset of [
      rowStart(0),
      rowStart(Math.ceil((SCAN_CHUNK_BYTES - headerLength) / rowLength)),
      rowStart(Math.floor((2 * count) / 3)),
      big.length,
    ]) {
      expect(big.slice(offset - 2, offset)).toBe('\r\n');
      expect(await linesBefore(bigPath, offset)).toBe(lineAt(big, offset));
    }
  });

  it('does not cut a file whose sample ends past the planned cuts', async () => {
    expect(await planFileParts(write('small.csv', 'a,b\n1,2\n3,4\n'), { lineAfterSample: 3, parts: 2 })).toBeUndefined();
  });
});
