/**
 * Product usage (metrics.md §4.7): active users per day, ISO week and calendar month, stickiness,
 * new users and adoption, from analytics event rows (one row per event or session) with a user_id
 * and a timestamp (else a date). Domain `ux`: how much people use the product is part of its
 * experience, as the other analytics engagement measures (pages per session, engagement time) are.
 *
 * One exact state for all of them (sharedState): the wall-clock days of `--tz` each user was
 * active on (metrics/user-days.ts: a day mask per user and month, ids interned once per thread).
 * Memory grows with users × active months, never with events.
 * They span periods (the scorecard finishes them per period from the segment's whole history), so
 * a user's first day and a week that straddles the window's start are known.
 */
import { dayNumberOf, DayClock, formatDayNumber, isoWeekOfDay, lastDayOfWindow, monthOfDay } from '../time/calendar-days.js';
import { UserDays, UserIds } from './user-days.js';
import { countedRate, emptyValue, finishRate, flagAsNumber, numberOrNaN, type Detail } from './accumulators.js';
import type { CanonicalRow, FieldId } from '../fields/types.js';
import type { Accumulator, FinishContext, MetricContext, MetricDef, MetricValue } from './types.js';

type FinishUsage = (summary: UsageSummary, ctx: FinishContext, state: UsageState) => MetricValue;

/**
 * The shared state: the days each user was active on (event rows), and the customers of a
 * customers file in the same run, which adoption takes as its population: per customer row its
 * start, end (NaN when not given) and `active` flag (1, 0, NaN), in no particular order.
 */
export interface UsageState {
  days: UserDays;
  customers: number[];
}

/** A customer list's row: it names a customer, or says when one started or whether one is active. */
function isCustomerRow(row: CanonicalRow): boolean {
  return row.customer_id !== undefined || row.start_date !== undefined || row.active !== undefined;
}

function usageAccumulator(tz: string, finish: FinishUsage): Accumulator<UsageState> {
  const clock = new DayClock(tz);
  const ids = new UserIds();
  return {
    init: () => ({ days: new UserDays(ids), customers: [] }),
    add(state, row) {
      const user = row.user_id;
      // The stamp the scorecard takes the row's period from (the kind's periodFields: date first).
      const stamp = row.date ?? row.timestamp;
      if (user !== undefined && stamp !== undefined) state.days.add(user, clock.dayOf(stamp));
      else if (user === undefined && isCustomerRow(row))
        state.customers.push(numberOrNaN(row.start_date), numberOrNaN(row.end_date), flagAsNumber(row.active));
    },
    merge(a, b) {
      a.days.merge(b.days);
      for (const value of b.customers) a.customers.push(value);
      return a;
    },
    finish: (state, ctx) => finish(summarize(state.days, ctx, tz), ctx, state),
  };
}

/** What every usage metric is finished from: counts over the window's days, each computed once per state and window. */
export interface UsageSummary {
  /** The window's first and last day numbers; null when no user was active in it. */
  window: { first: number; last: number } | null;
  /** Calendar days in the window, inactive ones included. */
  days: number;
  /** Users active on at least one day of the window. */
  users: number;
  /** Users whose first active day in the segment's history is in the window. */
  newUsers: number;
  /** Σ over the window's days of the users active that day / in that day's ISO week / calendar month. */
  userDays: number;
  weekUserDays: number;
  monthUserDays: number;
}

/** What finishing a state found, valid while its `edits` stay as they were. */
interface Finished {
  edits: number;
  /** The first and last active day (±Infinity when none): every period's window is clipped to them. */
  dataSpan: readonly [number, number];
  /** By window (start and as-of): the six metrics and every period share one pass. */
  summaries: Map<string, UsageSummary>;
}

const finished = new WeakMap<UserDays, Finished>();

function finishedOf(state: UserDays): Finished {
  let memo = finished.get(state);
  if (memo === undefined || memo.edits !== state.edits) {
    memo = { edits: state.edits, dataSpan: state.daySpan(), summaries: new Map() };
    finished.set(state, memo);
  }
  return memo;
}

