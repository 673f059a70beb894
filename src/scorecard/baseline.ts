/**
 * Targets on change against a baseline report (issue 22, config.md `baseline:` and `change:`):
 * "is this release worse than the last one?". A change target judges this run's value minus the
 * baseline's (`change: ">= -2"` on nps: at most two points below), or that difference in % of the
 * baseline value (`">= -5%"`), with the usual bases:
 *
 * - `point`: the difference itself meets the threshold;
 * - `lenient`: a regression only when the whole interval of the difference misses it, i.e. the
 *   drop is significant (at the threshold 0, exactly when the §6.5 test says so for nets and means);
 * - `strict`: met only when the whole interval meets it (significantly no worse);
 * - `interval`: met, breached, or inconclusive in between.
 *
 * The interval of the difference is Newcombe's for rates, the adjusted Wald one for net scores,
 * Welch's for means (stats/difference-intervals.ts); a metric without one (percentiles, counts)
 * is judged on the point. Below the minimum sample of §6.5 nothing can be called significant:
 * lenient meets, strict breaches, interval is inconclusive, and the note says why. A relative
 * threshold is turned into the baseline's unit with the baseline's value taken as known, the
 * usual reading of a relative non-inferiority margin.
 */
import { findMetric } from '../metrics/registry.js';
import type { IntervalMethod } from '../metrics/types.js';
import { newcombeInterval, netDifferenceInterval, welchInterval } from '../stats/difference-intervals.js';
import type { Interval, NetIntervalMethod } from '../stats/intervals.js';
import { describeChange, netCounts, num } from './change.js';
import { segmentKey } from './diff.js';
import type { BaselineChange, Result, TargetResult, TargetStatus } from './model.js';
import type { TargetRule } from './rules.js';
import { judge } from './verdict.js';

type Detail = Readonly<Record<string, number | string | null>>;

/** What a change target needs of the baseline report: its targets and its results. */
export interface BaselineReport {
  /** The file as given, for the report and messages. */
  name: string;
  targets: readonly Pick<TargetResult, 'id' | 'metric' | 'segment' | 'value' | 'n' | 'detail'>[];
  results: readonly Pick<Result, 'metric' | 'segment' | 'period' | 'value' | 'n' | 'detail'>[];
}

/** One side of the comparison: a value, its n, and the counts its test needs. */
export interface Side {
  value: number | null;
  n: number;
  detail?: Detail | undefined;
}

export interface ChangeSettings {
  confidence: number;
  netMethod: NetIntervalMethod;
}

/**
 * The baseline's side for a target and segment: the baseline's verdict of the same target id and
 * segment; else, for a target over all rows (no `where`), the baseline's whole-window result of
 * the metric for that segment (a baseline scored without this target still has it).
 */
export function findBaselineSide(
  rule: Pick<TargetRule, 'id' | 'metric' | 'where'>,
  segment: Readonly<Record<string, string>>,
  baseline: BaselineReport,
): Side | undefined {
  const key = segmentKey(segment);
  const target = baseline.targets.find(
    (candidate) => candidate.id === rule.id && candidate.metric === rule.metric && segmentKey(candidate.segment) === key,
  );
  if (target !== undefined && (target.detail !== undefined || target.value === null)) return target;
  const unfiltered = Object.keys(rule.where).length === 0;
  const result = unfiltered
    ? baseline.results.find(
        (candidate) => candidate.metric === rule.metric && candidate.period === null && segmentKey(candidate.segment) === key,
      )
    : undefined;
  return result ?? target;
}

