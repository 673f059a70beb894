/**
 * The experience instruments end to end (built binary, no flags): SUS from its wording in a
 * `;`-delimited numeric export and in a CRLF export of agreement labels with leading spaces in the
 * headers; numbered SUS names as a whole set or not at all; UMUX-Lite, Temkin and ESI by wording.
 * Expected SUS means are computed here from the CSV text with plain arithmetic, never with xla code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASETS_MISSING, dataset, hasDatasets } from '../datasets.js';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';

/** The labels of the vr-queue export, as its study scored them (SOURCES.md: Strongly disagree = 1 … Strongly agree = 5). */
const AGREEMENT: Readonly<Record<string, number>> = {
  'Strongly disagree': 1,
  'Somewhat disagree': 2,
  'Neither agree nor disagree': 3,
  'Somewhat agree': 4,
  'Strongly agree': 5,
};

/**
 * Each respondent's SUS from a file whose last ten columns are the items in order: odd items
 * answer − 1, even items 5 − answer, the sum × 2.5. The files hold no quotes (checked), so a split
 * on the delimiter is the whole CSV grammar they need.
 */
function susScores(path: string, delimiter: string): number[] {
  const text = readFileSync(path, 'utf8');
  expect(text).not.toContain('"');
  const [, ...rows] = text.split(/\r?\n/).filter((line) => line !== '');
  return rows.map((row) => {
    const items = row.split(delimiter).slice(-10);
    const answers = items.map((cell) => AGREEMENT[cell.trim()] ?? Number(cell));
    const raw = answers.reduce((sum, answer, position) => sum + (position % 2 === 0 ? answer - 1 : 5 - answer), 0);
    return raw * 2.5;
  });
}

const meanOf = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe.each([
  ['folador (numbers 1–5, `;`, CRLF)', 'instruments/sus-folador-12.csv', 'sus-folador/usability-db-en.csv', ';', 36, 82.99, 'A'],
  [
    'vr-queue (agreement labels, CRLF, leading spaces in headers)',
    'instruments/sus-vr-queue-10.csv',
    'sus-vr-queue/sus.csv',
    ',',
    30,
    71.7,
    'C+',
  ],
] as const)('SUS from %s', (_label, sample, full, delimiter, respondents, published, grade) => {
  it('scores the trimmed sample in fixtures/instruments as the arithmetic over its rows', () => {
    const path = fixture(sample);
    const expected = susScores(path, delimiter);
    const { report } = runJson(['score', path]);
    expect(report.inputs[0]).toMatchObject({ kind: 'survey', rejected: 0 });
    const sus = resultOf(report, 'sus');
    expect(sus.n).toBe(expected.length);
    expect(sus.value).toBeCloseTo(meanOf(expected), 10);
    expect(sus.detail).toMatchObject({ incomplete: 0 });
  });

  it(`scores the full file: ${respondents} respondents, mean ≈ ${published} (SOURCES.md), grade ${grade}`, ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const path = dataset(full);
    const expected = susScores(path, delimiter);
    expect(expected).toHaveLength(respondents);
    const { report, run } = runJson(['score', path]);
    const sus = resultOf(report, 'sus');
    expect(sus.n).toBe(respondents);
    expect(sus.value).toBeCloseTo(meanOf(expected), 10);
    expect(sus.value).toBeCloseTo(published, 1);
    expect(sus.detail).toMatchObject({ grade, incomplete: 0 });
    expect(run.stderr).toBe('');
  });
});

describe('SUS per segment', () => {
  it('scores each age band of the folador sample as the arithmetic over its own rows, and the same with two threads', () => {
    const path = fixture('instruments/sus-folador-12.csv');
    const [, ...rows] = readFileSync(path, 'utf8')
      .split('\r\n')
      .filter((line) => line !== '');
    const scores = susScores(path, ';');
    const bands = [...new Set(rows.map((row) => row.split(';')[1] ?? ''))];
    expect(bands.length).toBeGreaterThan(1);
    const { report } = runJson(['score', path, '--by', 'What is your age?']);
    const two = runJson(['score', path, '--by', 'What is your age?', '--jobs', '2']).report;
    for (const band of bands) {
      const own = scores.filter((_, i) => rows[i]?.split(';')[1] === band);
      const sus = resultOf(report, 'sus', { 'What is your age?': band });
      expect(sus.n).toBe(own.length);
      expect(sus.value).toBeCloseTo(meanOf(own), 10);
    }
    expect(two.results).toEqual(report.results);
  });
});

describe('the full SUS files in the terminal table', () => {
  it('shows the folador grade beside the value', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const run = runXla(['score', dataset('sus-folador/usability-db-en.csv'), '--no-color']);
    expect(run.code).toBe(0);
    // 2987.5/36 = 82.986 → 83.0 (an index shows one decimal, metrics.md §0), grade A (80.8–84.0)
    expect(run.stdout).toMatch(/System Usability Scale\s+83\.0 A\s+36/);
  });
});

