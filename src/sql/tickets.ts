/**
 * The ticket family's SQL of the pushdown (README "SQL pushdown", tickets): the aggregates of the
 * duration means, each the Moments its streaming accumulator builds (metrics/tickets.ts) from
 * exact sums. SQL sums whole milliseconds exactly and moves the point (× 0.001, × 0.000001) in an
 * exact decimal, never through a double. recipes.ts names the state parts that use them.
 */
import { exactDecimalLiteral, exactDecimalType, type Dialect } from './dialects.js';

/** A whole number at 38 digits: sums and squares of milliseconds (up to ~10^11 each) stay exact far past any table's size. */
const wide = (value: string, dialect: Dialect | undefined): string =>
  `CAST(${value} AS ${dialect === undefined ? 'DECIMAL(38, 0)' : exactDecimalType(dialect, 38, 0)})`;

/** A decimal literal read exactly (dialects.ts). */
const exactLiteral = (text: string, dialect: Dialect | undefined): string =>
  dialect === undefined ? text : exactDecimalLiteral(text, dialect);

/**
 * Σx of the durations in seconds, x = ms / 1000 as readElapsedSeconds divides: Σms × 0.001 is the
 * very decimal streaming sums (a whole ms over 1000 is a decimal of at most three places, read so
 * by addToMoments).
 */
export const secondsSum = (ms: string, _reason: string, context?: { dialect: Dialect }): string =>
  `SUM(${wide(ms, context?.dialect)}) * ${exactLiteral('0.001', context?.dialect)}`;

/** Σx² of the same seconds: Σms² × 0.000001. */
export const secondsSquares = (ms: string, _reason: string, context?: { dialect: Dialect }): string =>
  `SUM(${wide(ms, context?.dialect)} * ${wide(ms, context?.dialect)}) * ${exactLiteral('0.000001', context?.dialect)}`;

/** The two SLA clocks (metrics/sla-verdict.ts): resolution (sla_attainment) and first response (sla_attainment.first_response). */
export type SlaClock = 'resolution' | 'first_response';

/** Config targets per priority value, in seconds (config `sla:`). */
export type SlaTargets = Readonly<Record<string, number>>;

/**
 * The due instant (epoch ms) from a config target: created_at + the target of the ticket's
 * priority (sla-verdict.ts dueFromTarget), compared as xla compares it (the trimmed text, exactly;
 * a missing priority has none). Keys sorted: the SQL does not depend on the config's order.
 */
export function targetDue(
  targets: SlaTargets,
  priority: { text: string; missing: string } | undefined,
  createdMs: string,
  quote: (text: string) => string,
): string {
  const keys = Object.keys(targets).sort();
  if (priority === undefined || keys.length === 0) return 'NULL';
  const cases = keys.map((key) => `WHEN ${priority.text} = ${quote(key)} THEN ${createdMs} + ${targetMs(targets, key)}`);
  return `CASE WHEN ${createdMs} IS NOT NULL AND NOT ${priority.missing} THEN CASE ${cases.join(' ')} END END`;
}

/** A target in whole ms (created + seconds × 1000, as dueFromTarget adds it); sql-plan.ts refuses any other. */
function targetMs(targets: SlaTargets, key: string): number {
  const ms = (targets[key] ?? Number.NaN) * 1000;
  if (!Number.isSafeInteger(ms)) throw new Error(`sql: the sla target of ${key} is not a whole number of ms`);
  return ms;
}

/** What a ticket's verdict is read from, each an SQL expression over the query's `cells` columns. */
export interface SlaInputs {
  /** The accepted made_sla (TRUE, FALSE, NULL), or `NULL` (no flag: unbound, or the first-response clock). */
  flag: string;
  /** The due instant in epoch ms, NULL for none. */
  due: string;
  /** The stop stamp in ms and whether it was read, or rejected (sla-verdict.ts verdictAt); the first response's, then resolved_at's. */
  stops: readonly { ms: string; read: string; rejected: string }[];
  /** Closed by status without resolved_at: cannot be judged. */
  closedByStatus: string;
  /** Known to be open (sla-verdict.ts isKnownOpen). */
  knownOpen: string;
}

