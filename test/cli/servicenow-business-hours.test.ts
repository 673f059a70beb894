// Business-time resolution on the ServiceNow incident event log sample (issue 19, "Done when"), on
// the built binary, against a reference computed here independently: a minute-by-minute walk,
// not the engine's day tables (the stamps are whole minutes, so the walk is exact).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const FILE = fixture('datasets/servicenow-events-1200.csv');
const HOLIDAY = '2016-03-25';

/** `29/2/2016 01:16` (d/M/yyyy H:mm, read as UTC) → epoch ms. */
function readStamp(text: string): number | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const [, day, month, year, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** Working minutes in [from, to) on mon–fri 09:00–17:00 UTC, HOLIDAY off, one minute at a time. */
function workingSeconds(from: number, to: number): number {
  let minutes = 0;
  for (let t = from; t < to; t += 60_000) {
    const date = new Date(t);
    const weekday = date.getUTCDay();
    const minuteOfDay = date.getUTCHours() * 60 + date.getUTCMinutes();
    const isWorking =
      weekday >= 1 && weekday <= 5 && date.toISOString().slice(0, 10) !== HOLIDAY && minuteOfDay >= 540 && minuteOfDay < 1020;
    if (isWorking) minutes += 1;
  }
  return minutes * 60;
}

/** Type-7 percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  return (sorted[low] as number) + (h - low) * ((sorted[Math.min(low + 1, sorted.length - 1)] as number) - (sorted[low] as number));
}

/** The last row per incident `number` by sys_updated_at (ties: the later row in the file), as the preset collapses the log. */
function incidents(): Map<string, Record<string, string>> {
  const [header, ...lines] = readFileSync(FILE, 'utf8').trimEnd().split(/\r?\n/);
  const names = (header as string).split(',');
  const last = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const row = Object.fromEntries(line.split(',').map((cell, i) => [names[i] as string, cell]));
    const number = row['number'] as string;
    const kept = last.get(number);
    if (kept === undefined || (readStamp(row['sys_updated_at'] ?? '') ?? 0) >= (readStamp(kept['sys_updated_at'] ?? '') ?? 0))
      last.set(number, row);
  }
  return last;
}

describe('the ServiceNow sample with a calendar and an SLA policy', () => {
  const dir = scratchDir('xla-servicenow-');
  const config = join(dir, 'xla.config.yml');
  writeFileSync(
    config,
    [
      'calendar:',
      '  business_hours: true',
      '  timezone: UTC',
      '  hours: "09:00-17:00"',
      `  holidays: [${HOLIDAY}]`,
      'sla: { P1: { first_response: 15m, resolution: 4h }, P2: 8h, P3: 3d, P4: 5d }',
      '',
    ].join('\n'),
  );
  const { report } = runJson([
    'score',
    FILE,
    '-c',
    config,
    '--tz',
    'UTC',
    '--metrics',
    'tickets,resolution_time.mean,resolution_time.median,resolution_time.p90,sla_attainment',
    '-q',
  ]);

  const seconds = [...incidents().values()]
    .flatMap((row) => {
      const opened = readStamp(row['opened_at'] ?? '');
      const resolved = readStamp(row['resolved_at'] ?? '');
      return opened === undefined || resolved === undefined ? [] : [workingSeconds(opened, resolved)];
    })
    .sort((a, b) => a - b);

  // The walk gives (at this commit) mean 55,465,260/182 = 304,754.18 s, median 75,840 s (21h04m of
  // working time), p90 576,444 s — against 1,230,716.70 s, 193,320 s and 2,503,200 s round the clock.
  it('counts resolution in working time as a minute-by-minute walk does', () => {
    // The sample's known shape (real-exports.test.ts): 190 incidents, 182 with a resolved_at.
    expect(resultOf(report, 'tickets').value).toBe(190);
    expect(seconds).toHaveLength(182);
    const mean = seconds.reduce((sum, value) => sum + value, 0) / seconds.length;
    expect(resultOf(report, 'resolution_time.mean')).toMatchObject({ n: 182, detail: { clock: 'business', excluded_no_calendar: 0 } });
    expect(resultOf(report, 'resolution_time.mean').value).toBeCloseTo(mean, 6);
    expect(resultOf(report, 'resolution_time.median').value).toBeCloseTo(percentile(seconds, 0.5), 6);
    expect(resultOf(report, 'resolution_time.p90').value).toBeCloseTo(percentile(seconds, 0.9), 6);
  });

  it('keeps the made_sla flags over the policy (125 of 190 met, as without a calendar)', () => {
    expect(resultOf(report, 'sla_attainment')).toMatchObject({ n: 190 });
    expect(resultOf(report, 'sla_attainment').value).toBeCloseTo((125 / 190) * 100, 10);
  });
});
