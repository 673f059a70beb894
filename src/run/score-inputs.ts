/**
 * The `score` pipeline: inputs → readers → field mapping and coercion → scorecard → report model.
 * Everything a command needs is passed in; diagnostics go to a callback, never to the terminal.
 */
import { ConfigError, UsageError, XlaError } from '../errors.js';
import { isInvalid } from '../fields/values.js';
import { buildCalendars } from '../time/business-time.js';
import type { BusinessHoursRule } from '../time/business-time.js';
import { toRejectedValue } from './input-reporter.js';
import type { FieldBinding, FieldMapping } from '../fields/match.js';
import { LASTS_UNTIL, PERIOD_FIELDS } from '../fields/catalog.js';
import type { CanonicalRow, FieldId, FieldOfType, Kind } from '../fields/types.js';
import { prepareSource } from './prepare-source.js';
import { cellText, findNamedColumn, requireColumnSomewhere, SOURCE_INDEX } from './named-columns.js';
import { planJoin, withResponseAnswer } from './join.js';
import type { NameReader, Partner } from './join.js';
import { ANSWER_METRIC_IDS, indexJoin, isReadSomewhere, joinedAnswerFields, joinSides, namesRead, ownReader } from './join-run.js';
import type { JoinSide } from './join-run.js';
import type { PreparedSource, ReadContext } from './prepare-source.js';
import { findMetric, METRICS, suggestMetricId } from '../metrics/registry.js';
import type { MetricContext, MetricDef } from '../metrics/types.js';
import { inputQuality } from '../metrics/data-quality.js';
import { unseenSelfServiceChannels } from '../metrics/mx.js';
import { isUnreadable } from '../metrics/accumulators.js';
import type { InputQualityState } from '../metrics/data-quality.js';
import { isQualityInResults, mergedQualityState, qualityFromResults, qualityOf } from './input-quality.js';
import { Scorecard } from '../scorecard/engine.js';
import type { ScorecardSnapshot } from '../scorecard/snapshot.js';
import { scoreHereInOrder, scoreJobs, startWorkers } from './parallel-jobs.js';
import { MAKE_PARTIAL_HINT } from '../scorecard/partial-codec.js';
import { PARTIAL_SCHEMA } from './partial.js';
import type { PartialDocument } from './partial.js';
import { freezeState, reviveState } from '../scorecard/snapshot.js';
import type { JobScore, WorkerPool } from './parallel-jobs.js';
import type { ScorecardPlan } from '../scorecard/engine.js';
import { judgeRun } from '../scorecard/judge-run.js';
import { FIELD_KEY, isFieldSelector, pickedFields, rowEach, rowWhere, targetResults } from '../scorecard/field-targets.js';
import { closestName } from '../fields/closest-name.js';
import type { TargetRule } from '../scorecard/rules.js';
import { rankSegments } from '../scorecard/rank.js';
import { DEFAULT_NET_INTERVAL_METHOD } from '../stats/intervals.js';
import { REPORT_SCHEMA } from '../scorecard/model.js';
import type { InputSummary, Report } from '../scorecard/model.js';
import type { Period } from '../time/periods.js';

export type { SourceInput } from './prepare-source.js';
export type { JoinKeys, WhereFilter, ScoreOptions, InputProgress, InputHooks, InputJob, ScoredInput, RejectedValue } from './run-types.js';
import type { WhereFilter, ScoreOptions, InputHooks, InputJob, RunSettings, ScoredInput } from './run-types.js';

const PROGRESS_EVERY_ROWS = 16_384;

type TimestampFieldId = FieldOfType<'timestamp'>;

/** A value (or a whole row, when `field` is null) that did not enter any metric. */

/** A target's own scorecard: its metric over the rows its `where` keeps, by its `each` column. */
interface TargetView {
  rule: TargetRule;
  metric: MetricDef;
  scorecard: Scorecard;
}

export async function scoreInputs(options: ScoreOptions): Promise<Report> {
  return reportOf(await fillRun(options), options);
}

/**
 * `xla score --partial`: the run's scorecards as an xla-partial/1 document instead of a report.
 * Each input keeps its own data-quality state (the merge decides where quality is read from),
 * and a joined run is refused: a response and its ticket must meet in one run.
 */
