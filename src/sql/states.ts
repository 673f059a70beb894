/**
 * The rows a pushdown query returned (generate.ts), as a ScorecardSnapshot: per row one cell,
 * its segment and, per metric, the state the metric's accumulator would have built from the
 * group's rows (recipes.ts). A scorecard absorbs it and finishes it as it finishes its own.
 * Pure: the rows come in as plain values (numbers, or text for exact decimals and big counts).
 */
import type { NetScoreState, Tally } from '../metrics/accumulators.js';
import type { MetricDef } from '../metrics/types.js';
import type { ResolvedTally, SlaState } from '../metrics/tickets.js';
import type { WatermelonState } from '../metrics/watermelon.js';
import type { SelfServiceState } from '../metrics/mx.js';
import type { Moments } from '../stats/moments.js';
import { MS_PER_SECOND, type ExcludedCountState } from '../metrics/accumulators.js';
import { exactSumOfDecimalText, placesOfDecimalText } from '../stats/exact-sum.js';
import type { Scales } from '../fields/scales.js';
import { planFingerprint, type CellSnapshot, type FrozenState, type ScorecardSnapshot } from '../scorecard/snapshot.js';
import { partColumn, RECIPES, type StatePart } from './recipes.js';
import { PERIOD_COLUMN, PERIOD_UNREAD_COLUMN, ROWS_COLUMN, segmentColumn } from './generate.js';
import type { Period } from '../time/periods.js';
import { inputRowsColumn } from './inputs.js';
import { decodeAnalyticsState } from './analytics.js';
import { surveyState } from './survey.js';
import { countedFields, unreadColumn } from './unread.js';
import { entityStates } from './backlog-channels.js';
import type { Checkpoints } from '../metrics/stamp-counts.js';
import { decodeUsageState } from './usage.js';
import { qualityState } from './quality.js';
import { bookState } from './customer-book.js';

export type SqlCell = string | number | bigint | boolean | null | undefined;
export type SqlRow = Readonly<Record<string, SqlCell>>;

/** A column the rows lack or a value that is not what the contract says: the caller names the file and line. */
export class SqlRowError extends Error {
  constructor(
    message: string,
    readonly rowIndex: number,
    readonly column: string,
  ) {
    super(message);
    this.name = 'SqlRowError';
  }
}

export interface SnapshotPlan {
  metrics: readonly MetricDef[];
  by: readonly string[];
  /** `--period`: each row's `period` column holds its key (blank: rows without a date). */
  period: Period | null;
  /** Ids of the plan's metrics the input feeds: only their slots are marked fed. */
  fedIds: ReadonlySet<string>;
  /** With several files (sql/inputs.ts): the ids each file feeds; a row's slots are fed by the files whose rows it holds. */
  fedByInput?: readonly ReadonlySet<string>[];
  scales: Scales;
  /** Where the absorbing scorecard finishes its states (engine.ts): the states kept per entity are built for them (backlog-channels.ts). */
  checkpoints?: Checkpoints;
  /** The zone xla reads dates without an offset in, for the cells data.validity leaves to xla (quality.ts); UTC when not given. */
  tz?: string | undefined;
}

/** The columns the rows must have, in the order the generated SQL returns them. */
export function expectedColumns(plan: SnapshotPlan): string[] {
  return [
    ...plan.by.map((_, i) => segmentColumn(i)),
    ...(plan.period === null ? [] : [PERIOD_COLUMN]),
    ROWS_COLUMN,
    ...(plan.period === null ? [] : [PERIOD_UNREAD_COLUMN]),
    ...countedFields(fedMetricIds(plan), RECIPES).map(unreadColumn),
    ...new Set(
      plan.metrics
        .filter((metric) => plan.fedIds.has(metric.id))
        .flatMap((metric) => partsOf(metric.id, plan.scales).map((part) => partColumn(metric.id, part))),
    ),
  ];
}

const fedMetricIds = (plan: SnapshotPlan): string[] =>
  plan.metrics.filter((metric) => plan.fedIds.has(metric.id)).map((metric) => metric.id);