describe('numbered SUS names', () => {
  it('binds SUS Q1 … SUS Q10 as the ten items, in their numbered order', () => {
    const { report } = runJson(['score', fixture('instruments/sus-numbered.csv')]);
    // a: all 3s → 50; b: (4,2)×5 → 75; c: folador row 1 → 95; d lacks item 10 → incomplete
    // (50 + 75 + 95)/3 = 73.333…, grade B− (72.6–74.0)
    expect(resultOf(report, 'sus')).toMatchObject({ n: 3, detail: { incomplete: 1, grade: 'B-', percentile: '65–69' } });
    expect(resultOf(report, 'sus').value).toBeCloseTo(220 / 3, 10);
  });

  it('binds none of a partial set and says why: exit 2 when nothing else is there', () => {
    const run = runXla(['score', fixture('instruments/sus-partial.csv')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('"SUS3", "SUS4", "SUS5", "SUS6", "SUS7" look like numbered SUS items');
    expect(run.stderr).toContain('no item 1, 2, 8, 9, 10');
  });

  it('binds none of a partial set beside other answers, with a note on stderr', () => {
    const { report, run } = runJson(['score', fixture('instruments/sus-partial-nps.csv')]);
    // The data-quality rows of every input aside, only the NPS is scored.
    expect(report.results.filter((result) => result.domain !== 'data').map((result) => result.metric)).toEqual(['nps']);
    expect(run.stderr).toContain('only 5 of the 10 items are there');
  });

  it('reads Q1 … Q10 as SUS when they are the only Q columns', () => {
    const { report } = runJson(['score', fixture('instruments/q-ten.csv')]);
    // (50 + 75)/2 = 62.5
    expect(resultOf(report, 'sus')).toMatchObject({ value: 62.5, n: 2 });
  });

  it('does not read Q1 … Q10 as SUS beside a Q11, and says so', () => {
    const { report, run } = runJson(['score', fixture('instruments/q-eleven.csv')]);
    // The data-quality rows of every input aside, only the NPS is scored.
    expect(report.results.filter((result) => result.domain !== 'data').map((result) => result.metric)).toEqual(['nps']);
    expect(run.stderr).toContain('could be the 10 SUS items, but other columns are numbered the same way');
  });
});

describe('xla inspect on SUS answers', () => {
  it('warns when the even items average well above the odd ones (agreement coded the other way round)', () => {
    const run = runXla(['inspect', fixture('instruments/sus-reversed.csv'), '--no-color']);
    expect(run.code).toBe(0);
    // odd answers 7 + 7 + 6 = 20 of 15 → 1.33; even 24 + 22 + 24 = 70 of 15 → 4.67: a gap of 3.33 ≥ 1
    expect(run.stdout).toContain("the even items (negative statements) average 4.67, well above the odd items' 1.33 over 3 respondents");
  });

  it('says nothing of the kind for the folador sample, where odd items are agreed with', () => {
    const run = runXla(['inspect', fixture('instruments/sus-folador-12.csv'), '--no-color']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('even items');
  });
});

describe('UMUX-Lite, Temkin and ESI by their wording', () => {
  it('scores each from fixtures/instruments/instruments.csv', () => {
    const { report } = runJson(['score', fixture('instruments/instruments.csv')]);
    // UMUX-Lite on 7-point agreement labels: r1 (7,6) → 11, r2 (5,4) → 7, r3 (1,2) → 1, r5 (3,7) → 8; r4 lacks item 2
    // mean (11 + 7 + 1 + 8)/4 · 100/12 = 27/4 · 100/12 = 56.25; sus_equiv 0.65 · 56.25 + 22.9 = 59.4625
    const umux = resultOf(report, 'umux_lite');
    expect(umux).toMatchObject({ n: 4, detail: { incomplete: 1 } });
    expect(umux.value).toBeCloseTo(56.25, 10);
    expect(umux.detail?.sus_equiv).toBeCloseTo(59.4625, 10);
    // Temkin: success 7,3,1,7,6 → (3 − 2)/5 = +20; effort 6,4,2,7 → (2 − 1)/4 = +25; emotion 5,6,3,1 → (1 − 2)/4 = −25
    // mean (20 + 25 − 25)/3 = 6.667 over 5 respondents
    const temkin = resultOf(report, 'temkin');
    expect(temkin.n).toBe(5);
    expect(temkin.value).toBeCloseTo(20 / 3, 10);
    expect(temkin.detail).toMatchObject({ success_net: 20, success_n: 5, effort_net: 25, effort_n: 4, emotion_net: -25, emotion_n: 4 });
    // ESI: esi_1 (8+5+2+10+7)/5 = 6.4, esi_2 (7+6+10+8)/4 = 7.75, esi_3 (9+4+3+10)/4 = 6.5
    // ((6.4 + 7.75 + 6.5)/3 − 1)/9 · 100 = (6.88333 − 1)/9 · 100 = 65.370370
    const esi = resultOf(report, 'esi');
    expect(esi.n).toBe(5);
    expect(esi.value).toBeCloseTo(65.37037037, 7);
    expect(esi.detail).toMatchObject({ esi_1_mean: 6.4, esi_2_mean: 7.75, esi_3_mean: 6.5, esi_2_n: 4 });
  });

  it('gives the same results with one thread and two', () => {
    const one = runJson(['score', fixture('instruments/instruments.csv'), '--jobs', '1']).report.results;
    const two = runJson(['score', fixture('instruments/instruments.csv'), '--jobs', '2']).report.results;
    expect(two).toEqual(one);
  });
});

describe('targets on a 0–100 index', () => {
  it('takes a bare number within 0–100 and refuses one outside it (exit 2, nothing on stdout)', () => {
    const file = fixture('instruments/sus-folador-12.csv');
    const met = runXla(['check', file, '--target', 'sus >= 68', '-f', 'json']);
    expect(met.code).toBe(0);
    expect(JSON.parse(met.stdout).results.find((result: { metric: string }) => result.metric === 'sus')).toMatchObject({ unit: 'index' });
    const typo = runXla(['check', file, '--target', 'sus >= 168']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toContain('sus is between 0 and 100, got "168"');
  });
});
