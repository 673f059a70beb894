/**
 * The SQL pushdown of the usage metrics (README "SQL pushdown"), through the built binary:
 * `--engine duckdb` gives the streaming report (within 1e-9 relative) on the usage fixtures with
 * and without --period, --by, --from/--to, --as-of and --tz, over several files and from Parquet;
 * PostgreSQL runs the generated SQL for real; stamps and user ids the SQL does not read as xla
 * does, and adoption against a customers file scored with the events, stop the run, named.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuckDb } from '../../src/io/duckdb.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, runJson, runXla, type JsonReport } from './run-xla.js';
import { dataset, describeOnDatasets } from '../datasets.js';

const EVENTS = fixture('usage/events.csv');
const DAILY = fixture('usage/daily.csv');
const ADOPTION_EVENTS = fixture('adoption/events.csv');
const USAGE = ['--metrics', 'active_users.dau,active_users.wau,active_users.mau,stickiness,new_users,adoption_rate', '--population', '10'];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xla-squ-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function written(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('--engine duckdb computes the usage metrics as the streaming engine does', () => {
  it.for([
    ['events, the whole run', EVENTS, []],
    ['events by month', EVENTS, ['--period', 'month']],
    ['events by ISO week in Europe/Berlin (a DST change, weeks across months)', EVENTS, ['--period', 'week', '--tz', 'Europe/Berlin']],
    ['events by plan and day in Europe/Berlin', EVENTS, ['--by', 'plan', '--period', 'day', '--tz', 'Europe/Berlin']],
    ['events by plan and month in America/New_York', EVENTS, ['--by', 'plan', '--period', 'month', '--tz', 'America/New_York']],
    ['events in a --from/--to window', EVENTS, ['--from', '2024-03-01', '--to', '2024-04-01', '--tz', 'Europe/Berlin']],
    ['events by month from --from (earlier rows are no history)', EVENTS, ['--period', 'month', '--from', '2024-03-05']],
    ['events by month as of 20 March', EVENTS, ['--period', 'month', '--as-of', '2024-03-20']],
    ['events with --where', EVENTS, ['--where', 'event=login', '--period', 'month']],
    ['date, else timestamp (blank dates fall back)', DAILY, ['--period', 'month']],
    ['date, else timestamp, by platform and week', DAILY, ['--by', 'platform', '--period', 'week', '--tz', 'Europe/Berlin']],
    ['the adoption fixture by month', ADOPTION_EVENTS, ['--period', 'month']],
  ] as const)('%s', ([, file, args]) => {
    expectDuckDbAsStreaming([file, ...USAGE, ...args]);
  });

  it('gives every usage metric in a default run with a population, and none without one but adoption', () => {
    const report = expectDuckDbAsStreaming([EVENTS, '--population', '10']);
    expect([...new Set(report.results.map((result) => result.metric))].sort()).toEqual([
      'active_users.dau',
      'active_users.mau',
      'active_users.wau',
      'adoption_rate',
      'data.completeness',
      'data.validity',
      'new_users',
      'stickiness',
    ]);
    const without = runJson(['score', EVENTS, '--engine', 'duckdb', '-q']).report;
    expect(without.results.map((result) => result.metric)).not.toContain('adoption_rate');
    expect(without.results.map((result) => result.metric)).toContain('stickiness');
  });

  it('gives the hand-computed values of the events fixture, on the wall clock of --tz', () => {
    const overall = (args: readonly string[], metric: string, period: string | null = null) =>
      runJson(['score', EVENTS, ...USAGE, '--engine', 'duckdb', '-q', ...args]).report.results.find(
        (result) => result.metric === metric && result.period === period && Object.keys(result.segment).length === 0,
      );
    // UTC: u1 on 26 Feb, 1, 2 and 31 Mar (23:30+02:00 and 00:30+02:00 are both 31 Mar in UTC); u2 on 3, 15 Mar and
    // 10 Apr; u3 on 29 Feb and 31 Mar; u4 on 2 Apr; u5 (" u5 " trimmed) on 10 and 11 Mar; u7 on 20 and 25 Mar:
    // 14 user-days over the 45 days from 26 Feb to 10 Apr; 6 users (u6 has no stamp, a blank and n/a no user).
    expect(overall([], 'active_users.dau')).toMatchObject({ n: 6, detail: { first_day: '2024-02-26', last_day: '2024-04-10', days: 45 } });
    expect(overall([], 'active_users.dau')?.value).toBeCloseTo(14 / 45, 14);
    expect(overall([], 'stickiness')?.value).toBeCloseTo((100 * 14) / (45 * 6), 12);
    expect(overall([], 'adoption_rate')).toMatchObject({ value: 60, n: 10, detail: { x: 6, population: 10 } });
    // Europe/Berlin: u1's 00:30+02:00 is 1 Apr, u3's 23:59:59.999Z on 29 Feb is 1 Mar: 15 user-days.
    expect(overall(['--tz', 'Europe/Berlin'], 'active_users.dau')?.value).toBeCloseTo(15 / 45, 14);
    // New in March: u2, u5, u7 in UTC (u3 came on 29 Feb); in Berlin u3 too (its first day is 1 Mar).
    expect(overall(['--period', 'month'], 'new_users', '2024-03')).toMatchObject({ value: 3, n: 5 });
    expect(overall(['--period', 'month', '--tz', 'Europe/Berlin'], 'new_users', '2024-03')).toMatchObject({ value: 4, n: 5 });
  });

  it('reads several files as one UNION ALL, each its own date and timestamp', () => {
    expectDuckDbAsStreaming([DAILY, EVENTS, ...USAGE, '--period', 'month']);
    expectDuckDbAsStreaming([EVENTS, DAILY, ...USAGE, '--tz', 'Europe/Berlin']);
    // A file's date column is both its period's and its days' stamp: an unread date in it is one date, not two.
    const lower = written('lower.csv', 'user_id,timestamp\nu1,2024-03-01t10:00:00Z\nu2,2024-03-02T10:00:00Z\n');
    const run = runXla(['score', lower, EVENTS, ...USAGE, '--period', 'month', '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('1 date is an ISO 8601 form the SQL does not read');
  });

  it('reads a Parquet twin with typed stamps (an instant, a local time, a date) as the CSV', async () => {
    const path = join(dir, 'events.parquet');
    const rows = [
      ["'u1'", "TIMESTAMPTZ '2024-03-01 23:30:00+00'", "TIMESTAMP '2024-03-01 23:30:00'", "DATE '2024-03-01'"],
      ["'u1'", "TIMESTAMPTZ '2024-03-31 22:30:00+00'", "TIMESTAMP '2024-04-01 00:30:00'", 'NULL'],
      ["'u2'", "TIMESTAMPTZ '2024-03-02 10:00:00.123+00'", 'NULL', "DATE '2024-03-02'"],
      ["'u3'", 'NULL', "TIMESTAMP '2024-04-02 08:00:00'", "DATE '2024-04-02'"],
    ];
    const values = rows.map((row) => `(${row.join(', ')})`).join(', ');
    await runDuckDb(`COPY (SELECT * FROM (VALUES ${values}) AS t(user_id, timestamp, local_time, date)) TO '${path}' (FORMAT parquet)`);
    expectDuckDbAsStreaming([path, ...USAGE, '--period', 'month', '--tz', 'Europe/Berlin']);
    expectDuckDbAsStreaming([path, ...USAGE, '--map', 'date=local_time', '--period', 'week', '--tz', 'Europe/Berlin']);
  });
});

describe("xla check --engine duckdb judges usage targets against the XLA file's population", () => {
  it('passes and fails as a streaming check does', () => {
    // 6 users of 12: adoption 50 %; stickiness 14 / (45 · 6) = 5.19 %.
    const config = written(
      'usage.yml',
      [
        'population: 12',
        'targets:',
        '  - { id: adopted, metric: adoption_rate, target: ">= 40%" }',
        '  - { id: sticky, metric: stickiness, target: ">= 20%" }',
        '',
      ].join('\n'),
    );
    const args = ['check', EVENTS, '-c', config, '--metrics', 'adoption_rate,stickiness', '--format', 'json', '-q'];
    const pushdown = runXla([...args, '--engine', 'duckdb']);
    const streaming = runXla(args);
    expect(pushdown.code).toBe(1);
    expect(pushdown.code).toBe(streaming.code);
    const verdicts = (stdout: string) =>
      (JSON.parse(stdout) as { targets: { id: string; status: string }[] }).targets.map((target) => [target.id, target.status]);
    expect(verdicts(pushdown.stdout)).toEqual([
      ['adopted', 'met'],
      ['sticky', 'breached'],
    ]);
    expect(verdicts(pushdown.stdout)).toEqual(verdicts(streaming.stdout));
    const adoption = (JSON.parse(pushdown.stdout) as JsonReport).results.find((result) => result.metric === 'adoption_rate');
    expect(adoption).toMatchObject({ value: 50, n: 12, detail: { population: 12, population_from: 'population' } });
  });
});

describe('--engine duckdb refuses what the SQL does not read as xla does', () => {
  it.for([
    [
      'an ISO 8601 form the SQL does not read (a lowercase t)',
      'user_id,timestamp\nu1,2024-03-01t10:00:00Z\nu2,2024-03-02T10:00:00Z\n',
      '1 date is an ISO 8601 form the SQL does not read',
    ],
  ] as const)('%s', ([, text, message]) => {
    const run = runXla(['score', written('refused.csv', text), ...USAGE, '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('reads a user id with a tab or a no-break space at an end as xla does: one user', () => {
    const file = written('padded.csv', 'user_id,timestamp\n"u1\t",2024-03-01T10:00:00Z\nu1\u00a0,2024-03-02T10:00:00Z\n');
    const report = expectDuckDbAsStreaming([file, ...USAGE]);
    expect(report.results.find((result) => result.metric === 'active_users.dau')).toMatchObject({ n: 1, value: 1 });
  });

  it('refuses a Parquet user id that is a number (DuckDB and xla print numbers differently), naming the column', async () => {
    const path = join(dir, 'numeric-users.parquet');
    await runDuckDb(
      `COPY (SELECT * FROM (VALUES (CAST(7 AS BIGINT), TIMESTAMPTZ '2024-03-01 10:00:00+00')) AS t(user_id, timestamp)) TO '${path}' (FORMAT parquet)`,
    );
    const run = runXla(['score', path, ...USAGE, '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('column "user_id" (user_id) is of number values, not text');
  });

  it('refuses stamps that are not ISO 8601 (GA4 yyyyMMdd dates, microseconds), naming the column', () => {
    const run = runXla(['score', fixture('usage/ga4-bigquery.csv'), '--metrics', 'active_users.dau', '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('column "event_date" (date) holds dates that are not ISO 8601, which the SQL pushdown cannot read');
  });

  it('refuses adoption against the customers of a customers file scored with the events, naming why', () => {
    // A customers file alone is pushed down (sql-pushdown-adoption-customers.test.ts).
    const files = runXla(['score', fixture('adoption/customers.csv'), ADOPTION_EVENTS, '--engine', 'duckdb', '--period', 'month']);
    expect(files.code).toBe(2);
    expect(files.stdout).toBe('');
    expect(files.stderr).toContain('the SQL pushdown reads several files of one kind');
    expect(files.stderr).toContain(
      'adoption_rate against the customers of a customers file needs the events and the customers in one state',
    );
  });

  it('reads a date xla rejects (an impossible date, an hour 24, a year before 100) as missing: the timestamp stands in', () => {
    // Thirty good dates first: the column is read as ISO 8601 (a tenth of a column's sample may fail to read).
    const good = Array.from({ length: 30 }, (_, i) => `u${String(i + 4)},2024-02-14,`);
    const path = written(
      'rejected.csv',
      [
        'user_id,date,timestamp',
        ...good,
        'u1,2024-02-30,2024-02-10T10:00:00Z',
        'u2,2024-02-11T24:00:00Z,2024-02-12T10:00:00Z',
        'u3,0099-02-11,2024-02-13T10:00:00Z',
        '',
      ].join('\n'),
    );
    const report = expectDuckDbAsStreaming([path, ...USAGE]);
    // Each rejected date falls back to the row's timestamp, as `date ?? timestamp` does: u1 on 10 Feb, u2 on 12, u3 on
    // 13, the thirty on 14: 33 user-days over the 5 days from 10 to 14 Feb.
    expect(report.results.find((result) => result.metric === 'active_users.dau')).toMatchObject({
      value: 6.6,
      n: 33,
      detail: { first_day: '2024-02-10', last_day: '2024-02-14', days: 5 },
    });
  });
});

describe('PostgreSQL runs the usage SQL', () => {
  const postgres = usePostgres();

  itRoundTripsThroughPostgres(
    postgres,
    (
      [
        ['events by month', EVENTS, ['--period', 'month']],
        ['events by plan and week in Europe/Berlin', EVENTS, ['--by', 'plan', '--period', 'week', '--tz', 'Europe/Berlin']],
        ['events in a window', EVENTS, ['--from', '2024-03-01', '--to', '2024-04-01']],
        ['date, else timestamp', DAILY, ['--period', 'month', '--tz', 'America/New_York']],
      ] as const
    ).map(([title, file, args]) => [title, file, [...USAGE, ...args]] as const),
  );
});

describeOnDatasets('the datasets hold no event log with user ids', () => {
  it('online shoppers (the one analytics dataset) feeds no usage metric, in either engine', () => {
    const report = expectDuckDbAsStreaming([dataset('online-shoppers/online_shoppers_intention.csv'), '--population', '10']);
    expect(report.results.filter((result) => /^(active_users|stickiness|new_users|adoption_rate)/.test(result.metric))).toEqual([]);
  });
});
