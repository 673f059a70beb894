// Reads real public files from ../shared/datasets (see SOURCES.md there) in place; expected values
// come from SOURCES.md and from Python's csv module, not from xla.
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChunkTape } from '../../../src/io/csv/chunk-tape.js';
import { readWellFormedRows } from '../../../src/io/csv/csv-fast-rows.js';
import { parseCsvRows, parseCsvRowsExactly } from '../../../src/io/csv/csv-rows.js';
import type { CsvRow, CsvRowOptions } from '../../../src/io/csv/csv-rows.js';
import { openSource } from '../../../src/io/open-source.js';
import type { RawRecord } from '../../../src/io/types.js';
import { MAX_RECORD_SIZE } from '../../../src/io/record-limit.js';
import { dataset, describeOnDatasets } from '../../datasets.js';

async function collect(records: AsyncIterable<RawRecord>): Promise<RawRecord[]> {
  const all: RawRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

describeOnDatasets('real datasets', () => {
  it('online shoppers: semicolon-delimited, CRLF, 12,330 sessions of 18 fields', async () => {
    const source = await openSource({ path: dataset('online-shoppers/online_shoppers_intention.csv') }, {});
    expect(source.format).toEqual({ type: 'csv', delimiter: ';', encoding: 'utf-8' });
    expect(source.columns).toHaveLength(18);
    expect(source.columns.slice(0, 2)).toEqual(['Administrative', 'Administrative_Duration']);
    expect(source.columns.at(-1)).toBe('Revenue');
    const records = await collect(source.records);
    expect(records).toHaveLength(12_330);
    expect(records.every((record) => record.cells.length === 18)).toBe(true);
    expect(records.filter((record) => record.cells[17] === 'TRUE')).toHaveLength(1_908);
    expect(records.at(-1)).toMatchObject({ line: 12_331, index: 12_330 });
  });

  it('olist reviews: 6,123 reviews despite line breaks inside quoted comments, each at its start line', async () => {
    const source = await openSource({ path: dataset('olist-sample/olist_order_reviews_dataset.csv') }, {});
    expect(source.format.delimiter).toBe(',');
    expect(source.columns).toEqual([
      'review_id',
      'order_id',
      'review_score',
      'review_comment_title',
      'review_comment_message',
      'review_creation_date',
      'review_answer_timestamp',
    ]);
    const records = await collect(source.records);
    expect(records).toHaveLength(6_123);
    // Start lines from Python's csv.reader (line_num of the previous record + 1).
    expect(records[12]).toMatchObject({ index: 13, line: 14 });
    expect(records[12]?.cells[4]).toBe('Mas um pouco ,travando...pelo valor ta Boa.\r\n');
    expect(records[13]).toMatchObject({ index: 14, line: 16 });
    expect(records[27]).toMatchObject({ index: 28, line: 30 });
    expect(records.at(-1)).toMatchObject({ index: 6_123, line: 6_481 });
    const scores = new Map<string, number>();
    for (const record of records) scores.set(String(record.cells[2]), (scores.get(String(record.cells[2])) ?? 0) + 1);
    expect(Object.fromEntries(scores)).toEqual({ '5': 3_598, '4': 1_149, '3': 519, '2': 189, '1': 668 });
  });

  it('google play: BOM stripped from the first header, 10,841 apps', async () => {
    const source = await openSource({ path: dataset('google-play-apps/googleplaystore.csv') }, {});
    expect(source.format.delimiter).toBe(',');
    expect(source.columns).toHaveLength(13);
    expect(source.columns[0]).toBe('App');
    expect(source.columns[12]).toBe('Android Ver');
    const records = await collect(source.records);
    expect(records).toHaveLength(10_841);
    expect(records.filter((record) => record.cells[2] === 'NaN')).toHaveLength(1_474);
    const shifted = records.find((record) => record.cells[0] === 'Life Made WI-Fi Touchscreen Photo Frame');
    expect(shifted?.cells.slice(1, 3)).toEqual(['1.9', '19']);
  });
});

/** Every CSV under `root`, as absolute paths. */
function everyCsv(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.csv'))
    .sort()
    .map((path) => join(root, path));
}

/** The trimmed copies of the datasets in fixtures/datasets, which every clone has. */
const TRIMMED = fileURLToPath(new URL('../../../fixtures/datasets/', import.meta.url));

async function rowsOf(
  read: (chunks: AsyncIterable<Buffer>, options: CsvRowOptions) => AsyncGenerator<CsvRow[]>,
  path: string,
  options: CsvRowOptions,
): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const batch of read(createReadStream(path), options)) rows.push(...batch);
  return rows;
}

// The papaparse fast path replaced csv-parse for speed only on this condition: rows, cells and
// lines equal to csv-parse's on every real file, read by the fast path itself to the end.
async function expectFastPathAgrees(path: string): Promise<void> {
  const source = await openSource({ path }, {});
  const options: CsvRowOptions = {
    file: path,
    delimiter: source.format.delimiter ?? ',',
    firstLine: 1,
    maxRecordSize: MAX_RECORD_SIZE,
    fastCsv: true,
  };
  // Only the sniffed delimiter was wanted: stop reading, which closes the file (else it is closed
  // on garbage collection, with Node's warning). A generator stopped before its first step skips
  // its cleanup, so it takes one step first.
  const batches = source.batches[Symbol.asyncIterator]();
  await batches.next();
  await batches.return?.(undefined);
  const handOver = readWellFormedRows(new ChunkTape(createReadStream(path), 1), options);
  let next = await handOver.next();
  while (next.done !== true) next = await handOver.next();
  expect(next.value).toBeUndefined();
  const fast = await rowsOf(parseCsvRows, path, options);
  expect(fast.length).toBeGreaterThan(10);
  expect(fast).toEqual(await rowsOf(parseCsvRowsExactly, path, options));
}

describe('the fast CSV path on the trimmed datasets in fixtures/', () => {
  it.each(everyCsv(TRIMMED))('%s: read to the end by the fast path, row for row what csv-parse reads', expectFastPathAgrees);
});

describeOnDatasets('the fast CSV path on every full dataset', () => {
  it.each(everyCsv(dataset('')))('%s: read to the end by the fast path, row for row what csv-parse reads', expectFastPathAgrees);
});
