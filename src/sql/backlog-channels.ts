/**
 * The ticket states kept per entity in the pushdown (README "SQL pushdown", tickets): the backlog's
 * open intervals (`backlog`, `backlog.age.p90`) and each requester's channels
 * (`channel_switch_rate`). No count or sum per group holds them, so each group's row carries the
 * entities' tuples (Dialect.tupleListText), and xla rebuilds the state by feeding them to the
 * metric's own accumulator, as the rows would have been fed: one definition of the state, and the
 * report of a streaming run to the last digit.
 *
 * - A ticket's open interval is read from the stamps the durations read (generate.ts: created_at,
 *   resolved_at, the status): one tuple per ticket with a created_at, [created ms, ended ms or
 *   `open`], and the tickets whose resolved_at was rejected counted (metrics/backlog-age.ts).
 * - A requester's channels: the distinct (requester, channel cell) texts of the group, each with
 *   its rows (a window count), since the per-ticket counts (multi-channel tickets, tickets without
 *   a requester) need every row; xla reads both texts as it reads a cell (trimmed, null markers)
 *   and splits the channels itself (metrics/mx.ts), so SQL never normalizes a channel.
 */
import { coerceText } from '../fields/values.js';
import type { CanonicalRow, FieldId } from '../fields/types.js';
import type { Checkpoints } from '../metrics/stamp-counts.js';
import type { Accumulator, MetricDef } from '../metrics/types.js';
import type { Scales } from '../fields/scales.js';
import { freezeState, type FrozenState } from '../scorecard/snapshot.js';
import type { Dialect } from './dialects.js';
import { tuplesOf } from './tuples.js';

/** A state part as recipes.ts's StatePart (declared here so that the two files import nothing from each other). */
interface StatePart {
  suffix: string;
  type: 'count' | 'tuples';
  aggregate: (value: string, reason: string, context?: { dialect: Dialect }) => string;
}

/** The answers' columns (generate.ts writes them from these expressions). */
const CREATED_COLUMN = 'b_created';
const ENDED_COLUMN = 'b_ended';
const REQUESTER_COLUMN = 'c_requester';
const CHANNEL_COLUMN = 'c_channel';
const PAIR_ROWS_COLUMN = 'c_rows';

/** A ticket still open (its interval has no end), and one whose resolved_at was rejected: the two words of `b_ended` besides an end in ms. */
const OPEN = 'open';
const UNREADABLE = 'unreadable';

/** The stamps of a ticket as generate.ts reads them (its `cells` columns); `FALSE` where the file has no such column. */
export interface TicketStampColumns {
  /** created_at in epoch ms (NULL: none read). */
  created: string;
  /** resolved_at in epoch ms, or NULL when the file has none. */
  resolved: string;
  /** Whether the resolved_at cell is missing (`TRUE` without the column). */
  resolvedMissing: string;
  /** Whether the status closes the ticket. */
  closedByStatus: string;
}

/**
 * A ticket's open interval as backlog-age.ts openIntervalOf reads its row: none without created_at;
 * `unreadable` when resolved_at was rejected (not a date the SQL reads, or before created_at);
 * else its created ms and its end: resolved_at, created_at when the status alone closed it (never
 * open), or `open`.
 */
export function openIntervalAnswers(stamps: TicketStampColumns, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  const { created, resolved } = stamps;
  const read = `(${resolved} IS NOT NULL AND ${resolved} >= ${created})`;
  const ended = `CASE WHEN ${read} THEN ${resolved} WHEN ${stamps.closedByStatus} THEN ${created} END`;
  return [
    `${dialect.trimmedText(created)} AS ${q(CREATED_COLUMN)}`,
    `CASE WHEN ${created} IS NOT NULL THEN CASE WHEN NOT ${stamps.resolvedMissing} AND NOT ${read} THEN '${UNREADABLE}' ELSE COALESCE(${dialect.trimmedText(ended)}, '${OPEN}') END END AS ${q(ENDED_COLUMN)}`,
  ];
}

/**
 * The requester and channel cells as texts (blank for none: xla reads both as a cell again) and
 * the group's rows with that pair, partitioned as the final SELECT groups (`keys`).
 */
export function requesterChannelAnswers(
  cells: { requester: string; channel: string },
  keys: readonly string[],
  dialect: Dialect,
): string[] {
  const q = dialect.quoteName;
  const requester = `COALESCE(${cells.requester}, '')`;
  const channel = `COALESCE(${cells.channel}, '')`;
  return [
    `${requester} AS ${q(REQUESTER_COLUMN)}`,
    `${channel} AS ${q(CHANNEL_COLUMN)}`,
    `COUNT(*) OVER (PARTITION BY ${[...keys, requester, channel].join(', ')}) AS ${q(PAIR_ROWS_COLUMN)}`,
  ];
}

/** The columns' SQL through the part's context (generate.ts passes the dialect to every part). */
const withDialect =
  (aggregate: (dialect: Dialect) => string): StatePart['aggregate'] =>
  (_value, _reason, context) => {
    if (context === undefined) throw new Error('sql: a tuple list needs its dialect');
    return aggregate(context.dialect);
  };

