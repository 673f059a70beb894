/**
 * The shapes the score pipeline (score-inputs.ts) and its threads (run/parallel-jobs.ts) share: what a run
 * is asked for, what each input job is, and what it reports back. Types only, apart from both,
 * so that neither imports the other's types back.
 */
import type { InputQualityState } from '../metrics/data-quality.js';
import type { CustomerSettings, MetricContext } from '../metrics/types.js';
import type { PreparedSource, SourceInput } from './prepare-source.js';
import type { RejectRow } from '../report/rejects.js';
import type { Scorecard } from '../scorecard/engine.js';
import type { BaselineReport } from '../scorecard/baseline.js';
import type { InputSummary } from '../scorecard/model.js';
import type { CompositeRule, TargetRule } from '../scorecard/rules.js';
import type { Scales } from '../fields/types.js';
import type { NetIntervalMethod } from '../stats/intervals.js';
import type { Period } from '../time/periods.js';
import type { BusinessHoursRule } from '../time/business-time.js';

/** A value a row could not give, as --rejects lists it. */
export type RejectedValue = RejectRow;

/** `--where column=value`: rows whose column holds one of the values (values of one column are OR-ed). */
export interface WhereFilter {
  column: string;
  values: readonly string[];
}

/**
 * Which columns join survey responses to tickets (`--join SURVEY=TICKETS`, config `join:`): a
 * column name or a field id on each side. Without it a run with both kinds joins a survey's
 * `ticket_id` to the tickets' `id`.
 */
export interface JoinKeys {
  survey: string;
  tickets: string;
  /** How the user gave it, for errors: `--join` or `join`. */
  origin: '--join' | 'join';
}

export interface ScoreOptions {
  sources: readonly SourceInput[];
  stdin?: NodeJS.ReadableStream;
  /** IANA zone for timestamps without an offset and for period boundaries. */
  tz: string;
  /** Metric ids to compute; undefined = every metric the data can feed. */
  metrics?: readonly string[] | undefined;
  by: readonly string[];
  /** The report targets with `change:` compare with (`--baseline`, config `baseline:`). */
  baseline?: BaselineReport | undefined;
  /** Rank the `by` segments of each metric and period against funnel limits (report.rank). */
  rank?: boolean | undefined;
  period: Period | null;
  /** Inclusive start and exclusive end instants on the kind's date field. */
  from?: number | undefined;
  to?: number | undefined;
  /**
   * `--as-of`: the instant that decides "still open" (backlog, open-ticket SLA breaches); undefined:
   * `to`, else the newest event stamp of the data.
   */
  asOf?: number | undefined;
  where: readonly WhereFilter[];
  confidence: number;
  /** Net scores' and Apdex's interval and change test (config `method`); undefined: adjusted-wald. */
  netIntervalMethod?: NetIntervalMethod | undefined;
  /** Apdex threshold in seconds. */
  apdexT: number;
  /** Everyone who could use the product: adoption_rate's denominator; undefined: that metric does not apply. */
  population?: number | undefined;
  /** Config `customers:` (margin, discount rate) for CLV. */
  customers?: CustomerSettings | undefined;
  scales: Scales;
  /** Resolution targets per priority, in seconds, for sla_attainment. */
  sla?: Readonly<Record<string, number>>;
  /** First-response targets per priority, in seconds, for sla_attainment.first_response. */
  slaFirstResponse?: Readonly<Record<string, number>>;
  /** Channel values whose tickets ended without an agent (config `self_service_channels`), for self_service_rate. */
  selfServiceChannels?: readonly string[];
  /** Business hours on: the calendars and which ticket each times; undefined: calendar (24×7) time. */
  businessHours?: BusinessHoursRule | undefined;
  targets?: readonly TargetRule[];
  /** The join's key columns; undefined: the default join (run/join.ts). */
  join?: JoinKeys | undefined;
  composites?: readonly CompositeRule[];
  /** Targets without data warn instead of failing. */
  allowNoData?: boolean;
  title?: string | null;
  /** Warnings, notes and rejected values, one line each, for stderr. */
  onDiagnostic?: (message: string) => void;
  /**
   * Every rejected row or value, in reading order (for `--rejects`). Nothing else keeps them: in
   * a run on several threads, each part spools its own to a temporary file until the parts
   * before it are passed on.
   */
  onRejection?: (rejection: RejectedValue) => void;
  /** The first rejected row or value of each input, in input order (for `--strict`); costs nothing to ask for. */
  onFirstRejection?: (rejection: RejectedValue) => void;
  /** Called once scoring is done with what the scorecard held (groups, numbers kept). */
  onFootprint?: (footprint: { groups: number; storedValues: number }) => void;
  /** Called every few thousand rows with how far reading has got (for a progress line). */
  onProgress?: (progress: InputProgress) => void;
  /**
   * Threads that score several files at once (the main one included); undefined = one per core.
   * One file, standard input or 1 keeps everything on the main thread.
   */
  jobs?: number | undefined;
  /** Scored for an xla-partial/1 document (scorePartial): each input counts its own quality, and a join is refused. */
  partial?: boolean | undefined;
  /** How the work was shared out, for XLA_DEBUG=1. */
  onDebug?: ((message: string) => void) | undefined;
}

