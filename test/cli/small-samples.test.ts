/**
 * Small samples end to end (issue 18, item 7; metrics.md §6.2, §6.5): the built binary on survey files
 * written here. Expected intervals and p-values are computed by hand from the spec's formulas (the
 * comments show the arithmetic; p-values by mpmath at 40 digits), never copied from xla's output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJson, runXla, type JsonResult } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const DIR = scratchDir('xla-small-samples-');

/** A survey file of `submitted_at,nps` rows: the answers of each month, one a day from its 1st. */
function survey(name: string, months: readonly (readonly [month: string, answers: readonly number[]])[]): string {
  const rows = months.flatMap(([month, answers]) =>
    answers.map((answer, index) => `${month}-${String(1 + (index % 28)).padStart(2, '0')}T10:00:00Z,${String(answer)}`),
  );
  const path = join(DIR, name);
  writeFileSync(path, ['submitted_at,nps', ...rows].join('\n') + '\n');
  return path;
}

function repeat(value: number, times: number): number[] {
  return Array<number>(times).fill(value);
}

function periodRow(results: readonly JsonResult[], period: string): JsonResult {
  const row = results.find((result) => result.metric === 'nps' && result.period === period && Object.keys(result.segment).length === 0);
  if (row === undefined) throw new Error(`no nps row for ${period}`);
  return row;
}

// January: 2 promoters, 2 passives, 4 detractors (NPS −25); February: 2 promoters (NPS +100).
const EIGHT_THEN_TWO = survey('eight-then-two.csv', [
  ['2024-01', [10, 9, 8, 7, 0, 3, 5, 6]],
  ['2024-02', [10, 9]],
]);

// January 50/30/20 (+30), February 20/30/50 (−30): 100 answers each.
const LARGE = survey('large.csv', [
  ['2024-01', [...repeat(10, 50), ...repeat(7, 30), ...repeat(0, 20)]],
  ['2024-02', [...repeat(10, 20), ...repeat(7, 30), ...repeat(0, 50)]],
]);

describe('xla score: a change on 2 answers after 8', () => {
  const { report } = runJson(['score', EIGHT_THEN_TWO, '--kind', 'survey', '--period', 'month', '--metrics', 'nps', '-q']);
  const february = periodRow(report.results, '2024-02');

  it('is neither tested nor starred, and says why', () => {
    expect(february.change).toEqual({
      from: '2024-01',
      delta: 125,
      p: null,
      significant: null,
      detail: 'not tested: n = 2 in 2024-02; a change is tested only with n ≥ 10 in both periods',
    });
    const table = runXla(['score', EIGHT_THEN_TWO, '--kind', 'survey', '--period', 'month', '--metrics', 'nps', '-q', '--no-color']);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toContain('*');
  });

  it('gives two promoters the adjusted interval, not +100…+100', () => {
    // p' = 2.75/5, d' = .75/5: centre 40, SE = 100·√(.54/5) = 32.863353; 40 − 1.959964·32.863353 = −24.410989; upper clipped
    expect(february.value).toBe(100);
    expect(february.ci?.[0]).toBeCloseTo(-24.410989, 5);
    expect(february.ci?.[1]).toBe(100);
  });

  it('gives the plain Wald interval with method: wald in the config', () => {
    const config = join(DIR, 'wald.yml');
    writeFileSync(config, 'method: wald\n');
    const { report: wald } = runJson([
      'score',
      EIGHT_THEN_TWO,
      '--kind',
      'survey',
      '--period',
      'month',
      '--metrics',
      'nps',
      '-q',
      '-c',
      config,
    ]);
    expect(periodRow(wald.results, '2024-02').ci).toEqual([100, 100]);
    // …and the minimum n still holds: no test
    expect(periodRow(wald.results, '2024-02').change?.p).toBeNull();
  });

  it('refuses any other method, naming the key', () => {
    const config = join(DIR, 'bad-method.yml');
    writeFileSync(config, 'method: bootstrap\n');
    const run = runXla(['score', EIGHT_THEN_TWO, '-c', config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('method: expected one of "adjusted-wald", "wald", got "bootstrap"');
  });
});

describe('xla score: a change on large samples', () => {
  it('is still tested and starred', () => {
    // both months adjusted (+¾, +¾, +3): z = −5.3553442722883115, p = 8.5393666719833799e-8
    const { report } = runJson(['score', LARGE, '--kind', 'survey', '--period', 'month', '--metrics', 'nps', '-q']);
    const change = periodRow(report.results, '2024-02').change;
    expect(change?.delta).toBe(-60);
    expect(change?.p).toBeCloseTo(8.53936667198338e-8, 20);
    expect(change?.significant).toBe(true);
    const table = runXla(['score', LARGE, '--kind', 'survey', '--period', 'month', '--metrics', 'nps', '-q', '--no-color']);
    expect(table.stdout).toMatch(/▼ 60\*/);
  });
});
