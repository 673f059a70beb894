/**
 * The survey family of the SQL pushdown (README "SQL pushdown"): lost_time.total and .mean,
 * sentiment, sus, umux_lite, temkin, esi and data.freshness. Their recipes (recipes.ts reads them), the SQL of their cells,
 * and the decoding of their columns into the states the accumulators build (states.ts calls it).
 *
 * Their fields hold text xla reads in more ways than SQL does (durations like `2h 30m`, sentiment
 * labels, numbers with many places): per field the query counts the values xla may read and the
 * SQL does not (unread.ts), and a result with any is refused, naming the column.
 */
import { findField, type FieldDef } from '../fields/catalog.js';
import type { FieldId } from '../fields/types.js';
import type { PlainDurationUnit } from '../fields/units.js';
import { DEFAULT_SCALES, resolveRange, type Scales } from '../fields/scales.js';
import { COMPLETE_CASE_SCORING, PER_QUESTION_SCORING, type CompleteCaseState, type PerQuestionState } from '../metrics/instruments.js';
import type { SumState } from '../metrics/accumulators.js';
import type { NewestState } from '../metrics/data-quality.js';
import type { SentimentState } from '../metrics/survey.js';
import { addToMoments, createMoments, type Moments } from '../stats/moments.js';
import { exactSumOfDecimalText, placesOfDecimalText } from '../stats/exact-sum.js';
import { exactDecimalLiteral, exactDecimalType, type Dialect } from './dialects.js';
import { EXACT_NUMBER_PATTERN, hasDigit, unreadFlag } from './unread.js';

export type SurveyShape = 'sum' | 'sentiment' | 'complete-case' | 'per-question' | 'newest';

/** A state part as recipes.ts's StatePart (declared here so that the two files import nothing from each other). */
interface StatePart {
  suffix: string;
  type: 'count' | 'decimal' | 'values';
  aggregate: (value: string, reason: string) => string;
}

/** A recipe of the survey family, as recipes.ts's Recipe reads it. */
interface SurveyRecipe {
  shape: SurveyShape | 'moments';
  fields: readonly FieldId[];
  parts: (scales: Scales) => readonly StatePart[];
  countsUnread: boolean;
  row?: (value: (field: FieldId) => string, touched: (field: FieldId) => string) => SurveyRow;
}

/** A row's value and reason for the parts' aggregates, or (per-question instruments) each part's own aggregate. */
export interface SurveyRow {
  value: string;
  reason: string;
  aggregate?: (suffix: string) => string;
}

/** xla's sentiment labels (fields/values.ts coerceSentiment), any case; its Russian stems are non-ASCII text, counted unread. */
const SENTIMENT_LABELS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['pos', 'positive']],
  [0, ['neu', 'neutral']],
  [-1, ['neg', 'negative']],
];

const NOT_PRINTABLE_ASCII_PATTERN = '[^ -~]';

/** Seconds per unit of a duration column's plain numbers (fields/units.ts MS_PER / 1000), as exact SQL factors. */
const SECONDS_PER_UNIT: Readonly<Record<PlainDurationUnit, string>> = { ms: '0.001', s: '1', min: '60', h: '3600', mo: '2629746' };
/** The largest plain number per unit whose seconds stay below 10^12 (the 12 digits of DECIMAL(18, 6)); larger ones are counted unread. */
const AMOUNT_LIMIT: Readonly<Record<PlainDurationUnit, string>> = {
  ms: '1000000000000',
  s: '1000000000000',
  min: '10000000000',
  h: '100000000',
  mo: '100000',
};

/** The survey family's cell of a field: a sentiment label as its score, else the exact number. */
export function surveyCell(field: FieldDef, text: string, dialect: Dialect): string | undefined {
  if (field.type !== 'sentiment') return undefined;
  const labels = SENTIMENT_LABELS.map(
    ([score, words]) => `WHEN lower(${text}) IN (${words.map((word) => `'${word}'`).join(', ')}) THEN ${score}`,
  );
  return `CASE ${labels.join(' ')} ELSE ${dialect.exactNumber(text)} END`;
}

