/**
 * The shape of the XLA file (spec: config.md) as zod schemas. Every object is strict: a typo such as
 * `metirc` must fail loudly, never silently drop a target. These schemas check each key on its own;
 * what depends on other keys (a target's unit comes from its metric, components name targets) is
 * checked by resolve.ts. The JSON Schema editors use is generated from `configSchema`, so the
 * `.describe()`/`.meta()` texts here are what an editor shows on hover.
 */
import { z } from 'zod';
import type { core } from 'zod';
import { KINDS, type Scales } from '../fields/types.js';
import { SCALE_DEFINITIONS } from '../fields/scales.js';
import { DURATION_FIELDS, PLAIN_DURATION_UNITS } from '../fields/column-units.js';
import { METRICS, suggestMetricId } from '../metrics/registry.js';
import type { TargetBasis } from '../scorecard/model.js';
import { NET_INTERVAL_METHODS } from '../stats/intervals.js';
import { CLV_FORMS } from '../metrics/types.js';
import { PERIODS } from '../time/periods.js';
import { describeValue, didYouMean, unknownKeysMessage } from './issues.js';
import { TARGET_DEFAULTS } from './target.js';
import { calendarSchema, namedCalendarSchema } from './calendar.js';
import { checkTimeZone } from './time-zone.js';
import { CONFIDENCE_LEVELS, isConfidenceLevel } from './values.js';

const TARGET_BASES = ['point', 'interval', 'lenient', 'strict'] as const satisfies readonly TargetBasis[];
const TARGET_LEVELS = ['error', 'warn'] as const;
const INCONCLUSIVE_OUTCOMES = ['pass', 'warn', 'fail'] as const;

/** A strict object whose unknown keys get "did you mean" against its own keys. */
function strictObject<Shape extends core.$ZodLooseShape>(shape: Shape, what: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return unknownKeysMessage(issue.keys, known);
      if (issue.code === 'invalid_type' && issue.input !== undefined) return `expected ${what}, got ${describeValue(issue.input)}`;
      return undefined;
    },
  });
}

const isMapping = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

/**
 * A mapping whose keys are data (column names in `where`, names in `map`, target ids in
 * `components`, priority values in `sla`), read into a Map. zod's record skips a key named
 * `__proto__` without a word (it cannot put one on the object it builds), so a filter on a column
 * of that name would vanish; a Map keeps every key. json-schema.ts describes it as an object.
 */
function keyedMapping<Value extends z.ZodType>(value: Value) {
  return z.preprocess((input) => (isMapping(input) ? new Map(Object.entries(input)) : input), z.map(z.string(), value));
}

/**
 * A schema's own wording, `<expectation>, got <value>`; a missing key is left to explainIssue so
 * that it reads "missing (required)" everywhere.
 */
const saying =
  (expectation: string) =>
  (issue: { input: unknown }): string | undefined =>
    issue.input === undefined ? undefined : `${expectation}, got ${describeValue(issue.input)}`;

/** `"85"` for a scalar written where text with an operator was due; `a list` for the rest. */
const quoteScalar = (input: unknown): string =>
  typeof input === 'number' || typeof input === 'boolean' ? `"${String(input)}"` : describeValue(input);

const opValueText = z.string({
  error: (issue) => (issue.input === undefined ? undefined : `expected "<op> <value>", got ${quoteScalar(issue.input)} (e.g. ">= 85%")`),
});

const targetText = opValueText.meta({
  description:
    '`<op> <value>` with op one of >=, >, <=, <, ==, or `between A and B`. Units: % for rates, ms/s/m/h/d for durations (1h30m too). Quote it in YAML: ">= 85%".',
  examples: ['>= 85%', '<= 4h', '<= 1h30m', '>= 30', 'between 30 and 60'],
});

const METRIC_IDS = METRICS.map((metric) => metric.id);

