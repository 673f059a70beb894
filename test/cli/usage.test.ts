/**
 * Product usage (issue 21) through the built binary: the Mixpanel, Amplitude and GA4 BigQuery event
 * exports in fixtures/usage (README there: the shapes' sources and the events), the population from
 * the flag and from the XLA file, and the same report on one thread or two.
 *
 * The nine events (UTC): u1 4 Mar 09:00 and 15:00, 5 Mar, 2 Apr; u2 5 Mar, 20 Mar; u3 1 Apr, 3 Apr
 * 19:00; u4 3 Apr 20:00. --period month:
 *   March: window 4–31 Mar (28 days; the data starts on the 4th); daily users 4 Mar 1, 5 Mar 2,
 *          20 Mar 1 → DAU 4/28; users 2 → MAU 2, stickiness 4/(28·2)·100 = 7.142857 %; new 2.
 *   April: window 1–3 Apr (the data ends on the 3rd); daily users 1 + 1 + 2 = 4 → DAU 4/3; users u1,
 *          u3, u4 → MAU 3, stickiness 4/(3·3)·100 = 44.444 %; new u3, u4 = 2.
 *   All:   window 4 Mar – 3 Apr = 31 days; DAU 8/31; MAU (28·2 + 3·3)/31 = 65/31; users 4;
 *          stickiness 8/(31·4)·100 = 6.4516 %; new 4.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const EXPORTS = [
  ['mixpanel-export.jsonl', 'mixpanel', { timestamp: 'properties.time', user_id: 'properties.distinct_id' }],
  ['amplitude-export.jsonl', 'amplitude', { timestamp: 'event_time', user_id: 'amplitude_id', session_id: 'session_id' }],
  ['ga4-bigquery.csv', 'ga4-bigquery', { date: 'event_date', timestamp: 'event_timestamp', user_id: 'user_pseudo_id' }],
] as const;

function expectTheNineEvents(report: JsonReport): void {
  expect(resultOf(report, 'active_users.dau', {}, '2024-03')).toMatchObject({
    value: 4 / 28,
    n: 2,
    detail: { days: 28, first_day: '2024-03-04' },
  });
  expect(resultOf(report, 'active_users.mau', {}, '2024-03').value).toBe(2);
  expect(resultOf(report, 'stickiness', {}, '2024-03').value).toBeCloseTo(7.142857, 5);
  expect(resultOf(report, 'new_users', {}, '2024-03').value).toBe(2);
  expect(resultOf(report, 'active_users.dau', {}, '2024-04')).toMatchObject({
    value: 4 / 3,
    n: 3,
    detail: { days: 3, last_day: '2024-04-03' },
  });
  expect(resultOf(report, 'stickiness', {}, '2024-04').value).toBeCloseTo(44.444444, 5);
  expect(resultOf(report, 'new_users', {}, '2024-04').value).toBe(2);
  expect(resultOf(report, 'active_users.dau')).toMatchObject({ value: 8 / 31, n: 4, detail: { days: 31 } });
  expect(resultOf(report, 'active_users.mau').value).toBe(65 / 31);
  expect(resultOf(report, 'stickiness').value).toBeCloseTo(6.451613, 5);
  expect(resultOf(report, 'new_users').value).toBe(4);
}

describe.each(EXPORTS)('%s', (file, preset, fields) => {
  const { report } = runJson(['score', fixture(`usage/${file}`), '--period', 'month']);

  it(`is recognised as ${preset} with no flags, binding the user and the instant`, () => {
    expect(report.inputs[0]).toMatchObject({ kind: 'analytics', preset, rows: 9, rejected: 0, fields });
  });

  it('scores active users, stickiness and new users per month and in all', () => {
    expectTheNineEvents(report);
  });

  it('leaves adoption out without a population', () => {
    expect(report.results.some((result) => result.metric === 'adoption_rate')).toBe(false);
  });
});

describe('the Amplitude export’s event_time is UTC, whatever --tz', () => {
  it('reads it as UTC and counts days on the wall clock of --tz', () => {
    // Asia/Tokyo (+9): u3 3 Apr 19:00Z and u4 20:00Z are 4 April there. April: 1 Apr u3 (16:00),
    // 2 Apr u1 (17:00), 4 Apr u3, u4 → 4 user-days over 1–4 April = 1. Read as Tokyo wall time
    // instead, they would stay on 3 April: 4/3.
    const { report } = runJson(['score', fixture('usage/amplitude-export.jsonl'), '--period', 'month', '--tz', 'Asia/Tokyo']);
    expect(resultOf(report, 'active_users.dau', {}, '2024-04')).toMatchObject({ value: 1, detail: { days: 4, last_day: '2024-04-04' } });
  });
});

describe('adoption rate', () => {
  // 4 users of a population of 10 = 40 %; Wilson 95 % for 4/10 is [16.818, 68.733] %.
  // March 2 of 10 = 20 %, April 3 of 10 = 30 %.
  it('takes its population from --population', () => {
    const { report } = runJson(['score', fixture('usage/ga4-bigquery.csv'), '--period', 'month', '--population', '10']);
    const all = resultOf(report, 'adoption_rate');
    expect(all).toMatchObject({ value: 40, n: 10, detail: { x: 4, n: 10 } });
    expect(all.ci?.[0]).toBeCloseTo(16.818, 2);
    expect(all.ci?.[1]).toBeCloseTo(68.733, 2);
    expect(resultOf(report, 'adoption_rate', {}, '2024-03').value).toBe(20);
    expect(resultOf(report, 'adoption_rate', {}, '2024-04').value).toBe(30);
  });

  it('takes it from the XLA file, and the flag wins over the file', () => {
    const dir = scratchDir('xla-usage-');
    const config = join(dir, 'xla.yml');
    writeFileSync(config, 'population: 8\n');
    const fromFile = runJson(['score', fixture('usage/mixpanel-export.jsonl'), '--config', config]).report;
    expect(resultOf(fromFile, 'adoption_rate')).toMatchObject({ value: 50, n: 8 }); // 4 of 8
    const fromFlag = runJson(['score', fixture('usage/mixpanel-export.jsonl'), '--config', config, '--population', '16']).report;
    expect(resultOf(fromFlag, 'adoption_rate')).toMatchObject({ value: 25, n: 16 }); // 4 of 16
  });

  it('narrows to one feature’s users with --where on the event name', () => {
    // file_download: u2 (20 Mar) and u1 (2 Apr) → 2 of 10 = 20 %.
    const { report } = runJson(['score', fixture('usage/ga4-bigquery.csv'), '--population', '10', '--where', 'event_name=file_download']);
    expect(resultOf(report, 'adoption_rate')).toMatchObject({ value: 20, detail: { x: 2 } });
  });

  it.each([
    ['0', '--population must be a whole number of people above 0'],
    ['12x', '--population must be a whole number of people above 0'],
    ['2.5', '--population must be a whole number of people above 0'],
  ])('refuses --population %s with exit 2 and no report', (value, message) => {
    const run = runXla(['score', fixture('usage/ga4-bigquery.csv'), '--population', value]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it.each([['population: 0'], ['population: many'], ['population: 12.5']])('refuses "%s" in the XLA file, naming the key', (line) => {
    const dir = scratchDir('xla-usage-');
    const config = join(dir, 'xla.yml');
    writeFileSync(config, `${line}\n`);
    const run = runXla(['score', fixture('usage/ga4-bigquery.csv'), '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('population');
    expect(run.stderr).toContain('whole number of people above 0');
    expect(run.stdout).toBe('');
  });
});

const USAGE_METRICS = 'active_users.dau,active_users.wau,active_users.mau,stickiness,new_users,adoption_rate';

describe('one thread or two, rows in any order', () => {
  // Two files whose users overlap (u0…u49 in both), 1,500 events each over January–March 2024.
  function events(file: number, count: number, reversed: boolean): string {
    let seed = 11 + file;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const rows = Array.from({ length: count }, () => {
      const stamp = Date.UTC(2024, 0, 1) + Math.floor(random() * 91 * 24) * 3_600_000;
      return `u${String(Math.floor(random() * 50))},${new Date(stamp).toISOString()},${random() < 0.5 ? 'open' : 'save'}`;
    });
    if (reversed) rows.reverse();
    return ['user_id,timestamp,event', ...rows].join('\n') + '\n';
  }

  it('--jobs 1 and --jobs 2 give the same report, and so does each file reversed', () => {
    const dir = scratchDir('xla-usage-');
    const write = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const files = [write('a.csv', events(1, 1500, false)), write('b.csv', events(2, 1500, false))];
    const reversed = [write('c.csv', events(2, 1500, true)), write('d.csv', events(1, 1500, true))];
    const score = (paths: readonly string[], jobs: string): string => {
      const run = runXla([
        'score',
        ...paths,
        '--period',
        'week',
        '--population',
        '80',
        '--jobs',
        jobs,
        '--format',
        'json',
        '--metrics',
        USAGE_METRICS,
      ]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as JsonReport;
      return JSON.stringify(report.results);
    };
    const one = score(files, '1');
    expect(score(files, '2')).toBe(one);
    expect(score(reversed, '2')).toBe(one);
    expect(JSON.parse(one)).not.toHaveLength(0);
  });
});
