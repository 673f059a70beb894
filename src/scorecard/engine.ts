import type { CanonicalRow } from '../fields/types.js';
import type { Accumulator, FinishContext, MetricContext, MetricDef, MetricValue } from '../metrics/types.js';
import { ValueBuffer } from '../stats/percentile.js';
import { compareChange } from './change.js';
import type { Period } from '../time/periods.js';
import { periodEnd } from '../time/periods.js';
import type { Result } from './model.js';

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
  /** Exclusive end of `--to`: "now" for backlog and open-ticket SLA breaches. */
  asOf: number | undefined;
}

/** Breakdown levels, in the order results are reported: the overall row first. */
type Level = 0 | 1 | 2 | 3;
const OVERALL: Level = 0;
const BY_PERIOD: Level = 1;
const BY_SEGMENT: Level = 2;
const BY_SEGMENT_AND_PERIOD: Level = 3;

interface Group {
  level: Level;
  segment: readonly string[] | null;
  period: string | null;
  /** One state per state slot (metrics that share a state share a slot), created on first use. */
  states: unknown[];
  /** Which slots received rows here (a survey-only segment does not list ticket metrics). */
  fed: boolean[];
}

const SEPARATOR = '\u001f';
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/**
 * Routes rows to the accumulators of every (metric, segment, period) group and turns them into
 * results. Pure: rows come in, results come out; reading files is somebody else's job.
 */
export class Scorecard {
  readonly #plan: ScorecardPlan;
  readonly #accumulators: Accumulator<unknown>[];
  /** Metric index → state slot: metrics with one `sharedState` key keep one state (one copy of the values). */
  readonly #slotOf: number[];
  /** Slot → the accumulator that inits, adds and merges it, and whether it spans periods. */
  readonly #slots: { accumulator: Accumulator<unknown>; spansPeriods: boolean }[] = [];
  readonly #slotLists = new Map<readonly number[], number[]>();
  readonly #groups = new Map<string, Group>();
  readonly #overall: Group;

