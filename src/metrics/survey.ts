/**
 * Survey metrics (metrics.md §2): one registry entry each, built from the generic accumulators.
 */
import type { CanonicalRow, Kind } from '../fields/types.js';
import { addToMoments, createMoments, mergeMoments, type Moments } from '../stats/moments.js';
import { finishMean, mean, netScore, proportionOf, readField, sum, type ReadNumber } from './accumulators.js';
import type { Accumulator, MetricDef } from './types.js';

const SURVEY: readonly Kind[] = ['survey'];
const SURVEY_AND_TICKETS: readonly Kind[] = ['survey', 'tickets'];

/** CSAT comes from a survey's `csat` or a ticket's `satisfaction` (same scale, fields.md). */
const readCsat: ReadNumber = (row) => row.csat ?? row.satisfaction;
const CSAT_REQUIRES = [['csat'], ['satisfaction']] as const;

// Where the definitions come from (metrics.md §8); shared by the metrics of one instrument.
const CSAT_SOURCES = [
  'kicue.com/en/blog/how-to-calculate-csat, sogosurvey.com/help/introduction-to-customer-satisfaction-csat/ and youropinion.is/en/docs/calculators/csat (top-2-box %, bands)',
  'pisano.com/en/knowledge-base/customer-satisfaction-score-csat (the 0–100 mapping, a variant xla does not use)',
];
const CES_SOURCES = [
  'Gartner, "What\'s your customer effort score?" (gartner.com/en/conferences/emea/customer-experience-uk/why-attend/gartner-insights/rn-customer-effort-score): CES 2.0, agreement on 1–7',
  'support.nicereply.com/article/267-how-is-ces-calculated (the mean)',
  'help.simplesat.io/en/articles/5626051 (% answering 5–7)',
];
const ENPS_SOURCES = [
  'agile-hr-analytics.com/hr_kpi/employee-net-promoter-score-enps/ (NPS arithmetic on "recommend as a place to work")',
  'kios303.com and peoplepilot.io/blog/whats-a-good-enps-score-2026 (bands)',
];
const HAPPYSIGNALS = [
  'HappySignals, "How are Happiness and Lost time values calculated" (support.happysignals.com/how-are-happiness-and-lost-time-values-calculated)',
];
const RATING_SOURCES = [
  "support.appbot.co and gummicube.com: stores weight recent ratings, so the mean of exported ratings differs from the store's",
];

/** The least answer in the top two boxes of a k-point scale: k−1 (the SQL pushdown counts from it too). */
export function topTwoBoxFloor([, max]: readonly [number, number]): number {
  return max - 1;
}

/** The midpoint of a scale: CES "easy" answers lie strictly above it (the SQL pushdown compares with it too). */
export function scaleMidpoint([min, max]: readonly [number, number]): number {
  return (min + max) / 2;
}

/** Top-2-box on a k-point scale: {k−1, k}. Fractional answers (a 4.1 star mean) count from k−1 up. */
function isTopTwoBox(scale: readonly [number, number]): (value: number) => boolean {
  const floor = topTwoBoxFloor(scale);
  return (value) => value >= floor;
}

/** Strictly above the midpoint: 5–7 on 1–7 (CES 2.0 "at least somewhat agree", §2.3). */
function isAboveMidpoint(scale: readonly [number, number]): (value: number) => boolean {
  const midpoint = scaleMidpoint(scale);
  return (value) => value > midpoint;
}

export interface SentimentState {
  /** The −1…1 scores as read; finished × 100, so the mean, sd and interval are on the reported −100…+100 scale. */
  moments: Moments;
  positive: number;
  neutral: number;
  negative: number;
}

const SENTIMENT_POINTS = 100;

/** Mean sentiment × 100, with the counts of positive (> 0), neutral (0) and negative (< 0) scores. */
function netSentiment(): Accumulator<SentimentState> {
  return {
    init: () => ({ moments: createMoments(), positive: 0, neutral: 0, negative: 0 }),
    add(state, row: CanonicalRow) {
      const score = row.sentiment;
      if (score === undefined) return;
      // The score itself, not score × 100: 0.07 × 100 is 7.000000000000001 in doubles; the scale is applied exactly at finish.
      addToMoments(state.moments, score);
      if (score > 0) state.positive += 1;
      else if (score < 0) state.negative += 1;
      else state.neutral += 1;
    },
    merge(a, b) {
      a.moments = mergeMoments(a.moments, b.moments);
      a.positive += b.positive;
      a.neutral += b.neutral;
      a.negative += b.negative;
      return a;
    },
    finish: ({ moments, positive, neutral, negative }, ctx) =>
      finishMean(moments, ctx, 't', { positive, neutral, negative }, SENTIMENT_POINTS),
  };
}

