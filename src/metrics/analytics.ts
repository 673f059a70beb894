/**
 * Web and app analytics metrics (metrics.md §4): one registry entry each. Rows are either events
 * (one per visit, session or request) or aggregates (one per day/page/channel); rates pool both as
 * ratios of sums.
 */
import type { Kind } from '../fields/types.js';
import { apdexInterval, type NetIntervalMethod } from '../stats/intervals.js';
import { addExact, addExactProduct } from '../stats/exact-sum.js';
import { addTrial, emptyValue, percentile, rate, ratioOfSums, readField, sum, type AddTrials, type Detail } from './accumulators.js';
import { rateByBands } from './bands.js';
import type { Accumulator, Bands, ExampleTarget, MetricDef } from './types.js';

const ANALYTICS: readonly Kind[] = ['analytics'];

const GA4_SESSIONS = 'Google Analytics help, sessions and engaged sessions (support.google.com/analytics/answer/12798876)';

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

/**
 * Aggregated rows: errors of requests, as counted; a request-log row (no counts): one request,
 * an error when it failed (`success` false, or an HTTP status ≥ 400; kinds/analytics.ts).
 */
const addErrorTrials: AddTrials = (tally, row) => {
  if (row.errors !== undefined && row.requests !== undefined) {
    addExact(tally.x, row.errors);
    addExact(tally.n, row.requests);
    return;
  }
  if (row.failed !== undefined) addTrial(tally, row.failed);
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

/** The Apdex bands on the unrounded score, half-open: [0.85, 0.94) is Good (§4.3). */
const APDEX_BANDS: Bands = {
  bound: 'at-least',
  steps: [
    { bound: 0.94, label: 'Excellent', judgement: 'good' },
    { bound: 0.85, label: 'Good', judgement: 'good' },
    { bound: 0.7, label: 'Fair', judgement: 'fair' },
    { bound: 0.5, label: 'Poor', judgement: 'bad' },
  ],
  otherwise: { label: 'Unacceptable', judgement: 'bad' },
};

export function rateApdex(score: number): string {
  return rateByBands(APDEX_BANDS, score);
}

/** A tolerating sample counts half a satisfied one. */
const TOLERATING_WEIGHT = 0.5;
/** Frustrated beyond this multiple of T. */
const FRUSTRATION_FACTOR = 4;

/**
 * Each row with a response time is one sample: satisfied ≤ T, tolerating ≤ 4T, else frustrated;
 * a row with errors, or a request that failed, is frustrated whatever its time (§4.3: the Apdex
 * specification counts errors as frustrated).
 */
function apdex(t: number, method: NetIntervalMethod | undefined): Accumulator<ApdexState> {
  return {
    init: () => ({ satisfied: 0, tolerating: 0, frustrated: 0 }),
    add(state, row) {
      const time = row.response_time;
      if (time === undefined) return;
      if ((row.errors ?? 0) > 0 || row.failed === true || time > FRUSTRATION_FACTOR * t) state.frustrated += 1;
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
      const ci = apdexInterval(satisfied, tolerating, n, ctx.confidence, method);
      return { value: score, n, ci, detail: { ...counts, band: rateApdex(score) } };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Core Web Vitals

/** web-vitals ratings: good ≤ `good`, poor > `poor`, needs-improvement between (§4.4; a value on a threshold is the better band). */
function webVitalBands(good: number, poor: number): Bands {
  return {
    bound: 'at-most',
    steps: [
      { bound: good, label: 'good', judgement: 'good' },
      { bound: poor, label: 'needs-improvement', judgement: 'fair' },
    ],
    otherwise: { label: 'poor', judgement: 'bad' },
  };
}

const CWV_PERCENTILE = 0.75;

const WEB_VITALS_SOURCES = [
  'web-vitals library thresholds (jsdocs.io/package/web-vitals; web.dev/articles/lcp, /inp, /cls)',
  'CrUX API: assessed at the 75th percentile of page loads (developer.chrome.com/docs/crux/api)',
];

interface WebVital {
  field: 'lcp' | 'inp' | 'cls';
  name: string;
  unit: 'ms' | 'score';
  /** The web-vitals thresholds: good ≤ the first, poor > the second. */
  thresholds: readonly [number, number];
  example: ExampleTarget;
}

/**
 * The p75 of a Core Web Vital (§4.4) with its web-vitals rating in `detail.rating`. Lower is better,
 * no CI. Empty → null (rating null).
 */
function webVitalMetric({ field, name, unit, thresholds: [good, poor], example }: WebVital): MetricDef {
  const bands = webVitalBands(good, poor);
  const suffix = unit === 'ms' ? ' ms' : '';
  const describe = (value: number | null): Detail => ({ rating: value === null ? null : rateByBands(bands, value) });
  return {
    id: `${field}.p75`,
    ...(unit === 'score' ? { scale: '≥ 0, a unitless layout-shift score' } : {}),
    name,
    domain: 'ux',
    kinds: ANALYTICS,
    unit,
    better: 'lower',
    requires: [[field]],
    formula: `75th percentile of ${field.toUpperCase()}; good ≤ ${String(good)}${suffix}, poor > ${String(poor)}${suffix}`,
    interval: 'none',
    bands,
    sources: WEB_VITALS_SOURCES,
    example,
    create: () => percentile(readField(field), CWV_PERCENTILE, describe),
  };
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
    sources: [GA4_SESSIONS, 'optimizesmart.com (GA4 session and user key event rates)'],
    example: { rank: 12, id: 'converting', name: 'Visits convert', target: '>= 3%', basis: 'lenient' },
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
    sources: [GA4_SESSIONS, 'Universal Analytics BigQuery export, totals.bounces (single-page sessions)'],
    example: { rank: 17, id: 'engaging-pages', name: 'Visitors stay', target: '<= 50%' },
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
    requires: [['errors', 'requests'], ['success'], ['status_code']],
    formula: 'Σerrors / Σrequests; in a request log, failed requests / requests (success false, or HTTP status ≥ 400)',
    interval: 'wilson',
    sources: ['advanced-beginner.github.io (the golden signals: errors)', 'redhat.com, SRE monitoring in OpenShift Service Mesh'],
    example: { rank: 16, id: 'few-errors', name: 'Requests succeed', target: '<= 1%' },
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
   * frustrated (§4.3). 0–1, higher. Adjusted-Wald CI on the 1/½/0 recode (as the nets'). detail: counts, t, band. Empty → null.
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
    interval: 'apdex-adjusted-wald',
    bands: APDEX_BANDS,
    sources: [
      'App Metrics docs (alhardy.github.io/app-metrics-docs) and IBM CAPM docs (the formula and threshold T)',
      'apdex.org, Apdex-G and Apdex-R reporting drafts (T is shown with the score)',
      'funkload documentation and apdex.inek.ar (the rating bands)',
      'updown.io/faq/what-is-apdex and docs.rs/apdex (failed requests count as frustrated)',
    ],
    example: { rank: 11, id: 'responsive', name: 'The service feels fast', target: '>= 0.85', minN: 100 },
    create: (ctx) => apdex(ctx.apdexT, ctx.netIntervalMethod),
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
  webVitalMetric({
    field: 'lcp',
    name: 'Largest Contentful Paint, p75',
    unit: 'ms',
    thresholds: [2500, 4000],
    example: { rank: 13, id: 'fast-pages', name: 'Pages load fast (LCP)', target: '<= 2500ms' },
  }),
  webVitalMetric({
    field: 'inp',
    name: 'Interaction to Next Paint, p75',
    unit: 'ms',
    thresholds: [200, 500],
    example: { rank: 14, id: 'snappy-pages', name: 'Pages respond fast (INP)', target: '<= 200ms' },
  }),
  webVitalMetric({
    field: 'cls',
    name: 'Cumulative Layout Shift, p75',
    unit: 'score',
    thresholds: [0.1, 0.25],
    example: { rank: 15, id: 'stable-pages', name: 'Pages do not jump (CLS)', target: '<= 0.1' },
  }),
];