export async function scorePartial(options: ScoreOptions): Promise<PartialDocument> {
  const run = await fillRun({ ...options, partial: true });
  return {
    schema: PARTIAL_SCHEMA,
    settings: run.settings,
    inputs: run.inputs.map((input) => ({ summary: input.summary, quality: freezeState(input.quality) })),
    newestStamp: run.newestStamp ?? null,
    scorecard: run.scorecard.snapshot({ consume: true }),
    views: run.views.map((view) => view.scorecard.snapshot({ consume: true })),
  };
}

/**
 * `xla merge`: partials absorbed into fresh scorecards, in a canonical order (partial-set.ts), then
 * made a report by the same tail as `score` — the report one run over all their rows gives.
 */
export async function mergePartials(partials: readonly PartialDocument[], hooks: ReportHooks): Promise<Report> {
  const [first] = partials;
  if (first === undefined) throw new XlaError('no partials to merge', { hint: MAKE_PARTIAL_HINT });
  const { settings } = first;
  const metricContext = await withBusinessTime(settings.metricContext, settings.businessHours, settings.tz);
  const combined = createScorecards(settings, metricContext);
  for (const partial of partials) absorbPartial(combined, partial);
  const inputs = partials.flatMap((partial) => partial.inputs);
  const quality = inputQuality();
  const newest = Math.max(...partials.map((partial) => partial.newestStamp ?? Number.NEGATIVE_INFINITY));
  return reportOf(
    {
      settings,
      inputs: inputs.map((input) => ({
        summary: input.summary,
        quality: quality.merge(quality.init(), reviveState(input.quality) as InputQualityState),
      })),
      newestStamp: Number.isFinite(newest) ? newest : undefined,
      ...combined,
      qualityInResults: isQualityInResults({
        inputs: inputs.length,
        filtered: isFiltered(settings),
        joined: false,
        metricIds: settings.metricIds,
      }),
    },
    hooks,
  );
}

/** A run's scorecards filled with every row: what a report or a partial is made of. */
interface FilledRun {
  settings: RunSettings;
  /** Each input's summary and data-quality state, in input order. */
  inputs: { summary: InputSummary; quality: InputQualityState }[];
  /** The newest event stamp over every input; undefined when none had one. */
  newestStamp: number | undefined;
  scorecard: Scorecard;
  /** In the order of the run's targets. */
  views: TargetView[];
  /** Whether the inputs' quality is read from the results (input-quality.ts) rather than from their own states. */
  qualityInResults: boolean;
}

/** What the report tail takes from the caller besides the run: the baseline and where to say things. */
export type ReportHooks = Pick<ScoreOptions, 'baseline' | 'onDiagnostic' | 'onFootprint'>;

async function fillRun(options: ScoreOptions): Promise<FilledRun> {
  if (options.sources.length === 0) throw new XlaError('no input files', { hint: 'give one or more files, or - for standard input' });
  const pool = startWorkers(options.sources, options);
  try {
    return await fillWithPool(options, pool);
  } finally {
    await pool.close();
  }
}

async function fillWithPool(options: ScoreOptions, pool: WorkerPool): Promise<FilledRun> {
  const context: ReadContext = { tz: options.tz, scales: options.scales, stdin: options.stdin, feedingFields };
  const prepared: PreparedSource[] = [];
  try {
    for (const input of options.sources) prepared.push(await prepareSource(input, context));
    return await fillPrepared(options, pool, prepared);
  } finally {
    // Sources read to their end are closed already; this lets go of the others when a run fails.
    await Promise.all(prepared.map((source) => source.close()));
  }
}

