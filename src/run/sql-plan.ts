/**
 * The SQL pushdown's plan (README "SQL pushdown"): the input's header read with xla's own
 * sniffing and field binding (prepareSource), the metrics chosen, and everything the SQL engine
 * cannot read the way xla does refused here, naming the column or option, never approximated.
 * sql-run.ts runs the plan (or prints its query) and makes the report from the rows.
 */
import { UsageError, XlaError } from '../errors.js';
import { METRICS } from '../metrics/registry.js';
import type { MetricContext, MetricDef } from '../metrics/types.js';
import type { FieldBinding } from '../fields/match.js';
import type { FieldId } from '../fields/types.js';
import type { InputSummary } from '../scorecard/model.js';
import type { Dialect } from '../sql/dialects.js';
import type { SqlPlan, SqlSource, TypedColumn } from '../sql/generate.js';
import { RECIPES, SQL_METRIC_IDS, type Recipe } from '../sql/recipes.js';
import { type SlaClock, type SlaTargets } from '../sql/tickets.js';
import { LASTS_UNTIL, PERIOD_FIELDS } from '../fields/catalog.js';
import { ISO_8601 } from '../fields/date-formats.js';
import { COMPLETE_CASE_METRICS } from '../sql/survey.js';
import { freshnessField } from '../metrics/data-quality.js';
import { parquetColumnTypes, type ParquetColumnType } from '../io/sql-parquet-columns.js';
import { findNamedColumn, requireColumnSomewhere, SOURCE_INDEX } from './named-columns.js';
import { prepareSource, type PreparedSource } from './prepare-source.js';
import { canFeed, feedingFields, metricContextOf, requestedMetric } from './score-inputs.js';
import { refuseMixedKinds, unionPlan } from './sql-inputs.js';
import { customerStampColumns, type CustomerStamps } from '../sql/customers.js';
import type { UsageColumns } from '../sql/usage.js';
import type { ScoreOptions } from './run-types.js';
import { STREAMING_HINT } from './sql-hints.js';
import { QUALITY_METRICS, qualityPlanOf, qualityRefusal } from './sql-quality.js';

export type Summary = Omit<InputSummary, 'rows' | 'accepted' | 'rejected'>;

/** What a pushdown run knows before the rows come back. */
export interface PushdownRun {
  metrics: readonly MetricDef[];
  fedIds: ReadonlySet<string>;
  summary: Summary;
  /** The other files of a run of several (sql/inputs.ts): each one's rows come back apart. */
  more?: readonly Summary[];
  /** With several files: the metrics each feeds (the first file's first). */
  fedByInput?: readonly ReadonlySet<string>[];
}

/** The metrics of a run and those its input feeds, chosen once for all its files. */
interface ChosenMetrics {
  metrics: readonly MetricDef[];
  fedIds: ReadonlySet<string>;
}

/** Which call plans: `xla sql` (its query printed) or `xla score --engine duckdb` (run); refusals of options name it. */
export type PushdownEntry = 'xla sql' | '--engine duckdb';

export async function planPushdown(
  options: ScoreOptions,
  table: { table: string } | undefined,
  dialect: Dialect,
  entry: PushdownEntry,
): Promise<{ sql: SqlPlan; run: PushdownRun }> {
  refuseUnsupportedOptions(options, entry);
  const input = options.sources[0];
  if (input === undefined || (options.sources.length > 1 && table !== undefined)) {
    throw new UsageError(
      'xla sql --table reads one table: give one input',
      "give one file (for xla sql --table: a sample export with the table's columns)",
    );
  }
  if (options.sources.some((source) => source.path === '-'))
    throw new UsageError('the SQL pushdown reads a file, not standard input', 'give the file path');
  if (options.sources.length > 1) return planSeveral(options, dialect);
  const source = await prepareSource(input, { tz: options.tz, scales: options.scales, feedingFields });
  try {
    const types =
      table === undefined && source.opened.format.type === 'parquet' ? await parquetColumnTypes(input.path, source.opened.name) : undefined;
    return planForSource(source, options, table, dialect, types);
  } finally {
    await source.close();
  }
}

/**
 * Several files (sql/inputs.ts): the metrics are chosen over all of them, each file is planned
 * from its own header, and the plans become one over the UNION ALL of their rows. Every file must
 * be a CSV (a Parquet file's typed columns are read by a step of its own) with the `--by` and
 * `--where` names (a file without one keeps its rows out of that breakdown, which one query does not).
 */
