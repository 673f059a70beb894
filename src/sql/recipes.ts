/**
 * The metrics the SQL pushdown computes, and for each the aggregate columns of its state: what
 * the SQL counts and sums per group, and how those columns become the very state the metric's
 * accumulator would have built row by row (metrics/accumulators.ts). One table, read by the
 * generator (generate.ts) and by the decoder (states.ts), so the two cannot drift apart.
 */
import type { FieldId } from '../fields/types.js';
import type { Scales } from '../fields/scales.js';
import { PASSIVE_MIN, PROMOTER_MIN } from '../metrics/accumulators.js';
import { scaleMidpoint, topTwoBoxFloor } from '../metrics/survey.js';
import { NOT_REACHED, NOT_REACHED_COLUMN, REACHED_COLUMN, TIME_TO_VALUE_COLUMN } from './customers.js';
import { BOOK_FIELDS, BOOK_METRIC_IDS, bookTuples } from './customer-book.js';
import { ANALYTICS_RECIPES, type AnalyticsState, type PartContext } from './analytics.js';
import { surveyRecipes, type SurveyShape } from './survey.js';
import { QUALITY_RECIPES, type QualityShape } from './quality.js';
import { secondsSquares, secondsSum, type SlaClock } from './tickets.js';
import { OPEN_INTERVAL_PARTS, REQUESTER_CHANNEL_FIELDS, REQUESTER_CHANNEL_PARTS } from './backlog-channels.js';
import { USAGE_METRIC_IDS, USAGE_PARTS } from './usage.js';
import { CUSTOMER_ROW_FIELDS } from './usage-customers.js';

/** An aggregate of one value column: its name suffix and its SQL over `value` (a quoted column of exact numbers). */
export interface StatePart {
  suffix: string;
  /**
   * `count`: a whole number; `decimal`: an exact decimal, returned as text; `values`: the group's
   * values in ascending order as one list, returned as text (the dialect writes the aggregate);
   * `tuples`: the group's entities as a JSON list of tuples of texts, written whole by the part
   * (Dialect.tupleListText; sql/tuples.ts reads it back).
   */
  type: 'count' | 'decimal' | 'values' | 'tuples';
  /**
   * Over `value`, and for a duration `reason`: why a row has no duration ('open', 'closed',
   * 'unreadable'); an analytics part reads its fields through `context` (analytics.ts).
   */
  aggregate: (value: string, reason: string, context?: PartContext) => string;
}

export type RecipeShape =
  | 'net'
  | 'share'
  | 'moments'
  | 'count'
  | 'durations'
  | 'duration-moments'
  | 'resolved-rate'
  | 'self-service'
  | 'sla'
  | 'sla-feelings'
  | 'reached-durations'
  | 'reached-moments'
  | 'analytics'
  | EntityShape
  | 'customer-book'
  | 'customer-tenure'
  | SurveyShape
  | QualityShape;

/**
 * States kept per entity, from each group's tuples: a ticket's open interval, a requester's channels
 * (backlog-channels.ts), a user's active days (usage.ts).
 */
export type EntityShape = 'open-intervals' | 'requester-channels' | 'usage';

export interface Recipe {
  shape: RecipeShape;
  /** The fields read, the first bound one wins per row (CSAT: a survey's `csat`, else a ticket's `satisfaction`); none for a count of rows. */
  fields: readonly FieldId[];
  parts: (scales: Scales) => readonly StatePart[];
  /** A duration's end stamp: the value is `end − created_at` in milliseconds (generate.ts). */
  end?: DurationEnd;
  /** The metrics' shared state (MetricDef.sharedState): its columns are named once, after it (tenure.mean reads the customer book's so). */
  sharedState?: string;
  /**
   * A rate over resolved tickets (tickets.ts resolvedProportion): from a count field and a yes/no
   * field (each a column of accepted values, or NULL when unbound), whether the row has the
   * outcome's information at all, and whether it is a success.
   */
  outcome?: { known: (count: string, flag: string) => string; success: (count: string, flag: string) => string };
  /** The fields are whole numbers read at 38 digits (generate.ts), not as the answers' 12-digit decimal. */
  whole?: boolean;
  /** An SLA attainment: `value` is the ticket's due instant in ms, `reason` its verdict (sql/tickets.ts slaVerdict). */
  clock?: SlaClock;
  /** The answers' columns the parts aggregate, where a family computes them itself (customers.ts: time to value). */
  columns?: { value: string; reason: string };
  /** Judged at "now": without --as-of (or --to) the rows carry the newest event stamps (generate.ts), as for the SLA clocks. */
  now?: boolean;
  /** The analytics metrics' states (analytics.ts), read from several fields per row. */
  analytics?: AnalyticsState;
  /** Survey family (survey.ts): its fields' values xla reads and the SQL does not are counted, and refused. */
  countsUnread?: boolean;
  /** Survey family (and the customer book, which reads its own columns): the row's value and reason from its fields' accepted values and whether each holds a value xla rejects (or each part's own aggregate). */
  row?: (
    value: (field: FieldId) => string,
    touched: (field: FieldId) => string,
  ) => { value: string; reason: string; aggregate?: (suffix: string) => string };
}

