import { XlaError } from '../errors.js';
import { compileInScope } from '../fields/compile.js';
import type { CanonicalRow } from '../fields/types.js';
import type { Accumulator, FinishContext, MetricContext, MetricDef, MetricValue } from '../metrics/types.js';
import { ValueBuffer } from '../stats/percentile.js';
import { UserDays } from '../metrics/user-days.js';
import { compareChange } from './change.js';
import type { Period } from '../time/periods.js';
import { fitsSpanShortcut, PeriodCalendar, periodEnd, periodStart } from '../time/periods.js';
import type { Result } from './model.js';
import { freezeState, planFingerprint, reviveState } from './snapshot.js';
import type { ScorecardSnapshot } from './snapshot.js';

/** What the scorecard computes, fixed before the first row. */
export interface ScorecardPlan {
  metrics: readonly MetricDef[];
  metricContext: MetricContext;
  /** Interval level in (0, 1), or 0 for none. */
  confidence: number;
  /** Columns (canonical or not) whose value combinations make the segments. */
  by: readonly string[];
  period: Period | null;
  tz: string;
  /**
   * "Now" for backlog and open-ticket SLA breaches when known before the first row (`--as-of`,
   * else the exclusive end of `--to`); undefined: the newest stamp of the run's data, which only
   * the caller knows once every input is read, and gives to `results`.
   */
  asOf: number | undefined;
  /**
   * The inclusive start of the run's window (`--from`), when given: a group's window opens at the
   * later of it and its period's start (FinishContext#windowStart).
   */
  from?: number | undefined;
  /** How the breakdown was asked for, for the message when it makes too many groups; default: `--by … --period …`. */
  breakdown?: string;
  /**
   * Where a metric's per-field values (MetricValue#byField) become results: `overall` (a run's
   * scorecard: one per field and metric, not per field × segment × period, which would bury the
   * scorecard) or `every-group` (a target's own scorecard, whose `each` may pick a field per segment).
   */
  fieldsIn?: 'overall' | 'every-group';
}

/**
 * The most results one report may hold. Each group — the overall row, each period, each segment,
 * each segment × period — is a row of the report for every metric, and a report is rendered whole
 * as one text, which V8 caps at 512 MiB (about 1.4M results of ~400 bytes). A run stops as soon as
 * its groups × metrics pass this, while reading, instead of after minutes and gigabytes.
 */
export const MAX_REPORT_RESULTS = 1_000_000;

/** What to do about a report with too many groups (README, "Shaping the scorecard"). */
export const FEWER_GROUPS_HINT = 'group by fewer or coarser columns (--by), use a longer --period, or score the inputs in parts';

/** Breakdown levels, in the order results are reported: the overall row first. */
type Level = 0 | 1 | 2 | 3;
const OVERALL: Level = 0;
const BY_PERIOD: Level = 1;
const BY_SEGMENT: Level = 2;
const BY_SEGMENT_AND_PERIOD: Level = 3;

/**
 * The finest breakdown a row falls in (its segment and period, either null when the run or the row
 * has none). Only cells hold state; every reported group is the merge of the cells it covers, made
 * once at the end — so each value is kept once, not once per level, and each row is added once.
 */
interface Cell {
  segment: readonly string[] | null;
  /** Identifies the segment when grouping cells at the end (JSON: no separator a value could contain). */
  segmentKey: string;
  period: string | null;
  /** One state per state slot (metrics that share a state share a slot), created on first use. */
  states: unknown[];
  /** Which slots received rows here (a survey-only segment does not list ticket metrics). */
  fed: boolean[];
}

/** A reported breakdown and the cells it is made of. */
interface Group {
  level: Level;
  segment: readonly string[] | null;
  period: string | null;
  cells: Cell[];
}

/**
 * Cells of one segment prefix: the next `by` value leads one level down; at the last level, the
 * period leads to the cell. Per row this costs one Map lookup per level and no string building.
 */
