/**
 * Answer labels instead of numbers (`Very satisfied`, `Strongly agree`, `Отлично`): the built-in
 * label scales, how a column's sampled texts are recognised as one of them, the user's own
 * `values:` maps, and the coercer that turns a label into its score on the per-row path.
 *
 * Decisions (README, "Label scales"):
 * - Each scale is listed from its worst answer to its best, so a label's score is the field's low
 *   end plus its position: on csat 1–5 `Very dissatisfied` is 1 and `Very satisfied` 5; on ces 1–7
 *   `Very difficult` and `Strongly disagree` are 1, `Very easy` and `Strongly agree` 7 (CES 2.0
 *   agrees with "… made it easy", so agreement and ease point the same way, metrics.md §2.3). Every
 *   field that takes labels reads higher as better.
 * - A field takes only the families that measure it (LABEL_FAMILIES): satisfaction and quality for
 *   CSAT, ease and agreement for CES, quality for ratings, agreement for the SUS and UMUX-Lite
 *   statements (5 points for SUS, 7 for UMUX-Lite: the field's range picks the scale). A Yes/No answer fits no 0–10 scale:
 *   metrics.md has no "would recommend" rate, so such a column is recognised and feeds nothing.
 * - A scale is never stretched: labels of a 5-point scale do not feed a 1–7 field (`scales:`
 *   decides the field's length).
 * - Labels are compared after `normalizeLabel` (case, punctuation, spacing and diacritics aside).
 */
import { FIELDS, findField } from './catalog.js';
import { closestName } from './closest-name.js';
import { SUS_ITEMS, UMUX_ITEMS } from './kinds/instruments.js';
import { resolveRange } from './scales.js';
import type { FieldId, Scales } from './types.js';

/** What a scale of labels measures. */
export type LabelFamily = 'satisfaction' | 'agreement' | 'ease' | 'quality';

/** A built-in scale: its answers from the worst to the best, each with the spellings that mean it. */
export interface LabelScale {
  readonly family: LabelFamily;
  /** The wording it is known by, for messages: `Very dissatisfied … Very satisfied`. */
  readonly name: string;
  readonly points: readonly (readonly string[])[];
}

/** Russian agreement and satisfaction words agree with the speaker: согласен, согласна, согласны. */
const genders = (stem: string, endings: readonly string[]): string[] => endings.map((ending) => `${stem}${ending}`);
const agree = (prefix: string): string[] => genders(`${prefix}соглас`, ['ен', 'на', 'ны']);
const pleased = (prefix: string): string[] => genders(`${prefix}довол`, ['ен', 'ьна', 'ьны']);
const content = (prefix: string): string[] => genders(`${prefix}удовлетвор`, ['ен', 'ена', 'ены']);

const NEUTRAL_SATISFIED = ['Neither satisfied nor dissatisfied', 'Neither satisfied or dissatisfied', 'Neutral'];
const NEUTRAL_AGREE = ['Neither agree nor disagree', 'Neither agree or disagree', 'Neutral', 'Undecided'];
const NEUTRAL_EASY = ['Neither easy nor difficult', 'Neither easy nor hard', 'Neutral'];
const RU_NEUTRAL = ['Нейтрально', 'Нейтральная оценка', 'Ни то ни другое'];

/**
 * The one table of label scales. Wordings from the answer scales of SurveyMonkey's and Qualtrics'
 * question libraries (the 5- and 7-point satisfaction, agreement and ease scales their "choice
 * text" exports write) and the everyday Russian ones; two scales whose answers could stand side by
 * side (`Satisfied` and `Somewhat satisfied`) are kept apart, never merged into one point.
 */