/** The stamps a duration ends at (metrics/tickets.ts durationMetrics). */
export type DurationEnd = 'resolved_at' | 'first_response_at';

const countWhere = (condition: (value: string) => string) => (value: string) => `COUNT(CASE WHEN ${condition(value)} THEN 1 END)`;

/** Promoters 9–10, passives 7–8, detractors 0–6: the bounds of netScore. */
const NET_PARTS: readonly StatePart[] = [
  { suffix: 'promoters', type: 'count', aggregate: countWhere((value) => `${value} >= ${PROMOTER_MIN}`) },
  { suffix: 'passives', type: 'count', aggregate: countWhere((value) => `${value} >= ${PASSIVE_MIN} AND ${value} < ${PROMOTER_MIN}`) },
  { suffix: 'detractors', type: 'count', aggregate: countWhere((value) => `${value} < ${PASSIVE_MIN}`) },
];

/** Successes x among the n answers: the Tally of proportionOf. */
function shareParts(condition: (value: string) => string): readonly StatePart[] {
  return [
    { suffix: 'x', type: 'count', aggregate: countWhere(condition) },
    { suffix: 'n', type: 'count', aggregate: (value) => `COUNT(${value})` },
  ];
}

/** n, Σx and Σx² exactly: the Moments of mean (stats/moments.ts); numbers only, as survey.ts declares its parts. */
const MOMENT_PARTS: readonly (StatePart & { type: 'count' | 'decimal' })[] = [
  { suffix: 'n', type: 'count', aggregate: (value) => `COUNT(${value})` },
  { suffix: 'sum', type: 'decimal', aggregate: (value) => `SUM(${value})` },
  { suffix: 'squares', type: 'decimal', aggregate: (value) => `SUM(${value} * ${value})` },
];

// Every recipe that reads numbers counts the cells xla reads and the SQL does not (unread.ts:
// `1e1`, `1,234`), so that a report never differs in silence.
const net = (field: FieldId): Recipe => ({ shape: 'net', fields: [field], parts: () => NET_PARTS, countsUnread: true });
const moments = (...fields: FieldId[]): Recipe => ({ shape: 'moments', fields, parts: () => MOMENT_PARTS, countsUnread: true });
const topTwoBox = (scale: keyof Scales, ...fields: FieldId[]): Recipe => ({
  shape: 'share',
  fields,
  countsUnread: true,
  parts: (scales) => shareParts((value) => `${value} >= ${topTwoBoxFloor(scales[scale])}`),
});

/** The rows of the group: count() (a ticket is a row). */
const ROW_COUNT: Recipe = { shape: 'count', fields: [], parts: () => [{ suffix: 'rows', type: 'count', aggregate: () => 'COUNT(*)' }] };

/** Tickets without a duration, by why (accumulators.ts countingOpen): excluded_open, excluded_closed, excluded_unreadable. */
const MISSING_END_PARTS: readonly StatePart[] = (['open', 'closed', 'unreadable'] as const).map((why): StatePart => ({
  suffix: `excluded_${why}`,
  type: 'count',
  aggregate: (_, reason) => `COUNT(CASE WHEN ${reason} = '${why}' THEN 1 END)`,
}));

/**
 * A percentile of `end − created_at` (resolution_time.median …): the group's durations as one
 * sorted list of milliseconds, and the tickets left out by why (accumulators.ts countingOpen), so
 * the state is the ValueBuffer streaming builds and the quantile is xla's own (type 7), exact.
 */
const DURATION_PARTS: readonly StatePart[] = [{ suffix: 'ms', type: 'values', aggregate: (value) => value }, ...MISSING_END_PARTS];

