/**
 * Issue 18, item 4, end to end: survey exports that hold answer labels (`Very satisfied`, `Strongly
 * agree`, `Отлично`) instead of numbers. Expected values are counted by hand from the fixtures
 * (fixtures/labels/README.md lists every count): a label's score is its position on its scale,
 * worst = the field's low end; CSAT is the top-2-box share, CES easy the share of 5–7 (on 1–5: 4–5).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runJson, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';

const dir = mkdtempSync(join(tmpdir(), 'xla-labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const METRICS = ['--metrics', 'csat,csat.mean,ces,ces.easy', '--confidence', '0'];

function valueOf(report: JsonReport, metric: string): { value: number | null; n: number } {
  const result = report.results.find((candidate) => candidate.metric === metric && Object.keys(candidate.segment).length === 0);
  if (result === undefined) throw new Error(`no ${metric} result`);
  return { value: result.value, n: result.n };
}

describe('label exports score as their numbers would', () => {
  it('SurveyMonkey "actual answer text": 5-point satisfaction and 7-point ease', () => {
    const { report } = runJson(['score', fixture('labels/surveymonkey-choice-text.csv'), ...METRICS]);
    // csat: 3 × 5, 3 × 4, 1 × 3, 2 × 2, 1 × 1 → top-2 6/10, mean 35/10.
    expect(valueOf(report, 'csat')).toEqual({ value: 60, n: 10 });
    expect(valueOf(report, 'csat.mean')).toEqual({ value: 3.5, n: 10 });
    // ces: 7, 7, 6, 6, 5, 4, 3, 2, 1 (one blank) → mean 41/9, easy 5/9.
    expect(valueOf(report, 'ces').value).toBeCloseTo(41 / 9, 12);
    expect(valueOf(report, 'ces').n).toBe(9);
    expect(valueOf(report, 'ces.easy').value).toBeCloseTo((5 / 9) * 100, 12);
    expect(report.inputs[0]?.rejected).toBe(0);
    expect((report.inputs[0] as unknown as { labels: Record<string, string> }).labels).toEqual({
      csat: '5-point satisfaction: Very dissatisfied = 1 … Very satisfied = 5',
      ces: '7-point ease: Very difficult = 1 … Very easy = 7',
    });
  });

  it('Qualtrics choice text: 7-point agreement for CES, 5-point "Extremely … Somewhat" satisfaction', () => {
    const { report } = runJson(['score', fixture('labels/qualtrics-choice-text.csv'), ...METRICS]);
    // Q2: 3 × 5, 2 × 4, 3, 2, 1 → top-2 5/8, mean 29/8. Q1: 7, 7, 6, 6, 5, 4, 3, 1 → mean 39/8, easy 5/8.
    expect(valueOf(report, 'csat')).toEqual({ value: 62.5, n: 8 });
    expect(valueOf(report, 'csat.mean')).toEqual({ value: 3.625, n: 8 });
    expect(valueOf(report, 'ces')).toEqual({ value: 4.875, n: 8 });
    expect(valueOf(report, 'ces.easy')).toEqual({ value: 62.5, n: 8 });
  });

  it('Google Forms: the Excellent … Horrible scale feeds CSAT; a Yes/No recommend column feeds nothing, and says why', () => {
    const run = runXla(['score', fixture('labels/google-forms.csv'), '--metrics', 'csat,csat.mean,nps', '-f', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    // 2 × 5, 3 × 4, 3, 2, 1 → top-2 5/8, mean 28/8.
    expect(valueOf(report, 'csat')).toEqual({ value: 62.5, n: 8 });
    expect(valueOf(report, 'csat.mean')).toEqual({ value: 3.5, n: 8 });
    expect(valueOf(report, 'nps')).toEqual({ value: null, n: 0 });
    expect(run.stderr).toMatch(/xla: note: \S*google-forms\.csv: column "Would you recommend us to a friend\?" holds Yes\/No answers/);
    expect(run.stderr).toContain('"Yes" rejected: Yes/No is no 0–10 answer: it feeds no nps');
  });

  it('mixed case, punctuation and spacing read as the label; a text outside the scale is rejected naming it', () => {
    const run = runXla(['score', fixture('labels/variants.csv'), '--metrics', 'ces,ces.easy', '--confidence', '0', '-f', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    // 7, 7, 7, 6, 5, 4, 2, 1, 3; "Don't know" and the blank are missing, "Maybe" rejected → mean 42/9, easy 5/9.
    expect(valueOf(report, 'ces').value).toBeCloseTo(42 / 9, 12);
    expect(valueOf(report, 'ces').n).toBe(9);
    expect(valueOf(report, 'ces.easy').value).toBeCloseTo((5 / 9) * 100, 12);
    expect(report.inputs[0]?.rejected).toBe(1);
    expect(run.stderr).toContain(
      'variants.csv:13:1: ces: "Maybe" rejected: not on the 7-point agreement (Strongly disagree … Strongly agree) scale',
    );
  });
});

describe('a scale of another length than the field', () => {
  it('stops the run (exit 2, no report) with the two ways out, and reads right once the scale is set', () => {
    const run = runXla(['score', fixture('labels/russian.csv')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'column "Насколько легко было решить ваш вопрос?" (ces) holds the 5-point ease (Очень сложно … Очень легко) scale',
    );
    expect(run.stderr).toContain('set scales: { ces: [1, 5] } in the XLA file');
    expect(run.stderr).toContain('--values ces=Label:score');

    const { report } = runJson(['score', '-c', fixture('labels/russian.xla.yml'), ...METRICS]);
    // csat: 4 × 5, 3 × 4, 3, 2, 1 → top-2 7/10, mean 3.8. ces on 1–5: 3 × 5, 3 × 4, 2 × 3, 2, 1 → mean 3.6, easy (4–5) 6/10.
    expect(valueOf(report, 'csat')).toEqual({ value: 70, n: 10 });
    expect(valueOf(report, 'csat.mean').value).toBeCloseTo(3.8, 12);
    expect(valueOf(report, 'ces').value).toBeCloseTo(3.6, 12);
    expect(valueOf(report, 'ces.easy')).toEqual({ value: 60, n: 10 });
  });

  it('or reads the user’s own scores with --values', () => {
    const values = 'ces=Очень сложно:1,Сложно:2,Нейтрально:4,Легко:6,Очень легко:7';
    const { report } = runJson(['score', fixture('labels/russian.csv'), '--values', values, ...METRICS]);
    // 3 × 7, 3 × 6, 2 × 4, 2, 1 → mean 50/10, easy (5–7) 6/10.
    expect(valueOf(report, 'ces').value).toBeCloseTo(5, 12);
    expect(valueOf(report, 'ces.easy')).toEqual({ value: 60, n: 10 });
  });
});

describe('the order of rows never changes the reading', () => {
  const agreeing = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 'Strongly agree' : 'Strongly disagree'));

  it('a later label of another scale stops the run at its line, as it would have changed the reading', () => {
    const path = write('rival.csv', ['ces', ...agreeing, 'Very easy', ''].join('\n'));
    const run = runXla(['score', path, '--metrics', 'ces']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('rival.csv:1002:1');
    expect(run.stderr).toContain('"Very easy" is a label of another scale, but the first 1000 rows of column "ces" read 7-point agreement');
  });

  it('among the first rows, the same label is an error too: labels of two scales', () => {
    const path = write('rival-first.csv', ['ces', 'Very easy', ...agreeing, ''].join('\n'));
    const run = runXla(['score', path, '--metrics', 'ces']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds labels of different scales ("strongly agree", "strongly disagree", "very easy")');
  });
});

describe('--values', () => {
  it('takes labels holding a comma (written \\,) or colons (the score follows the last one)', () => {
    const path = write('odd-labels.csv', 'csat\n"Good, not great"\nScore: top\nScore: top\n');
    const { report } = runJson(['score', path, '--kind', 'survey', '--values', 'csat=Good\\, not great:3,Score: top:5', ...METRICS]);
    expect(valueOf(report, 'csat.mean').value).toBeCloseTo(13 / 3, 12);
  });

  it.each([
    ['csat=Great:6', `--values csat "Great": 6 is outside csat's range 1–5`],
    ['csat=Great', '--values csat=Great: expected Label:score, got "Great"'],
    ['csat=Great:five', '--values csat=Great:five: expected Label:score, got "Great:five"'],
    ['cstat=Great:4', '--values cstat: unknown field "cstat" (did you mean "csat"?)'],
    ['comment=Great:4', '--values comment: comment holds text values, not scores'],
    ['nps=Likely:8.5', '--values nps "Likely": nps scores are whole numbers, got 8.5'],
  ])('%s is exit 2 naming the flag', (flag, message) => {
    const run = runXla(['score', fixture('labels/google-forms.csv'), '--values', flag]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});

describe('values: in the XLA file', () => {
  it('scores the labels it lists', () => {
    const config = write(
      'values.yml',
      `sources:\n  - path: ${fixture('labels/google-forms.csv')}\n    values:\n      csat: { Excellent: 5, Good: 4, OK: 3, Bad: 2, Horrible: 1 }\n`,
    );
    const { report } = runJson(['score', '-c', config, '--metrics', 'csat,csat.mean', '--confidence', '0']);
    expect(valueOf(report, 'csat')).toEqual({ value: 62.5, n: 8 });
    expect((report.inputs[0] as unknown as { labels: Record<string, string> }).labels.csat).toBe(
      'values: Excellent=5, Good=4, OK=3, Bad=2, Horrible=1',
    );
  });

  it.each([
    ['cstat: { Excellent: 5 }', 'sources[0].values.cstat: unknown field "cstat" (did you mean "csat"?)'],
    ['csat: {}', 'sources[0].values.csat: give at least one label and its score'],
    ['csat: { Excellent: five }', 'sources[0].values.csat.Excellent: expected a score (a number) such as 5, got "five"'],
    ['csat: { Great: 6 }', "sources[0].values.csat.Great: 6 is outside csat's range 1–5"],
    ['comment: { Good: 1 }', 'sources[0].values.comment: comment holds text values, not scores'],
  ])('%s is exit 2 naming the key', (entry, message) => {
    const config = write('bad-values.yml', `sources:\n  - path: ${fixture('labels/google-forms.csv')}\n    values:\n      ${entry}\n`);
    const run = runXla(['score', '-c', config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('a scale set in the file widens the range its scores are checked against', () => {
    const config = write(
      'wide.yml',
      `scales: { csat: [1, 7] }\nsources:\n  - path: ${fixture('labels/google-forms.csv')}\n    values:\n      csat: { Excellent: 7, Good: 5, OK: 4, Bad: 2, Horrible: 1 }\n`,
    );
    const { report } = runJson(['score', '-c', config, '--metrics', 'csat.mean', '--confidence', '0']);
    // 2 × 7, 3 × 5, 4, 2, 1 → 36/8.
    expect(valueOf(report, 'csat.mean').value).toBeCloseTo(36 / 8, 12);
  });
});

describe('xla inspect', () => {
  it('shows the scale recognised for each column of labels, as text and as data', () => {
    const table = runXla(['inspect', fixture('labels/qualtrics-choice-text.csv')]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('7-point agreement: Strongly disagree = 1 … Strongly agree = 7');
    expect(table.stdout).toContain('5-point satisfaction: Extremely dissatisfied = 1 … Extremely satisfied = 5');
    const json = runXla(['inspect', fixture('labels/qualtrics-choice-text.csv'), '-f', 'json']);
    const columns = (JSON.parse(json.stdout) as { columns: { name: string; labels?: string }[] }).columns;
    expect(columns.filter((column) => column.labels !== undefined).map((column) => column.labels)).toEqual([
      '7-point agreement: Strongly disagree = 1 … Strongly agree = 7',
      '5-point satisfaction: Extremely dissatisfied = 1 … Extremely satisfied = 5',
    ]);
  });

  it('still shows a file whose labels cannot be scored, saying why in a note', () => {
    const run = runXla(['inspect', fixture('labels/russian.csv')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('5-point quality: Ужасно = 1 … Отлично = 5');
    expect(run.stdout).toContain('holds the 5-point ease (Очень сложно … Очень легко) scale, but ces runs 1–7');
  });
});