export const LABEL_SCALES: readonly LabelScale[] = [
  scale('satisfaction', [
    ['Very dissatisfied', 'Very unsatisfied'],
    ['Dissatisfied', 'Unsatisfied'],
    NEUTRAL_SATISFIED,
    ['Satisfied'],
    ['Very satisfied'],
  ]),
  scale('satisfaction', [
    ['Extremely dissatisfied'],
    ['Somewhat dissatisfied'],
    NEUTRAL_SATISFIED,
    ['Somewhat satisfied'],
    ['Extremely satisfied'],
  ]),
  scale('satisfaction', [
    ['Very dissatisfied', 'Very unsatisfied'],
    ['Dissatisfied', 'Unsatisfied'],
    ['Somewhat dissatisfied'],
    NEUTRAL_SATISFIED,
    ['Somewhat satisfied'],
    ['Satisfied'],
    ['Very satisfied'],
  ]),
  scale('satisfaction', [
    ['Extremely dissatisfied'],
    ['Moderately dissatisfied'],
    ['Slightly dissatisfied'],
    NEUTRAL_SATISFIED,
    ['Slightly satisfied'],
    ['Moderately satisfied'],
    ['Extremely satisfied'],
  ]),
  scale('satisfaction', [pleased('Очень не'), pleased('Не'), RU_NEUTRAL, pleased(''), pleased('Очень ')]),
  scale('satisfaction', [
    [...content('Полностью не '), ...content('Совсем не ')],
    content('Скорее не '),
    RU_NEUTRAL,
    content('Скорее '),
    content('Полностью '),
  ]),
  scale('agreement', [
    ['Strongly disagree', 'Completely disagree'],
    ['Disagree'],
    NEUTRAL_AGREE,
    ['Agree'],
    ['Strongly agree', 'Completely agree'],
  ]),
  scale('agreement', [['Strongly disagree'], ['Somewhat disagree'], NEUTRAL_AGREE, ['Somewhat agree'], ['Strongly agree']]),
  scale('agreement', [
    ['Strongly disagree', 'Completely disagree'],
    ['Disagree'],
    ['Somewhat disagree'],
    NEUTRAL_AGREE,
    ['Somewhat agree'],
    ['Agree'],
    ['Strongly agree', 'Completely agree'],
  ]),
  scale('agreement', [
    [...agree('Полностью не '), ...agree('Совершенно не '), ...agree('Категорически не ')],
    agree('Не '),
    [...RU_NEUTRAL, 'Ни да ни нет', 'Ни согласен ни не согласен'],
    agree(''),
    [...agree('Полностью '), ...agree('Совершенно ')],
  ]),
  scale('agreement', [
    [...agree('Полностью не '), ...agree('Совершенно не ')],
    agree('Скорее не '),
    [...RU_NEUTRAL, 'Ни да ни нет'],
    agree('Скорее '),
    [...agree('Полностью '), ...agree('Совершенно ')],
  ]),
  scale('ease', [['Very difficult'], ['Difficult'], NEUTRAL_EASY, ['Easy'], ['Very easy']]),
  scale('ease', [['Extremely difficult'], ['Somewhat difficult'], NEUTRAL_EASY, ['Somewhat easy'], ['Extremely easy']]),
  scale('ease', [['Not at all easy'], ['Not so easy'], ['Somewhat easy'], ['Very easy'], ['Extremely easy']]),
  scale('ease', [['Very difficult'], ['Difficult'], ['Somewhat difficult'], NEUTRAL_EASY, ['Somewhat easy'], ['Easy'], ['Very easy']]),
  scale('ease', [
    ['Очень сложно', 'Очень трудно'],
    ['Сложно', 'Трудно'],
    [...RU_NEUTRAL, 'Ни легко ни сложно', 'Ни легко ни трудно'],
    ['Легко', 'Просто'],
    ['Очень легко', 'Очень просто'],
  ]),
  scale('quality', [['Horrible', 'Terrible'], ['Bad'], ['OK', 'Okay'], ['Good'], ['Excellent']]),
  scale('quality', [['Poor'], ['Fair'], ['Good'], ['Very good'], ['Excellent']]),
  scale('quality', [['Ужасно'], ['Плохо'], ['Нормально', 'Удовлетворительно', 'Средне'], ['Хорошо'], ['Отлично']]),
];

