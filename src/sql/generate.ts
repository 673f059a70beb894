/**
 * The SQL of a pushdown (README "SQL pushdown"): one row per segment with, per metric, the
 * columns of its state (recipes.ts). Pure: the caller has bound the fields to columns with xla's
 * own header reading and refused what SQL cannot read as xla does; this only writes text.
 *
 * Three steps: `cells` reads each needed column as trimmed text and as an exact decimal (NULL for
 * anything that is no plain number), `answers` keeps the numbers the field accepts (its range,
 * whole numbers where it wants them: what fields/ rejects becomes NULL, as a rejected value is
 * missing to every metric), and the final SELECT aggregates per group.
 */
import type { FieldDef } from '../fields/catalog.js';
import type { FieldId } from '../fields/types.js';
import { resolveRange, type Scales } from '../fields/scales.js';
import { ISO_TIMESTAMP } from '../fields/date-formats.js';
import type { Period } from '../time/periods.js';
import type { Dialect } from './dialects.js';
import { isMissingText, ISO_DATE_PATTERN, ISO_STAMP_PATTERN, lowerForWords, sqlString, WHOLE_NUMBER_PATTERN } from './dialects.js';
import { partColumn, RECIPES, type DurationEnd, type Recipe } from './recipes.js';
import { feelingOf, newestColumn, slaVerdict, targetDue, verdictWithFeeling, type SlaClock, type SlaTargets } from './tickets.js';
import { FALSE_WORDS, TRUE_WORDS } from '../fields/values.js';
import { CLOSED_STATUSES } from '../fields/kinds/tickets.js';
import { INPUT_COLUMN, inputRowCounts, unionText, type CsvFiles, type UnionSource } from './inputs.js';
import {
  BOOK_STAMP_COLUMNS,
  customerAnswers,
  customerNewestAggregates,
  customerNewestAnswers,
  customerStampCells,
  customerStampColumns,
  type CustomerStamps,
  type StampReading,
} from './customers.js';
import { bookAnswers, isBookNumber, type BookReading } from './customer-book.js';
import type { PlainDurationUnit } from '../fields/units.js';
import { analyticsCell, analyticsUnreadCell, apdexTMs, isAnalyticsField, type PartContext } from './analytics.js';
import { FRESHNESS_COLUMN, surveyAccepted, surveyCell, surveyUnreadAnswer, surveyUnreadCell } from './survey.js';
import { countedFields, EXACT_NUMBER_PATTERN, hasDigit, unreadColumn, unreadFlag, unreadRowColumn } from './unread.js';
import { openIntervalAnswers, requesterChannelAnswers, type TicketStampColumns } from './backlog-channels.js';
import { usageAnswers, usageCells, usageStampColumns, type UsageColumns } from './usage.js';
import { orderedStampColumns, qualityAggregate, qualityAnswers, qualityCells, type QualityPlan } from './quality.js';

/** Where the rows come from: a warehouse table (`--table`), or files DuckDB reads itself. */
export type SqlSource =
  { table: string } | CsvFiles | { files: readonly string[]; format: 'parquet'; types: ReadonlyMap<string, TypedColumn> } | UnionSource;

/**
 * How a typed (Parquet) column becomes the text xla's reader gives: as it is (`text`), printed
 * (`number`, `bool`), or as ISO 8601 (`instant` with Z, `local` without, `date`).
 */
export type TypedColumn = 'text' | 'number' | 'bool' | 'instant' | 'local' | 'date';

export interface SqlPlan {
  /** Supported metric ids (recipes.ts), in report order. */
  metricIds: readonly string[];
  /** Each field a metric reads, with the column xla bound it to (and a duration's unit of plain numbers). */
  fields: readonly { field: FieldDef; column: string; unit?: PlainDurationUnit | undefined }[];
  /** The `--by` names: the column each reads, or a constant (the virtual `source` column: the file's name). */
  by: readonly ({ column: string } | { constant: string })[];
  /** `--where`: rows whose trimmed cell is one of the values. */
  where: readonly { column: string; values: readonly string[] }[];
  /** `--period`: the date column the keys come from (an ISO 8601 column), the period and the zone. */
  period: { column: string; period: Period; tz: string } | null;
  /** `--from`/`--to`: rows whose date (in that column, as for periods) lies in [from, to), epoch ms; the others, undated ones too, are left out. */
  window: {
    column: string;
    tz: string;
    from: number | undefined;
    to: number | undefined;
    /**
     * Kinds whose rows last past their date (customers, kinds/ `lastsUntil`): a row dated before
     * `from` is kept, without a period, while it lasts past `from` (its end column, when bound).
     */
    lasts?: { end: string | undefined };
  } | null;
  scales: Scales;
  source: SqlSource;
  /**
   * Durations (recipes.ts): the ISO 8601 stamp columns, the status column (a closed ticket without
   * its end stamp), the zone of stamps without an offset; for the SLA clocks, the priority column
   * and the config targets per priority (seconds).
   */
  stamps: {
    columns: Partial<Record<StampField, string>>;
    status: string | undefined;
    tz: string;
    priority?: string | undefined;
    targets?: Readonly<Record<SlaClock, SlaTargets>>;
  } | null;
  /** Time to value (customers.ts): a customers file's start_date and first_value_at columns; absent or null when no metric reads them. */
  customerStamps?: CustomerStamps | null;
  /** Apdex's T in seconds (the run's metric context). */
  apdexT?: number | undefined;
  /** data.freshness: the ISO 8601 date column it reads (data-quality.ts freshnessField) and the zone of dates without an offset; null when none is bound. */
  freshness?: { column: string; tz: string } | null | undefined;
  /** The usage metrics (usage.ts): the user id column and the day's stamp columns; absent or null when no metric reads them. */
  usage?: UsageColumns | null;
  /** data.completeness, data.validity, data.duplicates (quality.ts): every bound field's column and the id column; absent or null when none is asked. */
  quality?: (QualityPlan & { tz: string }) | null | undefined;
}

