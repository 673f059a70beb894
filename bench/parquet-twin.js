#!/usr/bin/env node
/**
 * `node bench/parquet-twin.js FILE.csv` writes FILE.parquet beside the generated ticket CSV with
 * DuckDB, typed as a warehouse export would be (timestamps, integers, a boolean; empty cells as
 * NULL), in DuckDB's default row groups of 122,880 rows and Snappy pages. The `xla-parquet` row of
 * the benchmark reads it. Written to FILE.parquet.partial and renamed when complete.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { renameSync } from 'node:fs';

const csv = process.argv[2];
if (!csv?.endsWith('.csv')) {
  console.error('usage: node bench/parquet-twin.js FILE.csv');
  process.exit(2);
}
const parquet = csv.replace(/\.csv$/, '.parquet');
const literal = (text) => `'${text.replaceAll("'", "''")}'`;
// The generator's columns (bench/generate.js), typed as in bench/duckdb-aggregates.js but with the
// zone kept: TIMESTAMPTZ, so that the file holds instants, as the CSV's trailing Z says.
const columns = `{
  'id': 'VARCHAR', 'team': 'VARCHAR', 'priority': 'VARCHAR',
  'created_at': 'TIMESTAMPTZ', 'first_response_at': 'TIMESTAMPTZ', 'resolved_at': 'TIMESTAMPTZ',
  'reopen_count': 'INTEGER', 'made_sla': 'BOOLEAN',
  'satisfaction': 'INTEGER', 'nps': 'INTEGER', 'ces': 'INTEGER', 'comment': 'VARCHAR'
}`;
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
// In file order, so that a row's number in the Parquet file is its record number in the CSV.
await connection.run('SET preserve_insertion_order = true');
await connection.run(
  `COPY (SELECT * FROM read_csv(${literal(csv)}, header = true, columns = ${columns})) TO ${literal(`${parquet}.partial`)} (FORMAT parquet)`,
);
renameSync(`${parquet}.partial`, parquet);
