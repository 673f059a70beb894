/**
 * One ticket's SLA outcomes (metrics.md §3.3): resolution, shared by `sla_attainment` and every
 * metric that asks "did this ticket meet its SLA?" (the watermelon rates), and first response, for
 * `sla_attainment.first_response`. Pure; the open case carries its due instant because
 * breached-or-in-flight is decided only at finish, against `asOf`. With business hours on, a
 * config target is spread over the ticket's calendar: due = calendar.deadline(created_at, target)
 * (§3.7); a ticket no calendar can time has no due instant (`untimedTarget` says why).
 */
import type { CanonicalRow } from '../fields/types.js';
import { isUnreadable } from './accumulators.js';
import { timingCalendar, type Untimed } from './business-clock.js';
import type { MetricContext } from './types.js';

export type SlaVerdict =
  | { readonly state: 'met' }
  | { readonly state: 'breached' }
  /** Open with a due instant: breached once `asOf` is past it, in flight (left out) until then. */
  | { readonly state: 'open'; readonly due: number }
  /** Open and flagged met so far: in flight, left out. */
  | { readonly state: 'in_flight' }
  /** The stop stamp was there but rejected: cannot be judged, counted as `excluded_unreadable`. */
  | { readonly state: 'unreadable' };

const MET: SlaVerdict = { state: 'met' };
const BREACHED: SlaVerdict = { state: 'breached' };
const IN_FLIGHT: SlaVerdict = { state: 'in_flight' };
const UNREADABLE: SlaVerdict = { state: 'unreadable' };

/** Config targets per priority value, in seconds: one map per SLA clock. */
type Targets = Readonly<Record<string, number>>;

/**
 * The verdict comes from `made_sla` when the row has it, else from `sla_due_at`, else from the
 * config `sla` target of the ticket's priority: a resolved ticket met it ⇔ resolved_at ≤ due
 * (resolving at the due instant meets it). On a ticket known to be open the flag is provisional:
 * false is breached already, true only "not yet" (in flight; Boston 311 writes ONTIME on open
 * cases). A flag on a ticket not known to be open is taken as the verdict it reads as. A ticket
 * closed by `status` without `resolved_at` cannot be judged; nor can one with no due instant:
 * undefined, left out entirely.
 */
export function resolutionVerdict(row: CanonicalRow, ctx: MetricContext): SlaVerdict | undefined {
  if (row.made_sla !== undefined) {
    if (!row.made_sla) return BREACHED;
    return isKnownOpen(row) ? IN_FLIGHT : MET;
  }
  const due = row.sla_due_at ?? dueFromTarget(row, ctx.sla, ctx);
  if (due === undefined) return undefined;
  return verdictAt(row.resolved_at, due, isUnreadable(row, 'resolved_at'), row.is_resolved === true);
}

/**
 * The first-response verdict against the config's `first_response` target of the ticket's
 * priority, by the same rules. The clock stops at `first_response_at`; a ticket resolved without
 * one stops it at `resolved_at` (solving it answered it). The flags and `sla_due_at` are about
 * resolution and do not apply.
 */
export function firstResponseVerdict(row: CanonicalRow, ctx: MetricContext): SlaVerdict | undefined {
  const due = dueFromTarget(row, ctx.slaFirstResponse ?? {}, ctx);
  if (due === undefined) return undefined;
  if (isUnreadable(row, 'first_response_at')) return UNREADABLE;
  if (row.first_response_at !== undefined) return row.first_response_at <= due ? MET : BREACHED;
  return verdictAt(row.resolved_at, due, isUnreadable(row, 'resolved_at'), row.is_resolved === true);
}

/** Met or breached by the stop stamp; unreadable when it was rejected; open until `asOf` decides; undefined when closed without a stamp. */
function verdictAt(stop: number | undefined, due: number, stopUnreadable: boolean, closed: boolean): SlaVerdict | undefined {
  if (stop !== undefined) return stop <= due ? MET : BREACHED;
  if (stopUnreadable) return UNREADABLE;
  return closed ? undefined : { state: 'open', due };
}

/** Known to be open: the source says so (is_resolved false) and no rejected resolved_at says otherwise. */
export function isKnownOpen(row: CanonicalRow): boolean {
  return row.is_resolved === false && !isUnreadable(row, 'resolved_at');
}

/** The config target of the ticket's priority in seconds; own keys only (a priority `constructor` has none unless named). */
function targetOf(row: CanonicalRow, targets: Targets): number | undefined {
  if (row.created_at === undefined || row.priority === undefined) return undefined;
  return Object.hasOwn(targets, row.priority) ? targets[row.priority] : undefined;
}

/**
 * The due instant from a config target (§3.3): created_at + target, or in business time the
 * instant the ticket's calendar has worked the target since created_at (undefined when no calendar
 * can time the ticket, or the calendar never works that long).
 */
function dueFromTarget(row: CanonicalRow, targets: Targets, ctx: MetricContext): number | undefined {
  const seconds = targetOf(row, targets);
  const created = row.created_at;
  if (seconds === undefined || created === undefined) return undefined;
  const time = ctx.businessTime;
  if (time === undefined) return created + seconds * 1000;
  const calendar = timingCalendar(row, created, time);
  if (typeof calendar === 'string') return undefined;
  const due = calendar.deadline(created, seconds * 1000);
  return Number.isNaN(due) ? undefined : due;
}

/**
 * Why a ticket with a config target has no due instant in business time (no calendar, or a
 * creation outside the years the engine is asked about); undefined otherwise. The verdicts leave
 * such a ticket out; the metrics count it with this.
 */
export function untimedTarget(row: CanonicalRow, targets: Targets, ctx: MetricContext): Untimed | undefined {
  const time = ctx.businessTime;
  if (time === undefined || row.created_at === undefined || targetOf(row, targets) === undefined) return undefined;
  const calendar = timingCalendar(row, row.created_at, time);
  return typeof calendar === 'string' ? calendar : undefined;
}
