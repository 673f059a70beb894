import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { addToSusBalance, createSusBalance, gradeSus, reverseCodingNote } from '../../src/metrics/instruments.js';
import { runMetric } from './run-metric.js';

/** A row answering the ten SUS items in order; undefined leaves an item unanswered. */
function sus(answers: readonly (number | undefined)[]): CanonicalRow {
  const [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10] = answers;
  return { sus_1: a1, sus_2: a2, sus_3: a3, sus_4: a4, sus_5: a5, sus_6: a6, sus_7: a7, sus_8: a8, sus_9: a9, sus_10: a10 };
}

const FOLADOR_ROW_1 = [5, 1, 5, 1, 5, 1, 5, 2, 5, 2];
const ALL_THREES = Array<number>(10).fill(3);
const FOUR_TWO = [4, 2, 4, 2, 4, 2, 4, 2, 4, 2];

describe('sus (metrics.md §2.5)', () => {
  it.each([
    // odd items r − 1 = 2, even 5 − r = 2: 10 × 2 = 20, × 2.5 = 50
    ['all 3s', ALL_THREES, 50],
    // odd 4 − 1 = 3, even 5 − 2 = 3: 30 × 2.5 = 75
    ['(4,2) × 5', FOUR_TWO, 75],
    // odd 4 × 5 = 20; even 4 + 4 + 4 + 3 + 3 = 18; 38 × 2.5 = 95
    ['folador row 1', FOLADOR_ROW_1, 95],
    // the lowest score: odd items 1 (0 each), even items 5 (0 each) → 0
    ['all lowest', [1, 5, 1, 5, 1, 5, 1, 5, 1, 5], 0],
    // the highest: odd 5 (4 each), even 1 (4 each) → 40 × 2.5 = 100
    ['all highest', [5, 1, 5, 1, 5, 1, 5, 1, 5, 1], 100],
    // every answer 1: odd 0, even 4 × 5 = 20 → 50 (agreeing with nothing is not the lowest score)
    ['all 1s', Array<number>(10).fill(1), 50],
  ] as const)('%s → %d', (_label, answers, value) => {
    const result = runMetric('sus', [sus(answers)]);
    expect(result.value).toBe(value);
    expect(result.n).toBe(1);
    expect(result.detail?.incomplete).toBe(0);
  });

  it('leaves out a respondent with one item missing, counts them, and never scores the item as 0', () => {
    const missingOne = sus([5, 1, 5, 1, 5, 1, 5, 2, 5, undefined]);
    const result = runMetric('sus', [sus(FOLADOR_ROW_1), missingOne]);
    // only row 1 is complete: 95 (scoring the gap as 0 would give (95 + 90)/2 or worse)
    expect(result).toMatchObject({ value: 95, n: 1 });
    expect(result.detail).toMatchObject({ incomplete: 1 });
  });

  it('leaves out a respondent whose item was rejected (unreadable), and ignores rows with no SUS item at all', () => {
    const rejected: CanonicalRow = { ...sus([3, 3, 3, 3, 3, 3, 3, 3, 3, undefined]), unreadable: new Set(['sus_10']) };
    const nothing = sus(Array<undefined>(10).fill(undefined));
    const onlyRejected: CanonicalRow = { unreadable: new Set(['sus_4']) };
    const result = runMetric('sus', [sus(FOUR_TWO), rejected, nothing, onlyRejected, { nps: 9 }]);
    // one complete respondent (75); the rejected and the only-rejected rows are incomplete; the empty and NPS rows are none
    expect(result).toMatchObject({ value: 75, n: 1 });
    expect(result.detail).toMatchObject({ incomplete: 2 });
  });

  it('reports the mean, sd and t-interval of the respondents, clipped to 0–100, with the grade', () => {
    const result = runMetric('sus', [sus(FOLADOR_ROW_1), sus(FOUR_TWO), sus(ALL_THREES)]);
    // (95 + 75 + 50)/3 = 73.333…; deviations 21.667, 1.667, −23.333 → sd = √(1016.667/2) = 22.546249
    // t(0.975, 2) = 4.302653: 73.333 ± 4.302653 · 22.546249/√3 = 73.333 ± 56.007987 → [17.325347, 129.34] → upper clipped to 100
    expect(result.value).toBeCloseTo(73.333333333, 9);
    expect(result.detail?.sd).toBeCloseTo(22.546248764, 8);
    expect(result.ci?.[0]).toBeCloseTo(17.325346518, 8);
    expect(result.ci?.[1]).toBe(100);
    // 73.33 is in B− (72.6–74.0), the 65th–69th percentiles
    expect(result.detail).toMatchObject({ grade: 'B-', percentile: '65–69', incomplete: 0 });
  });

  it('is null with no respondent, and says so in every detail key', () => {
    const result = runMetric('sus', [sus([3, undefined, 3, 3, 3, 3, 3, 3, 3, 3])]);
    expect(result).toMatchObject({ value: null, n: 0, ci: null });
    expect(result.detail).toMatchObject({ grade: null, percentile: null, incomplete: 1 });
  });
});

