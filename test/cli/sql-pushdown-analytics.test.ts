/**
 * The SQL pushdown of the analytics metrics (README "SQL pushdown"), through the built binary:
 * `--engine duckdb` gives the streaming report (within 1e-9 relative) on the analytics, request
 * log and task fixtures and on the online-shoppers dataset; PostgreSQL runs the generated SQL for
 * real; values the SQL does not read as xla does stop the run, named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, runJson, runXla } from './run-xla.js';

const DAILY = fixture('analytics/daily.csv');
/** Cells at the edges of what xla reads: a trailing point, a plus sign, null markers, words and values it rejects. */
const ODD_CELLS = [
  'timestamp,sessions,bounces,bounce_rate,pageviews,response_time_ms,success,status_code,lcp,cls',
  '2024-01-01T00:00:00Z,5.,2,,+7,250.5,yes,200,1800.25,0.000001',
  '2024-01-01T01:00:00Z,n/a,,100%,3,1000,,404,,.5',
  '2024-01-01T02:00:00Z,3,5,,abc,0,no,,-5,',
  '2024-01-01T03:00:00Z,,,1.5,,4000.000001,maybe,999,2500,0',
  '',
].join('\n');
const SHOPPERS = 'datasets/online-shoppers-500.csv';

describe('--engine duckdb computes the analytics metrics as the streaming engine does', () => {
  it.for([
    ['sessions (events, Web Vitals, a ms column)', 'analytics/sessions.csv', ['--by', 'channel', '--period', 'day']],
    ['daily aggregates (every rate form, per-session ratios, sums)', 'analytics/daily.csv', ['--by', 'channel', '--period', 'day']],
    ['daily aggregates with Apdex T = 300 ms', 'analytics/daily.csv', ['--apdex-t', '300ms']],
    ['a request log with HTTP statuses', 'request-logs/http-status.csv', ['--by', 'path']],
    ['a request log with success words', 'request-logs/plain-numbers.csv', []],
    ['a request log of unsure units', 'request-logs/unsure-numbers.csv', []],
    ['Maze missions (task outcomes, times, misclicks)', 'tasks/maze-missions.csv', ['--by', 'Mission']],
    ['online shoppers (bounce_rate in 9.83E-05 form too)', SHOPPERS, ['--by', 'VisitorType']],
    ['online shoppers by month: no date column, every row without a period', SHOPPERS, ['--period', 'month']],
    [
      'task clicks and errors',
      'tasks/results.csv',
      ['--metrics', 'clicks_to_complete.mean,task_success_rate,task_error_rate', '--by', 'Task'],
    ],
    ['GA4 events from Parquet', 'parquet/ga4-events.parquet', []],
  ] as const)('%s', ([, file, args]) => {
    expectDuckDbAsStreaming([fixture(file), ...args]);
  });

  it('reads odd cells as xla does: 5., +7, n/a, 100%, rejected words, values out of range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sqa-'));
    try {
      const path = join(dir, 'odd.csv');
      writeFileSync(path, ODD_CELLS);
      const report = expectDuckDbAsStreaming([path]);
      // Bounces 2 of 5. sessions, 100 % of one session (sessions n/a), 5 of 3 sessions; 1.5 is no fraction.
      const bounce = report.results.find((result) => result.metric === 'bounce_rate');
      expect(bounce).toMatchObject({ n: 9, detail: { x: 8, n: 9 } });
      expect(bounce?.value).toBeCloseTo(800 / 9, 12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the hand-computed values of the daily fixture', () => {
    const { report } = runJson(['score', DAILY, '--engine', 'duckdb', '-q']);
    const result = (metric: string) => report.results.find((candidate) => candidate.metric === metric && candidate.period === null);
    // Conversions 30+16+27+8+9 of visitors (else sessions) 1000+800+900+400+300.
    expect(result('conversion_rate')).toMatchObject({ n: 3400, detail: { x: 90, n: 3400 } });
    expect(result('conversion_rate')?.value).toBeCloseTo((100 * 90) / 3400, 12);
    // 540 of 1200; 45.25 % of 800 = 362; 0.4523 of one session; 200 of 500; 0.5 of 1000.
    expect(result('bounce_rate')).toMatchObject({ n: 3501, detail: { x: 1602.4523, n: 3501 } });
    // Errors of requests: 25+40+0+0+3000 of 5000+2000+4000+1000+3000.
    expect(result('error_rate')).toMatchObject({ n: 15000, detail: { x: 3065, n: 15000 } });
    // Pageviews 10800 over sessions 1200+800+1+1000+1 (a row without sessions is one).
    expect(result('pages_per_session')).toMatchObject({ n: 3002 });
    expect(result('pages_per_session')?.value).toBeCloseTo(10800 / 3002, 12);
    expect(result('engagement_time.mean')?.value).toBeCloseTo(16000.75 / 3501, 12);
    expect(result('downloads')).toMatchObject({ value: 27, n: 5 });
    // 0.5 s satisfied, 0.6 s tolerating; rows with errors, and 2.5 s > 4T, frustrated.
    expect(result('apdex')).toMatchObject({ value: 0.25, n: 6, detail: { satisfied: 1, tolerating: 1, frustrated: 4, t: 0.5 } });
    // Type 7 over 0.25, 0.5, 0.6, 0.75, 1.9, 2.5: 1.9 + 0.75 × 0.6.
    expect(result('response_time.p95')?.value).toBeCloseTo(2.35, 12);
  });

  it('prints the query of every analytics metric the input feeds, and leaves no metric of it out', () => {
    const run = runXla(['sql', DAILY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^-- xla sql --dialect duckdb: conversion_rate, bounce_rate, error_rate, pages_per_session, engagement_time.mean, downloads, apdex, response_time.p95, data.completeness, data.validity\n/,
    );
    expect(run.stdout).toContain('AS "bounce_rate__unread"');
    expect(run.stderr).toContain('the SQL pushdown leaves out data.freshness (');
  });
});

