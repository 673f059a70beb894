/**
 * The standard experience questionnaires (metrics.md §2.5–2.7, §2.9): SUS, UMUX-Lite, the Temkin
 * Experience Rating and ESI, each scored from its items (fields/kinds/instruments.ts).
 *
 * Decisions (README, "Experience instruments"):
 * - SUS and UMUX-Lite score a respondent only when every item is answered and valid; a respondent
 *   with an item missing or rejected is left out and counted in `detail.incomplete` (never scored
 *   as if the item were 0). A row with no item of the instrument is no respondent.
 * - Temkin and ESI average per-question figures, each question over its own answers (§2.7, §2.9);
 *   their interval is centred on the value with the standard error of the respondents' own
 *   averages (so the correlation between a person's answers is kept, not treated as independent).
 * - Intervals are t-intervals (§6.4) clipped to the instrument's scale (0–100, Temkin ±100).
 */
import { ESI_ITEMS, SUS_ITEMS, TEMKIN_ITEMS, UMUX_ITEMS } from '../fields/kinds/instruments.js';
import type { CanonicalRow, Kind } from '../fields/types.js';
import { meanInterval } from '../stats/intervals.js';
import { addToMoments, createMoments, mergeMoments, momentsMean, sampleSd, type Moments } from '../stats/moments.js';
import { emptyValue, finishMean, isUnreadable, type Detail, type NumericField } from './accumulators.js';
import { rateByBands } from './bands.js';
import type { Accumulator, Bands, FinishContext, Judgement, MetricDef, MetricValue } from './types.js';

const SURVEY: readonly Kind[] = ['survey'];

/** The scales the values live on: an interval reaching past them would claim impossible scores. */
const INDEX_RANGE = [0, 100] as const;
const NET_RANGE = [-100, 100] as const;

function clip(ci: readonly [number, number] | null, [low, high]: readonly [number, number]): readonly [number, number] | null {
  return ci === null ? null : [Math.max(low, ci[0]), Math.min(high, ci[1])];
}

// ---------------------------------------------------------------------------------------------
// Complete-case instruments (SUS, UMUX-Lite)

/** The respondents' scores, and the respondents left out for an item missing or rejected. */
export interface CompleteCaseState {
  scores: Moments;
  incomplete: number;
}

/**
 * A respondent's raw score from all of `items`, or `undefined` when none is there (no respondent),
 * or `null` when some but not all are (incomplete). `contribution(answer, position)` is one item's
 * share of the raw score (position 0 is item 1).
 */
function rawScore(
  row: CanonicalRow,
  items: readonly NumericField[],
  contribution: (answer: number, position: number) => number,
): number | null | undefined {
  let raw = 0;
  let answered = 0;
  let touched = false;
  for (let position = 0; position < items.length; position += 1) {
    const item = items[position] as NumericField;
    const answer = row[item];
    if (answer !== undefined) {
      raw += contribution(answer, position);
      answered += 1;
    } else if (isUnreadable(row, item)) touched = true;
  }
  if (answered === items.length) return raw;
  return answered > 0 || touched ? null : undefined;
}

/**
 * The mean of the complete respondents' scores (`toScore` of the raw sum, so each respondent's
 * score is the number a hand calculation gives), with the t-interval (§6.4) and `describe`'s
 * detail for the value.
 */
function completeCase(
  items: readonly NumericField[],
  contribution: (answer: number, position: number) => number,
  toScore: (raw: number) => number,
  describe: (value: number | null) => Detail,
): Accumulator<CompleteCaseState> {
  return {
    init: () => ({ scores: createMoments(), incomplete: 0 }),
    add(state, row) {
      const raw = rawScore(row, items, contribution);
      if (raw === null) state.incomplete += 1;
      else if (raw !== undefined) addToMoments(state.scores, toScore(raw));
    },
    merge(a, b) {
      a.scores = mergeMoments(a.scores, b.scores);
      a.incomplete += b.incomplete;
      return a;
    },
    finish({ scores, incomplete }, ctx) {
      const result = finishMean(scores, ctx, 't', { incomplete });
      return { ...result, ci: clip(result.ci, INDEX_RANGE), detail: { ...result.detail, ...describe(result.value) } };
    },
  };
}

/** SUS (§2.5): odd items (positive) give answer − 1, even items (negative) 5 − answer; the sum × 2.5. */
const susContribution = (answer: number, position: number): number => (position % 2 === 0 ? answer - 1 : 5 - answer);
const susScore = (raw: number): number => raw * 2.5;

/**
 * The Sauro–Lewis curved grading scale (Sauro & Lewis 2016, Quantifying the User Experience, 2nd
 * ed.): the lowest SUS of each grade, with the percentile ranks of the grade in their database.
 */
