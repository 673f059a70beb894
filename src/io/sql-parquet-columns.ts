/**
 * The types of a Parquet file's top-level columns, for the SQL pushdown (README "SQL pushdown"):
 * DuckDB's read_parquet gives typed values, and the query turns each into the text xla's own
 * reader (io/parquet-reader.ts) gives, so the rest of the query reads it as it reads a CSV cell.
 * Read from the footer only; timestamps are told apart by parquet-reader.ts's `timestampZone`.
 */
import { parquetMetadataAsync, parquetSchema } from 'hyparquet';
import type { SchemaElement, SchemaTree } from 'hyparquet';
import { InputError } from '../errors.js';
import { openParquetFile } from './parquet-file.js';
import { timestampZone } from './parquet-reader.js';

/**
 * `text` (strings), `number`, `bool`, `instant` (a UTC timestamp: ISO text ending in Z),
 * `local` (a timestamp without zone: ISO text without an offset), `date`; `other` for what the
 * pushdown does not turn into xla's text (nested values, times of day, decimals, bytes).
 */
export type ParquetColumnType = 'text' | 'number' | 'bool' | 'instant' | 'local' | 'date' | 'other';

export async function parquetColumnTypes(path: string, name: string): Promise<ReadonlyMap<string, ParquetColumnType>> {
  const file = openParquetFile(path, name);
  try {
    const metadata = await parquetMetadataAsync(file.buffer);
    return new Map(parquetSchema(metadata).children.map((column) => [column.element.name, columnType(column)]));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`, { file: name });
  } finally {
    file.release();
  }
}

function columnType(column: SchemaTree): ParquetColumnType {
  const element = column.element;
  if (column.children.length > 0) return 'other';
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  const zone = timestampZone(element);
  if (zone !== undefined) return zone === 'utc' ? 'instant' : 'local';
  if (logical === 'DATE' || converted === 'DATE') return 'date';
  if (logical !== undefined && logical !== 'STRING' && logical !== 'ENUM' && logical !== 'INTEGER') return 'other';
  if (converted !== undefined && converted !== 'UTF8' && converted !== 'ENUM' && !isIntegerType(converted)) return 'other';
  return typeOfPhysical(element);
}

const isIntegerType = (converted: string): boolean => /^U?INT_(8|16|32|64)$/.test(converted);

function typeOfPhysical(element: SchemaElement): ParquetColumnType {
  switch (element.type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return 'number';
    case 'BYTE_ARRAY':
      return element.converted_type === 'UTF8' || element.logical_type?.type === 'STRING' || element.converted_type === 'ENUM'
        ? 'text'
        : 'other';
    default:
      return 'other';
  }
}