export type StampField = 'created_at' | DurationEnd | 'sla_due_at';

/** The result columns of the groups' keys: `segment_1` … in `--by` order. */
export function segmentColumn(index: number): string {
  return `segment_${index + 1}`;
}

/** The result column counting a group's rows. */
export const ROWS_COLUMN = 'rows';

/** The result columns of `--period`: the group's period key (NULL: rows without a date), and the dates xla reads but the SQL does not. */
export const PERIOD_COLUMN = 'period';
export const PERIOD_UNREAD_COLUMN = 'period_unread';

export function generateSql(plan: SqlPlan, dialect: Dialect): string {
  const q = dialect.quoteName;
  const segments = plan.by.map((_, i) => q(segmentColumn(i)));
  const period = plan.period === null ? [] : [q(PERIOD_COLUMN)];
  // Dates are counted apart when xla reads them and the SQL does not, wherever they decide a row's place.
  const dateColumn = plan.period?.column ?? plan.window?.column;
  const unread = [
    ...(dateColumn === undefined ? [] : [unreadTerm(dateColumn, ISO_DATE_PATTERN, dialect)]),
    ...[...Object.values(plan.stamps?.columns ?? {}), ...customerStampColumns(plan.customerStamps)].map((column) =>
      unreadTerm(column, ISO_STAMP_PATTERN, dialect),
    ),
    ...(plan.freshness === undefined || plan.freshness === null ? [] : [unreadTerm(plan.freshness.column, ISO_STAMP_PATTERN, dialect)]),
    ...usageStampColumns(plan.usage)
      .filter((column) => column !== dateColumn)
      .map((column) => unreadTerm(column, ISO_DATE_PATTERN, dialect)),
    ...orderedStampColumns(plan.quality).map((column) => unreadTerm(column, ISO_STAMP_PATTERN, dialect)),
    ...(plan.window?.lasts?.end === undefined ? [] : [unreadTerm(plan.window.lasts.end, ISO_STAMP_PATTERN, dialect)]),
  ];
  const fresh = plan.metricIds.includes('data.freshness');
  const ends = durationEnds(plan.metricIds);
  const rates = plan.metricIds.filter((id) => recipeOf(id).outcome !== undefined);
  const clocks = slaClocks(plan.metricIds);
  // "now" without --as-of: the newest event stamps (sql/tickets.ts newestColumn).
  const now = clocks.length > 0 || plan.metricIds.some((id) => recipeOf(id).now === true);
  const shapes = new Set(plan.metricIds.map((id) => recipeOf(id).shape));
  const book = plan.customerStamps?.book === true;
  const bound = new Set(plan.fields.map(({ field }) => field.id));
  // A field's accepted value over the `cells` column (not the `answers` alias, which PostgreSQL does not let the same SELECT read); NULL when unbound.
  const acceptedOf = (id: FieldId): string => {
    const binding = plan.fields.find(({ field }) => field.id === id);
    return binding === undefined ? 'NULL' : `(${acceptedValue(binding, numberColumn(id), plan.scales, dialect)})`;
  };
  const keys = [...segments, ...period];
  const wholeFields = new Set(plan.metricIds.flatMap((id) => (recipeOf(id).whole === true ? recipeOf(id).fields : [])));
  const numberColumn = (field: FieldId): string => q(`n_${field}`);
  const valueColumn = (field: FieldId): string => q(`v_${field}`);
  // Per counted field (unread.ts): whether the cell is missing, and whether xla may read it where the SQL does not.
  const countedIds = countedFields(plan.metricIds, RECIPES);
  const counted = plan.fields.filter(({ field }) => countedIds.includes(field.id));
  const missingOf = (field: FieldId): string => q(`m_${field}`);
  const unreadOf = (field: FieldId): string => q(unreadRowColumn(field));
  const touchedOf = (field: FieldId): string => `(NOT ${missingOf(field)} AND ${valueColumn(field)} IS NULL)`;
  const cells = [
    ...plan.by.map((part, i) => `${segmentText(part, dialect)} AS ${segments[i] ?? ''}`),
    ...plan.fields.map(
      ({ field, column, unit }) =>
        `${fieldCell(field, dialect.trimmedText(q(column)), dialect, unit, wholeFields.has(field.id))} AS ${numberColumn(field.id)}`,
    ),
    ...counted.flatMap(({ field, column }) => {
      const text = dialect.trimmedText(q(column));
      const missing = isMissingText(text, dialect);
      // A whole count is read at 38 digits (exactWholeNumber), past the answers' 12; a short fraction is rejected by both.
      const whole = `(${dialect.matches(text, WHOLE_NUMBER_PATTERN)} OR ${dialect.matches(text, EXACT_NUMBER_PATTERN)})`;
      const unread = wholeFields.has(field.id)
        ? unreadFlag(whole, hasDigit(text, dialect), missing)
        : unreadCellOf(field, text, missing, dialect);
      return [`${missing} AS ${missingOf(field.id)}`, `${unread} AS ${unreadOf(field.id)}`];
    }),
    ...(plan.period === null ? [] : [periodCell(plan.period, plan.window, dialect)]),
    ...(unread.length === 0 ? [] : [`${unread.join(' + ')} AS ${q(PERIOD_UNREAD_COLUMN)}`]),
    ...(plan.stamps === null ? [] : stampCells(plan, dialect)),
    ...(plan.customerStamps == null ? [] : customerStampCells(plan.customerStamps, stampReading(plan.customerStamps.tz, dialect), q)),
    ...(plan.freshness === undefined || plan.freshness === null ? [] : [freshnessCell(plan.freshness, dialect)]),
    ...(plan.usage == null ? [] : usageCells(plan.usage, dialect, (text) => isMissingText(text, dialect))),
    ...(plan.quality == null ? [] : qualityCells(plan.quality, plan.quality.tz, dialect)),
    ...('union' in plan.source ? [q(INPUT_COLUMN)] : []),
  ];
  const answers = [
    ...keys,
    ...(unread.length === 0 ? [] : [q(PERIOD_UNREAD_COLUMN)]),
    ...plan.fields.map(
      (binding) => `${acceptedValue(binding, numberColumn(binding.field.id), plan.scales, dialect)} AS ${valueColumn(binding.field.id)}`,
    ),
    ...counted.flatMap(({ field, unit }) => [
      missingOf(field.id),
      isAnalyticsField(field.id) || isBookNumber(field.id)
        ? unreadOf(field.id)
        : `${surveyUnreadAnswer(field, unreadOf(field.id), numberColumn(field.id), unit)} AS ${unreadOf(field.id)}`,
    ]),
    ...ends.flatMap((end) => durationAnswers(end, plan, dialect)),
    ...(rates.length === 0 ? [] : [`${resolutionAnswer(plan, dialect)} AS ${q(RESOLUTION_COLUMN)}`]),
    ...rates.map((id) => `${outcomeAnswer(recipeOf(id), acceptedOf)} AS ${q(outcomeColumn(id))}`),
    ...clocks.flatMap((clock) => slaAnswers(clock, plan, dialect, acceptedOf)),
    ...(plan.metricIds.some((id) => recipeOf(id).shape === 'sla-feelings') ? [feelingAnswer(plan, dialect, acceptedOf)] : []),
    ...(now ? eventStamps(plan, dialect) : []),
    ...(shapes.has('open-intervals') ? openIntervalAnswers(ticketStampColumns(plan, dialect), dialect) : []),
    ...(shapes.has('requester-channels')
      ? requesterChannelAnswers({ requester: numberColumn('requester'), channel: numberColumn('channel') }, keys, dialect)
      : []),
    ...(plan.customerStamps == null || !plan.metricIds.some((id) => recipeOf(id).columns !== undefined) ? [] : customerAnswers(q)),
    ...(book
      ? [...bookAnswers(bookReading(plan, dialect, acceptedOf, numberColumn), dialect), ...customerNewestAnswers(q, newestColumn)]
      : []),
    ...(fresh ? [`${plan.freshness ? q(FRESHNESS_COLUMN) : 'CAST(NULL AS BIGINT)'} AS ${q(FRESHNESS_COLUMN)}`] : []),
    ...(plan.usage == null ? [] : usageAnswers(dialect)),
    ...(plan.quality == null ? [] : qualityAnswers(plan.quality, plan.scales, dialect)),
    ...('union' in plan.source ? [q(INPUT_COLUMN)] : []),
  ];
  const aggregates = [
    `COUNT(*) AS ${q(ROWS_COLUMN)}`,
    ...(unread.length === 0 ? [] : [`SUM(${q(PERIOD_UNREAD_COLUMN)}) AS ${q(PERIOD_UNREAD_COLUMN)}`]),
    // Every counted field has its column, 0 where unbound: --from-sql's rows have the same columns whatever the file bound.
    ...countedIds.map((id) => `${bound.has(id) ? `SUM(${unreadOf(id)})` : '0'} AS ${q(unreadColumn(id))}`),
    ...stateAggregates(
      plan,
      dialect,
      (recipe) =>
        recipe.row?.(valueColumn, touchedOf) ??
        (recipe.shape === 'field-counts' || recipe.shape === 'ids'
          ? {
              value: '',
              reason: '',
              aggregate: (suffix) => qualityAggregate(suffix, plan.quality ?? { fields: [], id: undefined }, dialect),
            }
          : undefined) ??
        (recipe.shape === 'newest'
          ? { value: q(FRESHNESS_COLUMN), reason: '' }
          : { value: metricValue(recipe, bound, valueColumn, plan.scales), reason: '' }),
      {
        field: (id) => (bound.has(id) ? valueColumn(id) : undefined),
        apdexTMs: apdexTMs(plan.apdexT),
        dialect,
        usage: { userDays: plan.usage != null, customerRows: book, missing: (text) => isMissingText(text, dialect) },
      },
    ),
    ...(now ? newestStamps(plan, dialect) : []),
    ...(book ? customerNewestAggregates(q, newestColumn) : []),
    ...('union' in plan.source ? inputRowCounts(plan.source, dialect) : []),
  ];
  const where = [
    ...plan.where.map(
      ({ column, values }) => `${dialect.trimmedText(q(column))} IN (${values.map((value) => sqlString(value, dialect)).join(', ')})`,
    ),
    ...(plan.window === null ? [] : windowConditions(plan.window, dialect)),
  ];
  return [
    `-- xla sql --dialect ${dialect.name}: ${plan.metricIds.join(', ')}`,
    '-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)',
    ...dialect.notes.map((note) => `-- note: ${note}`),
    ...(dateColumn === undefined && plan.stamps === null && plan.usage == null ? [] : (dialect.dateNotes ?? [])).map(
      (note) => `-- note: ${note}`,
    ),
    ...(plan.metricIds.some((id) => recipeOf(id).shape === 'durations') ? [`-- note: ${PERCENTILE_NOTE}`] : []),
    ...parquetTexts(plan, dialect),
    `${'format' in plan.source && plan.source.format === 'parquet' ? '' : 'WITH '}cells AS (`,
    `  SELECT\n${indentList(cells, 4)}`,
    `  FROM ${'format' in plan.source && plan.source.format === 'parquet' ? PARQUET_TEXT : sourceOf(plan.source, dialect)}`,
    ...(where.length === 0 ? [] : [`  WHERE ${where.join('\n    AND ')}`]),
    '),',
    'answers AS (',
    `  SELECT\n${indentList(answers, 4)}`,
    '  FROM cells',
    ')',
    `SELECT\n${indentList([...keys, ...aggregates], 2)}`,
    'FROM answers',
    ...(keys.length === 0 ? [] : [`GROUP BY ${keys.join(', ')}`, `ORDER BY ${keys.join(', ')}`]),
    '',
  ].join('\n');
}