/**
 * `<prefix>.mean` (tickets.ts durationMetrics): n, Σx and Σx² of the same durations in seconds
 * (sql/tickets.ts), inside the excluded counts, as ticketDuration nests them.
 */
const DURATION_MOMENT_PARTS: readonly StatePart[] = [
  { suffix: 'n', type: 'count', aggregate: (value) => `COUNT(${value})` },
  { suffix: 'sum', type: 'decimal', aggregate: secondsSum },
  { suffix: 'squares', type: 'decimal', aggregate: secondsSquares },
  ...MISSING_END_PARTS,
];

const durationMean = (end: DurationEnd): Recipe => ({
  shape: 'duration-moments',
  fields: ['created_at', end],
  parts: () => DURATION_MOMENT_PARTS,
  end,
});

const duration = (prefix: string, end: DurationEnd): Recipe => ({
  shape: 'durations',
  fields: ['created_at', end],
  parts: () => DURATION_PARTS,
  end,
  sharedState: `${prefix}.values`,
});

/**
 * x of n resolved tickets with the outcome, and those with it but open or of unknown resolution
 * (the ResolvedTally): `value` is the row's outcome (1, 0, NULL: no information), `reason` its
 * resolution ('resolved', 'open', 'unknown'; generate.ts).
 */
const RESOLVED_RATE_PARTS: readonly StatePart[] = [
  { suffix: 'x', type: 'count', aggregate: (value, reason) => `COUNT(CASE WHEN ${reason} = 'resolved' AND ${value} = 1 THEN 1 END)` },
  { suffix: 'n', type: 'count', aggregate: (value, reason) => `COUNT(CASE WHEN ${reason} = 'resolved' THEN ${value} END)` },
  { suffix: 'open', type: 'count', aggregate: (value, reason) => `COUNT(CASE WHEN ${reason} = 'open' THEN ${value} END)` },
  { suffix: 'unknown', type: 'count', aggregate: (value, reason) => `COUNT(CASE WHEN ${reason} = 'unknown' THEN ${value} END)` },
];

const resolvedRate = (count: FieldId, flag: FieldId, success: (count: string, flag: string) => string): Recipe => ({
  shape: 'resolved-rate',
  fields: [count, flag],
  parts: () => RESOLVED_RATE_PARTS,
  countsUnread: true,
  outcome: { known: (c, f) => `(${c} IS NOT NULL OR ${f} IS NOT NULL)`, success },
});

const CSAT_FIELDS: readonly FieldId[] = ['csat', 'satisfaction'];

/** The customers left out as not reached yet (customers.ts notReached). */
const NOT_REACHED_PART: StatePart = {
  suffix: 'excluded_not_reached',
  type: 'count',
  aggregate: (_, reason) => `COUNT(CASE WHEN ${reason} = '${NOT_REACHED}' THEN 1 END)`,
};

const TIME_TO_VALUE_COLUMNS = { value: TIME_TO_VALUE_COLUMN, reason: NOT_REACHED_COLUMN };

/** Time to value's durations in ms, sorted, and the customers left out as not reached yet (the ValueBuffer of customers.ts). */
const TIME_TO_VALUE: Recipe = {
  shape: 'reached-durations',
  fields: [],
  parts: () => [{ suffix: 'ms', type: 'values', aggregate: (value) => value }, NOT_REACHED_PART],
  sharedState: 'time_to_value.values',
  columns: TIME_TO_VALUE_COLUMNS,
};

/** time_to_value.mean: n, Σx and Σx² of the same seconds, exact (sql/tickets.ts, as the ticket means), and those not reached yet. */
const TIME_TO_VALUE_MEAN: Recipe = {
  shape: 'reached-moments',
  fields: [],
  parts: () => [
    { suffix: 'n', type: 'count', aggregate: (value) => `COUNT(${value})` },
    { suffix: 'sum', type: 'decimal', aggregate: secondsSum },
    { suffix: 'squares', type: 'decimal', aggregate: secondsSquares },
    NOT_REACHED_PART,
  ],
  columns: TIME_TO_VALUE_COLUMNS,
};

/**
 * met, breached, unreadable and in-flight tickets, and the due instants (ms, sorted) of the open
 * ones: the SlaState streaming builds (tickets.ts slaAttainment), which judges those at asOf.
 */
