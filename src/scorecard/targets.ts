/** Turning a target rule and the metric value it judges into a verdict for the report. */
import type { MetricDef } from '../metrics/types.js';
import type { Result, TargetBasis, TargetOp, TargetResult } from './model.js';
import { decideOutcome, judge } from './verdict.js';

/** What the scorecard needs of a target (config/types.ts TargetDef has this shape). */
export interface TargetRule {
  id: string;
  name: string | null;
  metric: string;
  target: { op: TargetOp; threshold: number | [number, number] };
  where: Record<string, string[]>;
  each: string | null;
  minN: number;
  level: 'error' | 'warn';
  basis: TargetBasis;
  inconclusive: 'pass' | 'warn' | 'fail';
}

export function evaluateTarget(
  rule: TargetRule,
  metric: MetricDef,
  result: Pick<Result, 'value' | 'n' | 'ci' | 'segment'>,
  allowNoData: boolean,
): TargetResult {
  const status = judge(result, rule.target, { minN: rule.minN, basis: rule.basis });
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
    outcome: decideOutcome(status, { level: rule.level, inconclusive: rule.inconclusive, allowNoData }),
  };
}
