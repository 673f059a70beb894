/**
 * The SQL pushdown of adoption_rate from a customers file alone (README "SQL pushdown"), through the
 * built binary: `--engine duckdb` gives the streaming report (within 1e-9 relative) with and without
 * --period, --by, --from/--to, --as-of and --where, from CSV and Parquet; PostgreSQL runs the generated SQL for real; a
 * customers file scored with event rows (adoption against its customers) stays refused, named.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuckDb } from '../../src/io/duckdb.js';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, runJson, runXla } from './run-xla.js';

const CUSTOMERS = fixture('adoption/customers.csv');
const EVENTS = fixture('adoption/events.csv');
const TELCO = fixture('customers/telco-churn-40.csv');
const ADOPTION = ['--metrics', 'adoption_rate'];

/**
 * Every way a row feeds adoption: flags in xla's words (`TRUE`, `1`, `да`), a null marker and an
 * unknown word (no flag), Cyrillic capitals (`ДА`, `Нет`: a PostgreSQL in the C locale does not
 * lower-case them itself), an end before its start (no end), a start that is no date (undated: in
 * every window), a row with a flag but no id or start, and one with nothing (not a customer row).
 */
const TRICKY = [
  'customer_id,plan,start_date,end_date,active',
  'a1,pro,2024-01-01,,yes',
  'a2,basic,2024-01-10,,No',
  'a3,basic,2024-01-15,2024-02-10,TRUE',
  'a4,pro,2024-02-05T09:30:00+02:00,,1',
  'a5,basic,2024-03-01,,n/a',
  'a6,pro,2024-03-20,2024-03-05,y',
  'a7,basic,soon,,да',
  ',pro,,,нет',
  ',basic,,,',
  'a10,pro,2024-01-20,,maybe',
  'a11,basic,2024-02-29,2024-03-31T23:00:00Z,false',
  'a12,pro,2024-03-31T23:30:00-02:00,,t',
  'a13,basic,2024-02-01,,ДА',
  'a14,pro,2024-01-05,,Нет',
].join('\n');