/**
 * Why the percentiles' columns are lists: the engines' own quantile_cont (DuckDB), PERCENTILE_CONT
 * (PostgreSQL, BigQuery) and percentile (Spark) are type 7 too, but xla's report is computed by
 * xla from the sorted values, so it equals the streaming one exactly.
 */
const PERCENTILE_NOTE =
  "*__ms columns are each group's durations in ms, sorted: xla computes the percentiles (type 7) from them; quantile_cont / PERCENTILE_CONT / percentile would give the same type-7 value in SQL but are not used for xla's report";

/** The state columns of every metric, each column once (metrics sharing a state share its columns). */
function stateAggregates(
  plan: SqlPlan,
  dialect: Dialect,
  rowOf: (recipe: Recipe) => { value: string; reason: string; aggregate?: (suffix: string) => string },
  context: PartContext,
): string[] {
  const q = dialect.quoteName;
  const columns = new Map<string, string>();
  for (const id of plan.metricIds) {
    const recipe = recipeOf(id);
    const {
      value,
      reason,
      aggregate: ownAggregate,
    } = recipe.clock !== undefined
      ? { value: q(dueColumn(recipe.clock)), reason: q(recipe.shape === 'sla-feelings' ? FEELING_COLUMN : verdictColumn(recipe.clock)) }
      : recipe.columns !== undefined
        ? { value: q(recipe.columns.value), reason: q(recipe.columns.reason) }
        : recipe.end !== undefined
          ? { value: q(durationColumn(recipe.end)), reason: q(reasonColumn(recipe.end)) }
          : recipe.outcome !== undefined
            ? { value: q(outcomeColumn(id)), reason: q(RESOLUTION_COLUMN) }
            : rowOf(recipe);
    for (const part of recipe.parts(plan.scales)) {
      const aggregate = ownAggregate?.(part.suffix) ?? part.aggregate(value, reason, context);
      const text =
        part.type === 'decimal' ? dialect.decimalText(aggregate) : part.type === 'values' ? dialect.sortedValuesText(aggregate) : aggregate;
      columns.set(partColumn(id, part), text);
    }
  }
  return [...columns].map(([column, text]) => `${text} AS ${q(column)}`);
}

