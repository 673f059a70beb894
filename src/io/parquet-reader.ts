/**
 * Reads Parquet with hyparquet (pure JS), one row group at a time: the footer first (the schema
 * and where each row group is), then each row group's column chunks by their byte ranges, so
 * memory holds one row group's values, never the whole file. Parquet needs random access (its
 * index is at the end), so standard input and pipes are first spooled to a temporary file.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors.js';
import type { ReadProgress } from './byte-source.js';
import { createIsoFormatter } from './iso-text.js';
import type { Cell, ParsedSource, RawRecord } from './types.js';

/**
 * Timestamps and dates as instants (Instant: milliseconds since 1970), not Dates: one small
 * object instead of a Date and a BigInt division per value.
 */
class Instant {
  constructor(readonly ms: number) {}
  /** Inside a list or struct's JSON text, an instant is ISO text, as a Date would be. */
  toJSON(): string {
    return new Date(this.ms).toISOString();
  }
}

const INSTANT_PARSERS = {
  timestampFromMilliseconds: (ms: bigint) => new Instant(Number(ms)),
  timestampFromMicroseconds: (micros: bigint) => new Instant(floorDivide(micros, 1000)),
  timestampFromNanoseconds: (nanos: bigint) => new Instant(floorDivide(nanos, 1_000_000)),
  dateFromDays: (days: number) => new Instant(days * 86_400_000),
};

/** ⌊value / divisor⌋ in milliseconds: exact while the value is a safe integer, else by BigInt. */
function floorDivide(value: bigint, divisor: number): number {
  const number = Number(value);
  if (Number.isSafeInteger(number)) return Math.floor(number / divisor);
  const big = BigInt(divisor);
  const quotient = value / big;
  return Number(value % big < 0n ? quotient - 1n : quotient);
}

/** Records handed on at a time: a row group can hold a million rows. */
const PARQUET_BATCH = 1024;

/** How the values of one top-level Parquet column become cells. */
type CellReading = (value: unknown) => Cell;

/** A column of the table: a top-level Parquet column, or one field of a top-level struct (`device.category`). */
interface TableColumn {
  name: string;
  /** The top-level Parquet column it comes from. */
  source: string;
  /** The struct field read, for `outer.inner` columns. */
  field?: string | undefined;
  read: CellReading;
}

/** What a reader of a Parquet file needs besides the bytes: where to count progress. */
export interface ParquetReadContext {
  progress: ReadProgress;
}

/**
 * Opens a Parquet file: reads its footer and lays out the columns. Top-level columns of plain
 * types are columns as they are; a struct is a column of its JSON text plus a column per field
 * (`device.category`), as a nested JSON object is; a list or map is a column of its JSON text.
 * Columns of a type xla cannot read (INTERVAL, BSON) are left out, with a note.
 */
export async function readParquet(name: string, file: AsyncBuffer, context: ParquetReadContext): Promise<ParsedSource> {
  const metadata = await withParquetErrors(name, () => parquetMetadataAsync(file));
  const schema = await withParquetErrors(name, () => Promise.resolve(parquetSchema(metadata)));
  assertChunksInSchema(name, metadata, schema);
  const notes: string[] = [];
  const columns: TableColumn[] = [];
  const readable: string[] = [];
  // A file's own column wins over a struct field of the same name (`device.category` both ways).
  const taken = new Set(schema.children.map((column) => column.element.name));
  for (const column of schema.children) {
    const reading = chooseReading(column, notes);
    if (reading === undefined) {
      notes.push(`left out column ${JSON.stringify(column.element.name)}: xla cannot read Parquet ${describeType(column.element)} values`);
      continue;
    }
    readable.push(column.element.name);
    columns.push({ name: column.element.name, source: column.element.name, read: reading });
    if (!isStruct(column)) continue;
    for (const field of structFieldColumns(column, notes)) {
      if (taken.has(field.name)) continue;
      taken.add(field.name);
      columns.push(field);
    }
  }
  return {
    columns: columns.map((column) => column.name),
    headerRows: 0,
    notes,
    batches: streamRowGroups(name, file, metadata, { columns, readable, progress: context.progress }),
  };
}

interface RowGroupPlan {
  columns: readonly TableColumn[];
  /** The top-level columns read from the file, in the order hyparquet gives their values. */
  readable: readonly string[];
  progress: ReadProgress;
}

/**
 * Each row group read on its own (hyparquet fetches only that group's column chunks), its rows
 * handed on in batches; the next group is read once these are taken.
 */