function summarize(state: UserDays, ctx: FinishContext, tz: string): UsageSummary {
  const memo = finishedOf(state);
  const key = `${String(ctx.windowStart)}/${String(ctx.asOf)}/${String(ctx.windowEnd)}`;
  let summary = memo.summaries.get(key);
  if (summary === undefined) {
    summary = computeSummary(state, windowOf(memo.dataSpan, ctx, tz));
    memo.summaries.set(key, summary);
  }
  return summary;
}

/**
 * The window's days: from the day of windowStart (else the first active day) to the day of asOf,
 * short of the day the period's end opens (lastDayOfWindow; else the last active day), clipped to the days the data has: a day before
 * the first event or after the last is unknown, not inactive. Null when empty.
 */
function windowOf(
  [dataFirst, dataLast]: readonly [number, number],
  ctx: FinishContext,
  tz: string,
): { first: number; last: number } | null {
  const first = ctx.windowStart === undefined ? dataFirst : Math.max(dataFirst, dayNumberOf(ctx.windowStart, tz));
  const last = ctx.asOf === undefined ? dataLast : Math.min(dataLast, lastDayOfWindow(ctx.asOf, ctx.windowEnd, tz));
  return first <= last ? { first, last } : null;
}

/**
 * Per unit (day, ISO week, month) the users active in it, a unit that straddles the window's start
 * counting its days before the window too (from the history), and none after the window's last day
 * (nothing after as-of is known); then Σ over the window's days of its units' users.
 */
function computeSummary(state: UserDays, window: { first: number; last: number } | null): UsageSummary {
  const empty = { window: null, days: 0, users: 0, newUsers: 0, userDays: 0, weekUserDays: 0, monthUserDays: 0 };
  if (window === null) return empty;
  const { first, last } = window;
  const firstWeek = isoWeekOfDay(first);
  const firstMonth = monthOfDay(first);
  const dayUsers = new Map<number, number>();
  const weekUsers = new Map<number, number>();
  const monthUsers = new Map<number, number>();
  let users = 0;
  let newUsers = 0;
  const weeks: number[] = [];
  const months: number[] = [];
  state.forEachUser((days) => {
    // Ascending days: a user's weeks and months come in order, each kept once by comparing with the last kept.
    weeks.length = 0;
    months.length = 0;
    let activeDays = 0;
    for (const day of days) {
      if (day > last) break;
      if (day >= first) activeDays += 1;
      const week = isoWeekOfDay(day);
      if (week >= firstWeek && week !== weeks[weeks.length - 1]) weeks.push(week);
      const month = monthOfDay(day);
      if (month >= firstMonth && month !== months[months.length - 1]) months.push(month);
    }
    // A user active only before the window still counts in the week or month that straddles its start.
    for (const week of weeks) increment(weekUsers, week);
    for (const month of months) increment(monthUsers, month);
    if (activeDays === 0) return;
    users += 1;
    if ((days[0] as number) >= first) newUsers += 1;
    for (const day of days) if (day >= first && day <= last) increment(dayUsers, day);
  });
  let userDays = 0;
  let weekUserDays = 0;
  let monthUserDays = 0;
  for (let day = first; day <= last; day++) {
    userDays += dayUsers.get(day) ?? 0;
    weekUserDays += weekUsers.get(isoWeekOfDay(day)) ?? 0;
    monthUserDays += monthUsers.get(monthOfDay(day)) ?? 0;
  }
  return { window, days: last - first + 1, users, newUsers, userDays, weekUserDays, monthUserDays };
}