async function planSeveral(options: ScoreOptions, dialect: Dialect): Promise<{ sql: SqlPlan; run: PushdownRun }> {
  const sources: PreparedSource[] = [];
  try {
    for (const input of options.sources)
      sources.push(await prepareSource(input, { tz: options.tz, scales: options.scales, feedingFields }));
    for (const source of sources) {
      if (source.opened.format.type !== 'csv')
        throw new XlaError(`${source.opened.name} is ${source.opened.format.type}; the SQL pushdown reads several files only as CSV`, {
          hint: STREAMING_HINT,
        });
      for (const [option, names] of [
        ['--by', options.by],
        ['--where', options.where.map((filter) => filter.column)],
      ] as const) {
        const missing = names.find((name) => findNamedColumn(name, source) === undefined);
        if (missing !== undefined)
          throw new XlaError(`${option} ${missing}: ${source.opened.name} has no such column, which the SQL pushdown needs in every file`, {
            hint: STREAMING_HINT,
          });
      }
    }
    // Before any file is planned: a refusal of one file's metrics would hide that the files do not mix.
    refuseMixedKinds(sources.map((source) => ({ name: source.opened.name, kind: source.mapping.kind })));
    const context = metricContextOf(options, [...new Set(sources.map((source) => source.mapping.kind))]);
    const partlyFed = partlyFedCustomers(sources, context, options);
    const metrics =
      options.metrics === undefined
        ? defaultMetrics(sources, context, options, new Map([...leftOutMetrics(sources, options), ...partlyFed]))
        : requestedMetrics(options.metrics, options);
    refusePartlyFed(metrics, partlyFed);
    const chosen = { metrics, fedIds: fedMetricIds(metrics, sources, context, options) };
    const files = sources.map((source) => planForSource(source, options, undefined, dialect, undefined, chosen));
    const sql = unionPlan(files.map(({ sql: plan, run }) => ({ name: run.summary.name, kind: run.summary.kind, sql: plan })));
    const [first, ...more] = files.map(({ run }) => run.summary);
    const fedByInput = sources.map(
      (source) => new Set(metrics.filter((metric) => canFeed(metric, source.mapping, context)).map((metric) => metric.id)),
    );
    return { sql, run: { metrics, fedIds: chosen.fedIds, summary: first as Summary, more, fedByInput } };
  } finally {
    for (const source of sources) await source.close();
  }
}

/**
 * The customer metrics read from each row's stamps (the book, tenure.mean, time to value) count
 * every row of a group, where a streaming run leaves out the rows of a file that does not feed
 * them (a file without first_value_at has no customer "not reached yet"). Per such metric some
 * file feeds and another does not, why (naming that file); none by source (each group one file's rows,
 * and a file that does not feed a metric has its state left out: states.ts fedByRow).
 */
function partlyFedCustomers(sources: readonly PreparedSource[], context: MetricContext, options: ScoreOptions): Map<string, string> {
  const bySource = options.by.some((name) => sources.every((source) => findNamedColumn(name, source) === SOURCE_INDEX));
  const partly = new Map<string, string>();
  if (bySource) return partly;
  for (const metric of METRICS) {
    const recipe = RECIPES.get(metric.id);
    if (!isBookShape(recipe?.shape) && recipe?.columns === undefined) continue;
    const feeds = sources.map((source) => canFeed(metric, source.mapping, context));
    const index = feeds.indexOf(false);
    if (feeds.includes(true) && index >= 0)
      partly.set(
        metric.id,
        `${sources[index]?.opened.name ?? ''} does not feed it, and the SQL pushdown would count its rows in groups of several files; give the files that feed it, or --by source`,
      );
  }
  return partly;
}

/** Such a metric asked for: refused by name (a default run leaves it out, named). */
function refusePartlyFed(metrics: readonly MetricDef[], partlyFed: ReadonlyMap<string, string>): void {
  const metric = metrics.find((candidate) => partlyFed.has(candidate.id));
  if (metric === undefined) return;
  throw new XlaError(`${metric.id}: ${partlyFed.get(metric.id) ?? ''}`, { hint: STREAMING_HINT });
}

/** The metrics some file feeds; the others are named on stderr, reported without data as in a streaming run. */
function fedMetricIds(
  metrics: readonly MetricDef[],
  sources: readonly PreparedSource[],
  context: MetricContext,
  options: ScoreOptions,
): ReadonlySet<string> {
  const fedIds = new Set(
    metrics.filter((metric) => sources.some((source) => canFeed(metric, source.mapping, context))).map((metric) => metric.id),
  );
  for (const metric of metrics) {
    if (!fedIds.has(metric.id)) options.onDiagnostic?.(`xla: warning: no input can feed ${metric.id}; it is reported without data`);
  }
  return fedIds;
}

