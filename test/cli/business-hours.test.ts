// Business hours wired into the XLA file and --business-hours (issue 19, item 1), on the built binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const FILE = fixture('tickets/business-hours.csv');
const CONFIG = fixture('tickets/business-hours.yml');
const HOUR = 3600;
const DURATIONS = 'first_response_time.mean,first_response_time.median,first_response_time.p90,resolution_time.mean,resolution_time.p90';

/** A config file (and any data files) in a fresh folder; returns the config's path. */
function writeConfig(text: string, files: Record<string, string> = {}): string {
  const dir = scratchDir('xla-business-hours-');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const path = join(dir, 'xla.config.yml');
  writeFileSync(path, text);
  return path;
}

// business-hours.csv (UTC stamps). emea: Europe/Berlin (UTC+2 in May), mon–fri 09–13 + 14–18,
// Bavarian public holidays (May 1 is one); apac: Asia/Singapore (UTC+8), mon–fri 09–18.
//   B1 EMEA  Tue Apr 30 17:00 → FR Thu May 2 09:30 → resolved 14:30 (Berlin)
//      FRT: Tue 17–18 1h + Wed (holiday) 0 + Thu 09–09:30 0.5h = 1.5h
//      resolution: 1h + Thu 09–13 4h + 14–14:30 0.5h = 5.5h
//   B2 APAC  Fri May 3 17:00 → FR Mon May 6 09:30 → resolved 10:00 (Singapore)
//      FRT: Fri 17–18 1h + Mon 0.5h = 1.5h;  resolution: 1h + 1h = 2h
//   B3 LATAM (no calendar of its own → default emea) Sat 12:00 → FR Sat 13:00 → resolved Mon 10:00 (Berlin)
//      FRT: opened and answered on a Saturday = 0;  resolution: Mon 09–10 = 1h
//   B4 " EMEA " (trimmed) Mon May 6 07:00 (before opening) → FR 13:30 (in the lunch break), open
//      FRT: 09–13 = 4h (starts at the next opening; the break does not count);  resolution: open
// FRT {0, 1.5, 1.5, 4} h: mean 7/4 = 1.75h; median (h = 1.5) 1.5h; p90 (h = 2.7) 1.5 + 0.7·2.5 = 3.25h.
// Resolution {1, 2, 5.5} h: mean 8.5/3 h; p90 (h = 1.8) 2 + 0.8·3.5 = 4.8h.
describe('business hours from the XLA file, a calendar per region', () => {
  const { report, run } = runJson(['score', FILE, '-c', CONFIG, '--metrics', DURATIONS, '-q']);

  it.each([
    ['first_response_time.mean', 1.75 * HOUR, 4],
    ['first_response_time.median', 1.5 * HOUR, 4],
    ['first_response_time.p90', 3.25 * HOUR, 4],
    ['resolution_time.mean', (8.5 / 3) * HOUR, 3],
    ['resolution_time.p90', 4.8 * HOUR, 3],
  ] as const)('%s counts working time only', (metric, value, n) => {
    const result = resultOf(report, metric);
    expect(result.value).toBeCloseTo(value, 6);
    expect(result).toMatchObject({ n, detail: { clock: 'business', excluded_no_calendar: 0, excluded_implausible_year: 0 } });
    expect(run.stderr).toBe('');
  });

  it('per segment: --by region keeps each ticket on its own calendar', () => {
    const { report: byRegion } = runJson(['score', FILE, '-c', CONFIG, '--metrics', 'first_response_time.mean', '--by', 'region', '-q']);
    // EMEA: B1 1.5h and B4 4h → 2.75h; APAC: B2 1.5h; LATAM: B3 0.
    expect(resultOf(byRegion, 'first_response_time.mean', { region: 'EMEA' }).value).toBeCloseTo(2.75 * HOUR, 6);
    expect(resultOf(byRegion, 'first_response_time.mean', { region: 'APAC' }).value).toBeCloseTo(1.5 * HOUR, 6);
    expect(resultOf(byRegion, 'first_response_time.mean', { region: 'LATAM' }).value).toBe(0);
  });

  it('gives the same numbers on one and two threads (each thread builds its calendars)', () => {
    const text = readFileSync(FILE, 'utf8');
    const copy = join(writeConfig('', { 'again.csv': text }), '../again.csv');
    const args = ['score', FILE, copy, '-c', CONFIG, '--metrics', DURATIONS, '--by', 'region', '-q'];
    expect(runJson([...args, '--jobs', '2']).report.results).toEqual(runJson([...args, '--jobs', '1']).report.results);
  });

  it('without a default, a ticket whose value has no calendar is left out and counted', () => {
    const config = writeConfig(
      [
        'calendars:',
        '  emea: { timezone: Europe/Berlin, hours: "09:00-13:00, 14:00-18:00", holidays: { country: DE, region: BY } }',
        '  apac: { timezone: Asia/Singapore, hours: "09:00-18:00" }',
        'business_hours: { by: region, calendars: { EMEA: emea, APAC: apac } }',
      ].join('\n'),
    );
    const { report: strict } = runJson(['score', FILE, '-c', config, '--metrics', 'first_response_time.mean,resolution_time.mean', '-q']);
    // B3 (LATAM) out: FRT {1.5, 1.5, 4} h → 7/3 h; resolution {5.5, 2} h → 3.75 h.
    expect(resultOf(strict, 'first_response_time.mean')).toMatchObject({ n: 3, detail: { excluded_no_calendar: 1 } });
    expect(resultOf(strict, 'first_response_time.mean').value).toBeCloseTo((7 / 3) * HOUR, 6);
    expect(resultOf(strict, 'resolution_time.mean')).toMatchObject({
      value: 3.75 * HOUR,
      n: 2,
      detail: { excluded_no_calendar: 1, excluded_open: 1 },
    });
  });

  it('leaves out (and counts) a ticket with a stamp outside 1970–2099 instead of asking the engine', () => {
    const config = writeConfig('calendar: { hours: "09:00-17:00", business_hours: true }\n', {
      'old.csv':
        'id,created_at,first_response_at\nO1,1969-12-31T08:00:00Z,2024-05-06T10:00:00Z\nO2,2024-05-06T08:00:00Z,2024-05-06T10:00:00Z\n',
    });
    const { report: old } = runJson(['score', join(config, '../old.csv'), '-c', config, '--metrics', 'first_response_time.mean', '-q']);
    // O2: Mon 08:00 → 10:00 on 09–17 UTC = 1h; O1 counted apart.
    expect(resultOf(old, 'first_response_time.mean')).toMatchObject({ value: HOUR, n: 1, detail: { excluded_implausible_year: 1 } });
  });
});

