/**
 * The verdict engine: every verdict of a run, from one pure function (as Lighthouse CI's assertion
 * engine judges a run's results against its assertions).
 *
 * In: each target's own results (its metric over the rows its `where` keeps, overall and per value
 * of its `each` column), keyed by its rule (TargetResults); the rules (targets and composites as config/ resolved
 * them, rules.ts); whether missing data only warns. Out: one TargetResult per target (per segment
 * for `each`), the configured composites then the domain roll-ups, and the summary whose status
 * is the exit decision of `xla check`. No I/O, no clock, nothing kept between calls.
 *
 * Why one function: a target, a composite and the summary are judged by the same rules (ties
 * meet, min_n, basis, level, the inconclusive policy, --allow-no-data), so they are judged in one
 * place, where a table of results and rules can test them all. The comparisons themselves live in
 * verdict.ts, the composite scores in composites.ts.
 */
import { findMetric } from '../metrics/registry.js';
import type { MetricDef } from '../metrics/types.js';
import { evaluateComposite, rollUpDomains } from './composites.js';
import { findBaselineSide, judgeChange, withoutBaseline, type BaselineReport, type ChangeSettings } from './baseline.js';
import type { BaselineChange, CompositeResult, Result, Summary, TargetResult, TargetStatus } from './model.js';
import type { CompositeRule, TargetRule } from './rules.js';
import { decideOutcome, judge, summarize } from './verdict.js';

export interface RunRules {
  targets: readonly TargetRule[];
  composites: readonly CompositeRule[];
}

export interface JudgeOptions {
  /** Targets without data warn instead of failing (`--allow-no-data`). */
  allowNoData: boolean;
  /** The report change targets compare with (`--baseline`, config `baseline:`), and how; needed when a target has `change`. */
  baseline?: { report: BaselineReport; settings: ChangeSettings } | undefined;
}

export interface RunVerdicts {
  targets: TargetResult[];
  composites: CompositeResult[];
  summary: Summary;
}

/** What a target judges: its results, or none at all (a target whose scorecard saw nothing). */
type Evidence = Pick<Result, 'value' | 'n' | 'ci' | 'segment' | 'detail'>;

/**
 * Each target's results, keyed by the rule itself, not its id: a `--target` flag's id is its text,
 * which a config target may also have chosen, and each must be judged on its own rows.
 */
export type TargetResults = ReadonlyMap<TargetRule, readonly Result[]>;

export function judgeRun(results: TargetResults, rules: RunRules, options: JudgeOptions): RunVerdicts {
  const judged = rules.targets.map((rule) => {
    const metric = metricOf(rule);
    return { metric, verdicts: judgeTarget(rule, metric, results.get(rule) ?? [], options) };
  });
  const targets = judged.flatMap(({ verdicts }) => verdicts);
  const configured = rules.composites.map((rule) => judgeComposite(rule, targets, options));
  const rollUps = rollUpDomains(judged.flatMap(({ metric, verdicts }) => verdicts.map((result) => ({ result, domain: metric.domain }))));
  const composites = [...configured, ...rollUps];
  // A composite without a target or key component has no verdict, and is not counted.
  const judgedComposites = composites.flatMap(({ status, outcome }) => (status === null || outcome === null ? [] : [{ status, outcome }]));
  return { targets, composites, summary: summarize([...targets, ...judgedComposites]) };
}

/**
 * One verdict per target, or per value of its `each` column. An `each` target that saw no rows
 * still gives one verdict (no data), so that a gate cannot pass because its data vanished.
 */
function judgeTarget(rule: TargetRule, metric: MetricDef, results: readonly Result[], options: JudgeOptions): TargetResult[] {
  const own = results.filter((result) => result.metric === metric.id);
  const judged =
    rule.each === null
      ? own.filter((result) => Object.keys(result.segment).length === 0)
      : own.filter((result) => Object.keys(result.segment).length > 0);
  const evidence: readonly Evidence[] = judged.length > 0 ? judged : [{ value: null, n: 0, ci: null, segment: {} }];
  return evidence.map((result): TargetResult => {
    const { status, change } = judgeEvidence(rule, result, options);
    return {
      id: rule.id,
      name: rule.name,
      metric: rule.metric,
      segment: result.segment,
      period: null,
      where: rule.where,
      op: rule.target.op,
      threshold: rule.target.threshold,
      unit: metric.unit,
      value: result.value,
      n: result.n,
      ci: result.ci,
      min_n: rule.minN,
      basis: rule.basis,
      level: rule.level,
      status,
      outcome: decideOutcome(status, { level: rule.level, inconclusive: rule.inconclusive, allowNoData: options.allowNoData }),
      ...(result.detail === undefined ? {} : { detail: result.detail }),
      ...(change === undefined ? {} : { change }),
    };
  });
}

/** A target on the value judges the value; a target on change, the difference from the baseline. */
function judgeEvidence(rule: TargetRule, result: Evidence, options: JudgeOptions): { status: TargetStatus; change?: BaselineChange } {
  if (rule.change === undefined) return { status: judge(result, rule.target, { minN: rule.minN, basis: rule.basis }) };
  if (options.baseline === undefined) return { status: 'no_data', change: withoutBaseline(rule) };
  const { report, settings } = options.baseline;
  return judgeChange(rule, result, findBaselineSide(rule, result.segment, report), report.name, settings);
}

/** A composite over the verdicts of its targets; an `each` target contributes one component per segment, each with the configured weight. */
function judgeComposite(rule: CompositeRule, targets: readonly TargetResult[], options: JudgeOptions): CompositeResult {
  const components = rule.components.flatMap((component) =>
    targets.filter((target) => target.id === component.target).map((target) => ({ ...component, target })),
  );
  return evaluateComposite(
    { id: rule.id, name: rule.name, domain: null, target: rule.target, level: rule.level, components },
    options.allowNoData,
  );
}

/** Rules name metrics of the registry (config/ and `--target` check them), so a miss is a bug. */
function metricOf(rule: TargetRule): MetricDef {
  const metric = findMetric(rule.metric);
  if (metric === undefined) throw new Error(`target ${rule.id}: metric ${rule.metric} is not in the registry`);
  return metric;
}