interface SegmentNode {
  next: Map<string, SegmentNode>;
  cells: Map<string | null, Cell>;
  /** The same cells by their period's span index (the scorecard's calendar's numbering): an array read instead of a Map lookup a row; as long as fitsSpanShortcut allows. */
  cellsBySpan: (Cell | undefined)[];
}

function createSegmentNode(): SegmentNode {
  return { next: new Map(), cells: new Map(), cellsBySpan: [] };
}

// Made at first use: building an ICU collator costs ~2 ms, which a run without segments need not pay.
let collator: Intl.Collator | undefined;

/**
 * Routes rows to the accumulators of every (metric, segment, period) cell and turns them into
 * results. Pure: rows come in, results come out; reading files is somebody else's job.
 */
export class Scorecard {
  readonly #plan: ScorecardPlan;
  readonly #accumulators: Accumulator<unknown>[];
  /** Metric index → state slot: metrics with one `sharedState` key keep one state (one copy of the values). */
  readonly #slotOf: number[];
  /** Slot → the accumulator that inits, adds and merges it. */
  readonly #slots: Accumulator<unknown>[] = [];
  /** The periods of `--period` in the plan's zone met so far, its own (null without a period): rows and backlog counts find theirs here. */
  readonly #calendar: PeriodCalendar | null;
  /** Every cell, in creation order. */
  readonly #cells: Cell[] = [];
  /** Cells of rows without a segment, by period. */
  readonly #unsegmentedCells: SegmentNode = createSegmentNode();
  readonly #segmentedCells: SegmentNode = createSegmentNode();
  /** The periods of the cells so far: each is a group of its own. */
  readonly #periods = new Set<string>();
  /** Groups the cells so far make (the overall one included): counted as cells are created, so the limit costs nothing a row. */
  #groupCount = 1;
  /** The most groups the plan's metrics allow within MAX_REPORT_RESULTS. */
  readonly #maxGroups: number;