async function fillPrepared(options: ScoreOptions, pool: WorkerPool, prepared: readonly PreparedSource[]): Promise<FilledRun> {
  // Plain data only: the jobs cross to worker threads, which build their own calendars.
  const jobContext = metricContextOf(options, [...new Set(prepared.map((source) => source.mapping.kind))]);
  // Built here first, so a calendar that cannot be built (an unknown country) stops the run before any output.
  const metricContext = await withBusinessTime(jobContext, options.businessHours, options.tz);
  const join = planJoin(options.join, prepared);
  if (join !== undefined && options.partial === true) {
    throw new UsageError(
      '--partial: a run that joins survey responses to tickets cannot be cut into partials (a response and its ticket must meet in one run)',
      'score the joined inputs in one run',
    );
  }
  const joinedFields = join === undefined ? new Map<number, ReadonlySet<FieldId>>() : joinedAnswerFields(join, prepared);
  const feeders = prepared.map((source, i) => ({ mapping: source.mapping, joinedFields: joinedFields.get(i) }));
  const metrics = selectMetrics(options.metrics, feeders, metricContext, options.onDiagnostic);
  const settings: RunSettings = {
    metricIds: metrics.map((metric) => metric.id),
    metricContext: jobContext,
    businessHours: options.businessHours,
    confidence: options.confidence,
    by: options.by,
    period: options.period,
    tz: options.tz,
    scales: options.scales,
    from: options.from,
    to: options.to,
    asOf: options.asOf,
    where: options.where,
    targets: options.targets ?? [],
    composites: options.composites ?? [],
    allowNoData: options.allowNoData ?? false,
    title: options.title ?? null,
    rank: options.rank ?? false,
  };
  // A partial's inputs count their own quality: the merge decides where the report reads it from.
  const qualityInResults =
    options.partial !== true &&
    isQualityInResults({
      inputs: prepared.length,
      filtered: isFiltered(settings),
      joined: join !== undefined,
      metricIds: settings.metricIds,
    });
  const jobs = prepared.map((source): InputJob => ({ ...settings, input: source.input, ownQuality: !qualityInResults }));
  const combined = createScorecards(settings, metricContext);
  checkColumnNames(options, prepared, combined.views, metricContext, join !== undefined);
  const names = namesRead(options);
  // The join's `sla_met` is read before scoring, so it knows only an explicit as-of (--as-of, as_of:, --to).
  const explicitAsOf = options.asOf ?? options.to;
  const index = join === undefined ? undefined : await indexJoin(join, prepared, names, metricContext, explicitAsOf);
  const sides = join === undefined || index === undefined ? new Map<number, JoinSide>() : joinSides(join, index, prepared, names);

  // A joined run scores on this thread, reading each joined input again (the index pass used it up).
  const scored =
    join === undefined
      ? await scoreJobs(jobs, prepared, options, scoreInputJob, pool)
      : await scoreHereInOrder(
          jobs,
          prepared.map((source, i) => (sides.has(i) ? undefined : source)),
          options,
          (job, source, hooks) => scoreInputJob(job, source, hooks, sides.get(jobs.indexOf(job))),
        );
  const only = scored.length === 1 ? scored[0] : undefined;
  const { scorecard, views } =
    only?.kind === 'here'
      ? { scorecard: only.scored.scorecard, views: viewsOf(combined.views, only.scored.views) }
      : combineScores(combined, scored);
  return {
    settings,
    inputs: scored.map((score) => ({ summary: score.summary, quality: mergedQualityState(score) })),
    // Known only now that every input is read: the same whatever the order of inputs, parts or threads.
    newestStamp: newestOf(scored),
    scorecard,
    views,
    qualityInResults,
  };
}

/** Rows are kept or dropped by a filter: the run's results are then not the inputs' quality. */
function isFiltered(settings: RunSettings): boolean {
  return settings.where.length > 0 || settings.from !== undefined || settings.to !== undefined;
}

/** The report of a filled run: results, target verdicts, composites, inputs with their quality — one tail for `score` and `merge`. */
function reportOf(run: FilledRun, hooks: ReportHooks): Report {
  const { settings, scorecard, views, newestStamp } = run;
  const asOf = settings.asOf ?? settings.to ?? newestStamp;
  hooks.onFootprint?.(scorecard.footprint());
  // The views are in the order of the run's targets (createScorecards), whichever thread filled them.
  const { targets } = settings;
  const verdicts = judgeRun(
    new Map(
      targets.map((rule, i) => {
        const view = views[i];
        return [rule, view === undefined ? [] : targetResults(rule, view.metric, view.scorecard.results(newestStamp))];
      }),
    ),
    { targets, composites: settings.composites },
    {
      allowNoData: settings.allowNoData,
      baseline:
        hooks.baseline === undefined
          ? undefined
          : {
              report: hooks.baseline,
              settings: {
                confidence: settings.confidence,
                netMethod: settings.metricContext.netIntervalMethod ?? DEFAULT_NET_INTERVAL_METHOD,
              },
            },
    },
  );
  const results = scorecard.results(newestStamp);
  // Likely a misspelling, or a channel this export calls otherwise: the rate is computed without it.
  for (const channel of unseenSelfServiceChannels(results)) {
    hooks.onDiagnostic?.(`xla: warning: self_service_channels: no ticket has the channel "${channel}"`);
  }
  return {
    schema: REPORT_SCHEMA,
    title: settings.title,
    inputs: run.inputs.map((input) => ({
      ...input.summary,
      quality: run.qualityInResults ? qualityFromResults(results) : qualityOf(input.quality, asOf),
    })),
    results,
    targets: verdicts.targets,
    composites: verdicts.composites,
    summary: verdicts.summary,
    ...(settings.rank && settings.by.length > 0 ? { rank: rankSegments(results, settings.by, settings.confidence) } : {}),
  };
}

