/**
 * Several input files in one SQL pushdown (README "SQL pushdown"): the plans of the files, each
 * bound from its own header (sql-plan.ts planForSource), become one plan over the UNION ALL of
 * their rows (sql/inputs.ts), its columns named after roles. Mixes the query cannot read as the
 * streaming engine does are refused here, naming the files.
 */
import { XlaError } from '../errors.js';
import type { FieldDef } from '../fields/catalog.js';
import type { Kind } from '../fields/types.js';
import type { PlainDurationUnit } from '../fields/units.js';
import type { SqlPlan, StampField } from '../sql/generate.js';
import type { RoleValue, UnionInput } from '../sql/inputs.js';
import { STREAMING_HINT } from './sql-hints.js';

/** One file's plan, as planned alone. */
export interface FilePlan {
  name: string;
  kind: Kind;
  sql: SqlPlan;
}

/** The role names of the union's columns: a field, a `--by` or `--where` name, the date, a stamp, the status. */
const fieldRole = (field: FieldDef): string => `f_${field.id}`;
const byRole = (index: number): string => `by_${index + 1}`;
const whereRole = (index: number): string => `where_${index + 1}`;
const DATE_ROLE = 'date';
const stampRole = (field: string): string => `s_${field}`;
const STATUS_ROLE = 'status';
const START_ROLE = 's_start_date';
const FIRST_VALUE_ROLE = 's_first_value_at';
const END_ROLE = 's_end_date';
const FRESHNESS_ROLE = 'freshness';
const PRIORITY_ROLE = 'priority';
const USER_ROLE = 'user_id';
const qualityRole = (field: FieldDef): string => `q_${field.id}`;
const ID_ROLE = 'q_id';

/** The plan over the union of the files' rows; each file's plan has been checked alone already. */
export function unionPlan(files: readonly FilePlan[]): SqlPlan {
  const first = files[0];
  if (first === undefined) throw new Error('sql: no file to unite');
  refuseMixedKinds(files);
  refuseMixedStamps(files);
  const units = commonUnits(files);
  const fields = [...new Map(files.flatMap((file) => file.sql.fields.map(({ field }) => [field.id, field] as const))).values()];
  const stampFields = Object.keys(first.sql.stamps?.columns ?? {}).sort() as StampField[];
  // data.freshness's date column, where some file has one (a file without one adds no dated rows).
  const fresh = files.find((file) => file.sql.freshness != null)?.sql.freshness ?? undefined;
  // The SLA clocks' priority column, where some file has one (a ticket without one has no config target, as streaming reads it).
  const prioritized = files.some((file) => file.sql.stamps?.priority !== undefined);
  const dated = files.some((file) => file.sql.period !== null || file.sql.window !== null);
  // The usage metrics' user id and day stamps (sql/usage.ts): date, else timestamp, as many as the file with most binds.
  // A file's first is its date column (both the first bound of date, timestamp): the date role, so its unread cells count once.
  const usage = files.find((file) => file.sql.usage != null)?.sql.usage ?? undefined;
  const usageStamps = Array.from({ length: Math.max(0, ...files.map((file) => file.sql.usage?.stamps.length ?? 0)) }, (_, i) =>
    i === 0 && dated ? DATE_ROLE : `s_usage_${i + 1}`,
  );
  // Data quality (sql/quality.ts): every field some file binds, counted over the rows of the files that bind it.
  const qualityFields = [
    ...new Map(files.flatMap((file) => (file.sql.quality?.fields ?? []).map(({ field }) => [field.id, field] as const))).values(),
  ];
  const qualityColumn = (plan: SqlPlan, field: FieldDef): string | undefined =>
    plan.quality?.fields.find((bound) => bound.field.id === field.id)?.column;
  const hasId = files.some((file) => file.sql.quality?.id !== undefined);
  const roles: { name: string; valueIn: (plan: SqlPlan) => RoleValue }[] = [
    ...fields.map((field) => ({
      name: fieldRole(field),
      valueIn: (plan: SqlPlan) => columnOf(plan.fields.find((bound) => bound.field.id === field.id)?.column),
    })),
    ...first.sql.by.map((_, i) => ({ name: byRole(i), valueIn: (plan: SqlPlan) => plan.by[i] ?? null })),
    ...first.sql.where.map((_, i) => ({ name: whereRole(i), valueIn: (plan: SqlPlan) => columnOf(plan.where[i]?.column) })),
    ...(dated ? [{ name: DATE_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.period?.column ?? plan.window?.column) }] : []),
    ...stampFields.map((field) => ({ name: stampRole(field), valueIn: (plan: SqlPlan) => columnOf(plan.stamps?.columns[field]) })),
    ...(first.sql.stamps?.status === undefined ? [] : [{ name: STATUS_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.stamps?.status) }]),
    ...(prioritized ? [{ name: PRIORITY_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.stamps?.priority) }] : []),
    ...(fresh === undefined ? [] : [{ name: FRESHNESS_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.freshness?.column ?? undefined) }]),
    ...qualityFields.map((field) => ({ name: qualityRole(field), valueIn: (plan: SqlPlan) => columnOf(qualityColumn(plan, field)) })),
    ...(hasId ? [{ name: ID_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.quality?.id) }] : []),
    ...(first.sql.customerStamps == null
      ? []
      : [
          { name: START_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.customerStamps?.start) },
          { name: FIRST_VALUE_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.customerStamps?.firstValue) },
          ...(first.sql.customerStamps.book === true
            ? [{ name: END_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.customerStamps?.end) }]
            : []),
        ]),
    ...(usage === undefined
      ? []
      : [
          { name: USER_ROLE, valueIn: (plan: SqlPlan) => columnOf(plan.usage?.user) },
          ...usageStamps.flatMap((name, i) =>
            name === DATE_ROLE ? [] : [{ name, valueIn: (plan: SqlPlan) => columnOf(plan.usage?.stamps[i]) }],
          ),
        ]),
  ];
  const union = files.map((file): UnionInput => {
    const source = file.sql.source;
    if (!('format' in source) || source.format !== 'csv') throw new Error('sql: a union reads CSV files');
    return { source, values: roles.map((role) => role.valueIn(file.sql)) };
  });
  const period = files.find((file) => file.sql.period !== null)?.sql.period ?? null;
  const window = first.sql.window;
  if (window?.lasts !== undefined)
    throw new XlaError('--from/--to: the SQL pushdown windows customers (rows that last past their date) of one file only', {
      hint: STREAMING_HINT,
    });
  const stamps = first.sql.stamps;
  return {
    metricIds: first.sql.metricIds,
    fields: fields.map((field) => ({ field, column: fieldRole(field), unit: units.get(field.id) })),
    by: first.sql.by.map((_, i) => ({ column: byRole(i) })),
    where: first.sql.where.map(({ values }, i) => ({ column: whereRole(i), values })),
    period: period === null ? null : { ...period, column: DATE_ROLE },
    window: window === null ? null : { ...window, column: DATE_ROLE },
    scales: first.sql.scales,
    source: { union, roles: roles.map((role) => role.name) },
    freshness: fresh === undefined ? null : { column: FRESHNESS_ROLE, tz: fresh.tz },
    quality:
      first.sql.quality == null
        ? null
        : {
            fields: qualityFields.map((field) => ({
              field,
              column: qualityRole(field),
              inputs: files.flatMap((file, i) => (qualityColumn(file.sql, field) === undefined ? [] : [i + 1])),
            })),
            id: hasId ? ID_ROLE : undefined,
            tz: first.sql.quality.tz,
          },
    customerStamps:
      first.sql.customerStamps == null
        ? null
        : {
            start: START_ROLE,
            firstValue: FIRST_VALUE_ROLE,
            tz: first.sql.customerStamps.tz,
            // The customer book's end stamp (sql/customer-book.ts).
            ...(first.sql.customerStamps.book === true ? { end: END_ROLE, book: true } : {}),
          },
    usage: usage === undefined ? null : { user: USER_ROLE, stamps: usageStamps, tz: usage.tz },
    stamps:
      stamps === null
        ? null
        : {
            columns: Object.fromEntries(stampFields.map((field) => [field, stampRole(field)])),
            status: stamps.status === undefined ? undefined : STATUS_ROLE,
            tz: stamps.tz,
            ...(prioritized ? { priority: PRIORITY_ROLE } : {}),
            ...(stamps.targets === undefined ? {} : { targets: stamps.targets }),
          },
  };
}

