// SLA policies per priority, for resolution and first response, in calendar and business time
// (issue 19, item 2), on the built binary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const FILE = fixture('tickets/sla-policy.csv');
const CONFIG = fixture('tickets/sla-policy.yml');
const METRICS = 'sla_attainment,sla_attainment.first_response';

/** Both SLA results of a run with `extra` flags. */
function slas(extra: readonly string[]) {
  const { report } = runJson(['score', FILE, '-c', CONFIG, '--metrics', METRICS, '-q', ...extra]);
  return { resolution: resultOf(report, 'sla_attainment'), response: resultOf(report, 'sla_attainment.first_response') };
}

// sla-policy.csv (UTC; Mon 2024-06-03): P1 first response 1h, resolution 4h; P2 resolution 8h.
// Calendar 09:00–17:00 mon–fri (UTC).
//   R1 P1 Mon 09:00, answered 10:00, resolved 13:00
//   R2 P1 Mon 16:00, answered 17:30, resolved Tue 10:00
//   R3 P1 Tue 16:30, open, unanswered
//   R4 P1 Tue 23:30, open, unanswered
//   R5 P2 Mon 12:00, resolved Tue 12:00 (no answer stamp, no first-response target)
//
// Calendar time (due = created + target):
//   R1: FR due 10:00 → answered exactly then: met. Res due 13:00 → exactly: met.
//   R2: FR due 17:00 → 17:30 breached. Res due 20:00 → Tue 10:00 breached.
//   R3: FR due Tue 17:30, res due Tue 20:30.   R4: FR due Wed 00:30, res due Wed 03:30.
//   R5: res due Mon 20:00 → Tue 12:00 breached.
// Business time (due = the instant the calendar has worked the target since created_at):
//   R1: same as calendar (inside hours): met, met.
//   R2: FR 1h from Mon 16:00 = Mon 17:00 → 17:30 breached. Res 4h = Mon 1h + Tue 09–12 → due Tue 12:00 → 10:00 met.
//   R3: FR 0.5h Tue + Wed 09:00–09:30 → due Wed 09:30. Res 0.5h + 3.5h → due Wed 12:30.
//   R4 (opened out of hours: starts Wed 09:00): FR due Wed 10:00, res due Wed 13:00.
//   R5: 8h = Mon 12–17 5h + Tue 09–12 3h → due Tue 12:00 → resolved exactly then: met.
describe('sla_attainment and sla_attainment.first_response', () => {
  it('calendar time, as of Wed 00:00: open tickets past due are breached, the ones within are left out', () => {
    const { resolution, response } = slas(['--as-of', '2024-06-05']);
    // Resolution: met R1; breached R2, R5, R3 (open, due Tue 20:30); R4 in flight → 1/4.
    expect(resolution).toMatchObject({ value: 25, n: 4, detail: { x: 1, breached: 3, excluded_open: 1 } });
    // First response: met R1 (exactly on target); breached R2, R3 (open, due Tue 17:30); R4 in flight → 1/3.
    expect(response).toMatchObject({ n: 3, detail: { x: 1, breached: 2, excluded_open: 1 } });
    expect(response.value).toBeCloseTo(100 / 3, 9);
    expect(resolution.detail).not.toHaveProperty('clock');
  });

  it('business time, as of Wed 00:00: met exactly on target, and both open tickets within it', () => {
    const { resolution, response } = slas(['--as-of', '2024-06-05', '--business-hours']);
    // Resolution: R1, R2 and R5 (exactly at its due) met; R3, R4 in flight → 3/3.
    expect(resolution).toMatchObject({ value: 100, n: 3, detail: { x: 3, breached: 0, excluded_open: 2, clock: 'business' } });
    // First response: R1 met, R2 breached; R3, R4 in flight → 1/2.
    expect(response).toMatchObject({ value: 50, n: 2, detail: { x: 1, breached: 1, excluded_open: 2, clock: 'business' } });
  });

  it('business time, as of Wed 13:00: open and breached, and open due exactly then (in flight)', () => {
    const { resolution, response } = slas(['--as-of', '2024-06-05T13:00:00Z', '--business-hours']);
    // Resolution: R3 due 12:30 → breached; R4 due 13:00 = as-of → not past it, in flight. Met 3 of 4.
    expect(resolution).toMatchObject({ value: 75, n: 4, detail: { breached: 1, excluded_open: 1 } });
    // First response: R3 (09:30) and R4 (10:00) breached. Met 1 of 4.
    expect(response).toMatchObject({ value: 25, n: 4, detail: { breached: 3, excluded_open: 0 } });
  });

  it('by default the as-of is the newest stamp (R4 created Tue 23:30), in business time', () => {
    const { resolution, response } = slas(['--business-hours']);
    // Tue 23:30 is before every open due (Wed): as at Wed 00:00.
    expect(resolution).toMatchObject({ value: 100, detail: { as_of: Date.UTC(2024, 5, 4, 23, 30) } });
    expect(response).toMatchObject({ value: 50 });
  });

  it('gives the same numbers on one and two threads', () => {
    const dir = scratchDir('xla-sla-');
    const [head, ...rows] = ['id,created_at,first_response_at,resolved_at,priority', 'X1,2024-06-03T09:30:00Z,2024-06-03T11:00:00Z,,P1'];
    writeFileSync(join(dir, 'more.csv'), [head, ...rows, ''].join('\n'));
    const args = ['score', FILE, join(dir, 'more.csv'), '-c', CONFIG, '--metrics', METRICS, '--business-hours', '-q'];
    expect(runJson([...args, '--jobs', '2']).report.results).toEqual(runJson([...args, '--jobs', '1']).report.results);
  });

  it.each([
    ['P1: { first_response: 15m, resolution: -1h }', /sla\.P1\.resolution: /],
    ['P1: { answer: 15m }', /sla\.P1: unknown key "answer"/],
    ['P1: {}', /sla\.P1: give first_response, resolution or both/],
  ])('refuses sla: %s naming the key', (entry, message) => {
    const dir = scratchDir('xla-sla-');
    writeFileSync(join(dir, 'x.yml'), `sla:\n  ${entry}\n`);
    const run = runXla(['score', FILE, '-c', join(dir, 'x.yml'), '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