describe('SUS grades (Sauro–Lewis curve; a value on a boundary is in the better grade)', () => {
  it.each([
    [100, 'A+', '96–100'],
    [84.1, 'A+', '96–100'],
    [84.0, 'A', '90–95'],
    [80.8, 'A', '90–95'],
    [80.7, 'A-', '85–89'],
    [78.9, 'A-', '85–89'],
    [78.8, 'B+', '80–84'],
    [77.2, 'B+', '80–84'],
    [77.1, 'B', '70–79'],
    [74.1, 'B', '70–79'],
    [74.0, 'B-', '65–69'],
    [72.6, 'B-', '65–69'],
    [72.5, 'C+', '60–64'],
    [71.1, 'C+', '60–64'],
    [71.0, 'C', '41–59'],
    [68, 'C', '41–59'],
    [65.0, 'C', '41–59'],
    [64.9, 'C-', '35–40'],
    [62.7, 'C-', '35–40'],
    [62.6, 'D', '15–34'],
    [51.7, 'D', '15–34'],
    [51.6, 'F', '0–14'],
    [0, 'F', '0–14'],
  ] as const)('%d → %s (%s th percentile)', (value, grade, percentile) => {
    expect(gradeSus(value)).toEqual({ grade, percentile });
  });
});

describe('umux_lite (metrics.md §2.6)', () => {
  it.each([
    // (4 + 4 − 2) · 100/12 = 600/12 = 50; SUS-equivalent 0.65 · 50 + 22.9 = 55.4
    ['(4,4)', 4, 4, 50, 55.4],
    // (1 + 1 − 2) · 100/12 = 0; 0.65 · 0 + 22.9 = 22.9
    ['all lowest', 1, 1, 0, 22.9],
    // (7 + 7 − 2) · 100/12 = 100; 65 + 22.9 = 87.9
    ['all highest', 7, 7, 100, 87.9],
    // (7 + 5 − 2) · 100/12 = 1000/12 = 83.333…; 0.65 · 83.333 + 22.9 = 77.066…
    ['(7,5)', 7, 5, 1000 / 12, 0.65 * (1000 / 12) + 22.9],
  ] as const)('%s → %d', (_label, first, second, value, susEquivalent) => {
    const result = runMetric('umux_lite', [{ umux_1: first, umux_2: second }]);
    expect(result.value).toBeCloseTo(value, 10);
    expect(result.detail?.sus_equiv).toBeCloseTo(susEquivalent, 10);
    expect(result.n).toBe(1);
  });

  it('leaves out and counts a respondent missing either item', () => {
    const result = runMetric('umux_lite', [{ umux_1: 4, umux_2: 4 }, { umux_1: 7 }, { umux_2: 1 }, { nps: 3 }]);
    // only (4,4) is complete: 50; two rows answered one item; the NPS row is no respondent
    expect(result).toMatchObject({ value: 50, n: 1 });
    expect(result.detail).toMatchObject({ incomplete: 2 });
  });

  it('gives the respondents a t-interval', () => {
    // scores 50, 100, 0 → mean 50, sd 50; t(0.975, 2) = 4.302653 · 50/√3 = 124.207 → clipped to [0, 100]
    const result = runMetric('umux_lite', [
      { umux_1: 4, umux_2: 4 },
      { umux_1: 7, umux_2: 7 },
      { umux_1: 1, umux_2: 1 },
    ]);
    expect(result.value).toBe(50);
    expect(result.detail?.sd).toBe(50);
    expect(result.ci).toEqual([0, 100]);
  });
});

/** One respondent answering all three Temkin questions alike. */
const temkinAlike = (answer: number): CanonicalRow => ({ temkin_success: answer, temkin_effort: answer, temkin_emotion: answer });
const TEMKIN_WORKED = [7, 6, 6, 5, 4, 3, 2, 1, 7, 6];

