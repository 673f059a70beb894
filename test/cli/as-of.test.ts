// `--as-of` / `as_of:`: the instant that decides "still open" (issue 19), on the built binary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const BACKLOG = fixture('tickets/backlog-months.csv');
const SLA_DATA = fixture('tickets/sla-as-of.csv');
const SLA_CONFIG = fixture('tickets/sla-as-of.yml');
const MAR_1 = Date.UTC(2024, 2, 1);
const APR_2 = Date.UTC(2024, 3, 2);
const DAY = 86_400;

// backlog-months.csv (see backlog-age.test.ts): open at Mar 1 00:00 are K4 (created Jan 31),
// K5 (Feb 1) and K6 (Feb 20); created by then K1–K6 (K9's resolution is rejected: left out).
describe('--as-of on backlog', () => {
  it('defaults to the newest stamp of the data (K6 resolved Apr 2), not the clock', () => {
    const { report } = runJson(['score', BACKLOG, '--metrics', 'backlog', '-q']);
    // At Apr 2 open: K4 and K8 → 2; created by then: 8.
    expect(resultOf(report, 'backlog')).toMatchObject({ value: 2, n: 8, detail: { as_of: APR_2 } });
  });

  it('takes an explicit instant: backlog and ages at Mar 1', () => {
    const { report } = runJson(['score', BACKLOG, '--metrics', 'backlog,backlog.age.p90', '--as-of', '2024-03-01', '-q']);
    expect(resultOf(report, 'backlog')).toMatchObject({ value: 3, n: 6, detail: { as_of: MAR_1 } });
    // Ages {10, 29, 30} d → type-7 p90: h = 2·0.9 = 1.8 → 29 + 0.8·1 = 29.8 d.
    expect(resultOf(report, 'backlog.age.p90').value).toBeCloseTo(29.8 * DAY, 3);
  });

  it('per-period rows keep min(as-of, period end)', () => {
    const { report } = runJson(['score', BACKLOG, '--metrics', 'backlog', '--period', 'month', '--as-of', '2024-02-15', '-q']);
    // January ends Feb 1 (before Feb 15): its own end. February ends Mar 1, after: Feb 15.
    expect(resultOf(report, 'backlog', {}, '2024-01').detail).toMatchObject({ as_of: Date.UTC(2024, 1, 1) });
    // At Feb 15: K4, K5 open (K2 resolved Feb 10; K6 not created yet) → 2.
    expect(resultOf(report, 'backlog', {}, '2024-02')).toMatchObject({ value: 2, detail: { as_of: Date.UTC(2024, 1, 15) } });
  });

  it('now is the clock, asked for explicitly: every open ticket is older than a day', () => {
    const before = Date.now();
    const { report } = runJson(['score', BACKLOG, '--metrics', 'backlog', '--as-of', 'now', '-q']);
    const asOf = resultOf(report, 'backlog').detail?.as_of as number;
    expect(asOf).toBeGreaterThanOrEqual(before);
    expect(resultOf(report, 'backlog').value).toBe(2);
  });

  it('--to without --as-of keeps its meaning: the end of the range', () => {
    const { report } = runJson(['score', BACKLOG, '--metrics', 'backlog', '--to', '2024-03-01', '-q']);
    expect(resultOf(report, 'backlog').detail).toMatchObject({ as_of: MAR_1 });
  });

  it('takes the newest event stamp over every input and kind, never a due date', () => {
    const dir = scratchDir('xla-as-of-');
    // A survey answered May 1 is newer than every ticket stamp (Apr 2); a due date in 2030 is a deadline, not an event.
    writeFileSync(join(dir, 'survey.csv'), 'submitted_at,nps\n2024-05-01T00:00:00Z,9\n');
    writeFileSync(join(dir, 'due.csv'), 'id,created_at,sla_due_at\nD1,2024-03-01T00:00:00Z,2030-01-01T00:00:00Z\n');
    const { report } = runJson(['score', BACKLOG, join(dir, 'survey.csv'), join(dir, 'due.csv'), '--metrics', 'backlog', '-q']);
    // At May 1: K4, K8 and D1 (never resolved) open → 3; created by then: 8 + D1 = 9.
    expect(resultOf(report, 'backlog')).toMatchObject({ value: 3, n: 9, detail: { as_of: Date.UTC(2024, 4, 1) } });
  });

  it.each([['bogus'], ['2024-13'], ['']])('refuses --as-of %j with exit 2 and no output', (value) => {
    const run = runXla(['score', BACKLOG, '--as-of', value, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--as-of');
  });

  it('refuses a bad as_of: in the XLA file, naming the key', () => {
    const dir = scratchDir('xla-as-of-');
    const config = join(dir, 'xla.config.yml');
    writeFileSync(config, 'as_of: yesterday-ish\n');
    const run = runXla(['score', BACKLOG, '-c', config, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/as_of: expected a date or time/);
  });
});

// sla-as-of.csv with P1 4h, P2 1d (calendar time):
//   S1 P1 Mar 1 00:00 → 03:00: met (3h ≤ 4h).   S2 P1 Mar 1 00:00, open: due 04:00.
//   S3 P2 Mar 1 10:00, open: due Mar 2 10:00.   S4 P2 Mar 2 00:00 → 01:00: met.
// Newest event stamp: S4's resolution, Mar 2 01:00 (no sla_due_at column here; it would not count).
describe('--as-of on sla_attainment', () => {
  const sla = (extra: string[]) =>
    resultOf(runJson(['score', SLA_DATA, '-c', SLA_CONFIG, '--metrics', 'sla_attainment', '-q', ...extra]).report, 'sla_attainment');

  it('by default, open tickets past due at the newest stamp are breached', () => {
    // Mar 2 01:00: S2 past 04:00 → breached; S3 due 10:00 → in flight. Met 2 of 3 → 66.67 %.
    expect(sla([])).toMatchObject({ n: 3, detail: { x: 2, breached: 1, excluded_open: 1, as_of: Date.UTC(2024, 2, 2, 1) } });
    expect(sla([]).value).toBeCloseTo((100 * 2) / 3, 9);
  });

  it('an explicit as-of within both targets leaves both open tickets out', () => {
    // Mar 1 04:00: S2 due exactly then → not past due, in flight; S3 too. Met 2 of 2.
    expect(sla(['--as-of', '2024-03-01T04:00:00Z'])).toMatchObject({ value: 100, n: 2, detail: { breached: 0, excluded_open: 2 } });
  });

  it('an as-of past both due instants breaches both', () => {
    // Mar 3: S2 and S3 breached → 2 of 4 = 50 %.
    expect(sla(['--as-of', '2024-03-03'])).toMatchObject({ value: 50, n: 4, detail: { breached: 2, excluded_open: 0 } });
  });

  it('gives the same numbers on one and two threads, files in either order', () => {
    const args = ['score', BACKLOG, SLA_DATA, '-c', SLA_CONFIG, '--metrics', 'sla_attainment,backlog', '-q'];
    const one = runJson([...args, '--jobs', '1']).report.results;
    expect(runJson([...args, '--jobs', '2']).report.results).toEqual(one);
    const swapped = ['score', SLA_DATA, BACKLOG, ...args.slice(3)];
    expect(runJson([...swapped, '--jobs', '2']).report.results).toEqual(one);
  });
});
