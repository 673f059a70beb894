/**
 * Runs a query in embedded DuckDB (`xla score --engine duckdb`). The engine is an optional
 * dependency, loaded only here and only when asked for: `xla --version` and every streaming run
 * never load its native library.
 */
import type * as DuckDb from '@duckdb/node-api';
import { createRequire } from 'node:module';
import { XlaError } from '../errors.js';

export type DuckDbCell = string | number | bigint | boolean | null;

/** The rows of the query, each a plain object of column → value (exact decimals are text in the SQL itself). */
export async function runDuckDb(sql: string): Promise<Record<string, DuckDbCell>[]> {
  const duckdb = loadDuckDb();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const columns = reader.columnNames();
    return reader.getRows().map((values) => Object.fromEntries(columns.map((name, i) => [name, plainCell(values[i])])));
  } catch (error) {
    throw new XlaError(`DuckDB could not run the query: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {
      hint: 'the streaming engine reads what DuckDB cannot: drop --engine duckdb',
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

type DuckDbModule = typeof DuckDb;

/**
 * required, not imported: the package is CommonJS, and the bundled binary runs in node:vm, which
 * has no door for import() (bin/code-cache.js).
 */
function loadDuckDb(): DuckDbModule {
  try {
    return createRequire(import.meta.url)('@duckdb/node-api') as DuckDbModule;
  } catch {
    throw new XlaError('--engine duckdb needs the optional package @duckdb/node-api, which is not installed', {
      hint: 'npm install @duckdb/node-api next to xla, or drop --engine duckdb (the streaming engine needs nothing more)',
    });
  }
}

/** Counts come back as bigint, text as string; anything else (a DECIMAL object) as its text. */
function plainCell(value: unknown): DuckDbCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
  return String(value);
}