  constructor(plan: ScorecardPlan) {
    this.#plan = plan;
    this.#maxGroups = Math.floor(MAX_REPORT_RESULTS / Math.max(1, plan.metrics.length));
    this.#calendar = plan.period === null ? null : new PeriodCalendar(plan.period, plan.tz);
    // The instants results() finishes states at: the period ends and `--to` (see #finishContext).
    const checkpoints = { periods: this.#calendar, asOf: plan.asOf };
    this.#accumulators = plan.metrics.map((metric) => metric.create({ ...plan.metricContext, checkpoints, tz: plan.tz }));
    const slotByKey = new Map<string, number>();
    this.#slotOf = plan.metrics.map((metric, index) => {
      const key = metric.sharedState ?? `#${index}`;
      let slot = slotByKey.get(key);
      if (slot === undefined) {
        slot = this.#slots.length;
        slotByKey.set(key, slot);
        this.#slots.push(this.#accumulators[index] as Accumulator<unknown>);
      }
      return slot;
    });
  }

  /**
   * The way rows of one source go in: a function that adds a row to the states of these of the
   * plan's metrics (every plan metric with one of the ids; the others are not fed by this
   * source). The row's `segment` holds its values of the `by` columns (null without `by`; read at
   * once, so one array may be refilled for every row); `stamp` is the instant its period is found
   * by (undefined when it has none: it then counts only in groups without a period). Ask once
   * per source and call per row: everything that can be settled before the first row is.
   */
  feederFor(metricIds: readonly string[]): RowFeeder {
    const wanted = new Set(metricIds);
    const slots = new Set<number>();
    this.#plan.metrics.forEach((metric, index) => {
      if (wanted.has(metric.id)) slots.add(this.#slotOf[index] ?? index);
    });
    const feed = compileFeeder([...slots], this.#slots);
    const calendar = this.#calendar;
    if (calendar === null) return (row, segment) => feed(this.#cell(segment, null), row);
    return (row, segment, stamp) => {
      if (stamp === undefined) {
        feed(this.#cell(segment, null), row);
        return;
      }
      const span = calendar.spanOf(stamp);
      feed(this.#cell(segment, span.key, span.index), row);
    };
  }

  /**
   * What the scorecard holds: its cells and the numbers kept for exact percentiles and backlog.
   * Memory is O(cells) plus these numbers, each kept once — never rows (checked by a test).
   */
  footprint(): { groups: number; storedValues: number } {
    let storedValues = 0;
    for (const cell of this.#cells) for (const state of cell.states) storedValues += countStoredValues(state);
    return { groups: this.#cells.length, storedValues };
  }

  /**
   * Every cell's segment, period, fed flags and states as plain data that survives structuredClone
   * (to send a worker's scorecard to the main thread). The states are copied, so this scorecard
   * can go on taking rows — unless `consume` is set: the values are then handed over as they are
   * (no copy of millions of numbers) and this scorecard must not be used again. Either way the
   * snapshot's buffers can be transferred (`transferList`).
   */
  snapshot({ consume = false }: { consume?: boolean } = {}): ScorecardSnapshot {
    return {
      fingerprint: planFingerprint(this.#plan),
      cells: this.#cells.map((cell) => ({
        segment: cell.segment === null ? null : [...cell.segment],
        period: cell.period,
        fed: this.#slots.map((_, slot) => cell.fed[slot] === true),
        states: this.#slots.map((_, slot) => (cell.states[slot] === undefined ? null : freezeState(cell.states[slot], { share: consume }))),
      })),
    };
  }

  /**
   * Merges another scorecard's snapshot into this one, cell by cell, as if its rows had been added
   * here. Throws when the snapshot comes from another plan: its slots would not line up (a bug).
   * With `consume`, the snapshot's value arrays are taken over, not copied: it must not be used again.
   */
  absorb(snapshot: ScorecardSnapshot, { consume = false }: { consume?: boolean } = {}): void {
    const fingerprint = planFingerprint(this.#plan);
    if (snapshot.fingerprint !== fingerprint) {
      throw new Error(`scorecard: cannot absorb a snapshot of plan ${snapshot.fingerprint} into plan ${fingerprint}`);
    }
    for (const part of snapshot.cells) {
      const cell = this.#cell(part.segment, part.period);
      part.fed.forEach((fed, slot) => {
        if (fed) cell.fed[slot] = true;
      });
      part.states.forEach((frozen, slot) => {
        if (frozen === null) return;
        const state = reviveState(frozen, { adopt: consume });
        // Always merged into a state of this scorecard's own (a fresh one when the cell had none):
        // a revived state may be only a plain form until merged (UserDays keeps its ids so).
        const accumulator = this.#slots[slot] as Accumulator<unknown>;
        cell.states[slot] = accumulator.merge(cell.states[slot] ?? accumulator.init(), state);
      });
    }
  }

  /**
   * Every group's results. `newestStamp` is the newest event stamp of the whole run's data (over
   * every input, not this scorecard's rows): "now" when the plan has no `asOf`, so that a
   * value never depends on which thread or part saw which rows.
   */
  results(newestStamp?: number): Result[] {
    const asOf = this.#plan.asOf ?? newestStamp;
    const histories = new Map<string, Map<number, unknown>>();
    const results: Result[] = [];
    const groups = this.#groups();
    const historyCells = historyCellsOf(groups);
    const periodBounds = new Map<string, readonly [number, number]>();
    for (const group of groups.sort(compareGroups)) {
      const fed = this.#slots.map((_, slot) => group.cells.some((cell) => cell.fed[slot] === true));
      const context = this.#finishContext(group, asOf, periodBounds);
      // Merged once per group and dropped after it: the values are never held once per level.
      const merged = new Map<number, unknown>();
      this.#plan.metrics.forEach((metric, index) => {
        const slot = this.#slotOf[index] ?? index;
        if (group.level !== OVERALL && fed[slot] !== true) return;
        // A group without a period holds exactly its segment's history: one merge serves both.
        const state =
          metric.spansPeriods === true
            ? this.#historyState(group, slot, histories, historyCells)
            : memo(merged, slot, () => this.#merge(group.cells, slot));
        const value = (this.#accumulators[index] as Accumulator<unknown>).finish(state, context);
        const segment = this.#segmentRecord(group.segment);
        results.push(toResult(metric, segment, group.period, value));
        if (group.level !== OVERALL && this.#plan.fieldsIn !== 'every-group') return;
        for (const part of value.byField ?? []) results.push(toResult(metric, { ...segment, field: part.field }, group.period, part.value));
      });
    }
    return compareChange(results, this.#plan);
  }

  /** The reported groups: overall, per period, per segment, per segment and period — those with cells. */
  #groups(): Group[] {
    const cells = this.#cells;
    const groups: Group[] = [{ level: OVERALL, segment: null, period: null, cells }];
    const byPeriod = new Map<string, Group>();
    const bySegment = new Map<string, Group>();
    for (const cell of cells) {
      if (cell.period !== null) addTo(byPeriod, cell.period, { level: BY_PERIOD, segment: null, period: cell.period }, cell);
      if (cell.segment !== null) addTo(bySegment, cell.segmentKey, { level: BY_SEGMENT, segment: cell.segment, period: null }, cell);
      if (cell.segment !== null && cell.period !== null)
        groups.push({ level: BY_SEGMENT_AND_PERIOD, segment: cell.segment, period: cell.period, cells: [cell] });
    }
    return [...groups, ...byPeriod.values(), ...bySegment.values()];
  }

  /**
   * A metric that spans periods (backlog) is finished at each period's end from the whole history
   * of the period's segment: every cell of that segment, whatever its period.
   */
  #historyState(
    group: Group,
    slot: number,
    histories: Map<string, Map<number, unknown>>,
    historyCells: ReadonlyMap<string, readonly Cell[]>,
  ): unknown {
    const key = group.segment === null ? ALL_SEGMENTS : segmentKeyOf(group.segment);
    let states = histories.get(key);
    if (states === undefined) {
      states = new Map();
      histories.set(key, states);
    }
    return memo(states, slot, () => this.#merge(historyCells.get(key) ?? [], slot));
  }

  #merge(cells: readonly Cell[], slot: number): unknown {
    const accumulator = this.#slots[slot] as Accumulator<unknown>;
    if (cells.length === 1) return cells[0]?.states[slot] ?? accumulator.init();
    let state = accumulator.init();
    for (const cell of cells) {
      const part = cell.states[slot];
      if (part !== undefined) state = accumulator.merge(state, part);
    }
    return state;
  }

  /** The confidence, window start and "now" of a group's results; a period's bounds are computed once (date-fns), not per group and metric. */
  #finishContext(group: Group, asOf: number | undefined, periodBounds: Map<string, readonly [number, number]>): FinishContext {
    const { period, tz, confidence, from } = this.#plan;
    const key = group.period;
    if (key === null || period === null) return { confidence, asOf, windowStart: from };
    const [start, end] = memo(periodBounds, key, () => [periodStart(key, period, tz), periodEnd(key, period, tz)] as const);
    return {
      confidence,
      asOf: asOf === undefined ? end : Math.min(asOf, end),
      windowStart: from === undefined ? start : Math.max(from, start),
      windowEnd: end,
    };
  }

  /** fromEntries defines own properties, so a column called `__proto__` stays data. */
  #segmentRecord(segment: readonly string[] | null): Record<string, string> {
    if (segment === null) return {};
    return Object.fromEntries(this.#plan.by.map((column, i) => [column, segment[i] ?? '']));
  }

  /** The cell of a segment and period, created on first use (the hot path: no strings built). */
  #cell(segment: readonly string[] | null, period: string | null, spanIndex = -1): Cell {
    const node = segment === null ? this.#unsegmentedCells : this.#segmentNode(segment);
    const known = spanIndex < 0 ? undefined : node.cellsBySpan[spanIndex];
    if (known !== undefined) return known;
    let cell = node.cells.get(period);
    if (cell === undefined) {
      this.#countGroupsOf(segment !== null, segment !== null && node.cells.size === 0, period);
      cell = {
        segment: segment === null ? null : [...segment],
        segmentKey: segment === null ? '' : segmentKeyOf(segment),
        period,
        states: [],
        fed: [],
      };
      node.cells.set(period, cell);
      this.#cells.push(cell);
    }
    if (fitsSpanShortcut(spanIndex, node.cells.size)) node.cellsBySpan[spanIndex] = cell;
    return cell;
  }

  /**
   * Counts the groups a new cell adds — its segment's and its period's when they are new, and its
   * own when it has both — and stops the run past the limit. A count of distinct segments and
   * periods only grows as cells come, in whatever order, and a merged scorecard holds every part's
   * cells: so the verdict is the one the whole input gives, on any number of threads.
   */
  #countGroupsOf(hasSegment: boolean, isNewSegment: boolean, period: string | null): void {
    let added = isNewSegment ? 1 : 0;
    if (period !== null) {
      if (hasSegment) added += 1;
      if (!this.#periods.has(period)) {
        this.#periods.add(period);
        added += 1;
      }
    }
    this.#groupCount += added;
    if (this.#groupCount > this.#maxGroups) throw this.#tooManyGroups();
  }

  #tooManyGroups(): XlaError {
    const { by, period, metrics, breakdown } = this.#plan;
    const options = [...(by.length > 0 ? [`--by ${by.join(',')}`] : []), ...(period === null ? [] : [`--period ${period}`])];
    const asked = breakdown ?? (options.length > 0 ? options.join(' ') : 'the scorecard');
    const perGroup = metrics.length === 1 ? '1 metric' : `${metrics.length.toLocaleString('en-US')} metrics`;
    return new XlaError(
      `${asked}: over ${this.#maxGroups.toLocaleString('en-US')} groups, each a row of the report for ${perGroup}: more than the ${MAX_REPORT_RESULTS.toLocaleString('en-US')} results a report can hold`,
      { hint: FEWER_GROUPS_HINT },
    );
  }

  /** The node of one segment's cells: one level of the tree per `by` value. */
  #segmentNode(segment: readonly string[]): SegmentNode {
    let node = this.#segmentedCells;
    for (const value of segment) {
      let next = node.next.get(value);
      if (next === undefined) {
        next = createSegmentNode();
        node.next.set(value, next);
      }
      node = next;
    }
    return node;
  }
}

