import type { Unit } from '../metrics/types.js';
import type {
  BaselineChange,
  CompositeComponent,
  CompositeResult,
  Outcome,
  Summary,
  TargetOp,
  TargetResult,
  TargetStatus,
} from '../scorecard/model.js';
import { judgedChange } from '../scorecard/baseline.js';
import { judge, meets as meetsThreshold } from '../scorecard/verdict.js';
import { segmentLabel } from './result-rows.js';
import {
  MISSING,
  formatChangeAmount,
  formatCount,
  formatIndex,
  formatInterval,
  formatIntervalLabel,
  formatP,
  formatThreshold,
  formatValue,
  formatValueNear,
} from './units.js';

/**
 * The one wording of a verdict (issue 3): the table, Markdown, JUnit and GitHub formats all say
 * "csat 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)" the same way, so that a CI log, a PR
 * comment and a terminal never disagree about why a target failed.
 */

export interface VerdictOptions {
  /** The interval level in (0, 1), for the `95% CI` label. */
  confidence?: number | undefined;
}

/** A threshold's bound: one number, or [low, high] for `between` (the operator comes separately). */
type Bound = number | readonly [number, number];

/** `csat 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)`, `nps inconclusive: 95% CI +18…+41 straddles >= +30 (…)`. */
export function describeTarget(target: TargetResult, options: VerdictOptions = {}): string {
  if (target.change !== undefined) return describeChangeTarget(target, target.change, options);
  const subject = formatSubject(target.metric, formatTargetScope(target));
  const condition = formatCondition(target.op, target.threshold, target.unit);
  const ciLabel = formatIntervalLabel(options.confidence);
  const ci = target.ci === null ? [] : [`${ciLabel} ${formatInterval(target.ci, target.unit)}`];
  const basis = target.basis === 'point' ? [] : [`basis ${target.basis}`];
  const n = `n ${formatCount(target.n)}`;
  if (target.status === 'no_data' || target.value === null) {
    const below = target.n < target.min_n && target.min_n > 1 ? ` < min_n ${formatCount(target.min_n)}` : '';
    return `${subject} ${formatStatusWord(target.status)} (${n}${below})`;
  }
  const value = formatValueNear(target.value, thresholdBounds(target.threshold), target.unit);
  const pointMeets = meets(target.value, target.op, target.threshold);
  if (target.status === 'met' && pointMeets) return `${subject} ${value} meets ${condition} (${[n, ...ci, ...basis].join(', ')})`;
  if (target.status === 'breached' && !pointMeets) {
    const verb = describeMiss(target.value, target.op, target.threshold);
    return `${subject} ${value} ${verb} ${condition} (${[n, ...ci, ...basis].join(', ')})`;
  }
  // The interval decided (inconclusive, or a lenient pass / strict breach against the point): say so.
  const word = formatStatusWord(target.status);
  if (target.ci !== null && straddles(target.ci, target.op, target.threshold)) {
    const interval = formatInterval(target.ci, target.unit);
    return `${subject} ${word}: ${ciLabel} ${interval} straddles ${condition} (${[`value ${value}`, n, ...basis].join(', ')})`;
  }
  return `${subject} ${word}: ${value} against ${condition} (${[n, ...ci, ...basis].join(', ')})`;
}

/**
 * `nps change -6 (+42 → +36) is below >= -2 (n 380 vs 400, p 0.010, 95% CI of the change -10…-2,
 * basis lenient)`: the difference from the baseline against the change threshold, with the test
 * and the interval that decided a lenient or strict verdict.
 */
function describeChangeTarget(target: TargetResult, change: BaselineChange, options: VerdictOptions): string {
  const subject = formatSubject(`${target.metric} change`, formatTargetScope(target));
  const condition = formatChangeCondition(target.op, target.threshold, target.unit, change.relative);
  const judged = judgedChange(change);
  const n = `n ${formatCount(target.n)} vs ${formatCount(change.base_n)} in the baseline`;
  if (target.status === 'no_data' || judged === null || change.base === null || target.value === null) {
    return `${subject} ${formatStatusWord('no_data')} (${[n, ...(change.note === undefined ? [] : [change.note])].join(', ')})`;
  }
  const details = [
    n,
    ...(change.p === null ? [] : [`p ${formatP(change.p)}`]),
    ...(change.ci === null
      ? []
      : [`${formatIntervalLabel(options.confidence)} of the change ${formatChangeInterval(change.ci, target.unit)}`]),
    ...(target.basis === 'point' ? [] : [`basis ${target.basis}`]),
    ...(change.note === undefined ? [] : [change.note]),
  ].join(', ');
  const amount = `${formatChangeAmount(judged, target.unit, change.relative)} (${formatValue(change.base, target.unit)} → ${formatValue(target.value, target.unit)})`;
  const pointMeets = meets(judged, target.op, target.threshold);
  if (target.status === 'met' && pointMeets) return `${subject} ${amount} meets ${condition} (${details})`;
  if (target.status === 'breached' && !pointMeets) {
    return `${subject} ${amount} ${describeMiss(judged, target.op, target.threshold)} ${condition} (${details})`;
  }
  return `${subject} ${formatStatusWord(target.status)}: ${amount} against ${condition} (${details})`;
}