const SLA_PARTS: readonly StatePart[] = [
  ...(['met', 'breached', 'unreadable', 'in_flight'] as const).map((verdict): StatePart => ({
    suffix: verdict,
    type: 'count',
    aggregate: (_, reason) => `COUNT(CASE WHEN ${reason} = '${verdict}' THEN 1 END)`,
  })),
  { suffix: 'open_due', type: 'values', aggregate: (value, reason) => `CASE WHEN ${reason} = 'open' THEN ${value} END` },
];

/** Read from made_sla (resolution only), sla_due_at (resolution only) or the config targets, and the stamps. */
const sla = (clock: SlaClock): Recipe => ({
  shape: 'sla',
  fields: clock === 'resolution' ? ['made_sla'] : [],
  parts: () => SLA_PARTS,
  clock,
});

/**
 * Answered tickets by resolution verdict and feeling, and the due instants (ms, sorted) of the open
 * ones per feeling: the WatermelonState both rates share (watermelon.ts). `reason` is the ticket's
 * `verdict/feeling` (sql/tickets.ts verdictWithFeeling), `value` its due instant.
 */
const SLA_FEELING_PARTS: readonly StatePart[] = [
  ...(['met', 'breached'] as const).flatMap((verdict): StatePart[] => [
    {
      suffix: `${verdict}_answered`,
      type: 'count',
      aggregate: (_, reason) => `COUNT(CASE WHEN ${reason} IN ('${verdict}/happy', '${verdict}/unhappy', '${verdict}/neutral') THEN 1 END)`,
    },
    ...(['happy', 'unhappy'] as const).map((feeling): StatePart => ({
      suffix: `${verdict}_${feeling}`,
      type: 'count',
      aggregate: (_, reason) => `COUNT(CASE WHEN ${reason} = '${verdict}/${feeling}' THEN 1 END)`,
    })),
  ]),
  ...(['happy', 'unhappy', 'neutral'] as const).map((feeling): StatePart => ({
    suffix: `open_${feeling}`,
    type: 'values',
    aggregate: (value, reason) => `CASE WHEN ${reason} = 'open/${feeling}' THEN ${value} END`,
  })),
];

/** watermelon_rate, happy_breach_rate: the resolution clock's verdict (made_sla, sla_due_at, the targets) and an answer. */
const SLA_FEELINGS: Recipe = {
  shape: 'sla-feelings',
  fields: ['made_sla', 'nps', 'csat', 'satisfaction'],
  parts: () => SLA_FEELING_PARTS,
  clock: 'resolution',
  sharedState: 'sla_feelings',
};

/** backlog and backlog.age.p90: each ticket's open interval, in columns named once (backlog-channels.ts); judged at "now". */
const OPEN_INTERVALS: Recipe = {
  shape: 'open-intervals',
  fields: [],
  parts: () => OPEN_INTERVAL_PARTS,
  sharedState: 'backlog.intervals',
  now: true,
};

/**
 * The customer book (sql/customer-book.ts): each group's rows as tuples, read back through the
 * metrics' own accumulators. tenure.mean reads the same column (named after the book) for its own state.
 */
const customerRows = (shape: 'customer-book' | 'customer-tenure', fields: readonly FieldId[]): Recipe => ({
  shape,
  fields,
  parts: () => [
    { suffix: 'rows', type: 'tuples', aggregate: (_value, _reason, context) => bookTuples(context?.dialect ?? missingDialect()) },
  ],
  sharedState: 'customers.book',
  countsUnread: true,
});

const missingDialect = (): never => {
  throw new Error('sql: the customer book needs the dialect');
};

const CUSTOMER_BOOK = customerRows('customer-book', BOOK_FIELDS);