/** The newest event stamp over every input (the default "now", README "As of"); undefined when none has one. */
function newestOf(scored: readonly JobScore[]): number | undefined {
  const newest = Math.max(...scored.map((score) => (score.kind === 'here' ? score.scored.newestStamp : score.newestStamp)));
  return Number.isFinite(newest) ? newest : undefined;
}

/** The views of the run with the scorecards one input filled. */
function viewsOf(views: readonly TargetView[], scorecards: readonly Scorecard[]): TargetView[] {
  return views.map((view, i) => ({ ...view, scorecard: scorecards[i] as Scorecard }));
}

/**
 * Several inputs' scorecards merged in input order into fresh ones — whatever thread scored each,
 * so that the numbers do not depend on which input finished first.
 */
function combineScores(
  combined: { scorecard: Scorecard; views: TargetView[] },
  scored: readonly JobScore[],
): { scorecard: Scorecard; views: TargetView[] } {
  for (const score of scored) {
    if (score.kind === 'here') {
      combined.scorecard.absorb(score.scored.scorecard.snapshot({ consume: true }), { consume: true });
      combined.views.forEach((view, i) =>
        view.scorecard.absorb((score.scored.views[i] as Scorecard).snapshot({ consume: true }), { consume: true }),
      );
    } else {
      for (const partial of score.partials) absorbPartial(combined, partial);
    }
  }
  return combined;
}

/** A partial's scorecards merged into the run's, as if its rows had been added to them (its arrays are taken over). */
function absorbPartial(combined: { scorecard: Scorecard; views: readonly TargetView[] }, partial: PartialDocument): void {
  combined.scorecard.absorb(partial.scorecard, { consume: true });
  combined.views.forEach((view, i) => view.scorecard.absorb(partial.views[i] as ScorecardSnapshot, { consume: true }));
}

/**
 * The metric context with the rule's calendars built (in this thread: they cannot cross threads);
 * a calendar that cannot be built is a config error naming its key.
 */
async function withBusinessTime(context: MetricContext, rule: BusinessHoursRule | undefined, tz: string): Promise<MetricContext> {
  if (rule === undefined) return context;
  const calendars = await calendarsOf(rule, tz);
  if (isInvalid(calendars)) throw new ConfigError(calendars.invalid);
  return { ...context, businessTime: { calendars, fallback: rule.fallback } };
}

/**
 * A rule's calendars, built once per thread and zone: the run's check and every input scored on
 * this thread share them (a calendar's day cache holds only facts of its schedule, so sharing
 * cannot change an answer). A worker receives its own copy of the rule, so it builds its own.
 */
const builtCalendars = new WeakMap<BusinessHoursRule, Map<string, ReturnType<typeof buildCalendars>>>();

function calendarsOf(rule: BusinessHoursRule, tz: string): ReturnType<typeof buildCalendars> {
  const byZone = builtCalendars.get(rule) ?? new Map<string, ReturnType<typeof buildCalendars>>();
  builtCalendars.set(rule, byZone);
  const built = byZone.get(tz) ?? buildCalendars(rule, tz);
  byZone.set(tz, built);
  return built;
}

/** The run's scorecard and one per target, empty, for the plan of `job` with its metric context built. */
function createScorecards(job: RunSettings, metricContext: MetricContext): { scorecard: Scorecard; views: TargetView[] } {
  const metrics = job.metricIds.map(requireMetric);
  const planFor = (planMetrics: readonly MetricDef[], by: readonly string[], period: Period | null, breakdown?: string): ScorecardPlan => ({
    metrics: planMetrics,
    metricContext,
    confidence: job.confidence,
    by,
    period,
    tz: job.tz,
    asOf: job.asOf ?? job.to,
    from: job.from,
    ...(breakdown === undefined ? {} : { breakdown }),
  });
  return {
    scorecard: new Scorecard(planFor(metrics, job.by, job.period)),
    views: job.targets.map((rule): TargetView => {
      const metric = findMetric(rule.metric);
      if (metric === undefined) throw new XlaError(`target ${rule.id}: unknown metric "${rule.metric}"`);
      const plan = planFor([metric], eachOf({ rule, metric }), null, `target ${rule.id}: each ${rule.each ?? ''}`);
      return { rule, metric, scorecard: new Scorecard({ ...plan, fieldsIn: 'every-group' }) };
    }),
  };
}

