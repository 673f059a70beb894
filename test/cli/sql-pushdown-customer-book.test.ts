/**
 * The customer book pushed down (README "SQL pushdown"): retention_rate, churn_rate, arpa, clv,
 * clv.purchase, clv.discounted, cac, ltv_cac_ratio and tenure.mean, end to end through the built
 * binary: `--engine duckdb` equal to the streaming report within 1e-9 relative on the customer
 * fixtures and the Telco churn table, PostgreSQL for real, and what the SQL does not read refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, runXla } from './run-xla.js';

const BOOK = fixture('customers/book.csv');
const SUBSCRIPTIONS = fixture('customers/subscriptions.csv');
const TELCO = fixture('customers/telco-churn-40.csv');
const ORDERS = fixture('customers/orders.csv');
const TIME_TO_VALUE = fixture('customers/time-to-value.csv');
const METRICS = 'retention_rate,churn_rate,arpa,clv,clv.purchase,clv.discounted,cac,ltv_cac_ratio,tenure.mean';

let dir: string;
let config: string;
let russian: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xla-sql-book-'));
  // Churn words in capitals: xla lower-cases them ("УШЁЛ" is "ушёл"), as DuckDB does.
  russian = join(dir, 'russian.csv');
  writeFileSync(
    russian,
    'клиент,дата начала,дата ухода,отток,выручка\nA,2024-01-05,,Активен,10\nB,2024-01-10,,УШЁЛ,20\nC,2024-02-01,,Отток,30\n',
  );
  config = join(dir, 'xla.yml');
  writeFileSync(config, 'customers:\n  margin: 0.6\n  discount_rate: 0.05\n  clv: purchase\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the customer book: --engine duckdb gives the streaming report', () => {
  it('snapshot form (no window start), as of the newest stamp: worked by hand', () => {
    const report = expectDuckDbAsStreaming([BOOK, '--metrics', METRICS]);
    const value = (metric: string) => report.results.find((result) => result.metric === metric);
    // G (end before start) and H (start "soon") are unreadable; as of K's end, 2024-03-31T00:00Z, of the
    // nine others B, C, E, K ended by then and I is flagged churned without dates: 5 of 9.
    expect(value('churn_rate')).toMatchObject({
      value: (100 * 5) / 9,
      n: 9,
      detail: { customers: 9, churned: 5, as_of: 1711843200000, excluded_unreadable: 2 },
    });
    expect(value('retention_rate')?.value).toBeCloseTo((100 * 4) / 9, 12);
    // Revenue of the nine but J (blank): 391.24 / 8; costs but D's: 1320 / 8.
    expect(value('arpa')).toMatchObject({ value: 48.905, n: 8 });
    expect(value('cac')).toMatchObject({ value: 165, n: 8 });
    // Ten tenures (G's end rejected, so not measured): the columns' months (1.5, 3, 12, 0.25, 2 of 2,629,746 s),
    // C's end − start, and A, D, F, J open to the as-of (86, 50, 30, 71 days).
    expect(value('tenure.mean')).toMatchObject({ value: 71_224_537.5 / 10, n: 10, detail: { active_to_as_of: 4 } });
  });

  it.each([
    ['by month', [BOOK, '--period', 'month']],
    ['by plan and month, in Berlin', [BOOK, '--by', 'plan', '--period', 'month', '--tz', 'Europe/Berlin']],
    ['as of 20 February', [BOOK, '--as-of', '2024-02-20']],
    ['by quarter, as of 10 March noon', [BOOK, '--period', 'quarter', '--as-of', '2024-03-10T12:00:00Z']],
    ['by ISO week and plan, in Tokyo', [BOOK, '--period', 'week', '--by', 'plan', '--tz', 'Asia/Tokyo']],
    ['--where with --as-of', [BOOK, '--where', 'plan=pro', '--as-of', '2024-03-15']],
    // A, B, E, J started before --from and last past it (no end, or an end after it): kept, without a period.
    ['from 1 February to 10 March, by month', [BOOK, '--from', '2024-02-01', '--to', '2024-03-10', '--period', 'month']],
    // E ended before --from; G's end is before its start (rejected), so it does not last: both left out.
    ['from 15 March, as of the 31st, by plan', [BOOK, '--from', '2024-03-15', '--as-of', '2024-03-31', '--by', 'plan']],
    ['to 15 February, by ISO week in Berlin', [BOOK, '--to', '2024-02-15', '--period', 'week', '--tz', 'Europe/Berlin']],
    [
      'subscriptions from 1 February, by plan and month',
      [SUBSCRIPTIONS, '--from', '2024-02-01', '--to', '2024-04-01', '--by', 'plan', '--period', 'month'],
    ],
    ['subscriptions by month', [SUBSCRIPTIONS, '--period', 'month']],
    ['subscriptions by plan, as of 1 March', [SUBSCRIPTIONS, '--by', 'plan', '--as-of', '2024-03-01']],
    ['Telco (no dates, tenure in months) by contract', [TELCO, '--by', 'Contract']],
    ['orders (start dates only) by month', [ORDERS, '--period', 'month', '--tz', 'Europe/Berlin']],
    ['time to value stamps as the newest', [TIME_TO_VALUE, '--period', 'month']],
    // The book's Parquet twin: a TIMESTAMP start, a DATE end, BOOLEAN churned, DOUBLE money and months, BIGINT orders.
    ['the Parquet twin', [fixture('parquet/customers-book.parquet')]],
    [
      'the Parquet twin by plan and month, in Berlin',
      [fixture('parquet/customers-book.parquet'), '--by', 'plan', '--period', 'month', '--tz', 'Europe/Berlin'],
    ],
    [
      'the Parquet twin from 1 February to 10 March',
      [fixture('parquet/customers-book.parquet'), '--from', '2024-02-01', '--to', '2024-03-10'],
    ],
  ])('%s', (_, args) => {
    expectDuckDbAsStreaming([...args, '--metrics', METRICS]);
  });

  it('the config’s margin, discount rate and CLV form reach the report, by month', () => {
    const report = expectDuckDbAsStreaming([BOOK, '--metrics', METRICS, '--config', config, '--period', 'month']);
    const clv = report.results.find((result) => result.metric === 'clv' && result.period === null);
    expect(clv?.detail).toMatchObject({ margin: 0.6, clv_form: 'purchase' });
    expect(report.results.find((result) => result.metric === 'clv.discounted' && result.period === null)?.detail).toMatchObject({
      discount_rate: 0.05,
    });
  });

  it('two files by source (each group one file’s rows): the book and time to value together', () => {
    expectDuckDbAsStreaming([BOOK, SUBSCRIPTIONS, '--metrics', METRICS, '--by', 'source', '--period', 'month']);
    expectDuckDbAsStreaming([ORDERS, TIME_TO_VALUE, '--by', 'source', '--period', 'month']);
  });

  it('Russian headers and churn words in capitals, no end dates yet (a blank end_date column)', () => {
    const report = expectDuckDbAsStreaming([russian, '--metrics', 'churn_rate,arpa', '--as-of', '2024-03-31']);
    // Snapshot form: B and C churned by their flag, of three.
    expect(report.results.find((result) => result.metric === 'churn_rate')?.value).toBeCloseTo((100 * 2) / 3, 12);
  });

  it('a default run with time to value: the streaming report', () => {
    expectDuckDbAsStreaming([TIME_TO_VALUE, '--period', 'month']);
  });

  it('a default run computes the book’s metrics it feeds', () => {
    const report = expectDuckDbAsStreaming([SUBSCRIPTIONS]);
    expect([...new Set(report.results.map((result) => result.metric))]).toEqual([
      'retention_rate',
      'churn_rate',
      'arpa',
      'clv',
      'clv.discounted',
      'cac',
      'ltv_cac_ratio',
      'tenure.mean',
      'data.completeness',
      'data.validity',
    ]);
  });
});

describe('the customer book: refused where the SQL does not read as xla does', () => {
  it.each([
    ['--where', ['--where', 'plan=pro']],
    ['--from', ['--from', '2024-02-01']],
  ])('%s without --as-of: "now" is the newest stamp of every row, which the query does not see', (option, args) => {
    const run = runXla(['score', BOOK, '--metrics', 'churn_rate', ...args, '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `churn_rate: without --as-of, customers are measured at the newest stamp of every row read, which the SQL pushdown cannot take with ${option}`,
    );
  });

  it('a window over several customer files: refused by name', () => {
    const run = runXla([
      'score',
      BOOK,
      SUBSCRIPTIONS,
      '--metrics',
      'churn_rate',
      '--by',
      'source',
      '--to',
      '2024-03-01',
      '--engine',
      'duckdb',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--from/--to: the SQL pushdown windows customers (rows that last past their date) of one file only');
  });

  it('money with a currency sign and separators, a tenure with a unit: named, exit 2, nothing written', () => {
    const file = join(dir, 'money.csv');
    writeFileSync(file, 'customer_id,start_date,mrr,tenure\nA,2024-01-05,"$1,200.50",3\nB,2024-01-06,10,2h\n');
    const out = join(dir, 'money.json');
    const arpa = runXla(['score', file, '--metrics', 'arpa', '--engine', 'duckdb', '-f', 'json', '-o', out]);
    expect(arpa.code).toBe(2);
    expect(arpa.stderr).toContain(
      'column "mrr" (revenue) has 1 value the SQL pushdown does not read as xla does (a number with separators, a currency sign',
    );
    const tenure = runXla(['score', file, '--metrics', 'tenure.mean', '--engine', 'duckdb', '-f', 'json', '-o', out]);
    expect(tenure.code).toBe(2);
    expect(tenure.stderr).toContain('column "tenure" (tenure) has 1 value the SQL pushdown does not read as xla does (a unit or duration');
    expect(runXla(['score', file, '--metrics', 'arpa', '--engine', 'duckdb', '-o', out]).code).toBe(2);
  });

  it('several files not by source, one not feeding a metric: its rows would count there, so refused by name', () => {
    const run = runXla(['score', ORDERS, TIME_TO_VALUE, '--metrics', 'time_to_value.reached', '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`time_to_value.reached: ${ORDERS} does not feed it`);
    // A default run leaves those out, named, and computes the others as streaming.
    const report = expectDuckDbAsStreaming([ORDERS, TIME_TO_VALUE, '--period', 'month']);
    expect(report.results.some((result) => result.metric.startsWith('time_to_value'))).toBe(false);
    const warned = runXla(['score', ORDERS, TIME_TO_VALUE, '--engine', 'duckdb', '-f', 'json']);
    expect(warned.stderr).toContain('xla: warning: the SQL pushdown leaves out time_to_value.median');
  });

  it('dates that are not ISO 8601: named', () => {
    const file = join(dir, 'us-dates.csv');
    writeFileSync(file, 'customer_id,start_date,end_date,mrr\nA,01/25/2024,,10\nB,01/26/2024,02/21/2024,20\n');
    const run = runXla(['score', file, '--metrics', 'churn_rate', '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('column "start_date" (start_date) holds dates that are not ISO 8601');
  });

  it('--from-sql without --metrics: the book’s column does not say which of its metrics the query was made for', () => {
    const rows = join(dir, 'rows.csv');
    const tuples = JSON.stringify([['1704412800000', '', '0', '', '', '', '3', 'mo']]);
    writeFileSync(rows, `rows,tenure__unread,customers_book__rows\n1,0,"${tuples.replaceAll('"', '""')}"\n`);
    const run = runXla(['score', '--from-sql', rows]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("the customer book's rows do not say which of its metrics the query was made for");
    // With them: tenure.mean of that one row, 3 months of 2,629,746 s.
    const given = runXla(['score', '--from-sql', rows, '--metrics', 'tenure.mean', '-f', 'json']);
    expect(given.code, given.stderr).toBe(0);
    expect((JSON.parse(given.stdout) as { results: { value: number | null }[] }).results[0]?.value).toBe(7_889_238);
  });

  it('xla sql: the rows as one tuple list per group, which tenure.mean shares', () => {
    const run = runXla(['sql', BOOK, '--metrics', METRICS, '--period', 'month', '-q']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/AS "customers_book__rows"/g)).toHaveLength(1);
    expect(run.stdout).toContain('MAX("newest_end_date")');
  });
});

describe('yes/no words and statuses in capitals through PostgreSQL in the C locale', () => {
  const postgres = usePostgres();
  // The test server's lower() folds ASCII alone there: the query translates the words' own letters first (dialects.ts lowerForWords).
  itRoundTripsThroughPostgres(
    postgres,
    [['"Активен", "УШЁЛ" and "Отток" as of March', 'russian.csv', ['--metrics', 'churn_rate', '--as-of', '2024-03-31']]],
    // Written before the tests run (beforeAll), after the cases are collected.
    () => russian,
  );
});

describeOnDatasets('the customer book on the full Telco churn table (7,043 customers)', () => {
  const telco = dataset('telco-churn/Telco-Customer-Churn.csv');
  it.each([
    ['overall', []],
    ['by contract and payment method', ['--by', 'Contract,PaymentMethod']],
  ])('%s: the streaming report', (_, args) => {
    expectDuckDbAsStreaming([telco, '--metrics', METRICS, ...args]);
  });
});

describe('the customer book through PostgreSQL', () => {
  const postgres = usePostgres();
  itRoundTripsThroughPostgres(
    postgres,
    (
      [
        ['the book fixture by plan and month, as of 15 March', BOOK, ['--by', 'plan', '--period', 'month', '--as-of', '2024-03-15']],
        ['the book fixture, as of its newest stamp', BOOK, []],
        [
          'the book fixture from 1 February to 10 March, by month',
          BOOK,
          ['--from', '2024-02-01', '--to', '2024-03-10', '--period', 'month'],
        ],
        ['Telco by contract', TELCO, ['--by', 'Contract']],
      ] as const
    ).map(([title, file, args]) => [title, file, ['--metrics', METRICS, ...args]] as const),
  );
});
