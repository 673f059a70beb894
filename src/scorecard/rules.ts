/**
 * The rules a run is judged by, one shape each from configuration to verdict: config/resolve.ts
 * makes them from the XLA file (and config/target.ts from `--target`), the run passes them on, and
 * the verdict engine (judge-run.ts) judges them. The file's own syntax (config/schema.ts) is the raw
 * form they are resolved from; nothing past config/ sees it.
 */
import type { TargetBasis, TargetOp } from './model.js';

/** What a value is compared with: `>= 85` is { op: '>=', threshold: 85 }; `between` takes [low, high]. */
export interface Threshold {
  op: TargetOp;
  threshold: number | [number, number];
}

/** A threshold as written: `>= 85%` on csat is { op: '>=', threshold: 85, text: '>= 85%' }, in the metric's JSON unit. */
export interface TargetSpec extends Threshold {
  /** The text as written, for messages. */
  text: string;
}

/** `error` fails `xla check` on a breach; `warn` only reports it. */
export type RuleLevel = 'error' | 'warn';

/** What `xla check` makes of an inconclusive verdict (`fail` only at level error). */
export type InconclusivePolicy = 'pass' | 'warn' | 'fail';

/** A target: a metric over the rows its `where` keeps (one verdict, or one per value of its `each` column) against a threshold. */
export interface TargetRule {
  id: string;
  name: string | null;
  metric: string;
  target: TargetSpec;
  /** Column → accepted values; {} keeps every row. */
  where: Record<string, string[]>;
  each: string | null;
  /** Fewer observations give no verdict (no_data). */
  minN: number;
  level: RuleLevel;
  basis: TargetBasis;
  inconclusive: InconclusivePolicy;
  /** Where it was defined, for messages: `targets[2]` or `--target "nps >= 30"`. */
  origin: string;
  /**
   * Set for a target on change against the baseline report (`change: ">= -2"`): `target` then
   * judges this run's value minus the baseline's, in the metric's unit or, when `relative`, in %
   * of the baseline value. Absent for a target on the value itself.
   */
  change?: { relative: boolean } | undefined;
}

export interface CompositeComponentRule {
  /** The id of a target. */
  target: string;
  weight: number;
  /** A breached key component breaches the composite whatever the index says. */
  key: boolean;
  /** The value at which the component's score reaches 0, in the metric's unit; undefined = the default rule. */
  floor: number | undefined;
}

/** A composite: the weighted index (0–100) of some targets' scores, optionally with a target of its own. */
export interface CompositeRule {
  id: string;
  name: string;
  components: readonly CompositeComponentRule[];
  /** A target on the index itself (0–100), e.g. `>= 80`. */
  target: TargetSpec | null;
  level: RuleLevel;
  /** Where it was defined, for messages: `composites[0]`. */
  origin: string;
}