/**
 * A duration field's unit of plain numbers (`--unit`, a header's `(min)`): the query reads one
 * field's cells in one unit, so files that bind it in different units are refused, naming them.
 */
function commonUnits(files: readonly FilePlan[]): ReadonlyMap<string, PlainDurationUnit | undefined> {
  const units = new Map<string, PlainDurationUnit | undefined>();
  for (const file of files) {
    for (const { field, unit } of file.sql.fields) {
      if (!units.has(field.id)) units.set(field.id, unit);
      else if ((units.get(field.id) ?? 's') !== (unit ?? 's')) {
        throw new XlaError(
          `the SQL pushdown reads ${field.id} in one unit over several files: ${files
            .flatMap((other) => {
              const bound = other.sql.fields.find((candidate) => candidate.field.id === field.id);
              return bound === undefined ? [] : [`${other.name} in ${bound.unit ?? 's'}`];
            })
            .join(', ')}`,
          { hint: STREAMING_HINT },
        );
      }
    }
  }
  return units;
}

const columnOf = (column: string | undefined): RoleValue => (column === undefined ? null : { column });

/** `tickets` counts a tickets file's rows: a survey file's rows in the same query would be counted too. */
/**
 * Why adoption against a customers file's customers is not pushed down: one query unions files of
 * one kind, and the two kinds date and window their rows by different rules (a customer lasts past
 * its start_date, an event does not).
 */
const MIXED_ADOPTION_WHY =
  "adoption_rate against the customers of a customers file needs the events and the customers in one state, which one query over one kind's columns, dates and windows does not make";

export function refuseMixedKinds(files: readonly Pick<FilePlan, 'name' | 'kind'>[]): void {
  const kinds = new Set(files.map((file) => file.kind));
  if (kinds.size === 1) return;
  const adoption = kinds.has('customers') && kinds.has('analytics') ? `; ${MIXED_ADOPTION_WHY}` : '';
  throw new XlaError(
    `the SQL pushdown reads several files of one kind: ${files.map((file) => `${file.name} is ${file.kind}`).join(', ')}${adoption}`,
    { hint: STREAMING_HINT },
  );
}

/**
 * Whether a ticket is resolved, and which tickets a duration leaves out, depend on which stamps
 * and status a file has (kinds/tickets.ts is_resolved): the query decides them once for all rows.
 */
function refuseMixedStamps(files: readonly FilePlan[]): void {
  const layout = (plan: SqlPlan): string =>
    plan.stamps === null
      ? 'none'
      : [...Object.keys(plan.stamps.columns).sort(), ...(plan.stamps.status === undefined ? [] : ['status'])].join(', ') || 'none';
  const layouts = new Set(files.map((file) => layout(file.sql)));
  if (layouts.size === 1) return;
  throw new XlaError(
    `the SQL pushdown reads ticket stamps only when every file has the same ones: ${files.map((file) => `${file.name} has ${layout(file.sql)}`).join('; ')}`,
    { hint: STREAMING_HINT },
  );
}
