/**
 * Parquet input end to end, through the built binary: each Parquet fixture is the twin of a CSV
 * (scripts/make-parquet-fixtures.js), and xla's JSON report on both must be the same but for the
 * input's name and format.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonReport } from './run-xla.js';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';

const workDir = mkdtempSync(join(tmpdir(), 'xla-parquet-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The report without what names the input: its file name and format. */
function withoutInputFormat(report: JsonReport): unknown {
  return { ...report, inputs: report.inputs.map(({ name: _name, format: _format, ...input }) => input) };
}

describe('a Parquet file and its CSV twin give the same report', () => {
  it.each([
    ['tickets/tickets.csv', 'parquet/tickets.parquet', []],
    ['survey/responses.csv', 'parquet/responses.parquet', ['--by', 'Team', '--period', 'month']],
    // The real ServiceNow event log (1,200 rows of ../shared/datasets, every column text): preset, event-log collapse.
    ['datasets/servicenow-events-1200.csv', 'parquet/servicenow-events-1200.parquet', ['--by', 'priority', '--tz', 'Europe/Lisbon']],
  ])('%s and %s', (csv, parquet, flags) => {
    const args = ['--as-of', '2025-01-01T00:00:00Z', '-q', ...flags];
    const fromCsv = runJson(['score', fixture(csv), ...args]).report;
    const fromParquet = runJson(['score', fixture(parquet), ...args]).report;
    expect(fromParquet.inputs[0]?.format).toEqual({ type: 'parquet', encoding: 'binary' });
    expect(fromCsv.results.length).toBeGreaterThan(5);
    expect(withoutInputFormat(fromParquet)).toEqual(withoutInputFormat(fromCsv));
  });

  it('10,000 rows in 5 row groups, local timestamps placed by --tz, nulls as missing: as the same rows written as CSV', () => {
    // The rows of survey-10k.parquet, by the formula of scripts/make-parquet-fixtures.js.
    const lines = ['submitted_at,team,nps,csat'];
    for (let i = 0; i < 10_000; i += 1) {
      const at = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
      lines.push(`${at},${'ABC'[i % 3] ?? ''},${i % 11},${i % 7 === 0 ? '' : (i % 5) + 1}`);
    }
    const csv = join(workDir, 'survey-10k.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const args = ['--by', 'team', '--period', 'month', '--tz', 'America/New_York', '-q'];
    const fromCsv = runJson(['score', csv, ...args]).report;
    const fromParquet = runJson(['score', fixture('parquet/survey-10k.parquet'), ...args]).report;
    expect(withoutInputFormat(fromParquet)).toEqual(withoutInputFormat(fromCsv));

    // Scores i mod 11 for i < 10,000: 0 comes 910 times, 1…10 909 times each. Promoters (9, 10):
    // 1,818; detractors (0…6): 910 + 6 × 909 = 6,364; NPS = (1,818 − 6,364) / 10,000 × 100.
    expect(resultOf(fromParquet, 'nps').value).toBeCloseTo(-45.46, 10);
    expect(resultOf(fromParquet, 'nps').n).toBe(10_000);
    // Satisfaction (i mod 5) + 1, missing where 7 divides i: 10,000 − 1,429 = 8,571 answers; 4 or 5
    // where i mod 5 is 3 or 4 (4,000 rows) less the 571 of those that 7 divides (2 in every 35, and
    // i = 9,989 in the last 25) = 3,429.
    expect(resultOf(fromParquet, 'csat').n).toBe(8_571);
    expect(resultOf(fromParquet, 'csat').value).toBeCloseTo((100 * 3_429) / 8_571, 10);
  });

  it('a GA4-like export: a struct field segments (--by traffic_source.medium) as the flat CSV column does', () => {
    const fromCsv = runJson(['score', fixture('analytics/sessions.csv'), '--by', 'channel', '-q']).report;
    const fromParquet = runJson(['score', fixture('parquet/ga4-events.parquet'), '--by', 'traffic_source.medium', '-q']).report;
    const renamed = fromCsv.results.map((result) =>
      'channel' in result.segment ? { ...result, segment: { 'traffic_source.medium': result.segment.channel } } : result,
    );
    expect(fromParquet.results).toEqual(renamed);
    expect(resultOf(fromParquet, 'conversion_rate', { 'traffic_source.medium': 'paid' }).n).toBe(3);
  });
});

describe('Parquet from standard input', () => {
  it('is read through a temporary copy, removed after the run', () => {
    const tmp = mkdtempSync(join(workDir, 'tmp-'));
    const bytes = readFileSync(fixture('parquet/tickets.parquet'));
    const fromStdin = runJson(['score', '-', '-q'], { input: bytes, env: { TMPDIR: tmp } }).report;
    const fromFile = runJson(['score', fixture('parquet/tickets.parquet'), '-q']).report;
    expect(fromStdin.inputs[0]?.name).toBe('stdin');
    expect(withoutInputFormat(fromStdin)).toEqual(withoutInputFormat(fromFile));
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a truncated file on standard input is exit 2, and its temporary copy is removed too', () => {
    const tmp = mkdtempSync(join(workDir, 'tmp-'));
    const cut = readFileSync(fixture('parquet/survey-10k.parquet')).subarray(0, 5000);
    const run = runXla(['score', '-'], { input: cut, env: { TMPDIR: tmp } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('xla: cannot read stdin as Parquet: it does not end as a Parquet file does');
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('bad Parquet', () => {
  it('a truncated file is exit 2 naming the file, with nothing on stdout and no report file', () => {
    const cut = join(workDir, 'cut.parquet');
    writeFileSync(cut, readFileSync(fixture('parquet/survey-10k.parquet')).subarray(0, 5000));
    const out = join(workDir, 'report.json');
    const run = runXla(['score', cut, '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `xla: cannot read ${cut} as Parquet: it does not end as a Parquet file does (parquet file invalid (footer != PAR1))\n` +
        '  hint: the file may be cut short (a copy or download that stopped) or damaged: export it again\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a file whose bytes were damaged is exit 2 or read, never a crash', () => {
    const original = readFileSync(fixture('parquet/ga4-events.parquet'));
    // Bytes overwritten at fixed places across the file (pages, page headers, the footer).
    for (const at of [8, 40, 200, 700, 1200, 1700, original.length - 300, original.length - 60]) {
      const damaged = Buffer.from(original);
      damaged[at] = (damaged[at] ?? 0) ^ 0xa5;
      const path = join(workDir, `damaged-${at}.parquet`);
      writeFileSync(path, damaged);
      const run = runXla(['score', path, '-q', '-f', 'json']);
      expect([0, 2], `byte ${at}: ${run.stderr}`).toContain(run.code);
      if (run.code === 2) expect(run.stderr).toContain(path);
      expect(run.stderr).not.toContain('internal error');
    }
  });

  it('a .parquet file that holds CSV is exit 2', () => {
    const path = join(workDir, 'scores.parquet');
    writeFileSync(path, 'nps\n9\n');
    const run = runXla(['score', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`xla: ${path} is not a Parquet file: it does not start with PAR1\n`);
  });

  it('a column of a type xla cannot read is left out, with a note; the rest is scored', () => {
    const run = runXla(['score', fixture('parquet/interval.parquet'), '-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('xla: note: ');
    expect(run.stderr).toContain('left out column "wait": xla cannot read Parquet INTERVAL values');
    const report = JSON.parse(run.stdout) as JsonReport;
    // One promoter (9), one detractor (3): NPS 0.
    expect(resultOf(report, 'nps').value).toBe(0);
  });

  it('a rejected value is located by its row', () => {
    const run = runXla(['score', fixture('parquet/responses.parquet'), '-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `xla: ${fixture('parquet/responses.parquet')}: row 11: nps ("How likely are you to recommend us to a friend or colleague?"): "11" rejected: 11 is outside 0–10\n`,
    );
  });
});

describe('xla inspect on Parquet', () => {
  it('shows the format, the struct fields as columns and the list as JSON text', () => {
    const run = runXla(['inspect', fixture('parquet/ga4-events.parquet'), '-f', 'json']);
    expect(run.code).toBe(0);
    const inspected = JSON.parse(run.stdout) as { format: unknown; headerRows: number; rows: number; columns: { name: string }[] };
    expect(inspected.format).toEqual({ type: 'parquet', encoding: 'binary' });
    expect(inspected.rows).toBe(6);
    expect(inspected.columns.map((column) => column.name).slice(0, 5)).toEqual([
      'event_date',
      'traffic_source',
      'traffic_source.medium',
      'traffic_source.source',
      'event_params',
    ]);
  });
});
