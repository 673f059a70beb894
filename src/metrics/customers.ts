/**
 * Customer metrics (metrics.md §5.1–5.5): one row per customer or account. Retention, churn, ARPA,
 * CLV and CAC are read over a window — the group's period (later by `--from`) up to its as-of —
 * from every customer of the segment's history, so they span periods: a customer who started in
 * January is still among March's customers at the start. Without a window start (no `--period`,
 * no `--from`) or without dates, they take the snapshot form: churned / customers.
 *
 * Money is in whatever currency the export's columns hold: nothing is converted.
 */
import type { CanonicalRow, Kind } from '../fields/types.js';
import { MS_PER_MONTH } from '../fields/units.js';
import { wilsonInterval } from '../stats/intervals.js';
import { addToMoments, createMoments, mergeMoments, type Moments } from '../stats/moments.js';
import { addExact, createExactSum, exactCount, roundQuotient, type ExactSum } from '../stats/exact-sum.js';
import {
  countingExcluded,
  emptyValue,
  finishMean,
  flagAsNumber,
  isUnreadable,
  mean,
  numberOrNaN,
  percentile,
  proportion,
  readElapsedSeconds,
  type Detail,
  type ReadNumber,
} from './accumulators.js';
import type { Accumulator, ClvForm, CustomerSettings, FinishContext, MetricContext, MetricDef, MetricValue } from './types.js';

const CUSTOMERS: readonly Kind[] = ['customers'];

/** Discount rate per period of Gupta & Lehmann's CLV when the config gives none (their examples use 10–12 %). */
const DEFAULT_DISCOUNT_RATE = 0.1;

const SECONDS_PER_YEAR = 365.2425 * 86_400;
const SECONDS_PER_MONTH = MS_PER_MONTH / 1000;

// ---------------------------------------------------------------------------------------------
// The book: every customer of a group, kept until finish (the window is known only then)

/**
 * One entry per customer row, in parallel arrays of plain numbers (they cross worker threads as
 * they are); NaN where the row says nothing. `churned` is 1, 0 or NaN.
 */
export interface CustomerBook {
  start: number[];
  end: number[];
  churned: number[];
  revenue: number[];
  cost: number[];
  orders: number[];
  /** Seconds, from the `tenure` column. */
  tenure: number[];
  /** Rows whose start or end date was rejected (no date, or an end before the start): not known to be active at any instant. */
  unreadable: number;
}

/** Exported for the SQL pushdown (sql/customer-book.ts), which feeds it the rows a query returns. */
export const CUSTOMER_BOOK: Accumulator<CustomerBook> = {
  init: () => ({ start: [], end: [], churned: [], revenue: [], cost: [], orders: [], tenure: [], unreadable: 0 }),
  add(book, row) {
    if (isUnreadable(row, 'start_date') || isUnreadable(row, 'end_date')) {
      book.unreadable += 1;
      return;
    }
    book.start.push(numberOrNaN(row.start_date));
    book.end.push(numberOrNaN(row.end_date));
    book.churned.push(flagAsNumber(row.churned));
    book.revenue.push(numberOrNaN(row.revenue));
    book.cost.push(numberOrNaN(row.acquisition_cost));
    book.orders.push(numberOrNaN(row.orders));
    book.tenure.push(numberOrNaN(row.tenure));
  },
  merge(a, b) {
    for (const key of BOOK_COLUMNS) for (const value of b[key]) a[key].push(value);
    a.unreadable += b.unreadable;
    return a;
  },
  // Each metric of the book finishes it its own way (bookMetric).
  finish: () => emptyValue(),
};

const BOOK_COLUMNS = ['start', 'end', 'churned', 'revenue', 'cost', 'orders', 'tenure'] as const;

// ---------------------------------------------------------------------------------------------
// The census: who counts in the group's window

/** `period`: a dated window [windowStart, asOf]; `snapshot`: churned / customers, as of asOf. */
export type CensusForm = 'period' | 'snapshot';

