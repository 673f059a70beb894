import type { IntervalMethod, MetricContext, MetricDef } from '../metrics/types.js';
import { DEFAULT_NET_INTERVAL_METHOD, type NetIntervalMethod } from '../stats/intervals.js';
import { npsDifferenceTest, twoProportionTest, welchTest } from '../stats/significance.js';
import { MIN_N_PER_SIDE, MIN_POOLED_OUTCOMES, tooFewForProportions, tooFewObservations, type SmallSample } from '../stats/test-minimums.js';
import type { Change, Result } from './model.js';

interface ChangePlan {
  metrics: readonly MetricDef[];
  confidence: number;
  metricContext: Pick<MetricContext, 'netIntervalMethod'>;
}

/**
 * Adds `change` to every period result but a segment's first: the delta against the previous
 * period present for the same metric and segment, and a significance test where one applies
 * (metrics.md §6.5): proportions by the pooled z-test, nets by the NPS z-test (adjusted like their
 * intervals), means by Welch. Below the minimum sample of stats/test-minimums.ts no test is run:
 * `p` and `significant` are null and `detail` says which minimum was missed.
 */
export function compareChange(results: Result[], plan: ChangePlan): Result[] {
  const methods = new Map(plan.metrics.map((metric) => [metric.id, metric.interval]));
  const netMethod = plan.metricContext.netIntervalMethod ?? DEFAULT_NET_INTERVAL_METHOD;
  const previous = new Map<string, Result>();
  for (const result of results) {
    if (result.period === null) continue;
    const key = `${result.metric}\u001f${JSON.stringify(result.segment)}`;
    const before = previous.get(key);
    if (before !== undefined && before.period !== null) {
      result.change = describeChange(before, result, {
        method: methods.get(result.metric) ?? 'none',
        netMethod,
        confidence: plan.confidence,
      });
    }
    previous.set(key, result);
  }
  return results;
}

/** How two results of one metric are compared: the metric's interval method picks the test (§6.5). */
export interface TestSettings {
  method: IntervalMethod;
  netMethod: NetIntervalMethod;
  confidence: number;
  /** What the two sides are, for the words of a `detail`: two periods (the default) or two reports (`xla diff`: base and head). */
  between?: Between | undefined;
}

/** What a change test reads of a result; a result read back from a JSON report has these too. */
/** What the two sides are: two periods of one run, two reports (`xla diff`), or the baseline and this run (change targets). */
export type Between = 'periods' | 'reports' | 'runs';

export type ComparedValue = Pick<Result, 'period' | 'value' | 'n' | 'detail'>;

/** A test's p-value, or why there is none (null: no test applies to the metric, or no data). */
type TestOutcome = { p: number } | { p: null; why: string | null };

const NOT_TESTED: TestOutcome = { p: null, why: null };

/**
 * The change from one result to another of the same metric, with its test: used between periods
 * here, and between two reports by `xla diff` and baseline targets. `from` is the earlier period.
 */
export function describeChange(before: ComparedValue, after: ComparedValue, settings: TestSettings): Change {
  const delta = before.value === null || after.value === null ? null : after.value - before.value;
  const outcome = delta === null ? NOT_TESTED : testChange(before, after, settings);
  const change: Change = {
    from: before.period ?? '',
    delta,
    p: outcome.p,
    significant: outcome.p === null || settings.confidence <= 0 ? null : outcome.p < 1 - settings.confidence,
  };
  if (outcome.p === null && outcome.why !== null) change.detail = outcome.why;
  return change;
}

function testChange(before: ComparedValue, after: ComparedValue, settings: TestSettings): TestOutcome {
  const a = before.detail ?? {};
  const b = after.detail ?? {};
  const sides = sidesOf(before, after, settings.between ?? 'periods');
  switch (settings.method) {
    case 'wilson': {
      const few = tooFewForProportions(num(a.x), num(a.n), num(b.x), num(b.n));
      if (few !== null) return untested(few, sides);
      return outcomeOf(twoProportionTest(num(a.x), num(a.n), num(b.x), num(b.n))?.p, sides);
    }
    case 'nps-adjusted-wald': {
      const few = tooFewObservations(before.n, after.n);
      if (few !== null) return untested(few, sides);
      return outcomeOf(npsDifferenceTest(netCounts(a), netCounts(b), settings.netMethod)?.p, sides);
    }
    case 't': {
      const few = tooFewObservations(before.n, after.n);
      if (few !== null) return untested(few, sides);
      const sdA = a.sd;
      const sdB = b.sd;
      if (typeof sdA !== 'number' || typeof sdB !== 'number') return NOT_TESTED;
      return outcomeOf(welchTest({ n: before.n, mean: num(a.mean), sd: sdA }, { n: after.n, mean: num(b.mean), sd: sdB })?.p, sides);
    }
    default:
      return NOT_TESTED;
  }
}

/** The words a `detail` names the sides with: each period's key and `periods`, or `base`, `head` and `reports`. */
interface SideWords {
  before: string;
  after: string;
  singular: string;
  plural: string;
}

function sidesOf(before: ComparedValue, after: ComparedValue, between: Between): SideWords {
  switch (between) {
    case 'reports':
      return { before: 'base', after: 'head', singular: 'report', plural: 'reports' };
    case 'runs':
      return { before: 'the baseline', after: 'this run', singular: 'run', plural: 'runs' };
    case 'periods':
      return { before: before.period ?? '', after: after.period ?? '', singular: 'period', plural: 'periods' };
  }
}

/** A computed p, or the one case a test with enough data still gives none: no spread on either side. */
function outcomeOf(p: number | undefined, sides: SideWords): TestOutcome {
  return p === undefined ? { p: null, why: `not tested: no spread in either ${sides.singular}` } : { p };
}

function untested(few: SmallSample, sides: SideWords): TestOutcome {
  if (few.kind === 'n') {
    const side = few.side === 'before' ? sides.before : sides.after;
    return {
      p: null,
      why: `not tested: n = ${String(few.n)} in ${side}; a change is tested only with n ≥ ${String(MIN_N_PER_SIDE)} in both ${sides.plural}`,
    };
  }
  const pooled = few.outcome === 'successes' ? 'x' : 'n − x';
  const least = String(MIN_POOLED_OUTCOMES);
  return {
    p: null,
    why: `not tested: ${pooled} = ${String(few.count)} over both ${sides.plural}; a rate's change is tested only with x ≥ ${least} and n − x ≥ ${least} over both ${sides.plural}`,
  };
}

/** A count or sum of a result's detail; 0 where the detail lacks it. */
export function num(value: number | string | null | undefined): number {
  return typeof value === 'number' ? value : 0;
}

/** A net score's classes from a result's detail. */
export function netCounts(detail: Readonly<Record<string, number | string | null>>): {
  promoters: number;
  passives: number;
  detractors: number;
} {
  return { promoters: num(detail.promoters), passives: num(detail.passives), detractors: num(detail.detractors) };
}
