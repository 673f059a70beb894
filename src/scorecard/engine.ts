import type { CanonicalRow } from '../fields/types.js';
import type { Accumulator, FinishContext, MetricContext, MetricDef, MetricValue } from '../metrics/types.js';
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
  /** One state per planned metric, created on first use. */
  states: unknown[];
  /** Which planned metrics received rows here (a survey-only segment does not list ticket metrics). */
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
  readonly #groups = new Map<string, Group>();
  readonly #overall: Group;

  constructor(plan: ScorecardPlan) {
    this.#plan = plan;
    this.#accumulators = plan.metrics.map((metric) => metric.create(plan.metricContext));
    this.#overall = this.#group(OVERALL, null, null);
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
    const periodGroup = period === null || this.#plan.period === null ? null : this.#group(BY_PERIOD, null, period);
    const segmentGroup = segment === null ? null : this.#group(BY_SEGMENT, segment, null);
    const crossGroup = segmentGroup === null || periodGroup === null ? null : this.#group(BY_SEGMENT_AND_PERIOD, segment, period);
    for (const index of metricIndices) {
      const spansPeriods = this.#plan.metrics[index]?.spansPeriods === true;
      this.#feed(this.#overall, index, row);
      if (segmentGroup !== null) this.#feed(segmentGroup, index, row);
      // A metric that spans periods is finished per period from its segment's whole history.
      if (periodGroup !== null) this.#feed(periodGroup, index, row, spansPeriods);
      if (crossGroup !== null) this.#feed(crossGroup, index, row, spansPeriods);
    }
  }

  results(): Result[] {
    const groups = [...this.#groups.values()].sort(compareGroups);
    const results: Result[] = [];
    for (const group of groups) {
      this.#plan.metrics.forEach((metric, index) => {
        if (group.level !== OVERALL && group.fed[index] !== true) return;
        results.push(this.#result(group, metric, index));
      });
    }
    return compareChange(results, this.#plan);
  }

  #result(group: Group, metric: MetricDef, index: number): Result {
    const source = metric.spansPeriods === true && group.period !== null ? this.#historyOf(group) : group;
    const accumulator = this.#accumulators[index] as Accumulator<unknown>;
    const state = source.states[index] ?? accumulator.init();
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

  #feed(group: Group, index: number, row: CanonicalRow, markOnly = false): void {
    group.fed[index] = true;
    if (markOnly) return;
    const accumulator = this.#accumulators[index] as Accumulator<unknown>;
    let state = group.states[index];
    if (state === undefined) {
      state = accumulator.init();
      group.states[index] = state;
    }
    accumulator.add(state, row);
  }

  #group(level: Level, segment: readonly string[] | null, period: string | null): Group {
    const key = `${level}${SEPARATOR}${segment === null ? '' : segment.join(SEPARATOR)}${SEPARATOR}${period ?? ''}`;
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { level, segment: segment === null ? null : [...segment], period, states: [], fed: [] };
      this.#groups.set(key, group);
    }
    return group;
  }
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