/**
 * What the window metrics are computed from, found in one pass over the book. Period form (§5.1):
 * active at x ⇔ start ≤ x and (no end or end > x); S active at the window start, E at its end
 * (asOf), N started in (start, asOf], lost = of S, ended in (start, asOf], new_lost = of N, ended
 * by asOf. Snapshot form: every customer known by asOf, churned when its end is ≤ asOf or, without
 * dates, when its `churned` flag says so.
 */
interface Census {
  form: CensusForm;
  windowStart: number | null;
  asOf: number | null;
  /** Period: S; snapshot: the customers. */
  atStart: number;
  atEnd: number;
  started: number;
  lost: number;
  newLost: number;
  /** Indices of the customers the money metrics read: active at some instant of the window (snapshot: all known). */
  inWindow: number[];
  /** Indices of the customers new in the window (snapshot: all known): CAC's denominator. */
  newcomers: number[];
  /** Period form: customers without a start date, who cannot be placed in the window. */
  undated: number;
  /** Period form: churned by flag with no end date: when they left is not known. */
  churnedUndated: number;
  unreadable: number;
  /** Why the window holds nobody though the book has customers. */
  note: string | null;
}

/** Where the group's window runs: undefined for the snapshot form (no window start, or no dates). */
function periodWindow(book: CustomerBook, ctx: FinishContext): { start: number; asOf: number } | undefined {
  if (ctx.windowStart === undefined || !book.start.some(Number.isFinite)) return undefined;
  return { start: ctx.windowStart, asOf: ctx.asOf ?? latestDate(book) };
}

/** The latest start or end date in the book: "now" when the group has no asOf. */
function latestDate(book: CustomerBook): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const column of [book.start, book.end]) for (const stamp of column) if (stamp > latest) latest = stamp;
  return latest;
}

const isActiveAt = (start: number, end: number, x: number): boolean => start <= x && !(end <= x);

function periodCensus(book: CustomerBook, window: { start: number; asOf: number }): Census {
  const census = emptyCensus('period', window.start, window.asOf, book.unreadable);
  const { start: from, asOf } = window;
  // An --as-of before the period: the window ends before it opens.
  if (asOf < from) return { ...census, note: 'the window ends (as-of) before it starts: nothing to measure' };
  for (let i = 0; i < book.start.length; i++) {
    const start = book.start[i] ?? Number.NaN;
    const end = book.end[i] ?? Number.NaN;
    if (!Number.isFinite(start)) {
      census.undated += 1;
      continue;
    }
    if (Number.isNaN(end) && book.churned[i] === 1) {
      census.churnedUndated += 1;
      continue;
    }
    const wasActive = isActiveAt(start, end, from);
    const isNew = start > from && start <= asOf;
    if (wasActive) census.atStart += 1;
    if (isActiveAt(start, end, asOf)) census.atEnd += 1;
    if (isNew) {
      census.started += 1;
      census.newcomers.push(i);
      if (end <= asOf) census.newLost += 1;
    }
    if (wasActive && end <= asOf) census.lost += 1;
    // Active at some instant of [from, asOf]: started by asOf, not gone by from, and ever active.
    if (start <= asOf && !(end <= from) && !(end <= start)) census.inWindow.push(i);
  }
  return census;
}

function snapshotCensus(book: CustomerBook, asOf: number | undefined): Census {
  const census = emptyCensus('snapshot', null, asOf ?? null, book.unreadable);
  for (let i = 0; i < book.start.length; i++) {
    const start = book.start[i] ?? Number.NaN;
    // Not a customer yet at asOf.
    if (asOf !== undefined && start > asOf) continue;
    census.inWindow.push(i);
    census.newcomers.push(i);
    const hasLeft = snapshotChurned(start, book.end[i] ?? Number.NaN, book.churned[i] ?? Number.NaN, asOf);
    if (hasLeft === undefined) continue;
    census.atStart += 1;
    if (hasLeft) census.lost += 1;
  }
  census.atEnd = census.atStart - census.lost;
  return census;
}

/** A dated row is churned when its end is ≤ asOf; an undated one when its flag says so; undefined: the row says neither. */
function snapshotChurned(start: number, end: number, flag: number, asOf: number | undefined): boolean | undefined {
  if (Number.isFinite(end)) return asOf === undefined || end <= asOf;
  if (!Number.isNaN(flag)) return flag === 1;
  return Number.isFinite(start) ? false : undefined;
}