function increment(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function windowDetail(summary: UsageSummary): Detail {
  const { window, days, users } = summary;
  return {
    first_day: window === null ? null : formatDayNumber(window.first),
    last_day: window === null ? null : formatDayNumber(window.last),
    days,
    users,
  };
}

/** A mean of user counts over the window's days (Σ / days, one rounding); n = users in the window. */
function meanPerDay(pick: (summary: UsageSummary) => number): FinishUsage {
  return (summary) => {
    if (summary.users === 0) return emptyValue(windowDetail(summary));
    return { value: pick(summary) / summary.days, n: summary.users, ci: null, detail: windowDetail(summary) };
  };
}

function finishStickiness(summary: UsageSummary): MetricValue {
  const { users, days, userDays } = summary;
  if (users === 0) return emptyValue(windowDetail(summary));
  // mean DAU / users × 100 = 100 · Σ daily users / (days · users), rounded once.
  return { value: (100 * userDays) / (days * users), n: users, ci: null, detail: { ...windowDetail(summary), mean_dau: userDays / days } };
}

function finishNewUsers(summary: UsageSummary): MetricValue {
  if (summary.users === 0) return emptyValue(windowDetail(summary));
  return { value: summary.newUsers, n: summary.users, ci: null, detail: windowDetail(summary) };
}

const ADOPTION_EXCESS = 'more active users than the population: not a rate';

/** Customers of a customers file active at some time in the window (snapshot rows, with no dates, always), and those flagged active. */
function customersInWindow(customers: readonly number[], ctx: FinishContext): { customers: number; flagged: number; active: number } {
  const opens = ctx.windowStart ?? Number.NEGATIVE_INFINITY;
  const closes = ctx.asOf ?? Number.POSITIVE_INFINITY;
  // A period's end opens the next period: a customer starting exactly then is not in this one.
  const next = ctx.windowEnd ?? Number.POSITIVE_INFINITY;
  let inWindow = 0;
  let flagged = 0;
  let active = 0;
  for (let at = 0; at < customers.length; at += 3) {
    const start = customers[at] as number;
    const end = customers[at + 1] as number;
    if (start > closes || start >= next || end <= opens) continue; // NaN compares false: an undated customer is in every window
    inWindow += 1;
    const flag = customers[at + 2] as number;
    if (Number.isNaN(flag)) continue;
    flagged += 1;
    active += flag;
  }
  return { customers: inWindow, flagged, active };
}

/**
 * Adoption (Wilson): with event rows in the segment's history, the window's users out of the population — `--population` /
 * config `population`, else the customers a customers file in the same run has in the window; with
 * no event rows, a customers file's `active` flags (active / flagged customers). Neither: no value.
 */
function finishAdoption(population: number | undefined): FinishUsage {
  return (summary, ctx, state) => {
    const detail = windowDetail(summary);
    const customers = customersInWindow(state.customers, ctx);
    // With event rows anywhere in the history, a window without users adopted nothing (0 %), whatever the flags say.
    if (state.days.entries > 0) {
      const n = population ?? (customers.customers > 0 ? customers.customers : undefined);
      if (n === undefined) return emptyValue(detail);
      const source = population === undefined ? 'customers file' : 'population';
      return finishRate(countedRate({ x: summary.users, n }), ctx, ADOPTION_EXCESS, { ...detail, population: n, population_from: source });
    }
    if (customers.flagged === 0) return emptyValue(detail);
    return finishRate(countedRate({ x: customers.active, n: customers.flagged }), ctx, ADOPTION_EXCESS, {
      ...detail,
      population: customers.flagged,
      population_from: 'active flag',
    });
  };
}

const USAGE_STATE = 'usage-days';
const REQUIRES = [
  ['user_id', 'timestamp'],
  ['user_id', 'date'],
] as const;
/** A customers file's rows count as adoption's population when they name a customer or its start. */
const CUSTOMER_POPULATION: readonly (readonly FieldId[])[] = [['customer_id'], ['start_date']];
const ACTIVITY = 'a user is active on a day with any event row carrying their user_id on that wall-clock day of --tz';
const STICKINESS_SOURCES = [
  'runfutureproof.com/terms/dau-mau-ratio and pitchkit.net/resources/glossary/dau-mau (DAU/MAU; 20 % good, 50 %+ social)',
  'webmasterid.com, DAU/MAU (state the activity definition with the number)',
];
const WINDOW_RULE =
  "mean over every calendar day of the window (inactive days 0; the window is the period, or --from/--to, clipped to the data's first and last active day)";

function dayMean(unit: 'dau' | 'wau' | 'mau', name: string, users: string, pick: (summary: UsageSummary) => number): MetricDef<UsageState> {
  return {
    id: `active_users.${unit}`,
    name,
    domain: 'ux',
    kinds: ['analytics'],
    unit: 'count',
    better: 'higher',
    requires: REQUIRES,
    formula: `${users}, ${WINDOW_RULE}; ${ACTIVITY}`,
    interval: 'none',
    sources: STICKINESS_SOURCES,
    spansPeriods: true,
    sharedState: USAGE_STATE,
    statePerUser: true,
    create: (ctx: MetricContext) => usageAccumulator(zoneOf(ctx), meanPerDay(pick)),
  };
}

/**
 * Event rows feed adoption when there is a population: given, or a customers file in the run; a
 * customers file's rows are that population when the run has event rows (the `active` flag alone
 * is the plain `requires`).
 */
function adoptionInputs(ctx: MetricContext): readonly (readonly FieldId[])[] {
  const kinds = ctx.runKinds ?? [];
  return [
    ...(ctx.population !== undefined || kinds.includes('customers') ? REQUIRES : []),
    ...(kinds.includes('analytics') ? CUSTOMER_POPULATION : []),
  ];
}

function zoneOf(ctx: MetricContext): string {
  return ctx.tz ?? 'UTC';
}

export const USAGE_METRICS: readonly MetricDef[] = [
  /** Mean daily active users over every day of the window (§4.7). Count, higher, no CI. No active user → null. */
  dayMean('dau', 'Daily active users (mean)', 'users active on the day', (summary) => summary.userDays),
  /** Mean over the window's days of the users active in the day's ISO week (Monday first, up to the window's last day). */
  dayMean(
    'wau',
    'Weekly active users (mean)',
    "users active in the day's ISO week (Monday first; a week straddling the window's start counts its earlier days, none after its end)",
    (summary) => summary.weekUserDays,
  ),
  /** Mean over the window's days of the users active in the day's calendar month (up to the window's last day). */
  dayMean(
    'mau',
    'Monthly active users (mean)',
    "users active in the day's calendar month (a month straddling the window's start counts its earlier days, none after its end)",
    (summary) => summary.monthUserDays,
  ),
  /** Stickiness = mean DAU / distinct users in the window × 100 (§4.7). %, higher, no CI. */
  {
    id: 'stickiness',
    name: 'Stickiness (DAU/MAU)',
    domain: 'ux',
    kinds: ['analytics'],
    unit: '%',
    better: 'higher',
    requires: REQUIRES,
    formula: `mean DAU (every calendar day of the window, inactive days 0) / distinct users active in the window × 100; ${ACTIVITY}`,
    interval: 'none',
    reading: '20 % good, 50 %+ typical only of social and messaging apps',
    sources: STICKINESS_SOURCES,
    example: { rank: 40, id: 'sticky', name: 'Users come back', target: '>= 20%' },
    spansPeriods: true,
    sharedState: USAGE_STATE,
    statePerUser: true,
    create: (ctx) => usageAccumulator(zoneOf(ctx), finishStickiness),
  },
  /** Users whose first active day in the segment's history is in the window. Count, higher, no CI. */
  {
    id: 'new_users',
    name: 'New users',
    domain: 'ux',
    kinds: ['analytics'],
    unit: 'count',
    better: 'higher',
    requires: REQUIRES,
    formula: "users whose first event in the segment's data falls in the window (the period, or --from/--to)",
    interval: 'none',
    spansPeriods: true,
    sharedState: USAGE_STATE,
    statePerUser: true,
    create: (ctx) => usageAccumulator(zoneOf(ctx), finishNewUsers),
  },
  /**
   * Adoption = distinct users active in the window / population × 100, Wilson CI. Needs a population
   * (`--population`, config `population`); narrow to a feature with --where. More users than the
   * population → null with a note.
   */
  {
    id: 'adoption_rate',
    name: 'Adoption rate',
    domain: 'ux',
    kinds: ['analytics', 'customers'],
    unit: '%',
    better: 'higher',
    requires: [['active']],
    requiresWith: adoptionInputs,
    needs:
      'user_id + timestamp with a population (--population, config population, or a customers file in the same run), or a customers file with active',
    formula: `distinct users active in the window / population × 100: --population or config population, else the customers a customers file in the same run has in the window; rows narrowed with --where to a feature's events; ${ACTIVITY}. A customers file alone: customers flagged active / customers with the flag`,
    interval: 'wilson',
    spansPeriods: true,
    sharedState: USAGE_STATE,
    statePerUser: true,
    create: (ctx) => usageAccumulator(zoneOf(ctx), finishAdoption(ctx.population)),
  },
];