function planForSource(
  source: PreparedSource,
  options: ScoreOptions,
  table: { table: string } | undefined,
  dialect: Dialect,
  parquetTypes: ReadonlyMap<string, ParquetColumnType> | undefined,
  chosen?: ChosenMetrics,
): { sql: SqlPlan; run: PushdownRun } {
  const { opened, mapping } = source;
  if (source.isEventLog) {
    throw new XlaError(`${opened.name} is an event log (xla collapses its rows per ticket), which the SQL pushdown does not do`, {
      hint: STREAMING_HINT,
    });
  }
  const context = metricContextOf(options, [mapping.kind]);
  const metrics =
    chosen?.metrics ??
    (options.metrics === undefined
      ? defaultMetrics([source], context, options, leftOutMetrics([source], options))
      : requestedMetrics(options.metrics, options));
  const fedIds = chosen?.fedIds ?? fedMetricIds(metrics, [source], context, options);
  const bindings = neededBindings(
    metrics.filter((metric) => fedIds.has(metric.id)),
    mapping.bindings,
  );
  for (const binding of bindings) refuseCoercion(source, binding);
  for (const name of options.by) requireColumnSomewhere(name, [source], '--by');
  for (const filter of options.where) requireColumnSomewhere(filter.column, [source], '--where');
  const columnName = (name: string): string | { constant: string } => {
    const column = findNamedColumn(name, source);
    if (column === SOURCE_INDEX) return { constant: opened.name };
    return opened.columns[column ?? -1] ?? name;
  };
  const where = options.where.map((filter) => {
    const column = columnName(filter.column);
    if (typeof column !== 'string')
      throw new XlaError(`--where ${filter.column}: the SQL pushdown filters on columns only`, { hint: STREAMING_HINT });
    return { column, values: filter.values };
  });
  const metricIds = metrics.filter((metric) => fedIds.has(metric.id)).map((metric) => metric.id);
  refusePresetMarkers(source, metricIds);
  const sql: SqlPlan = {
    metricIds,
    fields: bindings
      .filter((binding) => !STAMP_FIELDS.has(binding.field.id))
      .map((binding) => ({ field: binding.field, column: binding.columnName, unit: binding.unit?.unit })),
    by: options.by.map((name) => {
      const column = columnName(name);
      return typeof column === 'string' ? { column } : column;
    }),
    where,
    period: periodOf(source, options),
    window: windowOf(source, options),
    scales: options.scales,
    source: table ?? fileSource(source, parquetTypes),
    stamps: stampsOf(source, metricIds, options),
    customerStamps: customerStampsOf(source, metricIds, options),
    apdexT: context.apdexT,
    freshness: freshnessOf(source, metricIds, options),
    usage: usageOf(source, metricIds, options),
    quality: qualityPlanOf(source, metricIds, options),
  };
  refuseUnprintable(sql, opened.name);
  if (parquetTypes !== undefined) refuseParquetColumns(sql, parquetTypes, opened.name);
  const summary = {
    name: opened.name,
    kind: mapping.kind,
    preset: source.preset?.id ?? null,
    format: opened.format,
    fields: Object.fromEntries(mapping.bindings.map((binding) => [binding.field.id, binding.columnName])),
  };
  return { sql, run: { metrics, fedIds, summary } };
}

/**
 * `--period`: the kind's date column (survey: submitted_at, tickets: created_at), when xla reads it
 * as ISO 8601; null (every row without a period, as the streaming engine does, with its warning)
 * when the input has no date column.
 */
function periodOf(source: PreparedSource, options: ScoreOptions): SqlPlan['period'] {
  if (options.period === null) return null;
  const { mapping, opened } = source;
  const column = isoDateColumn(source, '--period');
  if (column === undefined) {
    options.onDiagnostic?.(
      `xla: warning: ${opened.name} has no ${PERIOD_FIELDS[mapping.kind].join(' or ')} column; its rows appear only in rows without a period`,
    );
    return null;
  }
  return { column, period: options.period, tz: options.tz };
}

const STAMP_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>(['created_at', 'first_response_at', 'resolved_at', 'sla_due_at']);

/**
 * The stamp columns of the durations and the rates over resolved tickets (recipes.ts), each
 * refused unless xla reads it as ISO 8601, and the status column: together they say whether a
 * ticket is resolved (kinds/tickets.ts is_resolved). Null when no metric reads them.
 */
function stampsOf(source: PreparedSource, metricIds: readonly string[], options: ScoreOptions): SqlPlan['stamps'] {
  const recipes = metricIds.map((id) => RECIPES.get(id));
  const durations = recipes.some((recipe) => recipe?.end !== undefined);
  const rates = recipes.some((recipe) => recipe?.outcome !== undefined);
  const clocks = new Set(recipes.flatMap((recipe) => recipe?.clock ?? []));
  const judgedNow = metricIds.filter((id) => isJudgedNow(RECIPES.get(id)));
  if (!durations && !rates && judgedNow.length === 0) return null;
  const { mapping } = source;
  const bindingOf = (field: FieldId): FieldBinding | undefined => mapping.bindings.find((candidate) => candidate.field.id === field);
  // created_at and resolved_at decide whether a ticket is resolved (a resolved_at before created_at is rejected); first_response_at
  // its duration, and for the SLA clocks, with the others, "now" without --as-of (the newest event stamp).
  const needed: FieldId[] = [
    'created_at',
    'resolved_at',
    ...(recipes.some((recipe) => recipe?.end === 'first_response_at') || judgedNow.length > 0 ? ['first_response_at' as const] : []),
    ...(clocks.has('resolution') ? ['sla_due_at' as const] : []),
  ];
  const stampBindings = needed.flatMap((field) => bindingOf(field) ?? []);
  for (const binding of stampBindings) refuseNonIsoStamp(source, binding);
  const status = bindingOf('status');
  if (status !== undefined) refuseCoercion(source, status);
  const columns = Object.fromEntries(stampBindings.map((binding) => [binding.field.id, binding.columnName]));
  if (judgedNow.length > 0) refuseUnknownNow(source, options, judgedNow);
  if (clocks.size === 0) return { columns, status: status?.columnName, tz: options.tz };
  const priority = bindingOf('priority');
  if (priority !== undefined) refuseCoercion(source, priority);
  return { columns, status: status?.columnName, tz: options.tz, priority: priority?.columnName, targets: slaTargetsOf(options) };
}

