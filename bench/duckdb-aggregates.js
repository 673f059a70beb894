#!/usr/bin/env node
/**
 * DuckDB's side of the benchmark: `node bench/duckdb-aggregates.js FILE` prints, as JSON, what
 * `xla score FILE --by team --period month` computes on the generated ticket file — tickets,
 * backlog, CSAT (share of 4–5 and mean), SLA attainment, reopen rate, and the mean, median and
 * p90 of first-response and resolution seconds — plus the NPS components the issue names.
 *
 * GROUPING SETS give the same four kinds of cell xla reports (team×month, team, month, all).
 * quantile_cont is the linear (R type 7) percentile xla uses. DuckDB runs on all cores by
 * default; that is part of what it is, so the benchmark leaves it so and reports CPU time too.
 */
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/duckdb-aggregates.js FILE');
  process.exit(2);
}

/** A SQL string literal (the path is ours, but quote it properly anyway). */
const literal = (text) => `'${text.replaceAll("'", "''")}'`;

// Types are given, not sniffed: sniffing would read a sample first and might guess differently
// at each size. TIMESTAMP accepts the trailing Z (UTC).
const columns = `{
  'id': 'VARCHAR', 'team': 'VARCHAR', 'priority': 'VARCHAR',
  'created_at': 'TIMESTAMP', 'first_response_at': 'TIMESTAMP', 'resolved_at': 'TIMESTAMP',
  'reopen_count': 'INTEGER', 'made_sla': 'BOOLEAN',
  'satisfaction': 'INTEGER', 'nps': 'INTEGER', 'ces': 'INTEGER', 'comment': 'VARCHAR'
}`;

const sql = `
WITH t AS (
  SELECT
    team,
    strftime(created_at, '%Y-%m') AS month,
    epoch(first_response_at) - epoch(created_at) AS fr,
    epoch(resolved_at) - epoch(created_at) AS res,
    resolved_at IS NULL AS open,
    satisfaction, made_sla, reopen_count, nps
  FROM read_csv(${literal(file)}, header = true, columns = ${columns})
)
SELECT
  coalesce(team, 'all') AS team,
  coalesce(month, 'all') AS month,
  count(*) AS tickets,
  count(*) FILTER (WHERE open) AS backlog,
  count(satisfaction) AS csat_n,
  count(*) FILTER (WHERE satisfaction >= 4) AS csat_top,
  avg(satisfaction) AS csat_mean,
  count(made_sla) AS sla_n,
  count(*) FILTER (WHERE made_sla) AS sla_met,
  count(reopen_count) FILTER (WHERE NOT open) AS reopen_n,
  count(*) FILTER (WHERE NOT open AND reopen_count > 0) AS reopened,
  count(nps) AS nps_n,
  count(*) FILTER (WHERE nps >= 9) AS promoters,
  count(*) FILTER (WHERE nps <= 6) AS detractors,
  count(fr) AS fr_n,
  avg(fr) AS fr_mean,
  quantile_cont(fr, [0.5, 0.9]) AS fr_p50_p90,
  count(res) AS res_n,
  avg(res) AS res_mean,
  quantile_cont(res, [0.5, 0.9]) AS res_p50_p90
FROM t
GROUP BY GROUPING SETS ((team, month), (team), (month), ())
ORDER BY team, month
`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
process.stdout.write(JSON.stringify(reader.getRowObjectsJson()) + '\n');
connection.closeSync();
instance.closeSync();