/** The backlog's parts: each ticket's [created, ended] (not distinct: two tickets may share both stamps) and the unreadable ones. */
export const OPEN_INTERVAL_PARTS: readonly StatePart[] = [
  {
    suffix: 'tickets',
    type: 'tuples',
    aggregate: withDialect((dialect) =>
      dialect.tupleListText(
        [dialect.quoteName(CREATED_COLUMN), dialect.quoteName(ENDED_COLUMN)],
        `${dialect.quoteName(ENDED_COLUMN)} <> '${UNREADABLE}'`,
        false,
      ),
    ),
  },
  {
    suffix: 'unreadable',
    type: 'count',
    aggregate: withDialect((dialect) => `COUNT(CASE WHEN ${dialect.quoteName(ENDED_COLUMN)} = '${UNREADABLE}' THEN 1 END)`),
  },
];

/** Channel switching's part: the distinct (requester, channel, rows) of the rows that have a channel cell. */
export const REQUESTER_CHANNEL_PARTS: readonly StatePart[] = [
  {
    suffix: 'pairs',
    type: 'tuples',
    aggregate: withDialect((dialect) => {
      const q = dialect.quoteName;
      return dialect.tupleListText([q(REQUESTER_COLUMN), q(CHANNEL_COLUMN), q(PAIR_ROWS_COLUMN)], `${q(CHANNEL_COLUMN)} <> ''`, true);
    }),
  },
];

/** The fields channel switching reads as texts (generate.ts: a text field's cell is its trimmed text). */
export const REQUESTER_CHANNEL_FIELDS: readonly FieldId[] = ['requester', 'channel'];

// ---------------------------------------------------------------------------------------------
// Rows → states

/** A part's cell and column, and the row's error (states.ts). */
export interface EntityParts {
  value: (suffix: string) => { column: string; cell: unknown };
  count: (suffix: string) => number;
  fail: (message: string, column: string) => never;
}

/**
 * The states of these metrics from a group's tuples, each built by the metric's own accumulator,
 * created as the scorecard that absorbs them creates it (its checkpoints: a backlog keeps counts
 * at the period ends and `--to`, not stamps), so the frozen state is the one it would have built.
 */
export function entityStates(
  metrics: readonly MetricDef[],
  scales: Scales,
  checkpoints: Checkpoints | undefined,
): (metricId: string, shape: 'open-intervals' | 'requester-channels', parts: EntityParts) => FrozenState {
  const accumulators = new Map<string, Accumulator<unknown>>();
  const accumulatorOf = (metricId: string): Accumulator<unknown> => {
    let accumulator = accumulators.get(metricId);
    if (accumulator === undefined) {
      const metric = metrics.find((candidate) => candidate.id === metricId);
      if (metric === undefined) throw new Error(`sql: no metric ${metricId}`);
      // Neither metric reads Apdex or SLA targets; the checkpoints are what shape their states.
      accumulator = metric.create({ scales, apdexT: 0, sla: {}, checkpoints }) as Accumulator<unknown>;
      accumulators.set(metricId, accumulator);
    }
    return accumulator;
  };
  return (metricId, shape, parts) => {
    // Without them a backlog keeps every stamp, a state the scorecard's own counter cannot merge.
    if (shape === 'open-intervals' && checkpoints === undefined)
      throw new Error("sql: a backlog's state needs the scorecard's checkpoints");
    const accumulator = accumulatorOf(metricId);
    const state = accumulator.init();
    const rows = shape === 'open-intervals' ? openIntervalRows(parts) : requesterChannelRows(parts);
    for (const row of rows) accumulator.add(state, row);
    return freezeState(state, { share: true });
  };
}

/** Whole ms as the engine printed them. */
function msOf(text: string, column: string, fail: EntityParts['fail']): number {
  const ms = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(ms) ? ms : fail(`"${text.slice(0, 40)}" is not a whole number of ms`, column);
}

/**
 * The rows a ticket's tuple stands for, as backlog-age.ts takeOpenInterval reads them: an end is
 * a resolved_at (one closed by status alone ends at its creation: the same interval), `open` a
 * ticket known open; each unreadable ticket a row with its resolved_at rejected.
 */
function* openIntervalRows(parts: EntityParts): Generator<CanonicalRow> {
  const { column, cell } = parts.value('tickets');
  const fail = (message: string): never => parts.fail(message, column);
  for (const [created, ended] of tuplesOf(cell, 2, fail)) {
    const createdAt = msOf(created ?? '', column, parts.fail);
    yield ended === OPEN
      ? { created_at: createdAt, is_resolved: false }
      : { created_at: createdAt, resolved_at: msOf(ended ?? '', column, parts.fail), is_resolved: true };
  }
  const unreadable: CanonicalRow = { created_at: 0, unreadable: new Set<FieldId>(['resolved_at']) };
  for (let i = parts.count('unreadable'); i > 0; i -= 1) yield unreadable;
}

/** Each (requester, channel) pair's rows, read as xla reads the cells (trimmed, a null marker is none). */
function* requesterChannelRows(parts: EntityParts): Generator<CanonicalRow> {
  const { column, cell } = parts.value('pairs');
  const fail = (message: string): never => parts.fail(message, column);
  for (const [requester, channel, rows] of tuplesOf(cell, 3, fail)) {
    const row: CanonicalRow = { requester: coerceText(requester), channel: coerceText(channel) };
    const count = /^\d+$/.test(rows ?? '') ? Number(rows) : Number.NaN;
    if (!Number.isSafeInteger(count) || count < 1) fail(`"${String(rows).slice(0, 40)}" is not a count of rows`);
    for (let i = 0; i < count; i += 1) yield row;
  }
}
