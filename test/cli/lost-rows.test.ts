/**
 * Rows are never silently lost (issue 16, item 6), as a user running the built binary sees it:
 * every line-end style reads every row, on one thread and on several; a malformed region that
 * swallows a large share of the file, or a record over 16 MiB, is exit 2 with its place and no
 * report, never a report on the rest.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_BYTES } from '../../src/run/parallel-jobs.js';
import { runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xla-lost-rows-'));
});
// The files are tens of MB each.
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** NPS answers 0-10 in turn with a team: promoters, passives and detractors known by hand. */
function npsRows(count: number, teamSuffix = ''): string[] {
  return Array.from({ length: count }, (_, i) => `${i % 11},team ${i % 3}${teamSuffix}`);
}

function scoreJson(file: string, extra: readonly string[] = []): { code: number | null; report: JsonReport | undefined; stderr: string } {
  const run = runXla(['score', file, '-f', 'json', ...extra]);
  return { code: run.code, report: run.code === 0 ? (JSON.parse(run.stdout) as JsonReport) : undefined, stderr: run.stderr };
}

describe('line ends', () => {
  it.each([
    ['a CR LF header glued to LF rows (the issue: 14 of 30 rows were rejected)', (i: number) => (i % 2 === 0 ? '\n' : '\r\n')],
    ['LF rows after a CR LF header and lone CRs here and there', (i: number) => ['\n', '\n', '\r'][i % 3] as string],
    ['lone CRs (classic Mac) with CR LF rows', (i: number) => (i % 4 === 0 ? '\r\n' : '\r')],
  ])('scores every row of %s', (_name, eolAfter) => {
    const file = join(dir, `mixed-${eolAfter(1).length}-${eolAfter(2).length}.csv`);
    const rows = npsRows(33);
    writeFileSync(file, `nps,team\r\n${rows.map((row, i) => row + eolAfter(i)).join('')}`);
    const { code, report, stderr } = scoreJson(file);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/rejected|skipped/);
    expect(report?.inputs[0]).toMatchObject({ rows: 33, accepted: 33, rejected: 0 });
    // 0-10 three times: 6 detractors (0-6 is 7 values), 2 passives, 2 promoters per round of 11.
    const nps = report?.results.find((result) => result.metric === 'nps' && result.period === null);
    expect(nps).toMatchObject({ n: 33, detail: { promoters: 6, passives: 6, detractors: 21 } });
  });

  it('reads a big file with mixed line ends cut into parts exactly as on one thread', () => {
    const file = join(dir, 'big-mixed.csv');
    const rows = npsRows(704_000, ' of the north-west');
    // CR LF header and first rows, then LF and CR LF in turn, and a lone CR every 1,000th row.
    writeFileSync(
      file,
      `nps,team\r\n${rows.map((row, i) => row + (i < 2000 ? '\r\n' : i % 1000 === 999 ? '\r' : i % 2 === 0 ? '\n' : '\r\n')).join('')}`,
    );
    expect(statSync(file).size).toBeGreaterThan(2 * MIN_PART_BYTES);
    const one = runXla(['score', file, '--by', 'team', '-f', 'json', '-j', '1']);
    const two = runXla(['score', file, '--by', 'team', '-f', 'json', '-j', '2'], { env: { XLA_DEBUG: '1' } });
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stderr).toMatch(/in 2 parts/);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as JsonReport;
    expect(report.inputs[0]).toMatchObject({ rows: 704_000, rejected: 0 });
    // 64,000 rounds of 0-10: 7 detractors, 2 passives, 2 promoters each.
    expect(report.results.find((result) => result.metric === 'nps' && Object.keys(result.segment).length === 0)).toMatchObject({
      n: 704_000,
      detail: { promoters: 128_000, passives: 128_000, detractors: 448_000 },
    });
  }, 240_000);
});

describe('a malformed region that swallows the file', () => {
  it('fails `check` (exit 2, file:line:column, no report written) where an unclosed quote near the top ran to the end', () => {
    const file = join(dir, 'unclosed.csv');
    const rows = npsRows(40_000).map((row, i) => (i === 1000 ? '9,"team 1' : row));
    writeFileSync(file, `nps,team\n${rows.join('\n')}\n`);
    const out = join(dir, 'unclosed.json');
    const run = runXla(['check', file, '-t', 'nps >= -100', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `xla: ${file}:1002:3: unclosed quoted field; the rest of the file (39000 lines) could not be read (97.5% of the file's 40001 lines)`,
    );
    expect(run.stderr).toMatch(/hint: .*must end with "/);
    expect(existsSync(out)).toBe(false);
  });

  // A big file is cut into parts for two threads: the verdict and the message must be those of
  // one thread reading it all, whichever part the region is in.
  it.each([
    // Past the sample, in the first part: that part ends inside quotes, so the file is read
    // whole, and the quoted field runs on past 16 MiB.
    ['in the first part', 20_000, 'quoted field longer than 16 MiB (an unclosed quote?)'],
    // In the last part: the region is judged against the whole file's lines, not the part's.
    [
      'in the last part',
      600_000,
      "unclosed quoted field; the rest of the file (104000 lines) could not be read (14.8% of the file's 704001 lines)",
    ],
  ])(
    'fails the same way on one thread and on two where an unclosed quote is %s',
    (_name, at, message) => {
      const file = join(dir, `unclosed-${at}.csv`);
      const rows = npsRows(704_000, ' of the north-west').map((row, i) => (i === at ? '9,"team 1' : row));
      writeFileSync(file, `nps,team\n${rows.join('\n')}\n`);
      expect(statSync(file).size).toBeGreaterThan(2 * MIN_PART_BYTES);
      const one = runXla(['score', file, '-f', 'json', '-j', '1']);
      const two = runXla(['score', file, '-f', 'json', '-j', '2']);
      expect(one.code).toBe(2);
      expect(one.stderr).toContain(`xla: ${file}:${at + 2}:3: ${message}`);
      expect(two.code).toBe(2);
      expect(two.stdout).toBe('');
      expect(two.stderr).toBe(one.stderr);
    },
    240_000,
  );

  it('keeps a small malformed record a skipped row in a 10-row file (exit 0, reported with its place)', () => {
    const file = join(dir, 'small.csv');
    writeFileSync(
      file,
      `nps,team\n${npsRows(10)
        .map((row, i) => (i === 4 ? '4,team "x" 1' : row))
        .join('\n')}\n`,
    );
    const { code, report, stderr } = scoreJson(file);
    expect(code).toBe(0);
    expect(report?.inputs[0]).toMatchObject({ rows: 10, rejected: 1 });
    expect(stderr).toContain(`${file}:6:8: row skipped: quote inside an unquoted field (field 2)`);
  });

  it('fails on a field over 16 MiB with its place, never a report of 0 rows', () => {
    const file = join(dir, 'huge-field.csv');
    writeFileSync(file, `nps,team\n9,a\n10,"${'x'.repeat(17 * 1024 * 1024)}"\n8,b\n`);
    for (const jobs of ['1', '2']) {
      const run = runXla(['score', file, '-f', 'json', '-j', jobs]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`xla: ${file}:3:4: quoted field longer than 16 MiB (an unclosed quote?)`);
    }
  }, 120_000);
});
