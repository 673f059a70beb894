/**
 * Multi-experience (MX) metrics on tickets (README "Multi-experience (MX)"): whether customers keep
 * to one channel, and how many resolved tickets ended without an agent. A channel is compared as
 * text trimmed, lower-cased and with its inner spaces collapsed; a cell may name several
 * (`email, phone`, split on `,` and `;`), which is how a ticket that moved between channels shows
 * in one row. The window is the group's: each period on its own, the overall row the whole run.
 */
import type { CanonicalRow, Kind } from '../fields/types.js';
import { countedRate, EXCESS_NOTE, finishRate, type Detail } from './accumulators.js';
import { isKnownResolved, resolvedProportion, type ResolvedTally } from './tickets.js';
import type { Accumulator, MetricContext, MetricDef } from './types.js';

const TICKETS: readonly Kind[] = ['tickets'];

const CHANNEL_SEPARATORS = /[,;]/;

/** A channel as compared: `  Web  Form ` is `web form`. */
export function normalizeChannel(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The distinct channels a cell names, normalized: `Email, Phone` is two, `Email; email` one; empty parts are not channels. */
export function channelsOf(cell: string): string[] {
  if (!CHANNEL_SEPARATORS.test(cell)) {
    const one = normalizeChannel(cell);
    return one === '' ? [] : [one];
  }
  return [...new Set(cell.split(CHANNEL_SEPARATORS).map(normalizeChannel))].filter((channel) => channel !== '');
}

/** How many distinct cells a reader remembers: exports use a handful of channel values. */
const REMEMBERED_CELLS = 1024;

/**
 * channelsOf, remembering each distinct cell's answer (up to REMEMBERED_CELLS; later ones are
 * split every time): a channel column repeats a few values, and splitting and lower-casing each
 * row's cell cost more than the rest of a row's work on it.
 */
function channelReader(): (cell: string) => readonly string[] {
  const remembered = new Map<string, readonly string[]>();
  return (cell) => {
    const known = remembered.get(cell);
    if (known !== undefined) return known;
    const channels = channelsOf(cell);
    if (remembered.size < REMEMBERED_CELLS) remembered.set(cell, channels);
    return channels;
  };
}

// ---------------------------------------------------------------------------------------------
// Channel switching

/** A requester's channels so far: the one channel it used, or SEVERAL once a second one appeared. */
const SEVERAL = null;
type ChannelsSeen = string | typeof SEVERAL;

export interface ChannelSwitchState {
  /**
   * Requester → its channels seen, one entry per requester: plain data (scorecard/snapshot.ts), in
   * an object with no prototype (ownRecord), so that `constructor` or `__proto__` is a requester
   * like any other. Counted with callgrind over 200,000 rows of 50,000 requesters: about 1,200
   * instructions a row here, 1,500 with a `#` key prefix on an ordinary object, 700 in a Map (which
   * has no plain form to cross threads).
   */
  requesters: Record<string, ChannelsSeen>;
  /** Tickets whose own cell named more than one channel. */
  multiChannelTickets: number;
  /** Tickets with a channel but no requester: nobody to follow across tickets. */
  withoutRequester: number;
}

/** What two records of one requester make together: one channel when both saw only the same one. */
function unite(a: ChannelsSeen | undefined, b: ChannelsSeen): ChannelsSeen {
  return a === undefined || a === b ? b : SEVERAL;
}

function emptyRecord(): Record<string, ChannelsSeen> {
  return Object.create(null) as Record<string, ChannelsSeen>;
}

/**
 * The record itself when it has no prototype; else (a state revived from a snapshot is an ordinary
 * object) its entries in one that has none, before anything is written to it.
 */
function ownRecord(record: Record<string, ChannelsSeen>): Record<string, ChannelsSeen> {
  return Object.getPrototypeOf(record) === null ? record : Object.assign(emptyRecord(), record);
}

/**
 * Customers who used more than one channel / customers with a ticket that names a channel. Exact
 * and order-free: a requester keeps its first channel until another one appears, and which one
 * came first never matters to "one" versus "several".
 */
function channelSwitchRate(): Accumulator<ChannelSwitchState> {
  const channelsIn = channelReader();
  return {
    init: () => ({ requesters: emptyRecord(), multiChannelTickets: 0, withoutRequester: 0 }),
    add(state, row) {
      if (row.channel === undefined) return;
      const channels = channelsIn(row.channel);
      const first = channels[0];
      if (first === undefined) return;
      if (channels.length > 1) state.multiChannelTickets += 1;
      if (row.requester === undefined) {
        state.withoutRequester += 1;
        return;
      }
      state.requesters[row.requester] = unite(state.requesters[row.requester], channels.length > 1 ? SEVERAL : first);
    },
    merge(a, b) {
      const requesters = ownRecord(a.requesters);
      for (const [requester, seen] of Object.entries(b.requesters)) requesters[requester] = unite(requesters[requester], seen);
      a.requesters = requesters;
      a.multiChannelTickets += b.multiChannelTickets;
      a.withoutRequester += b.withoutRequester;
      return a;
    },
    finish({ requesters, multiChannelTickets, withoutRequester }, ctx) {
      const seen = Object.values(requesters);
      const switched = seen.filter((channels) => channels === SEVERAL).length;
      return finishRate(countedRate({ x: switched, n: seen.length }), ctx, EXCESS_NOTE, {
        multi_channel_tickets: multiChannelTickets,
        excluded_no_requester: withoutRequester,
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Self-service

/** The listed self-service channels as compared, without repeats, in the order written. */
function listedChannels(ctx: MetricContext): readonly string[] {
  return [...new Set((ctx.selfServiceChannels ?? []).map(normalizeChannel))].filter((channel) => channel !== '');
}

/** Where a ticket's answer came from: its own `self_service` cell, which wins, or its channels against the config's list. */
type SelfServiceSource = 'field' | 'channels';

interface SelfServiceJudgement {
  selfServed: boolean;
  source: SelfServiceSource;
}

/**
 * Self-served: the `self_service` cell when the ticket has one; else, with a list, every channel
 * the ticket names is a listed one (a chatbot conversation handed on to email reached an agent).
 */
function judgeSelfService(
  listed: ReadonlySet<string>,
  channelsIn: (cell: string) => readonly string[],
): (row: CanonicalRow) => SelfServiceJudgement | undefined {
  return (row) => {
    if (row.self_service !== undefined) return { selfServed: row.self_service, source: 'field' };
    if (listed.size === 0 || row.channel === undefined) return undefined;
    const channels = channelsIn(row.channel);
    if (channels.length === 0) return undefined;
    return { selfServed: channels.every((channel) => listed.has(channel)), source: 'channels' };
  };
}

export interface SelfServiceState {
  resolved: ResolvedTally;
  /** Resolved tickets judged by their `self_service` cell, and by their channels. */
  fromField: number;
  fromChannels: number;
  /** Per listed channel (config order): 1 once a ticket named it. */
  listedSeen: number[];
}

/** How `detail.source` names what decided the tickets counted. */
function sourceText(fromField: number, fromChannels: number): string | null {
  const sources = [fromField > 0 ? 'self_service' : undefined, fromChannels > 0 ? 'self_service_channels' : undefined];
  const named = sources.filter((source) => source !== undefined);
  return named.length === 0 ? null : named.join(' and ');
}

/** The listed channels no ticket named, as `detail.unseen_channels` says them; nothing when all appeared. */
function unseenDetail(listed: readonly string[], listedSeen: readonly number[]): Detail {
  const unseen = listed.filter((_, i) => listedSeen[i] !== 1);
  return unseen.length === 0 ? {} : { unseen_channels: unseen.join(', ') };
}

/**
 * Resolved tickets resolved without an agent / resolved tickets with an answer (§3.4's rules of
 * "resolved", as reopen and FCR rates). detail: source, from_field, from_channels, and the listed
 * channels no ticket named (`unseen_channels`), which the run reports as a warning.
 */
function selfServiceRate(ctx: MetricContext): Accumulator<SelfServiceState> {
  const listed = listedChannels(ctx);
  const positions = new Map(listed.map((channel, i) => [channel, i]));
  const channelsIn = channelReader();
  const judge = judgeSelfService(new Set(listed), channelsIn);
  const resolved = resolvedProportion((row) => judge(row)?.selfServed);
  const markListed = (state: SelfServiceState, row: CanonicalRow): void => {
    if (positions.size === 0 || row.channel === undefined) return;
    for (const channel of channelsIn(row.channel)) {
      const at = positions.get(channel);
      if (at !== undefined) state.listedSeen[at] = 1;
    }
  };
  return {
    init: () => ({ resolved: resolved.init(), fromField: 0, fromChannels: 0, listedSeen: listed.map(() => 0) }),
    add(state, row) {
      markListed(state, row);
      resolved.add(state.resolved, row);
      const judgement = judge(row);
      if (judgement === undefined || !isKnownResolved(row)) return;
      if (judgement.source === 'field') state.fromField += 1;
      else state.fromChannels += 1;
    },
    merge(a, b) {
      a.resolved = resolved.merge(a.resolved, b.resolved);
      a.fromField += b.fromField;
      a.fromChannels += b.fromChannels;
      a.listedSeen = a.listedSeen.map((seen, i) => Math.max(seen, b.listedSeen[i] ?? 0));
      return a;
    },
    finish(state, finishCtx) {
      const value = resolved.finish(state.resolved, finishCtx);
      const detail = {
        ...value.detail,
        source: sourceText(state.fromField, state.fromChannels),
        from_field: state.fromField,
        from_channels: state.fromChannels,
        ...unseenDetail(listed, state.listedSeen),
      };
      return { ...value, detail };
    },
  };
}

/** The metric that reports listed channels no ticket named (README "Multi-experience (MX)"). */
const SELF_SERVICE_RATE = 'self_service_rate';

/**
 * The listed self-service channels that no row of the run named: those unseen in every result of
 * `self_service_rate` (the overall row has them all, but a filtered run may have no overall row).
 */
export function unseenSelfServiceChannels(results: readonly { metric: string; detail?: Detail | undefined }[]): string[] {
  const unseenLists = results
    .filter((result) => result.metric === SELF_SERVICE_RATE)
    .map((result) => {
      const unseen = result.detail?.unseen_channels;
      return typeof unseen === 'string' ? unseen.split(', ') : [];
    });
  const [first, ...rest] = unseenLists;
  return (first ?? []).filter((channel) => rest.every((list) => list.includes(channel)));
}

export const MX_METRICS: readonly MetricDef[] = [
  /**
   * Channel switch rate = requesters whose tickets in the group named more than one channel /
   * requesters with a ticket that names a channel. A cell naming several channels counts them
   * all. %, lower. Wilson CI. detail: x, n, multi_channel_tickets, excluded_no_requester. Empty → null.
   */
  {
    id: 'channel_switch_rate',
    name: 'Channel switch rate',
    domain: 'mx',
    kinds: TICKETS,
    unit: '%',
    better: 'lower',
    requires: [['channel', 'requester']],
    formula: 'requesters whose tickets used more than one channel / requesters with a ticket that names a channel',
    interval: 'wilson',
    create: channelSwitchRate,
  },
  /**
   * Self-service rate = resolved tickets resolved without an agent / resolved tickets with an
   * answer: the `self_service` cell, else every channel of the ticket in config
   * `self_service_channels`. %, higher. Wilson CI. detail: x, n, excluded_open, excluded_unknown,
   * source, from_field, from_channels, unseen_channels. Empty → null.
   */
  {
    id: SELF_SERVICE_RATE,
    name: 'Self-service rate',
    domain: 'mx',
    kinds: TICKETS,
    unit: '%',
    better: 'higher',
    requires: [['self_service']],
    requiresWith: (ctx) => (listedChannels(ctx).length > 0 ? [['channel']] : []),
    formula: 'resolved tickets resolved without an agent (self_service, else every channel in self_service_channels) / resolved tickets',
    interval: 'wilson',
    create: selfServiceRate,
  },
];