const SUS_GRADES: readonly { grade: string; from: number; percentiles: string; judgement: Judgement }[] = [
  { grade: 'A+', from: 84.1, percentiles: '96–100', judgement: 'good' },
  { grade: 'A', from: 80.8, percentiles: '90–95', judgement: 'good' },
  { grade: 'A-', from: 78.9, percentiles: '85–89', judgement: 'good' },
  { grade: 'B+', from: 77.2, percentiles: '80–84', judgement: 'good' },
  { grade: 'B', from: 74.1, percentiles: '70–79', judgement: 'good' },
  { grade: 'B-', from: 72.6, percentiles: '65–69', judgement: 'good' },
  { grade: 'C+', from: 71.1, percentiles: '60–64', judgement: 'fair' },
  { grade: 'C', from: 65, percentiles: '41–59', judgement: 'fair' },
  { grade: 'C-', from: 62.7, percentiles: '35–40', judgement: 'fair' },
  { grade: 'D', from: 51.7, percentiles: '15–34', judgement: 'bad' },
];
const SUS_FAIL = { grade: 'F', percentiles: '0–14', judgement: 'bad' } as const;

const SUS_BANDS: Bands = {
  bound: 'at-least',
  steps: SUS_GRADES.map(({ grade, from, judgement }) => ({ bound: from, label: grade, judgement })),
  otherwise: { label: SUS_FAIL.grade, judgement: SUS_FAIL.judgement },
};

/** The grade of a study's mean SUS and the percentile ranks that grade spans. */
export function gradeSus(value: number | null): Detail {
  if (value === null) return { grade: null, percentile: null };
  const grade = rateByBands(SUS_BANDS, value);
  const percentile = SUS_GRADES.find((step) => step.grade === grade)?.percentiles ?? SUS_FAIL.percentiles;
  return { grade, percentile };
}

/** Answers to the odd (positive) and even (negative) SUS items, summed over complete respondents. */
export interface SusBalance {
  respondents: number;
  odd: number;
  even: number;
}

export const createSusBalance = (): SusBalance => ({ respondents: 0, odd: 0, even: 0 });

export function addToSusBalance(balance: SusBalance, row: CanonicalRow): void {
  const odd = rawScore(row, SUS_ITEMS, (answer, position) => (position % 2 === 0 ? answer : 0));
  const even = rawScore(row, SUS_ITEMS, (answer, position) => (position % 2 === 0 ? 0 : answer));
  if (typeof odd !== 'number' || typeof even !== 'number') return;
  balance.respondents += 1;
  balance.odd += odd;
  balance.even += even;
}

/** How far (on the 1–5 scale) the even items' mean answer may exceed the odd items' before `xla inspect` warns: xla's choice. */
const REVERSED_GAP = 1;
const SUS_ITEMS_PER_HALF = 5;

/**
 * The warning of §2.5 when the even items (negative statements) average well above the odd ones
 * (positive): agreement coded 5 = strongly disagree, or items reversed before export, invert the
 * score. A very poor product shows the same pattern, so the note asks rather than decides.
 */
export function reverseCodingNote({ respondents, odd, even }: SusBalance): string | undefined {
  if (respondents === 0) return undefined;
  const oddMean = odd / (respondents * SUS_ITEMS_PER_HALF);
  const evenMean = even / (respondents * SUS_ITEMS_PER_HALF);
  if (evenMean - oddMean < REVERSED_GAP) return undefined;
  const shown = (value: number): string => value.toFixed(2);
  return `SUS: the even items (negative statements) average ${shown(evenMean)}, well above the odd items' ${shown(oddMean)} over ${respondents} respondents; SUS expects answers coded 1 = strongly disagree … 5 = strongly agree with no item reversed — if the export codes agreement the other way round or already reversed items, the score is inverted (otherwise the product is rated very poorly)`;
}

/** UMUX-Lite (§2.6): (item 1 + item 2 − 2) × 100/12, one correctly rounded division. */
const umuxContribution = (answer: number): number => answer - 1;
const umuxScore = (raw: number): number => (raw * 100) / 12;
// Lewis, Utesch & Maher's regression onto SUS magnitudes, as recalled in metrics.md §2.6 (not re-read).
const UMUX_SUS_SLOPE = 0.65;
const UMUX_SUS_INTERCEPT = 22.9;

function umuxDetail(value: number | null): Detail {
  return { sus_equiv: value === null ? null : UMUX_SUS_SLOPE * value + UMUX_SUS_INTERCEPT };
}