/** The end stamps of the plan's durations, each once, in a fixed order. */
function durationEnds(metricIds: readonly string[]): DurationEnd[] {
  const ends = new Set(metricIds.map((id) => recipeOf(id).end));
  return (['first_response_at', 'resolved_at'] as const).filter((end) => ends.has(end));
}

const msColumn = (field: StampField): string => `ms_${field}`;
const missingColumn = (field: StampField): string => `missing_${field}`;
const durationColumn = (end: DurationEnd): string => `d_${end}`;
const reasonColumn = (end: DurationEnd): string => `x_${end}`;
const CLOSED_STATUS_COLUMN = 'closed_status';
const RESOLUTION_COLUMN = 'resolution';
const outcomeColumn = (metricId: string): string => `o_${metricId.replaceAll('.', '_')}`;
const verdictColumn = (clock: SlaClock): string => `sla_${clock}`;
const dueColumn = (clock: SlaClock): string => `due_${clock}`;
const PRIORITY_COLUMN = 'priority_text';
const MISSING_PRIORITY_COLUMN = 'missing_priority';

/** Each event stamp as read (an end stamp before created_at is rejected, so no event), for the newest (sql/tickets.ts newestColumn). */
function eventStamps(plan: SqlPlan, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  const columns = plan.stamps?.columns ?? {};
  const created = columns.created_at === undefined ? 'NULL' : q(msColumn('created_at'));
  return EVENT_STAMPS.filter((field) => columns[field] !== undefined).map((field) => {
    const ms = q(msColumn(field));
    const read = field === 'created_at' ? `${ms} IS NOT NULL` : `${ms} IS NOT NULL AND (${created} IS NULL OR ${ms} >= ${created})`;
    return `CASE WHEN ${read} THEN ${ms} END AS ${q(newestColumn(field))}`;
  });
}

/** The newest of each: xla's "now" without --as-of. */
function newestStamps(plan: SqlPlan, dialect: Dialect): string[] {
  const columns = plan.stamps?.columns ?? {};
  const q = dialect.quoteName;
  return EVENT_STAMPS.filter((field) => columns[field] !== undefined).map(
    (field) => `MAX(${q(newestColumn(field))}) AS ${q(newestColumn(field))}`,
  );
}

const EVENT_STAMPS = ['created_at', 'first_response_at', 'resolved_at'] as const;

