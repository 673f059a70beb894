/**
 * The SQL pushdown's dialects and inputs, end to end through the built binary: BigQuery's and
 * Spark's periods, windows and durations (printed, as neither engine runs here), and several
 * input files in one run (each header bound on its own, the rows in one UNION ALL), equal to the
 * streaming report within 1e-9 relative.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, expectPostgresRoundTrip, usePostgres } from '../sql/equality.js';
import { fixture, runJson, runXla } from './run-xla.js';

const SURVEY = fixture('survey/responses.csv');
const OLIST = fixture('datasets/olist-reviews-400.csv');
const GOOGLE_PLAY = fixture('datasets/googleplay-300.csv');
const DURATIONS_SQL = fixture('tickets/durations-sql.csv');
const RATES_SQL = fixture('tickets/rates-sql.csv');
const ORDERS = fixture('customers/orders.csv');
const TIME_TO_VALUE = fixture('customers/time-to-value.csv');
const TTV = 'time_to_value.median,time_to_value.mean,time_to_value.p90,time_to_value.reached';

describe('xla sql --dialect bigquery|spark: periods, windows and durations', () => {
  it.each([
    ['bigquery', "FORMAT_TIMESTAMP('%G-W%V'", 'UNIX_MILLIS('],
    ['spark', 'weekofyear(', 'unix_millis(try_to_timestamp('],
  ])('%s: by ISO week in Berlin, from 20 January, with resolution times', (dialect, weekKey, epoch) => {
    const run = runXla([
      'sql',
      fixture('tickets/tickets.csv'),
      '--metrics',
      'tickets,resolution_time.median',
      '--period',
      'week',
      '--from',
      '2024-01-20',
      '--tz',
      'Europe/Berlin',
      '--dialect',
      dialect,
      '--table',
      'cx.tickets',
      '-q',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(weekKey);
    expect(run.stdout).toContain(epoch);
    // 2024-01-20T00:00 in Berlin is 2024-01-19T23:00Z.
    expect(run.stdout).toContain('>= 1705705200000');
    expect(run.stdout).toContain("'Europe/Berlin'");
    expect(run.stdout).toContain('AS `resolution_time_values__ms`');
  });
});

describe('several input files: one UNION ALL, each header bound on its own', () => {
  let dir: string;
  let reordered: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xla-sql-inputs-'));
    // The survey's answers again, under other names, in another order, with semicolons, dates without an offset.
    reordered = join(dir, 'reordered.csv');
    writeFileSync(
      reordered,
      'csat;Team;nps;date;ces\n5;Desk;10;2024-01-31 23:30;7\n2;Desk;3;2024-02-01T00:30;1\n4;Network;8;2024-03-15;9\n;Network;x;2024-03-16;\n3;Desk;6;;4\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survey files of different layouts, overall and --by source: the streaming report', () => {
    const report = expectDuckDbAsStreaming([SURVEY, reordered, '--by', 'source']);
    // NPS of the second file alone: 10 a promoter, 3 and 6 detractors, 8 a passive, "x" missing: (1 − 2) / 4 = −25.
    expect(report.results.find((result) => result.metric === 'nps' && result.segment.source === reordered)).toMatchObject({
      value: -25,
      n: 4,
    });
    // Both files: 5 + 1 promoters, 3 + 2 detractors of 10 + 4 answers: 1/14 = +7.142857…
    expect(report.results.find((result) => result.metric === 'nps' && Object.keys(result.segment).length === 0)?.value).toBeCloseTo(
      (100 * 1) / 14,
      10,
    );
    expect(report.inputs.map((input) => [input.name, input.rows])).toEqual([
      [SURVEY, 11],
      [reordered, 5],
    ]);
  });

  it.each([
    ['by team and month, in Berlin', ['--by', 'Team', '--period', 'month', '--tz', 'Europe/Berlin']],
    ['by ISO week, from 20 January to 20 March', ['--period', 'week', '--from', '2024-01-20', '--to', '2024-03-20']],
    ['with --where on the team', ['--where', 'Team=Desk', '--by', 'source']],
  ])('%s: the streaming report', (_, args) => {
    expectDuckDbAsStreaming([SURVEY, reordered, ...args]);
  });

  it('--period with a file that has no date column: its rows have no period, as streaming (with its warning)', () => {
    const undated = join(dir, 'undated.csv');
    writeFileSync(undated, 'Team,nps\nDesk,9\nDesk,2\nNetwork,10\n');
    expectDuckDbAsStreaming([SURVEY, undated, '--period', 'month', '--by', 'Team']);
    const run = runXla(['score', SURVEY, undated, '--period', 'month', '--engine', 'duckdb', '-f', 'json']);
    expect(run.stderr).toContain(`xla: warning: ${undated} has no submitted_at column; its rows appear only in rows without a period`);
  });

  it('three survey exports (olist, Google Play): metrics a file does not feed stay out of its segments', () => {
    const args = [SURVEY, OLIST, GOOGLE_PLAY, '--by', 'source'];
    const report = expectDuckDbAsStreaming(args);
    expect(report.results.some((result) => result.metric === 'nps' && result.segment.source === OLIST)).toBe(false);
    // Each file's rows, as the streaming run counts them.
    const streaming = runJson(['score', ...args, '-q']).report;
    expect(report.inputs.map((input) => [input.name, input.rows])).toEqual(streaming.inputs.map((input) => [input.name, input.rows]));
  });

  it('ticket files with the same stamps: durations and rates, by source', () => {
    expectDuckDbAsStreaming([
      DURATIONS_SQL,
      RATES_SQL,
      '--metrics',
      'tickets,resolution_time.median,resolution_time.p90,reopen_rate,fcr_rate',
      '--by',
      'source',
    ]);
  });

  it('customer files: orders in one, time to value in the other, by source', () => {
    expectDuckDbAsStreaming([
      fixture('customers/orders.csv'),
      fixture('customers/time-to-value.csv'),
      '--metrics',
      'repeat_rate,time_to_value.median,time_to_value.reached',
      '--by',
      'source',
      '--tz',
      'Europe/Berlin',
    ]);
  });

  it('xla sql prints one SELECT per file under one UNION ALL, each file read with its own delimiter', () => {
    const sql = runXla(['sql', SURVEY, reordered, '--by', 'source', '-q']);
    expect(sql.code).toBe(0);
    expect(sql.stdout).toContain('UNION ALL');
    expect(sql.stdout).toContain(`'${SURVEY}' AS "by_1"`);
    expect(sql.stdout).toContain(`delim = ';'`);
    expect(sql.stdout).toContain('AS "rows_2"');
  });

  it('refuses by name what one query cannot read as the streaming engine does (exit 2, no report)', () => {
    const out = join(dir, 'report.json');
    const refusals: [string[], string][] = [
      [[SURVEY, fixture('tickets/tickets.csv')], 'the SQL pushdown reads several files of one kind'],
      [
        [fixture('tickets/tickets.csv'), DURATIONS_SQL, '--metrics', 'resolution_time.median'],
        'the SQL pushdown reads ticket stamps only when every file has the same ones',
      ],
      [[SURVEY, OLIST, '--by', 'Team'], `--by Team: ${OLIST} has no such column, which the SQL pushdown needs in every file`],
      [[SURVEY, fixture('parquet/tickets.parquet')], 'the SQL pushdown reads several files only as CSV'],
    ];
    for (const [args, message] of refusals) {
      const run = runXla(['score', ...args, '--engine', 'duckdb', '-o', out]);
      expect(run.code, message).toBe(2);
      expect(run.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    }
    const table = runXla(['sql', SURVEY, reordered, '--dialect', 'postgres', '--table', 't']);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('xla sql --table reads one table: give one input');
  });
});

describeOnDatasets('customers on the full datasets', () => {
  it('IBM Telco churn (no dates): a default run computes the customer book’s metrics it feeds and data quality, as streaming', () => {
    const report = expectDuckDbAsStreaming([dataset('telco-churn/Telco-Customer-Churn.csv')]);
    expect([...new Set(report.results.map((result) => result.metric))]).toEqual([
      'retention_rate',
      'churn_rate',
      'arpa',
      'clv',
      'clv.discounted',
      'tenure.mean',
      'data.completeness',
      'data.validity',
    ]);
  });
});

describeOnDatasets('several input files on the full datasets', () => {
  it('olist reviews and Google Play apps, by source, by month in Berlin', () => {
    const args = [
      dataset('olist-sample/olist_order_reviews_dataset.csv'),
      dataset('google-play-apps/googleplaystore.csv'),
      '--by',
      'source',
      '--period',
      'month',
      '--tz',
      'Europe/Berlin',
    ];
    expectDuckDbAsStreaming(args);
    expect(runJson(['score', ...args, '--engine', 'duckdb', '-q']).report.inputs).toHaveLength(2);
  });
});

describe('customers: repeat_rate', () => {
  it('of customers with an order, those who ordered more than once: 3 of 5, as streaming', () => {
    const report = expectDuckDbAsStreaming([ORDERS, '--metrics', 'repeat_rate']);
    // Read: A 1, B 2, C 0, D 5, I 3.0, J 1 (x, 1.5, −1 rejected, E blank); with an order: A B D I J; more than one: B D I.
    expect(report.results).toMatchObject([{ metric: 'repeat_rate', value: 60, n: 5 }]);
  });

  it.each([
    [
      'by plan and month, in Berlin (J starts in April there)',
      ['--metrics', 'repeat_rate', '--by', 'plan', '--period', 'month', '--tz', 'Europe/Berlin'],
    ],
    ['by ISO week, in New York', ['--metrics', 'repeat_rate', '--period', 'week', '--tz', 'America/New_York']],
  ])('%s: the streaming report', (_, args) => {
    expectDuckDbAsStreaming([ORDERS, ...args]);
  });

  it('the default selection computes it with the book’s metrics and names those it leaves out', () => {
    const run = runXla(['score', ORDERS, '--engine', 'duckdb', '-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('xla: warning: the SQL pushdown leaves out data.freshness');
    expect([...new Set((JSON.parse(run.stdout) as { results: { metric: string }[] }).results.map((result) => result.metric))]).toEqual([
      'retention_rate',
      'churn_rate',
      'repeat_rate',
      'tenure.mean',
      'data.completeness',
      'data.validity',
    ]);
  });

  it('a window on customers: those started before --from are kept while they last, as streaming', () => {
    const report = expectDuckDbAsStreaming([ORDERS, '--metrics', 'repeat_rate', '--from', '2024-02-01', '--to', '2024-03-10']);
    // No end_date column: A and B (January) last, J (31 March) is past --to; with an order A B D I, more than one B D I.
    expect(report.results).toMatchObject([{ metric: 'repeat_rate', value: 75, n: 4 }]);
  });
});

describe('customers: time_to_value.median, .mean, .p90, .reached', () => {
  it('from start_date to first_value_at, in Berlin: the streaming report, worked by hand', () => {
    const report = expectDuckDbAsStreaming([TIME_TO_VALUE, '--metrics', TTV, '--tz', 'Europe/Berlin']);
    // Reached: A 3 d, B 6.5 h + 0.25 s, G 30 d − 1 h (the DST night), I 2 d 0.5 h, J 1.5 h (across the DST gap);
    // not reached: C (blank), H (n/a); left out: D (before its start), E (no date), F (no start).
    // Mean: (259,200 + 23,400.25 + 2,588,400 + 174,600 + 5,400) / 5 = 3,051,000.25 / 5.
    expect(report.results).toMatchObject([
      { metric: 'time_to_value.median', value: 174_600, n: 5, detail: { excluded_not_reached: 2 } },
      { metric: 'time_to_value.mean', value: 610_200.05, n: 5, detail: { excluded_not_reached: 2 } },
      { metric: 'time_to_value.p90' },
      { metric: 'time_to_value.reached', n: 7, detail: { x: 5, n: 7 } },
    ]);
  });

  it.each([
    ['by plan and month, in Berlin', ['--by', 'plan', '--period', 'month', '--tz', 'Europe/Berlin']],
    ['by ISO week, in UTC', ['--period', 'week']],
    ['in Tokyo', ['--tz', 'Asia/Tokyo']],
  ])('%s: the streaming report', (_, args) => {
    expectDuckDbAsStreaming([TIME_TO_VALUE, '--metrics', TTV, ...args]);
  });

  it('a start_date column that is not ISO 8601 is refused by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sql-ttv-'));
    try {
      const file = join(dir, 'us.csv');
      writeFileSync(file, 'customer_id,start_date,first_value_at\nA,01/15/2024,2024-01-20\nB,01/16/2024,\n');
      const run = runXla(['score', file, '--metrics', 'time_to_value.median', '--engine', 'duckdb']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('column "start_date" (start_date) holds dates that are not ISO 8601');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PostgreSQL runs the customers queries', () => {
  const postgres = usePostgres();

  it.for([
    [
      'repeat_rate by plan and month, in Berlin',
      ORDERS,
      ['--metrics', 'repeat_rate', '--by', 'plan', '--period', 'month', '--tz', 'Europe/Berlin'],
    ],
    ['time to value by plan, in Berlin', TIME_TO_VALUE, ['--metrics', TTV, '--by', 'plan', '--tz', 'Europe/Berlin']],
    ['time to value by month, in Tokyo', TIME_TO_VALUE, ['--metrics', TTV, '--period', 'month', '--tz', 'Asia/Tokyo']],
  ] as const)('%s: --from-sql of its rows gives the streaming report', ([, file, args], { skip }) => {
    const server = postgres.server();
    if (typeof server === 'string') {
      skip(server);
      return;
    }
    expectPostgresRoundTrip(postgres, server, file, args);
  });
});
