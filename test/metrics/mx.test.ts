import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { channelsOf, normalizeChannel, unseenSelfServiceChannels } from '../../src/metrics/mx.js';
import { freezeState, reviveState } from '../../src/scorecard/snapshot.js';
import { getMetric, hoursAfterStart as at, METRIC_CONTEXT, runMetric, ticket } from './run-metric.js';

/** A ticket of `requester` through `channel`, resolved unless said otherwise. */
function via(requester: string | undefined, channel: string | undefined, fields: CanonicalRow = {}): CanonicalRow {
  return ticket({ created_at: at(0), resolved_at: at(1), requester, channel, ...fields });
}

describe('channels of a cell', () => {
  it.each([
    ['Email', ['email']],
    ['  Web   Form ', ['web form']],
    ['email, phone', ['email', 'phone']],
    // one channel named twice is one channel; empty parts are none
    ['Email; email ;', ['email']],
    [' , ', []],
  ] as const)('%j', (cell, channels) => {
    expect(channelsOf(cell)).toEqual(channels);
  });

  it('compares channels trimmed, lower-cased, inner spaces collapsed', () => {
    expect(normalizeChannel(' Knowledge  Base ')).toBe('knowledge base');
  });
});

describe('channel_switch_rate', () => {
  it('is null with no requester on a channel', () => {
    expect(runMetric('channel_switch_rate', [])).toEqual({
      value: null,
      n: 0,
      ci: null,
      detail: { x: 0, n: 0, multi_channel_tickets: 0, excluded_no_requester: 0 },
    });
  });

  it('counts requesters who used two channels or more among requesters with a channel', () => {
    const rows = [
      // A: email then phone → switched
      via('A', 'Email'),
      via('A', 'Phone'),
      // B: email twice, once as "EMAIL " → one channel
      via('B', 'email'),
      via('B', 'EMAIL '),
      // C: one ticket naming chat and email in its own cell → switched (a multi-channel ticket)
      via('C', 'chat, email'),
      // D: one ticket, portal
      via('D', 'Portal'),
      // no channel: not a customer of this metric; no requester: counted apart
      via('E', undefined),
      via(undefined, 'phone'),
    ];
    // x = 2 (A, C), n = 4 (A, B, C, D): 50 %; Wilson for 2 of 4 at z = 1.959964:
    // p̂ = 0.5, d = 1 + z²/4 = 1.960364, centre 0.5, half = z·√(0.0625 + z²/64)/d = 0.349961 → [15.004, 84.996]
    const result = runMetric('channel_switch_rate', rows);
    expect(result.value).toBe(50);
    expect(result.n).toBe(4);
    expect(result.ci?.[0]).toBeCloseTo(15.0039, 3);
    expect(result.ci?.[1]).toBeCloseTo(84.9961, 3);
    expect(result.detail).toEqual({ x: 2, n: 4, multi_channel_tickets: 1, excluded_no_requester: 1 });
  });

  it('does not depend on the order of rows or on how they are split between states', () => {
    const rows = [via('A', 'email'), via('B', 'phone'), via('A', 'phone'), via('B', 'phone'), via('constructor', 'chat')];
    const forward = runMetric('channel_switch_rate', rows);
    const backward = runMetric('channel_switch_rate', [...rows].reverse());
    // A switched; B and `constructor` (a name of Object.prototype) kept to one: 1 of 3
    expect(forward.value).toBeCloseTo(100 / 3, 12);
    expect(backward).toEqual(forward);
    const accumulator = getMetric('channel_switch_rate').create(METRIC_CONTEXT);
    const [left, right] = [accumulator.init(), accumulator.init()];
    // A's email on one side, its phone on the other: only the merge sees the switch
    for (const row of rows.slice(0, 2)) accumulator.add(left, row);
    for (const row of rows.slice(2)) accumulator.add(right, row);
    expect(accumulator.finish(accumulator.merge(left, right), { confidence: 0.95, asOf: undefined })).toEqual(forward);
  });

  it('keeps requesters named like Object.prototype apart, also after a trip through a snapshot', () => {
    const accumulator = getMetric('channel_switch_rate').create(METRIC_CONTEXT);
    const [left, right] = [accumulator.init(), accumulator.init()];
    // toString: portal; __proto__: email then phone (switched); constructor: chat; valueOf: web → 1 of 4.
    // The names only the right side has are what an ordinary object on the left would get wrong.
    accumulator.add(left, via('toString', 'portal'));
    for (const row of [via('__proto__', 'email'), via('__proto__', 'phone'), via('constructor', 'chat'), via('valueOf', 'web')]) {
      accumulator.add(right, row);
    }
    // as a worker's state arrives: frozen, cloned across the thread boundary, revived as an ordinary object
    const arrived = (state: unknown) => reviveState(structuredClone(freezeState(state))) as typeof left;
    const merged = accumulator.merge(arrived(left), arrived(right));
    expect(accumulator.finish(merged, { confidence: 0.95, asOf: undefined }).detail).toMatchObject({ x: 1, n: 4 });
  });

  it('judges each group on its own rows: a switch across a period boundary shows only where both periods are pooled', () => {
    // A: email in January, phone in February. Each period sees one channel: 0 of 1 each;
    // the overall row (both periods merged) sees two: 1 of 1.
    const january = [via('A', 'email')];
    const february = [via('A', 'phone')];
    expect(runMetric('channel_switch_rate', january).value).toBe(0);
    expect(runMetric('channel_switch_rate', february).value).toBe(0);
    expect(runMetric('channel_switch_rate', [...january, ...february]).value).toBe(100);
  });
});