function requireMetric(id: string): MetricDef {
  const metric = findMetric(id);
  if (metric === undefined) throw new Error(`metric ${id} is not in the registry`);
  return metric;
}

/**
 * Scores one input into scorecards of its own: on the main thread with the source it has
 * prepared, or in a worker, which prepares it again (the same bytes give the same mapping and
 * column formats).
 */
export async function scoreInputJob(
  job: InputJob,
  prepared: PreparedSource | undefined,
  hooks: InputHooks,
  side?: JoinSide | undefined,
): Promise<ScoredInput> {
  const source = prepared ?? (await prepareSource(job.input, { tz: job.tz, scales: job.scales, feedingFields }));
  hooks.onPrepared?.(source);
  const { scorecard, views } = createScorecards(job, await withBusinessTime(job.metricContext, job.businessHours, job.tz));
  const { summary, newestStamp, quality } = await scoreSource(source, scorecard, views, job, hooks, side);
  const { notes, observed } = source.opened;
  return {
    summary,
    scorecard,
    views: views.map((view) => view.scorecard),
    newestStamp,
    quality,
    notes,
    endedInsideQuotes: observed?.endedInsideQuotes === true,
  };
}

function checkColumnNames(
  options: ScoreOptions,
  sources: readonly PreparedSource[],
  views: readonly TargetView[],
  context: MetricContext,
  joined: boolean,
): void {
  // A name the run can read from some input's own rows; in a joined run the partner passes it on.
  const requireName = (name: string, inputs: readonly PreparedSource[], option: string): void => {
    if (!isReadSomewhere(name, joined ? sources : inputs)) requireColumnSomewhere(name, inputs, option);
  };
  for (const name of options.by) requireName(name, sources, '--by');
  const calendarColumn = options.businessHours?.by;
  if (calendarColumn !== undefined && calendarColumn !== null) {
    const tickets = sources.filter((source) => source.mapping.kind === 'tickets');
    requireColumnSomewhere(calendarColumn, tickets, 'business_hours.by');
  }
  for (const filter of options.where) requireName(filter.column, sources, '--where');
  for (const view of views) {
    const feeding = sources.filter((source) => canFeed(view.metric, source.mapping, context));
    for (const column of Object.keys(rowWhere(view.rule, view.metric))) requireName(column, feeding, `target ${view.rule.id}: where`);
    const each = rowEach(view.rule, view.metric);
    if (each !== null) requireName(each, feeding, `target ${view.rule.id}: each`);
    checkPickedFields(view, feeding);
  }
}

/**
 * A target's `where: { field: … }` on a per-field metric names fields some feeding input binds (a
 * typo would judge nothing); without `each: field` it names one, whose value is the verdict.
 */
function checkPickedFields(view: TargetView, feeding: readonly PreparedSource[]): void {
  const picked = pickedFields(view.rule, view.metric);
  if (picked === undefined) return;
  const option = `target ${view.rule.id}: where ${FIELD_KEY}`;
  if (picked.length !== 1 && !isFieldSelector(view.metric, view.rule.each)) {
    throw new XlaError(`${option}: ${picked.length} fields give ${picked.length} values, and a target without each judges one`, {
      hint: `name one field, or add each: ${FIELD_KEY} for one verdict per field`,
    });
  }
  const bound = [...new Set(feeding.flatMap((source) => source.mapping.bindings.map((binding) => binding.field.id)))];
  for (const field of picked) {
    if ((bound as readonly string[]).includes(field)) continue;
    const suggestion = closestName(field, bound);
    throw new XlaError(`${option}: no input binds a field "${field}" (bound: ${bound.join(', ')})`, {
      hint:
        suggestion === undefined ? 'name a canonical field the inputs bind (xla inspect FILE lists them)' : `did you mean ${suggestion}?`,
    });
  }
}

/** Fields some metric of the kind reads: only these say what kind of data a file holds. */
export function feedingFields(kind: Kind): ReadonlySet<FieldId> {
  return new Set(METRICS.filter((metric) => metric.kinds.includes(kind)).flatMap((metric) => metric.requires.flat()));
}