/** How SUS and UMUX-Lite score a complete respondent: the SQL pushdown (sql/survey.ts) counts raw sums and scores them so too. */
export const COMPLETE_CASE_SCORING = {
  sus: { items: SUS_ITEMS, contribution: susContribution, toScore: susScore },
  umux_lite: { items: UMUX_ITEMS, contribution: umuxContribution, toScore: umuxScore },
} as const;

// ---------------------------------------------------------------------------------------------
// Per-question instruments (Temkin, ESI)

/** Each question's figures over its own answers, and every respondent's own average. */
export interface PerQuestionState {
  questions: Moments[];
  respondents: Moments;
}

/**
 * Per question, the moments of `score(answer)` over that question's answers; per respondent (a
 * row answering at least one question), the average score of the questions they answered.
 * `combine` turns the per-question means (× `questionFactor`, exactly) into the value; `scale`
 * turns a respondent's average onto the value's scale for the interval (centred on the value, t
 * critical value, §6.4).
 */
function perQuestion(
  items: readonly NumericField[],
  score: (answer: number) => number,
  questionFactor: number,
  combine: (means: readonly number[]) => number,
  scale: number,
  range: readonly [number, number],
  describe: (questions: readonly Moments[]) => Detail,
): Accumulator<PerQuestionState> {
  return {
    init: () => ({ questions: items.map(createMoments), respondents: createMoments() }),
    add(state, row) {
      let total = 0;
      let answered = 0;
      for (let position = 0; position < items.length; position += 1) {
        const answer = row[items[position] as NumericField];
        if (answer === undefined) continue;
        const scored = score(answer);
        addToMoments(state.questions[position] as Moments, scored);
        total += scored;
        answered += 1;
      }
      if (answered > 0) addToMoments(state.respondents, total / answered);
    },
    merge(a, b) {
      a.questions = a.questions.map((moments, position) => mergeMoments(moments, b.questions[position] as Moments));
      a.respondents = mergeMoments(a.respondents, b.respondents);
      return a;
    },
    finish(state, ctx) {
      const means = state.questions.map((moments) => momentsMean(moments, questionFactor));
      const result = finishPerQuestion(state.respondents, means, ctx, combine, scale, describe(state.questions));
      return { ...result, ci: clip(result.ci, range) };
    },
  };
}

function finishPerQuestion(
  respondents: Moments,
  means: readonly (number | null)[],
  ctx: FinishContext,
  combine: (means: readonly number[]) => number,
  scale: number,
  detail: Detail,
): MetricValue {
  if (respondents.n === 0 || means.some((questionMean) => questionMean === null)) return emptyValue({ mean: null, sd: null, ...detail });
  const value = combine(means as number[]);
  const sd = sampleSd(respondents, scale);
  return { value, n: respondents.n, ci: meanInterval(respondents.n, value, sd, ctx.confidence), detail: { mean: value, sd, ...detail } };
}

/** Temkin (§2.7): 6–7 is +1, 4–5 is 0, 1–3 is −1; a question's net is the mean recode × 100. */
const TEMKIN_POSITIVE_MIN = 6;
const TEMKIN_NEGATIVE_MAX = 3;
const temkinRecode = (answer: number): number => (answer >= TEMKIN_POSITIVE_MIN ? 1 : answer <= TEMKIN_NEGATIVE_MAX ? -1 : 0);
const PERCENT = 100;
const TEMKIN_QUESTIONS = ['success', 'effort', 'emotion'] as const;

/**
 * Each question's mean score (× `factor`) and its number of answers, keyed by the question's name:
 * `success_net`, `success_n` (Temkin); `esi_1_mean`, `esi_1_n` (ESI).
 */
function perQuestionDetail(names: readonly string[], valueKey: string, factor = 1): (questions: readonly Moments[]) => Detail {
  return (questions) =>
    Object.fromEntries(
      names.flatMap((name, position) => {
        const moments = questions[position] as Moments;
        return [
          [`${name}_${valueKey}`, momentsMean(moments, factor)],
          [`${name}_n`, moments.n],
        ];
      }),
    );
}

const meanOf = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** ESI (§2.9): ((mean of the question means) − 1)/9 × 100 on 1–10 answers. */
const ESI_LOW = 1;
const ESI_SPAN = 9;
const esiOfMean = (average: number): number => ((average - ESI_LOW) / ESI_SPAN) * PERCENT;
/** ESI scores each answer as it is. */
const esiScore = (answer: number): number => answer;

/** How Temkin and ESI score each answer: the SQL pushdown (sql/survey.ts) counts the scores and scores them so too. */
export const PER_QUESTION_SCORING = {
  temkin: { items: TEMKIN_ITEMS, score: temkinRecode },
  esi: { items: ESI_ITEMS, score: esiScore },
} as const;

