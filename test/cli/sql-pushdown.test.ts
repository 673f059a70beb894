/**
 * The SQL pushdown end to end (README "SQL pushdown"), through the built binary: `xla sql` prints
 * the query, `--engine duckdb` runs it in embedded DuckDB, `--from-sql` reads rows back — and
 * each gives the streaming engine's report within 1e-9 relative. PostgreSQL runs the generated
 * SQL for real when Debian's server can be started on a loopback port (test/sql/postgres.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, runJson, runXla, type JsonReport } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const SURVEY = fixture('survey/responses.csv');
const DURATIONS = 'resolution_time.median,resolution_time.p90,first_response_time.median,first_response_time.p90';
const RATES = 'reopen_rate,fcr_rate';

describe('DuckDB is loaded only by --engine duckdb', () => {
  it('not by xla --version, nor by a streaming run or xla sql; by --engine duckdb', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-'));
    try {
      // Logs every load of a module of @duckdb, before Node resolves it.
      const guard = join(dir, 'guard.cjs');
      writeFileSync(
        guard,
        "const Module = require('node:module'); const load = Module._load;\n" +
          "Module._load = function (request, ...rest) { if (String(request).startsWith('@duckdb/')) process.stderr.write('loaded ' + request + '\\n'); return load.call(this, request, ...rest); };\n",
      );
      const loads = (args: string[]) => runXla(args, { nodeOptions: ['--require', guard] }).stderr.includes('loaded @duckdb/node-api');
      expect(loads(['--version'])).toBe(false);
      expect(loads(['score', SURVEY, '-q'])).toBe(false);
      expect(loads(['sql', SURVEY, '-q'])).toBe(false);
      expect(loads(['score', SURVEY, '-q', '--engine', 'duckdb'])).toBe(true);
      // Where the optional package is not installed: a clear message, exit 2, no report.
      const missing = join(dir, 'missing.cjs');
      writeFileSync(
        missing,
        "const Module = require('node:module'); const load = Module._load;\n" +
          "Module._load = function (request, ...rest) { if (String(request).startsWith('@duckdb/')) throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' }); return load.call(this, request, ...rest); };\n",
      );
      const run = runXla(['score', SURVEY, '--engine', 'duckdb'], { nodeOptions: ['--require', missing] });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('--engine duckdb needs the optional package @duckdb/node-api, which is not installed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('xla sql', () => {
  it('prints the DuckDB query over the file on stdout, and names on stderr the metrics it leaves out', () => {
    const run = runXla(['sql', SURVEY, '--by', 'Team']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^-- xla sql --dialect duckdb: nps, csat, csat.mean, ces, ces.easy, data.completeness, data.validity, data.duplicates\n/,
    );
    expect(run.stdout).toContain(`FROM read_csv(['${SURVEY}'], header = true, all_varchar = true, delim = ','`);
    expect(run.stdout).toContain('GROUP BY "segment_1"');
    expect(run.stderr).toContain('the SQL pushdown leaves out data.freshness (');
  });

  it('writes the query for a warehouse table with --table, and refuses another dialect without one', () => {
    const run = runXla(['sql', SURVEY, '--dialect', 'bigquery', '--table', 'cx.responses', '-q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('FROM `cx.responses`');
    expect(run.stderr).toBe('');
    const refused = runXla(['sql', SURVEY, '--dialect', 'spark', '-q']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--dialect spark needs --table NAME');
    expect(runXla(['sql', SURVEY, '--dialect', 'oracle']).stderr).toContain(
      '--dialect must be one of duckdb, postgres, bigquery, spark; got "oracle"',
    );
  });

  it('writes the query to a file with -o', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-'));
    try {
      const out = join(dir, 'q.sql');
      const run = runXla(['sql', SURVEY, '-o', out, '-q']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toMatch(/^-- xla sql --dialect duckdb/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('xla score --engine duckdb gives the streaming report', () => {
  it('on the survey fixture, by team: NPS +20 overall (5 promoters, 3 detractors of 10), Desk +40', () => {
    const report = expectDuckDbAsStreaming([SURVEY, '--by', 'Team']);
    const nps = (team?: string) => report.results.find((result) => result.metric === 'nps' && result.segment.Team === team);
    expect(nps()).toMatchObject({ value: 20, n: 10 });
    expect(nps('Desk')).toMatchObject({ value: 40, n: 5 });
    expect(report.inputs[0]).toMatchObject({ name: SURVEY, kind: 'survey', rows: 11 });
  });

  it('with --where and --by source', () => {
    const report = expectDuckDbAsStreaming([SURVEY, '--where', 'Team=Desk', '--by', 'source']);
    // Desk's csat 3, 2, 5, 4, 5: mean 3.8.
    expect(report.results.find((result) => result.metric === 'csat.mean' && result.segment.source === undefined)).toMatchObject({
      value: 3.8,
      n: 5,
    });
  });

  it.each([
    ['olist reviews (csat from review_score)', ['datasets/olist-reviews-400.csv']],
    ['Google Play apps (BOM, a rating of 19 rejected)', ['datasets/googleplay-300.csv', '--by', 'Category']],
    ['SUS and NPS instruments', ['instruments/sus-partial-nps.csv', '--metrics', 'nps']],
    ['the survey fixture by month', ['survey/responses.csv', '--by', 'Team', '--period', 'month']],
    ['the survey fixture by ISO week (changes between weeks)', ['survey/responses.csv', '--period', 'week']],
    ['the survey fixture by quarter, in Sydney', ['survey/responses.csv', '--period', 'quarter', '--tz', 'Australia/Sydney']],
    [
      'olist reviews by day, dates without offset read in São Paulo',
      ['datasets/olist-reviews-400.csv', '--period', 'day', '--tz', 'America/Sao_Paulo'],
    ],
    [
      'the survey fixture from 20 January to 6 March, by team',
      ['survey/responses.csv', '--by', 'Team', '--from', '2024-01-20', '--to', '2024-03-06'],
    ],
    [
      'olist reviews by week, March to May, in São Paulo',
      ['datasets/olist-reviews-400.csv', '--period', 'week', '--from', '2018-03-01', '--to', '2018-06-01', '--tz', 'America/Sao_Paulo'],
    ],
    ['tickets: the count, and CSAT from satisfaction', ['tickets/tickets.csv', '--metrics', 'tickets,csat,csat.mean', '--by', 'priority']],
    [
      'tickets: duration percentiles by priority and month',
      ['tickets/tickets.csv', '--metrics', DURATIONS, '--by', 'priority', '--period', 'month'],
    ],
    [
      'ticket durations from offsets, wall times in Berlin (a DST night), dates, a status column',
      ['tickets/durations-sql.csv', '--metrics', DURATIONS, '--by', 'team', '--tz', 'Europe/Berlin'],
    ],
    ['ticket durations, wall times in New York', ['tickets/durations-sql.csv', '--metrics', DURATIONS, '--tz', 'America/New_York']],
    ['ticket rates by team (yes/no spellings, rejected counts and flags)', ['tickets/rates-sql.csv', '--metrics', RATES, '--by', 'team']],
    ['the ticket fixture, every metric the pushdown computes', ['tickets/tickets.csv', '--by', 'priority']],
    [
      'Parquet: the ticket twin (UTC instants, a boolean, integers) by priority and month',
      ['parquet/tickets.parquet', '--by', 'priority', '--period', 'month'],
    ],
    [
      'Parquet: the survey twin by team, from 20 January, in Sydney',
      ['parquet/responses.parquet', '--by', 'Team', '--from', '2024-01-20', '--tz', 'Australia/Sydney'],
    ],
    [
      'Parquet: 10,000 answers, local date-times on the wall clock of New York, by ISO week',
      ['parquet/survey-10k.parquet', '--by', 'team', '--period', 'week', '--tz', 'America/New_York'],
    ],
  ])('on %s', (_, [file, ...args]) => {
    expectDuckDbAsStreaming([fixture(file as string), ...args]);
  });

  it('duration percentiles: the exact type-7 values and the tickets left out, by hand', () => {
    const report = expectDuckDbAsStreaming([fixture('tickets/durations-sql.csv'), '--metrics', DURATIONS, '--tz', 'Europe/Berlin']);
    const result = (metric: string) => report.results.find((r) => r.metric === metric);
    // Resolution (s): D1 8 h, D2 1 day of Berlin wall time, D3 22:00 → 04:00 over the spring-forward night (5 h),
    // D4 06:00Z → 09:00Z (3 h), D10 two Berlin midnights (1 day): 10800, 18000, 28800, 86400, 86400.
    // D5 open, D7 closed by status, D6 "not a date": left out and counted; D8 has no created_at.
    const excluded = { excluded_open: 1, excluded_closed: 1, excluded_unreadable: 1 };
    expect(result('resolution_time.median')).toMatchObject({ value: 28800, n: 5, detail: excluded });
    expect(result('resolution_time.p90')).toMatchObject({ value: 86400, n: 5 });
    // First response (s): 1200.25 (milliseconds kept), 1800, 2700, 3600; median h = 1.5 → 2250, p90 h = 2.7 → 2700 + 0.7·900.
    // D4 resolved and D7 closed without one: closed; D5 (N/A, status open): open; D6 answered before created: unreadable.
    const frExcluded = { excluded_open: 1, excluded_closed: 2, excluded_unreadable: 1 };
    expect(result('first_response_time.median')).toMatchObject({ value: 2250, n: 4, detail: frExcluded });
    expect(result('first_response_time.p90')?.value).toBeCloseTo(3330, 9);
  });

  it('reopen and FCR rates over resolved tickets, by hand', () => {
    const report = expectDuckDbAsStreaming([fixture('tickets/rates-sql.csv'), '--metrics', RATES]);
    const result = (metric: string) => report.results.find((r) => r.metric === metric && Object.keys(r.segment).length === 0);
    // Resolved: R1, R2, R8, R9 (resolved_at), R4 (status Resolved), R5 (resolved before created) and R6 (not a date): rejected, so
    // resolved at an unknown time. Open: R3 (status open), R7 (no status, no resolved_at in a file with the column).
    // Reopened: R2 (2), R4 (Y), R6 (да), R9 (t; its -1 is rejected); not: R1 (0, no), R5 (0; "maybe" rejected). R8 says nothing.
    expect(result('reopen_rate')).toMatchObject({
      value: (100 * 4) / 6,
      n: 6,
      detail: { x: 4, n: 6, excluded_open: 2, excluded_unknown: 0 },
    });
    // One contact: R1 (1, yes), R4 (fcr 1), R5 (1), R9 (T; contacts 0 rejected); not: R2 (3, N), R6 (1.5 rejected, нет). Open: R3.
    expect(result('fcr_rate')).toMatchObject({ value: (100 * 4) / 6, n: 6, detail: { x: 4, n: 6, excluded_open: 1, excluded_unknown: 0 } });
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-'));
    try {
      // No resolved_at, no status: no ticket is known resolved or open.
      const file = join(dir, 'no-resolution.csv');
      writeFileSync(file, 'id,reopened,contacts\nA,yes,1\nB,no,2\nC,,\n');
      const unknown = expectDuckDbAsStreaming([file, '--metrics', RATES]);
      expect(unknown.results.find((r) => r.metric === 'reopen_rate')).toMatchObject({ value: null, n: 0, detail: { excluded_unknown: 2 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with targets: the verdicts are the streaming ones', () => {
    const args = [SURVEY, '--target', 'nps >= 30', '--target', 'csat >= 50%'];
    const pushdown = runJson(['score', ...args, '--engine', 'duckdb', '-q']).report;
    const streaming = runJson(['score', ...args, '-q']).report;
    expect(pushdown.summary).toEqual(streaming.summary);
    expect(pushdown.targets).toEqual(streaming.targets);
    // NPS +20 is below 30; CSAT 6 of 10 = 60 % is above 50 %.
    expect(pushdown.targets).toMatchObject([{ status: 'breached' }, { status: 'met' }]);
  });
});

describeOnDatasets('xla score --engine duckdb on the full datasets', () => {
  it.each([
    ['olist reviews', ['olist-sample/olist_order_reviews_dataset.csv']],
    ['olist reviews by month in Berlin', ['olist-sample/olist_order_reviews_dataset.csv', '--period', 'month', '--tz', 'Europe/Berlin']],
    ['Google Play apps, by category', ['google-play-apps/googleplaystore.csv', '--by', 'Category']],
  ])('%s', (_, [file, ...args]) => {
    expectDuckDbAsStreaming([dataset(file as string), ...args]);
  });
});

describe('numbers xla reads and the SQL does not, in every family that reads numbers', () => {
  it.for([
    ['an NPS of 1e1', 'respondent_id,nps,csat\nr1,9,5\nr2,1e1,4\n', 'column "nps" (nps) has 1 value'],
    ['a CSAT of 1e0', 'respondent_id,nps,csat\nr1,9,5\nr2,8,1e0\n', 'column "csat" (csat) has 1 value'],
    [
      'contacts of 1,234',
      'id,created_at,resolved_at,contacts\nT1,2024-05-01T08:00:00Z,2024-05-01T09:00:00Z,"1,234"\n',
      'column "contacts" (contacts) has 1 value',
    ],
  ] as const)('%s stops the run, naming the column, where the report would differ in silence', ([, text, message]) => {
    const file = join(scratchDir(), 'cells.csv');
    writeFileSync(file, text);
    const run = runXla(['score', file, '--engine', 'duckdb', '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${message} the SQL pushdown does not read as xla does`);
  });

  it('reads a fraction of CSAT, CES or a rating as streaming does (only ESI items are scored whole)', () => {
    const file = join(scratchDir(), 'fractions.csv');
    writeFileSync(file, 'respondent_id,nps,csat,ces\nr1,9,4.5,3.5\nr2,8,5,2\n');
    expectDuckDbAsStreaming([file, '--metrics', 'nps,csat,csat.mean,ces']);
  });
});

describe('what the SQL pushdown refuses, by name (exit 2, no report written)', () => {
  it.each([
    ['a column of labels', [fixture('labels/google-forms.csv')], 'holds labels'],
    [
      'a metric it computes only with --as-of',
      [SURVEY, '--metrics', 'nps,data.freshness'],
      'data.freshness: the SQL pushdown measures it against --as-of only',
    ],
    ['--join', [SURVEY, '--join', 'a=b'], '--engine duckdb does not support join yet'],
    [
      'dates that are not ISO 8601, with --period',
      [fixture('dates/excel-d-mmm-yy.csv'), '--period', 'month'],
      'holds dates that are not ISO 8601',
    ],
    ['--strict', [SURVEY, '--strict'], '--strict and --rejects need the streaming engine'],
    ['an event log', [fixture('datasets/servicenow-events-1200.csv')], 'is an event log'],
    [
      'a target on a metric the run leaves out',
      [SURVEY, '--metrics', 'csat', '--target', 'nps >= 30'],
      'the SQL pushdown does not compute nps in this run',
    ],
  ])('%s', (_, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-'));
    try {
      const out = join(dir, 'report.json');
      const run = runXla(['score', ...args, '--engine', 'duckdb', '-o', out]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the call that refuses: xla sql for its own options, and no engine for a file DuckDB does not read', () => {
    const join_ = runXla(['sql', SURVEY, '--join', 'a=b']);
    expect(join_.code).toBe(2);
    expect(join_.stdout).toBe('');
    expect(join_.stderr).toContain('xla sql does not support join yet');
    const file = fixture('io/responses.json');
    const json = runXla(['sql', file, '-q']);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain(`xla: ${file} is json, which DuckDB does not read as xla does`);
    expect(json.stderr).not.toContain('xla: --engine duckdb:');
  });

  it("a file with lines xla leaves out (Excel's sep= line), and a name with a control character", () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-'));
    try {
      const sep = join(dir, 'sep.csv');
      writeFileSync(sep, 'sep=,\nnps\n9\n3\n');
      const run = runXla(['score', sep, '--engine', 'duckdb']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('needs lines left out (skipped Excel\'s "sep=," line)');
      // An ESC sequence in a column name would reach the terminal inside the printed SQL: refused, and shown escaped.
      const hostile = join(dir, 'hostile.csv');
      writeFileSync(hostile, 'Team\u001b[2J,nps\nA,9\nB,3\n');
      const sql = runXla(['sql', hostile, '--by', 'Team\u001b[2J']);
      expect(sql.code).toBe(2);
      expect(sql.stdout).toBe('');
      expect(sql.stderr).toContain('the --by column "Team\\x1B[2J" holds a control character');
      expect(sql.stderr).not.toContain('\u001b');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ISO 8601 dates in a form SQL does not read (an offset without a colon): counted by the query, refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-'));
    try {
      const file = join(dir, 'offsets.csv');
      writeFileSync(file, 'submitted_at,nps\n2024-01-05T10:00:00+0300,9\n2024-01-06T10:00:00Z,3\n');
      const run = runXla(['score', file, '--engine', 'duckdb', '--period', 'month', '-q']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${file}: 1 date is an ISO 8601 form the SQL does not read`);
      // Spark counts them too (test/cli/sql-pushdown-dialects-customers.test.ts has its periods).
      expect(runXla(['sql', file, '--period', 'month', '--dialect', 'spark', '--table', 't']).stdout).toContain('AS `period_unread`');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('duration stamps: microseconds (xla drops them, a difference in SQL would not) counted and refused; or not ISO 8601: refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-'));
    try {
      const file = join(dir, 'micro.csv');
      writeFileSync(
        file,
        'id,created_at,resolved_at\nA,2024-01-05T10:00:00.000001Z,2024-01-05T11:00:00Z\nB,2024-01-05T10:00:00Z,2024-01-05T12:00:00.5Z\n',
      );
      const out = join(dir, 'report.json');
      const run = runXla(['score', file, '--engine', 'duckdb', '--metrics', 'resolution_time.p90', '-o', out]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`${file}: 1 date is an ISO 8601 form the SQL does not read`);
      expect(existsSync(out)).toBe(false);
      const us = join(dir, 'us.csv');
      writeFileSync(us, 'id,created_at,resolved_at\nA,01/15/2024 10:00,01/15/2024 11:00\nB,01/16/2024 10:00,01/17/2024 09:00\n');
      const usRun = runXla(['score', us, '--engine', 'duckdb', '--metrics', 'resolution_time.median']);
      expect(usRun.code).toBe(2);
      expect(usRun.stderr).toContain('column "created_at" (created_at) holds dates that are not ISO 8601');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Parquet: a struct field or a number column as a segment is refused by name; xla sql reads the file with read_parquet', () => {
    const ga4 = runXla([
      'score',
      fixture('parquet/ga4-events.parquet'),
      '--engine',
      'duckdb',
      '--metrics',
      'tickets',
      '--by',
      'traffic_source.medium',
    ]);
    expect(ga4.code).toBe(2);
    expect(ga4.stdout).toBe('');
    expect(ga4.stderr).toContain(
      'column "traffic_source.medium" (--by) is a field of a struct, which the SQL pushdown does not read from Parquet',
    );
    const byScore = runXla(['score', fixture('parquet/tickets.parquet'), '--engine', 'duckdb', '--by', 'Reopens']);
    expect(byScore.code).toBe(2);
    expect(byScore.stderr).toContain('column "Reopens" (--by) is of number values, not text');
    const sql = runXla(['sql', fixture('parquet/survey-10k.parquet'), '--metrics', 'nps', '--period', 'month', '-q']);
    expect(sql.code).toBe(0);
    expect(sql.stdout).toContain(`FROM read_parquet(['${fixture('parquet/survey-10k.parquet')}'])`);
    // A local date-time becomes ISO text without an offset (wall time in --tz), to the millisecond.
    expect(sql.stdout).toContain(
      `strftime(make_timestamp(CAST(floor(epoch_us("submitted_at") / 1000) AS BIGINT) * 1000), '%Y-%m-%dT%H:%M:%S.%g') AS "submitted_at"`,
    );
  });

  it('a default run leaves out what it cannot compute with these options, each reason once after its metrics', () => {
    const run = runXla(['score', fixture('tickets/tickets.csv'), '--engine', 'duckdb', '--where', 'Priority=High', '-f', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      'xla: warning: the SQL pushdown leaves out sla_attainment, backlog, backlog.age.p90, watermelon_rate, happy_breach_rate ' +
        '(without --as-of, open tickets are judged at the newest stamp of every row read, which the SQL pushdown cannot take with --where); ' +
        'data.freshness (the SQL pushdown measures it against --as-of only); the streaming engine computes them\n',
    );
    const metrics = (JSON.parse(run.stdout) as JsonReport).results.map((result) => result.metric);
    expect(metrics).toContain('resolution_time.median');
    expect(metrics).not.toContain('sla_attainment');
  });
});

describe('xla score --from-sql', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xla-from-sql-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reports from rows a warehouse returned (upper-case names, NULL segment as blank)', () => {
    // North: 6 promoters, 2 passives, 2 detractors → +40; blank team: 1 promoter of 4 → 100·(1−3)/4 = −50.
    // Overall: 7, 2, 5 of 14 → 100·2/14. rating.mean: 12 ratings summing 48.5, squares 206.25 → mean 48.5/12.
    const file = write(
      'rows.csv',
      'SEGMENT_1,ROWS,NPS__UNREAD,RATING__UNREAD,NPS__PROMOTERS,NPS__PASSIVES,NPS__DETRACTORS,RATING__N,RATING__SUM,RATING__SQUARES\n' +
        'North,11,0,0,6,2,2,8,33.5,145.25\n' +
        ',4,0,0,1,0,3,4,15,61\n',
    );
    const { report, run } = runJson(['score', '--from-sql', file, '--by', 'team']);
    expect(run.stderr).toBe('');
    const result = (metric: string, team?: string) => report.results.find((r) => r.metric === metric && r.segment.team === team);
    expect(result('nps', 'North')).toMatchObject({ value: 40, n: 10 });
    expect(result('nps', '')).toMatchObject({ value: -50, n: 4 });
    expect(result('nps')?.value).toBeCloseTo((100 * 2) / 14, 12);
    expect(result('rating')).toMatchObject({ value: 48.5 / 12, n: 12 });
    expect(report.inputs[0]).toMatchObject({ name: file, rows: 15 });
  });

  it('names the file, line and column of a value that breaks the contract', () => {
    const file = write('bad.csv', 'rows,nps__unread,nps__promoters,nps__passives,nps__detractors\n3,0,1,1,1\n2,0,one,1,0\n');
    const run = runXla(['score', '--from-sql', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`--from-sql ${file}:3: column nps__promoters: "one" is not a count`);
  });

  it('refuses rows without a metric, data files beside it, and a missing segment column', () => {
    const none = write('none.csv', 'rows,x\n1,2\n');
    expect(runXla(['score', '--from-sql', none]).stderr).toContain("no metric's columns are in the file");
    expect(runXla(['score', SURVEY, '--from-sql', none]).stderr).toContain(
      '--from-sql reads the rows an SQL engine returned, not data files',
    );
    const flat = write('flat.csv', 'rows,nps__promoters,nps__passives,nps__detractors\n3,1,1,1\n');
    const run = runXla(['score', '--from-sql', flat, '--by', 'team']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no column "segment_1"');
  });
});

describe('PostgreSQL runs the generated SQL', () => {
  const postgres = usePostgres();

  itRoundTripsThroughPostgres(
    postgres,
    [
      ['the survey fixture by team', 'survey/responses.csv', ['--by', 'Team']],
      ['olist reviews by ISO week', 'datasets/olist-reviews-400.csv', ['--period', 'week', '--tz', 'America/Sao_Paulo']],
      [
        'the survey fixture by quarter and team, in Sydney',
        'survey/responses.csv',
        ['--by', 'Team', '--period', 'quarter', '--tz', 'Australia/Sydney'],
      ],
      [
        'olist reviews by month from March, in Berlin',
        'datasets/olist-reviews-400.csv',
        ['--period', 'month', '--from', '2018-03-01', '--tz', 'Europe/Berlin'],
      ],
      ['Google Play apps by category, free apps', 'datasets/googleplay-300.csv', ['--by', 'Category', '--where', 'Type=Free']],
      [
        'ticket duration percentiles by team, in Berlin',
        'tickets/durations-sql.csv',
        ['--metrics', DURATIONS, '--by', 'team', '--tz', 'Europe/Berlin'],
      ],
      [
        'ticket duration percentiles by priority and month',
        'tickets/tickets.csv',
        ['--metrics', `${DURATIONS},tickets`, '--by', 'priority', '--period', 'month'],
      ],
      ['ticket rates by team', 'tickets/rates-sql.csv', ['--metrics', RATES, '--by', 'team']],
      ['the ticket fixture, every metric the pushdown computes', 'tickets/tickets.csv', ['--by', 'priority']],
    ],
    fixture,
  );
});
