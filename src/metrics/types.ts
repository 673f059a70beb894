import type { Checkpoints } from './stamp-counts.js';
import type { NetIntervalMethod } from '../stats/intervals.js';
import type { CanonicalRow, FieldId, Kind, Scales } from '../fields/types.js';
import type { BusinessCalendar } from '../time/business-hours.js';

/**
 * Business hours on (metrics.md §3.7): the run's calendars, built in each thread (they hold a
 * holiday predicate, which cannot cross threads). A row's `calendar` picks one; a row without
 * one takes `fallback`; null there: the ticket is left out of business-time metrics (counted).
 */
export interface BusinessTime {
  readonly calendars: readonly BusinessCalendar[];
  readonly fallback: number | null;
}

/** Experience domains (architecture.md); `ops` is operational numbers tied to experience. */
export type Domain = 'cx' | 'ex' | 'ux' | 'mx' | 'ops' | 'value' | 'data';

/**
 * The unit a metric's value is expressed in (JSON carries the plain number):
 * points: a net score −100…+100; %: 0–100; score: a mean on the question's own scale;
 * index: a 0–100 questionnaire score that is not a percentage (SUS, UMUX-Lite, ESI);
 * s / ms: durations; count: a whole number; ratio: a plain quotient; apdex: 0–1;
 * money: an amount in the currency of the input's money columns (xla converts none).
 */
export type Unit = 'points' | '%' | 'score' | 'index' | 's' | 'ms' | 'count' | 'ratio' | 'apdex' | 'money';

export type Better = 'higher' | 'lower';

/** Which interval a metric reports (metrics.md §6.6). */
export type IntervalMethod = 'nps-adjusted-wald' | 'wilson' | 't' | 'apdex-adjusted-wald' | 'none';

export interface MetricContext {
  scales: Scales;
  /** Apdex threshold T in seconds. */
  apdexT: number;
  /** Resolution targets per priority value, in seconds (config `sla`), for sla_attainment. */
  sla: Readonly<Record<string, number>>;
  /** First-response targets per priority value, in seconds (config `sla: { P1: { first_response } }`); undefined: none. */
  slaFirstResponse?: Readonly<Record<string, number>> | undefined;
  /**
   * Where a scorecard will finish its states (period ends, `--to`), set by the scorecard: a metric
   * may then keep counts at those instants instead of every stamp. Undefined: any instant.
   */
  checkpoints?: Checkpoints | undefined;
  /** The interval and change test of net scores and Apdex (config `method`); undefined: adjusted-wald. */
  netIntervalMethod?: NetIntervalMethod | undefined;
  /** Durations and SLA targets in working time; undefined: calendar (24×7) time. */
  businessTime?: BusinessTime | undefined;
  /** Config `customers:` (margin, discount_rate), for CLV; undefined: revenue-only CLV, the default discount rate. */
  customers?: CustomerSettings | undefined;
  /** The run's IANA zone (`--tz`), set by the scorecard: calendar days and months of per-day metrics (active users) are its wall-clock days. */
  tz?: string | undefined;
  /**
   * Everyone who could use the product (`--population`, config `population`): adoption_rate's
   * denominator; undefined: a customers file in the run is, else that metric does not apply.
   */
  population?: number | undefined;
  /** The kinds of the run's inputs: a metric may take another input of the run as its population (adoption from a customers file). */
  runKinds?: readonly Kind[] | undefined;
  /** Config `self_service_channels`, as written: channels whose tickets end without an agent (self_service_rate). */
  selfServiceChannels?: readonly string[] | undefined;
}

/** Config `customers:`: what CLV needs beyond the data (metrics.md §5.3). */
/** The CLV forms of metrics.md §5.3; config `customers.clv` picks the one the `clv` result reports. */
export const CLV_FORMS = ['subscription', 'purchase', 'discounted'] as const;
export type ClvForm = (typeof CLV_FORMS)[number];

export interface CustomerSettings {
  /** The form the `clv` result (and ltv_cac_ratio) reports; undefined: subscription. */
  clv?: ClvForm | undefined;
  /** Gross margin as a fraction, 0 < m ≤ 1; undefined: CLV on revenue alone, labelled `revenue-only`. */
  margin?: number | undefined;
  /** Discount rate per period for the discounted CLV, 0 ≤ d < 1; undefined: the default (metrics/customers.ts). */
  discountRate?: number | undefined;
}

export interface FinishContext {
  /** Confidence level in (0, 1); 0 means no intervals. */
  confidence: number;
  /**
   * The instant (epoch ms) "now" means for this group: the end of its period, else the end of the
   * data (`--to` or the latest timestamp seen). Used by `backlog` and open-ticket SLA breaches.
   */
  asOf: number | undefined;
  /**
   * Where this group's window opens (epoch ms, inclusive): its period's start, or `--from` when
   * later; `--from` alone for a group without period; undefined: no bound (the data's first instant).
   * Retention's "customers at the start" and active users' "every calendar day" count from it.
   */
  windowStart?: number | undefined;
  /**
   * Where this group's period ends (epoch ms, exclusive): an `asOf` at it is the period's edge, not
   * a day of it. Undefined for a group without a period. Active users' last day is the one before.
   */
  windowEnd?: number | undefined;
}