/**
 * Whether an input can feed the metric: its kind is one of the metric's and it binds the fields
 * of one alternative. `joinedFields` are those a joined partner brings (a response's answers on a
 * ticket); only the rates that read a ticket's answer (ANSWER_METRIC_IDS) count them.
 */
export function canFeed(metric: MetricDef, mapping: FieldMapping, context: MetricContext, joinedFields?: ReadonlySet<FieldId>): boolean {
  const bound = new Set(mapping.bindings.map((binding) => binding.field.id));
  if (joinedFields !== undefined && ANSWER_METRIC_IDS.has(metric.id)) for (const field of joinedFields) bound.add(field);
  const alternatives = [...metric.requires, ...(metric.requiresWith?.(context) ?? [])];
  return metric.kinds.includes(mapping.kind) && alternatives.some((fields) => fields.every((field) => bound.has(field)));
}

/** An input as metric selection sees it: its mapping, and the fields its join partner brings. */
interface Feeder {
  mapping: FieldMapping;
  joinedFields: ReadonlySet<FieldId> | undefined;
}

/** The settings of the run its metrics read (scales, Apdex T, SLA policy…), without business-time calendars: plain data. */
export function metricContextOf(options: ScoreOptions, runKinds: readonly Kind[]): MetricContext {
  return {
    scales: options.scales,
    apdexT: options.apdexT,
    population: options.population,
    runKinds,
    sla: options.sla ?? {},
    slaFirstResponse: options.slaFirstResponse ?? {},
    selfServiceChannels: options.selfServiceChannels ?? [],
    netIntervalMethod: options.netIntervalMethod,
    customers: options.customers,
  };
}

/** A metric named by `--metrics`; an unknown id is a usage mistake, with the closest id suggested. */
export function requestedMetric(id: string): MetricDef {
  const metric = findMetric(id);
  if (metric !== undefined) return metric;
  const suggestion = suggestMetricId(id);
  throw new XlaError(`unknown metric "${id}"`, {
    hint: suggestion === undefined ? 'run `xla metrics` for the list' : `did you mean ${suggestion}?`,
  });
}

function selectMetrics(
  requested: readonly string[] | undefined,
  sources: readonly Feeder[],
  context: MetricContext,
  warn: ((message: string) => void) | undefined,
): MetricDef[] {
  if (requested === undefined)
    return METRICS.filter((metric) => sources.some((source) => canFeed(metric, source.mapping, context, source.joinedFields)));
  return requested.map((id) => {
    const metric = requestedMetric(id);
    if (!sources.some((source) => canFeed(metric, source.mapping, context, source.joinedFields))) {
      const needs = metric.needs ?? metric.requires.map((fields) => fields.join(' + ')).join(' or ');
      // A metric with no fields of its own (sla_attainment.first_response) needs a setting first.
      const why = needs === '' ? 'it needs a setting of the XLA file: see `xla metrics`' : `it needs ${needs}`;
      warn?.(`xla: warning: no input can feed ${metric.id} (${why}); it is reported without data`);
    }
    return metric;
  });
}

