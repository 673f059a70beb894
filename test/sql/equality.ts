/**
 * The pushdown's promise, as tests check it: a report from the SQL equals the streaming engine's
 * (same rows, same n, numbers within 1e-9 relative), from embedded DuckDB or through a real
 * PostgreSQL server. Shared by every SQL pushdown test file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runJson, runXla, type JsonReport, type JsonResult } from '../cli/run-xla.js';
import { startPostgres, type Postgres } from './postgres.js';

const keyOf = (result: JsonResult): string => JSON.stringify([result.metric, result.segment, result.period]);

function closeTo(actual: number | null | undefined, expected: number | null | undefined, where: string): void {
  if (expected === null || expected === undefined || actual === null || actual === undefined) {
    expect(actual, where).toBe(expected);
    return;
  }
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

/** Every result of the pushdown's report equals the streaming one (same n, numbers within 1e-9 relative), and none is missing. */
function expectSameResults(pushdown: JsonReport, streaming: JsonReport): void {
  const computed = new Set(pushdown.results.map((result) => result.metric));
  const wanted = streaming.results.filter((result) => computed.has(result.metric));
  expect(pushdown.results.map(keyOf).sort()).toEqual(wanted.map(keyOf).sort());
  const byKey = new Map(wanted.map((result) => [keyOf(result), result]));
  for (const result of pushdown.results) {
    const where = keyOf(result);
    const expected = byKey.get(where) as JsonResult;
    expect(result.n, where).toBe(expected.n);
    closeTo(result.value, expected.value, where);
    closeTo(result.ci?.[0], expected.ci?.[0], `${where} ci low`);
    closeTo(result.ci?.[1], expected.ci?.[1], `${where} ci high`);
    for (const [name, value] of Object.entries(expected.detail ?? {})) {
      const got = result.detail?.[name];
      if (typeof value === 'number') closeTo(typeof got === 'number' ? got : null, value, `${where} detail.${name}`);
      else expect(got, `${where} detail.${name}`).toBe(value);
    }
  }
}

export function expectDuckDbAsStreaming(args: readonly string[]): JsonReport {
  const pushdown = runJson(['score', ...args, '--engine', 'duckdb', '-q']).report;
  const streaming = runJson(['score', ...args, '-q']).report;
  expect(pushdown.results.length).toBeGreaterThan(0);
  expectSameResults(pushdown, streaming);
  return pushdown;
}

/**
 * The pushdown's promise for any input: the streaming report, or a refusal by name (exit 2, nothing
 * on stdout, the reason and the streaming hint on stderr; or the very error of a streaming run, for
 * an input neither reads), never another report.
 */
export function expectDuckDbAsStreamingOrRefused(args: readonly string[]): 'same' | 'refused' {
  const run = runXla(['score', ...args, '--engine', 'duckdb', '-q', '--format', 'json']);
  if (run.code === 2) {
    expect(run.stdout).toBe('');
    if (/^xla: .+\n {2}hint: the streaming engine computes it/s.test(run.stderr)) return 'refused';
    // Not the pushdown's refusal: an input streaming refuses too (a file it cannot bind or read), alike.
    const streaming = runXla(['score', ...args, '-q', '--format', 'json']);
    expect({ code: streaming.code, stderr: streaming.stderr }).toEqual({ code: 2, stderr: run.stderr });
    return 'refused';
  }
  expect(run.code, run.stderr).toBe(0);
  const pushdown = JSON.parse(run.stdout) as JsonReport;
  expectSameResults(pushdown, runJson(['score', ...args, '-q']).report);
  return 'same';
}

/** A PostgreSQL server for a describe block: started before its tests, stopped after, with a scratch folder and fresh table names. */
export interface PostgresForTests {
  /** The server, or why it could not start (the tests skip with it). */
  server: () => Postgres | string;
  /** A scratch folder for the block's files, removed after it. */
  dir: () => string;
  /** A table name no other test of the block used: two cases may load the same file. */
  nextTable: (hint: string) => string;
}

export function usePostgres(): PostgresForTests {
  let server: Postgres | string = 'not started';
  let dir = '';
  let tables = 0;
  beforeAll(() => {
    server = startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'xla-pg-'));
  }, 360_000);
  afterAll(() => {
    if (typeof server !== 'string') server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    server: () => server,
    dir: () => dir,
    nextTable: (hint) => {
      tables += 1;
      return `${hint.replace(/\W/g, '_')}_${tables}`.slice(-60);
    },
  };
}

/**
 * The round trip every family runs through PostgreSQL: the file loaded as a table, `xla sql
 * --dialect postgres --table` over it, the query run, and `xla score --from-sql` of its rows (with
 * the options that shape a report: `--where` shaped the query, its rows are already filtered) equal
 * to the streaming report.
 */
export function expectPostgresRoundTrip(postgres: PostgresForTests, server: Postgres, file: string, args: readonly string[]): void {
  const table = postgres.nextTable(basename(file));
  server.loadCsv(table, file);
  const sql = runXla(['sql', file, ...args, '--dialect', 'postgres', '--table', table, '-q']);
  expect(sql.code, sql.stderr).toBe(0);
  const rows = join(postgres.dir(), `${table}.csv`);
  writeFileSync(rows, server.queryCsv(sql.stdout));
  const reportArgs = args.filter((arg, i) => arg !== '--where' && args[i - 1] !== '--where');
  const fromSql = runJson(['score', '--from-sql', rows, ...reportArgs]).report;
  expect(fromSql.results.length).toBeGreaterThan(0);
  expectSameResults(fromSql, runJson(['score', file, ...args, '-q']).report);
}

/** A round trip's case: its title, its file (made a path by `input`) and the options of the run. */
export type RoundTripCase = readonly [title: string, file: string, args: readonly string[]];

/** One test per case, each a PostgreSQL round trip; skipped, with the reason, where PostgreSQL cannot start. */
export function itRoundTripsThroughPostgres(
  postgres: PostgresForTests,
  cases: readonly RoundTripCase[],
  input: (file: string) => string = (file) => file,
): void {
  it.for(cases)('%s: --from-sql of its rows gives the streaming report', ([, file, args], { skip }) => {
    const server = postgres.server();
    if (typeof server === 'string') {
      skip(server);
      return;
    }
    expectPostgresRoundTrip(postgres, server, input(file), args);
  });
}
