/**
 * The SQL pushdown (README "SQL pushdown"): `xla sql` writes the query, `xla score --engine duckdb`
 * runs it in embedded DuckDB, `xla score --from-sql FILE` reads the rows another engine returned.
 * Each ends in the same place: the rows become a ScorecardSnapshot (sql/states.ts), a fresh
 * Scorecard absorbs it, and the report is made as the streaming run makes it.
 *
 * The plan comes from sql-plan.ts: the input's header read with xla's own sniffing and field
 * binding, so the query reads the very columns the streaming engine would, and whatever the SQL
 * engine cannot read the way xla does refused there. Here: the three entries, and the report.
 */
import { UsageError, XlaError } from '../errors.js';
import { METRICS } from '../metrics/registry.js';
import type { MetricDef } from '../metrics/types.js';
import type { Kind } from '../fields/types.js';
import { Scorecard } from '../scorecard/engine.js';
import { PeriodCalendar } from '../time/periods.js';
import { judgeRun } from '../scorecard/judge-run.js';
import { REPORT_SCHEMA, type InputSummary, type Report, type Result } from '../scorecard/model.js';
import { rankSegments } from '../scorecard/rank.js';
import { DEFAULT_NET_INTERVAL_METHOD } from '../stats/intervals.js';
import { dialectOf, type DialectName } from '../sql/dialects.js';
import { generateSql, PERIOD_COLUMN } from '../sql/generate.js';
import { partColumn, RECIPES } from '../sql/recipes.js';
import { analyticsUnreadWhy, apdexTMismatch, isAnalyticsField } from '../sql/analytics.js';
import { unreadCounts } from '../sql/unread.js';
import { newestStampOf } from '../sql/tickets.js';
import { bookUnreadWhy, isBookMetric } from '../sql/customer-book.js';
import { expectedColumns, snapshotOfRows, SqlRowError, unreadDates, type SqlRow } from '../sql/states.js';
import { surveyUnreadWhy } from '../sql/survey.js';
import { runDuckDb } from '../io/duckdb.js';
import { readSqlResult } from '../io/read-sql-result.js';
import { metricContextOf } from './score-inputs.js';
import { inputRowsColumn } from '../sql/inputs.js';
import type { ScoreOptions } from './run-types.js';
import { planPushdown, refuseTargetsOutside, refuseUnsupportedOptions, requestedMetrics, type PushdownRun } from './sql-plan.js';
import { STREAMING_HINT } from './sql-hints.js';
import { isQualityInResults, qualityFromResults } from './input-quality.js';

/** `xla sql`: the query for the input's layout, over `--table` or (DuckDB) the file itself. */
export async function sqlForInputs(options: ScoreOptions, dialectName: DialectName, table: string | undefined): Promise<string> {
  const dialect = dialectOf(dialectName);
  if (table === undefined && dialectName !== 'duckdb') {
    throw new UsageError(
      `--dialect ${dialectName} needs --table NAME`,
      'name the table that holds the rows; only DuckDB reads files itself',
    );
  }
  const planned = await planPushdown(options, table === undefined ? undefined : { table }, dialect, 'xla sql');
  return generateSql(planned.sql, dialect);
}

/** `xla score --engine duckdb`: the query run in embedded DuckDB on the input file. */
export async function scoreWithDuckDb(options: ScoreOptions): Promise<Report> {
  const duckdb = dialectOf('duckdb');
  const planned = await planPushdown(options, undefined, duckdb, '--engine duckdb');
  // --period over an input without a date column (periodOf warned): every row is without a period, as in a streaming run.
  const undated = options.period !== null && planned.sql.period === null;
  const rows = (await runDuckDb(generateSql(planned.sql, duckdb))).map((row) => (undated ? { ...row, [PERIOD_COLUMN]: null } : row));
  return reportOfRows(
    rows,
    planned.run,
    options,
    (error) => new XlaError(`DuckDB returned ${error.message} (row ${error.rowIndex + 1}, column ${error.column}): a bug in xla`),
  );
}

/**
 * `xla score --from-sql FILE`: the rows another engine returned for `xla sql`, as CSV. Which
 * metrics they hold is read from the header (or `--metrics`); `--by` names the segment columns.
 */