export interface InputProgress {
  file: string;
  bytesRead: number;
  totalBytes: number | undefined;
  rows: number;
}

/** What scoring one input reports as it goes: diagnostics, rejections, progress; and its source once prepared. */
export interface InputHooks {
  onDiagnostic?: ((message: string) => void) | undefined;
  onRejection?: ((rejection: RejectedValue) => void) | undefined;
  onProgress?: ((progress: InputProgress) => void) | undefined;
  onPrepared?: ((source: PreparedSource) => void) | undefined;
}

/**
 * Every setting of a run that changes a number of its report, as plain data: what each input job
 * is scored with, and what an `xla-partial/1` document (run/partial.ts) records so that `xla merge`
 * can rebuild the run's scorecards and refuse partials of another run.
 */
export interface RunSettings {
  metricIds: readonly string[];
  metricContext: MetricContext;
  confidence: number;
  by: readonly string[];
  period: Period | null;
  tz: string;
  scales: Scales;
  from: number | undefined;
  to: number | undefined;
  /** ScoreOptions#asOf. */
  asOf: number | undefined;
  /**
   * ScoreOptions#businessHours, as plain data: the thread that scores the job builds the calendars
   * (`metricContext.businessTime`, which cannot cross threads, is left out of the job).
   */
  businessHours: BusinessHoursRule | undefined;
  where: readonly WhereFilter[];
  targets: readonly TargetRule[];
  /** What the report tail judges and shows besides the scorecards (ScoreOptions of the same names). */
  composites: readonly CompositeRule[];
  allowNoData: boolean;
  title: string | null;
  rank: boolean;
}

/**
 * Everything scoring one input needs, as plain data: it crosses to a worker thread as it is
 * (metrics travel as ids; the worker finds them in the registry).
 */
export interface InputJob extends RunSettings {
  input: SourceInput;
  /** Whether the input counts its own quality (inputs[].quality); false when the run's results hold it (run/input-quality.ts). */
  ownQuality: boolean;
}

/** One input (or part of one) scored: its summary, its own scorecards (the run's plan, then one per target), what the reader noted. */
export interface ScoredInput {
  summary: InputSummary;
  scorecard: Scorecard;
  views: Scorecard[];
  /** The newest event stamp (epoch ms) of the rows read, sla_due_at aside (a deadline, not an event); −Infinity for none. */
  newestStamp: number;
  /** Data quality over every row the input gave (inputs[].quality), finished once the run's as-of is known. */
  quality: InputQualityState;
  notes: readonly string[];
  /** The text ended inside a quoted field: a part that should end at a record boundary did not. */
  endedInsideQuotes: boolean;
}

/** Rows between progress callbacks: often enough for a smooth line, rare enough to cost nothing. */