/** The `cells` columns a ticket's open interval is read from (sql/backlog-channels.ts), as the durations read them. */
function ticketStampColumns(plan: SqlPlan, dialect: Dialect): TicketStampColumns {
  const q = dialect.quoteName;
  const columns = plan.stamps?.columns ?? {};
  const bound = (field: StampField): boolean => columns[field] !== undefined;
  return {
    created: bound('created_at') ? q(msColumn('created_at')) : 'CAST(NULL AS BIGINT)',
    resolved: bound('resolved_at') ? q(msColumn('resolved_at')) : 'CAST(NULL AS BIGINT)',
    resolvedMissing: bound('resolved_at') ? q(missingColumn('resolved_at')) : 'TRUE',
    closedByStatus: plan.stamps?.status === undefined ? 'FALSE' : `${q(CLOSED_STATUS_COLUMN)} = 1`,
  };
}

/** The SLA clocks of the plan, each once, in a fixed order. */
function slaClocks(metricIds: readonly string[]): SlaClock[] {
  const clocks = new Set(metricIds.map((id) => recipeOf(id).clock));
  return (['resolution', 'first_response'] as const).filter((clock) => clocks.has(clock));
}

/**
 * A ticket's SLA verdict and due instant on one clock (sql/tickets.ts slaVerdict): resolution from
 * made_sla, else sla_due_at, else the config target; first response from its target alone, stopped
 * by first_response_at, else resolved_at. The stamps as the durations read them.
 */
function slaAnswers(clock: SlaClock, plan: SqlPlan, dialect: Dialect, acceptedOf: (id: FieldId) => string): string[] {
  const q = dialect.quoteName;
  const { verdict, due } = slaExpressions(clock, plan, dialect, acceptedOf);
  return [`${verdict} AS ${q(verdictColumn(clock))}`, `${due} AS ${q(dueColumn(clock))}`];
}

const FEELING_COLUMN = 'sla_feeling';

/** A ticket's resolution verdict with its user's feeling (sql/tickets.ts verdictWithFeeling), for the watermelon rates. */
function feelingAnswer(plan: SqlPlan, dialect: Dialect, acceptedOf: (id: FieldId) => string): string {
  const { verdict } = slaExpressions('resolution', plan, dialect, acceptedOf);
  // A survey's csat, else a ticket's satisfaction (watermelon.ts feelingOf), as bound.
  const csats = (['csat', 'satisfaction'] as const).map(acceptedOf).filter((value) => value !== 'NULL');
  const csat = csats.length === 0 ? 'NULL' : csats.length === 1 ? (csats[0] as string) : `COALESCE(${csats.join(', ')})`;
  return `${verdictWithFeeling(verdict, feelingOf(acceptedOf('nps'), csat, plan.scales.csat))} AS ${dialect.quoteName(FEELING_COLUMN)}`;
}

/** The SQL of a ticket's verdict and due instant on one clock. */
function slaExpressions(
  clock: SlaClock,
  plan: SqlPlan,
  dialect: Dialect,
  acceptedOf: (id: FieldId) => string,
): { verdict: string; due: string } {
  const q = dialect.quoteName;
  const stamps = plan.stamps;
  if (stamps === null) throw new Error('sql: an SLA clock without stamps');
  const created = stamps.columns.created_at === undefined ? 'NULL' : q(msColumn('created_at'));
  const stop = (field: DurationEnd) => {
    if (stamps.columns[field] === undefined) return [];
    const ms = q(msColumn(field));
    const read = `(${ms} IS NOT NULL AND (${created} IS NULL OR ${ms} >= ${created}))`;
    return [{ ms, read, rejected: `(NOT ${q(missingColumn(field))} AND NOT ${read})` }];
  };
  const priority = stamps.priority === undefined ? undefined : { text: q(PRIORITY_COLUMN), missing: q(MISSING_PRIORITY_COLUMN) };
  const fromTarget = targetDue(stamps.targets?.[clock] ?? {}, priority, created, (text) => sqlString(text, dialect));
  const dueAt = stamps.columns.sla_due_at === undefined ? undefined : q(msColumn('sla_due_at'));
  const due = clock === 'resolution' && dueAt !== undefined ? `COALESCE(${dueAt}, ${fromTarget})` : fromTarget;
  const verdict = slaVerdict({
    flag: clock === 'resolution' ? acceptedOf('made_sla') : 'NULL',
    due,
    stops: [...(clock === 'first_response' ? stop('first_response_at') : []), ...stop('resolved_at')],
    closedByStatus: stamps.status === undefined ? 'FALSE' : `${q(CLOSED_STATUS_COLUMN)} = 1`,
    knownOpen: `(${resolutionAnswer(plan, dialect)}) = 'open'`,
  });
  return { verdict, due };
}

/** A yes/no cell as fields/values.ts reads one (its words and the field's own, any case): TRUE, FALSE, or NULL (missing or no yes/no). */
function boolCell(field: FieldDef, text: string, dialect: Dialect): string {
  const wordsOf = (standard: ReadonlySet<string>, extra: readonly string[] = []): string[] =>
    [...new Set([...standard, ...extra.map((word) => word.toLowerCase())])].sort();
  const [yes, no] = [wordsOf(TRUE_WORDS, field.boolWords?.yes), wordsOf(FALSE_WORDS, field.boolWords?.no)];
  const listed = (words: readonly string[]): string => words.map((word) => sqlString(word, dialect)).join(', ');
  const lower = lowerForWords(text, [...yes, ...no], dialect);
  return `CASE WHEN ${lower} IN (${listed(yes)}) THEN TRUE WHEN ${lower} IN (${listed(no)}) THEN FALSE END`;
}

/** A counted field's unread flag (unread.ts), as its family reads the field. */
function unreadCellOf(field: FieldDef, text: string, missing: string, dialect: Dialect): string {
  return isAnalyticsField(field.id) ? analyticsUnreadCell(field, text, missing, dialect) : surveyUnreadCell(field, text, missing, dialect);
}

