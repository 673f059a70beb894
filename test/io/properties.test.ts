import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { openSource } from '../../src/io/open-source.js';
import type { ReadOptions } from '../../src/io/types.js';
import { collect, openStdin } from './helpers.js';

let workDir = '';
let fileCount = 0;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'xla-io-props-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Characters that trouble CSV readers, and any other code point but NUL (which makes a file binary). */
const tricky = fc.constantFrom(
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\r',
  '\n',
  '\r\n',
  '\ufeff',
  '#',
  ' ',
  'sep=;',
  'é',
  'Дата',
  '€',
  '😀',
  '{"ImportId"',
  'Total',
);
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((char) => char !== '\u0000');
const cellText = fc.string({ unit: fc.oneof(tricky, anyCodePoint, fc.string({ minLength: 1, maxLength: 1 })), maxLength: 12 });

const TOTALS = new Set(['grand total', 'total', 'totals', 'итого', 'всего']);
/** A row whose first non-empty cell is a totals label is dropped by design, so the tables have none. */
function isTotalsRow(cells: readonly string[]): boolean {
  const first = cells.find((cell) => cell.trim() !== '');
  return first !== undefined && TOTALS.has(first.trim().toLowerCase());
}

/** RFC 4180 with every field quoted (so a one-column row of '' is not an empty line). */
function writeCsv(rows: readonly (readonly string[])[], delimiter: string, eol: string): string[] {
  return rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(delimiter) + eol);
}

function countLineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

describe('properties of openSource', () => {
  it('reads back exactly the cells of any RFC 4180 table, each record at its physical line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.record({
            rows: fc.array(
              fc.array(cellText, { minLength: width, maxLength: width }).filter((row) => !isTotalsRow(row)),
              { maxLength: 8 },
            ),
            width: fc.constant(width),
          }),
        ),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async ({ rows, width }, delimiter, eol, hasBom, chunkSize) => {
          // A third row of ImportId cells is a Qualtrics header by design.
          fc.pre(!(rows[1]?.every((cell) => cell.trim().startsWith('{"ImportId"')) ?? false));
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const lines = writeCsv([header, ...rows], delimiter, eol);
          const text = (hasBom ? '\ufeff' : '') + lines.join('');
          const source = await openStdin(text, {}, chunkSize);
          expect(source.columns).toEqual(header);
          const records = await collect(source.records);
          expect(records.map((record) => record.cells)).toEqual(rows);
          const expectedLines = rows.map((_, i) => 1 + countLineBreaks(lines.slice(0, i + 1).join('')));
          expect(records.map((record) => record.line)).toEqual(expectedLines);
        },
      ),
      { numRuns: 300 },
    );
  });

  const options: fc.Arbitrary<ReadOptions> = fc.record(
    {
      encoding: fc.constantFrom('utf-8', 'utf-16le', 'windows-1251', 'cp1252', 'nope'),
      delimiter: fc.constantFrom(',', ';', 'tab'),
      headerRows: fc.integer({ min: 0, max: 4 }),
    },
    { requiredKeys: [] },
  );
  const csvLike = fc
    .array(fc.oneof(tricky, fc.constantFrom('a', '1', ',', '\n', '"x"', '# c\n', 'sep=,\n', '\u0000', 'PK\u0003\u0004')), { maxLength: 40 })
    .map((parts) => parts.join(''));
  const content = fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    csvLike.map((text) => Buffer.from(text)),
    fc
      .tuple(csvLike, fc.constantFrom('utf-16le', 'utf-16be', 'windows-1251', 'windows-1252'))
      .map(([text, encoding]) => iconv.encode(text, encoding, { addBOM: true })),
  );

  it('either reads any bytes to the end or refuses them with an InputError or UsageError', async () => {
    await fc.assert(
      fc.asyncProperty(
        content,
        options,
        fc.constantFrom('csv', 'json', 'ndjson', 'data', '-'),
        fc.integer({ min: 1, max: 50 }),
        async (bytes, read, extension, chunkSize) => {
          try {
            if (extension === '-') {
              await collect((await openStdin(bytes, read, chunkSize, { maxRecordSize: 64 })).records);
            } else {
              const path = join(workDir, `input-${fileCount++}.${extension}`);
              await writeFile(path, bytes);
              await collect((await openSource({ path }, read, { maxRecordSize: 64 })).records);
            }
          } catch (error) {
            if (!(error instanceof InputError || error instanceof UsageError)) throw error;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
