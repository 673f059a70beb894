// Built-in label scales (issue 18, item 4): which scale a column's sampled texts show, for which
// field, with which score per label. Expected scores are positions counted by hand from each
// scale's wording: the worst answer is the field's low end, the best its high end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkLabelMap,
  checkUserLabels,
  chooseLabels,
  LABEL_SCALES,
  normalizeLabel,
  recogniseLabels,
} from '../../src/fields/label-scales.js';
import type { LabelRecognition } from '../../src/fields/label-scales.js';
import { createRowBuilder } from '../../src/fields/row-builder.js';
import type { ColumnPlan, RawCell } from '../../src/fields/row-builder.js';
import { matchFields } from '../../src/fields/match.js';
import { DEFAULT_SCALES } from '../../src/fields/types.js';

/** The scores a recognised column gives each of `labels`, or the recognition's kind when it is none. */
function scoresOf(recognition: LabelRecognition, labels: readonly string[]): (number | undefined)[] | string {
  if (recognition.kind !== 'scale') return recognition.kind;
  return labels.map((label) => recognition.reading.scores.get(normalizeLabel(label)));
}

describe('normalizeLabel', () => {
  it('ignores case, punctuation, spacing and diacritics', () => {
    for (const variant of ['Strongly agree', 'STRONGLY AGREE.', 'strongly-agree', 'Strongly  agree', '  strongly_agree!! '])
      expect(normalizeLabel(variant)).toBe('strongly agree');
    expect(normalizeLabel('Удовлетворён')).toBe(normalizeLabel('удовлетворен'));
    expect(normalizeLabel("Don't know")).toBe('don t know');
  });
});