/**
 * A field's cell: a yes/no field as a boolean, an analytics share or duration as analytics.ts reads
 * it, a sentiment as survey.ts does, any other as an exact number (`whole`: a whole number at 38
 * digits, recipes.ts).
 */
function fieldCell(field: FieldDef, text: string, dialect: Dialect, unit: PlainDurationUnit | undefined, whole: boolean): string {
  if (field.type === 'bool') return boolCell(field, text, dialect);
  // A text (a requester, a channel): xla reads the cell itself again (sql/backlog-channels.ts).
  if (field.type === 'text') return text;
  if (whole) return dialect.exactWholeNumber(text);
  return (
    (isAnalyticsField(field.id) ? analyticsCell(field, text, dialect, unit) : undefined) ??
    surveyCell(field, text, dialect) ??
    dialect.exactNumber(text)
  );
}

/**
 * Whether the ticket is known resolved (tickets.ts isKnownResolved: is_resolved, or a rejected
 * resolved_at), known open (is_resolved false: a status that does not close it, or, without a
 * status, no resolved_at in a file that has the column), or neither (kinds/tickets.ts is_resolved).
 */
function resolutionAnswer(plan: SqlPlan, dialect: Dialect): string {
  const q = dialect.quoteName;
  const columns = plan.stamps?.columns ?? {};
  const created = columns.created_at === undefined ? 'NULL' : q(msColumn('created_at'));
  const hasResolvedAt = columns.resolved_at !== undefined;
  const read = hasResolvedAt
    ? `(${q(msColumn('resolved_at'))} IS NOT NULL AND (${created} IS NULL OR ${q(msColumn('resolved_at'))} >= ${created}))`
    : 'FALSE';
  const rejected = hasResolvedAt ? `(NOT ${q(missingColumn('resolved_at'))} AND NOT ${read})` : 'FALSE';
  const status = plan.stamps?.status === undefined ? undefined : q(CLOSED_STATUS_COLUMN);
  const closed = status === undefined ? 'FALSE' : `${status} = 1`;
  const notClosed =
    status === undefined
      ? String(hasResolvedAt).toUpperCase()
      : `(${status} = 0 OR (${status} IS NULL AND ${String(hasResolvedAt).toUpperCase()}))`;
  return `CASE WHEN ${read} OR ${closed} OR ${rejected} THEN 'resolved' WHEN ${notClosed} THEN 'open' ELSE 'unknown' END`;
}

/** A resolved rate's outcome per row: 1 a success, 0 not, NULL no information (neither field has a value). */
function outcomeAnswer(recipe: Recipe, column: (field: FieldId) => string): string {
  const outcome = recipe.outcome;
  const [first, second] = recipe.fields;
  if (outcome === undefined || first === undefined) throw new Error('sql: not a resolved rate');
  // One field (self_service) or two (a count and a flag); the second, when there is none, is NULL.
  const [count, flag] = [column(first), second === undefined ? 'NULL' : column(second)];
  return `CASE WHEN NOT ${outcome.known(count, flag)} THEN NULL WHEN ${outcome.success(count, flag)} THEN 1 ELSE 0 END`;
}

/** A stamp column's epoch ms (NULL unless in a form the SQL reads) and whether its cell is missing. */
function stampReading(tz: string, dialect: Dialect): StampReading {
  const text = (column: string): string => dialect.trimmedText(dialect.quoteName(column));
  return {
    ms: (column) =>
      `CAST(CASE WHEN ${dialect.matches(text(column), ISO_STAMP_PATTERN)} THEN ${dialect.epochMs(text(column), tz)} END AS BIGINT)`,
    missing: (column) => isMissingText(text(column), dialect),
  };
}

/** Per stamp: its epoch ms (NULL unless read) and whether it is missing; the status as closed (1), not closed (0) or missing (NULL). */
function stampCells(plan: SqlPlan, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  const stamps = plan.stamps;
  if (stamps === null) throw new Error('sql: stamp cells without stamps');
  const reading = stampReading(stamps.tz, dialect);
  const cells = (Object.entries(stamps.columns) as [StampField, string][]).flatMap(([field, column]) => [
    `${reading.ms(column)} AS ${q(msColumn(field))}`,
    `${reading.missing(column)} AS ${q(missingColumn(field))}`,
  ]);
  if (stamps.priority !== undefined) {
    const priority = dialect.trimmedText(q(stamps.priority));
    cells.push(`${priority} AS ${q(PRIORITY_COLUMN)}`, `${isMissingText(priority, dialect)} AS ${q(MISSING_PRIORITY_COLUMN)}`);
  }
  if (stamps.status === undefined) return cells;
  const status = dialect.trimmedText(q(stamps.status));
  const closed = [...CLOSED_STATUSES].sort();
  const listed = closed.map((word) => sqlString(word, dialect)).join(', ');
  return [
    ...cells,
    `CASE WHEN NOT ${isMissingText(status, dialect)} THEN CASE WHEN ${lowerForWords(status, closed, dialect)} IN (${listed}) THEN 1 ELSE 0 END END AS ${q(CLOSED_STATUS_COLUMN)}`,
  ];
}

/**
 * A stamp as the row builder leaves it (fields/row-builder.ts): read, unless it is not a date or
 * lies before created_at (rejected: unreadable). The duration `end − created_at` in ms; else why
 * none (accumulators.ts countingOpen): rejected, or no end stamp on a ticket with a readable
 * created_at — closed when it is known resolved (kinds/tickets.ts is_resolved), else open.
 */