export async function scoreFromSqlResult(file: string, options: ScoreOptions): Promise<Report> {
  refuseUnsupportedOptions(options, '--from-sql');
  const { columns, rows, lineOf } = await readSqlResult(file);
  const present = new Set(columns);
  const hasAll = (id: string): boolean => partColumnsOf(id, options).every((column) => present.has(column));
  const metrics =
    options.metrics === undefined
      ? METRICS.filter((metric) => RECIPES.has(metric.id) && hasAll(metric.id))
      : requestedMetrics(options.metrics, options);
  // The book's one column serves nine metrics and tenure.mean, whichever the query was made for.
  if (options.metrics === undefined && metrics.some((metric) => isBookMetric(metric.id))) {
    throw new XlaError(`--from-sql ${file}: the customer book's rows do not say which of its metrics the query was made for`, {
      hint: 'give the --metrics given to xla sql',
    });
  }
  if (metrics.length === 0) {
    throw new XlaError(`--from-sql ${file}: no metric's columns are in the file`, {
      hint: 'its columns are named as `xla sql` writes them (nps__promoters, csat_mean__sum, …)',
    });
  }
  const run: PushdownRun = {
    metrics,
    fedIds: new Set(metrics.map((metric) => metric.id)),
    summary: { name: file, kind: kindOf(metrics), preset: null, format: { type: 'csv', delimiter: ',', encoding: 'utf-8' }, fields: {} },
  };
  const missing = expectedColumns({ ...run, by: options.by, period: options.period, scales: options.scales }).find(
    (column) => !present.has(column),
  );
  if (missing !== undefined) {
    throw new XlaError(`--from-sql ${file}: no column "${missing}"`, {
      hint: 'the rows must come from `xla sql` with the same --metrics, --by and --period as this call',
    });
  }
  return reportOfRows(
    rows,
    run,
    options,
    (error) => new XlaError(`--from-sql ${file}:${lineOf(error.rowIndex)}: column ${error.column}: ${error.message}`),
  );
}

function partColumnsOf(id: string, options: ScoreOptions): string[] {
  return (RECIPES.get(id)?.parts(options.scales) ?? []).map((part) => partColumn(id, part));
}

/** The kind a result file stands for: a metric's first kind (the pushdown's metrics are survey answers). */
function kindOf(metrics: readonly MetricDef[]): Kind {
  return metrics[0]?.kinds[0] ?? 'survey';
}

/**
 * Values xla reads that the SQL does not (sql/unread.ts: `2h 30m`, `1,234`, a Russian label, more
 * places than the engine keeps) would make the report wrong: the first field with any (in name
 * order) is refused, naming its column where the run bound it, never left out of the report.
 */
function refuseUnreadValues(rows: readonly SqlRow[], run: PushdownRun): void {
  const [found] = unreadCounts(rows);
  if (found === undefined) return;
  const { field, count } = found;
  // --from-sql's rows name no columns: the field stands for its column.
  const column = run.summary.fields[field];
  const where = column === undefined ? field : `column "${column}" (${field})`;
  const why = isAnalyticsField(field) ? analyticsUnreadWhy(field) : (bookUnreadWhy(field) ?? surveyUnreadWhy(field));
  throw new XlaError(
    `${run.summary.name}: ${where} has ${count} value${count === 1 ? '' : 's'} the SQL pushdown does not read as xla does (${why})`,
    { hint: STREAMING_HINT },
  );
}