export const SURVEY_METRICS: readonly MetricDef[] = [
  /**
   * NPS = 100·(P − D)/n, promoters 9–10, passives 7–8, detractors 0–6 (§2.1). Points −100…+100,
   * higher is better. adjusted-Wald CI (§6.2). Empty → null.
   */
  {
    id: 'nps',
    name: 'Net Promoter Score',
    domain: 'cx',
    kinds: SURVEY_AND_TICKETS,
    unit: 'points',
    better: 'higher',
    requires: [['nps']],
    formula: '%promoters (9–10) − %detractors (0–6) of all answers',
    interval: 'nps-adjusted-wald',
    sources: [
      'GfK glossary (discover.gfk.com/story/budget-planning-support/page/7) and eyebase glossary (eyebase.com/insights/dam-know-how/the-grand-dam-glossary/55-net-promoter-score-nps/): promoters 9–10, passives 7–8, detractors 0–6',
      'customergauge.com/what-is-a-good-net-promoter-score and fuzzymath.com/resources/ux-glossary/nps/ (bands)',
    ],
    reading: '> 0 good, > 50 excellent; "world-class" > 70 or > 80 (sources differ; read against the industry)',
    example: { rank: 2, id: 'promoters', name: 'Customers recommend us', target: '>= 30', basis: 'interval' },
    create: (ctx) => netScore(readField('nps'), ctx.netIntervalMethod),
  },
  /**
   * CSAT = % of answers in the top two boxes of the csat scale (4–5 on 1–5, 6–7 on 1–7; §2.2).
   * %, higher is better. Wilson CI. Reads `csat`, else a ticket's `satisfaction`. Empty → null.
   */
  {
    id: 'csat',
    name: 'CSAT',
    domain: 'cx',
    kinds: SURVEY_AND_TICKETS,
    unit: '%',
    better: 'higher',
    requires: CSAT_REQUIRES,
    formula: '% of answers in the top two boxes of the scale (4–5 on 1–5)',
    interval: 'wilson',
    sources: CSAT_SOURCES,
    reading: 'no standard bands: ≥ 80 % excellent in one source, 80–89 % good and 90 %+ exceptional in another',
    example: { rank: 1, id: 'happy-customers', name: 'Customers are satisfied', target: '>= 85%', minN: 30 },
    create: (ctx) => proportionOf(readCsat, isTopTwoBox(ctx.scales.csat)),
  },
  /** CSAT mean = arithmetic mean on the native scale (§2.2). Score, higher. t CI. Empty → null. */
  {
    id: 'csat.mean',
    name: 'CSAT mean',
    domain: 'cx',
    kinds: SURVEY_AND_TICKETS,
    unit: 'score',
    scale: '1–5, or as `scales.csat` sets',
    better: 'higher',
    requires: CSAT_REQUIRES,
    formula: 'mean of the CSAT answers on their own scale',
    interval: 't',
    sources: CSAT_SOURCES,
    create: () => mean(readCsat, 't'),
  },
  /** CES = mean agreement on 1–7 (CES 2.0, §2.3). Score, higher = easier. t CI. Empty → null. */
  {
    id: 'ces',
    name: 'Customer Effort Score',
    domain: 'cx',
    kinds: SURVEY_AND_TICKETS,
    unit: 'score',
    scale: '1–7, or as `scales.ces` sets',
    better: 'higher',
    requires: [['ces']],
    formula: 'mean agreement that the company made it easy (1–7, higher = easier)',
    interval: 't',
    sources: CES_SOURCES,
    reading: 'no standard bands; higher = less effort',
    create: () => mean(readField('ces'), 't'),
  },
  /** CES easy = % of answers strictly above the scale midpoint (5–7 on 1–7). %, higher. Wilson. Empty → null. */
  {
    id: 'ces.easy',
    name: 'CES easy',
    domain: 'cx',
    kinds: SURVEY_AND_TICKETS,
    unit: '%',
    better: 'higher',
    requires: [['ces']],
    formula: '% of CES answers above the scale midpoint (5–7 on 1–7)',
    interval: 'wilson',
    sources: CES_SOURCES,
    example: { rank: 3, id: 'effortless', name: 'Getting things done is easy', target: '>= 70%', minN: 30 },
    create: (ctx) => proportionOf(readField('ces'), isAboveMidpoint(ctx.scales.ces)),
  },
  /** eNPS: NPS arithmetic on "recommend as a place to work" (§2.4). Points, higher. adjusted-Wald CI. Empty → null. */
  {
    id: 'enps',
    name: 'eNPS',
    domain: 'ex',
    kinds: SURVEY,
    unit: 'points',
    better: 'higher',
    requires: [['enps']],
    formula: '%promoters (9–10) − %detractors (0–6) on "recommend as a place to work"',
    interval: 'nps-adjusted-wald',
    sources: ENPS_SOURCES,
    reading: '> 0 acceptable, +10…+30 good, ≥ +50 excellent (heuristic; another source puts good at ≥ +20)',
    example: { rank: 4, id: 'engaged-staff', name: 'Employees recommend us', target: '>= 10', basis: 'interval' },
    create: (ctx) => netScore(readField('enps'), ctx.netIntervalMethod),
  },
  /** Happiness (HappySignals): %(9–10) − %(0–6) of 0–10 answers (§2.8). Points, higher. adjusted-Wald CI. Empty → null. */
  {
    id: 'happiness',
    name: 'Happiness',
    domain: 'ex',
    kinds: SURVEY_AND_TICKETS,
    unit: 'points',
    better: 'higher',
    requires: [['happiness']],
    formula: '%positive (9–10) − %negative (0–6) of 0–10 answers',
    interval: 'nps-adjusted-wald',
    sources: HAPPYSIGNALS,
    reading: 'read against HappySignals benchmarks; no fixed bands',
    create: (ctx) => netScore(readField('happiness'), ctx.netIntervalMethod),
  },
  /** Average rating = mean of the ratings (§4.8). Score, higher. t CI. Empty → null. */
  {
    id: 'rating',
    name: 'Average rating',
    domain: 'cx',
    kinds: SURVEY,
    unit: 'score',
    scale: '1–5, or as `scales.rating` sets',
    better: 'higher',
    requires: [['rating']],
    formula: 'mean of the ratings (stars)',
    interval: 't',
    sources: RATING_SOURCES,
    create: () => mean(readField('rating'), 't'),
  },
  /** Positive ratings = % of ratings ≥ max − 1 of the rating scale (4–5 stars on 1–5). %, higher. Wilson. Empty → null. */
  {
    id: 'rating.positive',
    name: 'Positive ratings',
    domain: 'cx',
    kinds: SURVEY,
    unit: '%',
    better: 'higher',
    requires: [['rating']],
    formula: '% of ratings in the top two stars (≥ 4 on 1–5)',
    interval: 'wilson',
    sources: RATING_SOURCES,
    example: { rank: 5, id: 'good-ratings', name: 'Ratings are good', target: '>= 80%', minN: 30 },
    create: (ctx) => proportionOf(readField('rating'), isTopTwoBox(ctx.scales.rating)),
  },
  /**
   * Net sentiment = mean of the −1…1 scores × 100; with labels (1/0/−1) that is %positive −
   * %negative. Points −100…+100, higher. t CI on the scaled scores. Empty → null.
   */
  {
    id: 'sentiment',
    name: 'Net sentiment',
    domain: 'cx',
    kinds: SURVEY,
    unit: 'points',
    better: 'higher',
    requires: [['sentiment']],
    formula: 'mean sentiment score (−1…1) × 100; for labels %positive − %negative',
    interval: 't',
    reading: '> 0 is net positive',
    create: netSentiment,
  },
  /** Mean lost time over the answers that gave one (§2.8). Seconds, lower. t CI. Empty → null. */
  {
    id: 'lost_time.mean',
    name: 'Mean lost time',
    domain: 'ex',
    kinds: SURVEY_AND_TICKETS,
    unit: 's',
    better: 'lower',
    requires: [['lost_time']],
    formula: 'mean reported lost work time over the answers that gave one',
    interval: 't',
    sources: HAPPYSIGNALS,
    create: () => mean(readField('lost_time'), 't'),
  },
  /** Total lost time = Σ reported lost time; n = answers (§2.8). Seconds, lower. No CI. Empty → null. */
  {
    id: 'lost_time.total',
    name: 'Total lost time',
    domain: 'ex',
    kinds: SURVEY_AND_TICKETS,
    unit: 's',
    better: 'lower',
    requires: [['lost_time']],
    formula: 'sum of reported lost work time',
    interval: 'none',
    sources: HAPPYSIGNALS,
    create: () => sum(readField('lost_time')),
  },
];