/**
 * A duration's seconds from its plain number in the column's unit (non-negative, below the limit),
 * or a sentiment in −1…1; undefined for other fields. Seconds are cast to a 38-digit decimal: DuckDB
 * keeps DECIMAL(18, …) for a product, whose square would overflow past 10^3 seconds.
 */
export function surveyAccepted(field: FieldDef, number: string, unit: PlainDurationUnit | undefined, dialect: Dialect): string | undefined {
  if (field.type === 'duration') {
    const of = unit ?? 's';
    const seconds = of === 's' ? number : `${number} * ${exactDecimalLiteral(SECONDS_PER_UNIT[of], dialect)}`;
    return `CAST(CASE WHEN ${number} >= 0 AND ${number} < ${AMOUNT_LIMIT[of]} THEN ${seconds} END AS ${exactDecimalType(dialect, 38, of === 'ms' ? 9 : 6)})`;
  }
  if (field.type === 'sentiment') return `CASE WHEN ${number} BETWEEN -1 AND 1 THEN ${number} END`;
  return undefined;
}

/**
 * 1 when xla may read the cell and the SQL does not read it exactly (see the file's comment), else
 * 0: not missing, no plain number of DECIMAL(18, 6) (nor an ASCII sentiment label), and a digit in
 * it (or, for sentiment, any non-ASCII character: the Russian labels).
 */
export function surveyUnreadCell(field: FieldDef, text: string, missing: string, dialect: Dialect): string {
  const exact = dialect.matches(text, EXACT_NUMBER_PATTERN);
  const words = SENTIMENT_LABELS.flatMap(([, labels]) => labels.map((word) => `'${word}'`));
  const read = field.type === 'sentiment' ? `(${exact} OR lower(${text}) IN (${words.join(', ')}))` : exact;
  const mayRead =
    field.type === 'sentiment'
      ? `(${hasDigit(text, dialect)} OR ${dialect.matches(text, NOT_PRINTABLE_ASCII_PATTERN)})`
      : hasDigit(text, dialect);
  return unreadFlag(read, mayRead, missing);
}

/** An instrument's item the SQL scores as whole answers (perQuestionRecipe) where xla also reads fractions: ESI's `number` items. */
const isWholeAnswerItem = (field: FieldDef): boolean =>
  field.type === 'number' && Object.values(PER_QUESTION_SCORING).some(({ items }) => (items as readonly FieldId[]).includes(field.id));

/** The unread flag with a duration's plain number past the unit's limit (xla reads it; DECIMAL(18, 6) seconds would not hold it). */
export function surveyUnreadAnswer(field: FieldDef, unread: string, number: string, unit: PlainDurationUnit | undefined): string {
  // ESI answers may be fractions in xla (a `number` item); the SQL scores whole answers only.
  if (isWholeAnswerItem(field)) return `CASE WHEN ${number} <> FLOOR(${number}) THEN 1 ELSE ${unread} END`;
  if (field.type !== 'duration') return unread;
  return `CASE WHEN ${number} >= ${AMOUNT_LIMIT[unit ?? 's']} THEN 1 ELSE ${unread} END`;
}

/** The `answers` column of the freshness date's epoch ms. */
export const FRESHNESS_COLUMN = 'ms_freshness';

/** Why a field's values were unread, for the refusal (sql-run.ts). */
export function surveyUnreadWhy(field: FieldId): string {
  const type = findField(field)?.type;
  const plain = 'plain numbers only, at most 12 digits before the point and 6 after';
  if (type === 'duration') return `a unit or duration such as "2h 30m" or "01:30:00", or a number past the limits: the SQL reads ${plain}`;
  if (type === 'sentiment')
    return `a label other than positive/neutral/negative (pos/neu/neg), such as a Russian one: the SQL reads those labels and ${plain}`;
  const item = findField(field);
  const fraction = item !== undefined && isWholeAnswerItem(item) ? 'a fraction such as 7.5 (the SQL scores whole answers only), or ' : '';
  return `${fraction}a number with separators, a percent sign or an exponent: the SQL reads ${plain}`;
}

