// Backlog and backlog age at the end of each period, on the built binary (issue 19, item 3).
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';

const FILE = fixture('tickets/backlog-months.csv');
const DAY = 86_400;
const FEB_1 = Date.UTC(2024, 1, 1);
const MAR_1 = Date.UTC(2024, 2, 1);
const APR_1 = Date.UTC(2024, 3, 1);
const APR_2 = Date.UTC(2024, 3, 2);

// The fixture (UTC, 2024 is a leap year):
//   K1 A Jan 05 → Jan 10 · K2 A Jan 11 → Feb 10 · K3 B Jan 21 → Feb 01 00:00 (exactly at January's end)
//   K4 B Jan 31 → open · K5 A Feb 01 00:00 (January's end) → Mar 15 · K6 B Feb 20 → Apr 02
//   K7 A Mar 10 → Mar 20 · K8 A Mar 25 → open · K9 A Feb 05, resolved "not a date" (rejected: left out)
// Open at an end = created ≤ end and not resolved by it; the end is the next month's first instant.
//   Jan end (Feb 1): K2 21 d, K4 1 d, K5 0 d (created at that instant); K3 resolved then is not open.
//   Feb end (Mar 1): K4 30 d, K5 29 d, K6 10 d.   Mar end (Apr 1): K4 61 d, K6 41 d, K8 7 d.
//   Overall at the newest stamp (K6's resolution, Apr 2): K4 62 d, K8 8 d; K6 resolved then is not open.
// p90 (type 7) of 3 ages: h = 2·0.9 = 1.8 → x1 + 0.8·(x2 − x1); of 2: h = 0.9 → x0 + 0.9·(x1 − x0).
describe('xla score --period month: backlog and its age at each period end', () => {
  const { report, run } = runJson(['score', FILE, '--metrics', 'backlog,backlog.age.p90', '--period', 'month', '-q']);

  it.each([
    // [period, as_of, backlog, created by then, age p90 in days]
    ['2024-01', FEB_1, 3, 5, 1 + 0.8 * 20], // {0, 1, 21} → 17 d
    ['2024-02', MAR_1, 3, 6, 29 + 0.8 * 1], // {10, 29, 30} → 29.8 d
    ['2024-03', APR_1, 3, 8, 41 + 0.8 * 20], // {7, 41, 61} → 57 d
    [null, APR_2, 2, 8, 8 + 0.9 * 54], // {8, 62} → 56.6 d
  ] as const)('%s', (period, asOf, backlog, created, ageDays) => {
    expect(resultOf(report, 'backlog', {}, period)).toMatchObject({
      value: backlog,
      n: created,
      detail: { as_of: asOf, excluded_unreadable: 1 },
    });
    const age = resultOf(report, 'backlog.age.p90', {}, period);
    expect(age).toMatchObject({ n: backlog, ci: null, detail: { as_of: asOf, excluded_unreadable: 1 } });
    expect(age.value).toBeCloseTo(ageDays * DAY, 3);
    expect(run.stderr).toBe('');
  });

  it('by team: each segment’s open tickets at each of its period ends', () => {
    const { report: byTeam } = runJson(['score', FILE, '--metrics', 'backlog.age.p90', '--period', 'month', '--by', 'Team', '-q']);
    const age = (team: string, period: string | null) => resultOf(byTeam, 'backlog.age.p90', { Team: team }, period);
    // A, Jan end: K2 21 d, K5 0 d → 0 + 0.9·21 = 18.9 d. Feb end: K5 29 d. Mar end: K8 7 d.
    expect(age('A', '2024-01').value).toBeCloseTo(18.9 * DAY, 3);
    expect(age('A', '2024-02')).toMatchObject({ value: 29 * DAY, n: 1, detail: { excluded_unreadable: 1 } });
    expect(age('A', '2024-03')).toMatchObject({ value: 7 * DAY, n: 1 });
    // B, Jan end: K4 1 d (K3 resolved exactly then). Feb end: K4 30, K6 10 → 10 + 0.9·20 = 28 d.
    expect(age('B', '2024-01')).toMatchObject({ value: 1 * DAY, n: 1, detail: { excluded_unreadable: 0 } });
    expect(age('B', '2024-02')).toMatchObject({ value: 28 * DAY, n: 2 });
    // B overall, at B's newest stamp (K6 resolved Apr 2): K4 62 d.
    expect(age('B', null)).toMatchObject({ value: 62 * DAY, n: 1, detail: { as_of: APR_2 } });
  });

  it('gives the same numbers on several threads', () => {
    const args = ['score', FILE, '--metrics', 'backlog.age.p90', '--period', 'month', '--by', 'Team', '-q'];
    expect(runJson([...args, '--jobs', '2']).report.results).toEqual(runJson([...args, '--jobs', '1']).report.results);
  });

  it('judges a target on it: breached above, met below', () => {
    // Overall 56.6 d > 30 d: breached, exit 1, verdict on stdout only.
    const checked = runXla(['check', FILE, '--target', 'backlog.age.p90 <= 30d', '-q']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('backlog.age.p90');
    expect(runXla(['check', FILE, '--target', 'backlog.age.p90 <= 60d', '-q']).code).toBe(0);
  });
});