async function* streamRowGroups(name: string, file: AsyncBuffer, metadata: FileMetaData, plan: RowGroupPlan): AsyncGenerator<RawRecord[]> {
  const position = new Map(plan.readable.map((column, index) => [column, index]));
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupRows = toSafeCount(name, group.num_rows);
    const rows = groupRows === 0 ? [] : await readRowGroup(name, file, metadata, plan.readable, groupStart, groupStart + groupRows);
    plan.progress.bytesRead += compressedSize(group.columns);
    for (let at = 0; at < rows.length; at += PARQUET_BATCH) {
      const batch: RawRecord[] = [];
      for (let row = at; row < Math.min(at + PARQUET_BATCH, rows.length); row += 1) {
        const index = groupStart + row + 1;
        batch.push({ line: undefined, index, cells: toCells(name, index, rows[row] ?? [], plan.columns, position) });
      }
      yield batch;
    }
    groupStart += groupRows;
  }
}

async function readRowGroup(
  name: string,
  file: AsyncBuffer,
  metadata: FileMetaData,
  columns: readonly string[],
  rowStart: number,
  rowEnd: number,
): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  await withParquetErrors(name, () =>
    parquetRead({
      file,
      metadata,
      columns: [...columns],
      rowStart,
      rowEnd,
      compressors,
      parsers: INSTANT_PARSERS,
      rowFormat: 'array',
      onComplete: (read: unknown[][]) => {
        rows = read;
      },
    }),
  );
  return rows;
}

function toCells(
  name: string,
  index: number,
  row: readonly unknown[],
  columns: readonly TableColumn[],
  position: ReadonlyMap<string, number>,
): Cell[] {
  return columns.map((column) => {
    const value = row[position.get(column.source) ?? -1];
    const inner =
      column.field === undefined ? value : isPlainObject(value) && Object.hasOwn(value, column.field) ? value[column.field] : null;
    try {
      return column.read(inner);
    } catch (error) {
      if (error instanceof RangeError)
        throw new InputError(`${name}: row ${index}, column ${JSON.stringify(column.name)}: ${error.message}`, { file: name });
      throw error;
    }
  });
}

/**
 * Every column chunk of every row group names a leaf of the schema, as a sound footer's do.
 * Checked before reading, because hyparquet, meeting a chunk it cannot place, throws while the
 * reads of the chunks before it are under way, and their failures would then go unobserved.
 */
function assertChunksInSchema(name: string, metadata: FileMetaData, schema: SchemaTree): void {
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const path = chunk.meta_data?.path_in_schema;
      if (path === undefined || !isLeafPath(schema, path)) {
        throw new InputError(`cannot read ${name} as Parquet: its footer lists a column the schema does not have (${String(path)})`, {
          file: name,
          hint: 'the file is damaged: export it again',
        });
      }
    }
  }
}

function isLeafPath(schema: SchemaTree, path: readonly string[]): boolean {
  let node: SchemaTree | undefined = schema;
  for (const part of path) node = node?.children.find((child) => child.element.name === part);
  return node !== undefined && node.children.length === 0;
}

/**
 * How a top-level column's values are read, or undefined when xla cannot read its type. `notes`
 * gets what the reading noticed (64-bit integers beyond 2^53), once per column.
 */
function chooseReading(column: SchemaTree, notes: string[]): CellReading | undefined {
  const element = column.element;
  if (isUnsupported(element)) return undefined;
  if (column.children.length > 0 || element.converted_type === 'JSON' || element.logical_type?.type === 'JSON') {
    if (containsUnsupported(column)) return undefined;
    return readNested;
  }
  const timestamp = timestampZone(element);
  if (timestamp === 'utc') return readTimestamps('instant');
  if (timestamp === 'local') return readTimestamps('local');
  if (element.converted_type === 'DATE' || element.logical_type?.type === 'DATE') return readTimestamps('date');
  if (element.logical_type?.type === 'TIME' || element.converted_type === 'TIME_MILLIS' || element.converted_type === 'TIME_MICROS')
    return readTimeOfDay(element);
  if (element.type === 'FIXED_LEN_BYTE_ARRAY' && element.converted_type === undefined && element.logical_type === undefined)
    return undefined;
  if (element.type === 'INT64' && element.converted_type !== 'DECIMAL') return readWideIntegers(column.path.join('.'), notes);
  return readScalar;
}

/** readScalar, noting the first integer too large for a double to hold exactly. */
function readWideIntegers(name: string, notes: string[]): CellReading {
  let isNoted = false;
  return (value) => {
    const cell = readScalar(value);
    if (!isNoted && typeof value === 'bigint' && typeof cell === 'string') {
      isNoted = true;
      notes.push(
        `column ${JSON.stringify(name)} holds integers beyond 2^53 (${cell}): read as their exact digits, so an id keeps them; a number field reads them as the nearest double`,
      );
    }
    return cell;
  };
}

function isUnsupported(element: SchemaElement): boolean {
  const type = element.logical_type?.type ?? element.converted_type;
  return type === 'INTERVAL' || type === 'BSON' || element.logical_type?.type === 'VARIANT';
}

function containsUnsupported(column: SchemaTree): boolean {
  return column.children.some((child) => isUnsupported(child.element) || containsUnsupported(child));
}

