/**
 * Customer lists end to end (built binary): a dated list by month, the Stripe and HubSpot presets,
 * the IBM Telco churn table with no flags, and the config's margin. Expected values are computed
 * here from the CSV text or by hand, never with xla code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASETS_MISSING, dataset, hasDatasets } from '../datasets.js';
import { writeInBothOrders } from './both-orders.js';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';

const MONTH_S = 30.436875 * 86_400;

describe('a dated customer list by month (fixtures/customers/subscriptions.csv)', () => {
  const { report } = runJson(['score', fixture('customers/subscriptions.csv'), '--period', 'month']);

  it('is read as customers', () => {
    expect(report.inputs[0]).toMatchObject({
      kind: 'customers',
      fields: { start_date: 'start_date', end_date: 'end_date', revenue: 'mrr' },
    });
  });

  it('February: S 3, E 4, N 3 (one of them left in February), lost 1', () => {
    // A, B, E at Feb 1; A, D, E, F at Mar 1; C, D, F new; B lost; C new and lost: (4 − 3)/3, churn 1/3.
    const retention = resultOf(report, 'retention_rate', {}, '2024-02');
    expect(retention.value).toBeCloseTo(100 / 3, 10);
    expect(retention.detail).toMatchObject({ S: 3, E: 4, N: 3, lost: 1, new_lost: 1, form: 'period' });
    expect(resultOf(report, 'churn_rate', {}, '2024-02').value).toBeCloseTo(100 / 3, 10);
    // CAC over C, D, F: (100 + 500 + 300)/3 = 300.
    expect(resultOf(report, 'cac', {}, '2024-02').value).toBe(300);
  });

  it('March counts January and February customers (the history spans periods): 3 of 4 stay', () => {
    expect(resultOf(report, 'retention_rate', {}, '2024-03').value).toBe(75);
    expect(resultOf(report, 'churn_rate', {}, '2024-03').value).toBe(25);
  });

  it('the overall row has no window start: the snapshot form as of the newest date (Mar 5): B, C, E of 6 left', () => {
    const churn = resultOf(report, 'churn_rate');
    expect(churn.value).toBe(50);
    expect(churn.detail).toMatchObject({ form: 'snapshot' });
  });

  it('--from keeps the customers active at it: February alike, and the overall row is the window [Feb 1, Mar 5]', () => {
    const { report: from } = runJson(['score', fixture('customers/subscriptions.csv'), '--period', 'month', '--from', '2024-02-01']);
    expect(resultOf(from, 'retention_rate', {}, '2024-02').detail).toMatchObject({ S: 3, E: 4, N: 3, lost: 1 });
    expect(from.results.some((result) => result.period === '2024-01')).toBe(false);
    // S = A, B, E at Feb 1; E = A, D, F at Mar 5 (the newest date); N = C, D, F; lost = B, E: (3 − 3)/3 = 0, churn 2/3.
    const overall = resultOf(from, 'retention_rate');
    expect(overall.value).toBe(0);
    expect(overall.detail).toMatchObject({ S: 3, E: 3, N: 3, lost: 2, form: 'period' });
    expect(resultOf(from, 'churn_rate').value).toBeCloseTo(200 / 3, 10);
  });

  it('--jobs 1 and --jobs 2, and shuffled rows, print the same report', () => {
    const text = readFileSync(fixture('customers/subscriptions.csv'), 'utf8').trim().split('\n');
    const root = writeInBothOrders('xla-customers-', 'customers.csv', text[0] ?? '', text.slice(1), 21);
    try {
      const outputs = ['first-order', 'shuffled'].flatMap((order) =>
        ['1', '2'].map(
          (jobs) =>
            runXla(['score', 'customers.csv', '--period', 'month', '--jobs', jobs, '--format', 'json'], { cwd: join(root, order) }).stdout,
        ),
      );
      expect(outputs[0]).toContain('retention_rate');
      for (const output of outputs) expect(output).toBe(outputs[0]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('presets', () => {
  it('a Stripe subscriptions export: canceled is churned, the snapshot as of the newest stamp', () => {
    const { report } = runJson(['score', fixture('presets/stripe-subscriptions.csv')]);
    expect(report.inputs[0]).toMatchObject({ kind: 'customers' });
    // Newest stamp: Feb 20 08:00 (C's end). Ended by then: B (Feb 15) and C: 2 of 5.
    expect(resultOf(report, 'churn_rate').value).toBe(40);
    expect(resultOf(report, 'retention_rate').value).toBe(60);
    // (100 + 50 + 30 + 70 + 20)/5 = 54.
    expect(resultOf(report, 'arpa').value).toBe(54);
  });

  it('a HubSpot companies export: customers are the records with a Became a Customer Date', () => {
    const { report } = runJson(['score', fixture('presets/hubspot-companies.csv')]);
    expect(report.inputs[0]).toMatchObject({ kind: 'customers', fields: { start_date: 'Became a Customer Date' } });
    // Three customers, no end dates: none churned.
    expect(resultOf(report, 'churn_rate')).toMatchObject({ value: 0, n: 3 });
  });
});

describe('config customers: margin', () => {
  const folder = mkdtempSync(join(tmpdir(), 'xla-margin-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('margin 0.6 makes CLV gross-margin: February 155 × 0.6 = 93', () => {
    const config = join(folder, 'good.yml');
    writeFileSync(config, 'customers: { margin: 0.6 }\nperiod: month\n');
    const { report } = runJson(['score', fixture('customers/subscriptions.csv'), '--config', config]);
    // ARPA 310/6 × 0.6 / (1/3) = 93.
    const clv = resultOf(report, 'clv', {}, '2024-02');
    expect(clv.value).toBeCloseTo(93, 9);
    expect(clv.detail).toMatchObject({ basis: 'gross-margin', margin: 0.6 });
  });

  it('clv: discounted makes clv report the discounted form, as clv.discounted does; the LTV:CAC ratio follows', () => {
    const config = join(folder, 'discounted.yml');
    writeFileSync(config, 'customers: { margin: 0.6, clv: discounted }\nperiod: month\n');
    const { report } = runJson(['score', fixture('customers/subscriptions.csv'), '--config', config]);
    const clv = resultOf(report, 'clv', {}, '2024-02');
    expect(clv.value).toBe(resultOf(report, 'clv.discounted', {}, '2024-02').value);
    expect(clv.detail).toMatchObject({ clv_form: 'discounted' });
    const ratio = resultOf(report, 'ltv_cac_ratio', {}, '2024-02');
    const cac = resultOf(report, 'cac', {}, '2024-02').value;
    if (ratio.value !== null && clv.value !== null && cac !== null) expect(ratio.value).toBeCloseTo(clv.value / cac, 12);
    else expect(ratio.detail).toMatchObject({ clv: clv.value });
  });

  it("reads config.md's customers: { population } as adoption's population", () => {
    const config = join(folder, 'population.yml');
    writeFileSync(config, 'customers: { population: 10 }\n');
    const { report } = runJson(['score', fixture('adoption/events.csv'), '--config', config, '--metrics', 'adoption_rate']);
    // Two users of ten.
    expect(resultOf(report, 'adoption_rate')).toMatchObject({ value: 20, detail: { population: 10, population_from: 'population' } });
  });

  it.each([
    ['margin: 1.5', /customers\.margin/],
    ['margn: 0.6', /margn/],
    ['clv: lifetime', /customers\.clv/],
    ['population: 0', /customers\.population/],
  ])('%s is a config error naming the key, exit 2', (setting, message) => {
    const config = join(folder, 'bad.yml');
    writeFileSync(config, `customers: { ${setting} }\n`);
    const run = runXla(['score', fixture('customers/subscriptions.csv'), '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('a population given twice (top level and customers:) is a config error', () => {
    const config = join(folder, 'twice.yml');
    writeFileSync(config, 'population: 10\ncustomers: { population: 12 }\n');
    const run = runXla(['score', fixture('customers/subscriptions.csv'), '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/customers\.population.*given twice/);
  });
});

/** Churned, tenure (months) and monthly charges of the Telco table, from its text (no quotes in it: checked). */
function telcoFacts(path: string): { rows: number; churned: number; tenureMonths: number[]; charges: number[] } {
  const text = readFileSync(path, 'utf8');
  expect(text).not.toContain('"');
  const [header = '', ...rows] = text.split(/\r?\n/).filter((line) => line !== '');
  const columns = header.split(',');
  const cells = rows.map((row) => row.split(','));
  const column = (name: string): string[] => cells.map((row) => row[columns.indexOf(name)] ?? '');
  return {
    rows: rows.length,
    churned: column('Churn').filter((cell) => cell === 'Yes').length,
    tenureMonths: column('tenure').map(Number),
    charges: column('MonthlyCharges').map(Number),
  };
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

function checkTelco(path: string, expectedChurned?: number): void {
  const facts = telcoFacts(path);
  const { report } = runJson(['score', path]);
  expect(report.inputs[0]).toMatchObject({
    kind: 'customers',
    fields: { churned: 'Churn', tenure: 'tenure', revenue: 'MonthlyCharges' },
    units: { tenure: { unit: 'mo', from: 'field' } },
  });
  if (expectedChurned !== undefined) expect(facts.churned).toBe(expectedChurned);
  const churn = (100 * facts.churned) / facts.rows;
  expect(resultOf(report, 'churn_rate').value).toBeCloseTo(churn, 10);
  expect(resultOf(report, 'retention_rate').value).toBeCloseTo(100 - churn, 10);
  const tenure = resultOf(report, 'tenure.mean');
  expect(tenure.value).toBeCloseTo(mean(facts.tenureMonths) * MONTH_S, 3);
  expect(tenure.detail?.['months']).toBeCloseTo(mean(facts.tenureMonths), 9);
  const arpa = mean(facts.charges);
  expect(resultOf(report, 'arpa').value).toBeCloseTo(arpa, 9);
  const clv = resultOf(report, 'clv');
  expect(clv.value).toBeCloseTo(arpa / (churn / 100), 8);
  expect(clv.detail).toMatchObject({ basis: 'revenue-only', form: 'snapshot' });
}

describe('the revenue-only label', () => {
  it('follows CLV in the table and in Markdown, so it never passes as gross-margin CLV', () => {
    for (const format of ['table', 'markdown']) {
      const run = runXla(['score', fixture('customers/telco-churn-40.csv'), '--format', format]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Customer lifetime value\W+[\d.,]+ revenue-only/);
    }
  });
});

describe('tenure units', () => {
  it('a plain tenure is months, but a name that says hours wins: 5 h and 7 h average 6 h', () => {
    const folder = mkdtempSync(join(tmpdir(), 'xla-tenure-'));
    try {
      const file = join(folder, 'tenure.csv');
      writeFileSync(file, 'customer_id,tenure_hours,churn\na,5,yes\nb,7,no\n');
      const { report } = runJson(['score', file, '--map', 'tenure=tenure_hours']);
      expect(resultOf(report, 'tenure.mean').value).toBe(6 * 3600);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('IBM Telco churn, no flags', () => {
  it('the trimmed copy (fixtures/customers/telco-churn-40.csv): 14 of 40 churned', () => {
    checkTelco(fixture('customers/telco-churn-40.csv'), 14);
  });

  it('the whole table: 1,869 of 7,043 churned (26.54 %)', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    checkTelco(dataset('telco-churn/Telco-Customer-Churn.csv'), 1869);
  });
});
