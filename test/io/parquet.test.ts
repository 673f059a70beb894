import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openSource } from '../../src/io/open-source.js';
import { openParquetFile } from '../../src/io/parquet-file.js';
import { readParquet } from '../../src/io/parquet-reader.js';
import { hasParquetMagic } from '../../src/io/sniff.js';
import type { RawRecord } from '../../src/io/types.js';
import { catchError, collect, openStdin } from './helpers.js';

const parquet = (name: string): string => fileURLToPath(new URL(`../../fixtures/parquet/${name}`, import.meta.url));

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'xla-parquet-test-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function readWhole(path: string): Promise<{ columns: string[]; records: RawRecord[]; notes: string[] }> {
  const source = await openSource({ path }, {});
  const records = await collect(source.records);
  return { columns: source.columns, records, notes: source.notes };
}

describe('hasParquetMagic', () => {
  it.each([
    ['PAR1 then a Thrift field header', Buffer.from([0x50, 0x41, 0x52, 0x31, 0x15, 0x04]), true],
    ['a CSV whose first column is PAR1', Buffer.from('PAR1,score\n1,9\n'), false],
    ['a CSV of one column PAR1', Buffer.from('PAR1\r\n9\r\n'), false],
    ['PAR1 and nothing after', Buffer.from('PAR1'), false],
    ['a tab after PAR1 (a TSV header)', Buffer.from('PAR1\tscore\n'), false],
    ['text', Buffer.from('id,score\n'), false],
  ])('%s: %s', (_what, bytes, expected) => {
    expect(hasParquetMagic(bytes)).toBe(expected);
  });
});

describe('openSource: Parquet', () => {
  it('reads typed values as the CSV text of the same data reads: instants with Z, nulls as null, counts as numbers', async () => {
    const source = await openSource({ path: parquet('tickets.parquet') }, {});
    expect(source.format).toEqual({ type: 'parquet', encoding: 'binary' });
    expect(source.headerRows).toBe(0);
    const records = await collect(source.records);
    expect(source.columns).toEqual([
      'Ticket ID',
      'Created',
      'First Response',
      'Resolved',
      'Priority',
      'Reopens',
      'Made SLA',
      'Satisfaction Score',
    ]);
    // fixtures/tickets/tickets.csv, rows 1 and 4 (T4 has blanks: NULLs in Parquet).
    expect(records[0]).toEqual({
      line: undefined,
      index: 1,
      cells: ['T1', '2024-01-01T09:00:00.000Z', '2024-01-01T09:30:00.000Z', '2024-01-01T13:00:00.000Z', 'P1', 0, true, 5],
    });
    expect(records[3]).toEqual({
      line: undefined,
      index: 4,
      cells: ['T4', '2024-02-01T12:00:00.000Z', '2024-02-01T14:00:00.000Z', null, 'P3', null, null, null],
    });
    expect(records).toHaveLength(6);
  });

  it.each(['zstd', 'gzip', 'brotli', 'lz4'])('reads %s pages as it reads Snappy ones', async (codec) => {
    const snappy = await readWhole(parquet('tickets.parquet'));
    const other = await readWhole(parquet(`tickets-${codec}.parquet`));
    expect(other.columns).toEqual(snappy.columns);
    expect(other.records).toEqual(snappy.records);
    expect(other.records).toHaveLength(6);
  });

  it('reads the other types a warehouse writes: big integers exactly, decimals, local and zoned timestamps, dates, times, UUIDs', async () => {
    const { columns, records, notes } = await readWhole(parquet('types.parquet'));
    expect(columns).toEqual(['big_id', 'count', 'amount', 'ratio', 'at_time', 'at_ns', 'at_zoned', 'day', 'uuid', 'small']);
    expect(records.map((record) => record.cells)).toEqual([
      [
        // 2^53 + 1 has no double: its exact digits, so an id keeps them all.
        '9007199254740993',
        42,
        12.34,
        // NaN as text, as a CSV cell would say it.
        'NaN',
        '13:45:30.250',
        // A TIMESTAMP without zone is local time (no Z: --tz places it); nanoseconds cut to milliseconds.
        '2024-03-31T01:30:00.123',
        // 01:30 at +02:00 is 23:30 UTC the day before.
        '2024-03-30T23:30:00.000Z',
        '2024-02-29',
        '00000000-0000-4000-8000-000000000001',
        2,
      ],
      ['-9007199254740993', null, -0.5, 1.5, null, null, null, null, null, null],
    ]);
    // Said once for the column, with its first such value.
    expect(notes).toEqual([
      'column "big_id" holds integers beyond 2^53 (9007199254740993): read as their exact digits, so an id keeps them; a number field reads them as the nearest double',
    ]);
  });

  it('lays a struct out as JSON text plus a column per field, and a repeated list as JSON text (GA4 event_params)', async () => {
    const { columns, records } = await readWhole(parquet('ga4-events.parquet'));
    expect(columns.slice(0, 5)).toEqual(['event_date', 'traffic_source', 'traffic_source.medium', 'traffic_source.source', 'event_params']);
    expect(records[0]?.cells.slice(0, 6)).toEqual([
      '2024-01-01',
      '{"medium":"organic","source":"google"}',
      'organic',
      'google',
      '[{"key":"page_views","value":{"string_value":null,"int_value":5}},{"key":"page_location","value":{"string_value":"/home","int_value":null}}]',
      true,
    ]);
  });

  it('writes instants inside lists and structs as ISO text, and rounds times before 1970 down to the millisecond', async () => {
    const { columns, records } = await readWhole(parquet('times.parquet'));
    expect(columns).toEqual(['stamps', 'visit', 'visit.at', 'old_ns', 'before_epoch']);
    expect(records[0]?.cells).toEqual([
      '["2024-01-05T10:00:00.500Z",null]',
      '{"at":"1969-12-31T23:59:59.999Z"}',
      // 500 µs before 1970 is in the last millisecond of 1969, not the first of 1970.
      '1969-12-31T23:59:59.999',
      // −2,208,988,799,999,999,500 ns is beyond 2^53: divided as a BigInt, still rounded down.
      '1900-01-01T00:00:00.000',
      '1969-12-31T23:59:59.999',
    ]);
  });

  it('keeps a column of the file over a struct field of the same name', async () => {
    const { columns, records } = await readWhole(parquet('name-clash.parquet'));
    expect(columns).toEqual(['device', 'device.os', 'device.category', 'nps']);
    expect(records[0]?.cells).toEqual(['{"category":"mobile","os":"iOS"}', 'iOS', 'desktop', 9]);
  });

  it('leaves out a column of a type xla cannot read, with a note naming it', async () => {
    const { columns, records, notes } = await readWhole(parquet('interval.parquet'));
    expect(columns).toEqual(['nps']);
    expect(records.map((record) => record.cells)).toEqual([[9], [3]]);
    expect(notes).toEqual(['left out column "wait": xla cannot read Parquet INTERVAL values']);
  });

  it('reads Parquet from standard input through a temporary copy', async () => {
    const bytes = await readFile(parquet('interval.parquet'));
    const source = await openStdin(bytes, {}, 100);
    expect(source.name).toBe('stdin');
    expect((await collect(source.records)).map((record) => record.cells)).toEqual([[9], [3]]);
  });

  it('refuses a truncated file, naming it', async () => {
    const path = join(workDir, 'cut.parquet');
    await writeFile(path, (await readFile(parquet('survey-10k.parquet'))).subarray(0, 3000));
    const error = await catchError(() => openSource({ path }, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: path, line: undefined });
    expect((error as Error).message).toBe(
      `cannot read ${path} as Parquet: it does not end as a Parquet file does (parquet file invalid (footer != PAR1))`,
    );
  });

  it('refuses a .parquet file that is not Parquet', async () => {
    const path = join(workDir, 'scores.parquet');
    await writeFile(path, 'id,nps\n1,9\n');
    const error = await catchError(() => openSource({ path }, {}));
    expect(error).toMatchObject({ message: `${path} is not a Parquet file: it does not start with PAR1`, file: path });
  });

  it('reads Parquet by its magic whatever the file is called', async () => {
    const path = join(workDir, 'export.csv');
    await writeFile(path, await readFile(parquet('interval.parquet')));
    const source = await openSource({ path }, {});
    expect(source.format.type).toBe('parquet');
    source.release();
  });
});