/** Adds one row to the scorecard (see Scorecard.feederFor). */
export type RowFeeder = (row: CanonicalRow, segment: readonly string[] | null, stamp: number | undefined) => void;

/** Adds one row to a cell's states of some slots. */
type Feeder = (cell: Cell, row: CanonicalRow) => void;

/**
 * The per-row work of a feeder (Scorecard.feederFor) for its list of slots, written out and compiled once:
 *
 *     s = states[0]; if (s === undefined) s = start(cell, 0); a0.add(s, row);
 *     s = states[3]; if (s === undefined) s = start(cell, 3); a3.add(s, row);
 *
 * A loop over the slots calls ten different `add` methods from one call site, which V8 can then
 * neither inline nor predict (megamorphic); written out, each slot has a site of its own. The text
 * holds only slot numbers. A slot's state is created, and the slot marked fed, on its first row.
 */
function compileFeeder(slots: readonly number[], accumulators: readonly Accumulator<unknown>[]): Feeder {
  const start = (cell: Cell, slot: number): unknown => {
    const state = (accumulators[slot] as Accumulator<unknown>).init();
    cell.states[slot] = state;
    cell.fed[slot] = true;
    return state;
  };
  const steps = slots.map((slot) => {
    if (!Number.isSafeInteger(slot) || slot < 0 || accumulators[slot] === undefined) throw new Error(`scorecard: no state slot ${slot}`);
    return `s = states[${slot}]; if (s === undefined) s = start(cell, ${slot}); a${slot}.add(s, row);`;
  });
  const scope = Object.fromEntries([['start', start], ...slots.map((slot) => [`a${slot}`, accumulators[slot]] as const)]);
  const compiled = compileInScope<Feeder>(
    scope,
    `return function feed(cell, row) {\n  const states = cell.states;\n  let s;\n  ${steps.join('\n  ')}\n};`,
  );
  return compiled ?? loopFeeder(slots, accumulators, start);
}