/**
 * Without --as-of or --to, the SLA clocks and the backlog judge open tickets at the newest event
 * stamp of every row read (score-inputs.ts): the query gives it only over the rows it keeps, and
 * only from the ticket stamps it reads (STAMP_FIELDS). With --where or --from, or another
 * timestamp column, refused by name.
 */
function refuseUnknownNow(source: PreparedSource, options: ScoreOptions, clockMetrics: readonly string[]): void {
  const why = unknownNowCause(source, options);
  if (why === undefined) return;
  throw new XlaError(`${clockMetrics.join(', ')}: ${ticketNowWhy(why)}`, { hint: 'give --as-of (or --to), or use the streaming engine' });
}

/** The SLA clocks and the backlog judge open tickets at "now": without --as-of, the newest event stamp. */
const isJudgedNow = (recipe: Recipe | undefined): boolean => recipe?.clock !== undefined || recipe?.now === true;

const ticketNowWhy = (cause: string): string =>
  `without --as-of, open tickets are judged at the newest stamp of every row read, which the SQL pushdown cannot take with ${cause}`;

/** What keeps the query from knowing "now" (refuseUnknownNow): `--where`, `--from`, another timestamp column; undefined when nothing does. */
function unknownNowCause(source: PreparedSource, options: ScoreOptions): string | undefined {
  if (options.asOf !== undefined || options.to !== undefined) return undefined;
  const otherStamp = source.mapping.bindings.find((binding) => binding.field.type === 'timestamp' && !STAMP_FIELDS.has(binding.field.id));
  return filterHidingNow(options) ?? (otherStamp === undefined ? undefined : `column "${otherStamp.columnName}"`);
}

/**
 * Without --as-of or --to, "now" is the newest stamp of every row read (score-inputs.ts), before
 * --where and --from: with either, the query sees only the rows it keeps. The option, or undefined.
 */
function filterHidingNow(options: ScoreOptions): '--where' | '--from' | undefined {
  if (options.asOf !== undefined || options.to !== undefined) return undefined;
  return options.where.length > 0 ? '--where' : options.from !== undefined ? '--from' : undefined;
}

/**
 * The config's SLA targets per priority (seconds), for the SLA clocks (sql/tickets.ts targetDue):
 * each due instant is created_at + the target in whole ms, as streaming adds it; a target of a
 * fraction of a millisecond is refused by name.
 */
function slaTargetsOf(options: ScoreOptions): Record<SlaClock, SlaTargets> {
  const targets = { resolution: options.sla ?? {}, first_response: options.slaFirstResponse ?? {} };
  for (const [clock, perPriority] of Object.entries(targets)) {
    const odd = Object.entries(perPriority).find(([, seconds]) => !Number.isSafeInteger(seconds * 1000));
    if (odd !== undefined)
      throw new XlaError(
        `sla ${odd[0]}${clock === 'first_response' ? ' first_response' : ''}: ${odd[1]} s is not a whole number of milliseconds, which the SQL pushdown does not add`,
        {
          hint: STREAMING_HINT,
        },
      );
  }
  return targets;
}

/**
 * Time to value's stamps (sql/customers.ts): a customers file's start_date and first_value_at,
 * each refused unless xla reads it as ISO 8601. Null when no metric reads them.
 */
function customerStampsOf(source: PreparedSource, metricIds: readonly string[], options: ScoreOptions): CustomerStamps | null {
  const book = metricIds.filter((id) => isBookShape(RECIPES.get(id)?.shape));
  // adoption_rate reads a customers file's rows with the book's stamps (sql/usage-customers.ts).
  const adoption = source.mapping.kind === 'customers' && metricIds.some((id) => RECIPES.get(id)?.shape === 'usage');
  if (book.length === 0 && !adoption && !metricIds.some((id) => RECIPES.get(id)?.columns !== undefined)) return null;
  const columnOf = (field: FieldId): string | undefined => {
    const binding = source.mapping.bindings.find((candidate) => candidate.field.id === field);
    if (binding !== undefined) refuseNonIsoStamp(source, binding);
    return binding?.columnName;
  };
  const stamps = { start: columnOf('start_date'), firstValue: columnOf('first_value_at'), tz: options.tz };
  if (book.length === 0 && !adoption) return stamps;
  if (book.length > 0) refuseUnknownBookNow(options, book);
  return { ...stamps, end: columnOf('end_date'), book: true };
}