function emptyCensus(form: CensusForm, windowStart: number | null, asOf: number | null, unreadable: number): Census {
  return {
    form,
    windowStart,
    asOf,
    atStart: 0,
    atEnd: 0,
    started: 0,
    lost: 0,
    newLost: 0,
    inWindow: [],
    newcomers: [],
    undated: 0,
    churnedUndated: 0,
    unreadable,
    note: null,
  };
}

// The metrics of one group share one book and finish it at the same window: counted once.
const CENSUS_CACHE = new WeakMap<CustomerBook, Map<string, Census>>();

function censusOf(book: CustomerBook, ctx: FinishContext): Census {
  const window = periodWindow(book, ctx);
  // The length is in the key: a book that took more rows since is another book.
  const key = `${window?.start ?? ''}|${window?.asOf ?? ctx.asOf ?? ''}|${book.start.length}|${book.unreadable}`;
  let byWindow = CENSUS_CACHE.get(book);
  if (byWindow === undefined) {
    byWindow = new Map();
    CENSUS_CACHE.set(book, byWindow);
  }
  let census = byWindow.get(key);
  if (census === undefined) {
    census = window === undefined ? snapshotCensus(book, ctx.asOf) : periodCensus(book, window);
    byWindow.set(key, census);
  }
  return census;
}

/** The window and the rows left out, in every window metric's detail. */
function censusDetail(census: Census): Detail {
  const base: Detail = {
    form: census.form,
    window_start: census.windowStart,
    as_of: census.asOf,
    excluded_unreadable: census.unreadable,
    ...(census.note === null ? {} : { note: census.note }),
  };
  if (census.form === 'snapshot') return base;
  return { ...base, excluded_undated: census.undated, excluded_churned_undated: census.churnedUndated };
}

// ---------------------------------------------------------------------------------------------
// Retention and churn (§5.1, §5.2)

/** 100·x/n with the Wilson interval, or null with a reason. */
function percentOf(x: number, n: number, ctx: FinishContext, detail: Detail): MetricValue {
  if (n === 0) return emptyValue(detail);
  // E − N = S − lost − new_lost falls below 0 when more newcomers left than customers stayed: no count of S.
  const isCount = x >= 0 && x <= n;
  const ci = isCount ? wilsonInterval(x, n, ctx.confidence) : null;
  const note = isCount
    ? {}
    : { interval_note: 'no interval: E − N is below 0 (more new customers left than customers stayed), so it counts none of S' };
  return { value: (100 * x) / n, n, ci: ci === null ? null : [ci[0] * 100, ci[1] * 100], detail: { ...detail, ...note } };
}

function retentionCounts(census: Census): Detail {
  const { atStart: s, atEnd: e, started: n, lost, newLost } = census;
  if (census.form === 'snapshot') return { customers: s, churned: lost, retained: e };
  return {
    S: s,
    E: e,
    N: n,
    lost,
    new_lost: newLost,
    cohort_retention: s === 0 ? null : (100 * (s - lost)) / s,
  };
}

function finishRetention(book: CustomerBook, ctx: FinishContext): MetricValue {
  const census = censusOf(book, ctx);
  const detail = { ...retentionCounts(census), ...censusDetail(census) };
  // Snapshot: retained / customers = 100 − churn.
  const x = census.form === 'period' ? census.atEnd - census.started : census.atEnd;
  return percentOf(x, census.atStart, ctx, detail);
}

function finishChurn(book: CustomerBook, ctx: FinishContext): MetricValue {
  const census = censusOf(book, ctx);
  return percentOf(census.lost, census.atStart, ctx, { ...retentionCounts(census), ...censusDetail(census) });
}

/** Churn as a fraction of the window, or null when nobody was there to churn. */
function churnFraction(census: Census): number | null {
  return census.atStart === 0 ? null : census.lost / census.atStart;
}

// ---------------------------------------------------------------------------------------------
// Money: ARPA, CAC, CLV (§5.3, §5.4)

function momentsOf(column: readonly number[], indices: readonly number[]): Moments {
  const moments = createMoments();
  for (const i of indices) {
    const value = column[i];
    if (value !== undefined && !Number.isNaN(value)) addToMoments(moments, value);
  }
  return moments;
}