/** A seeded generator (an LCG: the same file on every run) of web-analytics rows in every form the pushdown reads. */
function generatedRows(seed: number, rows: number): string {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = (options: readonly string[]): string => options[Math.floor(next() * options.length)] ?? '';
  const decimal = (max: number, places: number): string => (next() * max).toFixed(Math.floor(next() * (places + 1)));
  const whole = (max: number): string => String(Math.floor(next() * max));
  const cells: Record<string, () => string> = {
    date: () => `2024-0${1 + Math.floor(next() * 3)}-1${Math.floor(next() * 9)}`,
    channel: () => pick(['a', 'b', 'c']),
    sessions: () => pick(['', whole(2000), 'n/a', '1.5']),
    visitors: () => pick(['', whole(2000)]),
    conversions: () => pick(['', whole(50)]),
    converted: () => pick(['', 'true', 'false', 'yes', 'no', 'maybe']),
    bounced: () => pick(['', '', 'true', 'false']),
    bounces: () => pick(['', whole(500)]),
    bounce_rate: () => pick(['', decimal(1, 9), `${decimal(100, 4)}%`, '0', '1', '1.2', '9.5E-05']),
    pageviews: () => pick(['', whole(5000), 'x']),
    engagement_time: () => pick(['', decimal(10000, 3), '0']),
    downloads: () => pick(['', whole(20)]),
    requests: () => pick(['', whole(5000)]),
    errors: () => pick(['', whole(100), '0']),
    success: () => pick(['', 'yes', 'no', 'true']),
    status_code: () => pick(['', '200', '404', '500', '302', '700']),
    response_time_ms: () => pick(['', decimal(5000, 3), '500', '2000', '0']),
    lcp: () => pick(['', decimal(6000, 2)]),
    inp: () => pick(['', whole(700)]),
    cls: () => pick(['', decimal(0.5, 4), '0']),
  };
  // The date and channel always, each other column in about half of the files.
  const columns = Object.keys(cells).filter((_, i) => i < 2 || next() < 0.6);
  const lines = Array.from({ length: rows }, () => columns.map((column) => cells[column]?.() ?? '').join(','));
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}