describe('temkin (metrics.md §2.7)', () => {
  it('scores the worked example: 5 of 10 at 6–7, 3 of 10 at 1–3 → +20 on each question, +20 overall', () => {
    const result = runMetric('temkin', TEMKIN_WORKED.map(temkinAlike));
    expect(result.value).toBe(20);
    expect(result.n).toBe(10);
    expect(result.detail).toMatchObject({ success_net: 20, success_n: 10, effort_net: 20, effort_n: 10, emotion_net: 20, emotion_n: 10 });
    // each respondent's mean recode × 100: five 100s, two 0s, three −100s → mean 20, sd = √(76000/9) = 91.893658
    // t(0.975, 9) = 2.262157 · 91.893658/√10 = 65.736763 → [−45.736763, 85.736763], centred on +20
    expect(result.ci?.[0]).toBeCloseTo(-45.736763112, 8);
    expect(result.ci?.[1]).toBeCloseTo(85.736763112, 8);
  });

  it('takes each question over its own answers', () => {
    const rows: CanonicalRow[] = [
      { temkin_success: 7, temkin_effort: 1, temkin_emotion: 4 },
      { temkin_success: 7 },
      { temkin_success: 6, temkin_emotion: 5 },
    ];
    const result = runMetric('temkin', rows);
    // success 3 of 3 at 6–7 → +100 (n 3); effort 1 of 1 at 1–3 → −100 (n 1); emotion 4, 5 → 0 (n 2); mean (100 − 100 + 0)/3 = 0
    expect(result.value).toBe(0);
    expect(result.n).toBe(3);
    expect(result.detail).toMatchObject({ success_net: 100, success_n: 3, effort_net: -100, effort_n: 1, emotion_net: 0, emotion_n: 2 });
  });

  it.each([
    ['all lowest', 1, -100],
    ['all highest', 7, 100],
    ['all neutral (4 and 5 are neither)', 5, 0],
  ] as const)('%s → %d', (_label, answer, value) => {
    expect(runMetric('temkin', [temkinAlike(answer), temkinAlike(answer)]).value).toBe(value);
  });

  it('is null while a question has no answer at all', () => {
    const result = runMetric('temkin', [{ temkin_success: 7, temkin_effort: 7 }]);
    expect(result).toMatchObject({ value: null, n: 0, ci: null });
    expect(result.detail).toMatchObject({ emotion_n: 0, emotion_net: null, success_n: 1 });
  });
});

describe('esi (metrics.md §2.9)', () => {
  it('averages the question means, each over its own answers', () => {
    const rows: CanonicalRow[] = [
      { esi_1: 8, esi_2: 7, esi_3: 4 },
      { esi_1: 6, esi_3: 10 },
      { esi_1: 9, esi_2: 9, esi_3: 9 },
      { esi_1: 5, esi_2: 6, esi_3: 7 },
    ];
    const result = runMetric('esi', rows);
    // means: esi_1 (8+6+9+5)/4 = 7, esi_2 (7+9+6)/3 = 7.333…, esi_3 (4+10+9+7)/4 = 7.5
    // ((7 + 7.333… + 7.5)/3 − 1)/9 · 100 = (7.277…− 1)/9 · 100 = 69.753086
    expect(result.value).toBeCloseTo(69.75308642, 8);
    expect(result.n).toBe(4);
    expect(result.detail).toMatchObject({ esi_1_mean: 7, esi_1_n: 4, esi_2_n: 3, esi_3_mean: 7.5, esi_3_n: 4 });
    expect(result.detail?.esi_2_mean).toBeCloseTo(22 / 3, 12);
    // respondents' own ESI: (19/3 − 1)/9·100 = 59.259, (8 − 1)/9·100 = 77.778, 88.889, (6 − 1)/9·100 = 55.556
    // sd 15.713484; t(0.975, 3) = 3.182446 · 15.713484/2 = 25.003719 → [44.749427, 94.756746], centred on the value
    expect(result.ci?.[0]).toBeCloseTo(44.749426828, 7);
    expect(result.ci?.[1]).toBeCloseTo(94.756746011, 7);
  });

  it.each([
    // ((1 − 1)/9) · 100 = 0 and ((10 − 1)/9) · 100 = 100
    ['all lowest', 1, 0],
    ['all highest', 10, 100],
    // (5.5 − 1)/9 · 100 = 50
    ['the midpoint 5.5', 5.5, 50],
  ] as const)('%s → %d', (_label, answer, value) => {
    expect(runMetric('esi', [{ esi_1: answer, esi_2: answer, esi_3: answer }]).value).toBeCloseTo(value, 12);
  });

  it('is null while a question has no answer at all', () => {
    expect(runMetric('esi', [{ esi_1: 8, esi_2: 7 }])).toMatchObject({ value: null, n: 0, ci: null });
  });
});

describe('the reverse-coding check of §2.5 (for xla inspect)', () => {
  const noteFor = (rows: readonly CanonicalRow[]): string | undefined => {
    const balance = createSusBalance();
    for (const row of rows) addToSusBalance(balance, row);
    return reverseCodingNote(balance);
  };

  it('warns at a gap of 1 point between the even and the odd items, not below', () => {
    // odd items all 2, even all 3: gap exactly 1 → note; odd 2, even (3,3,3,3,2) → 2.8: gap 0.8 → none
    expect(noteFor([sus([2, 3, 2, 3, 2, 3, 2, 3, 2, 3])])).toContain("average 3.00, well above the odd items' 2.00 over 1 respondents");
    expect(noteFor([sus([2, 3, 2, 3, 2, 3, 2, 3, 2, 2])])).toBeUndefined();
  });

  it('counts complete respondents only, and is silent without any', () => {
    expect(noteFor([sus([1, 5, 1, 5, 1, 5, 1, 5, 1, undefined])])).toBeUndefined();
    // a usual good result: odd high, even low
    expect(noteFor([sus(FOLADOR_ROW_1)])).toBeUndefined();
  });
});