/**
 * A ticket's verdict as sla-verdict.ts gives it: 'met', 'breached', 'open' (judged at asOf by xla,
 * from the due instants), 'in_flight' (flagged met while open), 'unreadable' (a rejected stop
 * stamp), or NULL (not judged: no due instant, or closed by status without a stop stamp). The
 * flag decides first; then the first stop stamp there is, in order; a rejected one is unreadable.
 */
export function slaVerdict(inputs: SlaInputs): string {
  const stops = inputs.stops.flatMap(({ ms, read, rejected }) => [
    `WHEN ${read} THEN CASE WHEN ${ms} <= ${inputs.due} THEN 'met' ELSE 'breached' END`,
    `WHEN ${rejected} THEN 'unreadable'`,
  ]);
  const flag =
    inputs.flag === 'NULL'
      ? []
      : [
          `WHEN ${inputs.flag} IS NOT NULL THEN CASE WHEN NOT ${inputs.flag} THEN 'breached' WHEN ${inputs.knownOpen} THEN 'in_flight' ELSE 'met' END`,
        ];
  return [
    'CASE',
    ...flag,
    `WHEN ${inputs.due} IS NULL THEN NULL`,
    ...stops,
    `WHEN ${inputs.closedByStatus} THEN NULL`,
    "ELSE 'open' END",
  ].join(' ');
}

/**
 * The result columns of the newest event stamp (epoch ms) per stamp field: "now" for the SLA
 * clocks when the run has no --as-of, as a streaming run takes the newest created_at,
 * first_response_at or resolved_at it read (score-inputs.ts; sla_due_at is a deadline, not an event).
 */
export const newestColumn = (field: string): string => `newest_${field}`;

/** The newest event stamp of the rows (their `newest_*` columns), undefined when none has one. */
export function newestStampOf(rows: readonly Readonly<Record<string, unknown>>[]): number | undefined {
  let newest = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row)) {
      if (!column.toLowerCase().startsWith(newestColumn('')) || cell === null || cell === undefined || cell === '') continue;
      const ms = Number(cell);
      if (Number.isSafeInteger(ms) && ms > newest) newest = ms;
    }
  }
  return Number.isFinite(newest) ? newest : undefined;
}

/**
 * How the user felt (watermelon.ts feelingOf): NPS first (0–6 unhappy, 9–10 happy), else CSAT on
 * its scale (the bottom two boxes unhappy, the top two happy); NULL without an answer. `nps` and
 * `csat` are the accepted values, or `NULL` when no field of theirs is bound.
 */
export function feelingOf(nps: string, csat: string, [min, max]: readonly [number, number]): string {
  const feeling = (value: string, unhappyMax: number, happyMin: number): string =>
    `CASE WHEN ${value} <= ${unhappyMax} THEN 'unhappy' WHEN ${value} >= ${happyMin} THEN 'happy' ELSE 'neutral' END`;
  // An unbound field is `NULL`: its branch is left out (PostgreSQL cannot compare an untyped NULL).
  const branches = [
    ...(nps === 'NULL' ? [] : [`WHEN ${nps} IS NOT NULL THEN ${feeling(nps, 6, 9)}`]),
    ...(csat === 'NULL' ? [] : [`WHEN ${csat} IS NOT NULL THEN ${feeling(csat, min + 1, max - 1)}`]),
  ];
  return branches.length === 0 ? 'NULL' : `CASE ${branches.join(' ')} END`;
}

/** The resolution verdict and the feeling as one text (`met/happy`, `open/neutral`, …): NULL when either is. */
export const verdictWithFeeling = (verdict: string, feeling: string): string => `((${verdict}) || '/' || (${feeling}))`;