describe('self_service_rate', () => {
  const portalBot = { context: { selfServiceChannels: [' Portal', 'CHATBOT', 'knowledge base'] } };

  it('reads the self_service column over resolved tickets', () => {
    const rows = [
      via('A', 'email', { self_service: true }),
      via('B', 'email', { self_service: false }),
      via('C', 'phone', { self_service: false }),
      // open: no outcome yet, counted apart
      ticket({ created_at: at(0), is_resolved: false, self_service: true }),
      // no answer: not counted
      via('D', 'email'),
    ];
    // 1 of 3 resolved = 33.33 %; Wilson: [6.149, 79.234]
    const result = runMetric('self_service_rate', rows, { context: { selfServiceChannels: [] } });
    expect(result.value).toBeCloseTo(100 / 3, 12);
    expect(result.ci?.[0]).toBeCloseTo(6.1492, 3);
    expect(result.ci?.[1]).toBeCloseTo(79.234, 3);
    expect(result.detail).toEqual({
      x: 1,
      n: 3,
      excluded_open: 1,
      excluded_unknown: 0,
      source: 'self_service',
      from_field: 3,
      from_channels: 0,
    });
  });

  it('reads the config list when a ticket has no self_service cell, the cell winning where there is one', () => {
    const rows = [
      // listed, case and spaces aside → self-served (channels)
      via('A', 'portal '),
      via('B', 'ChatBot'),
      // not listed → an agent (channels)
      via('C', 'email'),
      // a bot conversation handed on to email: not every channel is listed → an agent
      via('D', 'chatbot, email'),
      // the cell wins over the listed channel → an agent (field)
      via('E', 'portal', { self_service: false }),
    ];
    // x = 2 (A, B) of n = 5: 40 %; Wilson for 2 of 5: [11.762, 76.928]
    const result = runMetric('self_service_rate', rows, portalBot);
    expect(result.value).toBe(40);
    expect(result.ci?.[0]).toBeCloseTo(11.7621, 3);
    expect(result.ci?.[1]).toBeCloseTo(76.9276, 3);
    expect(result.detail).toMatchObject({
      x: 2,
      n: 5,
      source: 'self_service and self_service_channels',
      from_field: 1,
      from_channels: 4,
      // "knowledge base" is listed but no ticket named it
      unseen_channels: 'knowledge base',
    });
  });

  it('is null with no resolved ticket, and says every listed channel is unseen', () => {
    expect(runMetric('self_service_rate', [], portalBot)).toEqual({
      value: null,
      n: 0,
      ci: null,
      detail: {
        x: 0,
        n: 0,
        excluded_open: 0,
        excluded_unknown: 0,
        source: null,
        from_field: 0,
        from_channels: 0,
        unseen_channels: 'portal, chatbot, knowledge base',
      },
    });
  });

  it('needs self_service, or channel when the config lists self-service channels', () => {
    const def = getMetric('self_service_rate');
    expect(def.requires).toEqual([['self_service']]);
    expect(def.requiresWith?.({ ...METRIC_CONTEXT, selfServiceChannels: [] })).toEqual([]);
    expect(def.requiresWith?.({ ...METRIC_CONTEXT, selfServiceChannels: ['portal'] })).toEqual([['channel']]);
  });

  it('a listed channel is unseen in a run when no result of the metric saw it', () => {
    const results = [
      { metric: 'self_service_rate', detail: { unseen_channels: 'chatbot, knowledge base' } },
      { metric: 'self_service_rate', detail: { unseen_channels: 'knowledge base, portal' } },
      { metric: 'tickets', detail: { unseen_channels: 'other' } },
    ];
    expect(unseenSelfServiceChannels(results)).toEqual(['knowledge base']);
    expect(unseenSelfServiceChannels([{ metric: 'self_service_rate', detail: { x: 1 } }, ...results])).toEqual([]);
    expect(unseenSelfServiceChannels([])).toEqual([]);
  });
});