function scale(family: LabelFamily, points: readonly (readonly string[])[]): LabelScale {
  const ends = `${points[0]?.[0] ?? ''} … ${points.at(-1)?.[0] ?? ''}`;
  return { family, name: `${points.length}-point ${family} (${ends})`, points };
}

/** The label families that measure each field (higher is better on every one of them). */
const LABEL_FAMILIES: Partial<Record<FieldId, readonly LabelFamily[]>> = {
  csat: ['satisfaction', 'quality'],
  satisfaction: ['satisfaction', 'quality'],
  ces: ['ease', 'agreement'],
  rating: ['quality'],
  // Questionnaire items are statements answered on agreement scales (metrics.md §2.5, §2.6).
  ...Object.fromEntries([...SUS_ITEMS, ...UMUX_ITEMS].map((item) => [item, ['agreement'] as const])),
};

/** 0–10 likelihood-to-recommend fields: a Yes/No answer to the same question is recognised, and fed to none. */
const RECOMMEND_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>(['nps', 'enps']);

const YES_NO_WORDS: ReadonlySet<string> = new Set(['yes', 'no', 'да', 'нет']);

/**
 * Answers that are no point on any scale: missing, never a score and never rejected (`Don't know`
 * is not the midpoint). Normalized at first use: at load it compiled normalizeLabel's Unicode
 * expressions for every run, label columns or not (bench/RESULTS.md, "Start-up").
 */
const NON_ANSWER_LABELS = [
  "Don't know",
  'Do not know',
  'Not applicable',
  'Not sure',
  'Prefer not to say',
  'Prefer not to answer',
  'Затрудняюсь ответить',
  'Не знаю',
  'Нет ответа',
] as const;
let nonAnswers: ReadonlySet<string> | undefined;

/**
 * A label as it is compared: lower case, diacritics dropped (`ё` is `е`), every run of spaces and
 * punctuation one space: `STRONGLY AGREE.`, `strongly-agree` and `Strongly  agree` are one label.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Plain numbers in a label column are read as scores, as in any other column. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

export function isNonAnswer(normalized: string): boolean {
  nonAnswers ??= new Set(NON_ANSWER_LABELS.map(normalizeLabel));
  return nonAnswers.has(normalized);
}

/** How a column's labels are read, recorded per column for `xla inspect` and the JSON report. */
export interface LabelReading {
  /** `5-point agreement (Strongly disagree … Strongly agree)`, or `values: Excellent=5, Good=4…`. */
  readonly description: string;
  /** Normalised label → score. */
  readonly scores: ReadonlyMap<string, number>;
  /** Why a text that is no label of the reading is rejected. */
  readonly refusal: string;
  /**
   * Labels of the other built-in scales the field takes: one of them after the sample would have
   * changed the reading had it been among the first rows, so it stops the run (never order-dependent).
   */
  readonly rivals: ReadonlySet<string>;
}

/** What a column's sampled texts say about labels. */
export type LabelRecognition =
  /** No label the field takes: the column is read as numbers. */
  | { readonly kind: 'none' }
  | { readonly kind: 'scale'; readonly reading: LabelReading }
  /** Yes/No answers to a recommend question: recognised, and fed to no metric. */
  | { readonly kind: 'yes-no'; readonly reading: LabelReading; readonly note: string }
  /** Labels that no one scale holds together. */
  | { readonly kind: 'mixed'; readonly labels: readonly string[] }
  /** Several scales of the field's length hold every label seen, scoring them differently. */
  | { readonly kind: 'ambiguous'; readonly scales: readonly LabelScale[] }
  /** The labels' scale has another number of points than the field's range. */
  | { readonly kind: 'wrong-length'; readonly scale: LabelScale; readonly range: readonly [number, number] };

/**
 * Recognises a column's labels from its distinct sampled texts, for the field it is bound to (or,
 * for a binding that weighs candidates, might be). Pure: the same texts in any order give the same
 * answer. Numbers, blanks and non-answers take no part; texts that are labels of no scale the field
 * takes do not stop recognition (they are rejected one by one, naming the scale).
 */