function finishArpa(book: CustomerBook, ctx: FinishContext): MetricValue {
  const census = censusOf(book, ctx);
  return finishMean(momentsOf(book.revenue, census.inWindow), ctx, 't', censusDetail(census));
}

function finishCac(book: CustomerBook, ctx: FinishContext): MetricValue {
  const census = censusOf(book, ctx);
  return finishMean(momentsOf(book.cost, census.newcomers), ctx, 'none', {
    new_customers: census.newcomers.length,
    ...censusDetail(census),
  });
}

/** The margin CLV is computed with, and whether it is one (the config's) or revenue stands in for it. */
function marginOf(settings: CustomerSettings | undefined): { margin: number; basis: 'gross-margin' | 'revenue-only' } {
  return settings?.margin === undefined ? { margin: 1, basis: 'revenue-only' } : { margin: settings.margin, basis: 'gross-margin' };
}

const NO_CHURN_NOTE = 'CLV is undefined: no customer churned in the window, so the expected lifetime has no estimate';

/** ARPA × margin / churn (§5.3, the subscription form); the parts in detail, the basis as the table's label. */
function finishClv(book: CustomerBook, ctx: FinishContext, settings: CustomerSettings | undefined): MetricValue {
  const census = censusOf(book, ctx);
  const arpa = finishArpa(book, ctx);
  const churn = churnFraction(census);
  const { margin, basis } = marginOf(settings);
  const detail: Detail = { arpa: arpa.value, margin, churn, basis, label: basis, ...censusDetail(census) };
  if (arpa.value === null || churn === null) return emptyValue(detail);
  if (churn === 0) return { value: null, n: arpa.n, ci: null, detail: { ...detail, note: NO_CHURN_NOTE } };
  return { value: (arpa.value * margin) / churn, n: arpa.n, ci: null, detail };
}

/**
 * Gupta & Lehmann: m·r/(1 + d − r) − AC, with m = ARPA × margin per period, r = 1 − churn of the
 * window, d the config's discount_rate per period (default 10 %), AC the window's CAC (0, said in
 * detail, without acquisition costs).
 */
function finishDiscountedClv(book: CustomerBook, ctx: FinishContext, settings: CustomerSettings | undefined): MetricValue {
  const census = censusOf(book, ctx);
  const arpa = finishArpa(book, ctx);
  const cac = finishCac(book, ctx);
  const churn = churnFraction(census);
  const { margin, basis } = marginOf(settings);
  const discount = settings?.discountRate ?? DEFAULT_DISCOUNT_RATE;
  const detail: Detail = {
    arpa: arpa.value,
    margin,
    churn,
    discount_rate: discount,
    cac: cac.value,
    basis,
    label: basis,
    ...censusDetail(census),
  };
  if (arpa.value === null || churn === null) return emptyValue(detail);
  const retention = 1 - churn;
  // No churn and no discount: every future period counts in full, forever.
  if (discount === 0 && churn === 0)
    return { value: null, n: arpa.n, ci: null, detail: { ...detail, note: `${NO_CHURN_NOTE} (and discount_rate is 0)` } };
  const multiple = retention / (1 + discount - retention);
  const acquisition = cac.value ?? 0;
  const note = cac.value === null ? { note: 'no acquisition cost of new customers: none subtracted' } : {};
  return { value: arpa.value * margin * multiple - acquisition, n: arpa.n, ci: null, detail: { ...detail, multiple, ...note } };
}

/**
 * Average order value × orders per year × expected lifespan in years × margin, over the window's
 * customers with revenue, at least one order and a tenure: AOV = Σ revenue / Σ orders (revenue read
 * as the customer's total over those orders), orders per year = Σ orders / Σ tenure years,
 * lifespan = mean tenure in years (tenure column, else end or asOf − start).
 */
