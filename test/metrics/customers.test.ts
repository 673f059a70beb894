// Customer metrics (metrics.md §5.1–5.5), hand-computed. Dates are 2024 UTC unless said.
import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { MS_PER_MONTH } from '../../src/fields/units.js';
import { getMetric, METRIC_CONTEXT, runMetric } from './run-metric.js';
import type { FinishContext, MetricValue } from '../../src/metrics/types.js';

const day = (month: number, dayOfMonth: number, year = 2024): number => Date.UTC(year, month - 1, dayOfMonth);
const DAY_S = 86_400;
const YEAR_S = 365.2425 * DAY_S;

/**
 * Six customers around February 2024 (window [Feb 1, Mar 1]):
 *   A Jan 5 → (active)      revenue 100, cost 200
 *   B Jan 10 → Feb 15       revenue  50, cost 300   lost in February
 *   C Feb 3 → Feb 20        revenue  30, cost 100   new in February and gone in it (new_lost)
 *   D Feb 10 → (active)     revenue  70, cost 500
 *   E 2023-12-01 → Mar 5    revenue  20, cost   0   lost in March
 *   F Mar 1 00:00 → (active) revenue 40, cost 300  starts exactly at February's end: new in February (start ≤ asOf)
 */
const BOOK: readonly CanonicalRow[] = [
  { customer_id: 'A', start_date: day(1, 5), revenue: 100, acquisition_cost: 200 },
  { customer_id: 'B', start_date: day(1, 10), end_date: day(2, 15), revenue: 50, acquisition_cost: 300 },
  { customer_id: 'C', start_date: day(2, 3), end_date: day(2, 20), revenue: 30, acquisition_cost: 100 },
  { customer_id: 'D', start_date: day(2, 10), revenue: 70, acquisition_cost: 500 },
  { customer_id: 'E', start_date: day(12, 1, 2023), end_date: day(3, 5), revenue: 20, acquisition_cost: 0 },
  { customer_id: 'F', start_date: day(3, 1), revenue: 40, acquisition_cost: 300 },
];
const FEBRUARY: Partial<FinishContext> = { windowStart: day(2, 1), asOf: day(3, 1) };
const MARCH: Partial<FinishContext> = { windowStart: day(3, 1), asOf: day(4, 1) };
const MARGIN = { customers: { margin: 0.6 } };

const run = (id: string, rows: readonly CanonicalRow[], finish: Partial<FinishContext> = {}, context = {}): MetricValue =>
  runMetric(id, rows, { finish, context });

describe('retention_rate and churn_rate, period form', () => {
  it('February: S = 3 (A, B, E), E = 4 (A, D, E, F), N = 3 (C, D, F), lost = 1 (B), new_lost = 1 (C)', () => {
    const retention = run('retention_rate', BOOK, FEBRUARY);
    // (E − N)/S = (4 − 3)/3 = 33.33 %; the cohort view (S − lost)/S = 2/3 = 66.67 %.
    expect(retention.value).toBeCloseTo(100 / 3, 10);
    expect(retention.n).toBe(3);
    expect(retention.detail).toMatchObject({ S: 3, E: 4, N: 3, lost: 1, new_lost: 1, form: 'period' });
    expect(retention.detail?.['cohort_retention']).toBeCloseTo(200 / 3, 10);
    expect(retention.ci).not.toBeNull();
    const churn = run('churn_rate', BOOK, FEBRUARY);
    // lost / S = 1/3.
    expect(churn.value).toBeCloseTo(100 / 3, 10);
    expect(churn.detail).toMatchObject({ S: 3, lost: 1, form: 'period' });
  });

  it('March: S = 4 (A, D, E, F: F started at the window start), E = 3, N = 0, lost = 1 (E)', () => {
    // (3 − 0)/4 = 75 %; churn 1/4 = 25 %.
    expect(run('retention_rate', BOOK, MARCH).value).toBe(75);
    expect(run('churn_rate', BOOK, MARCH).value).toBe(25);
  });

  it('E − N below 0 is a value without an interval, and says why', () => {
    // S = 1 (X), which leaves; two newcomers both leave in the window too: E = 0, N = 2, (0 − 2)/1 = −200 %.
    const rows = [
      { start_date: day(1, 1), end_date: day(2, 5) },
      { start_date: day(2, 2), end_date: day(2, 3) },
      { start_date: day(2, 4), end_date: day(2, 6) },
    ];
    const value = run('retention_rate', rows, FEBRUARY);
    expect(value.value).toBe(-200);
    expect(value.ci).toBeNull();
    expect(value.detail?.['interval_note']).toMatch(/E − N is below 0/);
    expect(value.detail?.['cohort_retention']).toBe(0);
  });

  it('an as-of before the window start measures nothing, and says so', () => {
    const value = run('retention_rate', BOOK, { windowStart: day(3, 1), asOf: day(2, 1) });
    expect(value).toMatchObject({ value: null, n: 0 });
    expect(value.detail?.['note']).toMatch(/before it starts/);
  });

  it('the value does not depend on row order', () => {
    const reversed = [...BOOK].reverse();
    for (const id of ['retention_rate', 'churn_rate', 'arpa', 'clv', 'cac', 'ltv_cac_ratio', 'clv.discounted']) {
      expect(run(id, reversed, FEBRUARY, MARGIN)).toEqual(run(id, BOOK, FEBRUARY, MARGIN));
    }
  });

  it('merging two halves gives what one pass gives', () => {
    const accumulator = getMetric('retention_rate').create(METRIC_CONTEXT);
    const left = accumulator.init();
    const right = accumulator.init();
    BOOK.slice(0, 2).forEach((row) => accumulator.add(left, row));
    BOOK.slice(2).forEach((row) => accumulator.add(right, row));
    const merged = accumulator.finish(accumulator.merge(left, right), { confidence: 0.95, ...FEBRUARY } as FinishContext);
    expect(merged).toEqual(run('retention_rate', BOOK, FEBRUARY));
  });

  it('rows without a start date are left out of the period form and counted', () => {
    const value = run('churn_rate', [...BOOK, { churned: true }], FEBRUARY);
    expect(value.value).toBeCloseTo(100 / 3, 10);
    expect(value.detail?.['excluded_undated']).toBe(1);
  });
});

