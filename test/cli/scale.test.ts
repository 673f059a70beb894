/**
 * End-to-end: inputs whose size once made xla take minutes (quadratic work) or gigabytes. Each run
 * has a generous timeout that only guards against a hang: the old code took minutes on each of
 * these, the bounds themselves are asserted by the unit tests (operation counts, caps).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resultOf, runJson, runXla } from './run-xla.js';

const HANG_GUARD_MS = 120_000;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'xla-scale-'));
  folders.push(folder);
  return folder;
}

function writeTemp(name: string, text: string): string {
  const path = join(tempFolder(), name);
  writeFileSync(path, text);
  return path;
}

describe('a header cell of megabytes', () => {
  // 3 MB of "recommend " took the alias patterns over 150 s (`.*recommend.*as a place to work.*`).
  const long = `${'recommend '.repeat(300_000)}as a place`;
  const file = writeTemp('survey.csv', `Date,${JSON.stringify(long)},NPS,Team\n2024-01-02,x,10,A\n2024-01-03,y,0,A\n2024-01-04,z,9,B\n`);

  it('maps the usual columns and scores them', () => {
    const { report } = runJson(['score', file, '-q'], { timeoutMs: HANG_GUARD_MS });
    expect(report.inputs[0]?.fields).toEqual({ submitted_at: 'Date', nps: 'NPS' });
    // Promoters 10 and 9, a detractor 0: (2 − 1)/3 = +33.3.
    expect(resultOf(report, 'nps').value).toBeCloseTo(100 / 3, 6);
  });

  it('answers a long --by name it does not know without measuring it against the long column', () => {
    const run = runXla(['score', file, '--by', `Team ${'x'.repeat(100_000)}`], { timeoutMs: HANG_GUARD_MS });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no column "Team xxx');
    // The hint lists the columns, the long one cut to its first 100 characters.
    expect(run.stderr).toContain('(3,000,010 characters)');
    // The message names the --by argument (twice); nothing of the long column but its first 100 characters.
    expect(run.stderr.length).toBeLessThan(2 * 100_000 + 2_000);
    expect(run.stdout).toBe('');
  });

  it('still suggests the column a short --by name misspells', () => {
    const run = runXla(['score', file, '--by', 'Teem'], { timeoutMs: HANG_GUARD_MS });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "Team"?');
  });
});

describe('--period day over 100 years', () => {
  // 20,000 tickets 1.826 days apart from 1925 (each on a day of its own), resolved an hour later
  // but for every tenth, which stays open. The backlog was counted over every period at every
  // period's end: over 300 s.
  const DAY = 86_400_000;
  const first = Date.UTC(1925, 0, 1, 6);
  const step = Math.floor((100 * 365.25 * DAY) / 20_000);
  const lines = ['id,created_at,resolved_at'];
  for (let i = 0; i < 20_000; i += 1) {
    const created = first + i * step;
    lines.push(`T${i},${new Date(created).toISOString()},${i % 10 === 0 ? '' : new Date(created + 3_600_000).toISOString()}`);
  }
  const file = writeTemp('century.csv', `${lines.join('\n')}\n`);

  it('reports the backlog at the end of each of 20,000 days', () => {
    const { report } = runJson(['score', file, '--period', 'day', '--metrics', 'backlog', '-q'], { timeoutMs: HANG_GUARD_MS });
    const byPeriod = report.results.filter((result) => result.period !== null);
    expect(byPeriod).toHaveLength(20_000);
    // Open at the end of each ticket's day: the open tickets created so far (i = 0, 10, 20, …).
    const firstDay = new Date(first).toISOString().slice(0, 10);
    const lastDay = new Date(first + 19_999 * step).toISOString().slice(0, 10);
    expect(byPeriod.find((result) => result.period === firstDay)?.value).toBe(1);
    expect(byPeriod.find((result) => result.period === lastDay)?.value).toBe(2000);
    expect(byPeriod.find((result) => result.period === new Date(first + 10_005 * step).toISOString().slice(0, 10))?.value).toBe(1001);
  });
});

describe('the limit on groups', () => {
  // 100,000 tickets of their own id over ~2 years: --by id --period day makes 1 + ~700 days +
  // 100,000 ids + 100,000 id × day groups, for 6 metrics (tickets, resolution_time mean, median
  // and p90, backlog, backlog.age.p90, named: the default adds data quality's): over the 166,666 groups that 1,000,000 results allow. With 2 threads each
  // half of the file (20 MB: cut in two) makes ~100,000 groups, under the limit alone: the merge must find it.
  const DAY = 86_400_000;
  const lines = ['id,created_at,resolved_at,note'];
  for (let i = 0; i < 100_000; i += 1) {
    const created = Date.UTC(2022, 0, 1) + i * 600_000;
    lines.push(`T${i},${new Date(created).toISOString()},${new Date(created + DAY / 2).toISOString()},${'n'.repeat(140)}`);
  }
  const file = writeTemp('ids.csv', `${lines.join('\n')}\n`);
  const SIX_METRICS = 'tickets,resolution_time.mean,resolution_time.median,resolution_time.p90,backlog,backlog.age.p90';
  const expected =
    '--by id --period day: over 166,666 groups, each a row of the report for 6 metrics: more than the 1,000,000 results a report can hold';

  it.each(['1', '2'])('stops with exit 2 and the same message on %s thread(s), writing nothing', (jobs) => {
    const out = join(tempFolder(), 'report.json');
    const run = runXla(['score', file, '--by', 'id', '--period', 'day', '--metrics', SIX_METRICS, '--jobs', jobs, '-q', '-o', out], {
      timeoutMs: HANG_GUARD_MS * 2,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `xla: ${expected}\n  hint: group by fewer or coarser columns (--by), use a longer --period, or score the inputs in parts\n`,
    );
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('scores the same file by a coarser column', () => {
    const { report } = runJson(['score', file, '--period', 'month', '--metrics', 'tickets', '-q'], { timeoutMs: HANG_GUARD_MS });
    expect(resultOf(report, 'tickets').n).toBe(100_000);
  });
});