/** The scorecard's state slots: metrics with one `sharedState` keep one state (scorecard/engine.ts); the first of each stands for it. */
function slotMetrics(metrics: readonly MetricDef[]): MetricDef[] {
  const seen = new Set<string>();
  return metrics.filter((metric, index) => {
    const key = metric.sharedState ?? `#${index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function snapshotOfRows(rows: readonly SqlRow[], plan: SnapshotPlan): ScorecardSnapshot {
  const fingerprint = planFingerprint({ metrics: plan.metrics, by: plan.by, period: plan.period });
  const entities = entityStates(plan.metrics, plan.scales, plan.checkpoints);
  const cells = rows.flatMap((row, rowIndex): CellSnapshot[] => {
    const read = (column: string): SqlCell => {
      if (!Object.hasOwn(row, column)) throw new SqlRowError(`no column "${column}"`, rowIndex, column);
      return row[column];
    };
    // A query without GROUP BY returns one row even for no rows at all: no cell, as no row reached one.
    if (readCount(read, ROWS_COLUMN, rowIndex) === 0) return [];
    const segment = plan.by.length === 0 ? null : plan.by.map((_, i) => segmentText(read(segmentColumn(i))));
    const slots = slotMetrics(plan.metrics);
    const fedIds = plan.fedByInput === undefined ? plan.fedIds : fedByRow(plan.fedByInput, read, rowIndex);
    const fed = slots.map((metric) => fedIds.has(metric.id));
    const states = slots.map((metric, slot) =>
      fed[slot] === true ? stateOf(metric.id, read, rowIndex, plan.scales, entities, plan.tz ?? 'UTC') : null,
    );
    const period = plan.period === null ? null : periodText(read(PERIOD_COLUMN));
    return [{ segment, period, fed, states }];
  });
  return { fingerprint, cells };
}

/** The metrics the files whose rows the row holds feed (a file with no row in the group feeds none of it). */
function fedByRow(fedByInput: readonly ReadonlySet<string>[], read: ReadColumn, rowIndex: number): ReadonlySet<string> {
  return new Set(fedByInput.flatMap((ids, i) => (readCount(read, inputRowsColumn(i), rowIndex) > 0 ? [...ids] : [])));
}

function partsOf(metricId: string, scales: Scales): readonly StatePart[] {
  const recipe = RECIPES.get(metricId);
  if (recipe === undefined) throw new Error(`sql: no recipe for ${metricId}`);
  return recipe.parts(scales);
}

type ReadColumn = (column: string) => SqlCell;

function stateOf(
  metricId: string,
  read: ReadColumn,
  rowIndex: number,
  scales: Scales,
  entities: ReturnType<typeof entityStates>,
  tz: string,
): FrozenState {
  const recipe = RECIPES.get(metricId);
  if (recipe === undefined) throw new Error(`sql: no recipe for ${metricId}`);
  const value = (suffix: string): { column: string; cell: SqlCell } => {
    const part = recipe.parts(scales).find((candidate) => candidate.suffix === suffix);
    if (part === undefined) throw new Error(`sql: ${metricId} has no part ${suffix}`);
    const column = partColumn(metricId, part);
    return { column, cell: read(column) };
  };
  const count = (suffix: string): number => {
    const { column } = value(suffix);
    return readCount(read, column, rowIndex);
  };
  switch (recipe.shape) {
    case 'field-counts':
    case 'ids':
      return qualityState(recipe.shape, {
        cell: value,
        count,
        fail: (message, column) => {
          throw new SqlRowError(message, rowIndex, column);
        },
        tz,
        scales,
      });
    case 'sum':
    case 'sentiment':
    case 'complete-case':
    case 'per-question':
    case 'newest':
      return surveyState(recipe.shape, metricId, {
        count,
        moments: () => momentsOf(count('n'), value('sum'), value('squares'), rowIndex),
        decimal: (suffix) => {
          const { column, cell } = value(suffix);
          return { column, text: decimalText(cell) };
        },
        fail: (message, column) => {
          throw new SqlRowError(message, rowIndex, column);
        },
        suffixes: recipe.parts(scales).map((part) => part.suffix),
      }) as unknown as FrozenState;
    case 'net':
      return { promoters: count('promoters'), passives: count('passives'), detractors: count('detractors') } satisfies NetScoreState;
    case 'share':
      return { x: count('x'), n: count('n') } satisfies Tally;
    case 'count':
      return { rows: count('rows') };
    case 'moments':
      return momentsOf(count('n'), value('sum'), value('squares'), rowIndex) as unknown as FrozenState;
    case 'resolved-rate':
      return { tally: { x: count('x'), n: count('n') }, open: count('open'), unknown: count('unknown') } satisfies ResolvedTally;
    case 'reached-durations':
    case 'reached-moments': {
      // countingExcluded over time to value's percentile or mean (customers.ts timeToValue).
      const inner =
        recipe.shape === 'reached-durations'
          ? { valueParts: [secondsOfList(value('ms'), rowIndex)] }
          : (momentsOf(count('n'), value('sum'), value('squares'), rowIndex) as unknown as FrozenState);
      const state: ExcludedCountState<FrozenState, 'excluded_not_reached'> = {
        inner,
        counts: { excluded_not_reached: count('excluded_not_reached') },
      };
      return state as unknown as FrozenState;
    }
    case 'open-intervals':
    case 'requester-channels':
      return entities(metricId, recipe.shape, {
        value,
        count,
        fail: (message, column) => {
          throw new SqlRowError(message, rowIndex, column);
        },
      });
    case 'analytics':
      return decodeAnalyticsState(recipe, {
        value,
        count,
        fail: (message, column) => {
          throw new SqlRowError(message, rowIndex, column);
        },
      });
    case 'usage':
      return decodeUsageState({ userDays: value('user_days'), customers: value('customers'), scales }, (message, column) => {
        throw new SqlRowError(message, rowIndex, column);
      });
    case 'customer-book':
    case 'customer-tenure': {
      // The group's rows, through the metric's own accumulator (customer-book.ts).
      const { column, cell } = value('rows');
      return bookState(recipe.shape, cell, (message) => {
        throw new SqlRowError(message, rowIndex, column);
      });
    }
    case 'self-service': {
      // Every resolved ticket counted was judged by its self_service cell: no listed channels (sql-plan.ts).
      const resolved = { tally: { x: count('x'), n: count('n') }, open: count('open'), unknown: count('unknown') };
      return { resolved, fromField: resolved.tally.n, fromChannels: 0, listedSeen: [] } satisfies SelfServiceState;
    }
    case 'durations':
    case 'duration-moments': {
      const counts = {
        excluded_open: count('excluded_open'),
        excluded_closed: count('excluded_closed'),
        excluded_unreadable: count('excluded_unreadable'),
      };
      // The percentiles keep the sorted seconds, the mean their Moments (tickets.ts ticketDuration).
      const inner =
        recipe.shape === 'durations'
          ? { valueParts: [secondsOfList(value('ms'), rowIndex)] }
          : (momentsOf(count('n'), value('sum'), value('squares'), rowIndex) as unknown as FrozenState);
      const state: ExcludedCountState<FrozenState, keyof typeof counts> = { inner, counts };
      return state as unknown as FrozenState;
    }
    case 'sla':
      // No business hours in SQL (sql-plan.ts refuses them): nothing is left untimed.
      return {
        met: count('met'),
        breached: count('breached'),
        unreadable: count('unreadable'),
        flaggedInFlight: count('in_flight'),
        noCalendar: 0,
        implausibleYear: 0,
        openDue: { valueParts: [valuesOfList(value('open_due'), rowIndex, 1)] },
      } satisfies Omit<SlaState, 'openDue'> & { openDue: FrozenState };
    case 'sla-feelings': {
      const tally = (verdict: string) => ({
        answered: count(`${verdict}_answered`),
        happy: count(`${verdict}_happy`),
        unhappy: count(`${verdict}_unhappy`),
      });
      const open = (feeling: string): FrozenState => ({ valueParts: [valuesOfList(value(`open_${feeling}`), rowIndex, 1)] });
      return {
        met: tally('met'),
        breached: tally('breached'),
        openHappy: open('happy'),
        openUnhappy: open('unhappy'),
        openNeutral: open('neutral'),
      } satisfies Record<keyof WatermelonState, FrozenState>;
    }
  }
}

/**
 * A sorted list of whole milliseconds as the engines print one (`[1, 2]`, `{1,2}`, NULL for
 * none) → seconds, ascending, as streaming computes each: (end − start) / 1000 (accumulators.ts).
 */
function secondsOfList(list: { column: string; cell: SqlCell }, rowIndex: number): Float64Array<ArrayBuffer> {
  return valuesOfList(list, rowIndex, MS_PER_SECOND);
}

/** Such a list, each value divided by `divisor` (1: the milliseconds themselves, as due instants are kept). */
function valuesOfList(list: { column: string; cell: SqlCell }, rowIndex: number, divisor: number): Float64Array<ArrayBuffer> {
  if (isBlank(list.cell)) return new Float64Array(0);
  const text = String(list.cell).trim();
  const inner = /^[[{](.*)[\]}]$/s.exec(text)?.[1]?.trim();
  if (inner === undefined) throw new SqlRowError(`"${text.slice(0, 40)}" is not a list`, rowIndex, list.column);
  const items = inner === '' ? [] : inner.split(',').map((item) => item.trim());
  const seconds = new Float64Array(items.length);
  let previous = Number.NEGATIVE_INFINITY;
  items.forEach((item, i) => {
    const ms = /^-?\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!Number.isSafeInteger(ms) || ms < previous)
      throw new SqlRowError(`"${item}" is not a whole number of ms in ascending order`, rowIndex, list.column);
    previous = ms;
    seconds[i] = ms / divisor;
  });
  return seconds;
}

/**
 * n, Σx and Σx² as Moments keeps them: Σx² at twice the places of Σx (what addToMoments keeps);
 * both read from their digits, so exactly the sums the rows would have given.
 */
function momentsOf(
  n: number,
  sum: { column: string; cell: SqlCell },
  squares: { column: string; cell: SqlCell },
  rowIndex: number,
): Moments {
  // SUM over no values is NULL; over some, a NULL is an overflow the engine swallowed (Spark without ANSI mode).
  for (const part of [sum, squares]) {
    if (n > 0 && isBlank(part.cell)) throw new SqlRowError(`no sum of ${n} values (an overflow?)`, rowIndex, part.column);
  }
  const sumText = decimalText(sum.cell);
  const squaresText = decimalText(squares.cell);
  const sumPlaces = placesOfDecimalText(sumText);
  const squarePlaces = placesOfDecimalText(squaresText);
  if (sumPlaces === undefined) throw new SqlRowError(`"${sumText}" is not a plain decimal`, rowIndex, sum.column);
  if (squarePlaces === undefined) throw new SqlRowError(`"${squaresText}" is not a plain decimal`, rowIndex, squares.column);
  const places = Math.max(sumPlaces, Math.ceil(squarePlaces / 2));
  const exactSum = exactSumOfDecimalText(sumText, places);
  const exactSquares = exactSumOfDecimalText(squaresText, 2 * places);
  if (exactSum === undefined) throw new SqlRowError(`"${sumText}" is too large`, rowIndex, sum.column);
  if (exactSquares === undefined) throw new SqlRowError(`"${squaresText}" is too large`, rowIndex, squares.column);
  return { n, sum: exactSum, squares: exactSquares };
}

const isBlank = (cell: SqlCell): boolean => cell === null || cell === undefined || cell === '';

/** A SUM over no values is NULL: 0. */
function decimalText(cell: SqlCell): string {
  return isBlank(cell) ? '0' : String(cell).trim();
}

function readCount(read: ReadColumn, column: string, rowIndex: number): number {
  const cell = read(column);
  if (cell === null || cell === undefined || cell === '') return 0;
  const text = String(cell).trim();
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(count)) throw new SqlRowError(`"${text}" is not a count`, rowIndex, column);
  return count;
}

/** A period key as the engine returned it; NULL (or blank, in a CSV) is the rows without a date. */
function periodText(cell: SqlCell): string | null {
  return isBlank(cell) ? null : String(cell);
}

/** The dates of the rows xla reads as ISO 8601 and the SQL does not (generate.ts): any makes the periods wrong. */
export function unreadDates(rows: readonly SqlRow[]): number {
  return rows.reduce((total, row) => total + (isBlank(row[PERIOD_UNREAD_COLUMN]) ? 0 : Number(row[PERIOD_UNREAD_COLUMN])), 0);
}

/** A segment value as the engine returned it: text (a NULL is the blank xla gives a missing cell). */
function segmentText(cell: SqlCell): string {
  return cell === null || cell === undefined ? '' : String(cell);
}