describe('--engine duckdb on generated web analytics (every form, mixed per row)', () => {
  it.for([1, 2, 3, 5])('seed %i: the streaming report by channel and month', (seed) => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sqa-'));
    try {
      const path = join(dir, `generated-${seed}.csv`);
      writeFileSync(path, generatedRows(seed, 150));
      expectDuckDbAsStreaming([path, '--by', 'channel', '--period', 'month']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('values the SQL does not read as xla does stop the run, named', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xla-sqa-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.for([
    [
      'task times as clocks and units',
      fixture('tasks/results.csv'),
      ['--metrics', 'task_time.median'],
      'column "Time on task" (task_time) has 2 values the SQL pushdown does not read as xla does (a unit or duration such as "2h 30m"',
    ],
    [
      'sessions with a thousands separator',
      'sessions.csv',
      ['--metrics', 'pages_per_session'],
      'column "pageviews" (pageviews) has 1 value the SQL pushdown does not read as xla does (a number with separators',
    ],
    [
      'a response time with units',
      'units.csv',
      ['--metrics', 'apdex'],
      'column "response_time" (response_time) has 1 value the SQL pushdown does not read as xla does',
    ],
  ] as const)('%s', ([, file, args, message]) => {
    const inputs: Record<string, string> = {
      'sessions.csv': 'date,sessions,pageviews\n2024-01-01,10,"1,234"\n2024-01-02,5,12\n',
      'units.csv': 'timestamp,response_time\n2024-01-01T10:00:00Z,0.2\n2024-01-01T10:01:00Z,2h 30m\n',
    };
    const path = inputs[file] === undefined ? file : write(file, inputs[file]);
    const run = runXla(['score', path, ...args, '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('--from-sql refuses Apdex rows classified at another T than its own', () => {
    const rows = write(
      'apdex-rows.csv',
      'rows,errors__unread,response_time__unread,status_code__unread,apdex__satisfied,apdex__tolerating,apdex__frustrated,apdex__t_ms\n4,0,0,0,2,1,1,300\n',
    );
    const run = runXla(['score', '--from-sql', rows, '--metrics', 'apdex']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the rows classify Apdex at T = 0.3 s, not this run');
    // With the T of the query: Apdex (2 + 1/2) / 4.
    const { report } = runJson(['score', '--from-sql', rows, '--metrics', 'apdex', '--apdex-t', '300ms']);
    expect(report.results[0]).toMatchObject({ metric: 'apdex', value: 0.625, n: 4, detail: { t: 0.3 } });
  });
});

describeOnDatasets('--engine duckdb on the online-shoppers dataset', () => {
  it.for([
    ['overall', []],
    ['by visitor type and month', ['--by', 'VisitorType,Month']],
  ] as const)('%s', ([, args]) => {
    expectDuckDbAsStreaming([dataset('online-shoppers/online_shoppers_intention.csv'), ...args]);
  });
});

describe('PostgreSQL runs the analytics SQL', () => {
  const postgres = usePostgres();

  /** The loader reads commas: a semicolon file (no commas in its cells) is copied with commas. */
  const commaCopy = (file: string): string => {
    const text = readFileSync(file, 'utf8');
    if (!text.split('\n', 1)[0]?.includes(';')) return file;
    const copy = join(postgres.dir(), `comma-${basename(file)}`);
    writeFileSync(copy, text.replaceAll(';', ','));
    return copy;
  };

  itRoundTripsThroughPostgres(
    postgres,
    [
      ['sessions by channel and day', fixture('analytics/sessions.csv'), ['--by', 'channel', '--period', 'day']],
      ['daily aggregates by channel', DAILY, ['--by', 'channel']],
      ['daily aggregates, Apdex T = 300 ms', DAILY, ['--apdex-t', '300ms']],
      ['a request log by path', fixture('request-logs/http-status.csv'), ['--by', 'path']],
      ['a request log with success words', fixture('request-logs/plain-numbers.csv'), []],
      ['Maze missions by mission', fixture('tasks/maze-missions.csv'), ['--by', 'Mission']],
      ['online shoppers by visitor type', fixture(SHOPPERS), ['--by', 'VisitorType']],
      ['odd cells', 'odd.csv', []],
    ],
    (file) => {
      if (file !== 'odd.csv') return commaCopy(file);
      const input = join(postgres.dir(), file);
      writeFileSync(input, ODD_CELLS);
      return input;
    },
  );
});