export function recogniseLabels(field: FieldId, range: readonly [number, number], texts: Iterable<string>): LabelRecognition {
  const words = new Set<string>();
  for (const text of texts) {
    const trimmed = text.trim();
    if (PLAIN_NUMBER.test(trimmed)) continue;
    const word = normalizeLabel(trimmed);
    if (word !== '' && !isNonAnswer(word)) words.add(word);
  }
  if (RECOMMEND_FIELDS.has(field)) return recogniseYesNo(field, words);
  if (words.size === 0) return { kind: 'none' };
  const { scales, known } = scalesFor(field);
  const labels = [...words].filter((word) => known.has(word)).sort();
  if (labels.length === 0) return { kind: 'none' };
  const holding = scales.filter((candidate) => labels.every((label) => labelsOf(candidate).includes(label)));
  if (holding.length === 0) return { kind: 'mixed', labels };
  const length = range[1] - range[0] + 1;
  const fitting = holding.filter((candidate) => candidate.points.length === length);
  const first = fitting[0];
  if (first === undefined) return { kind: 'wrong-length', scale: holding[0] as LabelScale, range };
  const chosen = scoresOf(first, range[0]);
  const disagreeing = fitting.filter((other) => labels.some((label) => scoresOf(other, range[0]).get(label) !== chosen.get(label)));
  if (disagreeing.length > 0) return { kind: 'ambiguous', scales: [first, ...disagreeing] };
  return { kind: 'scale', reading: builtInReading(first, range[0], known) };
}

function recogniseYesNo(field: FieldId, words: ReadonlySet<string>): LabelRecognition {
  if (words.size === 0 || ![...words].every((word) => YES_NO_WORDS.has(word))) return { kind: 'none' };
  return {
    kind: 'yes-no',
    reading: {
      description: 'Yes/No (feeds nothing)',
      scores: new Map(),
      refusal: `Yes/No is no 0–10 answer: it feeds no ${field}`,
      rivals: new Set(),
    },
    note: `a Yes/No answer is not a 0–10 likelihood to recommend, so it feeds no ${field}; xla has no "would recommend" rate to feed instead`,
  };
}

const labelsByScale = new Map<LabelScale, string[]>();

/** A scale's labels, normalized once per run: `xla inspect` tries every field on every column of a wide file. */
function labelsOf(candidate: LabelScale): string[] {
  let labels = labelsByScale.get(candidate);
  if (labels === undefined) {
    labels = candidate.points.flatMap((spellings) => spellings.map(normalizeLabel));
    labelsByScale.set(candidate, labels);
  }
  return labels;
}

const scalesByField = new Map<FieldId, { scales: readonly LabelScale[]; known: ReadonlySet<string> }>();

/** The built-in scales a field takes and all their labels, gathered once per field. */
function scalesFor(field: FieldId): { scales: readonly LabelScale[]; known: ReadonlySet<string> } {
  let found = scalesByField.get(field);
  if (found === undefined) {
    const scales = LABEL_SCALES.filter((candidate) => LABEL_FAMILIES[field]?.includes(candidate.family) === true);
    found = { scales, known: new Set(scales.flatMap(labelsOf)) };
    scalesByField.set(field, found);
  }
  return found;
}

function scoresOf(candidate: LabelScale, low: number): Map<string, number> {
  return new Map(
    candidate.points.flatMap((spellings, position) => spellings.map((spelling) => [normalizeLabel(spelling), low + position])),
  );
}

function builtInReading(chosen: LabelScale, low: number, known: ReadonlySet<string>): LabelReading {
  const scores = scoresOf(chosen, low);
  const ends = `${chosen.points[0]?.[0] ?? ''} = ${low} … ${chosen.points.at(-1)?.[0] ?? ''} = ${low + chosen.points.length - 1}`;
  return {
    description: `${chosen.points.length}-point ${chosen.family}: ${ends}`,
    scores,
    refusal: `not on the ${chosen.name} scale`,
    rivals: new Set([...known].filter((label) => !scores.has(label))),
  };
}