/** A target's condition as a table shows it: `>= 85%`, or `change >= -2 pp` for a target on change. */
export function formatTargetCondition(target: TargetResult): string {
  return target.change === undefined
    ? formatCondition(target.op, target.threshold, target.unit)
    : `change ${formatChangeCondition(target.op, target.threshold, target.unit, target.change.relative)}`;
}

/** A target's value as a table shows it, beside its condition: the change after the value for a target on change. */
export function formatTargetValue(target: TargetResult): string {
  const change = target.change;
  if (change === undefined) return formatValueNear(target.value, thresholdBounds(target.threshold), target.unit);
  const judged = judgedChange(change);
  const value = formatValue(target.value, target.unit);
  return judged === null ? value : `${value} (${formatChangeAmount(judged, target.unit, change.relative)})`;
}

/** `>= -2`, `>= -5%` (of the baseline), `<= +30m`, `between -2 pp and +2 pp`. */
function formatChangeCondition(op: TargetOp, threshold: Bound, unit: Unit, relative: boolean): string {
  const amount = (value: number): string => formatChangeAmount(value, unit, relative, true);
  if (op === 'between' || typeof threshold !== 'number') {
    const [low, high] = typeof threshold === 'number' ? [threshold, threshold] : threshold;
    return `between ${amount(low)} and ${amount(high)}`;
  }
  return `${op} ${amount(threshold)}`;
}

function formatChangeInterval(ci: readonly [number, number], unit: Unit): string {
  return `${formatChangeAmount(ci[0], unit, false)}…${formatChangeAmount(ci[1], unit, false)}`;
}

/**
 * `Experience index 76.4 is below >= 80 (3 of 3 components with data)`;
 * `Experience index breached: key component p1-fixed-fast breached (index 84.2, target >= 80, …)`.
 */
export function describeComposite(composite: CompositeResult): string {
  const subject = composite.name;
  const total = composite.components.length;
  const withData = composite.components.filter((c) => c.score !== null).length;
  const coverage = `${String(withData)} of ${String(total)} ${total === 1 ? 'component' : 'components'} with data`;
  const condition =
    composite.op === null || composite.threshold === null ? null : formatCondition(composite.op, composite.threshold, 'score');
  if (composite.value === null) return `${subject} ${formatStatusWord('no_data')} (no component has data)`;
  const value = formatIndex(composite.value);
  // A key component decides whatever the index says (scorecard/composites.ts): name it first.
  const keyCause =
    composite.status === 'breached' || composite.status === 'no_data' ? describeKeyCause(composite.components, composite.status) : null;
  if (keyCause !== null && composite.status !== null) {
    const target = condition === null ? [] : [`target ${condition}`];
    return `${subject} ${formatStatusWord(composite.status)}: ${keyCause} (${[`index ${value}`, ...target, coverage].join(', ')})`;
  }
  if (composite.op === null || composite.threshold === null || condition === null) {
    const status = composite.status === null ? '' : ` ${formatStatusWord(composite.status)}`;
    return `${subject} ${value}${status} (${coverage})`;
  }
  const indexMeets = meets(composite.value, composite.op, composite.threshold);
  if (composite.status === 'met' && indexMeets) return `${subject} ${value} meets ${condition} (${coverage})`;
  if (composite.status === 'breached' && !indexMeets) {
    return `${subject} ${value} ${describeMiss(composite.value, composite.op, composite.threshold)} ${condition} (${coverage})`;
  }
  const status = composite.status === null ? 'unjudged' : formatStatusWord(composite.status);
  return `${subject} ${status}: ${value} against ${condition} (${coverage})`;
}

/** `key component p1-fixed-fast breached`, `key components a, b without data`; null when no key component caused it. */
function describeKeyCause(components: readonly CompositeComponent[], status: 'breached' | 'no_data'): string | null {
  const keys = components.filter((c) => c.key && c.status === status);
  if (keys.length === 0) return null;
  const noun = keys.length === 1 ? 'component' : 'components';
  return `key ${noun} ${keys.map((c) => c.target).join(', ')} ${status === 'breached' ? 'breached' : 'without data'}`;
}