function finishPurchaseClv(book: CustomerBook, ctx: FinishContext, settings: CustomerSettings | undefined): MetricValue {
  const census = censusOf(book, ctx);
  const revenue = createExactSum();
  const orders = createExactSum();
  const years = createExactSum();
  let customers = 0;
  for (const i of census.inWindow) {
    const spent = book.revenue[i] ?? Number.NaN;
    const count = book.orders[i] ?? Number.NaN;
    const tenure = tenureSeconds(book, i, census.asOf);
    if (Number.isNaN(spent) || !(count >= 1) || tenure === undefined || tenure <= 0) continue;
    addExact(revenue, spent);
    addExact(orders, count);
    addExact(years, tenure / SECONDS_PER_YEAR);
    customers += 1;
  }
  const { margin, basis } = marginOf(settings);
  const detail: Detail = { margin, basis, label: basis, ...censusDetail(census) };
  if (customers === 0) return emptyValue(detail);
  const orderValue = quotient(revenue, orders);
  const perYear = quotient(orders, years);
  const lifespan = quotient(years, exactCount(customers));
  const parts = { average_order_value: orderValue, orders_per_year: perYear, lifespan_years: lifespan };
  return { value: orderValue * perYear * lifespan * margin, n: customers, ci: null, detail: { ...detail, ...parts } };
}

function quotient(numerator: ExactSum, denominator: ExactSum): number {
  return roundQuotient(numerator, denominator) ?? Number.NaN;
}

