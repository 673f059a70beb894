/**
 * Issue 16, end to end: a column's decimal mark was chosen from its first 1,000 values, and a
 * sample that left it open was read with a point. So in a semicolon file whose first 1,000 LCP
 * values read as `2.500` (2.5 ms, or 2,500 ms with a decimal comma) and later ones as `3,5`, the
 * order of the rows decided the numbers: in file order p75 was a few ms (the `3,5`s rejected), in
 * a shuffled order — a `3,5` among the first 1,000 — it was thousands of ms, and a target such
 * as `lcp.p75 <= 2500` flipped. Now a sample that leaves a real choice, or mixes both marks, is
 * exit 2 asking for --decimal; in every order the result is that error or the one right reading.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';

const dir = mkdtempSync(join(tmpdir(), 'xla-decimal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'date;page;lcp';

/** 1,000 rows of `2.500` (thousands with a decimal comma), then 500 of `3,5`. */
function rows(): string[] {
  return Array.from({ length: 1500 }, (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')};/p${i % 5};${i < 1000 ? '2.500' : '3,5'}`);
}

function write(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines, ''].join('\n'));
  return path;
}

describe('a column whose first 1,000 values leave the decimal mark open', () => {
  it('is exit 2 asking for --decimal, where it used to read 2.500 as 2.5 and reject every 3,5', () => {
    const file = write('first-order.csv', rows());
    const run = runXla(['check', file, '-t', 'lcp.p75 <= 2500']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`xla: ${file}: the numbers in column "lcp" could be read with a decimal point or a decimal comma (e.g. "2.500")`);
    expect(run.stderr).toContain('say which with --decimal , or --decimal .');
  });

  it('reads every row one way once the order puts a settling value in the sample, or --decimal says', () => {
    // The last row first: `3,5` reads only with a decimal comma, so `2.500` is 2,500 ms.
    const all = rows();
    const settled = write('settled.csv', [all[all.length - 1] as string, ...all.slice(0, -1)]);
    const given = write('given.csv', all);
    for (const args of [[settled], [given, '--decimal', ',']]) {
      const run = runXla(['score', ...args, '-f', 'json', '-q']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.inputs[0]).toMatchObject({ rows: 1500, accepted: 1500, rejected: 0 });
      // 1,000 values of 2500 ms above 500 of 3.5 ms: the 75th percentile is 2500.
      expect(report.results.find((result) => result.metric === 'lcp.p75' && Object.keys(result.segment).length === 0)?.value).toBe(2500);
    }
  });

  it('is exit 2 when the first 1,000 values mix both marks, which used to pick the point', () => {
    const file = write('mixed.csv', ['2024-01-01;/a;1,5', '2024-01-02;/a;2.5', '2024-01-03;/a;3']);
    const run = runXla(['score', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`xla: ${file}: the numbers in column "lcp" are written with both decimal marks ("1,5" and "2.5")`);
  });
});
