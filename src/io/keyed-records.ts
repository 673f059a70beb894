import type { Cell, ParsedSource, RawRecord } from './types.js';

/** A JSON or NDJSON record before it is laid out in columns. A Map, so `__proto__` is a key like any other. */
export interface KeyedRecord {
  line: number | undefined;
  index: number;
  fields: ReadonlyMap<string, unknown>;
}

/** How many leading records decide the columns of a JSON or NDJSON source. */
const COLUMN_SAMPLE_SIZE = 1000;

/**
 * Lays keyed records out in columns: the union of the keys of the first `sampleSize` records, in
 * first-seen order. Those records are held to learn the columns; the rest stream. A key first
 * seen after the sample is ignored, since the columns are fixed before the rest is read (and the
 * field layer has already matched them); put such a key in an early record to have it read.
 */
export async function layOutKeyedRecords(records: AsyncIterable<KeyedRecord>, sampleSize = COLUMN_SAMPLE_SIZE): Promise<ParsedSource> {
  const rest = records[Symbol.asyncIterator]();
  const sample: KeyedRecord[] = [];
  while (sample.length < sampleSize) {
    const next = await rest.next();
    if (next.done === true) break;
    sample.push(next.value);
  }
  const columns = collectKeys(sample);
  return { columns, records: toRawRecords(sample, rest, columns) };
}

function collectKeys(records: readonly KeyedRecord[]): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of record.fields.keys()) keys.add(key);
  return [...keys];
}

async function* toRawRecords(
  sample: readonly KeyedRecord[],
  rest: AsyncIterator<KeyedRecord>,
  columns: readonly string[],
): AsyncGenerator<RawRecord> {
  for (const record of sample) yield toRawRecord(record, columns);
  for await (const record of { [Symbol.asyncIterator]: () => rest }) yield toRawRecord(record, columns);
}

function toRawRecord(record: KeyedRecord, columns: readonly string[]): RawRecord {
  return { line: record.line, index: record.index, cells: columns.map((column) => toCell(record.fields.get(column))) };
}

/** JSON scalars stay as they are; a nested object or array becomes its JSON text. */
function toCell(value: unknown): Cell {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a non-object JSON value is, for messages. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