// ── recipes ──────────────────────────────────────────────────────────────────────────────────

type CountWhere = (condition: (value: string) => string) => (value: string) => string;

/** The survey family's recipes, given recipes.ts's moments parts and counter (passed in, so the two files import no values from each other). */
export function surveyRecipes(momentParts: readonly StatePart[], countWhere: CountWhere): [string, SurveyRecipe][] {
  const sumParts: readonly StatePart[] = [
    { suffix: 'total', type: 'decimal', aggregate: (value) => `SUM(${value})` },
    { suffix: 'n', type: 'count', aggregate: (value) => `COUNT(${value})` },
  ];
  const sentimentParts: readonly StatePart[] = [
    ...momentParts,
    { suffix: 'positive', type: 'count', aggregate: countWhere((value) => `${value} > 0`) },
    { suffix: 'neutral', type: 'count', aggregate: countWhere((value) => `${value} = 0`) },
    { suffix: 'negative', type: 'count', aggregate: countWhere((value) => `${value} < 0`) },
  ];
  return [
    ['sentiment', { shape: 'sentiment', fields: ['sentiment'], parts: () => sentimentParts, countsUnread: true }],
    ['lost_time.mean', { shape: 'moments', fields: ['lost_time'], parts: () => momentParts, countsUnread: true }],
    ['lost_time.total', { shape: 'sum', fields: ['lost_time'], parts: () => sumParts, countsUnread: true }],
    ['sus', completeCaseRecipe('sus')],
    ['umux_lite', completeCaseRecipe('umux_lite')],
    ['temkin', perQuestionRecipe('temkin')],
    ['esi', perQuestionRecipe('esi')],
    // The newest date's epoch ms and the rows with a date (data-quality.ts newestDate); the query reads the date column itself.
    [
      'data.freshness',
      {
        shape: 'newest',
        fields: [],
        countsUnread: false,
        parts: () => [
          { suffix: 'newest', type: 'decimal', aggregate: (value) => `MAX(${value})` },
          { suffix: 'dated', type: 'count', aggregate: (value) => `COUNT(${value})` },
        ],
      },
    ],
  ];
}

type Instrument = keyof typeof COMPLETE_CASE_SCORING;

/** The metrics that tell an item left blank from one rejected (an incomplete respondent), by xla's null markers only. */
export const COMPLETE_CASE_METRICS: readonly string[] = Object.keys(COMPLETE_CASE_SCORING);

/** The least and greatest raw sum of a complete respondent: each item's contribution at its range's ends. */
function rawRange(instrument: Instrument, scales: Scales): [number, number] {
  const { items, contribution } = COMPLETE_CASE_SCORING[instrument];
  let low = 0;
  let high = 0;
  items.forEach((item, position) => {
    const range = resolveRange(findField(item)?.range, scales);
    if (range === undefined) throw new Error(`sql: ${item} has no range`);
    const ends = range.map((answer) => contribution(answer, position));
    low += Math.min(...ends);
    high += Math.max(...ends);
  });
  return [low, high];
}

/**
 * SUS, UMUX-Lite (instruments.ts completeCase): per group, how many complete respondents have each
 * raw sum (xla scores each as streaming does, exactly), and the incomplete ones. `value` is the
 * row's raw sum (NULL unless every item is accepted), `reason` 1 for an incomplete respondent.
 */