  constructor(plan: ScorecardPlan) {
    this.#plan = plan;
    this.#accumulators = plan.metrics.map((metric) => metric.create(plan.metricContext));
    const slotByKey = new Map<string, number>();
    this.#slotOf = plan.metrics.map((metric, index) => {
      const key = metric.sharedState ?? `#${index}`;
      let slot = slotByKey.get(key);
      if (slot === undefined) {
        slot = this.#slots.length;
        slotByKey.set(key, slot);
        this.#slots.push({ accumulator: this.#accumulators[index] as Accumulator<unknown>, spansPeriods: metric.spansPeriods === true });
      }
      return slot;
    });
    this.#overall = this.#group(OVERALL, null, null);
  }

  /** The distinct slots of these metrics (cached: a source passes the same list for every row). */
  #slotsFor(metricIndices: readonly number[]): number[] {
    let slots = this.#slotLists.get(metricIndices);
    if (slots === undefined) {
      slots = [...new Set(metricIndices.map((index) => this.#slotOf[index] ?? index))];
      this.#slotLists.set(metricIndices, slots);
    }
    return slots;
  }

  /** Indices into the plan's metrics of those a source with these fields can feed. */
  metricIndices(predicate: (metric: MetricDef) => boolean): number[] {
    return this.#plan.metrics.flatMap((metric, index) => (predicate(metric) ? [index] : []));
  }

  /**
   * Adds one row. `segment` holds the row's values of the `by` columns (null without `by`);
   * `period` is the row's period key (null without `--period` or when the row has no date).
   */
  add(metricIndices: readonly number[], row: CanonicalRow, segment: readonly string[] | null, period: string | null): void {
    const segmentKey = segment === null ? '' : segment.join(SEPARATOR);
    const periodGroup = period === null || this.#plan.period === null ? null : this.#group(BY_PERIOD, null, period);
    const segmentGroup = segment === null ? null : this.#group(BY_SEGMENT, segment, null, segmentKey);
    const crossGroup = segmentGroup === null || periodGroup === null ? null : this.#group(BY_SEGMENT_AND_PERIOD, segment, period, segmentKey);
    for (const slot of this.#slotsFor(metricIndices)) {
      const spansPeriods = this.#slots[slot]?.spansPeriods === true;
      this.#feed(this.#overall, slot, row);
      if (segmentGroup !== null) this.#feed(segmentGroup, slot, row);
      // A metric that spans periods is finished per period from its segment's whole history.
      if (periodGroup !== null) this.#feed(periodGroup, slot, row, spansPeriods);
      if (crossGroup !== null) this.#feed(crossGroup, slot, row, spansPeriods);
    }
  }

  /**
   * What the scorecard holds: its groups and the numbers kept for exact percentiles and
   * backlog. Memory is O(groups) plus these numbers — never rows (checked by a test).
   */
  footprint(): { groups: number; storedValues: number } {
    let storedValues = 0;
    for (const group of this.#groups.values()) for (const state of group.states) storedValues += countStoredValues(state);
    return { groups: this.#groups.size, storedValues };
  }

  results(): Result[] {
    const groups = [...this.#groups.values()].sort(compareGroups);
    const results: Result[] = [];
    for (const group of groups) {
      this.#plan.metrics.forEach((metric, index) => {
        if (group.level !== OVERALL && group.fed[this.#slotOf[index] ?? index] !== true) return;
        results.push(this.#result(group, metric, index));
      });
    }
    return compareChange(results, this.#plan);
  }

  #result(group: Group, metric: MetricDef, index: number): Result {
    const source = metric.spansPeriods === true && group.period !== null ? this.#historyOf(group) : group;
    const accumulator = this.#accumulators[index] as Accumulator<unknown>;
    const state = source.states[this.#slotOf[index] ?? index] ?? accumulator.init();
    const value = accumulator.finish(state, this.#finishContext(group));
    return toResult(metric, this.#segmentRecord(group.segment), group.period, value);
  }

  #finishContext(group: Group): FinishContext {
    const { asOf, period, tz, confidence } = this.#plan;
    if (group.period === null || period === null) return { confidence, asOf };
    const end = periodEnd(group.period, period, tz);
    return { confidence, asOf: asOf === undefined ? end : Math.min(asOf, end) };
  }

  /** The period-less group of the same segment, which holds every row up to any period's end. */
  #historyOf(group: Group): Group {
    return group.segment === null ? this.#overall : this.#group(BY_SEGMENT, group.segment, null);
  }

  /** fromEntries defines own properties, so a column called `__proto__` stays data. */
  #segmentRecord(segment: readonly string[] | null): Record<string, string> {
    if (segment === null) return {};
    return Object.fromEntries(this.#plan.by.map((column, i) => [column, segment[i] ?? '']));
  }

  #feed(group: Group, slot: number, row: CanonicalRow, markOnly = false): void {
    group.fed[slot] = true;
    if (markOnly) return;
    const { accumulator } = this.#slots[slot] as { accumulator: Accumulator<unknown> };
    let state = group.states[slot];
    if (state === undefined) {
      state = accumulator.init();
      group.states[slot] = state;
    }
    accumulator.add(state, row);
  }

  #group(level: Level, segment: readonly string[] | null, period: string | null, segmentKey = segment === null ? '' : segment.join(SEPARATOR)): Group {
    const key = `${level}${SEPARATOR}${segmentKey}${SEPARATOR}${period ?? ''}`;
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { level, segment: segment === null ? null : [...segment], period, states: [], fed: [] };
      this.#groups.set(key, group);
    }
    return group;
  }
}

/** Numbers held in value buffers anywhere in a state (states are small objects, a few levels deep). */
function countStoredValues(state: unknown, depth = 0): number {
  if (state instanceof ValueBuffer) return state.length;
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
    const order = collator.compare(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return 0;
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