describe('calendar: with business_hours: true, and --business-hours', () => {
  const single = (businessHours: string) =>
    writeConfig(
      `calendar:\n  timezone: Europe/Berlin\n  hours: "09:00-13:00, 14:00-18:00"\n  holidays: { country: DE, region: BY }\n${businessHours}`,
    );

  it('calendar.business_hours: true turns business time on (config.md, first example)', () => {
    const { report } = runJson(['score', FILE, '-c', single('  business_hours: true\n'), '--metrics', 'resolution_time.mean', '-q']);
    // Every ticket on emea's hours: B1 5.5h; B2 Fri 11:00 → Mon 04:00 Berlin: Fri 11–13 2h + 14–18 4h = 6h;
    // B3 1h → mean 12.5/3 h.
    expect(resultOf(report, 'resolution_time.mean').value).toBeCloseTo((12.5 / 3) * HOUR, 6);
  });

  it('a calendar alone keeps elapsed time; --business-hours turns it on', () => {
    const config = single('');
    const elapsed = resultOf(
      runJson(['score', FILE, '-c', config, '--metrics', 'first_response_time.mean', '-q']).report,
      'first_response_time.mean',
    );
    // Elapsed FRT: B1 40.5h, B2 64.5h, B3 1h, B4 6.5h → 112.5/4 h.
    expect(elapsed.value).toBeCloseTo((112.5 / 4) * HOUR, 6);
    expect(elapsed.detail).not.toHaveProperty('clock');
    const on = runJson(['score', FILE, '-c', config, '--business-hours', '--metrics', 'first_response_time.mean', '-q']).report;
    // B2 on emea: Fri 11:00 → Mon 03:30 Berlin = 6h; B1 1.5h, B3 0, B4 4h → 11.5/4 h.
    expect(resultOf(on, 'first_response_time.mean').value).toBeCloseTo((11.5 / 4) * HOUR, 6);
  });

  it.each([
    ['no XLA file', [], /--business-hours: no calendar is configured/],
    [
      'several calendars and no choice',
      ['-c', writeConfig('calendars:\n  a: { hours: "09:00-17:00" }\n  b: { hours: "08:00-16:00" }\n')],
      /--business-hours: calendars: defines 2 calendars \(a, b\): say which ticket uses which/,
    ],
  ])('--business-hours with %s: exit 2, no output', (_label, args, message) => {
    const run = runXla(['score', FILE, '--business-hours', ...args, '-f', 'json'], { cwd: tmpdir() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('wrong names are errors naming the key path', () => {
  it.each([
    [
      'business_hours: { by: region, calendars: { EMEA: emae } }',
      /business_hours\.calendars\.EMEA: unknown calendar "emae" \(did you mean "emea"\?\)/,
    ],
    ['business_hours: { by: region, calendars: { EMEA: emea }, default: apca }', /business_hours\.default: unknown calendar "apca"/],
    ['business_hours: true', /business_hours: calendars: defines 2 calendars/],
  ])('%s', (choice, message) => {
    const config = writeConfig(`calendars:\n  emea: { hours: "09:00-17:00" }\n  apac: { hours: "09:00-17:00" }\n${choice}\n`);
    const run = runXla(['score', FILE, '-c', config, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('a by column no tickets input has', () => {
    const config = writeConfig('calendars:\n  emea: { hours: "09:00-17:00" }\nbusiness_hours: { by: team, calendars: { A: emea } }\n');
    const run = runXla(['score', FILE, '-c', config, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('business_hours.by team');
  });

  it('an unknown holiday country, found before any output', () => {
    const config = writeConfig('calendar: { hours: "09:00-17:00", holidays: { country: XX }, business_hours: true }\n');
    const run = runXla(['score', FILE, '-c', config, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('calendar.holidays.country: unknown country "XX"');
  });

  it('calendar: and calendars: together', () => {
    const config = writeConfig('calendar: { hours: "09:00-17:00" }\ncalendars:\n  a: { hours: "09:00-17:00" }\n');
    const run = runXla(['score', FILE, '-c', config, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('calendars: give either calendar: (one calendar) or calendars: (named ones), not both');
  });
});
