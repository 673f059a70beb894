import type { Kind } from '../fields/types.js';
import type { Better, Domain, Unit } from '../metrics/types.js';

/**
 * The report model every formatter renders (cli.md "JSON report"). Plain data: JSON.stringify of
 * a Report is the `json` format, so field names follow the JSON contract (snake_case).
 */
export const REPORT_SCHEMA = 'xla-report/1';

export interface InputFormat {
  type: 'csv' | 'json' | 'ndjson';
  /** CSV only. */
  delimiter?: string;
  encoding: string;
}

export interface InputSummary {
  name: string;
  kind: Kind;
  preset: string | null;
  /** Data rows read (header excluded). */
  rows: number;
  /** rows − rejected. */
  accepted: number;
  /** Rows with at least one rejected value or that could not be read at all. */
  rejected: number;
  format: InputFormat;
  /** canonical field → source column. */
  fields: Record<string, string>;
}

export interface Change {
  /** The previous period of the same segment. */
  from: string;
  delta: number | null;
  p: number | null;
  significant: boolean | null;
}

export interface Result {
  metric: string;
  name: string;
  domain: Domain;
  unit: Unit;
  better: Better | null;
  /** Column → value for `--by` breakdowns; {} for the overall row. */
  segment: Record<string, string>;
  /** Period key (`2024-01`, `2024-W05`, `2024-Q1`…) or null. */
  period: string | null;
  value: number | null;
  n: number;
  ci: [number, number] | null;
  detail?: Record<string, number | string | null>;
  change?: Change;
}

export type TargetStatus = 'met' | 'breached' | 'inconclusive' | 'no_data';

export interface TargetResult {
  id: string;
  metric: string;
  segment: Record<string, string>;
  period: string | null;
  op: string;
  threshold: number | [number, number];
  value: number | null;
  n: number;
  basis: string;
  level: 'error' | 'warn';
  status: TargetStatus;
}

export interface CompositeResult {
  id: string;
  name: string;
  value: number | null;
  components: { target: string; weight: number; score: number | null }[];
}

export interface Summary {
  targets: number;
  met: number;
  breached: number;
  no_data: number;
  status: 'pass' | 'warn' | 'fail';
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  title: string | null;
  inputs: InputSummary[];
  results: Result[];
  targets: TargetResult[];
  composites: CompositeResult[];
  summary: Summary;
}