/** The report of the rows: a fresh scorecard absorbs their snapshot and finishes it; targets are judged as in a streaming run. */
function reportOfRows(
  rows: readonly SqlRow[],
  run: PushdownRun,
  options: ScoreOptions,
  rowError: (error: SqlRowError) => XlaError,
): Report {
  refuseTargetsOutside(run.metrics, options);
  refuseUnreadValues(rows, run);
  const rowsT = run.fedIds.has('apdex') ? apdexTMismatch(rows, metricContextOf(options, [run.summary.kind]).apdexT) : undefined;
  if (rowsT !== undefined) {
    throw new XlaError(`${run.summary.name}: the rows classify Apdex at T = ${rowsT} s, not this run's T`, {
      hint: 'give the --apdex-t (or the XLA file) the query was made with',
    });
  }
  const unread = unreadDates(rows);
  if (unread > 0) {
    throw new XlaError(
      `${[run.summary, ...(run.more ?? [])].map((summary) => summary.name).join(', ')}: ${unread} date${unread === 1 ? '' : 's'} ${unread === 1 ? 'is an ISO 8601 form' : 'are ISO 8601 forms'} the SQL does not read (UTC, an offset without a colon, a decimal comma, a duration's stamp past milliseconds…)`,
      {
        hint: STREAMING_HINT,
      },
    );
  }
  if (options.asOf === undefined && run.fedIds.has('data.freshness')) {
    throw new XlaError('data.freshness: the SQL pushdown measures it against --as-of only', {
      hint: `give --as-of (a streaming run without it measures against the data's newest stamp), or ${STREAMING_HINT}`,
    });
  }
  const kind = run.summary.kind;
  // As a streaming run's plan (score-inputs.ts createScorecards): --to is "now" unless --as-of says.
  const asOf = options.asOf ?? options.to;
  const scorecard = new Scorecard({
    metrics: run.metrics,
    metricContext: metricContextOf(options, [kind]),
    confidence: options.confidence,
    by: options.by,
    period: options.period,
    tz: options.tz,
    asOf,
    from: options.from,
  });
  try {
    const plan = {
      metrics: run.metrics,
      by: options.by,
      period: options.period,
      fedIds: run.fedIds,
      scales: options.scales,
      // The scorecard's own checkpoints (scorecard/engine.ts): a backlog's state is built for them.
      checkpoints: { periods: options.period === null ? null : new PeriodCalendar(options.period, options.tz), asOf },
      tz: options.tz,
      ...(run.fedByInput === undefined ? {} : { fedByInput: run.fedByInput }),
    };
    scorecard.absorb(snapshotOfRows(rows, plan), {
      consume: true,
    });
  } catch (error) {
    if (error instanceof SqlRowError) throw rowError(error);
    throw error;
  }
  // Without --as-of (or --to), "now" is the newest event stamp, as in a streaming run (sql/tickets.ts).
  const results = scorecard.results(newestStampOf(rows));
  const rowCount = rows.reduce((total, row) => total + Number(row.rows ?? 0), 0);
  const targets = options.targets ?? [];
  const overall = (metric: string): Result[] =>
    results.filter((result) => result.metric === metric && result.period === null && Object.keys(result.segment).length === 0);
  const verdicts = judgeRun(
    new Map(targets.map((rule) => [rule, overall(rule.metric)])),
    { targets, composites: options.composites ?? [] },
    {
      allowNoData: options.allowNoData ?? false,
      baseline:
        options.baseline === undefined
          ? undefined
          : {
              report: options.baseline,
              settings: { confidence: options.confidence, netMethod: options.netIntervalMethod ?? DEFAULT_NET_INTERVAL_METHOD },
            },
    },
  );
  return {
    schema: REPORT_SCHEMA,
    title: options.title ?? null,
    // The engine read every row; values it could not read are missing to the metrics, as rejected ones are, but not counted apart.
    inputs: inputSummaries(rows, run, rowCount).map((input) => ({ ...input, ...inputQuality(run, options, results) })),
    results,
    targets: verdicts.targets,
    composites: verdicts.composites,
    summary: verdicts.summary,
    ...(options.rank === true && options.by.length > 0 ? { rank: rankSegments(results, options.by, options.confidence) } : {}),
  };
}

/** The report's inputs: the file's rows, or with several files each one's, counted apart by the query (sql/inputs.ts). */
function inputSummaries(rows: readonly SqlRow[], run: PushdownRun, rowCount: number): InputSummary[] {
  if (run.more === undefined) return [{ ...run.summary, rows: rowCount, accepted: rowCount, rejected: 0 }];
  return [run.summary, ...run.more].map((summary, i) => {
    const count = rows.reduce((total, row) => total + Number(row[inputRowsColumn(i)] ?? 0), 0);
    return { ...summary, rows: count, accepted: count, rejected: 0 };
  });
}

/**
 * The input's own quality (`inputs[].quality`), as a streaming run takes it from its results: one
 * input, every row it gave (no --where, --from, --to), and all four data quality metrics computed
 * (data.duplicates only for the kinds it reads: without an id its duplicates are null either way).
 */
function inputQuality(run: PushdownRun, options: ScoreOptions, results: readonly Result[]): Pick<InputSummary, 'quality'> {
  const computed = run.metrics.filter((metric) => run.fedIds.has(metric.id)).map((metric) => metric.id);
  const idless = METRICS.filter((metric) => metric.id === 'data.duplicates' && !metric.kinds.includes(run.summary.kind));
  const isWhole = isQualityInResults({
    inputs: 1 + (run.more?.length ?? 0),
    filtered: options.where.length > 0 || options.from !== undefined || options.to !== undefined,
    joined: false,
    metricIds: [...computed, ...idless.map((metric) => metric.id)],
  });
  return isWhole ? { quality: qualityFromResults(results) } : {};
}
