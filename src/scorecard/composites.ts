/**
 * Composites (config.md "Composites"): each component target scores 0–100 — 100 when met, else
 * how close its value came, linearly, reaching 0 at the component's floor — and the index is the
 * weighted mean of the scores. Every score and weight is in the report so anyone can recompute it.
 */
import { addExact, addExactProduct, createExactSum, roundQuotient, signOfSum } from '../stats/exact-sum.js';
import type { CompositeComponent, CompositeResult, Outcome, TargetOp, TargetResult, TargetStatus } from './model.js';
import type { CompositeComponentRule, CompositeRule, Threshold } from './rules.js';
import { judgedChange } from './baseline.js';
import { decideOutcome, judge, meets } from './verdict.js';

/**
 * The value at which a missed target scores 0, when none is configured: as far beyond the
 * threshold as the threshold is from zero (`>= 85%` → 0 %, `<= 4h` → 8h, `>= 30` → 0).
 * A threshold of 0 has no such distance: every miss then scores 0 unless a floor is set.
 */
export function defaultFloor(op: TargetOp, threshold: number): number {
  const distance = Math.abs(threshold);
  return op === '<=' || op === '<' ? threshold + distance : threshold - distance;
}

/** 0–100 for one value against its threshold; 100 when the value meets it. */
export function scoreComponent(value: number, threshold: Threshold, floor: number | undefined): number {
  if (meets(value, threshold)) return 100;
  const { op } = threshold;
  const bound = threshold.threshold;
  if (Array.isArray(bound)) {
    // Outside a range: the range's own width is the distance at which the score reaches 0.
    const [low, high] = bound;
    const miss = value < low ? low - value : value - high;
    return proportion(high - low - miss, high - low);
  }
  if (op === '==') return proportion(Math.abs(bound) - Math.abs(value - bound), Math.abs(bound));
  const zeroAt = floor ?? defaultFloor(op, bound);
  return op === '<=' || op === '<' ? proportion(zeroAt - value, zeroAt - bound) : proportion(value - zeroAt, bound - zeroAt);
}

function proportion(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return 100 * Math.min(1, Math.max(0, part / whole));
}

/** A component rule with its target's verdict in place of the target's id (an `each` target gives one per segment). */
type JudgedComponent = Omit<CompositeComponentRule, 'target'> & { target: TargetResult };

/**
 * A composite rule with its components judged: what evaluateComposite scores. A domain roll-up is
 * one too, made here rather than configured, so it has a domain, and a threshold but no text.
 */
type JudgedComposite = Pick<CompositeRule, 'id' | 'name' | 'level'> & {
  domain: string | null;
  target: Threshold | null;
  components: readonly JudgedComponent[];
};

/**
 * The weighted mean over the components that have data; null when none has. Σweight·score and
 * Σweight are exact (stats/exact-sum.ts) and divided once: weights 0.3 and 0.7 on scores 0 and
 * 90 make exactly 63, where doubles make 62.99999999999999 and miss a `>= 63` target.
 */
export function weightedIndex(components: readonly { weight: number; score: number | null }[]): number | null {
  const weights = createExactSum();
  const total = createExactSum();
  for (const { weight, score } of components) {
    if (score === null) continue;
    addExact(weights, weight);
    addExactProduct(total, score, weight);
  }
  return signOfSum(weights) > 0 ? roundQuotient(total, weights) : null;
}

function toComponent(input: JudgedComponent): CompositeComponent {
  const { target } = input;
  // A change target scores the difference its threshold is written for, not the value.
  const judged = target.change === undefined ? target.value : judgedChange(target.change);
  const score = judged === null || target.status === 'no_data' ? null : scoreComponent(judged, target, input.floor);
  return { target: target.id, weight: input.weight, score, status: target.status, key: input.key };
}

/**
 * A breached key component breaches the composite whatever the index says; a key component
 * without data leaves it without a verdict; otherwise the index is judged against the
 * composite's own target, if it has one.
 */
export function evaluateComposite(composite: JudgedComposite, allowNoData: boolean): CompositeResult {
  const components = composite.components.map(toComponent);
  const value = weightedIndex(components);
  const status = compositeStatus(components, value, composite.target);
  const outcome: Outcome | null =
    status === null ? null : decideOutcome(status, { level: composite.level, inconclusive: 'warn', allowNoData });
  return {
    id: composite.id,
    name: composite.name,
    value,
    domain: composite.domain,
    components,
    status,
    op: composite.target?.op ?? null,
    threshold: composite.target?.threshold ?? null,
    level: status === null ? null : composite.level,
    outcome,
  };
}

function compositeStatus(components: readonly CompositeComponent[], value: number | null, target: Threshold | null): TargetStatus | null {
  const keys = components.filter((component) => component.key);
  if (keys.some((component) => component.status === 'breached')) return 'breached';
  if (keys.some((component) => component.status === 'no_data')) return 'no_data';
  if (target === null) return null;
  const withData = components.filter((component) => component.score !== null).length;
  return judge({ value, n: withData, ci: null }, target, { minN: 1, basis: 'point' });
}

/**
 * Domain roll-ups and the Total Experience view, when targets span more than one domain: each
 * domain's index weighs its targets equally, and the total weighs the domains equally.
 */
export function rollUpDomains(targets: readonly { result: TargetResult; domain: string }[]): CompositeResult[] {
  const domains = [...new Set(targets.map((target) => target.domain))];
  if (domains.length < 2) return [];
  const rollUps = domains.map((domain) =>
    evaluateComposite(
      {
        id: `domain:${domain}`,
        name: `${domain.toUpperCase()} roll-up`,
        domain,
        components: targets
          .filter((target) => target.domain === domain)
          .map(({ result }) => ({ target: result, weight: 1, key: false, floor: undefined })),
        target: null,
        level: 'warn',
      },
      false,
    ),
  );
  const total: CompositeResult = {
    id: 'total-experience',
    name: 'Total Experience',
    value: weightedIndex(rollUps.map((rollUp) => ({ weight: 1, score: rollUp.value }))),
    domain: 'total',
    components: rollUps.map((rollUp) => ({ target: rollUp.id, weight: 1, score: rollUp.value, status: null, key: false })),
    status: null,
    op: null,
    threshold: null,
    level: null,
    outcome: null,
  };
  return [...rollUps, total];
}
