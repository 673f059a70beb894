/**
 * Ticket metrics (metrics.md §3): one registry entry each, built from the generic accumulators;
 * SLA attainment and backlog depend on the instant "now" (`asOf`) and so keep timestamps until finish.
 */
import type { CanonicalRow, Kind } from '../fields/types.js';
import { ValueBuffer } from '../stats/percentile.js';
import { backlogAge, backlogMoment, takeOpenInterval } from './backlog-age.js';
import { countingUntimed, readBusinessSeconds, type Untimed } from './business-clock.js';
import { firstResponseVerdict, isKnownOpen, resolutionVerdict, untimedTarget, type SlaVerdict } from './sla-verdict.js';
import { createStampCounter } from './stamp-counts.js';
import type { StampCounts } from './stamp-counts.js';
import {
  count,
  countedRate,
  countingOpen,
  type MissingEnd,
  emptyValue,
  isUnreadable,
  EXCESS_NOTE,
  finishRate,
  mean,
  percentile,
  proportion,
  readElapsedSeconds,
  readField,
  type ReadNumber,
  type Tally,
  type TimestampField,
} from './accumulators.js';
import type { Accumulator, ExampleTarget, MetricContext, MetricDef } from './types.js';

const TICKETS: readonly Kind[] = ['tickets'];

// ---------------------------------------------------------------------------------------------
// Durations

/**
 * A ticket that started the clock but has no end stamp: closed when it is known to be resolved
 * (a closing status without resolved_at, or resolved with no first response), else still waiting
 * (open, or its state unknown). Both are excluded, and counted apart.
 */
function missingEnd(end: TimestampField): (row: CanonicalRow) => MissingEnd | undefined {
  return (row) => {
    if (row.created_at === undefined || row[end] !== undefined) return undefined;
    return row.is_resolved === true ? 'closed' : 'open';
  };
}

/**
 * A duration family member over `created_at → end`: `measure` (a mean or a percentile) of the
 * elapsed seconds, or of the working seconds when business hours are on (§3.7, business-clock.ts),
 * with the waiting tickets counted (and, in business time, the ones no calendar can time).
 */
function ticketDuration<S>(end: TimestampField, ctx: MetricContext, measure: (read: ReadNumber) => Accumulator<S>) {
  const time = ctx.businessTime;
  const timed: Accumulator<unknown> =
    time === undefined
      ? measure(readElapsedSeconds('created_at', end))
      : countingUntimed(measure(readBusinessSeconds('created_at', end, time)), 'created_at', end, time);
  return countingOpen(timed, missingEnd(end), end);
}

/** Where ticket timings are defined (metrics.md §8 S13). */
const ZENDESK_METRICS =
  'Zendesk ticket metric fields: reply time, first and full resolution time (rdoc.info/gems/zendesk2/Zendesk2/TicketMetric)';

interface DurationFamily {
  idPrefix: string;
  label: string;
  end: TimestampField;
  formula: string;
  sources: readonly string[];
  /** The starter's example is a target on the p90: most tickets, without the outliers' pull on a mean. */
  p90Example: ExampleTarget;
}

/**
 * `<prefix>.mean`, `.median`, `.p90` of `end − created_at` in seconds over tickets that have both
 * stamps (§3.1, §3.2). Seconds, lower is better, no CI. Tickets still waiting for the end event
 * are left out and reported as `excluded_open`; those closed without it (by status, or resolved
 * unanswered) as `excluded_closed`; those whose end stamp was rejected, as `excluded_unreadable`.
 * Empty → null.
 */