const metricId = z
  .enum(METRIC_IDS, {
    error: (issue) => {
      if (issue.input === undefined) return undefined;
      if (typeof issue.input !== 'string') return `expected a metric id such as "csat", got ${describeValue(issue.input)}`;
      const suggestion = suggestMetricId(issue.input);
      return `unknown metric "${issue.input}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
    },
  })
  .describe('The metric the target judges; `xla metrics` lists them with their units.');

const id = z
  .string()
  .regex(/^\S+$/, { error: saying('an id has no spaces (e.g. happy-users)') })
  .describe('Names the target in reports and in composites; unique across targets and composites.');

// Top-2-box is {high − 1, high}: the ends of an answer scale are whole numbers.
const scaleEnd = z.number().int({ error: saying('a scale runs between whole numbers such as [1, 5]') });

const scale = z
  .tuple([scaleEnd, scaleEnd], { error: saying('expected [low, high] such as [1, 5]') })
  .refine(([low, high]) => low < high, { error: (issue) => `the low end comes first, e.g. [1, 5]; got ${JSON.stringify(issue.input)}` });

/** `CSAT answer scale, default [1, 5].`, from the scale's definition. */
const scaleOf = (name: keyof Scales) => {
  const { label, range } = SCALE_DEFINITIONS[name];
  return scale.optional().describe(`${label}, default [${range[0]}, ${range[1]}].`);
};

const scales = strictObject(
  { csat: scaleOf('csat'), ces: scaleOf('ces'), rating: scaleOf('rating') } satisfies Record<keyof Scales, z.ZodType>,
  'scales such as { csat: [1, 7] }',
).describe('Answer scales of survey questions whose scale varies.');

/** A duration such as `4h` or `500ms`; numbers are allowed here so the unit check can say "write a unit". */
const durationText = z.union([z.string(), z.number()], {
  error: saying('expected a duration such as 4h or 500ms'),
});

const nonEmptyText = z.string().min(1, { error: 'must not be empty' });

const plainUnit = z
  .enum(PLAIN_DURATION_UNITS, {
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : `expected a unit of plain numbers: ${PLAIN_DURATION_UNITS.join(', ')}; got ${describeValue(issue.input)}${typeof issue.input === 'string' ? didYouMean(issue.input, PLAIN_DURATION_UNITS) : ''}`,
  })
  .optional();

/** `units: { response_time: ms }`: the unit of plain numbers per duration field (also `--map response_time=elapsed:ms`). */
const units = strictObject(
  Object.fromEntries(DURATION_FIELDS.map((field) => [field, plainUnit])),
  'units per duration field such as { response_time: ms }',
).describe('Unit of plain numbers per duration field: s, ms, min or h, e.g. { response_time: ms }.');
/** A label's score, as `values:` maps it (`Excellent: 5`). */
const labelScore = z.number({ error: saying('expected a score (a number) such as 5') });

/**
 * `values: { csat: { Excellent: 5, Good: 4 } }`: per field, labels (data, so a Map) and their
 * scores. Which fields take labels, and the scores' range, resolve.ts checks with the scales.
 */
const labelMaps = keyedMapping(
  keyedMapping(labelScore).refine((labels) => labels.size > 0, { error: 'give at least one label and its score, e.g. { Excellent: 5 }' }),
).describe('Answer labels per canonical field and their scores, e.g. { csat: { Excellent: 5, Good: 4, OK: 3, Bad: 2, Horrible: 1 } }.');

const source = strictObject(
  {
    path: nonEmptyText.describe('The data file, relative to this config file.'),
    kind: z.enum(KINDS).optional().describe('Forces the kind instead of detecting it from the columns.'),
    preset: nonEmptyText.optional().describe('A known export layout (e.g. servicenow).'),
    map: keyedMapping(nonEmptyText).optional().describe('Canonical field (or any name) → column name in the file.'),
    encoding: nonEmptyText.optional(),
    delimiter: nonEmptyText.optional().describe('CSV delimiter: , ; | or tab.'),
    decimal: z.enum(['.', ',']).optional().describe('Decimal mark of numbers in the file.'),
    date_format: nonEmptyText.optional().describe('date-fns pattern for dates that are not ISO 8601, e.g. dd.MM.yyyy.'),
    scales: scales.optional(),
    units: units.optional(),
    values: labelMaps.optional(),
  },
  'a source such as { path: data/survey.csv }',
);

const scalarValue = z.union([z.string(), z.number(), z.boolean()]);
const whereValue = z.union([scalarValue, z.array(scalarValue).min(1)], {
  error: saying('expected a value or a list of values'),
});

const target = strictObject(
  {
    id: id.optional(),
    name: z.string().optional().describe('A readable name for reports.'),
    metric: metricId,
    target: targetText.optional(),
    change: opValueText
      .meta({
        description:
          "A target on change against the baseline report (`baseline:` or --baseline): this run's value minus the baseline's, in the metric's unit (`>= -2` on nps; percentage points on a % metric), or in % of the baseline value (`>= -5%`). Give target or change, not both.",
        examples: ['>= -2', '>= -5%', '<= 30m'],
      })
      .optional(),
    where: keyedMapping(whereValue).optional().describe('Column → value (or list of values): rows the target looks at.'),
    each: nonEmptyText.optional().describe('One verdict per value of this column (e.g. team).'),
    min_n: z.number().int().min(1).default(TARGET_DEFAULTS.minN).describe('Fewer observations than this: no_data, not a verdict.'),
    level: z.enum(TARGET_LEVELS).default(TARGET_DEFAULTS.level).describe('error fails `xla check`; warn is reported only.'),
    basis: z
      .enum(TARGET_BASES)
      .default(TARGET_DEFAULTS.basis)
      .describe(
        'point: the estimate meets the threshold; interval: the whole confidence interval decides (else inconclusive); lenient: breach only when the whole interval misses; strict: met only when the whole interval meets.',
      ),
    inconclusive: z
      .enum(INCONCLUSIVE_OUTCOMES)
      .default(TARGET_DEFAULTS.inconclusive)
      .describe('What `xla check` makes of an inconclusive verdict.'),
  },
  'a target such as { metric: nps, target: ">= 30" }',
);

/**
 * Weights are relative (normalised per composite), so any range would do; this one keeps their
 * sum and weight × score (≤ 100) far from overflowing to Infinity.
 */
const MAX_WEIGHT = 1_000_000_000;

const weight = z
  .number({ error: saying('expected a weight (a number > 0)') })
  .positive({ error: saying('expected a weight > 0') })
  .max(MAX_WEIGHT, { error: saying(`expected a weight of at most ${MAX_WEIGHT} (weights are relative)`) });

const component = z.union(
  [
    weight,
    strictObject(
      {
        weight,
        key: z.boolean().default(false).describe('A breached key component breaches the composite whatever the index says.'),
        floor: z
          .union([z.string(), z.number()])
          .optional()
          .describe("Where the component's score reaches 0, in its metric's unit (e.g. 50%, 12h)."),
      },
      'a component such as { weight: 0.5, key: true }',
    ),
  ],
  { error: saying('expected a weight (a number > 0) or { weight, key, floor }') },
);

const composite = strictObject(
  {
    id,
    name: z.string().optional(),
    components: keyedMapping(component)
      .refine((components) => components.size > 0, { error: 'name at least one target with its weight' })
      .describe('Target id → weight (weights are normalised), or { weight, key, floor }.'),
    target: opValueText.meta({ description: 'A target on the 0–100 index, e.g. ">= 80".', examples: ['>= 80', '>= 70'] }).optional(),
    level: z.enum(TARGET_LEVELS).default(TARGET_DEFAULTS.level),
  },
  'a composite such as { id: xla-index, components: { happy-users: 1 } }',
);

export const configSchema = strictObject(
  {
    $schema: z.string().optional().describe('The JSON Schema of this file (`xla schema config`), for editors; ignored by xla.'),
    title: z.string().optional().describe('Shown at the top of reports.'),
    timezone: z.string().superRefine(checkTimeZone).optional().describe('IANA zone for timestamps without an offset (default UTC).'),
    confidence: z
      .number()
      .refine(isConfidenceLevel, { error: saying(`expected ${CONFIDENCE_LEVELS.text}`) })
      .meta({ anyOf: [{ const: 0 }, { minimum: CONFIDENCE_LEVELS.min, maximum: CONFIDENCE_LEVELS.max }] })
      .optional()
      .describe(`Confidence level of intervals, e.g. 0.95: ${CONFIDENCE_LEVELS.text}.`),
    method: z
      .enum(NET_INTERVAL_METHODS)
      .optional()
      .describe(
        'Interval and change test of net scores (NPS, eNPS, Happiness) and Apdex: adjusted-wald (default; +¾ promoters, +¾ detractors, +3 answers) or wald (the plain formula).',
      ),
    sources: z.array(source).default([]).describe('Data files; files given on the command line are added.'),
    by: z
      .union([nonEmptyText, z.array(nonEmptyText).min(1)], {
        error: saying('expected a column name or a list of column names'),
      })
      .optional()
      .describe('Columns that segment the scorecard, e.g. [team].'),
    period: z.enum(PERIODS).optional().describe('Splits results into calendar periods.'),
    apdex_t: durationText.optional().describe('Apdex threshold T: a duration such as 500ms, or a number of milliseconds.'),
    // Product usage (issue 21).
    population: z
      .number({ error: saying('expected a whole number of people above 0, such as 1200') })
      .int({ error: saying('expected a whole number of people above 0, such as 1200') })
      .positive({ error: saying('expected a whole number of people above 0, such as 1200') })
      .optional()
      .describe('Everyone who could use the product: the denominator of adoption_rate, which does not apply without it.'),
    scales: scales.optional(),
    sla: keyedMapping(
      z.union(
        [
          durationText,
          strictObject(
            {
              first_response: durationText.optional().describe('Time to the first response, for sla_attainment.first_response.'),
              resolution: durationText.optional().describe('Time to resolution, for sla_attainment.'),
            },
            'targets such as { first_response: 15m, resolution: 4h }',
          ),
        ],
        { error: saying('expected a duration such as 4h, or { first_response: 15m, resolution: 4h }') },
      ),
    )
      .optional()
      .describe(
        'SLA targets per priority value: a duration is the resolution target (P2: 8h); { first_response: 15m, resolution: 4h } gives both. In business time when business hours are on.',
      ),
    // Multi-experience (MX): README "Multi-experience (MX)".
    self_service_channels: z
      .array(
        z
          .string({ error: saying('expected a channel value as text') })
          .trim()
          .min(1, { error: 'must not be empty' })
          // A cell lists several channels with them (metrics/mx.ts): such a value could never match one.
          .refine((channel) => !/[,;]/.test(channel), {
            error: 'one channel per entry: , and ; separate channels, e.g. [portal, chatbot]',
          }),
        {
          error: saying('expected a list of channel values such as [portal, chatbot]'),
        },
      )
      .min(1, { error: 'list at least one channel, e.g. [portal, chatbot]' })
      .optional()
      .describe(
        'Channel values whose tickets ended without an agent, for self_service_rate when a ticket has no self_service column: compared trimmed and ignoring case, e.g. [portal, chatbot, knowledge base].',
      ),
    join: strictObject(
      {
        survey: nonEmptyText.describe('The survey column (or field id) holding the ticket key, e.g. ticket_id.'),
        tickets: nonEmptyText.describe('The tickets column (or field id) it matches, e.g. id or Number.'),
      },
      'a mapping { survey: COLUMN, tickets: COLUMN }',
    )
      .optional()
      .describe("Which columns join survey responses to tickets (default: the survey's ticket_id to the tickets' id)."),
    calendar: calendarSchema
      .optional()
      .describe(
        'One business-hours calendar: days, hours ("09:00-13:00, 14:00-18:00"), holidays (dates, or { country, region, dates }), timezone; business_hours: true turns business time on.',
      ),
    calendars: keyedMapping(namedCalendarSchema)
      .optional()
      .describe('Named business-hours calendars (instead of calendar:), chosen per ticket by business_hours: { by, calendars, default }.'),
    business_hours: z
      .union(
        [
          z.boolean(),
          strictObject(
            {
              by: nonEmptyText.describe('The tickets column whose value (trimmed) picks the calendar, e.g. region.'),
              calendars: keyedMapping(nonEmptyText)
                .refine((names) => names.size > 0, { error: 'map at least one value to a calendar, e.g. { EMEA: emea }' })
                .describe('Column value → calendar name (a key of calendars:).'),
              default: nonEmptyText
                .optional()
                .describe('The calendar of a value not listed; without it such a ticket is left out of business-time metrics (counted).'),
            },
            'a choice such as { by: region, calendars: { EMEA: emea }, default: emea }',
          ),
        ],
        { error: saying('expected true, false, or { by, calendars, default }') },
      )
      .optional()
      .describe(
        'true: first_response_time.*, resolution_time.* and SLA targets count working time only (the one calendar); { by, calendars, default }: the calendar per ticket. --business-hours turns it on.',
      ),
    as_of: z
      .string({ error: saying('expected a date or time such as 2024-04-12T00:00:00Z, or now') })
      .optional()
      .describe(
        'The instant that decides "still open" for backlog and SLA attainment, and that data.freshness measures from: a date, a time, or now; default: --to, else the newest stamp in the data (never the clock). --as-of overrides it.',
      ),
    // customers (issue 21)
    customers: strictObject(
      {
        margin: z
          .number()
          .gt(0)
          .lte(1)
          .optional()
          .describe(
            'Gross margin as a fraction, 0 < m ≤ 1 (0.6 is 60 %): clv = ARPA × margin / churn. Without it CLV is revenue-only, and labelled so.',
          ),
        discount_rate: z.number().gte(0).lt(1).optional().describe('Discount rate per period for clv.discounted, 0 ≤ d < 1 (default 0.1).'),
        clv: z
          .enum(CLV_FORMS)
          .optional()
          .describe(
            'The form the clv result reports: subscription (ARPA × margin / churn, the default), purchase or discounted; clv.purchase and clv.discounted always report theirs.',
          ),
        population: z
          .number({ error: saying('expected a whole number of people above 0, such as 1200') })
          .int({ error: saying('expected a whole number of people above 0, such as 1200') })
          .positive({ error: saying('expected a whole number of people above 0, such as 1200') })
          .optional()
          .describe(
            "Everyone who could use the product: adoption_rate's denominator (the same as the top-level population; give it once).",
          ),
      },
      'settings such as { margin: 0.6, clv: subscription, population: 12000 }',
    )
      .optional()
      .describe('Customer value settings: margin (gross margin fraction for CLV) and discount_rate (clv.discounted).'),
    baseline: nonEmptyText
      .optional()
      .describe(
        'A previous xla JSON report (`xla score -f json -o …`) that targets with `change:` compare with; relative to this file. --baseline overrides it.',
      ),
    targets: z.array(target).default([]).describe('What the XLA promises: one verdict each (or one per value of `each`).'),
    composites: z.array(composite).default([]).describe('Weighted indexes over targets (0–100).'),
  },
  'a mapping of settings (title, sources, targets…)',
).meta({
  title: 'XLA definition (xla.config.yml)',
  description: 'Experience Level Agreement targets and settings for the xla command-line tool.',
});

/** The file after the shape checks, before cross-field checks and defaults that need other keys. */
export type RawConfig = z.output<typeof configSchema>;
export type RawTarget = RawConfig['targets'][number];
export type RawComposite = RawConfig['composites'][number];
export type RawSource = RawConfig['sources'][number];
export type RawScales = NonNullable<RawConfig['scales']>;
export type RawComponent = z.output<typeof component>;
