/**
 * The JSON report as a zod schema, for `xla schema report` (JSON Schema generated from it) and for
 * tests that validate real output. The type checks at the bottom keep it and model.ts in step.
 */
import { z } from 'zod';
import { KINDS } from '../fields/types.js';
import type { CompositeResult, InputSummary, Report, Result, Summary, TargetResult } from './model.js';
import { REPORT_SCHEMA } from './model.js';

const domain = z.enum(['cx', 'ex', 'ux', 'mx', 'ops', 'value', 'data']);
const unit = z.enum(['points', '%', 'score', 'index', 's', 'ms', 'count', 'ratio', 'apdex', 'money']);
const better = z.enum(['higher', 'lower']).nullable();
const interval = z.tuple([z.number(), z.number()]).nullable();
const status = z.enum(['met', 'breached', 'inconclusive', 'no_data']);
const outcome = z.enum(['pass', 'warn', 'fail']);
const op = z.enum(['>=', '>', '<=', '<', '==', 'between']);
const threshold = z.union([z.number(), z.tuple([z.number(), z.number()])]);
const detail = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

const percent = z.number().min(0).max(100).nullable();

const inputSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(KINDS),
  preset: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  format: z.strictObject({ type: z.enum(['csv', 'json', 'ndjson', 'parquet']), delimiter: z.string().optional(), encoding: z.string() }),
  fields: z.record(z.string(), z.string()),
  units: z
    .record(
      z.string(),
      z.strictObject({
        unit: z.enum(['s', 'ms', 'min', 'h', 'mo']),
        from: z.enum(['map', 'config', 'preset', 'name', 'values', 'field', 'default']),
      }),
    )
    .optional()
    .describe("duration field → the unit of its column's plain numbers and where that came from"),
  labels: z.record(z.string(), z.string()).optional(),
  join: z
    .strictObject({
      with: z.array(z.string()).describe('the tickets inputs the responses were joined to'),
      key: z.string().describe('the survey column holding the ticket key'),
      matched: z.number().int().nonnegative().describe('accepted responses whose key matched a ticket'),
      unmatched: z
        .number()
        .int()
        .nonnegative()
        .describe("accepted responses with a blank key or one no ticket has; they still count in every survey metric's overall rows"),
    })
    .optional()
    .describe('a survey input joined to tickets (keys compared trimmed and case-insensitively)'),
  quality: z
    .strictObject({
      completeness: percent.describe('non-missing cells / cells of the bound fields × 100'),
      validity: percent.describe('accepted values / non-missing values × 100'),
      duplicates: z.number().int().nonnegative().nullable().describe('rows whose id repeats an earlier row’s; null without an id field'),
      freshness: z.number().nullable().describe("seconds from the run's as-of back to the newest accepted date"),
      fields: z.record(z.string(), z.strictObject({ completeness: percent, validity: percent })).describe('per bound canonical field'),
    })
    .optional()
    .describe('data quality over every row the input gave, whatever the filters (metrics.md §5.6); null where nothing was measured'),
});

/** A row's segment as in the data: a blank `--by` cell is "" here; the human formats show it as `(blank)`. */
const segment = z
  .record(z.string(), z.string())
  .describe(
    'the --by (or each) columns and the values of this row, as in the data: a blank cell is "", which the human formats show as (blank)',
  );

const resultSchema = z.strictObject({
  metric: z.string(),
  name: z.string(),
  domain,
  unit,
  better,
  segment,
  period: z.string().nullable(),
  value: z.number().nullable(),
  n: z.number().nonnegative(),
  ci: interval,
  detail: detail.optional(),
  change: z
    .strictObject({
      from: z.string(),
      delta: z.number().nullable(),
      p: z.number().nullable(),
      significant: z.boolean().nullable(),
      detail: z.string().optional(),
    })
    .optional(),
});