function durationMetrics({ idPrefix, label, end, formula, sources, p90Example }: DurationFamily): MetricDef[] {
  const common = {
    domain: 'ops',
    kinds: TICKETS,
    unit: 's',
    better: 'lower',
    requires: [['created_at', end]],
    interval: 'none',
    sources,
  } as const;
  return [
    {
      ...common,
      id: `${idPrefix}.mean`,
      name: `${label}, mean`,
      formula: `mean of ${formula}`,
      create: (ctx) => ticketDuration(end, ctx, (read) => mean(read, 'none')),
    },
    {
      ...common,
      id: `${idPrefix}.median`,
      name: `${label}, median`,
      formula: `median (linear, type 7) of ${formula}`,
      sharedState: `${idPrefix}.values`,
      create: (ctx) => ticketDuration(end, ctx, (read) => percentile(read, 0.5)),
    },
    {
      ...common,
      id: `${idPrefix}.p90`,
      name: `${label}, 90th percentile`,
      formula: `90th percentile (linear, type 7) of ${formula}`,
      example: p90Example,
      sharedState: `${idPrefix}.values`,
      create: (ctx) => ticketDuration(end, ctx, (read) => percentile(read, 0.9)),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Resolution state

/**
 * Known to be resolved: the denominator of reopen and FCR rates (§3.4, §3.5), which are outcomes
 * only a resolved ticket has. `is_resolved` is true for a readable resolved_at or a status that
 * says resolved/closed (kinds/tickets.ts). A ticket whose resolved_at was there but rejected (no
 * date, or before created_at) is resolved at an unknown time (issue 18): kept here, while the
 * durations count it as `excluded_unreadable`. Unknown (`is_resolved` undefined: no resolved_at
 * column and no status) is not resolved: such a ticket is left out, as an open one is.
 */
export function isKnownResolved(row: CanonicalRow): boolean {
  return row.is_resolved === true || isUnreadable(row, 'resolved_at');
}

// ---------------------------------------------------------------------------------------------
// SLA attainment

export interface SlaState {
  met: number;
  breached: number;
  /** Tickets whose stop stamp was rejected: neither met, breached nor open. */
  unreadable: number;
  /** Open tickets whose `made_sla` flag says met so far: in flight, not met (§3.3). */
  flaggedInFlight: number;
  /** Tickets with a target that no calendar can time (business hours on): left out, counted. */
  noCalendar: number;
  implausibleYear: number;
  /** Due stamps of tickets still open: breached or in flight depends on `asOf`, known at finish. */
  openDue: ValueBuffer;
}

/** One SLA clock: how a ticket is judged, and why one with a target could not be (business-clock.ts). */
interface SlaClock {
  verdict: (row: CanonicalRow, ctx: MetricContext) => SlaVerdict | undefined;
  untimed: (row: CanonicalRow, ctx: MetricContext) => Untimed | undefined;
}

const RESOLUTION_CLOCK: SlaClock = {
  verdict: resolutionVerdict,
  // A flag or a due column decides without the calendar.
  untimed: (row, ctx) => (row.sla_due_at === undefined ? untimedTarget(row, ctx.sla, ctx) : undefined),
};

const FIRST_RESPONSE_CLOCK: SlaClock = {
  verdict: firstResponseVerdict,
  untimed: (row, ctx) => untimedTarget(row, ctx.slaFirstResponse ?? {}, ctx),
};

/**
 * met / (met + breached) over the tickets the clock's verdict judges (§3.3). An open ticket past
 * its due instant at `asOf` is breached now; one still within it, or with no `asOf`, is in flight
 * and excluded. A ticket whose stop stamp was rejected is excluded as `excluded_unreadable`, never
 * open (which could make it breached). In business time, tickets no calendar can time are
 * excluded and counted (`excluded_no_calendar`, `excluded_implausible_year`).
 */
function slaAttainment(clock: SlaClock) {
  return (ctx: MetricContext): Accumulator<SlaState> => ({
    init: () => ({ met: 0, breached: 0, unreadable: 0, flaggedInFlight: 0, noCalendar: 0, implausibleYear: 0, openDue: new ValueBuffer() }),
    add(state, row) {
      const verdict = clock.verdict(row, ctx);
      if (verdict === undefined) {
        const untimed = ctx.businessTime === undefined ? undefined : clock.untimed(row, ctx);
        if (untimed === 'no_calendar') state.noCalendar += 1;
        else if (untimed === 'implausible_year') state.implausibleYear += 1;
        return;
      }
      switch (verdict.state) {
        case 'met':
          state.met += 1;
          break;
        case 'breached':
          state.breached += 1;
          break;
        case 'open':
          state.openDue.push(verdict.due);
          break;
        case 'in_flight':
          state.flaggedInFlight += 1;
          break;
        case 'unreadable':
          state.unreadable += 1;
          break;
      }
    },
    merge(a, b) {
      a.met += b.met;
      a.breached += b.breached;
      a.unreadable += b.unreadable;
      a.flaggedInFlight += b.flaggedInFlight;
      a.noCalendar += b.noCalendar;
      a.implausibleYear += b.implausibleYear;
      a.openDue.append(b.openDue);
      return a;
    },
    finish({ met, breached, unreadable, flaggedInFlight, noCalendar, implausibleYear, openDue }, finishCtx) {
      const breachedOpen = finishCtx.asOf === undefined ? 0 : openDue.countBelow(finishCtx.asOf);
      const untimed =
        ctx.businessTime === undefined
          ? {}
          : { clock: 'business', excluded_no_calendar: noCalendar, excluded_implausible_year: implausibleYear };
      return finishRate(countedRate({ x: met, n: met + breached + breachedOpen }), finishCtx, EXCESS_NOTE, {
        breached: breached + breachedOpen,
        excluded_open: openDue.length - breachedOpen + flaggedInFlight,
        excluded_unreadable: unreadable,
        ...untimed,
        as_of: finishCtx.asOf ?? null,
      });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Backlog

export interface BacklogState<Stamps = ValueBuffer | StampCounts> {
  created: Stamps;
  /** Resolution stamps; a ticket closed by `status` alone ends at its creation (never open). */
  ended: Stamps;
  /** The latest created_at/resolved_at seen: "now" when the caller has none. */
  latest: number;
  /** Tickets whose resolved_at was rejected: not known to be open at any instant, so left out. */
  unreadable: number;
}

/** How a backlog keeps its stamps: each one (any asOf can be asked), or counts at known checkpoints. */
interface StampStore<Stamps> {
  create: () => Stamps;
  add: (stamps: Stamps, stamp: number) => void;
  merge: (a: Stamps, b: Stamps) => Stamps;
  countUpTo: (stamps: Stamps, asOf: number, latest: number) => number;
}

const EVERY_STAMP: StampStore<ValueBuffer> = {
  create: () => new ValueBuffer(),
  add: (stamps, stamp) => stamps.push(stamp),
  merge: (a, b) => {
    a.append(b);
    return a;
  },
  countUpTo: (stamps, asOf) => stamps.countAtMost(asOf),
};

/**
 * Tickets open at asOf: created ≤ asOf and not resolved by then (§3.6). Finishing only reads the
 * state, so the scorecard can finish one state at every period end. In a scorecard, which says
 * where it will ask (its checkpoints), the stamps are counted per period; alone, each is kept.
 */
function backlog(ctx: MetricContext): Accumulator<BacklogState> {
  const store = ctx.checkpoints === undefined ? EVERY_STAMP : createStampCounter(ctx.checkpoints);
  return backlogWith(store as StampStore<ValueBuffer | StampCounts>);
}

function backlogWith<Stamps>(store: StampStore<Stamps>): Accumulator<BacklogState<Stamps>> {
  return {
    init: () => ({ created: store.create(), ended: store.create(), latest: Number.NEGATIVE_INFINITY, unreadable: 0 }),
    add(state, row) {
      const interval = takeOpenInterval(state, row);
      if (interval === undefined) return;
      store.add(state.created, interval.created);
      if (Number.isFinite(interval.ended)) store.add(state.ended, interval.ended);
    },
    merge(a, b) {
      a.created = store.merge(a.created, b.created);
      a.ended = store.merge(a.ended, b.ended);
      a.latest = Math.max(a.latest, b.latest);
      a.unreadable += b.unreadable;
      return a;
    },
    finish({ created, ended, latest, unreadable }, ctx) {
      const asOf = backlogMoment(ctx.asOf, latest);
      const excluded = { excluded_unreadable: unreadable };
      if (asOf === undefined) return emptyValue({ as_of: null, ...excluded });
      const createdBy = store.countUpTo(created, asOf, latest);
      if (createdBy === 0) return emptyValue({ as_of: asOf, ...excluded });
      const endedBy = store.countUpTo(ended, asOf, latest);
      return { value: createdBy - endedBy, n: createdBy, ci: null, detail: { as_of: asOf, ...excluded } };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Registry entries

/** A rate over resolved tickets, with the tickets that had the outcome's information but no resolution. */
export interface ResolvedTally {
  tally: Tally;
  /** Known to be open: no outcome yet. */
  open: number;
  /** Resolution not known (no resolved_at column and no status, or an empty status). */
  unknown: number;
}

/**
 * % of known-resolved tickets whose outcome `outcome` gives (undefined: the row has no information
 * and is not counted at all). Tickets with the information but not known to be resolved are left
 * out and counted in detail as `excluded_open` and `excluded_unknown`, so a null says why.
 */
export function resolvedProportion(outcome: (row: CanonicalRow) => boolean | undefined): Accumulator<ResolvedTally> {
  const resolved = proportion(outcome);
  return {
    init: () => ({ tally: resolved.init(), open: 0, unknown: 0 }),
    add(state, row) {
      if (isKnownResolved(row)) resolved.add(state.tally, row);
      else if (outcome(row) === undefined) return;
      else if (isKnownOpen(row)) state.open += 1;
      else state.unknown += 1;
    },
    merge(a, b) {
      a.tally = resolved.merge(a.tally, b.tally);
      a.open += b.open;
      a.unknown += b.unknown;
      return a;
    },
    finish: ({ tally, open, unknown }, ctx) =>
      finishRate(countedRate(tally), ctx, EXCESS_NOTE, { excluded_open: open, excluded_unknown: unknown }),
  };
}

export const TICKET_METRICS: readonly MetricDef[] = [
  /** Number of tickets (rows); n = rows. Count, no direction, no CI. Empty → null. */
  {
    id: 'tickets',
    name: 'Tickets',
    domain: 'ops',
    kinds: TICKETS,
    unit: 'count',
    better: null,
    // One alternative with no fields: every tickets source has it.
    requires: [[]],
    formula: 'number of tickets',
    interval: 'none',
    create: count,
  },
  ...durationMetrics({
    idPrefix: 'first_response_time',
    label: 'First response time',
    end: 'first_response_at',
    formula: 'first_response_at − created_at over answered tickets',
    sources: [ZENDESK_METRICS, 'Plain docs, first response time (plain.com/docs/product/platform/first-response-time.md)'],
    p90Example: { rank: 7, id: 'answered-fast', name: 'Tickets are answered fast', target: '<= 1h' },
  }),
  ...durationMetrics({
    idPrefix: 'resolution_time',
    label: 'Resolution time',
    end: 'resolved_at',
    formula: 'resolved_at − created_at over resolved tickets',
    sources: [ZENDESK_METRICS, 'ServiceNow docs, "Resolve time" (github.com/ServiceNow/ServiceNowDocs)'],
    p90Example: { rank: 6, id: 'fixed-fast', name: 'Tickets are resolved fast', target: '<= 8h' },
  }),
  /**
   * SLA attainment = met / (met + breached) (§3.3), from `made_sla`, else `sla_due_at` (or
   * created_at + the config `sla` target of the ticket's priority) against `resolved_at` and, for
   * open tickets, `asOf`. %, higher. Wilson CI. detail: x (met), n,
   * breached, excluded_open (open and still within target). Empty → null.
   */
  {
    id: 'sla_attainment',
    name: 'SLA attainment',
    domain: 'ops',
    kinds: TICKETS,
    unit: '%',
    better: 'higher',
    requires: [['made_sla'], ['sla_due_at', 'resolved_at']],
    requiresWith: (ctx) => (Object.keys(ctx.sla).length > 0 ? [['created_at', 'priority']] : []),
    formula:
      'met / (met + breached), from made_sla, else sla_due_at, else the config sla per priority; open tickets past due count as breached, open ones within it (a met flag on an open ticket too) are left out',
    interval: 'wilson',
    sources: [
      'ticketboard.cc/glossary/sla-compliance/ (met / SLA-bound tickets; practitioner bands)',
      'process-consultant.blogspot.com/2011/05 (approaches to the denominator)',
    ],
    reading: '> 95 % excellent, 90–95 % good, 85–90 % needs improvement (practitioner)',
    example: { rank: 8, id: 'sla-kept', name: 'SLAs are kept', target: '>= 95%' },
    create: slaAttainment(RESOLUTION_CLOCK),
  },
  /**
   * First-response SLA attainment = met / (met + breached) against the config's `first_response`
   * target of the ticket's priority (§3.3, "report response and resolution SLAs separately"),
   * by the rules of `sla_attainment`: first_response_at ≤ due meets it (a ticket resolved without
   * one stops the clock at resolved_at); unanswered past due at asOf is breached; unanswered within
   * it is left out. %, higher. Wilson CI. Empty → null.
   */
  {
    id: 'sla_attainment.first_response',
    name: 'SLA attainment, first response',
    domain: 'ops',
    kinds: TICKETS,
    unit: '%',
    better: 'higher',
    requires: [],
    requiresWith: (ctx) => (Object.keys(ctx.slaFirstResponse ?? {}).length > 0 ? [['created_at', 'priority']] : []),
    formula:
      'met / (met + breached) against the config sla first_response target per priority: first_response_at (else resolved_at) ≤ due; unanswered past due count as breached, unanswered within it are left out',
    interval: 'wilson',
    sources: [
      'ticketboard.cc/glossary/sla-compliance/ (met / SLA-bound tickets; practitioner bands)',
      'desk.hitthosting.com/articles/measuring-sla-compliance (response and resolution SLAs reported separately)',
    ],
    reading: '> 95 % excellent, 90–95 % good, 85–90 % needs improvement (practitioner)',
    create: slaAttainment(FIRST_RESPONSE_CLOCK),
  },
  /**
   * Reopen rate = resolved tickets reopened at least once (reopen_count ≥ 1 or reopened) / resolved
   * tickets with known reopen information (§3.4); "resolved" as `isKnownResolved` says, so a file
   * with neither resolved_at nor status gives null. %, lower. Wilson CI. Empty → null.
   */
  {
    id: 'reopen_rate',
    name: 'Reopen rate',
    domain: 'ops',
    kinds: TICKETS,
    unit: '%',
    better: 'lower',
    requires: [['reopen_count'], ['reopened']],
    formula: '% of resolved tickets (resolved_at, a closing status, or a rejected resolved_at) reopened at least once',
    interval: 'wilson',
    sources: ['support.kaizo.com (Reopen Rate metric definition)', 'aicxstack.com/glossary/reopen-rate'],
    reading: 'about 3 % on average; < 5 % is the usual healthy target',
    example: { rank: 9, id: 'fixed-for-good', name: 'Fixes hold', target: '<= 5%' },
    create: () =>
      resolvedProportion((row) => {
        if (row.reopen_count === undefined && row.reopened === undefined) return undefined;
        return (row.reopen_count ?? 0) >= 1 || row.reopened === true;
      }),
  },
  /**
   * FCR rate = resolved tickets with one contact (contacts = 1 or fcr) / resolved tickets with
   * known contacts or fcr (§3.5); "resolved" as `isKnownResolved` says. %, higher. Wilson CI.
   * Empty → null.
   */
  {
    id: 'fcr_rate',
    name: 'First contact resolution rate',
    domain: 'ops',
    kinds: TICKETS,
    unit: '%',
    better: 'higher',
    requires: [['contacts'], ['fcr']],
    formula: '% of resolved tickets (resolved_at, a closing status, or a rejected resolved_at) resolved in one contact',
    interval: 'wilson',
    sources: [
      'support.freshservice.com, "How do you calculate FCR" (resolved with no further interaction / resolved)',
      'customerfacing.io/glossary/first-contact-resolution-rate',
      'diggrowth.com/kpi/first-contact-resolution-rate',
    ],
    reading: '70–80 % excellent in one source; ≥ 65 % good, ≥ 90 % excellent in another',
    example: { rank: 10, id: 'first-contact', name: 'Solved at first contact', target: '>= 70%' },
    create: () =>
      resolvedProportion((row) => {
        if (row.contacts === undefined && row.fcr === undefined) return undefined;
        return row.contacts === 1 || row.fcr === true;
      }),
  },
  /**
   * Backlog = tickets open at asOf: created ≤ asOf and not resolved by then (resolved exactly at
   * asOf is not open; created at asOf is). n = tickets created by asOf; asOf defaults to the latest
   * stamp seen. Count, lower, no CI. Empty (nothing created by asOf) → null. A ticket whose
   * resolved_at was rejected is left out (not known to be open), counted in `excluded_unreadable`.
   * Performance: keeps two stamps per ticket for the whole segment — a candidate for the
   * performance issue (a sorted run-length or histogram state would bound it).
   */
  {
    id: 'backlog',
    name: 'Backlog',
    domain: 'ops',
    kinds: TICKETS,
    unit: 'count',
    better: 'lower',
    requires: [['created_at']],
    formula: 'tickets created by the end of the period and not resolved by then',
    interval: 'none',
    sources: ['HDI, "Metric of the month: ticket backlog" (thinkhdi.com/library/supportworld/2020/metric-of-month-ticket-backlog.aspx)'],
    spansPeriods: true,
    create: backlog,
  },
  /**
   * Backlog age p90 = the 90th percentile (linear, type 7) of the ages (moment − created_at, in
   * seconds) of the tickets in `backlog` at the same moment and by the same rules (backlog-age.ts).
   * n = those tickets. Seconds, lower, no CI. None open → null. detail: as_of, excluded_unreadable.
   */
  {
    id: 'backlog.age.p90',
    name: 'Backlog age, 90th percentile',
    domain: 'ops',
    kinds: TICKETS,
    unit: 's',
    better: 'lower',
    requires: [['created_at']],
    formula: '90th percentile (linear, type 7) of the ages (end of the period − created_at) of the tickets in the backlog then',
    interval: 'none',
    sources: [
      'HDI, "Metric of the month: ticket backlog" (thinkhdi.com/library/supportworld/2020/metric-of-month-ticket-backlog.aspx; ages of open tickets)',
    ],
    spansPeriods: true,
    create: backlogAge(0.9),
  },
  /** Mean reassignment_count per ticket. Ratio, lower. t CI. Empty → null. */
  {
    id: 'reassignments.mean',
    name: 'Reassignments per ticket',
    domain: 'ops',
    kinds: TICKETS,
    unit: 'ratio',
    better: 'lower',
    requires: [['reassignment_count']],
    formula: 'mean number of reassignments per ticket',
    interval: 't',
    create: () => mean(readField('reassignment_count'), 't'),
  },
];