/** The verdict of a change target for one segment, and what the report says of the comparison. */
export function judgeChange(
  rule: Pick<TargetRule, 'metric' | 'target' | 'minN' | 'basis' | 'change'>,
  head: Side,
  base: Side | undefined,
  baselineName: string,
  settings: ChangeSettings,
): { status: TargetStatus; change: BaselineChange } {
  const relative = rule.change?.relative === true;
  const empty = noComparison(baselineName, base, relative);
  if (base === undefined || base.value === null)
    return { status: 'no_data', change: { ...empty, note: `${baselineName} has no value for this target` } };
  if (head.value === null) return { status: 'no_data', change: empty };
  const method = findMetric(rule.metric)?.interval ?? 'none';
  const delta = head.value - base.value;
  const tested = describeChange(
    { ...base, period: null },
    { ...head, period: null },
    { method, netMethod: settings.netMethod, confidence: settings.confidence, between: 'runs' },
  );
  const interval = differenceInterval(method, base, head, settings);
  const scale = relative ? relativeScale(base.value) : 1;
  const change: BaselineChange = {
    ...empty,
    delta,
    relative_delta: base.value === 0 ? null : (100 * delta) / Math.abs(base.value),
    ci: interval,
    p: tested.p,
    significant: tested.significant,
    ...(tested.detail === undefined ? {} : { note: tested.detail }),
  };
  if (scale === null)
    return { status: 'no_data', change: { ...change, note: 'a relative change from a baseline value of 0 is undefined' } };
  const n = Math.min(head.n, base.n);
  const judgedValue = delta * scale;
  const judgedInterval = interval === null ? null : ([interval[0] * scale, interval[1] * scale] as Interval);
  // Too few observations to test: nothing is significant either way, so the basis alone decides.
  if (tested.detail !== undefined && rule.basis !== 'point' && n >= rule.minN) {
    return { status: UNTESTABLE[rule.basis], change };
  }
  return { status: judge({ value: judgedValue, n, ci: judgedInterval }, rule.target, { minN: rule.minN, basis: rule.basis }), change };
}

/**
 * A change target in a run without a baseline: no verdict (no_data, which fails `xla check` at
 * level error), never an error: the first run, the one that makes the baseline, has none.
 */
export function withoutBaseline(rule: Pick<TargetRule, 'change'>): BaselineChange {
  return {
    ...noComparison(null, undefined, rule.change?.relative === true),
    note: 'no baseline report given (--baseline, or baseline: in the XLA file)',
  };
}

/** What the report says of a change target before any comparison: the baseline's side, no difference yet. */
function noComparison(baseline: string | null, base: Side | undefined, relative: boolean): BaselineChange {
  return {
    baseline,
    base: base?.value ?? null,
    base_n: base?.n ?? 0,
    delta: null,
    relative_delta: null,
    relative,
    ci: null,
    p: null,
    significant: null,
  };
}

const UNTESTABLE: Readonly<Record<'interval' | 'lenient' | 'strict', TargetStatus>> = {
  interval: 'inconclusive',
  lenient: 'met',
  strict: 'breached',
};

/** % of the baseline value per unit of difference; null when the baseline value is 0. */
function relativeScale(base: number): number | null {
  return base === 0 ? null : 100 / Math.abs(base);
}

/** The value judged for a change target: its difference, in the unit or % its threshold is written in. */
export function judgedChange(change: BaselineChange): number | null {
  return change.relative ? change.relative_delta : change.delta;
}

function differenceInterval(method: IntervalMethod, base: Side, head: Side, settings: ChangeSettings): Interval | null {
  const a = base.detail ?? {};
  const b = head.detail ?? {};
  switch (method) {
    case 'wilson': {
      const interval = newcombeInterval(num(a.x), num(a.n), num(b.x), num(b.n), settings.confidence);
      return interval === null || num(a.n) === 0 || num(b.n) === 0 ? null : [100 * interval[0], 100 * interval[1]];
    }
    case 'nps-adjusted-wald':
      return netDifferenceInterval(netCounts(a), netCounts(b), settings.confidence, settings.netMethod);
    case 't':
      if (typeof a.sd !== 'number' || typeof b.sd !== 'number') return null;
      return welchInterval({ n: base.n, mean: num(a.mean), sd: a.sd }, { n: head.n, mean: num(b.mean), sd: b.sd }, settings.confidence);
    case 'apdex-adjusted-wald':
    case 'none':
      return null;
  }
}