/** What `compileFeeder` writes out, as a loop: for where code may not be generated. */
function loopFeeder(
  slots: readonly number[],
  accumulators: readonly Accumulator<unknown>[],
  start: (cell: Cell, slot: number) => unknown,
): Feeder {
  return (cell, row) => {
    for (const slot of slots) (accumulators[slot] as Accumulator<unknown>).add(cell.states[slot] ?? start(cell, slot), row);
  };
}

function segmentKeyOf(segment: readonly string[]): string {
  return JSON.stringify(segment);
}

/** The history key of the groups without a segment (a segment's key is JSON: never empty). */
const ALL_SEGMENTS = '';

/** The cells each segment's history is made of, by segment key: a per-segment group's cells, and every cell for the rest. */
function historyCellsOf(groups: readonly Group[]): Map<string, readonly Cell[]> {
  const cells = new Map<string, readonly Cell[]>();
  for (const group of groups) {
    if (group.level === OVERALL) cells.set(ALL_SEGMENTS, group.cells);
    if (group.level === BY_SEGMENT && group.segment !== null) cells.set(segmentKeyOf(group.segment), group.cells);
  }
  return cells;
}

function addTo(groups: Map<string, Group>, key: string, group: Omit<Group, 'cells'>, cell: Cell): void {
  let found = groups.get(key);
  if (found === undefined) {
    found = { ...group, cells: [] };
    groups.set(key, found);
  }
  found.cells.push(cell);
}

