/**
 * One ticket's resolution-SLA outcome (metrics.md §3.3), shared by `sla_attainment` and every
 * metric that asks "did this ticket meet its SLA?" (the watermelon rates). Pure; the open case
 * carries its due instant because breached-or-in-flight is decided only at finish, against `asOf`.
 */
import type { CanonicalRow } from '../fields/types.js';
import { isUnreadable } from './accumulators.js';
import type { MetricContext } from './types.js';

export type SlaVerdict =
  | { readonly state: 'met' }
  | { readonly state: 'breached' }
  /** Open with a due instant: breached once `asOf` is past it, in flight (left out) until then. */
  | { readonly state: 'open'; readonly due: number }
  /** Open and flagged met so far: in flight, left out. */
  | { readonly state: 'in_flight' }
  /** resolved_at was there but rejected: cannot be judged, counted as `excluded_unreadable`. */
  | { readonly state: 'unreadable' };

const MET: SlaVerdict = { state: 'met' };
const BREACHED: SlaVerdict = { state: 'breached' };
const IN_FLIGHT: SlaVerdict = { state: 'in_flight' };
const UNREADABLE: SlaVerdict = { state: 'unreadable' };

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
  const due = row.sla_due_at ?? dueFromPriority(row, ctx.sla);
  if (due === undefined) return undefined;
  const resolvedAt = row.resolved_at;
  if (resolvedAt !== undefined) return resolvedAt <= due ? MET : BREACHED;
  if (isUnreadable(row, 'resolved_at')) return UNREADABLE;
  return row.is_resolved === true ? undefined : { state: 'open', due };
}

/** Known to be open: the source says so (is_resolved false) and no rejected resolved_at says otherwise. */
export function isKnownOpen(row: CanonicalRow): boolean {
  return row.is_resolved === false && !isUnreadable(row, 'resolved_at');
}

/** The due instant from the config's resolution target for the ticket's priority (§3.3). */
function dueFromPriority(row: CanonicalRow, targets: Readonly<Record<string, number>>): number | undefined {
  if (row.created_at === undefined || row.priority === undefined) return undefined;
  // Own keys only: a priority called `constructor` has no target unless `sla` names it.
  const seconds = Object.hasOwn(targets, row.priority) ? targets[row.priority] : undefined;
  return seconds === undefined ? undefined : row.created_at + seconds * 1000;
}