/**
 * The usage metrics (sql/usage.ts): the user id column (text as it is: no labels or value maps) and
 * the stamps a row's day comes from (date, else timestamp), each refused unless xla reads it as ISO 8601.
 */
function usageOf(source: PreparedSource, metricIds: readonly string[], options: ScoreOptions): UsageColumns | null {
  if (!metricIds.some((id) => RECIPES.get(id)?.shape === 'usage')) return null;
  const bindingOf = (field: FieldId): FieldBinding | undefined => source.mapping.bindings.find((candidate) => candidate.field.id === field);
  const user = bindingOf('user_id');
  if (user === undefined) return null;
  refuseCoercion(source, user);
  const stamps = (['date', 'timestamp'] as const).flatMap((field) => bindingOf(field) ?? []);
  for (const binding of stamps) refuseNonIsoStamp(source, binding);
  return { user: user.columnName, stamps: stamps.map((binding) => binding.columnName), tz: options.tz };
}

const isBookShape = (shape: string | undefined): boolean => shape === 'customer-book' || shape === 'customer-tenure';

/** The book and tenure.mean measure at "now" too: refused by name where the query cannot know it (filterHidingNow). */
function refuseUnknownBookNow(options: ScoreOptions, metricIds: readonly string[]): void {
  const why = filterHidingNow(options);
  if (why === undefined) return;
  throw new XlaError(`${metricIds.join(', ')}: ${bookNowWhy(why)}`, { hint: 'give --as-of (or --to), or use the streaming engine' });
}

const bookNowWhy = (filter: string): string =>
  `without --as-of, customers are measured at the newest stamp of every row read, which the SQL pushdown cannot take with ${filter}`;

/**
 * A stamp column is read by SQL only in the ISO 8601 forms (sql/dialects.ts ISO_STAMP_PATTERN).
 * A column with no layout detected (blank in the sample: no customer has left yet) xla reads as
 * ISO 8601 too (prepare-source.ts detectColumnDate).
 */
function refuseNonIsoStamp(source: PreparedSource, binding: FieldBinding): void {
  const format = source.formats.get(binding.column);
  if (format !== undefined && format !== ISO_8601.pattern) throw nonIsoDates(source, binding);
}

function nonIsoDates(source: PreparedSource, binding: FieldBinding): XlaError {
  return new XlaError(
    `${source.opened.name}: column "${binding.columnName}" (${binding.field.id}) holds dates that are not ISO 8601, which the SQL pushdown cannot read`,
    { hint: STREAMING_HINT },
  );
}

/**
 * The metrics a default run leaves out (named on stderr, each with why) where the SQL cannot give
 * them with these files and options, rather than refuse the run: the refusals a metric asked for by
 * name would meet (freshness, "now", data quality, adoption, self-service channels).
 */
function leftOutMetrics(sources: readonly PreparedSource[], options: ScoreOptions): ReadonlyMap<string, string> {
  const left = new Map<string, string>();
  const leave = (ids: readonly string[], why: string | undefined): void => {
    if (why !== undefined) for (const id of ids) if (!left.has(id)) left.set(id, withoutMetricIds(why));
  };
  const idsOf = (test: (recipe: Recipe) => boolean): string[] => [...RECIPES].filter(([, recipe]) => test(recipe)).map(([id]) => id);
  for (const source of sources) {
    const freshness = freshnessRefusal(source, options);
    if (freshness !== undefined) leave(['data.freshness'], freshness.message);
    const now = unknownNowCause(source, options);
    if (now !== undefined) leave(idsOf(isJudgedNow), ticketNowWhy(now));
    for (const id of QUALITY_METRICS) leave([id], qualityRefusal(source, id)?.message);
  }
  const bookNow = filterHidingNow(options);
  if (bookNow !== undefined)
    leave(
      idsOf((recipe) => isBookShape(recipe.shape)),
      bookNowWhy(bookNow),
    );
  for (const id of SQL_METRIC_IDS) leave([id], refusedWith(id, options));
  return left;
}

/** A refusal's message without the metric ids it begins with (`data.freshness: …` → `…`): the warning names them once. */
const withoutMetricIds = (message: string): string => message.replace(/^[a-z_.]+(, [a-z_.]+)*: /, '');

/** data.freshness: the date column it reads (data-quality.ts freshnessField), refused unless xla reads it as ISO 8601. */
function freshnessOf(source: PreparedSource, metricIds: readonly string[], options: ScoreOptions): SqlPlan['freshness'] {
  if (!metricIds.includes('data.freshness')) return null;
  const refusal = freshnessRefusal(source, options);
  if (refusal !== undefined) throw refusal;
  const binding = freshnessBinding(source);
  return binding === undefined ? null : { column: binding.columnName, tz: options.tz };
}