function durationAnswers(end: DurationEnd, plan: SqlPlan, dialect: Dialect): string[] {
  const q = dialect.quoteName;
  const created = q(msColumn('created_at'));
  const read = (field: DurationEnd): string =>
    `(${q(msColumn(field))} IS NOT NULL AND (${created} IS NULL OR ${q(msColumn(field))} >= ${created}))`;
  const rejected = `(NOT ${q(missingColumn(end))} AND NOT ${read(end)})`;
  const resolved = [
    ...(plan.stamps?.columns.resolved_at === undefined ? [] : [read('resolved_at')]),
    ...(plan.stamps?.status === undefined ? [] : [`${q(CLOSED_STATUS_COLUMN)} = 1`]),
  ];
  const isResolved = resolved.length === 0 ? 'FALSE' : `(${resolved.join(' OR ')})`;
  return [
    `CASE WHEN ${created} IS NOT NULL AND ${read(end)} THEN ${q(msColumn(end))} - ${created} END AS ${q(durationColumn(end))}`,
    `CASE WHEN ${rejected} THEN 'unreadable' WHEN ${created} IS NULL OR ${read(end)} THEN NULL WHEN ${isResolved} THEN 'closed' ELSE 'open' END AS ${q(reasonColumn(end))}`,
  ];
}

/** How the customer book reads a row (customer-book.ts): the stamps' cells, the fields' accepted values, the tenure's unit. */
function bookReading(
  plan: SqlPlan,
  dialect: Dialect,
  acceptedOf: (id: FieldId) => string,
  numberColumn: (id: FieldId) => string,
): BookReading {
  const q = dialect.quoteName;
  return {
    ms: (stamp) => q(BOOK_STAMP_COLUMNS.ms[stamp]),
    missing: (stamp) => q(BOOK_STAMP_COLUMNS.missing[stamp]),
    accepted: acceptedOf,
    number: numberColumn,
    unit: plan.fields.find(({ field }) => field.id === 'tenure')?.unit ?? 's',
  };
}

/** data.freshness: the date's epoch ms, for dates in the form the SQL reads (ISO_STAMP_PATTERN: milliseconds at most, as xla keeps). */
function freshnessCell(freshness: { column: string; tz: string }, dialect: Dialect): string {
  const text = dialect.trimmedText(dialect.quoteName(freshness.column));
  return `CAST(CASE WHEN ${dialect.matches(text, ISO_STAMP_PATTERN)} THEN ${dialect.epochMs(text, freshness.tz)} END AS BIGINT) AS ${dialect.quoteName(FRESHNESS_COLUMN)}`;
}

/** The period key of the date column, for dates in the form the SQL reads (ISO_DATE_PATTERN). */
function periodCell(period: NonNullable<SqlPlan['period']>, window: SqlPlan['window'], dialect: Dialect): string {
  const text = dialect.trimmedText(dialect.quoteName(period.column));
  // A row kept before --from because it lasts (windowConditions) has no period, as streaming places it.
  const lasting =
    window?.lasts === undefined || window.from === undefined ? '' : `WHEN ${windowMs(window, dialect)} < ${window.from} THEN NULL `;
  return `CASE ${lasting}WHEN ${dialect.matches(text, ISO_DATE_PATTERN)} THEN ${dialect.periodKey(text, period.period, period.tz)} END AS ${dialect.quoteName(PERIOD_COLUMN)}`;
}

/** 1 for a date xla reads (its own ISO 8601 expression, fields/date-formats.ts) in a form the SQL does not (`readable`). */
function unreadTerm(column: string, readable: string, dialect: Dialect): string {
  const text = dialect.trimmedText(dialect.quoteName(column));
  return `CASE WHEN ${dialect.matches(text, ISO_TIMESTAMP.source)} AND NOT ${dialect.matches(text, readable)} THEN 1 ELSE 0 END`;
}

/** The window's date in epoch ms, NULL unless in a form the SQL reads. */
function windowMs(window: NonNullable<SqlPlan['window']>, dialect: Dialect): string {
  const text = dialect.trimmedText(dialect.quoteName(window.column));
  return `CASE WHEN ${dialect.matches(text, ISO_DATE_PATTERN)} THEN ${dialect.epochMs(text, window.tz)} END`;
}

/**
 * from ≤ date < to; a row without a readable date fails both, as xla leaves it out. A row that
 * lasts (customers, score-inputs.ts placeInWindow) is kept too when dated before `from` with an end
 * that is missing, or read (not before its date) and after `from`; a rejected end leaves it out.
 */
function windowConditions(window: NonNullable<SqlPlan['window']>, dialect: Dialect): string[] {
  const epochMs = windowMs(window, dialect);
  const within = [
    ...(window.from === undefined ? [] : [`${epochMs} >= ${window.from}`]),
    ...(window.to === undefined ? [] : [`${epochMs} < ${window.to}`]),
  ];
  if (window.lasts === undefined || window.from === undefined) return within;
  const endText = window.lasts.end === undefined ? undefined : dialect.trimmedText(dialect.quoteName(window.lasts.end));
  const lasts =
    endText === undefined
      ? 'TRUE'
      : `(${isMissingText(endText, dialect)} OR (CASE WHEN ${dialect.matches(endText, ISO_STAMP_PATTERN)} THEN ${dialect.epochMs(endText, window.tz)} END >= ${epochMs} AND CASE WHEN ${dialect.matches(endText, ISO_STAMP_PATTERN)} THEN ${dialect.epochMs(endText, window.tz)} END > ${window.from}))`;
  return [`((${within.join(' AND ')}) OR (${epochMs} < ${window.from} AND ${lasts}))`];
}

function recipeOf(id: string): Recipe {
  const recipe = RECIPES.get(id);
  if (recipe === undefined) throw new Error(`sql: no recipe for ${id}`);
  return recipe;
}

