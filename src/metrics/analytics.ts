/**
 * Web and app analytics metrics (metrics.md §4): one registry entry each. Rows are either events
 * (one per visit, session or request) or aggregates (one per day/page/channel); rates pool both as
 * ratios of sums.
 */
import type { Kind } from '../fields/types.js';
import { apdexInterval } from '../stats/intervals.js';
import { addExact, addExactProduct } from '../stats/exact-sum.js';
import { addTrial, emptyValue, percentile, rate, ratioOfSums, readField, sum, type AddTrials, type Detail } from './accumulators.js';
import type { Accumulator, MetricDef } from './types.js';

const ANALYTICS: readonly Kind[] = ['analytics'];

/** An aggregated row without a sessions count stands for one session (an event row). */
function sessionsOrOne(row: { sessions?: number | undefined }): number {
  return row.sessions ?? 1;
}

// ---------------------------------------------------------------------------------------------
// Rates

/** Event rows: converted ⇒ 1 of 1; aggregated rows: conversions of visitors (else sessions). */
const addConversionTrials: AddTrials = (tally, row) => {
  if (row.converted !== undefined) {
    addTrial(tally, row.converted);
    return;
  }
  const conversions = row.conversions;
  const denominator = row.visitors ?? row.sessions;
  if (conversions === undefined || denominator === undefined) return;
  addExact(tally.x, conversions);
  addExact(tally.n, denominator);
};

/** Event rows: bounced; else bounces of sessions; else a bounce_rate fraction weighted by sessions. */
const addBounceTrials: AddTrials = (tally, row) => {
  if (row.bounced !== undefined) {
    addTrial(tally, row.bounced);
    return;
  }
  if (row.bounces !== undefined && row.sessions !== undefined) {
    addExact(tally.x, row.bounces);
    addExact(tally.n, row.sessions);
    return;
  }
  if (row.bounce_rate !== undefined) {
    const sessions = sessionsOrOne(row);
    // bounce_rate × sessions exactly (0.4523 × 1200 = 542.76, not the double nearest the product of doubles).
    addExactProduct(tally.x, row.bounce_rate, sessions);
    addExact(tally.n, sessions);
  }
};

const addErrorTrials: AddTrials = (tally, row) => {
  if (row.errors === undefined || row.requests === undefined) return;
  addExact(tally.x, row.errors);
  addExact(tally.n, row.requests);
};

// ---------------------------------------------------------------------------------------------
// Apdex

export interface ApdexState {
  satisfied: number;
  tolerating: number;
  frustrated: number;
}

/** Apdex's T when none is given, in seconds: 500 ms, the usual web default (metrics.md §4.3). */
export const DEFAULT_APDEX_T = 0.5;

/** Lower bounds of the Apdex bands on the unrounded score, half-open (§4.3). */
const APDEX_BANDS: readonly (readonly [number, string])[] = [
  [0.94, 'Excellent'],
  [0.85, 'Good'],
  [0.7, 'Fair'],
  [0.5, 'Poor'],
];

export function rateApdex(score: number): string {
  return APDEX_BANDS.find(([lowest]) => score >= lowest)?.[1] ?? 'Unacceptable';
}

/** A tolerating sample counts half a satisfied one. */
const TOLERATING_WEIGHT = 0.5;
/** Frustrated beyond this multiple of T. */
const FRUSTRATION_FACTOR = 4;

/**
 * Each row with a response time is one sample: satisfied ≤ T, tolerating ≤ 4T, else frustrated;
 * a row with errors is frustrated whatever its time (failed requests, §4.3).
 */