/** The type as Parquet names it, for messages. */
function describeType(element: SchemaElement): string {
  return element.logical_type?.type ?? element.converted_type ?? element.type ?? 'group';
}

/**
 * Parquet timestamps are instants (`isAdjustedToUTC`, and INT96 and the legacy TIMESTAMP_* types
 * by convention) or local date-times, which --tz places as it does ISO text without an offset.
 */
/** Whether a column holds instants (UTC), wall-clock times without a zone, or no timestamps; the SQL pushdown types columns by it too. */
export function timestampZone(element: SchemaElement): 'utc' | 'local' | undefined {
  if (element.logical_type?.type === 'TIMESTAMP') return element.logical_type.isAdjustedToUTC ? 'utc' : 'local';
  if (element.converted_type === 'TIMESTAMP_MILLIS' || element.converted_type === 'TIMESTAMP_MICROS') return 'utc';
  if (element.type === 'INT96') return 'utc';
  return undefined;
}

function isStruct(column: SchemaTree): boolean {
  const element = column.element;
  return (
    column.children.length > 0 &&
    element.converted_type !== 'LIST' &&
    element.converted_type !== 'MAP' &&
    element.converted_type !== 'MAP_KEY_VALUE' &&
    element.repetition_type !== 'REPEATED'
  );
}

/** One column per field of a struct, as the JSON readers give `outer.inner` columns (one level). */
function structFieldColumns(column: SchemaTree, notes: string[]): TableColumn[] {
  const outer = column.element.name;
  return column.children.map((child) => ({
    name: `${outer}.${child.element.name}`,
    source: outer,
    field: child.element.name,
    read: chooseReading(child, notes) ?? readNested,
  }));
}

/** Nulls are missing; numbers, text and booleans as they are; 64-bit integers exactly. */
function readScalar(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return readBigInt(value);
  return readNested(value);
}

/**
 * A 64-bit integer as a number when a double holds it exactly (counts, seconds); beyond 2^53 as
 * its exact digits (an id keeps every digit; a number field reads the text as it would in CSV).
 */
function readBigInt(value: bigint): Cell {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value.toString();
}

/**
 * Timestamps as ISO text: an instant ends in Z; a local date-time has no offset, so --tz places
 * it as it does such CSV text; a date is `YYYY-MM-DD`. One formatter per column keeps its last day.
 */
function readTimestamps(shape: 'instant' | 'local' | 'date'): CellReading {
  const format = createIsoFormatter();
  return (value) => {
    if (!(value instanceof Instant)) return readScalar(value);
    const ms = value.ms;
    // A time beyond what JavaScript holds (±275,760 years); toCells says where.
    if (Number.isNaN(ms)) throw new RangeError('timestamp out of range');
    const text = format(ms);
    return shape === 'instant' ? text : shape === 'local' ? text.slice(0, -1) : text.slice(0, 10);
  };
}

/** A time of day (milli- or microseconds since midnight) as `HH:mm:ss.SSS`. */
function readTimeOfDay(element: SchemaElement): CellReading {
  const unit =
    element.logical_type?.type === 'TIME' ? element.logical_type.unit : element.converted_type === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS';
  const perMilli = unit === 'MILLIS' ? 1 : unit === 'MICROS' ? 1000 : 1_000_000;
  return (value) => {
    if (typeof value !== 'number' && typeof value !== 'bigint') return readScalar(value);
    const millis = Math.floor(Number(value) / perMilli);
    return new Date(millis).toISOString().slice(11, 23);
  };
}

/** A list, map or struct as JSON text, as a nested value of a JSON file is; 64-bit integers exactly. */
function readNested(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'bigint') return readBigInt(inner);
    if (inner instanceof Uint8Array) return Buffer.from(inner).toString('base64');
    return inner;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function compressedSize(columns: FileMetaData['row_groups'][number]['columns']): number {
  return columns.reduce((sum, chunk) => sum + Number(chunk.meta_data?.total_compressed_size ?? 0n), 0);
}

function toSafeCount(name: string, count: bigint): number {
  const number = Number(count);
  if (!Number.isSafeInteger(number) || number < 0)
    throw new InputError(`cannot read ${name} as Parquet: a row group of ${count} rows`, { file: name });
  return number;
}

/** hyparquet's words, with the commonest case (a file cut short loses its footer) said plainly. */
function describeParquetError(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (/footer != PAR1|too short|metadata length/i.test(reason)) return `it does not end as a Parquet file does (${reason})`;
  return reason;
}

/** Anything hyparquet throws (a truncated footer, a corrupt page) is a fault of the file. */
async function withParquetErrors<T>(name: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${name} as Parquet: ${describeParquetError(error)}`, {
      file: name,
      hint: 'the file may be cut short (a copy or download that stopped) or damaged: export it again',
    });
  }
}