/** Seconds as a customer: the tenure column, else (end, or asOf while active) − start; undefined when unknown. */
function tenureSeconds(book: CustomerBook, i: number, asOf: number | null): number | undefined {
  const tenure = book.tenure[i] ?? Number.NaN;
  if (!Number.isNaN(tenure)) return tenure;
  const start = book.start[i] ?? Number.NaN;
  const end = book.end[i] ?? Number.NaN;
  const until = Number.isNaN(end) ? (asOf ?? Number.NaN) : end;
  const seconds = (until - start) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Each CLV form's finish (§5.3): config `customers.clv` picks the one `clv` and the LTV:CAC ratio report. */
const CLV_FINISHERS: Readonly<
  Record<ClvForm, (book: CustomerBook, ctx: FinishContext, settings: CustomerSettings | undefined) => MetricValue>
> = {
  subscription: finishClv,
  purchase: finishPurchaseClv,
  discounted: finishDiscountedClv,
};

/** The configured form's CLV, with the form in its detail. */
function finishChosenClv(book: CustomerBook, ctx: FinishContext, settings: CustomerSettings | undefined): MetricValue {
  const form = settings?.clv ?? 'subscription';
  const value = CLV_FINISHERS[form](book, ctx, settings);
  return { ...value, detail: { ...value.detail, clv_form: form } };
}

function finishLtvCac(book: CustomerBook, ctx: FinishContext, settings: CustomerSettings | undefined): MetricValue {
  const clv = finishChosenClv(book, ctx, settings);
  const cac = finishCac(book, ctx);
  const detail: Detail = { clv: clv.value, cac: cac.value, basis: clv.detail?.['basis'] ?? null, label: clv.detail?.['basis'] ?? null };
  if (clv.value === null || cac.value === null || cac.value <= 0) {
    const note =
      clv.value === null ? clv.detail?.['note'] : cac.value === null ? 'no acquisition cost of new customers' : 'CAC is 0: no ratio';
    return emptyValue({ ...detail, note: typeof note === 'string' ? note : null });
  }
  return { value: clv.value / cac.value, n: cac.n, ci: null, detail };
}

/** A metric read from the shared book of the group's customers. */
function bookMetric(finish: (book: CustomerBook, ctx: FinishContext) => MetricValue): Accumulator<CustomerBook> {
  return { ...CUSTOMER_BOOK, finish };
}

// ---------------------------------------------------------------------------------------------
// Per-customer measures of the group's own rows (cohorts by start_date)

/** Tenure in seconds: the column, else (end, or the group's asOf while active) − start; kept until finish for asOf. */
interface TenureState {
  moments: Moments;
  /** Starts of customers without an end or a tenure: their tenure runs to asOf. */
  openStarts: number[];
}

/** Exported for the SQL pushdown (sql/customer-book.ts), as CUSTOMER_BOOK. */
export function tenureMean(): Accumulator<TenureState> {
  return {
    init: () => ({ moments: createMoments(), openStarts: [] }),
    add(state, row) {
      if (row.tenure !== undefined) addToMoments(state.moments, row.tenure);
      else if (row.start_date === undefined) return;
      else if (row.end_date !== undefined) addToMoments(state.moments, (row.end_date - row.start_date) / 1000);
      else if (!isUnreadable(row, 'end_date')) state.openStarts.push(row.start_date);
    },
    merge(a, b) {
      mergeMoments(a.moments, b.moments);
      for (const start of b.openStarts) a.openStarts.push(start);
      return a;
    },
    finish({ moments, openStarts }, ctx) {
      const all = cloneMoments(moments);
      // Without an as-of (no stamps at all) an open tenure has no end: left out, as one not started yet is.
      let unmeasured = 0;
      for (const start of openStarts) {
        if (ctx.asOf === undefined || start > ctx.asOf) unmeasured += 1;
        else addToMoments(all, (ctx.asOf - start) / 1000);
      }
      const result = finishMean(all, ctx, 'none', { active_to_as_of: openStarts.length - unmeasured, excluded_not_started: unmeasured });
      // Tenure is usually read in months (churn tables write it so).
      return { ...result, detail: { ...result.detail, months: result.value === null ? null : result.value / SECONDS_PER_MONTH } };
    },
  };
}

/** A copy to add the open tenures to: finishing must leave the state as it was. */
function cloneMoments(moments: Moments): Moments {
  return mergeMoments(createMoments(), moments);
}

/** Time to value (§5.5): customers who have not reached value yet are censored — left out of durations, counted. */
function notReached(row: CanonicalRow): 'excluded_not_reached' | undefined {
  return row.start_date !== undefined && row.first_value_at === undefined && !isUnreadable(row, 'first_value_at')
    ? 'excluded_not_reached'
    : undefined;
}

function timeToValue<S>(measure: (read: ReadNumber) => Accumulator<S>) {
  return () => countingExcluded(measure(readElapsedSeconds('start_date', 'first_value_at')), ['excluded_not_reached'], notReached);
}

// ---------------------------------------------------------------------------------------------
// Registry entries

const RETENTION_SOURCES = [
  'way2mail.net knowledgebase (CRR = (E − N)/S × 100)',
  'intigent.ca/ufaq/customer-retention-rate',
  'exprimere.net',
];
const CHURN_SOURCES = [
  'docs.calqulate.io/docs/customer-churn-as-kpi (lost / customers at the start)',
  'creativeg.gr/glossary/customer-churn-rate/',
];
const CLV_SOURCES = [
  'calculatorwow.com (ARPU × margin ÷ churn)',
  'pathak.ventures/glossary/ltv',
  'feverbee.com (average order value × orders per year × lifespan × margin)',
  'azcalculator.com (m·r/(1 + d − r))',
  'ealhamed.github.io frameworks library (Gupta et al. retention multiple)',
];
const CAC_SOURCES = [
  'burwickconsulting.com (CAC and LTV; LTV:CAC ≥ 3 healthy)',
  'calculates.dev/glossary/what-is-cac',
  'roicalculator-live.pages.dev/glossary/cac.html',
];
const TTV_SOURCES = [
  'retentionlens.com/saas-metrics/time-to-value (median over customers who reached value)',
  'trychurnai.com/blog/time-to-value-how-to-measure-and-shrink-it',
];

/** The window rule every window metric states, once. */
const WINDOW = "the group's window: its period (later by --from) up to its as-of; snapshot without a window start";

const common = { domain: 'value', kinds: CUSTOMERS } as const;

/** The window metrics: one book per group, finished at each period's window from the segment's whole history. */
const windowed = { ...common, spansPeriods: true, sharedState: 'customers.book' } as const;

/** Time to value of customers who reached it (§5.5): mean, median (the headline), p90; seconds, lower, no CI. */
function timeToValueMetrics(): MetricDef[] {
  const formula = 'first_value_at − start_date over customers who reached value (those who have not are left out, counted)';
  const durations = {
    ...common,
    unit: 's',
    better: 'lower',
    requires: [['start_date', 'first_value_at']],
    interval: 'none',
    sources: TTV_SOURCES,
  } as const;
  return [
    {
      ...durations,
      id: 'time_to_value.median',
      name: 'Time to value, median',
      formula: `median (linear, type 7) of ${formula}`,
      reading: 'lower is better; the value event is defined per product',
      sharedState: 'time_to_value.values',
      example: { rank: 46, id: 'fast-value', name: 'Customers reach value fast', target: '<= 14d' },
      create: timeToValue((read) => percentile(read, 0.5)),
    },
    {
      ...durations,
      id: 'time_to_value.mean',
      name: 'Time to value, mean',
      reading: 'skewed by a few slow onboardings: the median is the headline',
      formula: `mean of ${formula}`,
      create: timeToValue((read) => mean(read, 'none')),
    },
    {
      ...durations,
      id: 'time_to_value.p90',
      name: 'Time to value, 90th percentile',
      reading: 'the slow tail of onboarding: lower is better',
      formula: `90th percentile (linear, type 7) of ${formula}`,
      sharedState: 'time_to_value.values',
      create: timeToValue((read) => percentile(read, 0.9)),
    },
    {
      ...common,
      id: 'time_to_value.reached',
      name: 'Time to value, reached',
      reading: 'higher is better; those not there yet are still onboarding or stuck',
      example: { rank: 45, id: 'value-reached', name: 'Customers reach value', target: '>= 80%' },
      unit: '%',
      better: 'higher',
      requires: [['start_date', 'first_value_at']],
      formula: '% of customers with a start date who reached value (have a first_value_at)',
      interval: 'wilson',
      sources: TTV_SOURCES,
      create: () =>
        proportion((row) => {
          if (row.start_date === undefined || isUnreadable(row, 'first_value_at')) return undefined;
          return row.first_value_at !== undefined;
        }),
    },
  ];
}

/** Every customer metric, in the order `xla metrics` lists them (issue 21). */
export const CUSTOMER_METRICS: readonly MetricDef[] = [
  {
    ...windowed,
    id: 'retention_rate',
    name: 'Customer retention rate',
    unit: '%',
    better: 'higher',
    requires: [['start_date'], ['churned']],
    formula: `(E − N)/S × 100 over ${WINDOW}: S active at its start, E at its end, N started within it; snapshot: 100 − churn`,
    interval: 'wilson',
    sources: RETENTION_SOURCES,
    reading: 'no standard band: compare periods; detail.cohort_retention = (S − lost)/S when new customers also left',
    example: { rank: 41, id: 'customers-stay', name: 'Customers stay', target: '>= 90%' },
    create: () => bookMetric(finishRetention),
  },
  {
    ...windowed,
    id: 'churn_rate',
    name: 'Customer churn rate',
    unit: '%',
    better: 'lower',
    requires: [['start_date'], ['churned']],
    formula: `lost / S × 100 over ${WINDOW}: of the customers active at its start, those whose end falls within it; snapshot: churned / customers`,
    interval: 'wilson',
    sources: CHURN_SOURCES,
    reading: 'per period: a monthly rate m is 1 − (1 − m)^12 a year, not 12·m',
    example: { rank: 42, id: 'low-churn', name: 'Few customers leave', target: '<= 5%' },
    create: () => bookMetric(finishChurn),
  },
  {
    ...windowed,
    id: 'arpa',
    name: 'Average revenue per account',
    reading: "no standard band: an amount in the data's currency, compared across periods and segments",
    unit: 'money',
    better: 'higher',
    requires: [['revenue']],
    formula: `mean revenue over the customers active at some instant of ${WINDOW} (snapshot: every customer with revenue)`,
    interval: 't',
    sources: ['calculatorwow.com (ARPU)', 'pathak.ventures/glossary/ltv'],
    create: () => bookMetric(finishArpa),
  },
  {
    ...windowed,
    id: 'clv',
    name: 'Customer lifetime value',
    unit: 'money',
    better: 'higher',
    requires: [
      ['revenue', 'start_date'],
      ['revenue', 'churned'],
    ],
    formula:
      'ARPA × margin / churn fraction of the same window; margin from config customers.margin, else 1 (labelled revenue-only); no churn → undefined. Config customers.clv: purchase or discounted reports that form instead (detail.clv_form)',
    interval: 'none',
    sources: CLV_SOURCES,
    reading: 'compare with CAC: LTV:CAC ≥ 3 is the usual healthy benchmark',
    create: (ctx: MetricContext) => bookMetric((book, finishCtx) => finishChosenClv(book, finishCtx, ctx.customers)),
  },
  {
    ...windowed,
    id: 'clv.purchase',
    name: 'Customer lifetime value, purchase-based',
    reading: 'compare with CAC: LTV:CAC ≥ 3 is the usual healthy benchmark',
    unit: 'money',
    better: 'higher',
    requires: [
      ['revenue', 'orders', 'tenure'],
      ['revenue', 'orders', 'start_date'],
    ],
    formula:
      'average order value (Σ revenue / Σ orders) × orders per year (Σ orders / Σ tenure years) × lifespan (mean tenure, years) × margin, over the window’s customers with revenue, orders ≥ 1 and a tenure',
    interval: 'none',
    sources: CLV_SOURCES,
    create: (ctx: MetricContext) => bookMetric((book, finishCtx) => finishPurchaseClv(book, finishCtx, ctx.customers)),
  },
  {
    ...windowed,
    id: 'clv.discounted',
    name: 'Customer lifetime value, discounted',
    reading: 'below the undiscounted clv; negative when the customer does not pay back its acquisition cost',
    unit: 'money',
    better: 'higher',
    requires: [
      ['revenue', 'start_date'],
      ['revenue', 'churned'],
    ],
    formula: `m·r/(1 + d − r) − AC (Gupta & Lehmann): m = ARPA × margin, r = 1 − churn of the window, d = config customers.discount_rate (default ${String(DEFAULT_DISCOUNT_RATE)}), AC = CAC (0 without acquisition costs)`,
    interval: 'none',
    sources: CLV_SOURCES,
    create: (ctx: MetricContext) => bookMetric((book, finishCtx) => finishDiscountedClv(book, finishCtx, ctx.customers)),
  },
  {
    ...windowed,
    id: 'cac',
    name: 'Customer acquisition cost',
    unit: 'money',
    better: 'lower',
    requires: [['acquisition_cost']],
    formula: `mean acquisition_cost over the customers new in ${WINDOW} (started after its start, by its end; snapshot: every customer with a cost); none new → undefined`,
    interval: 'none',
    sources: CAC_SOURCES,
    reading: 'label fully loaded (salaries and tools) or paid (media only) by the column you map',
    create: () => bookMetric(finishCac),
  },
  {
    ...windowed,
    id: 'ltv_cac_ratio',
    name: 'LTV:CAC ratio',
    unit: 'ratio',
    better: 'higher',
    requires: [
      ['revenue', 'acquisition_cost', 'start_date'],
      ['revenue', 'acquisition_cost', 'churned'],
    ],
    formula: 'clv / cac of the same window',
    interval: 'none',
    sources: CAC_SOURCES,
    reading: '≥ 3 healthy; < 1 loses money on each customer',
    example: { rank: 43, id: 'customers-pay-back', name: 'Customers are worth what they cost', target: '>= 3' },
    create: (ctx: MetricContext) => bookMetric((book, finishCtx) => finishLtvCac(book, finishCtx, ctx.customers)),
  },
  {
    ...common,
    id: 'repeat_rate',
    name: 'Repeat purchase rate',
    reading: 'no standard band: compare periods and segments',
    unit: '%',
    better: 'higher',
    requires: [['orders']],
    formula: '% of customers with at least one order who ordered more than once',
    interval: 'wilson',
    example: { rank: 44, id: 'customers-return', name: 'Customers come back', target: '>= 30%' },
    create: () => proportion((row) => (row.orders === undefined || row.orders < 1 ? undefined : row.orders > 1)),
  },
  {
    ...common,
    id: 'tenure.mean',
    name: 'Customer tenure, mean',
    reading: 'longer is better; open customers count to the as-of, so a young cohort reads short',
    unit: 's',
    better: 'higher',
    requires: [['tenure'], ['start_date']],
    formula: "mean time as a customer: the tenure column, else (end, or the group's as-of while active) − start_date",
    interval: 'none',
    create: tenureMean,
  },
  ...timeToValueMetrics(),
];
