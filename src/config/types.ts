import type { ColumnOverride } from '../fields/match.js';
import type { Kind, Scales } from '../fields/types.js';
import type { TargetOp } from '../scorecard/model.js';
import type { TargetRule } from '../scorecard/targets.js';
import type { Period } from '../time/periods.js';

/**
 * The XLA definition after validation (spec: config.md): every duration in seconds, every
 * threshold in its metric's JSON unit (% 0–100, seconds, points…), every default filled in.
 */
export interface XlaConfig {
  /** The file it came from, or null for targets given only on the command line. */
  file: string | null;
  title: string | null;
  timezone: string | undefined;
  confidence: number | undefined;
  sources: SourceDef[];
  by: string[] | undefined;
  period: Period | undefined;
  /** Apdex T in seconds. */
  apdexT: number | undefined;
  scales: Partial<Scales>;
  /** Resolution targets per priority value, in seconds (for sla_attainment when no made_sla/sla_due_at). */
  sla: Record<string, number>;
  targets: TargetDef[];
  composites: CompositeDef[];
}

export interface SourceDef {
  /** As written in the file, resolved against the config file's folder by the loader. */
  path: string;
  kind: Kind | undefined;
  preset: string | undefined;
  /** canonical field (or a name for --by, --where and each) → column name, in file order. */
  map: ColumnOverride[];
  encoding: string | undefined;
  delimiter: string | undefined;
  decimal: '.' | ',' | undefined;
  dateFormat: string | undefined;
  scales: Partial<Scales>;
}

/** A parsed `<op> <value>`: `>= 85%` on csat becomes { op: '>=', threshold: 85 }. */
export interface TargetSpec {
  op: TargetOp;
  threshold: number | [number, number];
  /** The text as written, for messages. */
  text: string;
}

/** A target as the scorecard judges it (TargetRule), plus where it was written. */
export interface TargetDef extends TargetRule {
  target: TargetSpec;
  /** Where it was defined, for messages: `targets[2]` or `--target "nps >= 30"`. */
  origin: string;
}

export interface CompositeComponentDef {
  target: string;
  weight: number;
  /** A breached key component breaches the composite whatever the index says. */
  key: boolean;
  /** The value at which the component's score reaches 0, in the metric's unit; undefined = default rule. */
  floor: number | undefined;
}

export interface CompositeDef {
  id: string;
  name: string;
  components: CompositeComponentDef[];
  /** A target on the index itself (0–100), e.g. `>= 80`. */
  target: TargetSpec | null;
  level: 'error' | 'warn';
  origin: string;
}