function freshnessBinding({ mapping }: PreparedSource): FieldBinding | undefined {
  const field = freshnessField(mapping.bindings.map((binding) => binding.field.id));
  return mapping.bindings.find((candidate) => candidate.field.id === field);
}

/**
 * Why the SQL cannot give data.freshness: no --as-of (a streaming run then measures against the
 * newest stamp of every row, before filters), or dates not in ISO 8601.
 */
function freshnessRefusal(source: PreparedSource, options: ScoreOptions): XlaError | undefined {
  if (options.asOf === undefined) {
    return new XlaError('data.freshness: the SQL pushdown measures it against --as-of only', {
      hint: `give --as-of (a streaming run without it measures against the data's newest stamp), or ${STREAMING_HINT}`,
    });
  }
  const binding = freshnessBinding(source);
  if (binding === undefined) return undefined;
  return source.formats.get(binding.column) === ISO_8601.pattern ? undefined : nonIsoDates(source, binding);
}

/**
 * `--from`/`--to` on the same date column. Kinds whose rows last past their date (customers,
 * kinds/ `lastsUntil`) keep rows dated before `--from` while they last (generate.ts windowConditions).
 */
function windowOf(source: PreparedSource, options: ScoreOptions): SqlPlan['window'] {
  const { from, to } = options;
  if (from === undefined && to === undefined) return null;
  const { mapping, opened } = source;
  const column = isoDateColumn(source, '--from/--to');
  if (column === undefined) {
    throw new XlaError(`--from/--to: ${opened.name} has no ${PERIOD_FIELDS[mapping.kind].join(' or ')} column to filter on`, {
      hint: `map one with --map ${PERIOD_FIELDS[mapping.kind][0] ?? 'date'}=Column`,
    });
  }
  const lastsUntil = LASTS_UNTIL[mapping.kind];
  if (lastsUntil === undefined) return { column, tz: options.tz, from, to };
  // A customer dated before --from is kept while it lasts: its end stamp, read as the book reads it.
  const end = mapping.bindings.find((binding) => binding.field.id === lastsUntil);
  if (end !== undefined) refuseNonIsoStamp(source, end);
  return { column, tz: options.tz, from, to, lasts: { end: end?.columnName } };
}

/** The column of the kind's date field (periods and windows), when bound; refused unless xla reads it as ISO 8601. */
function isoDateColumn(source: PreparedSource, option: string): string | undefined {
  const { mapping, opened } = source;
  const binding = PERIOD_FIELDS[mapping.kind].flatMap((field) => mapping.bindings.filter((candidate) => candidate.field.id === field))[0];
  if (binding === undefined) return undefined;
  if (source.formats.get(binding.column) !== ISO_8601.pattern) {
    throw new XlaError(
      `${option}: ${opened.name}: column "${binding.columnName}" (${binding.field.id}) holds dates that are not ISO 8601, which the SQL pushdown cannot read`,
      { hint: STREAMING_HINT },
    );
  }
  return binding.columnName;
}

/** The input file as DuckDB reads it: a Parquet file (its typed columns as xla's text), or a plain UTF-8 CSV with one header row, which reads the same there as here. */
function fileSource(source: PreparedSource, parquetTypes: ReadonlyMap<string, ParquetColumnType> | undefined): SqlSource {
  const { opened } = source;
  const refuse = (why: string): never => {
    throw new XlaError(`${opened.name} ${why}, which DuckDB does not read as xla does`, { hint: STREAMING_HINT });
  };
  if (opened.format.type === 'parquet' && parquetTypes !== undefined) {
    // Only columns of the types the query turns into text are read (refuseParquetColumns refuses the others).
    const types = new Map(
      [...parquetTypes].flatMap(([column, type]): [string, TypedColumn][] => (type === 'other' ? [] : [[column, type]])),
    );
    return { files: [opened.name], format: 'parquet', types };
  }
  if (opened.format.type !== 'csv') refuse(`is ${opened.format.type}`);
  if (!/^utf-?8(-bom)?$/i.test(opened.format.encoding)) refuse(`is in ${opened.format.encoding}`);
  if (opened.headerRows !== 1) refuse(`has ${opened.headerRows} header rows`);
  // Preamble lines and total rows xla skips (io/open-source.ts notes them): DuckDB would read them as rows.
  const skipped = opened.notes.find((note) => note.startsWith('skipped') || note.startsWith('dropped'));
  if (skipped !== undefined) refuse(`needs lines left out (${skipped})`);
  if (source.preset !== undefined && source.preset.values !== undefined) refuse(`is a ${source.preset.name} export with value maps`);
  return { files: [opened.name], format: 'csv', delimiter: opened.format.delimiter ?? ',' };
}