/** The field's labels as the user wrote them (`values:` or `--values`), replacing any built-in scale. */
function userReading(field: string, labels: readonly (readonly [string, number])[]): LabelReading {
  const listed = labels.map(([label, score]) => `${label}=${String(score)}`);
  const shown = listed.length > 4 ? `${listed.slice(0, 4).join(', ')}, …` : listed.join(', ');
  return {
    description: `values: ${listed.join(', ')}`,
    scores: new Map(labels.map(([label, score]) => [normalizeLabel(label), score])),
    refusal: `not among the values given for ${field} (${shown})`,
    rivals: new Set(),
  };
}

/**
 * What is wrong with a user's label map for a field, one message per problem with the label it
 * is about (null for the map as a whole); empty when it is fine. `range` is the field's valid
 * range (its scale for csat, ces and rating), `integer` whether scores must be whole.
 */
export function checkLabelMap(
  field: string,
  labels: readonly (readonly [string, number])[],
  range: readonly [number, number] | undefined,
  integer: boolean,
): { label: string | null; message: string }[] {
  if (labels.length === 0) return [{ label: null, message: `give at least one label and its score, e.g. { Excellent: 5 }` }];
  const problems: { label: string | null; message: string }[] = [];
  const seen = new Map<string, [string, number]>();
  for (const [label, score] of labels) {
    const word = normalizeLabel(label);
    if (word === '') problems.push({ label, message: 'a label needs a letter or digit' });
    else if (!Number.isFinite(score)) problems.push({ label, message: `the score must be a number, got ${String(score)}` });
    else if (integer && !Number.isInteger(score))
      problems.push({ label, message: `${field} scores are whole numbers, got ${String(score)}` });
    else if (range !== undefined && (score < range[0] || score > range[1]))
      problems.push({ label, message: `${String(score)} is outside ${field}'s range ${String(range[0])}–${String(range[1])}` });
    const earlier = seen.get(word);
    if (earlier !== undefined && earlier[1] !== score)
      problems.push({ label, message: `"${label}" and "${earlier[0]}" are one label (case and punctuation aside) with two scores` });
    seen.set(word, [label, score]);
  }
  return problems;
}

/** A user's labels for one field, in the order written: `values: { csat: { Excellent: 5 } }` or `--values csat=Excellent:5`. */
export interface LabelMap {
  readonly field: string;
  readonly labels: readonly (readonly [string, number])[];
}

/**
 * How a column bound to `field` reads labels: the user's map for the field when there is one, else
 * the built-in scale its sampled texts show. Throws nothing: the caller words the problems.
 */
export function chooseLabels(
  field: FieldId,
  range: readonly [number, number] | undefined,
  userMaps: readonly LabelMap[],
  texts: Iterable<string>,
): LabelRecognition {
  const user = userMaps.find((map) => map.field === field);
  if (user !== undefined) return { kind: 'scale', reading: userReading(field, user.labels) };
  return range === undefined ? { kind: 'none' } : recogniseLabels(field, range, texts);
}

/**
 * What is wrong with a user's label map (`values:` or `--values`): an unknown field, a field that
 * holds no scores, or `checkLabelMap`'s problems; one message each, with the label it is about
 * (null for the field). The field's range comes from the run's scales.
 */
export function checkUserLabels(map: LabelMap, scales: Scales): { label: string | null; message: string }[] {
  const field = findField(map.field);
  if (field === undefined) return [{ label: null, message: `unknown field "${map.field}"${suggestField(map.field)}` }];
  if (field.type !== 'int' && field.type !== 'number')
    return [{ label: null, message: `${field.id} holds ${field.type} values, not scores: only number fields take labels` }];
  return checkLabelMap(field.id, map.labels, resolveRange(field.range, scales), field.integer === true);
}

function suggestField(name: string): string {
  const suggestion = closestName(
    name,
    FIELDS.filter((field) => field.type === 'int' || field.type === 'number').map((field) => field.id),
  );
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