/** `>= 85%`, `< 4h`, `between 80% and 90%`: thresholds as a person writes them. */
export function formatCondition(op: TargetOp, threshold: Bound, unit: Unit): string {
  if (op === 'between' || typeof threshold !== 'number') {
    const [low, high] = typeof threshold === 'number' ? [threshold, threshold] : threshold;
    return `between ${formatThreshold(low, unit)} and ${formatThreshold(high, unit)}`;
  }
  return `${op} ${formatThreshold(threshold, unit)}`;
}

/**
 * What a target covers beyond its metric: the `each` segment, the `where` filter, the period.
 * `['team=Network', 'where priority=P1|P2', '2024-01']`; several accepted values read `a|b`.
 */
export function formatTargetScope(target: Pick<TargetResult, 'segment' | 'where' | 'period'>): string[] {
  const segment = Object.entries(target.segment).map(([key, value]) => `${key}=${segmentLabel(value)}`);
  const where = Object.entries(target.where).map(([key, values]) => `where ${key}=${values.join('|')}`);
  return [...segment, ...where, ...(target.period === null ? [] : [target.period])];
}

/** `per-team-effort [team=Apps, 2024-01]`: unique per verdict, for test-case names and annotation titles. */
export function formatTargetLabel(target: Pick<TargetResult, 'id' | 'segment' | 'period'>): string {
  const scope = formatTargetScope({ segment: target.segment, where: {}, period: target.period });
  return scope.length === 0 ? target.id : `${target.id} [${scope.join(', ')}]`;
}

/** `met`, `breached`, `inconclusive`, `no data`. */
export function formatStatusWord(status: TargetStatus): string {
  return status === 'no_data' ? 'no data' : status;
}

/** `5 met · 1 breached · 0 inconclusive · 0 no data`; the separator differs by format. */
export function formatSummaryCounts(summary: Summary, separator = ' · '): string {
  return [
    `${formatCount(summary.met)} met`,
    `${formatCount(summary.breached)} breached`,
    `${formatCount(summary.inconclusive)} inconclusive`,
    `${formatCount(summary.no_data)} no data`,
  ].join(separator);
}

/** `5 met · 1 breached · 0 inconclusive · 0 no data → fail`. */
export function formatSummaryLine(summary: Summary): string {
  return `${formatSummaryCounts(summary)} → ${summary.status}`;
}

const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { fail: 0, warn: 1, pass: 2 };

/** Failures first, then warnings, then the rest; stable within each group, so the config order survives. */
export function sortByOutcome<T extends { outcome: Outcome | null }>(items: readonly T[]): T[] {
  // Array.prototype.sort is stable (ES2019); a composite without a verdict sorts with the passes.
  return [...items].sort((a, b) => OUTCOME_RANK[a.outcome ?? 'pass'] - OUTCOME_RANK[b.outcome ?? 'pass']);
}

/** A component's weight as configured (`0.5`, `2`): the plain number, nothing to round. */
export function formatWeight(component: CompositeComponent): string {
  return String(component.weight);
}

/** `MISSING` stands in for a score without data. */
export function formatScore(component: CompositeComponent): string {
  return component.score === null ? MISSING : formatIndex(component.score);
}

function formatSubject(name: string, scope: readonly string[]): string {
  return scope.length === 0 ? name : `${name} [${scope.join(', ')}]`;
}

function thresholdBounds(threshold: Bound): number[] {
  return typeof threshold === 'number' ? [threshold] : [...threshold];
}

function meets(value: number, op: TargetOp, threshold: Bound): boolean {
  return meetsThreshold(value, { op, threshold: copyThreshold(threshold) });
}

/** Neither wholly meeting nor wholly missing: the scorecard's own interval judgement, so wording and verdict agree. */
function straddles(ci: readonly [number, number], op: TargetOp, threshold: Bound): boolean {
  const evidence = { value: ci[0], n: 1, ci };
  return judge(evidence, { op, threshold: copyThreshold(threshold) }, { minN: 1, basis: 'interval' }) === 'inconclusive';
}

function copyThreshold(threshold: Bound): number | [number, number] {
  return typeof threshold === 'number' ? threshold : [threshold[0], threshold[1]];
}

/** `is below` / `is above` where the value lies on one side; `misses` for `==` and a tie against `>`/`<`. */
function describeMiss(value: number, op: TargetOp, threshold: Bound): string {
  const [low, high] = typeof threshold === 'number' ? [threshold, threshold] : threshold;
  if (value < low && op !== '<' && op !== '<=') return 'is below';
  if (value > high && op !== '>' && op !== '>=') return 'is above';
  return 'misses';
}