/**
 * The Parquet columns the query reads must be top-level columns of a type it turns into xla's
 * text (io/sql-parquet-columns.ts; not a struct's field, a list, a time of day, a decimal), and a
 * segment or filter column must hold text (a number's text differs between DuckDB and xla).
 */
function refuseParquetColumns(plan: SqlPlan, types: ReadonlyMap<string, ParquetColumnType>, file: string): void {
  const uses = [
    // A text field (a requester) compared as text: a number prints differently in DuckDB and xla.
    ...plan.fields.map(({ field, column }) => [column, `(${field.id})`, field.type === 'text'] as const),
    ...plan.by.flatMap((part) => ('column' in part ? [[part.column, '(--by)', true] as const] : [])),
    ...plan.where.map(({ column }) => [column, '(--where)', true] as const),
    ...[plan.period?.column, plan.window?.column, plan.freshness?.column].flatMap((column) =>
      column === undefined ? [] : [[column, '(date)', false] as const],
    ),
    ...Object.entries(plan.stamps?.columns ?? {}).map(([field, column]) => [column, `(${field})`, false] as const),
    ...(plan.stamps?.status === undefined ? [] : [[plan.stamps.status, '(status)', true] as const]),
    ...customerStampColumns(plan.customerStamps).map((column) => [column, '(stamp)', false] as const),
    ...(plan.stamps?.priority === undefined ? [] : [[plan.stamps.priority, '(priority)', true] as const]),
    ...(plan.usage == null ? [] : [[plan.usage.user, '(user_id)', true] as const]),
    ...(plan.usage?.stamps ?? []).map((column) => [column, '(date)', false] as const),
  ];
  for (const [column, role, needsText] of uses) {
    const type = types.get(column);
    if (type === undefined || type === 'other' || (needsText && type !== 'text')) {
      const what =
        type === undefined
          ? 'a field of a struct'
          : type === 'other'
            ? 'of a Parquet type it does not read as xla does'
            : `of ${type} values, not text`;
      throw new XlaError(`${file}: column "${column}" ${role} is ${what}, which the SQL pushdown does not read from Parquet`, {
        hint: STREAMING_HINT,
      });
    }
  }
}

/**
 * Names and values from the data go into the SQL as quoted identifiers and literals, which keep
 * them exactly: so a control or format character (an ESC sequence, a bidi override) would reach
 * the terminal or CI log the SQL is printed to. Refused, named (stderr shows it escaped).
 */
function refuseUnprintable(plan: SqlPlan, file: string): void {
  const texts = [
    ...plan.fields.map(({ column }) => ['column', column]),
    ...plan.by.map((part) => ('column' in part ? ['--by column', part.column] : ['file name', part.constant])),
    ...plan.where.flatMap(({ column, values }) => [['--where column', column], ...values.map((value) => ['--where value', value])]),
    ...('table' in plan.source
      ? [['--table', plan.source.table]]
      : 'union' in plan.source
        ? []
        : plan.source.files.map((name) => ['file name', name])),
    ...(plan.stamps?.priority === undefined ? [] : [['column', plan.stamps.priority]]),
    ...(plan.usage == null ? [] : [plan.usage.user, ...plan.usage.stamps].map((column) => ['column', column])),
    ...Object.values(plan.stamps?.targets ?? {}).flatMap((targets) => Object.keys(targets).map((key) => ['sla priority', key])),
  ];
  const found = texts.find(([, text]) => UNPRINTABLE.test(text ?? ''));
  if (found !== undefined) {
    throw new XlaError(
      `${file}: the ${found[0]} "${found[1] ?? ''}" holds a control character, which the SQL would carry to the terminal as it is`,
      {
        hint: `rename it, or ${STREAMING_HINT}`,
      },
    );
  }
}

/** Control and format characters (C0, C1, bidi controls, zero-width marks). */
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/u;

/**
 * Labels, decimal commas and a preset's value maps are read by xla's coercion (fields/), which no
 * SQL engine repeats: a column that needs them is refused, named, rather than read differently.
 */
function refuseCoercion(source: PreparedSource, binding: FieldBinding): void {
  const where = `${source.opened.name}: column "${binding.columnName}" (${binding.field.id})`;
  const label = source.labels.get(binding.column);
  if (label !== undefined)
    throw new XlaError(`${where} holds labels (${label}), which the SQL pushdown cannot read`, { hint: STREAMING_HINT });
  if (source.formats.get(binding.column) === 'decimal comma' || source.input.decimal === ',') {
    throw new XlaError(`${where} has decimal commas, which the SQL pushdown cannot read`, { hint: STREAMING_HINT });
  }
  if (source.preset?.values?.[binding.field.id] !== undefined) {
    throw new XlaError(`${where} is read through the ${source.preset.name} value map, which the SQL pushdown cannot apply`, {
      hint: STREAMING_HINT,
    });
  }
  if ((source.input.values ?? []).length > 0)
    throw new XlaError(`${where}: --values maps are not applied by the SQL pushdown`, { hint: STREAMING_HINT });
}

