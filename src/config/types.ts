import type { LabelMap } from '../fields/label-scales.js';
import type { ColumnOverride } from '../fields/match.js';
import type { UnitsByField } from '../fields/settle-units.js';
import type { Kind, Scales } from '../fields/types.js';
import type { CustomerSettings } from '../metrics/types.js';
import type { CompositeRule, TargetRule } from '../scorecard/rules.js';
import type { NetIntervalMethod } from '../stats/intervals.js';
import type { Period } from '../time/periods.js';
import type { BusinessHoursRule } from '../time/business-time.js';

/**
 * `calendar:`/`calendars:` with `business_hours:` (business-hours.ts): no calendar; several named
 * ones and no choice among them (business time cannot be turned on); or the rule, on or off.
 */
export type BusinessHoursConfig =
  | { readonly kind: 'none' }
  | { readonly kind: 'unchosen'; readonly names: readonly string[] }
  | { readonly kind: 'ready'; readonly enabled: boolean; readonly rule: BusinessHoursRule };

/**
 * The XLA definition after validation (spec: config.md): every duration in seconds, every
 * threshold in its metric's JSON unit (% 0–100, seconds, points…), every default filled in.
 * Targets and composites are the rules the verdict engine judges (scorecard/rules.ts), in the one
 * shape every layer uses; only the file's raw syntax (schema.ts) differs.
 */
export interface XlaConfig {
  /** The file it came from, or null for targets given only on the command line. */
  file: string | null;
  title: string | null;
  timezone: string | undefined;
  confidence: number | undefined;
  /** `method`: how net scores' and Apdex's intervals and change tests are computed; undefined: the default. */
  method: NetIntervalMethod | undefined;
  sources: SourceDef[];
  by: string[] | undefined;
  period: Period | undefined;
  /** Apdex T in seconds. */
  apdexT: number | undefined;
  /** Everyone who could use the product (adoption_rate's denominator). */
  population: number | undefined;
  scales: Partial<Scales>;
  /** Resolution targets per priority value, in seconds (for sla_attainment when no made_sla/sla_due_at). */
  sla: Record<string, number>;
  /** First-response targets per priority value, in seconds (`sla: { P1: { first_response: 15m } }`). */
  slaFirstResponse: Record<string, number>;
  businessHours: BusinessHoursConfig;
  /** `as_of:` as written (checked: `now` or a date/time); read with the run's zone (`--tz` may differ). */
  asOf: string | undefined;
  /** `self_service_channels:`, each trimmed (self_service_rate compares them ignoring case); [] when absent. */
  selfServiceChannels: string[];
  /** `join:`: the survey and tickets columns that join responses to tickets; undefined: the default join. */
  join: { survey: string; tickets: string } | undefined;
  targets: TargetRule[];
  composites: CompositeRule[];
  /** `customers:`: margin and discount rate for CLV (issue 21). */
  customers: CustomerSettings;
  /** `baseline:`, resolved against the config file's folder: the report change targets compare with. */
  baseline: string | undefined;
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
  /** `units:`, the unit of plain numbers per duration field. */
  units: UnitsByField;
  /** The user's answer labels and their scores, per field (`values:`). */
  values: LabelMap[];
}
