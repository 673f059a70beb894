/**
 * End-to-end: inputs whose size once made xla take minutes (quadratic work) or gigabytes. Each run
 * has a generous timeout that only guards against a hang: the old code took minutes on each of
 * these, the bounds themselves are asserted by the unit tests (operation counts, caps).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultOf, runJson, runXla } from './run-xla.js';

const HANG_GUARD_MS = 120_000;

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xla-scale-')), name);
  writeFileSync(path, text);
  return path;
}

describe('a header cell of megabytes', () => {
  // 3 MB of "recommend " took the alias patterns over 150 s (`.*recommend.*as a place to work.*`).
  const long = `${'recommend '.repeat(300_000)}as a place`;
  const file = writeTemp('survey.csv', `Date,${JSON.stringify(long)},NPS,Team\n2024-01-02,x,10,A\n2024-01-03,y,0,A\n2024-01-04,z,9,B\n`);

  it('maps the usual columns and scores them', () => {
    const { report } = runJson(['score', file, '-q'], { timeoutMs: HANG_GUARD_MS });
    expect(report.inputs[0]?.fields).toEqual({ submitted_at: 'Date', nps: 'NPS' });
    // Promoters 10 and 9, a detractor 0: (2 − 1)/3 = +33.3.
    expect(resultOf(report, 'nps').value).toBeCloseTo(100 / 3, 6);
  });

  it('answers a long --by name it does not know without measuring it against the long column', () => {
    const run = runXla(['score', file, '--by', `Team ${'x'.repeat(100_000)}`], { timeoutMs: HANG_GUARD_MS });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no column "Team xxx');
    // The hint lists the columns, the long one cut to its first 100 characters.
    expect(run.stderr).toContain('(3,000,010 characters)');
    // The message names the --by argument (twice); nothing of the long column but its first 100 characters.
    expect(run.stderr.length).toBeLessThan(2 * 100_000 + 2_000);
    expect(run.stdout).toBe('');
  });

  it('still suggests the column a short --by name misspells', () => {
    const run = runXla(['score', file, '--by', 'Teem'], { timeoutMs: HANG_GUARD_MS });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "Team"?');
  });
});
