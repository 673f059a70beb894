import type { ColumnUnit } from '../fields/column-units.js';
import type { Kind } from '../fields/types.js';
import type { InputQuality } from '../metrics/data-quality.js';
import type { Better, Domain, Unit } from '../metrics/types.js';

/**
 * The report model every formatter renders (cli.md "JSON report"). Plain data: JSON.stringify of
 * a Report is the `json` format, so field names follow the JSON contract (snake_case).
 */
export const REPORT_SCHEMA = 'xla-report/1';

export interface InputFormat {
  type: 'csv' | 'json' | 'ndjson' | 'parquet';
  /** CSV only. */
  delimiter?: string | undefined;
  /** The text encoding; `binary` for Parquet, which holds typed values. */
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
  /**
   * duration field → the unit of its column's plain numbers and where that came from (`name`,
   * `values`, `map`, `config`, `preset`, `default`); absent when no duration field is bound.
   */
  units?: Record<string, ColumnUnit> | undefined;
  /** canonical field → how its column's labels are read (a built-in scale or `values:`); absent when no column holds labels. */
  labels?: Record<string, string> | undefined;
  /** A survey input joined to tickets: with which inputs, on which of its columns, and how many responses found their ticket. */
  join?: InputJoin | undefined;
  /** Data quality over every row the input gave, whatever the filters (metrics.md §5.6); freshness at the run's as-of. */
  quality?: InputQuality | undefined;
}

/** How a survey input's responses joined the run's tickets (run/join.ts). */
export interface InputJoin {
  /** The tickets inputs' names. */
  with: string[];
  /** The survey column holding the ticket key. */
  key: string;
  /** Accepted responses whose key matched a ticket. */
  matched: number;
  /** Accepted responses with a blank key or one no ticket has: still in every survey metric's overall rows. */
  unmatched: number;
}

export interface Change {
  /** The previous period of the same segment. */
  from: string;
  delta: number | null;
  p: number | null;
  significant: boolean | null;
  /** Why no test was run although one applies (too few observations: metrics.md §6.5); absent otherwise. */
  detail?: string | undefined;
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
  detail?: Record<string, number | string | null> | undefined;
  change?: Change | undefined;
}

export type TargetStatus = 'met' | 'breached' | 'inconclusive' | 'no_data';

/** Comparison operators of a target (`between` is inclusive at both ends). */
export type TargetOp = '>=' | '>' | '<=' | '<' | '==' | 'between';

/**
 * Which number meets the threshold (config.md, issue 3): `point` the estimate; `interval` the whole
 * confidence interval (met when all of it meets, breached when all of it misses, else
 * inconclusive); `lenient` breaches only when the whole interval misses; `strict` meets only when
 * the whole interval meets.
 */
export type TargetBasis = 'point' | 'interval' | 'lenient' | 'strict';

/** What `xla check` makes of a verdict: `fail` exits 1, `warn` is reported, `pass` is fine. */
export type Outcome = 'pass' | 'warn' | 'fail';

export interface TargetResult {
  id: string;
  name: string | null;
  metric: string;
  /** The `each` column and its value, or {} for a target over all (filtered) rows. */
  segment: Record<string, string>;
  period: string | null;
  /** The target's `where` filter as written (column → accepted values), or {}. */
  where: Record<string, string[]>;
  op: TargetOp;
  /** In the metric's JSON unit (%, seconds, points…); [low, high] for `between`. */
  threshold: number | [number, number];
  unit: Unit;
  value: number | null;
  n: number;
  ci: [number, number] | null;
  min_n: number;
  basis: TargetBasis;
  level: 'error' | 'warn';
  status: TargetStatus;
  outcome: Outcome;
  /** The metric's counts behind the value (as a result's `detail`), so a later run can test a change against this one; absent without data. */
  detail?: Record<string, number | string | null> | undefined;
  /**
   * A target on change against a baseline report (`change: ">= -2"`): op and threshold then judge
   * the change, in the metric's unit or, when `relative`, in % of the baseline value; `value`,
   * `n` and `ci` stay this run's own. Absent for a target on the value itself.
   */
  change?: BaselineChange | undefined;
}

/** This run against the baseline report for one target (and segment). */
export interface BaselineChange {
  /** The baseline report as given (`--baseline` or config `baseline:`); null when none was given (the verdict is then no_data). */
  baseline: string | null;
  /** The baseline's value for the same target id and segment; null when the baseline has none. */
  base: number | null;
  base_n: number;
  /** This run's value − the baseline's, in the metric's unit; null without both. */
  delta: number | null;
  /** delta / |base| × 100; null without both or when base is 0. */
  relative_delta: number | null;
  /** Whether the threshold is relative (written with %). */
  relative: boolean;
  /** The interval of the difference at the run's confidence (metrics.md §6.5); null where no interval applies. */
  ci: [number, number] | null;
  /** The two-sided p of the difference test (§6.5); null where no test applies or too few data. */
  p: number | null;
  significant: boolean | null;
  /** Why there is no comparison or test, when there is none. */
  note?: string | undefined;
}

