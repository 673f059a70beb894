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
 *
 * A nested object's own keys are columns too, named `outer.inner` after the object's column (one
 * level: Mixpanel's raw export keeps `time` and `distinct_id` in `properties`), so its values can
 * be mapped like any other; the object stays a column of its JSON text as well.
 */
export async function layOutKeyedRecords(records: AsyncIterable<KeyedRecord>, sampleSize = COLUMN_SAMPLE_SIZE): Promise<ParsedSource> {
  const rest = records[Symbol.asyncIterator]();
  const sample: KeyedRecord[] = [];
  while (sample.length < sampleSize) {
    const next = await rest.next();
    if (next.done === true) break;
    sample.push(next.value);
  }
  const paths = collectPaths(sample);
  return { columns: paths.map(columnName), records: toRawRecords(sample, rest, paths) };
}

/** Where a column's value is in a record: a key, or a key of the object under a key. */
type KeyPath = readonly [string] | readonly [string, string];

function columnName(path: KeyPath): string {
  return path.join('.');
}

function collectPaths(records: readonly KeyedRecord[]): KeyPath[] {
  const paths = new Map<string, KeyPath>();
  const add = (path: KeyPath): void => {
    const name = columnName(path);
    if (!paths.has(name)) paths.set(name, path);
  };
  for (const record of records) {
    for (const [key, value] of record.fields) {
      add([key]);
      if (isJsonObject(value)) for (const inner of Object.keys(value)) add([key, inner]);
    }
  }
  return [...paths.values()];
}

async function* toRawRecords(
  sample: readonly KeyedRecord[],
  rest: AsyncIterator<KeyedRecord>,
  paths: readonly KeyPath[],
): AsyncGenerator<RawRecord> {
  for (const record of sample) yield toRawRecord(record, paths);
  for await (const record of { [Symbol.asyncIterator]: () => rest }) yield toRawRecord(record, paths);
}

function toRawRecord(record: KeyedRecord, paths: readonly KeyPath[]): RawRecord {
  return { line: record.line, index: record.index, cells: paths.map((path) => toCell(readPath(record.fields, path))) };
}

function readPath(fields: ReadonlyMap<string, unknown>, path: KeyPath): unknown {
  const value = fields.get(path[0]);
  if (path.length === 1) return value;
  // An own key only: `__proto__` or `constructor` inside an object is data, never the prototype's.
  return isJsonObject(value) && Object.hasOwn(value, path[1]) ? value[path[1]] : undefined;
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
