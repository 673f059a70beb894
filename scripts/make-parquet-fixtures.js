#!/usr/bin/env node
/**
 * Writes the Parquet fixtures (fixtures/parquet/) with DuckDB, as a warehouse would export them:
 * `node scripts/make-parquet-fixtures.js`. Each is the twin of a CSV fixture, or made here from a
 * formula the tests repeat, so a test can compare xla's report on both. Rerun after changing one
 * (`node scripts/make-parquet-fixtures.js <name>.parquet` writes that one only); the files are
 * committed, so the tests need no DuckDB.
 *
 *   tickets.parquet            fixtures/tickets/tickets.csv, typed by DuckDB's sniffer: timestamps
 *                              with time zone, BIGINT counts and BOOLEAN flags, blanks as NULL
 *   tickets-<codec>.parquet    the same with zstd, gzip, brotli and lz4 pages (tickets.parquet is Snappy)
 *   responses.parquet          fixtures/survey/responses.csv, typed the same way
 *   servicenow-events-1200.parquet
 *                              fixtures/datasets/servicenow-events-1200.csv (the first 1,200 rows of
 *                              the real ServiceNow event log), every column text as in the CSV
 *   survey-10k.parquet         10,000 generated answers in 5 row groups of 2,048 rows (DuckDB's
 *                              smallest): local timestamps (no zone), INTEGER scores, DOUBLE with
 *                              NULLs; test/io/parquet.test.ts writes the same rows as CSV
 *   ga4-events.parquet         fixtures/analytics/sessions.csv as a GA4-like export: a DATE, a
 *                              STRUCT (traffic_source) and a repeated LIST of STRUCTs (event_params)
 *   interval.parquet           one INTERVAL column, which xla cannot read, beside a score
 *   times.parquet              timestamps in a list and a struct, before 1970, and in nanoseconds
 *                              beyond 2^53
 *   name-clash.parquet         a struct `device` beside a column named `device.category`
 *   customers-book.parquet     fixtures/customers/book.csv as a CRM would type it: start_date a
 *                              TIMESTAMP (wall time), end_date a DATE, churned BOOLEAN, money DOUBLE,
 *                              orders BIGINT, tenure DOUBLE months (cells no type reads become NULL)
 *   types.parquet              two rows of the other types a warehouse writes: BIGINT beyond 2^53,
 *                              DECIMAL, REAL, NaN, TIME, nanosecond and zoned timestamps, UUID, NULL
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, 'fixtures/parquet');

/** A SQL string literal. */
const literal = (text) => `'${text.replaceAll("'", "''")}'`;
const fixture = (path) => literal(join(ROOT, 'fixtures', path));

const FIXTURES = {
  'tickets.parquet': `SELECT * FROM read_csv(${fixture('tickets/tickets.csv')})`,
  'responses.parquet': `SELECT * FROM read_csv(${fixture('survey/responses.csv')})`,
  'servicenow-events-1200.parquet': `SELECT * FROM read_csv(${fixture('datasets/servicenow-events-1200.csv')}, all_varchar = true)`,
  // Row i (from 0): answered i hours after 2024-01-01 00:00 local time, team A/B/C by i mod 3,
  // recommend score i mod 11, satisfaction (i mod 5) + 1 except every 7th row (NULL).
  'survey-10k.parquet': `
    SELECT
      TIMESTAMP '2024-01-01 00:00:00' + to_hours(i) AS submitted_at,
      ['A', 'B', 'C'][i % 3 + 1] AS team,
      (i % 11)::INTEGER AS nps,
      CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 5 + 1)::DOUBLE END AS csat
    FROM range(10000) AS r(i) ORDER BY i`,
  'ga4-events.parquet': `
    SELECT
      date::DATE AS event_date,
      {'medium': channel, 'source': 'google'} AS traffic_source,
      [{'key': 'page_views', 'value': {'string_value': NULL, 'int_value': pageviews}},
       {'key': 'page_location', 'value': {'string_value': '/home', 'int_value': NULL}}] AS event_params,
      converted, bounced, pageviews, response_time_ms, lcp, inp, cls
    FROM read_csv(${fixture('analytics/sessions.csv')})`,
  'interval.parquet': `SELECT 9 AS nps, INTERVAL 3 DAY AS wait UNION ALL SELECT 3, INTERVAL 1 HOUR`,
  'times.parquet': `
    SELECT
      [TIMESTAMPTZ '2024-01-05 10:00:00.5+00', NULL] AS stamps,
      {'at': TIMESTAMP '1969-12-31 23:59:59.9995'} AS visit,
      TIMESTAMP_NS '1900-01-01 00:00:00.0000005' AS old_ns,
      TIMESTAMP_MS '1969-12-31 23:59:59.999' AS before_epoch`,
  'name-clash.parquet': `SELECT {'category': 'mobile', 'os': 'iOS'} AS device, 'desktop' AS "device.category", 9 AS nps`,
  'customers-book.parquet': `
    SELECT
      customer_id, plan,
      TRY_CAST(start_date AS TIMESTAMP) AS start_date,
      TRY_CAST(end_date AS DATE) AS end_date,
      CASE WHEN lower(churned) IN ('yes', 'churned') THEN TRUE WHEN lower(churned) IN ('no', 'active') THEN FALSE END AS churned,
      TRY_CAST(revenue AS DOUBLE) AS revenue,
      TRY_CAST(acquisition_cost AS DOUBLE) AS acquisition_cost,
      TRY_CAST(orders AS BIGINT) AS orders,
      TRY_CAST(tenure AS DOUBLE) AS tenure
    FROM read_csv(${fixture('customers/book.csv')}, all_varchar = true)`,
  'types.parquet': `
    SELECT * FROM (VALUES
      (9007199254740993::BIGINT, 42::BIGINT, 12.34::DECIMAL(10, 2), 'nan'::DOUBLE, TIME '13:45:30.250',
       TIMESTAMP_NS '2024-03-31 01:30:00.123456789', TIMESTAMPTZ '2024-03-31 01:30:00+02', DATE '2024-02-29',
       '00000000-0000-4000-8000-000000000001'::UUID, 2::TINYINT),
      (-9007199254740993::BIGINT, NULL, -0.5::DECIMAL(10, 2), 1.5::DOUBLE, NULL, NULL, NULL, NULL, NULL, NULL)
    ) AS t(big_id, count, amount, ratio, at_time, at_ns, at_zoned, day, uuid, small)`,
};

mkdirSync(OUT, { recursive: true });
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
// One thread, in order: row groups then hold the rows in the order of the query.
await connection.run('SET threads = 1');
await connection.run('SET preserve_insertion_order = true');
const CODECS = ['zstd', 'gzip', 'brotli', 'lz4'];
const copies = [
  ...Object.entries(FIXTURES).map(([name, query]) => ({ name, query, codec: 'snappy' })),
  ...CODECS.map((codec) => ({ name: `tickets-${codec}.parquet`, query: FIXTURES['tickets.parquet'], codec })),
];
const only = process.argv.slice(2);
for (const { name, query, codec } of copies.filter((copy) => only.length === 0 || only.includes(copy.name))) {
  await connection.run(`COPY (${query}) TO ${literal(join(OUT, name))} (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION ${codec})`);
  console.log(`wrote fixtures/parquet/${name}`);
}