describe('readParquet: one row group at a time', () => {
  // survey-10k.parquet: 10,000 rows in row groups of 2,048 (scripts/make-parquet-fixtures.js).
  it('reads no byte of the second row group before the first one’s rows are taken, and numbers rows across groups', async () => {
    const file = openParquetFile(parquet('survey-10k.parquet'), 'survey-10k.parquet');
    const ranges: [number, number][] = [];
    const recording = {
      byteLength: file.buffer.byteLength,
      slice: (start: number, end?: number) => {
        ranges.push([start, end ?? file.size]);
        return file.buffer.slice(start, end);
      },
    };
    const parsed = await readParquet('survey-10k.parquet', recording, { progress: { bytesRead: 0, totalBytes: file.size } });
    // The footer is read from the end of the file (hyparquet's first read takes the last 512 KiB,
    // here all of this small file, for the metadata only); row groups are read by their own ranges.
    const groupReads = (): [number, number][] => ranges.filter(([, end]) => end < file.size);
    expect(groupReads()).toEqual([]);
    if (!('batches' in parsed)) throw new Error('batches expected');
    const batches = parsed.batches[Symbol.asyncIterator]();

    const first = await batches.next();
    // The first group's column chunks (adjacent, fetched as one range), and nothing more.
    expect(groupReads()).toHaveLength(1);
    expect(first.value?.[0]).toEqual({ line: undefined, index: 1, cells: ['2024-01-01T00:00:00.000', 'A', 0, null] });
    expect(first.value?.[1]).toEqual({ line: undefined, index: 2, cells: ['2024-01-01T01:00:00.000', 'B', 1, 2] });

    const rest: RawRecord[] = [...(first.value ?? [])];
    for (let next = await batches.next(); next.done !== true; next = await batches.next()) rest.push(...next.value);
    // Five groups, each read once, each after the one before.
    const reads = groupReads();
    expect(reads).toHaveLength(5);
    for (let i = 1; i < reads.length; i += 1) expect(reads[i]?.[0]).toBeGreaterThanOrEqual(reads[i - 1]?.[1] ?? Infinity);
    expect(rest).toHaveLength(10_000);
    // Row 2,049 opens the second group: i = 2048 → 2048 h = 85 days 8 h after 1 January of a leap
    // year is 2024-03-26T08:00, team 2048 mod 3 = 2 (C),
    // score 2048 mod 11 = 2, satisfaction 2048 mod 5 + 1 = 4 (2048 is no multiple of 7).
    expect(rest[2048]).toEqual({ line: undefined, index: 2049, cells: ['2024-03-26T08:00:00.000', 'C', 2, 4] });
    expect(rest.at(-1)?.index).toBe(10_000);
    file.release();
  });
});