function completeCaseRecipe(instrument: Instrument): SurveyRecipe {
  const { items } = COMPLETE_CASE_SCORING[instrument];
  return {
    shape: 'complete-case',
    fields: items,
    countsUnread: true,
    parts: (scales) => {
      const [low, high] = rawRange(instrument, scales);
      return [
        ...Array.from({ length: high - low + 1 }, (_, i): StatePart => ({
          suffix: `raw_${low + i}`,
          type: 'count',
          aggregate: (value) => `COUNT(CASE WHEN ${value} = ${low + i} THEN 1 END)`,
        })),
        { suffix: 'incomplete', type: 'count', aggregate: (_, reason) => `COUNT(CASE WHEN ${reason} = 1 THEN 1 END)` },
      ];
    },
    row: (value, touched) => {
      const { contribution } = COMPLETE_CASE_SCORING[instrument];
      // Each contribution is linear in the answer (a − 1, 5 − a): its SQL from its value at 0 and its slope.
      const terms = items.map((item, position) => {
        const offset = contribution(0, position);
        const slope = contribution(1, position) - offset;
        return `${offset} + ${slope} * ${value(item)}`;
      });
      const complete = items.map((item) => `${value(item)} IS NOT NULL`).join(' AND ');
      const some = items.map((item) => `${value(item)} IS NOT NULL OR ${touched(item)}`).join(' OR ');
      return {
        value: `CASE WHEN ${complete} THEN ${terms.map((term) => `(${term})`).join(' + ')} END`,
        reason: `CASE WHEN NOT (${complete}) AND (${some}) THEN 1 ELSE 0 END`,
      };
    },
  };
}

type PerQuestionInstrument = keyof typeof PER_QUESTION_SCORING;

/** A number in a column name: `minus_3` for −3. */
const signed = (value: number): string => (value < 0 ? `minus_${-value}` : `${value}`);
const unsigned = (text: string): number => (text.startsWith('minus_') ? -Number(text.slice('minus_'.length)) : Number(text));

/** The whole answers of an item's range with their scores (the SQL reads whole answers only: a fraction is counted unread). */
function scoredAnswers(instrument: PerQuestionInstrument, item: FieldId, scales: Scales): [number, number][] {
  const range = resolveRange(findField(item)?.range, scales);
  if (range === undefined) throw new Error(`sql: ${item} has no range`);
  const { score } = PER_QUESTION_SCORING[instrument];
  return Array.from({ length: range[1] - range[0] + 1 }, (_, i) => [range[0] + i, score(range[0] + i)]);
}

/** Per question, its scores (ascending, each once); per number of questions answered, the totals a respondent can reach. */
function perQuestionKeys(instrument: PerQuestionInstrument, scales: Scales): { questions: number[][]; respondents: [number, number][] } {
  const { items } = PER_QUESTION_SCORING[instrument];
  const questions = items.map((item) =>
    [...new Set(scoredAnswers(instrument, item, scales).map(([, score]) => score))].sort((a, b) => a - b),
  );
  const respondents: [number, number][] = [];
  for (let answered = 1; answered <= items.length; answered += 1) {
    // Any `answered` of the questions: the least and greatest sums of their scores.
    const lows = questions.map((scores) => scores[0] ?? 0).sort((a, b) => a - b);
    const highs = questions.map((scores) => scores.at(-1) ?? 0).sort((a, b) => b - a);
    const low = lows.slice(0, answered).reduce((sum, score) => sum + score, 0);
    const high = highs.slice(0, answered).reduce((sum, score) => sum + score, 0);
    for (let total = low; total <= high; total += 1) respondents.push([answered, total]);
  }
  return { questions, respondents };
}

/**
 * Temkin, ESI (instruments.ts perQuestion): per question, how many answers have each score, and
 * per respondent (a row with an answer) how many have each number of answers and total score;
 * xla adds each score and each respondent's average as streaming does, exactly. Whole scores
 * only (Temkin's −1/0/1, ESI's whole answers): the sums are exact and the keys few.
 */
