/**
 * The usage metrics in SQL (metrics/usage.ts: active_users.dau/.wau/.mau, stickiness, new_users,
 * adoption_rate). Their one state is the wall-clock days of --tz each
 * user was active on (metrics/user-days.ts): per group the query returns the distinct (user, day)
 * tuples (Dialect.tupleListText), the day taken from the stamp streaming reads (`date`, else
 * `timestamp`) as its period key of a day; the decoder adds them to a fresh UserDays through its
 * own `add` and freezes it as the scorecard does. The scorecard then finishes each period from the
 * segment's whole history, as it finishes its own (the metrics span periods). The result's size
 * follows users × active days, not rows. A customers file feeds adoption its customer rows
 * instead (usage-customers.ts), in the same state.
 */
import type { Scales } from '../fields/scales.js';
import { freezeState, type FrozenState } from '../scorecard/snapshot.js';
import { USAGE_METRICS, type UsageState } from '../metrics/usage.js';
import type { PartContext } from './analytics.js';
import { ACCEPTED_DATE_PATTERN, type Dialect } from './dialects.js';
import { customerRowTuples, usageStateOf } from './usage-customers.js';
import { tuplesOf } from './tuples.js';

/** The columns of the user id and of the day's stamps (`date` first, then `timestamp`: those bound), and the zone of the days. */
export interface UsageColumns {
  user: string;
  stamps: readonly string[];
  tz: string;
}

/** The metrics of the usage state, for the recipes and the refusals. */
export const USAGE_METRIC_IDS: readonly string[] = USAGE_METRICS.map((metric) => metric.id);

const USER_COLUMN = 'usage_user';
const DAY_COLUMN = 'usage_day';

/** The day's stamp columns, for the unread dates (generate.ts) and the columns read. */
export function usageStampColumns(usage: UsageColumns | null | undefined): readonly string[] {
  return usage?.stamps ?? [];
}

/**
 * The `cells` of a row: the trimmed user id (NULL when missing: blank or a null marker, as xla's
 * text reads it; trimmed as xla trims, dialects.ts) and the day key of its first stamp xla accepts,
 * on the wall clock of --tz.
 */
export function usageCells(usage: UsageColumns, dialect: Dialect, missing: (text: string) => string): string[] {
  const q = dialect.quoteName;
  const user = dialect.trimmedText(q(usage.user));
  const dayOf = (column: string): string => {
    const text = dialect.trimmedText(q(column));
    // A date xla rejects is no day: the row falls back to its timestamp, as in a streaming run.
    return `CASE WHEN ${dialect.matches(text, ACCEPTED_DATE_PATTERN)} THEN ${dialect.periodKey(text, 'day', usage.tz)} END`;
  };
  const days = usage.stamps.map(dayOf);
  const day = days.length === 0 ? 'NULL' : days.length === 1 ? (days[0] as string) : `COALESCE(${days.join(', ')})`;
  return [`CASE WHEN NOT ${missing(user)} THEN ${user} END AS ${q(USER_COLUMN)}`, `${day} AS ${q(DAY_COLUMN)}`];
}

/** The same columns, passed on to the aggregates. */
export function usageAnswers(dialect: Dialect): string[] {
  return [USER_COLUMN, DAY_COLUMN].map(dialect.quoteName);
}

/**
 * The recipe's parts (recipes.ts): the group's distinct (user, day) tuples of event rows, and its
 * customer rows (usage-customers.ts); a file of one kind gives one of them, the other is no tuples.
 */
export const USAGE_PARTS = [
  {
    suffix: 'user_days',
    type: 'tuples',
    aggregate: (_value: string, _reason: string, context?: PartContext): string => {
      const { dialect, usage } = usageContext(context);
      if (!usage.userDays) return noTuples(dialect);
      const q = dialect.quoteName;
      return dialect.tupleListText([q(USER_COLUMN), q(DAY_COLUMN)], `${q(USER_COLUMN)} IS NOT NULL AND ${q(DAY_COLUMN)} IS NOT NULL`, true);
    },
  },
  {
    suffix: 'customers',
    type: 'tuples',
    aggregate: (_value: string, _reason: string, context?: PartContext): string => {
      const { dialect, usage, field } = usageContext(context);
      return usage.customerRows ? customerRowTuples({ field, missing: usage.missing, dialect }) : noTuples(dialect);
    },
  },
] as const;

function usageContext(context: PartContext | undefined): PartContext & { usage: NonNullable<PartContext['usage']> } {
  if (context?.usage === undefined) throw new Error('sql: the usage tuples need the dialect and their sources');
  return { ...context, usage: context.usage };
}

/** An empty list of tuples, typed as text (Spark's CSV writer refuses an untyped NULL column). */
const noTuples = (dialect: Dialect): string => dialect.tupleListText(["''"], 'FALSE', false);

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * A group's tuples → the usage state (metrics/usage.ts UsageState) as the scorecard freezes it:
 * each (user, day) added to the state's UserDays, each customer row through the accumulator's add.
 */
export function decodeUsageState(
  tuples: { userDays: TupleCell; customers: TupleCell; scales: Scales },
  fail: (message: string, column: string) => never,
): FrozenState {
  const { userDays, customers } = tuples;
  const addDays = ({ days }: UsageState): void => {
    // A group's tuples share few days: each key is read once.
    const dayNumbers = new Map<string, number>();
    for (const [user, key] of tuplesOf(userDays.cell, 2, (message) => fail(message, userDays.column))) {
      if (user === undefined || key === undefined) return fail('a tuple without a user or day', userDays.column);
      let day = dayNumbers.get(key);
      if (day === undefined) {
        const match = DAY_KEY.exec(key);
        if (match === null) return fail(`"${key}" is not a day (YYYY-MM-DD)`, userDays.column);
        day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
        dayNumbers.set(key, day);
      }
      days.add(user, day);
    }
  };
  const state = usageStateOf(tuples.scales, addDays, customers.cell, (message) => fail(message, customers.column));
  // Shared, not copied: nothing else holds the state.
  return freezeState(state, { share: true });
}

type TupleCell = { column: string; cell: unknown };