function apdex(t: number): Accumulator<ApdexState> {
  return {
    init: () => ({ satisfied: 0, tolerating: 0, frustrated: 0 }),
    add(state, row) {
      const time = row.response_time;
      if (time === undefined) return;
      if ((row.errors ?? 0) > 0 || time > FRUSTRATION_FACTOR * t) state.frustrated += 1;
      else if (time > t) state.tolerating += 1;
      else state.satisfied += 1;
    },
    merge(a, b) {
      a.satisfied += b.satisfied;
      a.tolerating += b.tolerating;
      a.frustrated += b.frustrated;
      return a;
    },
    finish({ satisfied, tolerating, frustrated }, ctx) {
      const n = satisfied + tolerating + frustrated;
      const counts = { satisfied, tolerating, frustrated, t };
      if (n === 0) return emptyValue({ ...counts, band: null });
      const score = (satisfied + TOLERATING_WEIGHT * tolerating) / n;
      const ci = apdexInterval(satisfied, tolerating, n, ctx.confidence);
      return { value: score, n, ci, detail: { ...counts, band: rateApdex(score) } };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Core Web Vitals

/** web-vitals thresholds: good ≤ first, poor > second (§4.4; a value on the threshold is good). */
export const CWV_THRESHOLDS = {
  lcp: [2500, 4000],
  inp: [200, 500],
  cls: [0.1, 0.25],
} as const;

export type CwvRating = 'good' | 'needs-improvement' | 'poor';

export function rateWebVital(value: number, [good, poor]: readonly [number, number]): CwvRating {
  if (value <= good) return 'good';
  return value > poor ? 'poor' : 'needs-improvement';
}

const CWV_PERCENTILE = 0.75;

function webVitalP75(field: keyof typeof CWV_THRESHOLDS) {
  const thresholds = CWV_THRESHOLDS[field];
  const describe = (value: number | null): Detail => ({ rating: value === null ? null : rateWebVital(value, thresholds) });
  return percentile(readField(field), CWV_PERCENTILE, describe);
}

export const ANALYTICS_METRICS: readonly MetricDef[] = [
  /**
   * Conversion rate = Σconversions / Σvisitors (else sessions); event rows count converted rows
   * of rows (§4.1). %, higher. Wilson CI. More conversions than visitors is not a rate: value null
   * with a note. Empty → null.
   */
  {
    id: 'conversion_rate',
    name: 'Conversion rate',
    domain: 'mx',
    kinds: ANALYTICS,
    unit: '%',
    better: 'higher',
    requires: [['converted'], ['conversions', 'visitors'], ['conversions', 'sessions']],
    formula: 'Σconversions / Σvisitors (or sessions); converted rows / rows for events',
    interval: 'wilson',
    create: () => rate(addConversionTrials, 'conversions exceed visitors: not a rate'),
  },
  /**
   * Bounce rate = bounced sessions / sessions: bounced event rows, else Σbounces/Σsessions, else a
   * bounce_rate column weighted by sessions (§4.2). %, lower. Wilson CI. Empty → null.
   */
  {
    id: 'bounce_rate',
    name: 'Bounce rate',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: '%',
    better: 'lower',
    requires: [['bounced'], ['bounces', 'sessions'], ['bounce_rate']],
    formula: 'bounced sessions / sessions (a bounce_rate column weighted by sessions)',
    interval: 'wilson',
    create: () => rate(addBounceTrials, 'bounces exceed sessions: not a rate'),
  },
  /** Error rate = Σerrors / Σrequests over rows with both (§4.5). %, lower. Wilson CI. Empty → null. */
  {
    id: 'error_rate',
    name: 'Error rate',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: '%',
    better: 'lower',
    requires: [['errors', 'requests']],
    formula: 'Σerrors / Σrequests',
    interval: 'wilson',
    create: () => rate(addErrorTrials, 'errors exceed requests: not a rate'),
  },
  /** Pages per session = Σpageviews / Σsessions (a row without sessions is one). Ratio, higher. No CI. Empty → null. */
  {
    id: 'pages_per_session',
    name: 'Pages per session',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 'ratio',
    better: 'higher',
    requires: [['pageviews']],
    formula: 'Σpageviews / Σsessions (a row without sessions counts as one)',
    interval: 'none',
    create: () => ratioOfSums(readField('pageviews'), sessionsOrOne),
  },
  /**
   * Engagement time per session = Σengagement_time / Σsessions (a row without sessions is one);
   * n = sessions. Seconds, higher. No CI. Empty → null.
   */
  {
    id: 'engagement_time.mean',
    name: 'Engagement time per session',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 's',
    better: 'higher',
    requires: [['engagement_time']],
    formula: 'Σengagement_time / Σsessions (a row without sessions counts as one)',
    interval: 'none',
    create: () => ratioOfSums(readField('engagement_time'), sessionsOrOne),
  },
  /** Downloads = Σdownloads; n = rows with a value. Count, higher. No CI. Empty → null. */
  {
    id: 'downloads',
    name: 'Downloads',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 'count',
    better: 'higher',
    requires: [['downloads']],
    formula: 'Σdownloads',
    interval: 'none',
    create: () => sum(readField('downloads')),
  },
  /**
   * Apdex_T = (satisfied + tolerating/2) / samples, satisfied ≤ T, tolerating ≤ 4T, errors
   * frustrated (§4.3). 0–1, higher. Wald CI on the 1/½/0 recode. detail: counts, t, band. Empty → null.
   */
  {
    id: 'apdex',
    name: 'Apdex',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 'apdex',
    better: 'higher',
    requires: [['response_time']],
    formula: '(satisfied (≤ T) + tolerating (≤ 4T) / 2) / samples; failed requests are frustrated',
    interval: 'apdex-wald',
    create: (ctx) => apdex(ctx.apdexT),
  },
  /** 95th percentile of response_time (linear, type 7). Seconds, lower. No CI. Empty → null. */
  {
    id: 'response_time.p95',
    name: 'Response time, 95th percentile',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 's',
    better: 'lower',
    requires: [['response_time']],
    formula: '95th percentile (linear, type 7) of response times',
    interval: 'none',
    create: () => percentile(readField('response_time'), 0.95),
  },
  /** p75 of LCP; detail.rating good ≤ 2500 ms < needs-improvement ≤ 4000 ms < poor. ms, lower. No CI. Empty → null. */
  {
    id: 'lcp.p75',
    name: 'Largest Contentful Paint, p75',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 'ms',
    better: 'lower',
    requires: [['lcp']],
    formula: '75th percentile of LCP; good ≤ 2500 ms, poor > 4000 ms',
    interval: 'none',
    create: () => webVitalP75('lcp'),
  },
  /** p75 of INP; detail.rating good ≤ 200 ms < needs-improvement ≤ 500 ms < poor. ms, lower. No CI. Empty → null. */
  {
    id: 'inp.p75',
    name: 'Interaction to Next Paint, p75',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 'ms',
    better: 'lower',
    requires: [['inp']],
    formula: '75th percentile of INP; good ≤ 200 ms, poor > 500 ms',
    interval: 'none',
    create: () => webVitalP75('inp'),
  },
  /** p75 of CLS; detail.rating good ≤ 0.1 < needs-improvement ≤ 0.25 < poor. Unitless score, lower. No CI. Empty → null. */
  {
    id: 'cls.p75',
    name: 'Cumulative Layout Shift, p75',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 'score',
    better: 'lower',
    requires: [['cls']],
    formula: '75th percentile of CLS; good ≤ 0.1, poor > 0.25',
    interval: 'none',
    create: () => webVitalP75('cls'),
  },
];
