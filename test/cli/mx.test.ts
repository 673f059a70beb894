/**
 * Multi-experience (MX) metrics (issue 21, item 3) through the built binary, on a Zendesk-shaped
 * export (fixtures/mx). Every expected value is counted by hand from its ten tickets:
 *
 *   Id   requester  Via                    created     state     month
 *   1301 …001       Email                  2026-03-02  solved    03
 *   1302 …001       Phone call (incoming)  2026-03-10  solved    03
 *   1303 …002       Web Form               2026-03-05  solved    03
 *   1304 …002       web form               2026-03-20  solved    03
 *   1305 …003       Chat                   2026-03-28  solved    03
 *   1306 …003       Email                  2026-04-03  solved    04
 *   1307 …004       Help Center            2026-04-07  solved    04   (self-service channel)
 *   1308 …005       Chat                   2026-04-09  open      04
 *   1309 (none)     Email                  2026-04-10  solved    04
 *   1310 …006       Web Widget             2026-04-15  solved    04   (self-service channel)
 *
 * The config lists Help Center, web widget and Answer Bot as self-service channels.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const EXPORT = fixture('mx/zendesk-via.csv');
const CONFIG = fixture('mx/xla.config.yml');
const WITH_CONFIG = ['score', EXPORT, '--config', CONFIG, '--tz', 'UTC'];

describe('a Zendesk export with Via and Requester id', () => {
  const { report, run } = runJson(WITH_CONFIG);

  it('binds Via as the channel and the requester by id', () => {
    expect(report.inputs[0]).toMatchObject({ preset: 'zendesk', rows: 10, rejected: 0 });
    expect(report.inputs[0]?.fields).toMatchObject({ channel: 'Via', requester: 'Requester id' });
  });

  it('scores the share of requesters on more than one channel', () => {
    // requesters with a channel: …001 {email, phone call}, …002 {web form} (case aside), …003 {chat, email},
    // …004 {help center}, …005 {chat}, …006 {web widget} → 2 of 6 = 33.33 %; 1309 has no requester.
    // Wilson 2/6 (z = 1.959964): d = 1.640244, centre (1/3 + 0.320122)/d = 0.398386,
    // half = z·√(0.037037 + 0.026676)/d = 0.301615 → [9.6771, 70.0007]
    const all = resultOf(report, 'channel_switch_rate');
    expect(all).toMatchObject({ domain: 'mx', value: 100 / 3, n: 6, detail: { x: 2, n: 6, excluded_no_requester: 1 } });
    expect(all.ci?.[0]).toBeCloseTo(9.6771, 3);
    expect(all.ci?.[1]).toBeCloseTo(70.0007, 3);
  });

  it('scores self-service over resolved tickets from the listed channels, and says so', () => {
    // resolved: all but 1308 → 9; through Help Center or Web Widget: 1307, 1310 → 2 of 9 = 22.22 %.
    // Wilson 2/9: [6.3225, 54.7411]
    const rate = resultOf(report, 'self_service_rate');
    expect(rate).toMatchObject({
      domain: 'mx',
      value: 200 / 9,
      n: 9,
      detail: { x: 2, n: 9, excluded_open: 1, source: 'self_service_channels', from_field: 0, from_channels: 9 },
    });
    expect(rate.ci?.[0]).toBeCloseTo(6.3225, 3);
    expect(rate.ci?.[1]).toBeCloseTo(54.7411, 3);
  });

  it('warns about a listed channel that no ticket has', () => {
    expect(run.stderr).toContain('xla: warning: self_service_channels: no ticket has the channel "answer bot"');
    expect(run.stderr).not.toContain('"help center"');
  });
});

describe('per period', () => {
  const { report } = runJson([...WITH_CONFIG, '--period', 'month']);

  it('judges each month on its own tickets: a switch across the boundary counts only overall', () => {
    // March: …001 switched; …002 and …003 (chat only) did not → 1 of 3. April: …003 (email only),
    // …004, …005, …006 → 0 of 4. Overall …003 used chat and email → 2 of 6, as above.
    expect(resultOf(report, 'channel_switch_rate', {}, '2026-03')).toMatchObject({ value: 100 / 3, n: 3 });
    expect(resultOf(report, 'channel_switch_rate', {}, '2026-04')).toMatchObject({ value: 0, n: 4 });
    expect(resultOf(report, 'channel_switch_rate')).toMatchObject({ value: 100 / 3, n: 6 });
  });

  it('counts self-service per month', () => {
    // March: 1301–1305 resolved, none self-served → 0 of 5; April: 1306, 1307, 1309, 1310 resolved,
    // 1307 and 1310 self-served → 2 of 4 = 50 %, 1308 open.
    expect(resultOf(report, 'self_service_rate', {}, '2026-03')).toMatchObject({ value: 0, n: 5 });
    expect(resultOf(report, 'self_service_rate', {}, '2026-04')).toMatchObject({ value: 50, n: 4, detail: { excluded_open: 1 } });
  });
});

describe('--by on the channel', () => {
  it.each(['channel', 'Via'])('--by %s segments by the column as written', (name) => {
    const { report } = runJson([...WITH_CONFIG, '--by', name]);
    // Email: 1301, 1306, 1309; the raw text segments, so "Web Form" and "web form" are two groups
    expect(resultOf(report, 'tickets', { [name]: 'Email' })).toMatchObject({ value: 3 });
    expect(resultOf(report, 'tickets', { [name]: 'Web Form' })).toMatchObject({ value: 1 });
    expect(resultOf(report, 'tickets', { [name]: 'web form' })).toMatchObject({ value: 1 });
    // within one channel nobody switches: Email's requesters …001 and …003 → 0 of 2
    expect(resultOf(report, 'channel_switch_rate', { [name]: 'Email' })).toMatchObject({ value: 0, n: 2 });
    expect(resultOf(report, 'self_service_rate', { [name]: 'Help Center' })).toMatchObject({ value: 100, n: 1 });
  });
});

describe('kind detection', () => {
  it('reads a survey with a Channel column (how it was sent) as a survey: channel is no evidence of tickets', () => {
    // Submitted, Ticket, NPS, Channel, Lost time minutes: survey evidence submitted_at, ticket_id, nps, lost_time;
    // tickets would have id (Ticket) and lost_time, nps being borrowed and channel no evidence
    const { report } = runJson(['score', fixture('join/survey.csv'), '--metrics', 'nps']);
    expect(report.inputs[0]).toMatchObject({ kind: 'survey' });
  });
});

describe('without the config', () => {
  it('has no self_service_rate (no self_service column, no list), and no warning', () => {
    const { report, run } = runJson(['score', EXPORT, '--tz', 'UTC']);
    expect(report.results.some((result) => result.metric === 'self_service_rate')).toBe(false);
    expect(resultOf(report, 'channel_switch_rate')).toMatchObject({ value: 100 / 3, n: 6 });
    expect(run.stderr).not.toContain('self_service_channels');
  });
});

describe('threads', () => {
  it('merges a requester seen in two files on two threads: the same numbers as one file', () => {
    // March's tickets (1301–1305) in one file, April's in another: …003's chat and email meet only in the merge
    const [header, ...rows] = readFileSync(EXPORT, 'utf8').trimEnd().split('\n');
    const dir = scratchDir('xla-mx-');
    const march = join(dir, 'march.csv');
    const april = join(dir, 'april.csv');
    writeFileSync(march, [header, ...rows.slice(0, 5)].join('\n') + '\n');
    writeFileSync(april, [header, ...rows.slice(5)].join('\n') + '\n');
    const args = ['score', march, april, '--config', CONFIG, '--tz', 'UTC', '--format', 'json'];
    const one = runXla([...args, '--jobs', '1']);
    const two = runXla([...args, '--jobs', '2']);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const { report } = runJson(args.slice(0, -2).concat('--jobs', '2'));
    expect(resultOf(report, 'channel_switch_rate')).toMatchObject({ value: 100 / 3, n: 6, detail: { x: 2 } });
    expect(resultOf(report, 'self_service_rate')).toMatchObject({ value: 200 / 9, n: 9 });
  });

  it('gives the same report on one thread and on two', () => {
    const args = [...WITH_CONFIG, '--period', 'month', '--by', 'channel', '--format', 'json'];
    const one = runXla([...args, '--jobs', '1']);
    const two = runXla([...args, '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });
});
