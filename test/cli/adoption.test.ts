/**
 * adoption_rate's population (issue 21): --population, a customers file in the same run, or, for a
 * customers file alone, its `active` flags — through the built binary on fixtures/adoption.
 *
 * Customers (start, end, active): c1 1 Jan –, yes; c2 10 Jan –, no; c3 15 Jan – 10 Feb, yes;
 * c4 5 Feb –, yes; c5 1 Mar –, no. Events: u1 3 Jan and 2 Feb, u2 20 Jan. The run's as-of is its
 * newest stamp, c5's start (1 Mar).
 *   No period: every customer is in the window (c5 starts at the as-of, which is in it): 5; users
 *     u1, u2 → 2/5 = 40 %.
 *   January [1 Jan, 1 Feb): c1, c2, c3 → 3; users u1, u2 → 2/3.
 *   February [1 Feb, 1 Mar): c1, c2, c3 (ends 10 Feb, after the window opens), c4 → 4 (c5 starts as
 *     the next period opens); user u1 → 1/4 = 25 %.
 *   March (up to the as-of, 1 Mar): c1, c2, c4, c5 → 4 (c3 ended); no user → 0/4 = 0 %.
 *   The list alone: active c1, c3, c4 of 5 flagged → 60 %.
 */
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla, type JsonReport } from './run-xla.js';

const CUSTOMERS = fixture('adoption/customers.csv');
const EVENTS = fixture('adoption/events.csv');

describe('adoption_rate against a population', () => {
  it('takes a customers file in the same run as the population, per window', () => {
    const { report } = runJson(['score', CUSTOMERS, EVENTS, '--metrics', 'adoption_rate', '--period', 'month']);
    expect(resultOf(report, 'adoption_rate', {}).value).toBeCloseTo(40, 10);
    expect(resultOf(report, 'adoption_rate', {}).detail).toMatchObject({ population: 5, population_from: 'customers file' });
    expect(resultOf(report, 'adoption_rate', {}, '2024-01').value).toBeCloseTo((2 / 3) * 100, 10);
    expect(resultOf(report, 'adoption_rate', {}, '2024-02')).toMatchObject({ value: 25, detail: { population: 4 } });
    expect(resultOf(report, 'adoption_rate', {}, '2024-03')).toMatchObject({ value: 0, detail: { population: 4 } });
  });

  it('is the same whichever file comes first and on one thread or two', () => {
    const args = ['--metrics', 'adoption_rate', '--period', 'month', '-f', 'json'];
    const forward = runXla(['score', CUSTOMERS, EVENTS, ...args, '--jobs', '1']);
    const backward = runXla(['score', EVENTS, CUSTOMERS, ...args, '--jobs', '2']);
    expect(forward.code).toBe(0);
    const results = (stdout: string): unknown => (JSON.parse(stdout) as { results: unknown }).results;
    expect(results(backward.stdout)).toEqual(results(forward.stdout));
  });

  it('prefers --population over the customers file', () => {
    const { report } = runJson(['score', CUSTOMERS, EVENTS, '--metrics', 'adoption_rate', '--population', '10']);
    expect(resultOf(report, 'adoption_rate', {})).toMatchObject({ value: 20, detail: { population: 10, population_from: 'population' } });
  });

  it('reads a customers file alone by its active flags: 3 of 5', () => {
    const { report } = runJson(['score', CUSTOMERS, '--metrics', 'adoption_rate']);
    expect(resultOf(report, 'adoption_rate', {})).toMatchObject({ value: 60, n: 5, detail: { population_from: 'active flag' } });
  });

  it('does not apply to an event log with no population, and says what it needs', () => {
    const run = runXla(['score', EVENTS, '--metrics', 'adoption_rate', '-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('no input can feed adoption_rate (it needs user_id + timestamp with a population (--population');
    expect(resultOf(JSON.parse(run.stdout) as JsonReport, 'adoption_rate', {})).toMatchObject({ value: null, n: 0 });
  });
});