/** The cached value of `key`, computed on first use. */
function memo<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** Numbers held in value buffers anywhere in a state (states are small objects, a few levels deep). */
function countStoredValues(state: unknown, depth = 0): number {
  if (state instanceof ValueBuffer) return state.length;
  if (state instanceof UserDays) return state.entries;
  if (state === null || typeof state !== 'object' || depth > 3) return 0;
  let total = 0;
  for (const value of Object.values(state)) total += countStoredValues(value, depth + 1);
  return total;
}

function compareGroups(a: Group, b: Group): number {
  if (a.level !== b.level) return a.level - b.level;
  const segments = compareSegments(a.segment, b.segment);
  if (segments !== 0) return segments;
  const periodA = a.period ?? '';
  const periodB = b.period ?? '';
  return periodA < periodB ? -1 : periodA > periodB ? 1 : 0;
}

function compareSegments(a: readonly string[] | null, b: readonly string[] | null): number {
  if (a === null || b === null) return 0;
  for (let i = 0; i < a.length; i++) {
    const order = compareValues(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Collation order, then code units for distinct values the collator ranks equal ("01" and "1",
 * control characters): no two segments tie, so the order never depends on which cell came first.
 */
function compareValues(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
  const order = collator.compare(a, b);
  if (order !== 0) return order;
  return a < b ? -1 : a > b ? 1 : 0;
}

function toResult(metric: MetricDef, segment: Record<string, string>, period: string | null, value: MetricValue): Result {
  const result: Result = {
    metric: metric.id,
    name: metric.name,
    domain: metric.domain,
    unit: metric.unit,
    better: metric.better,
    segment,
    period,
    value: value.value,
    n: value.n,
    ci: value.ci === null ? null : [value.ci[0], value.ci[1]],
  };
  if (value.detail !== undefined) result.detail = { ...value.detail };
  return result;
}