/**
 * SUS and UMUX-Lite count a respondent with an item rejected as incomplete and one with it blank
 * as not answering: the SQL knows xla's null markers, not a preset's own (`Varies with device`).
 */
function refusePresetMarkers(source: PreparedSource, metricIds: readonly string[]): void {
  const markers = source.preset?.nullMarkers ?? [];
  const metric = metricIds.find((id) => COMPLETE_CASE_METRICS.includes(id));
  if (markers.length === 0 || metric === undefined) return;
  throw new XlaError(
    `${metric}: ${source.opened.name} is read through the ${source.preset?.name ?? ''} preset's null markers, which the SQL pushdown does not apply`,
    { hint: STREAMING_HINT },
  );
}

/** The options the pushdown does not carry into SQL yet: refused by name, never ignored. */
export function refuseUnsupportedOptions(options: ScoreOptions, engine: string): void {
  const unsupported = [
    ...(options.join === undefined ? [] : ['join']),
    ...(options.businessHours === undefined ? [] : ['business_hours']),
    ...(options.targets ?? [])
      .filter((rule) => rule.each !== null || Object.keys(rule.where).length > 0)
      .map((rule) => `target ${rule.id} (where/each)`),
  ];
  if (unsupported.length > 0) {
    throw new UsageError(`${engine} does not support ${unsupported.join(', ')} yet`, STREAMING_HINT);
  }
}

/**
 * A target is judged on the run's own overall result: a target on a metric the run does not
 * compute (left out by --metrics, or not computed by SQL) would have no data where the streaming
 * engine, which scores a target's metric apart, gives it a verdict. Refused instead.
 */
export function refuseTargetsOutside(metrics: readonly MetricDef[], options: ScoreOptions): void {
  const ids = new Set(metrics.map((metric) => metric.id));
  const outside = (options.targets ?? []).find((rule) => !ids.has(rule.metric));
  if (outside === undefined) return;
  throw new XlaError(`target ${outside.id}: the SQL pushdown does not compute ${outside.metric} in this run`, {
    hint: `add ${outside.metric} to --metrics`,
  });
}

export function requestedMetrics(ids: readonly string[], options: ScoreOptions): MetricDef[] {
  return ids.map((id) => {
    const metric = requestedMetric(id);
    if (RECIPES.has(id)) {
      const refused = refusedWith(id, options);
      if (refused !== undefined) throw new XlaError(refused, { hint: STREAMING_HINT });
      return metric;
    }
    // Every registered metric has a recipe (test/sql/pushdown.test.ts holds it).
    throw new Error(`sql: no recipe for ${id}`);
  });
}

/** Why SQL does not compute a metric it has a recipe for with these options; undefined when it does. */
function refusedWith(id: string, options: ScoreOptions): string | undefined {
  if (id === 'self_service_rate' && (options.selfServiceChannels ?? []).length > 0) {
    return 'self_service_rate: the SQL pushdown does not judge tickets by self_service_channels (a cell names several channels, compared normalized)';
  }
  return undefined;
}

/** Every metric the inputs feed that SQL computes; those it leaves out are named on stderr with why, never dropped silently. */
function defaultMetrics(
  sources: readonly PreparedSource[],
  context: MetricContext,
  options: ScoreOptions,
  leftOut: ReadonlyMap<string, string>,
): MetricDef[] {
  const fed = METRICS.filter((metric) => sources.some((source) => canFeed(metric, source.mapping, context)));
  const left = fed.filter((metric) => leftOut.has(metric.id)).map((metric) => metric.id);
  if (left.length > 0) {
    // One reason once, after the metrics it holds for: `backlog, backlog.age.p90 (…); data.freshness (…)`.
    const byWhy = new Map<string, string[]>();
    for (const id of left) {
      const why = leftOut.get(id) ?? '';
      byWhy.set(why, [...(byWhy.get(why) ?? []), id]);
    }
    const named = [...byWhy].map(([why, ids]) => `${ids.join(', ')} (${why})`);
    options.onDiagnostic?.(`xla: warning: the SQL pushdown leaves out ${named.join('; ')}; the streaming engine computes them`);
  }
  const supported = fed.filter((metric) => !leftOut.has(metric.id));
  if (supported.length === 0)
    throw new XlaError(
      `${sources.map((source) => source.opened.name).join(', ')}: no metric the input feeds is computed by the SQL pushdown here`,
      { hint: STREAMING_HINT },
    );
  return supported;
}

/** The bound fields the metrics read, each once, in the order of the file's columns. */
function neededBindings(metrics: readonly MetricDef[], bindings: readonly FieldBinding[]): FieldBinding[] {
  const fields = new Set<FieldId>(metrics.flatMap((metric) => RECIPES.get(metric.id)?.fields ?? []));
  return bindings.filter((binding) => fields.has(binding.field.id)).sort((a, b) => a.column - b.column);
}