/** What a metric's accumulator reports for one group. */
export interface MetricValue {
  /** null when no data fed the metric (never NaN or Infinity). */
  value: number | null;
  /** Observations the value stands on (cli.md "n"). */
  n: number;
  ci: readonly [number, number] | null;
  /** What a later significance test needs (counts; or n, mean, sd), plus metric-specific notes. */
  detail?: Readonly<Record<string, number | string | null>>;
  /**
   * The value per canonical field, for measures of the fields themselves (data completeness and
   * validity): each becomes a result of its own whose segment adds `field` (metrics.md §5.6).
   */
  byField?: readonly FieldValue[];
}

/** A metric's value over one field's cells (MetricValue#byField). */
export interface FieldValue {
  field: FieldId;
  value: MetricValue;
}

/**
 * A pure, mergeable accumulator. `add` mutates the state it was given (states are owned by one
 * group, so this is safe and keeps the hot path allocation-free); `merge` may mutate and return `a`,
 * and may keep references into `b` instead of copying it (percentile buffers do), so `b` must not
 * be added to afterwards: merge only states that are final, as the scorecard does at the end.
 * Law (property-tested): finish(merge(acc(xs), acc(ys))) equals finish(acc(xs ++ ys)).
 */
export interface Accumulator<S> {
  init(): S;
  add(state: S, row: CanonicalRow): void;
  merge(a: S, b: S): S;
  finish(state: S, ctx: FinishContext): MetricValue;
}

/** How a report colours a published rating: the source's own words stay as the label. */
export type Judgement = 'good' | 'fair' | 'bad';

export interface Band {
  /** The rating as its source spells it (`Good`, `needs-improvement`); reports print it. */
  label: string;
  judgement: Judgement;
}

export interface BoundedBand extends Band {
  /** The edge of the band on the worse side; a value exactly on it is in this band (metrics.md §0). */
  bound: number;
}

/**
 * A published rating scale (Apdex bands, web-vitals ratings), never an invented one. `at-least`:
 * a band holds the values ≥ its bound (higher is better); `at-most`: the values ≤ its bound. The
 * bounded bands run best first; a value that meets none is `otherwise`.
 */
export interface Bands {
  bound: 'at-least' | 'at-most';
  steps: readonly BoundedBand[];
  otherwise: Band;
}

/**
 * A target `xla init` writes into the starter file when the data can feed the metric: a common
 * starting point to edit, not a standard.
 */
export interface ExampleTarget {
  /**
   * Preference among every metric's example (lowest first): the starter takes the first few the
   * data can feed. Unique across the registry (tested).
   */
  rank: number;
  id: string;
  name: string;
  /** As a config writes it (`>= 85%`). */
  target: string;
  /** Survey answers are noisy in small numbers: a minimum sample, or the interval as the basis. */
  minN?: number;
  basis?: 'interval' | 'lenient';
}

export interface MetricDef<S = unknown> {
  /** Stable id used on the command line, in configs and in JSON (`resolution_time.p90`). */
  id: string;
  name: string;
  domain: Domain;
  /** Kinds of data that can feed it (`csat` comes from surveys and from tickets' `satisfaction`). */
  kinds: readonly Kind[];
  unit: Unit;
  /** The values it takes where its unit does not say (`score`: "1–5, the CSAT scale"); else the unit's range. */
  scale?: string;
  better: Better | null;
  /**
   * Fields the metric needs, as alternatives: the metric applies to a source when every field of
   * at least one alternative is mapped. `[['converted'], ['conversions', 'visitors']]`.
   */
  requires: readonly (readonly FieldId[])[];
  /** What the metric needs, in words, where `requires` alone would mislead ("no input can feed …"): its settings-dependent inputs. */
  needs?: string;
  /** Alternatives that only the run's settings make possible (sla_attainment from config `sla`). */
  requiresWith?: (ctx: MetricContext) => readonly (readonly FieldId[])[];
  /** One line for `xla metrics` and the docs. */
  formula: string;
  interval: IntervalMethod;
  /** The published rating the value gets in `detail` (`band`, `rating`), when the metric has one. */
  bands?: Bands;
  /**
   * How sources commonly read the value when they publish no rating scale xla applies
   * (`> 0 good, > 50 excellent`): for the docs only.
   */
  reading?: string;
  /**
   * Where the standard definition comes from (metrics.md §8): publications, pages, libraries.
   * None for xla's own measures (`tickets`, `pages_per_session`): the formula is the definition.
   */
  sources?: readonly string[];
  example?: ExampleTarget;
  /**
   * True for metrics whose value at the end of a period depends on earlier periods (`backlog`):
   * the scorecard feeds them every row of the segment and finishes them per period with `asOf`.
   */
  spansPeriods?: boolean;
  /**
   * Metrics with the same key keep ONE state per group (their init/add/merge must be the same;
   * only finish differs): the median and p90 of a duration share one buffer of values.
   */
  sharedState?: string;
  /**
   * The metric also reports one value per bound field (MetricValue#byField): a target's `where:
   * { field: … }` and `each: field` pick among them (scorecard/field-targets.ts).
   */
  byField?: boolean;
  /**
   * Its state holds an entry for every user seen (active users): parts of one file cut for threads
   * would each keep nearly every user, and merging them cost more than the second thread saved
   * (10M events: 33 s and 616 MB on two threads against 26 s and 356 MB on one; bench/RESULTS.md,
   * "Product usage"). A run with such a metric reads a single file on one thread.
   */
  statePerUser?: boolean;
  create(ctx: MetricContext): Accumulator<S>;
}