async function scoreSource(
  source: PreparedSource,
  scorecard: Scorecard,
  views: readonly TargetView[],
  job: InputJob,
  hooks: InputHooks,
  side: JoinSide | undefined,
): Promise<{ summary: InputSummary; newestStamp: number; quality: InputQualityState }> {
  const { opened, mapping } = source;
  const context = job.metricContext;
  const options = { ...job, ...hooks };
  const fedIds = job.metricIds.filter((id) => canFeed(requireMetric(id), mapping, context, side?.joinedFields));
  // In a joined run the watermelon rates read a ticket's answer from its response too: fed apart, on a copy of the row.
  const answerIds = side === undefined ? [] : fedIds.filter((id) => ANSWER_METRIC_IDS.has(id));
  const feed = scorecard.feederFor(fedIds.filter((id) => !answerIds.includes(id)));
  const feedAnswers = answerIds.length === 0 ? undefined : scorecard.feederFor(answerIds);
  const readerOf = (name: string): NameReader | undefined =>
    ownReader(name, source, context, job.asOf ?? job.to) ?? side?.partnerReader(name);
  const segmentOf = segmenter(options.by, readerOf);
  const calendarOf = calendarChooser(options.businessHours, source);
  const passesWhere = wherePredicate(options.where, readerOf);
  const targetFeeds = views
    .filter((view) => canFeed(view.metric, mapping, context, side?.joinedFields))
    .map((view) => ({
      feed: view.scorecard.feederFor([view.metric.id]),
      readsAnswer: side !== undefined && ANSWER_METRIC_IDS.has(view.metric.id),
      passes: wherePredicate(whereFilters(rowWhere(view.rule, view.metric)), readerOf),
      segmentOf: segmenter(eachOf(view), readerOf),
    }));
  const dateField = PERIOD_FIELDS[mapping.kind].find((field) => mapping.bindings.some((binding) => binding.field.id === field));
  const hasDateBounds = options.from !== undefined || options.to !== undefined;
  if (hasDateBounds && dateField === undefined) {
    throw new XlaError(`--from/--to: ${opened.name} has no ${PERIOD_FIELDS[mapping.kind].join(' or ')} column to filter on`, {
      hint: `map one with --map ${PERIOD_FIELDS[mapping.kind][0] ?? 'date'}=Column`,
    });
  }
  if (options.period !== null && dateField === undefined) {
    options.onDiagnostic?.(
      `xla: warning: ${opened.name} has no ${PERIOD_FIELDS[mapping.kind].join(' or ')} column; its rows appear only in rows without a period`,
    );
  }

  const lastsUntil = LASTS_UNTIL[mapping.kind];
  const eventStamps = eventStampFields(mapping.bindings);
  let newestStamp = Number.NEGATIVE_INFINITY;
  const inputQualityOf = inputQuality();
  const quality = inputQualityOf.init();
  let processed = 0;
  let rejectedRows = 0;
  await source.forEachRow((record, outcome) => {
    processed++;
    if (processed % PROGRESS_EVERY_ROWS === 0) options.onProgress?.({ file: opened.name, ...opened.progress, rows: processed });
    const { row, rejections } = outcome;
    if (rejections.length > 0) {
      rejectedRows++;
      for (const rejection of rejections) options.onRejection?.(toRejectedValue(opened.name, record.line, record.index, rejection));
    }
    if (row === null) return;
    if (job.ownQuality) inputQualityOf.add(quality, row);
    // Every accepted row, whatever the filters: a `--where` slice has the whole run's "now".
    for (const field of eventStamps) {
      const eventStamp = row[field];
      if (eventStamp !== undefined && eventStamp > newestStamp) newestStamp = eventStamp;
    }
    const partner = side?.partnerOf(record.cells, processed - 1);
    if (!passesWhere(record.cells, row, partner)) return;
    if (calendarOf !== undefined) row.calendar = calendarOf(record.cells);
    const dated = dateField === undefined ? undefined : row[dateField];
    const stamp = hasDateBounds ? placeInWindow(row, dated, options.from, options.to, lastsUntil) : dated;
    if (stamp === OUTSIDE) return;
    const segment = segmentOf(record.cells, row, partner);
    feed(row, segment, stamp);
    const answered = feedAnswers === undefined ? row : withResponseAnswer(row, partner, context.scales);
    feedAnswers?.(answered, segment, stamp);
    for (const target of targetFeeds) {
      if (target.passes(record.cells, row, partner))
        target.feed(target.readsAnswer ? answered : row, target.segmentOf(record.cells, row, partner), stamp);
    }
  });
  const joined = side?.summary() ?? {};
  if (joined.note !== undefined) opened.notes.push(joined.note);
  const summary: InputSummary = {
    name: opened.name,
    kind: mapping.kind,
    preset: source.preset?.id ?? null,
    rows: source.recordsRead,
    accepted: processed - rejectedRows,
    rejected: rejectedRows,
    format: opened.format,
    fields: Object.fromEntries(mapping.bindings.map((binding) => [binding.field.id, binding.columnName])),
    ...unitsOf(mapping.bindings),
    ...labelSummary(source),
    ...(joined.join === undefined ? {} : { join: joined.join }),
  };
  return { summary, newestStamp, quality };
}

/** The bound fields that stamp an event: every timestamp but `sla_due_at`, a deadline that may lie in the future. */
function eventStampFields(bindings: readonly FieldBinding[]): TimestampFieldId[] {
  return bindings.flatMap((binding) =>
    binding.field.type === 'timestamp' && binding.field.id !== 'sla_due_at' ? [binding.field.id as TimestampFieldId] : [],
  );
}

/** The summary's `units`: each bound duration field's unit, when there is one. */
function unitsOf(bindings: readonly FieldBinding[]): Pick<InputSummary, 'units'> {
  const units = bindings.flatMap((binding) => (binding.unit === undefined ? [] : [[binding.field.id, binding.unit] as const]));
  return units.length === 0 ? {} : { units: Object.fromEntries(units) };
}