let dir = '';
let tricky = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xla-sqa2-'));
  tricky = join(dir, 'tricky-customers.csv');
  writeFileSync(tricky, `${TRICKY}\n`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SHAPES = [
  ['the whole run', []],
  ['by month', ['--period', 'month']],
  ['by plan and month', ['--by', 'plan', '--period', 'month']],
  ['by ISO week in Europe/Berlin', ['--period', 'week', '--tz', 'Europe/Berlin']],
  ['from 1 February to 15 March, by month', ['--from', '2024-02-01', '--to', '2024-03-15', '--period', 'month']],
  ['from 1 February, no end', ['--from', '2024-02-01']],
  ['as of 20 February', ['--as-of', '2024-02-20']],
  ['by month as of 20 March', ['--period', 'month', '--as-of', '2024-03-20']],
  ['pro plan only, as of 31 March', ['--where', 'plan=pro', '--as-of', '2024-03-31']],
  // Without --as-of "now" is the newest stamp of every row, which a start filtered out cannot pass: no window moves.
  ['pro plan only, by month', ['--where', 'plan=pro', '--period', 'month']],
] as const;

describe('--engine duckdb computes adoption from a customers file as the streaming engine does', () => {
  it.for(SHAPES)('the adoption fixture, %s', ([, args]) => {
    expectDuckDbAsStreaming([CUSTOMERS, ...ADOPTION, ...args]);
  });

  it.for(SHAPES)('flags, stamps and rows of every kind, %s', ([, args]) => {
    expectDuckDbAsStreaming([tricky, ...ADOPTION, ...args]);
  });

  it('gives the hand-computed rates: flagged active of flagged customers in the window', () => {
    const adoption = (args: readonly string[]) =>
      runJson(['score', tricky, ...ADOPTION, '--engine', 'duckdb', '-q', ...args]).report.results.find(
        (result) => result.metric === 'adoption_rate' && result.period === null,
      );
    // Flags: a1, a3, a4, a6, a7 (да), a12 (t), a13 (ДА) active; a2, the unnamed нет row, a11, a14 (Нет) not; a5 (n/a),
    // a10 (maybe) none; the empty row is no customer: 7 of 11.
    expect(adoption([])).toMatchObject({ value: (100 * 7) / 11, n: 11, detail: { population: 11, population_from: 'active flag' } });
    // As of 20 February: a5, a6, a11 and a12 start later; a7 and the unnamed row have no start (in every window):
    // a1, a3, a4, a7, a13 active of those, a2, a14 and the unnamed row.
    expect(adoption(['--as-of', '2024-02-20'])).toMatchObject({ value: (100 * 5) / 8, n: 8 });
    // Pro only, as of 31 March 00:00 UTC: a1, a4, a6 active, the unnamed нет and a14 not, a10 unflagged; a12 starts
    // 1 April 01:30 UTC (23:30-02:00), after: 3 of 5. As of 2 April it is in: 4 of 6.
    expect(adoption(['--where', 'plan=pro', '--as-of', '2024-03-31'])).toMatchObject({ value: 60, n: 5 });
    expect(adoption(['--where', 'plan=pro', '--as-of', '2024-04-02'])).toMatchObject({ value: (100 * 4) / 6, n: 6 });
  });

  it('gives adoption in a default run on a customers file, beside the customer book', () => {
    const report = expectDuckDbAsStreaming([CUSTOMERS, '--period', 'month']);
    expect(report.results.filter((result) => result.metric === 'adoption_rate').map((result) => [result.period, result.value])).toEqual([
      [null, 60],
      ['2024-01', (100 * 2) / 3],
      ['2024-02', 75],
      ['2024-03', 50],
    ]);
  });

  it('reads a Telco export with a yes/no column mapped to active, by contract', () => {
    expectDuckDbAsStreaming([TELCO, ...ADOPTION, '--map', 'active=PaperlessBilling', '--by', 'Contract']);
  });

  it.for([
    ['two files with flags, by month', () => [CUSTOMERS, tricky, '--period', 'month']],
    ['two files with flags, by source and plan', () => [CUSTOMERS, tricky, '--by', 'source,plan']],
    // The book fixture has no active column: its rows feed adoption nothing, as in a streaming run.
    ['a file with flags beside one without, by month', () => [CUSTOMERS, fixture('customers/book.csv'), '--period', 'month']],
  ] as const)('several customers files in one query: %s', ([, args]) => {
    expectDuckDbAsStreaming([...args(), ...ADOPTION]);
  });

  it('refuses --from over several customers files by name, as for the customer book', () => {
    const run = runXla(['score', CUSTOMERS, tricky, ...ADOPTION, '--from', '2024-02-01', '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the SQL pushdown windows customers (rows that last past their date) of one file only');
  });

  it('reads a Parquet customers file with typed dates and a boolean active column', async () => {
    const parquet = join(dir, 'customers.parquet');
    await runDuckDb(
      `COPY (SELECT customer_id, plan, CAST(start_date AS DATE) AS start_date, CAST(end_date AS DATE) AS end_date, active = 'yes' AS active FROM read_csv('${CUSTOMERS}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    const report = expectDuckDbAsStreaming([parquet, ...ADOPTION, '--by', 'plan', '--period', 'month']);
    // The flags as in the CSV: 3 of 5 active.
    expect(report.results.find((result) => result.period === null && Object.keys(result.segment).length === 0)?.value).toBe(60);
  });

  it('keeps a customers file scored with event rows refused, naming why', () => {
    const run = runXla(['score', CUSTOMERS, EVENTS, '--engine', 'duckdb', '--period', 'month']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the SQL pushdown reads several files of one kind');
    expect(run.stderr).toContain('adoption_rate against the customers of a customers file');
  });

  it('writes the customer rows as one tuple list per group (xla sql)', () => {
    const run = runXla(['sql', CUSTOMERS, ...ADOPTION, '--period', 'month', '-q']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('AS "usage_days__customers"');
  });
});

describeOnDatasets('adoption on the full Telco churn table (7,043 customers, paperless billing as the flag)', () => {
  const telco = dataset('telco-churn/Telco-Customer-Churn.csv');
  it.each([
    ['overall', []],
    ['by contract and payment method', ['--by', 'Contract,PaymentMethod']],
  ])('%s: the streaming report', (_, args) => {
    expectDuckDbAsStreaming([telco, ...ADOPTION, '--map', 'active=PaperlessBilling', ...args]);
  });
});

describe('adoption from a customers file through PostgreSQL', () => {
  const postgres = usePostgres();
  itRoundTripsThroughPostgres(
    postgres,
    [
      ['the adoption fixture by month', CUSTOMERS, [...ADOPTION, '--period', 'month']],
      [
        'the adoption fixture by plan, from 1 February to 15 March',
        CUSTOMERS,
        [...ADOPTION, '--by', 'plan', '--from', '2024-02-01', '--to', '2024-03-15'],
      ],
      [
        'every kind of row, by plan and month, as of 20 March',
        'tricky',
        [...ADOPTION, '--by', 'plan', '--period', 'month', '--as-of', '2024-03-20'],
      ],
      ['Telco by contract', TELCO, [...ADOPTION, '--map', 'active=PaperlessBilling', '--by', 'Contract']],
    ],
    (file) => (file === 'tricky' ? tricky : file),
  );
});