describe('recogniseLabels', () => {
  it('reads the 5-point satisfaction scale on csat 1–5, worst = 1', () => {
    const labels = ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'];
    expect(scoresOf(recogniseLabels('csat', [1, 5], labels), labels)).toEqual([1, 2, 3, 4, 5]);
  });

  it('orients CES so that the easy and agreeing end is 7 (CES 2.0: higher = easier)', () => {
    const ease = ['Very difficult', 'Difficult', 'Somewhat difficult', 'Neither easy nor difficult', 'Somewhat easy', 'Easy', 'Very easy'];
    expect(scoresOf(recogniseLabels('ces', [1, 7], ease), ease)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const agreement = ['Strongly disagree', 'Disagree', 'Somewhat disagree', 'Neutral', 'Somewhat agree', 'Agree', 'Strongly agree'];
    expect(scoresOf(recogniseLabels('ces', [1, 7], agreement), agreement)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('resolves "Agree"/"Disagree", which fit the 5- and the 7-point agreement scales, by the field’s length', () => {
    const texts = ['Agree', 'Disagree', 'Strongly agree'];
    expect(scoresOf(recogniseLabels('ces', [1, 7], texts), texts)).toEqual([6, 2, 7]);
    expect(scoresOf(recogniseLabels('ces', [1, 5], texts), texts)).toEqual([4, 2, 5]);
  });

  it('reads the quality scale of the issue (Excellent … Horrible) for csat and rating, not for ces', () => {
    const labels = ['Horrible', 'Bad', 'OK', 'Good', 'Excellent'];
    expect(scoresOf(recogniseLabels('csat', [1, 5], labels), labels)).toEqual([1, 2, 3, 4, 5]);
    expect(scoresOf(recogniseLabels('rating', [1, 5], labels), labels)).toEqual([1, 2, 3, 4, 5]);
    expect(recogniseLabels('ces', [1, 7], labels).kind).toBe('none');
  });

  it('reads Russian labels, in every grammatical gender', () => {
    const quality = ['Ужасно', 'Плохо', 'Нормально', 'Хорошо', 'Отлично'];
    expect(scoresOf(recogniseLabels('csat', [1, 5], quality), quality)).toEqual([1, 2, 3, 4, 5]);
    const agreement = ['Полностью не согласен', 'Не согласна', 'Нейтрально', 'Согласны', 'Полностью согласна'];
    expect(scoresOf(recogniseLabels('ces', [1, 5], agreement), agreement)).toEqual([1, 2, 3, 4, 5]);
    const satisfied = ['Очень недоволен', 'Недовольна', 'Доволен', 'Очень довольна'];
    expect(scoresOf(recogniseLabels('csat', [1, 5], satisfied), satisfied)).toEqual([1, 2, 4, 5]);
    const ease = ['Очень сложно', 'Трудно', 'Легко', 'Очень легко'];
    expect(scoresOf(recogniseLabels('ces', [1, 5], ease), ease)).toEqual([1, 2, 4, 5]);
  });

  it('starts at the field’s low end: a 0–4 scale reads 0…4', () => {
    const labels = ['Very dissatisfied', 'Very satisfied'];
    expect(scoresOf(recogniseLabels('csat', [0, 4], labels), labels)).toEqual([0, 4]);
  });

  it('never stretches a scale: 5 ease labels on ces 1–7 are the wrong length', () => {
    const recognition = recogniseLabels('ces', [1, 7], ['Очень легко', 'Легко', 'Нейтрально']);
    expect(recognition.kind).toBe('wrong-length');
    if (recognition.kind === 'wrong-length') expect(recognition.scale.points).toHaveLength(5);
  });

  it('refuses labels that no one scale holds, and same-length scales that score them differently', () => {
    expect(recogniseLabels('csat', [1, 5], ['Very satisfied', 'Excellent'])).toEqual({
      kind: 'mixed',
      labels: ['excellent', 'very satisfied'],
    });
    // "Good" is 4 on Horrible … Excellent and 3 on Poor … Excellent.
    const ambiguous = recogniseLabels('csat', [1, 5], ['Excellent', 'Good']);
    expect(ambiguous.kind).toBe('ambiguous');
    // With "Fair" only the second scale holds them.
    expect(scoresOf(recogniseLabels('csat', [1, 5], ['Excellent', 'Good', 'Fair']), ['Good', 'Fair'])).toEqual([3, 2]);
  });

  it('sets numbers, blanks and non-answers aside, and does not let a stray text stop recognition', () => {
    const texts = ['5', '4', ' ', "Don't know", 'Затрудняюсь ответить', 'Very satisfied', 'meh'];
    const recognition = recogniseLabels('csat', [1, 5], texts);
    expect(scoresOf(recognition, ['Very satisfied'])).toEqual([5]);
    expect(recogniseLabels('csat', [1, 5], ['1', '2', '5']).kind).toBe('none');
  });

  it('recognises Yes/No answers to a recommend question, and feeds them to nothing', () => {
    const recognition = recogniseLabels('nps', [0, 10], ['Yes', 'no', 'ДА', 'Нет']);
    expect(recognition.kind).toBe('yes-no');
    if (recognition.kind === 'yes-no') {
      expect(recognition.reading.scores.size).toBe(0);
      expect(recognition.note).toMatch(/not a 0–10 likelihood/);
    }
    expect(recogniseLabels('nps', [0, 10], ['Yes', '9']).kind).toBe('yes-no');
    expect(recogniseLabels('nps', [0, 10], ['9', '10']).kind).toBe('none');
    expect(recogniseLabels('csat', [1, 5], ['Yes', 'No']).kind).toBe('none');
  });

  it('gives the same answer for the same texts in any order', () => {
    const pool = [...LABEL_SCALES.flatMap((scale) => scale.points.flat()), 'Yes', 'No', '3', 'meh', "Don't know"];
    const fields = [
      ['csat', [1, 5]],
      ['ces', [1, 7]],
      ['rating', [1, 5]],
      ['nps', [0, 10]],
    ] as const;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 12 }), fc.constantFrom(...fields), (texts, [field, range]) => {
        const forward = recogniseLabels(field, range, texts);
        const backward = recogniseLabels(field, range, [...texts].reverse());
        expect(JSON.stringify(summarise(backward))).toBe(JSON.stringify(summarise(forward)));
      }),
    );
  });
});