/** `labels: { csat: "5-point satisfaction: …" }` for the input's columns of labels; nothing when it has none. */
function labelSummary(source: PreparedSource): { labels?: Record<string, string> } {
  const labelled = source.mapping.bindings.flatMap((binding) => {
    const description = source.labels.get(binding.column);
    return description === undefined ? [] : [[binding.field.id, description] as const];
  });
  return labelled.length === 0 ? {} : { labels: Object.fromEntries(labelled) };
}

function isWithin(stamp: number | undefined, from: number | undefined, to: number | undefined): boolean {
  if (stamp === undefined) return false;
  return (from === undefined || stamp >= from) && (to === undefined || stamp < to);
}

/** A row `--from`/`--to` leave out. */
const OUTSIDE = Symbol('outside the window');

/**
 * Where a row goes under `--from`/`--to`: its own date when within them; no period (undefined)
 * when it is dated before `--from` but lasts past it (kinds/define.ts `lastsUntil`: a customer
 * active at `--from` is among the window's customers at its start); else OUTSIDE.
 */
function placeInWindow(
  row: CanonicalRow,
  stamp: number | undefined,
  from: number | undefined,
  to: number | undefined,
  lastsUntil: FieldOfType<'timestamp'> | undefined,
): number | undefined | typeof OUTSIDE {
  if (isWithin(stamp, from, to)) return stamp;
  if (stamp === undefined || from === undefined || lastsUntil === undefined || stamp >= from) return OUTSIDE;
  if (isUnreadable(row, lastsUntil)) return OUTSIDE;
  const end = row[lastsUntil];
  return end === undefined || end > from ? undefined : OUTSIDE;
}

/** The column a target's rows are grouped by, as a `by` list. */
function eachOf(view: Pick<TargetView, 'rule' | 'metric'>): string[] {
  const each = rowEach(view.rule, view.metric);
  return each === null ? [] : [each];
}

function whereFilters(where: Readonly<Record<string, readonly string[]>>): WhereFilter[] {
  return Object.entries(where).map(([column, values]) => ({ column, values }));
}

/**
 * The row's values of the `by` names; null (overall rows only) when this source cannot read one
 * of them. One array is refilled for every row (the scorecard copies it when a segment is new).
 */
function segmenter(
  by: readonly string[],
  readerOf: (name: string) => NameReader | undefined,
): (cells: readonly unknown[], row: CanonicalRow, partner: Partner | undefined) => readonly string[] | null {
  if (by.length === 0) return () => null;
  const readers = by.map(readerOf);
  if (!isEvery(readers)) return () => null;
  const segment = readers.map(() => '');
  return (cells, row, partner) => {
    for (let i = 0; i < readers.length; i++) segment[i] = (readers[i] as NameReader)(cells, row, partner);
    return segment;
  };
}

function isEvery<T>(items: readonly (T | undefined)[]): items is readonly T[] {
  return items.every((item) => item !== undefined);
}

/**
 * The index of the calendar that times a row (`row.calendar`) from its trimmed cell of the rule's
 * `by` column, else the rule's fallback (null: none); undefined when every row of this source
 * takes the fallback (no rule, no `by`, or no such column here).
 */
function calendarChooser(
  rule: BusinessHoursRule | undefined,
  source: PreparedSource,
): ((cells: readonly unknown[]) => number | null) | undefined {
  if (rule === undefined || rule.by === null) return undefined;
  const column = findNamedColumn(rule.by, source);
  if (column === undefined) return undefined;
  const { byValue, fallback } = rule;
  return (cells) => {
    const value = column === SOURCE_INDEX ? source.opened.name : cellText(cells[column]);
    return Object.hasOwn(byValue, value) ? (byValue[value] as number) : fallback;
  };
}

/** Rows whose named values are one of the accepted ones; a source that cannot read a name has no such rows. */
function wherePredicate(
  filters: readonly WhereFilter[],
  readerOf: (name: string) => NameReader | undefined,
): (cells: readonly unknown[], row: CanonicalRow, partner: Partner | undefined) => boolean {
  if (filters.length === 0) return () => true;
  const resolved = filters.map((filter) => ({ read: readerOf(filter.column), values: new Set(filter.values) }));
  if (resolved.some(({ read }) => read === undefined)) return () => false;
  return (cells, row, partner) => resolved.every(({ read, values }) => values.has((read as NameReader)(cells, row, partner)));
}