const targetSchema = z.strictObject({
  id: z.string(),
  name: z.string().nullable(),
  metric: z.string(),
  segment,
  period: z.string().nullable(),
  where: z.record(z.string(), z.array(z.string())),
  op,
  threshold,
  unit,
  value: z.number().nullable(),
  n: z.number().nonnegative(),
  ci: interval,
  min_n: z.number().int().positive(),
  basis: z.enum(['point', 'interval', 'lenient', 'strict']),
  level: z.enum(['error', 'warn']),
  status,
  outcome,
  detail: detail.optional().describe("the metric's counts behind the value, so that a later run can test a change against it"),
  change: z
    .strictObject({
      baseline: z.string().nullable().describe('the baseline report as given; null when none was (the verdict is then no_data)'),
      base: z.number().nullable().describe("the baseline's value for the same target id and segment"),
      base_n: z.number().nonnegative(),
      delta: z.number().nullable().describe("this run's value minus the baseline's, in the metric's unit"),
      relative_delta: z.number().nullable().describe('delta / |base| × 100'),
      relative: z.boolean().describe('whether the threshold is in % of the baseline value'),
      ci: interval.describe('the interval of the difference at the run confidence'),
      p: z.number().nullable(),
      significant: z.boolean().nullable(),
      note: z.string().optional(),
    })
    .optional()
    .describe('a target on change against a baseline report: op and threshold judge the change'),
});

const rankRowSchema = z.strictObject({
  position: z.number().int().positive().nullable(),
  segment,
  value: z.number().nullable(),
  n: z.number().nonnegative(),
  ci: interval,
  limits: interval.describe("funnel-plot control limits around the overall value at this segment's n"),
  flag: z.enum(['above', 'below', 'within']).nullable(),
});

const rankGroupSchema = z.strictObject({
  metric: z.string(),
  name: z.string(),
  unit,
  better,
  period: z.string().nullable(),
  by: z.array(z.string()),
  overall: z.number().nullable(),
  confidence: z.number(),
  rows: z.array(rankRowSchema),
});

const compositeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  value: z.number().nullable(),
  status: status.nullable(),
  op: op.nullable(),
  threshold: threshold.nullable(),
  level: z.enum(['error', 'warn']).nullable(),
  outcome: outcome.nullable(),
  components: z.array(
    z.strictObject({ target: z.string(), weight: z.number(), score: z.number().nullable(), status: status.nullable(), key: z.boolean() }),
  ),
});

const summarySchema = z.strictObject({
  targets: z.number().int().nonnegative(),
  met: z.number().int().nonnegative(),
  breached: z.number().int().nonnegative(),
  inconclusive: z.number().int().nonnegative(),
  no_data: z.number().int().nonnegative(),
  status: outcome,
});

export const reportSchema = z
  .strictObject({
    schema: z.literal(REPORT_SCHEMA),
    title: z.string().nullable(),
    inputs: z.array(inputSchema),
    results: z.array(resultSchema),
    targets: z.array(targetSchema),
    composites: z.array(compositeSchema),
    summary: summarySchema,
    rank: z.array(rankGroupSchema).optional().describe('segment rankings with funnel limits (--rank with --by)'),
  })
  .meta({ title: 'xla report', description: 'The JSON report of `xla score` / `xla check` (format xla-report/1).' });

export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema) as Record<string, unknown>;
}

// Compile-time guard: the schema and the model describe the same data.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Parsed<S extends z.ZodType> = z.infer<S>;
const sameInput: Same<Parsed<typeof inputSchema>, InputSummary> = true;
const sameResult: Same<Parsed<typeof resultSchema>, Result> = true;
const sameTarget: Same<Parsed<typeof targetSchema>, TargetResult> = true;
const sameComposite: Same<Parsed<typeof compositeSchema>, CompositeResult> = true;
const sameSummary: Same<Parsed<typeof summarySchema>, Summary> = true;
const sameReport: Same<Parsed<typeof reportSchema>, Report> = true;
export const MODEL_MATCHES_SCHEMA = sameInput && sameResult && sameTarget && sameComposite && sameSummary && sameReport;