/** A recognition as plain data (Maps and Sets as sorted lists), for comparing two. */
function summarise(recognition: LabelRecognition): unknown {
  if (recognition.kind !== 'scale' && recognition.kind !== 'yes-no') return recognition;
  const { reading } = recognition;
  return {
    kind: recognition.kind,
    description: reading.description,
    scores: [...reading.scores].sort(),
    rivals: [...reading.rivals].sort(),
  };
}

describe('user label maps', () => {
  it('replace the built-in scale for their field', () => {
    const recognition = chooseLabels(
      'csat',
      [1, 5],
      [
        {
          field: 'csat',
          labels: [
            ['Good', 4],
            ['Bad', 2],
          ],
        },
      ],
      ['Excellent', 'Good'],
    );
    expect(scoresOf(recognition, ['GOOD.', 'bad', 'Excellent'])).toEqual([4, 2, undefined]);
  });

  it('are checked: range, wholeness, one score per label, a known number field', () => {
    expect(checkLabelMap('csat', [['Good', 4]], [1, 5], false)).toEqual([]);
    expect(checkLabelMap('csat', [['Great', 6]], [1, 5], false)).toEqual([{ label: 'Great', message: "6 is outside csat's range 1–5" }]);
    expect(checkLabelMap('nps', [['Likely', 8.5]], [0, 10], true)[0]?.message).toBe('nps scores are whole numbers, got 8.5');
    expect(
      checkLabelMap(
        'csat',
        [
          ['Good', 4],
          ['GOOD', 5],
        ],
        [1, 5],
        false,
      )[0]?.message,
    ).toMatch(/one label .* with two scores/);
    expect(checkLabelMap('csat', [], [1, 5], false)[0]?.label).toBeNull();
    expect(checkUserLabels({ field: 'cstat', labels: [['Good', 4]] }, DEFAULT_SCALES)[0]?.message).toBe(
      'unknown field "cstat" (did you mean "csat"?)',
    );
    expect(checkUserLabels({ field: 'comment', labels: [['Good', 4]] }, DEFAULT_SCALES)[0]?.message).toMatch(/not scores/);
    // The run's scale decides the range: 7 is fine once csat runs 1–7.
    expect(checkUserLabels({ field: 'csat', labels: [['Great', 7]] }, { ...DEFAULT_SCALES, csat: [1, 7] })).toEqual([]);
  });
});

describe('the row builder on a label column', () => {
  const bindings = matchFields(['CSAT'], 'survey', 'survey.csv');
  const recognition = recogniseLabels('csat', [1, 5], ['Very satisfied', 'Satisfied', 'Dissatisfied']);
  if (recognition.kind !== 'scale') throw new Error('the fixture labels were not recognised');
  const plan: ColumnPlan = { decimal: '.', isRepetitive: true, labels: recognition.reading };
  const build = createRowBuilder(bindings, 1, { tz: 'UTC', scales: DEFAULT_SCALES, plans: new Map([[0, plan]]) });
  const read = (cell: RawCell): { value: unknown; reasons: string[] } => {
    const outcome = build([cell]);
    return { value: outcome.row?.csat, reasons: outcome.rejections.map((rejection) => rejection.reason) };
  };

  it('turns a label into its score, each time it comes (the value is kept per text)', () => {
    expect(read('Very satisfied')).toEqual({ value: 5, reasons: [] });
    expect(read('VERY SATISFIED!')).toEqual({ value: 5, reasons: [] });
    expect(read('Very satisfied')).toEqual({ value: 5, reasons: [] });
    expect(read('Neither satisfied nor dissatisfied')).toEqual({ value: 3, reasons: [] });
  });

  it('reads numbers as numbers, non-answers as missing, and rejects other text naming the scale', () => {
    expect(read('4')).toEqual({ value: 4, reasons: [] });
    expect(read('6')).toEqual({ value: undefined, reasons: ['6 is outside 1–5'] });
    expect(read("Don't know")).toEqual({ value: undefined, reasons: [] });
    expect(read('')).toEqual({ value: undefined, reasons: [] });
    expect(read('Meh')).toEqual({
      value: undefined,
      reasons: ['not on the 5-point satisfaction (Very dissatisfied … Very satisfied) scale'],
    });
  });
});