// ---------------------------------------------------------------------------------------------
// Registry entries

const SUS_SOURCES = [
  'Brooke (1986) via measuringu.com/sus.php: the ten items and the scoring',
  'measuringu.com/interpret-sus-score/: 68 is the average (50th percentile)',
  'Sauro & Lewis (2016), Quantifying the User Experience, 2nd ed.: the curved grading scale and its percentile ranks',
];

export const INSTRUMENT_METRICS: readonly MetricDef[] = [
  /**
   * SUS = mean over complete respondents of (Σodd(r − 1) + Σeven(5 − r)) × 2.5 (§2.5). 0–100 (not %),
   * higher. t CI. Grade and percentile band in detail; incomplete respondents counted. Empty → null.
   */
  {
    id: 'sus',
    name: 'System Usability Scale',
    domain: 'ux',
    kinds: SURVEY,
    unit: 'index',
    better: 'higher',
    requires: [SUS_ITEMS],
    formula: 'mean over respondents of (Σ odd items (r − 1) + Σ even items (5 − r)) × 2.5, items 1–5',
    interval: 't',
    bands: SUS_BANDS,
    reading: '68 is average (the 50th percentile of the MeasuringU database)',
    sources: SUS_SOURCES,
    create: () => completeCase(SUS_ITEMS, susContribution, susScore, gradeSus),
  },
  /** UMUX-Lite = mean of (i1 + i2 − 2) × 100/12 over complete respondents (§2.6). 0–100, higher. t CI. Empty → null. */
  {
    id: 'umux_lite',
    name: 'UMUX-Lite',
    domain: 'ux',
    kinds: SURVEY,
    unit: 'index',
    better: 'higher',
    requires: [UMUX_ITEMS],
    formula: 'mean over respondents of (item 1 + item 2 − 2) × 100/12, items 1–7; detail.sus_equiv = 0.65 × value + 22.9',
    interval: 't',
    reading: 'on the SUS scale (68 average); sus_equiv is the regression Lewis, Utesch & Maher proposed',
    sources: [
      'blucado.com/umux-lite-a-detailed-insight-on-the-umuxs-kid and measuringu.com/from-umux-lite-to-ux-lite/ (the items and scoring)',
      'Lewis, Utesch & Maher (2015), "Investigating the Correspondence Between UMUX-LITE and SUS Scores", LNCS 9186 (the regression; coefficients recalled, metrics.md §2.6)',
    ],
    create: () => completeCase(UMUX_ITEMS, umuxContribution, umuxScore, umuxDetail),
  },
  /**
   * Temkin = mean of the three question nets %(6–7) − %(1–3), each over its own answers (§2.7).
   * Points −100…+100, higher. CI centred on the value, t with the SE of the respondents' mean recodes.
   */
  {
    id: 'temkin',
    name: 'Temkin Experience Rating',
    domain: 'cx',
    kinds: SURVEY,
    unit: 'points',
    better: 'higher',
    requires: [TEMKIN_ITEMS],
    formula: 'mean of the success, effort and emotion nets, each %(6–7) − %(1–3) of its own answers (1–7)',
    interval: 't',
    reading: 'below 50 is "very poor" in Temkin Group reports; higher tiers are not confirmed',
    sources: [
      'experiencematters.wordpress.com/temkin-experience-ratings-overview/ (the three questions and the net)',
      'experiencematters.wordpress.com/tag/att/ (2016 ratings: below 50 % is very poor)',
    ],
    create: () =>
      perQuestion(TEMKIN_ITEMS, temkinRecode, PERCENT, meanOf, PERCENT, NET_RANGE, perQuestionDetail(TEMKIN_QUESTIONS, 'net', PERCENT)),
  },
  /**
   * ESI = ((mean of the three question means) − 1)/9 × 100, each question over its own answers
   * (§2.9). 0–100, higher. CI centred on the value, t with the SE of the respondents' own ESI.
   */
  {
    id: 'esi',
    name: 'Employee Satisfaction Index',
    domain: 'ex',
    kinds: SURVEY,
    unit: 'index',
    better: 'higher',
    requires: [ESI_ITEMS],
    formula: '((mean of the three question means) − 1) / 9 × 100, answers 1–10',
    interval: 't',
    sources: [
      'netigate.net/articles/human-resources/how-the-employee-satisfaction-index-esi-works-and-how-to-use-it/ (the questions and the index)',
    ],
    create: () =>
      perQuestion(
        ESI_ITEMS,
        esiScore,
        1,
        (means) => esiOfMean(meanOf(means)),
        PERCENT / ESI_SPAN,
        INDEX_RANGE,
        perQuestionDetail(ESI_ITEMS, 'mean'),
      ),
  },
];