/** Metric id → recipe, in the registry's order. */
export const RECIPES: ReadonlyMap<string, Recipe> = new Map<string, Recipe>([
  ['nps', net('nps')],
  ['csat', topTwoBox('csat', ...CSAT_FIELDS)],
  ['csat.mean', moments(...CSAT_FIELDS)],
  ['ces', moments('ces')],
  [
    'ces.easy',
    {
      shape: 'share',
      fields: ['ces'],
      parts: (scales) => shareParts((value) => `${value} > ${scaleMidpoint(scales.ces)}`),
      countsUnread: true,
    },
  ],
  ['enps', net('enps')],
  ['happiness', net('happiness')],
  ['rating', moments('rating')],
  ['rating.positive', topTwoBox('rating', 'rating')],
  ['tickets', ROW_COUNT],
  ['first_response_time.mean', durationMean('first_response_at')],
  ['first_response_time.median', duration('first_response_time', 'first_response_at')],
  ['first_response_time.p90', duration('first_response_time', 'first_response_at')],
  ['resolution_time.mean', durationMean('resolved_at')],
  ['resolution_time.median', duration('resolution_time', 'resolved_at')],
  ['resolution_time.p90', duration('resolution_time', 'resolved_at')],
  ['sla_attainment', sla('resolution')],
  ['sla_attainment.first_response', sla('first_response')],
  // Reopened at least once: reopen_count ≥ 1 or reopened (tickets.ts reopen_rate).
  ['reopen_rate', resolvedRate('reopen_count', 'reopened', (count, flag) => `(COALESCE(${count}, 0) >= 1 OR COALESCE(${flag}, FALSE))`)],
  // Resolved in one contact: contacts = 1 or fcr (tickets.ts fcr_rate).
  ['fcr_rate', resolvedRate('contacts', 'fcr', (count, flag) => `(COALESCE(${count} = 1, FALSE) OR COALESCE(${flag}, FALSE))`)],
  // Counts up to 2^53 (kinds/tickets.ts): read whole, past the 12 digits of an answer's decimal (generate.ts).
  ['reassignments.mean', { ...moments('reassignment_count'), whole: true }],
  // Resolved without an agent by the self_service cell (mx.ts); a config list of channels is refused (sql-plan.ts).
  [
    'self_service_rate',
    {
      shape: 'self-service',
      fields: ['self_service'],
      parts: () => RESOLVED_RATE_PARTS,
      outcome: { known: (flag) => `${flag} IS NOT NULL`, success: (flag) => flag },
    },
  ],
  ['watermelon_rate', SLA_FEELINGS],
  ['backlog', OPEN_INTERVALS],
  ['backlog.age.p90', OPEN_INTERVALS],
  ['channel_switch_rate', { shape: 'requester-channels', fields: REQUESTER_CHANNEL_FIELDS, parts: () => REQUESTER_CHANNEL_PARTS }],
  ['happy_breach_rate', SLA_FEELINGS],
  ['time_to_value.median', TIME_TO_VALUE],
  ['time_to_value.p90', TIME_TO_VALUE],
  ['time_to_value.mean', TIME_TO_VALUE_MEAN],
  // Customers with a start who reached value (1), of those with a start and no rejected first_value_at.
  [
    'time_to_value.reached',
    {
      shape: 'share',
      fields: [],
      parts: () => [
        { suffix: 'x', type: 'count', aggregate: countWhere((value) => `${value} = 1`) },
        { suffix: 'n', type: 'count', aggregate: (value) => `COUNT(${value})` },
      ],
      columns: { value: REACHED_COLUMN, reason: NOT_REACHED_COLUMN },
    },
  ],
  // Customers who ordered more than once, of those with at least one order (customers.ts repeat_rate).
  [
    'repeat_rate',
    {
      shape: 'share',
      fields: ['orders'],
      parts: () => [
        { suffix: 'x', type: 'count', aggregate: countWhere((value) => `${value} > 1`) },
        { suffix: 'n', type: 'count', aggregate: countWhere((value) => `${value} >= 1`) },
      ],
      countsUnread: true,
    },
  ],
  ...BOOK_METRIC_IDS.map((id): [string, Recipe] => [
    id,
    id === 'tenure.mean' ? customerRows('customer-tenure', ['tenure']) : CUSTOMER_BOOK,
  ]),
  ...ANALYTICS_RECIPES,
  ...surveyRecipes(MOMENT_PARTS, countWhere),
  // Each user's active days (sql/usage.ts): the columns usage.ts reads; `fields` are a customers file's (usage-customers.ts).
  ...USAGE_METRIC_IDS.map((id): [string, Recipe] => [
    id,
    { shape: 'usage', fields: CUSTOMER_ROW_FIELDS, parts: () => USAGE_PARTS, sharedState: 'usage_days' },
  ]),
  ...QUALITY_RECIPES,
]);

/** The ids the SQL pushdown computes, for messages and the README. */
export const SQL_METRIC_IDS: readonly string[] = [...RECIPES.keys()];

/**
 * The result column of a metric's state part: `csat.mean` → `csat_mean__sum`; metrics that share
 * a state share its columns (`resolution_time.median` → `resolution_time_values__ms`).
 */
export function partColumn(metricId: string, part: StatePart): string {
  const name = RECIPES.get(metricId)?.sharedState ?? metricId;
  return `${name.replaceAll('.', '_')}__${part.suffix}`;
}