/** A metric's value per row: its first bound field's accepted value (CSAT: `csat`, else `satisfaction`); none for a count of rows. */
function metricValue(recipe: Recipe, bound: ReadonlySet<FieldId>, valueColumn: (field: FieldId) => string, scales: Scales): string {
  // Tuples read the answers' own columns (the customer book, usage): no one value per row.
  if (recipe.fields.length === 0 || recipe.parts(scales).every((part) => part.type === 'tuples')) return '';
  const columns = recipe.fields.filter((field) => bound.has(field)).map(valueColumn);
  if (columns.length === 0) throw new Error(`sql: no field of ${recipe.fields.join(', ')} is bound`);
  return columns.length === 1 ? (columns[0] as string) : `COALESCE(${columns.join(', ')})`;
}

/** The number when the field accepts it (fields/values.ts coerceNumber: range, whole numbers), else NULL. */
function acceptedValue({ field, unit }: SqlPlan['fields'][number], number: string, scales: Scales, dialect: Dialect): string {
  if (field.type === 'bool') return number;
  // An analytics duration is already in ms (analytics.ts analyticsCell); survey.ts reads the other durations and sentiment.
  const survey = isAnalyticsField(field.id) ? undefined : surveyAccepted(field, number, unit, dialect);
  if (survey !== undefined) return survey;
  const range = resolveRange(field.range, scales);
  const checks = [
    ...(range === undefined ? [] : [`${number} BETWEEN ${range[0]} AND ${range[1]}`]),
    ...(field.integer === true ? [`${number} = FLOOR(${number})`] : []),
  ];
  return checks.length === 0 ? number : `CASE WHEN ${checks.join(' AND ')} THEN ${number} END`;
}

/** A segment's value as xla compares it: the trimmed cell, blank when missing. */
function segmentText(part: SqlPlan['by'][number], dialect: Dialect): string {
  if ('constant' in part) return sqlString(part.constant, dialect);
  return `COALESCE(${dialect.trimmedText(dialect.quoteName(part.column))}, '')`;
}

const PARQUET_TEXT = 'texts';

/** The columns the query reads, each once, in a fixed order. */
function readColumns(plan: SqlPlan): string[] {
  return [
    ...new Set([
      ...plan.fields.map(({ column }) => column),
      ...plan.by.flatMap((part) => ('column' in part ? [part.column] : [])),
      ...plan.where.map(({ column }) => column),
      ...(plan.period === null ? [] : [plan.period.column]),
      ...(plan.window === null ? [] : [plan.window.column]),
      ...(plan.window?.lasts?.end === undefined ? [] : [plan.window.lasts.end]),
      ...Object.values(plan.stamps?.columns ?? {}),
      ...(plan.stamps?.status === undefined ? [] : [plan.stamps.status]),
      ...customerStampColumns(plan.customerStamps),
      ...(plan.freshness === undefined || plan.freshness === null ? [] : [plan.freshness.column]),
      ...(plan.stamps?.priority === undefined ? [] : [plan.stamps.priority]),
      ...(plan.usage == null ? [] : [plan.usage.user, ...plan.usage.stamps]),
    ]),
  ].sort();
}

/**
 * A Parquet file's typed values as the text xla's Parquet reader gives (io/parquet-reader.ts): an
 * instant as ISO 8601 in UTC to the millisecond (rounded down) with Z, a local date-time without
 * it, a date as YYYY-MM-DD, numbers and booleans as DuckDB prints them (read back as numbers and
 * yes/no as xla reads them). The caller refused every other type (sql-plan.ts).
 */
function parquetTexts(plan: SqlPlan, dialect: Dialect): string[] {
  const source = plan.source;
  if (!('format' in source) || source.format !== 'parquet') return [];
  const q = dialect.quoteName;
  const texts = readColumns(plan).map((column) => {
    const value = q(column);
    // Rounded down to the millisecond as xla's reader does (epoch_ms truncates toward 1970).
    const wallClock = `strftime(make_timestamp(CAST(floor(epoch_us(${value}) / 1000) AS BIGINT) * 1000), '%Y-%m-%dT%H:%M:%S.%g')`;
    const type = source.types.get(column);
    const text =
      type === 'instant'
        ? `${wallClock} || 'Z'`
        : type === 'local'
          ? wallClock
          : type === 'date'
            ? `strftime(${value}, '%Y-%m-%d')`
            : type === 'text'
              ? value
              : `CAST(${value} AS VARCHAR)`;
    return `${text} AS ${value}`;
  });
  const files = `[${source.files.map((file) => sqlString(file, dialect)).join(', ')}]`;
  return [
    `WITH ${PARQUET_TEXT} AS (`,
    `  SELECT\n${indentList(texts.length === 0 ? ['1 AS "one"'] : texts, 4)}`,
    `  FROM read_parquet(${files})`,
    '),',
  ];
}

/** Files are read with every column as text: xla's coercion, not the engine's type sniffing, decides what a value is. */
function sourceOf(source: SqlSource, dialect: Dialect): string {
  if ('table' in source) return dialect.quoteTable(source.table);
  if ('union' in source)
    return unionText(
      source,
      dialect,
      (text) => sqlString(text, dialect),
      (input) => sourceOf(input, dialect),
    );
  const files = `[${source.files.map((file) => sqlString(file, dialect)).join(', ')}]`;
  if (source.format === 'parquet') return `read_parquet(${files})`;
  return `read_csv(${files}, header = true, all_varchar = true, delim = ${sqlString(source.delimiter, dialect)}, quote = '"', escape = '"')`;
}

function indentList(items: readonly string[], spaces: number): string {
  const pad = ' '.repeat(spaces);
  return items.map((item, i) => `${pad}${item}${i < items.length - 1 ? ',' : ''}`).join('\n');
}