describe('retention_rate and churn_rate, snapshot form', () => {
  it('churned / customers with no window start; retention = 100 − churn', () => {
    // 1 churned of 4.
    const rows = [{ churned: true }, { churned: false }, { churned: false }, { churned: false }, {}];
    expect(run('churn_rate', rows).value).toBe(25);
    expect(run('churn_rate', rows).detail).toMatchObject({ form: 'snapshot', customers: 4, churned: 1 });
    expect(run('retention_rate', rows).value).toBe(75);
  });

  it('a dated row is churned when its end is ≤ asOf', () => {
    // B ends Feb 15, C Feb 20 (both ≤ Feb 25), E ends Mar 5 (after): 2 of the 5 customers known by Feb 25 (F starts later).
    const value = run('churn_rate', BOOK, { asOf: day(2, 25) });
    expect(value.detail).toMatchObject({ form: 'snapshot', customers: 5, churned: 2 });
    expect(value.value).toBe(40);
  });

  it('no customers → null', () => {
    expect(run('churn_rate', []).value).toBeNull();
  });
});

describe('arpa, cac, clv, ltv_cac_ratio', () => {
  it('February: ARPA over the 6 customers active at some instant of the window; CAC over the 3 new ones', () => {
    // ARPA = (100 + 50 + 30 + 70 + 20 + 40)/6 = 310/6 = 51.667.
    const arpa = run('arpa', BOOK, FEBRUARY);
    expect(arpa.value).toBeCloseTo(310 / 6, 10);
    expect(arpa.n).toBe(6);
    expect(arpa.ci).not.toBeNull();
    // CAC = (C 100 + D 500 + F 300)/3 = 300.
    expect(run('cac', BOOK, FEBRUARY).value).toBe(300);
    // CLV = 51.667 × 0.6 / (1/3) = 93.
    const clv = run('clv', BOOK, FEBRUARY, MARGIN);
    expect(clv.value).toBeCloseTo(93, 10);
    expect(clv.detail).toMatchObject({ basis: 'gross-margin', margin: 0.6 });
    // LTV:CAC = 93 / 300 = 0.31.
    expect(run('ltv_cac_ratio', BOOK, FEBRUARY, MARGIN).value).toBeCloseTo(0.31, 10);
  });

  it('March: E (ended Mar 5) still counts in ARPA; nobody new → CAC null', () => {
    // A, D, E, F: (100 + 70 + 20 + 40)/4 = 57.5.
    expect(run('arpa', BOOK, MARCH).value).toBe(57.5);
    expect(run('cac', BOOK, MARCH)).toMatchObject({ value: null, n: 0 });
  });

  it("the spec's example: ARPA 100, margin 0.6, churn 0.05 → 1,200", () => {
    // 20 customers at the start, revenue 100 each; one leaves: churn 1/20 = 0.05; 100 × 0.6 / 0.05 = 1200.
    const rows = Array.from({ length: 20 }, (_, i) => ({
      start_date: day(1, 1),
      revenue: 100,
      ...(i === 0 ? { end_date: day(2, 10) } : {}),
    }));
    expect(run('clv', rows, FEBRUARY, MARGIN).value).toBeCloseTo(1200, 9);
  });

  it('without a margin CLV is revenue-only, and labelled so', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({
      start_date: day(1, 1),
      revenue: 100,
      ...(i === 0 ? { end_date: day(2, 10) } : {}),
    }));
    // 100 × 1 / 0.05 = 2000.
    const clv = run('clv', rows, FEBRUARY);
    expect(clv.value).toBeCloseTo(2000, 9);
    expect(clv.detail).toMatchObject({ basis: 'revenue-only', label: 'revenue-only', margin: 1 });
  });

  it('no customer churned → CLV null, with the reason', () => {
    const rows = [{ start_date: day(1, 1), revenue: 100 }];
    const clv = run('clv', rows, FEBRUARY, MARGIN);
    expect(clv.value).toBeNull();
    expect(clv.detail?.['note']).toMatch(/no customer churned/);
    expect(run('ltv_cac_ratio', [{ ...rows[0], acquisition_cost: 10 }], FEBRUARY, MARGIN).value).toBeNull();
  });

  it('clv.discounted: r 0.8, d 0.1 → the multiple 0.8/0.3 = 2.67', () => {
    // 5 customers at the start, 1 leaves: r = 0.8. m = ARPA 100 × margin 1; no acquisition costs: 100 × 2.667 = 266.67.
    const rows = Array.from({ length: 5 }, (_, i) => ({
      start_date: day(1, 1),
      revenue: 100,
      ...(i === 0 ? { end_date: day(2, 10) } : {}),
    }));
    const clv = run('clv.discounted', rows, FEBRUARY, { customers: { discountRate: 0.1 } });
    expect(clv.detail?.['multiple']).toBeCloseTo(8 / 3, 10);
    expect(clv.value).toBeCloseTo(800 / 3, 9);
    expect(clv.detail?.['note']).toMatch(/no acquisition cost/);
  });

  it('clv.discounted with no churn is finite while there is a discount (r/d), and null without one', () => {
    const rows = [{ start_date: day(1, 1), revenue: 100 }];
    // r = 1, d = 0.1: 100 × 1/0.1 = 1000.
    expect(run('clv.discounted', rows, FEBRUARY).value).toBeCloseTo(1000, 9);
    const undiscounted = run('clv.discounted', rows, FEBRUARY, { customers: { discountRate: 0 } });
    expect(undiscounted.value).toBeNull();
    expect(undiscounted.detail?.['note']).toMatch(/discount_rate is 0/);
  });

  it('clv.discounted subtracts the CAC; the default discount rate is 0.1', () => {
    // February of BOOK: r = 2/3, multiple = (2/3)/(1.1 − 2/3) = 20/13; 31 × 20/13 − 300 = −252.31.
    const clv = run('clv.discounted', BOOK, FEBRUARY, MARGIN);
    expect(clv.detail?.['discount_rate']).toBe(0.1);
    expect(clv.value).toBeCloseTo((31 * 20) / 13 - 300, 9);
  });

  it("clv.purchase: the spec's 70 × 3 × 3 × 0.3 = 189", () => {
    // 9 orders over 3 years, 630 spent: AOV 70, 3 orders a year, lifespan 3 years, margin 0.3.
    const rows = [{ revenue: 630, orders: 9, tenure: 3 * YEAR_S }];
    const clv = run('clv.purchase', rows, {}, { customers: { margin: 0.3 } });
    expect(clv.value).toBeCloseTo(189, 9);
    expect(clv.detail).toMatchObject({ average_order_value: 70, orders_per_year: 3, lifespan_years: 3 });
  });
});