/**
 * Fair segment rankings (`--rank`): per metric and period, the `--by` segments ordered by value,
 * each against funnel-plot control limits around the overall value at its own n (Spiegelhalter
 * 2005), so only a segment outside them is flagged as above or below the rest.
 */
export interface RankGroup {
  metric: string;
  name: string;
  unit: Unit;
  better: Better | null;
  period: string | null;
  /** The `--by` columns. */
  by: string[];
  /** The overall (unsegmented) value the limits are centred on; null without one. */
  overall: number | null;
  /** The two-sided level of the limits (the run's confidence). */
  confidence: number;
  /** Best first (by `better`; highest first when the metric has no better side); segments without a value last. */
  rows: RankRow[];
}

export interface RankRow {
  /** 1 = best; null for a segment without a value. */
  position: number | null;
  segment: Record<string, string>;
  value: number | null;
  n: number;
  ci: [number, number] | null;
  /** The funnel limits at this segment's n; null where the metric has no spread to build them from. */
  limits: [number, number] | null;
  /** Outside the limits above or below, inside them, or null without limits. */
  flag: 'above' | 'below' | 'within' | null;
}

export interface CompositeComponent {
  target: string;
  /** The weight as configured; the index normalises weights over the components that have data. */
  weight: number;
  /** 0–100: 100 when met, less the further the value missed; null without data. */
  score: number | null;
  /** The component target's verdict; null for a roll-up's components, which are indexes. */
  status: TargetStatus | null;
  key: boolean;
}

export interface CompositeResult {
  id: string;
  name: string;
  /** Weighted mean of the component scores (0–100), or null when no component has data. */
  value: number | null;
  /** A domain roll-up's domain (`cx`, `ops`…), `total` for the Total Experience view, null for a configured composite. */
  domain: string | null;
  components: CompositeComponent[];
  /** The composite's own verdict: from its target, a breached key component, or missing data; null without a target or key. */
  status: TargetStatus | null;
  op: TargetOp | null;
  threshold: number | [number, number] | null;
  level: 'error' | 'warn' | null;
  outcome: Outcome | null;
}

export interface Summary {
  /** Verdicts counted: every target result, and every composite with a status. */
  targets: number;
  met: number;
  breached: number;
  inconclusive: number;
  no_data: number;
  status: Outcome;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  title: string | null;
  inputs: InputSummary[];
  results: Result[];
  targets: TargetResult[];
  composites: CompositeResult[];
  summary: Summary;
  /** Segment rankings, with `--rank` (and `--by`); absent otherwise. */
  rank?: RankGroup[] | undefined;
}

/** What `xla inspect` reports about one file: how it is read, before any metric. */
export const INSPECT_SCHEMA = 'xla-inspect/1';

export interface InspectColumn {
  /** 0-based position. */
  index: number;
  name: string;
  /** The canonical field it feeds, or null. */
  field: string | null;
  /** How its values are read, when detected: `dd.MM.yyyy HH:mm`, `decimal comma`, `ms`… */
  format: string | null;
  /** The first few distinct non-empty values. */
  samples: string[];
  /** What its sampled values read as: `integer`, `number`, `date (dd.MM.yyyy)`, `yes/no`, `duration`, `text`, `empty`. */
  type: string;
  /** For a column feeding a duration: the unit its plain numbers are read in (`s`, `ms`, `min`, `h`) and where that came from; null otherwise. */
  unit: ColumnUnit | null;
  /** How its labels are read (`5-point agreement: Strongly disagree = 1 … Strongly agree = 5`); absent for a column without labels. */
  labels?: string | undefined;
  /** For a column that feeds a field: what bound it (its name, a preset's name, `--map`) and whether its sampled values fit the field. */
  binding: InspectBinding | null;
  /** The fields whose values its sampled values fit (text fields, which take any value, left out). */
  couldFeed: string[];
}

export interface InspectBinding {
  via: 'name' | 'preset' | 'map';
  /** `empty`: the sample holds no value of the column. */
  values: 'fit' | 'do not fit' | 'empty';
}

export interface InspectRejection {
  line: number | null;
  column: number | null;
  field: string | null;
  value: string;
  reason: string;
}

export interface InspectReport {
  schema: typeof INSPECT_SCHEMA;
  file: string;
  format: InputFormat;
  headerRows: number;
  preset: { id: string; name: string } | null;
  /** null when no column feeds a metric of any kind (nor of the kind given): the file cannot be scored as it is. */
  kind: Kind | null;
  columns: InspectColumn[];
  rows: number;
  accepted: number;
  rejected: number;
  notes: string[];
  /** The first rejected rows with reasons. */
  rejections: InspectRejection[];
}