function perQuestionRecipe(instrument: PerQuestionInstrument): SurveyRecipe {
  const { items } = PER_QUESTION_SCORING[instrument];
  return {
    shape: 'per-question',
    fields: items,
    countsUnread: true,
    parts: (scales) => {
      const { questions, respondents } = perQuestionKeys(instrument, scales);
      const count = (suffix: string): StatePart => ({ suffix, type: 'count', aggregate: () => '' });
      return [
        ...questions.flatMap((scores, position) => scores.map((score) => count(`q${position + 1}_${signed(score)}`))),
        ...respondents.map(([answered, total]) => count(`r${answered}_${signed(total)}`)),
      ];
    },
    row: (value) => {
      // The instruments' items have ranges of their own (no configurable scale): any scales give them.
      const scoreOf = (item: FieldId): string => {
        const cases = scoredAnswers(instrument, item, DEFAULT_SCALES).map(([answer, score]) => `WHEN ${answer} THEN ${score}`);
        return `CASE ${value(item)} ${cases.join(' ')} END`;
      };
      const answered = items.map((item) => `CASE WHEN ${value(item)} IS NULL THEN 0 ELSE 1 END`).join(' + ');
      const total = items.map((item) => `COALESCE(${scoreOf(item)}, 0)`).join(' + ');
      return {
        value: '',
        reason: '',
        aggregate: (suffix) => {
          const question = /^q(\d+)_(.+)$/.exec(suffix);
          if (question !== null) {
            const item = items[Number(question[1]) - 1] as FieldId;
            return `COUNT(CASE WHEN ${scoreOf(item)} = ${unsigned(question[2] ?? '')} THEN 1 END)`;
          }
          const respondent = /^r(\d+)_(.+)$/.exec(suffix);
          if (respondent === null) throw new Error(`sql: ${instrument} has no part ${suffix}`);
          return `COUNT(CASE WHEN ${answered} = ${respondent[1] ?? ''} AND ${total} = ${unsigned(respondent[2] ?? '')} THEN 1 END)`;
        },
      };
    },
  };
}

// ── decoding ─────────────────────────────────────────────────────────────────────────────────

/** How states.ts reads a part's column: a count, the moments of n/sum/squares, an exact decimal. */
export interface PartReaders {
  count: (suffix: string) => number;
  moments: () => Moments;
  decimal: (suffix: string) => { text: string; column: string };
  fail: (message: string, column: string) => never;
  suffixes: readonly string[];
}

/** The state the metric's accumulator would have built, from the group's columns. */
export function surveyState(
  shape: SurveyShape,
  metricId: string,
  read: PartReaders,
): SumState | SentimentState | CompleteCaseState | PerQuestionState | NewestState {
  switch (shape) {
    case 'sum': {
      const { text, column } = read.decimal('total');
      const places = placesOfDecimalText(text);
      const total = places === undefined ? undefined : exactSumOfDecimalText(text, places);
      if (total === undefined) return read.fail(`"${text}" is not a plain decimal`, column);
      return { total, n: read.count('n') };
    }
    case 'sentiment':
      return {
        moments: read.moments(),
        positive: read.count('positive'),
        neutral: read.count('neutral'),
        negative: read.count('negative'),
      };
    case 'complete-case': {
      const { toScore } = COMPLETE_CASE_SCORING[metricId as Instrument];
      const scores = createMoments();
      for (const suffix of read.suffixes.filter((name) => name.startsWith('raw_'))) {
        const score = toScore(Number(suffix.slice('raw_'.length)));
        for (let i = read.count(suffix); i > 0; i -= 1) addToMoments(scores, score);
      }
      return { scores, incomplete: read.count('incomplete') };
    }
    case 'newest': {
      const dated = read.count('dated');
      const { text, column } = read.decimal('newest');
      const newest = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (dated > 0 && !Number.isSafeInteger(newest)) return read.fail(`"${text}" is not a whole number of ms`, column);
      return { newest: dated === 0 ? Number.NEGATIVE_INFINITY : newest, dated };
    }
    case 'per-question': {
      const { items } = PER_QUESTION_SCORING[metricId as PerQuestionInstrument];
      const questions = items.map(createMoments);
      const respondents = createMoments();
      for (const suffix of read.suffixes) {
        const [, kind = '', key = '', value = ''] = /^([qr])(\d+)_(.+)$/.exec(suffix) ?? [];
        const moments = kind === 'q' ? questions[Number(key) - 1] : respondents;
        // A respondent's average, total / answered, as streaming divides it.
        const added = kind === 'q' ? unsigned(value) : unsigned(value) / Number(key);
        if (moments === undefined) continue;
        for (let i = read.count(suffix); i > 0; i -= 1) addToMoments(moments, added);
      }
      return { questions, respondents };
    }
  }
}