describe('repeat_rate, tenure.mean, time_to_value', () => {
  it('repeat_rate = orders > 1 / orders ≥ 1', () => {
    // 0 orders is not a customer who bought; 2 of the 3 buyers came back.
    expect(run('repeat_rate', [{ orders: 0 }, { orders: 1 }, { orders: 2 }, { orders: 5 }, {}]).value).toBeCloseTo(200 / 3, 10);
  });

  it('tenure.mean: the tenure column (months), else end − start, else asOf − start', () => {
    // 2 months, 10 days, and 20 days to asOf: (2 × 30.436875 + 10 + 20)/3 days.
    const rows = [{ tenure: (2 * MS_PER_MONTH) / 1000 }, { start_date: day(1, 1), end_date: day(1, 11) }, { start_date: day(1, 1) }];
    const value = run('tenure.mean', rows, { asOf: day(1, 21) });
    expect(value.value).toBeCloseTo(((2 * 30.436875 + 30) / 3) * DAY_S, 6);
    expect(value.n).toBe(3);
    // In months: (2 + 30/30.436875)/3 = 0.99521… .
    expect(value.detail?.['months']).toBeCloseTo((2 + 30 / 30.436875) / 3, 10);
  });

  it('time to value: reached ones only; not reached are censored and counted, never zero', () => {
    // 2, 4 and 10 days; one not reached. Median 4 d, mean 16/3 d, p90 = 4 + 0.8 × 6 = 8.8 d; reached 3 of 4.
    const rows = [
      { start_date: day(1, 1), first_value_at: day(1, 3) },
      { start_date: day(1, 1), first_value_at: day(1, 5) },
      { start_date: day(1, 1), first_value_at: day(1, 11) },
      { start_date: day(1, 1) },
    ];
    const median = run('time_to_value.median', rows);
    expect(median.value).toBe(4 * DAY_S);
    expect(median.detail).toMatchObject({ excluded_not_reached: 1 });
    expect(run('time_to_value.mean', rows).value).toBeCloseTo((16 / 3) * DAY_S, 6);
    expect(run('time_to_value.p90', rows).value).toBeCloseTo(8.8 * DAY_S, 6);
    expect(run('time_to_value.reached', rows).value).toBe(75);
  });
});
