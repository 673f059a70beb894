/**
 * Verdicts: is a value on the right side of a threshold, given how sure we are of it?
 * Pure functions; the comparison is on unrounded values, and a value exactly on the threshold
 * meets it (metrics.md §0 "Ties at thresholds"). The verdict engine (judge-run.ts) is built on
 * them; report/verdict.ts words a verdict with the same comparisons, so wording and verdict agree.
 */
import type { Outcome, Summary, TargetBasis, TargetStatus } from './model.js';
import type { InconclusivePolicy, RuleLevel, Threshold } from './rules.js';

/** Whether one number meets the threshold. */
export function meets(value: number, { op, threshold }: Threshold): boolean {
  if (Array.isArray(threshold)) return value >= threshold[0] && value <= threshold[1];
  switch (op) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '==':
    case 'between':
      return value === threshold;
  }
}

/**
 * Whether every value of the interval meets the threshold, and whether none does. The threshold
 * sets are convex, so checking the two ends (and, for `==`, that they coincide) is enough.
 */
function judgeInterval(low: number, high: number, threshold: Threshold): { all: boolean; none: boolean } {
  const lowMeets = meets(low, threshold);
  const highMeets = meets(high, threshold);
  const all = lowMeets && highMeets;
  if (all || lowMeets || highMeets) return { all, none: false };
  // Neither end meets: the whole interval misses unless the accepted set lies strictly inside it.
  const inside = Array.isArray(threshold.threshold)
    ? low < threshold.threshold[0] && high > threshold.threshold[1]
    : threshold.op === '==' && low < threshold.threshold && high > threshold.threshold;
  return { all: false, none: !inside };
}

export interface Evidence {
  value: number | null;
  n: number;
  ci: readonly [number, number] | null;
}

/**
 * met / breached / inconclusive / no_data. Without data, or with fewer than `minN` observations,
 * there is no verdict. A basis that needs an interval falls back to the point estimate for
 * metrics that have none (percentiles, counts).
 */
export function judge(evidence: Evidence, threshold: Threshold, options: { minN: number; basis: TargetBasis }): TargetStatus {
  const { value, n, ci } = evidence;
  if (value === null || n === 0 || n < options.minN) return 'no_data';
  if (options.basis === 'point' || ci === null) return meets(value, threshold) ? 'met' : 'breached';
  const { all, none } = judgeInterval(ci[0], ci[1], threshold);
  switch (options.basis) {
    case 'interval':
      return all ? 'met' : none ? 'breached' : 'inconclusive';
    case 'lenient':
      return none ? 'breached' : 'met';
    case 'strict':
      return all ? 'met' : 'breached';
  }
}

/**
 * What `xla check` does with a verdict. A breach or missing data fails an error-level target
 * (a gate must not pass because its data vanished, unless `--allow-no-data`); a warn-level
 * target never fails the run; inconclusive follows the target's policy.
 */
export function decideOutcome(
  status: TargetStatus,
  options: { level: RuleLevel; inconclusive: InconclusivePolicy; allowNoData: boolean },
): Outcome {
  const severe: Outcome = options.level === 'error' ? 'fail' : 'warn';
  switch (status) {
    case 'met':
      return 'pass';
    case 'breached':
      return severe;
    case 'no_data':
      return options.allowNoData ? 'warn' : severe;
    case 'inconclusive':
      return options.inconclusive === 'fail' ? severe : options.inconclusive;
  }
}

/** Counts every verdict; the run fails when any outcome fails, warns when any warns. */
export function summarize(verdicts: readonly { status: TargetStatus; outcome: Outcome }[]): Summary {
  const count = (status: TargetStatus): number => verdicts.filter((verdict) => verdict.status === status).length;
  const outcomes = new Set(verdicts.map((verdict) => verdict.outcome));
  return {
    targets: verdicts.length,
    met: count('met'),
    breached: count('breached'),
    inconclusive: count('inconclusive'),
    no_data: count('no_data'),
    status: outcomes.has('fail') ? 'fail' : outcomes.has('warn') ? 'warn' : 'pass',
  };
}
