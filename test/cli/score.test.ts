/**
 * End-to-end: the built binary on the bundled fixtures. Expected numbers are worked by hand in the
 * comments (fixtures/README.md says what each file holds); none is copied from xla's output.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const SURVEY = fixture('survey/responses.csv');
const TICKETS = fixture('tickets/tickets.csv');
const SESSIONS = fixture('analytics/sessions.csv');
const ESC = '\u001b[';

describe('xla score: survey', () => {
  const { report, run } = runJson(['score', SURVEY]);

  it('detects the kind and maps the columns by their wording', () => {
    expect(report.schema).toBe('xla-report/1');
    expect(report.inputs[0]).toMatchObject({ kind: 'survey', rows: 11, accepted: 10, rejected: 1 });
    expect(report.inputs[0]?.fields).toMatchObject({
      submitted_at: 'Submitted At',
      nps: 'How likely are you to recommend us to a friend or colleague?',
      csat: 'Satisfaction',
      ces: 'Customer Effort Score',
    });
  });

  it('computes NPS +20 with the adjusted-Wald interval', () => {
    // 10 valid answers: P = {10,9,9,10,9} = 5, passives {8,7} = 2, D = {6,5,3} = 3 → 50 % − 30 % = +20.
    // Adjusted (metrics.md §6.2): p' = 5.75/13, d' = 3.75/13, centre 200/13 = 15.3846;
    // SE = 100·√((9.5/13 − (2/13)²)/13) = 23.3222; ±1.959964·SE = ±45.7106 → [−30.3260, 61.0952].
    // (Plain Wald, before issue 18: SE = 100·√((.5 + .3 − .2²)/10) = 27.568 → [−34.0325, 74.0325].)
    const nps = resultOf(report, 'nps');
    expect(nps.value).toBe(20);
    expect(nps.n).toBe(10);
    expect(nps.ci?.[0]).toBeCloseTo(-30.326, 3);
    expect(nps.ci?.[1]).toBeCloseTo(61.0952, 3);
    expect(nps.detail).toMatchObject({ promoters: 5, passives: 2, detractors: 3 });
  });

  it('computes CSAT, CSAT mean and CES as metrics.md works them', () => {
    // CSAT [5,4,3,2,1,5,4,4,3,5]: 6 of 10 in {4,5} = 60 %, Wilson 95 % [31.267, 83.182]; mean 3.6, sd 1.34990,
    // t(0.975, 9) = 2.262157 → 3.6 ± 0.96566.
    expect(resultOf(report, 'csat')).toMatchObject({ value: 60, n: 10 });
    expect(resultOf(report, 'csat').ci?.[0]).toBeCloseTo(31.2674, 3);
    expect(resultOf(report, 'csat').ci?.[1]).toBeCloseTo(83.182, 3);
    expect(resultOf(report, 'csat.mean').value).toBeCloseTo(3.6, 10);
    expect(resultOf(report, 'csat.mean').ci?.[0]).toBeCloseTo(2.63434, 4);
    // CES [7,6,5,4,3,2,1,7,6,5]: mean 4.6; 5–7 in 6 of 10 = 60 %.
    expect(resultOf(report, 'ces').value).toBeCloseTo(4.6, 10);
    expect(resultOf(report, 'ces.easy').value).toBe(60);
  });

  it('reports the rejected answer with file, line and column, and keeps stdout clean', () => {
    // The answer 11 is in the 11th record, which starts on line 13 (record 7 spans two lines), column 3.
    expect(run.stderr).toContain('responses.csv:13:3');
    expect(run.stderr).toContain('11 is outside 0–10');
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });

  it('breaks down by a column and by month, overall row first', () => {
    const { report: byTeam } = runJson(['score', SURVEY, '--by', 'Team', '--period', 'month', '--metrics', 'nps']);
    expect(byTeam.results[0]).toMatchObject({ metric: 'nps', segment: {}, period: null, value: 20 });
    // Jan {10,9,9,8}: 3 P, 1 passive → +75; Feb {7,6,5,10}: 1 P, 2 D → −25; Mar {3,9} (11 rejected) → 0.
    expect(resultOf(byTeam, 'nps', {}, '2024-01').value).toBe(75);
    expect(resultOf(byTeam, 'nps', {}, '2024-02').value).toBe(-25);
    expect(resultOf(byTeam, 'nps', {}, '2024-03').value).toBe(0);
    // Network {10,9,7,5,3}: 2 P, 2 D → 0; Desk {9,8,6,10,9}: 3 P, 1 D → +40.
    expect(resultOf(byTeam, 'nps', { Team: 'Network' }).value).toBe(0);
    expect(resultOf(byTeam, 'nps', { Team: 'Desk' }).value).toBe(40);
    // Desk in February: {6,10} → 1 P, 1 D → 0.
    expect(resultOf(byTeam, 'nps', { Team: 'Desk' }, '2024-02').value).toBe(0);
    // Change against the previous month: −25 − 75 = −100.
    expect(resultOf(byTeam, 'nps', {}, '2024-02').change).toMatchObject({ from: '2024-01', delta: -100 });
    const levels = byTeam.results.map((result) => `${Object.keys(result.segment).length}${result.period === null ? '' : 'p'}`);
    expect(levels).toEqual([...levels].sort((a, b) => rank(a) - rank(b)));
  });

  it('filters with --where and --from/--to', () => {
    const { report: desk } = runJson(['score', SURVEY, '--where', 'Team=Desk', '--metrics', 'nps']);
    expect(resultOf(desk, 'nps')).toMatchObject({ value: 40, n: 5 });
    // February only: {7,6,5,10} → −25.
    const { report: feb } = runJson(['score', SURVEY, '--from', '2024-02-01', '--to', '2024-03', '--metrics', 'nps']);
    expect(resultOf(feb, 'nps')).toMatchObject({ value: -25, n: 4 });
  });
});

function rank(level: string): number {
  return ['0', '0p', '1', '1p'].indexOf(level);
}

describe('xla score: tickets', () => {
  const { report } = runJson(['score', TICKETS]);

  it('computes the time metrics over tickets with both stamps', () => {
    // Resolution: T1 4 h, T2 24 h, T3 2 h, T5 72 h (T4 open; T6 resolved before created → rejected).
    // Sorted 7200, 14400, 86400, 259200 s: mean 91800; median (14400 + 86400)/2 = 50400;
    // p90: h = 3·0.9 = 2.7 → 86400 + 0.7·(259200 − 86400) = 207360.
    expect(resultOf(report, 'resolution_time.mean')).toMatchObject({ value: 91800, n: 4 });
    expect(resultOf(report, 'resolution_time.median').value).toBe(50400);
    expect(resultOf(report, 'resolution_time.p90').value).toBeCloseTo(207360, 6);
    // First response: 1800, 3600, 600, 7200, 300 → mean 2700, median 1800, p90 at h = 3.6 → 3600 + 0.6·3600 = 5760.
    expect(resultOf(report, 'first_response_time.mean')).toMatchObject({ value: 2700, n: 5 });
    expect(resultOf(report, 'first_response_time.p90').value).toBeCloseTo(5760, 6);
  });

  it('computes SLA attainment, reopen rate, backlog and CSAT from satisfaction', () => {
    // made_sla: true, false, true, (empty), false, true → 3 of 5.
    expect(resultOf(report, 'sla_attainment')).toMatchObject({ value: 60, n: 5 });
    // Resolved, with reopen info: T1 0, T2 1, T3 0, T5 2, and T6 0 (its resolution was rejected:
    // resolved at an unknown time, issues 18 and 19) → 2 of 5; T4 is open.
    expect(resultOf(report, 'reopen_rate')).toMatchObject({ value: 40, n: 5 });
    // Open at the end of the data (2024-02-05 09:00): T4; T6, whose resolution was rejected, is left
    // out (before issue 18 it was counted open): 5 created.
    expect(resultOf(report, 'backlog')).toMatchObject({ value: 1, n: 5, detail: { excluded_unreadable: 1 } });
    expect(resultOf(report, 'tickets')).toMatchObject({ value: 6, n: 6 });
    // Satisfaction 5, 3, 4, 2, 5: {5,4,5} ≥ 4 → 60 %; mean 19/5 = 3.8.
    expect(resultOf(report, 'csat')).toMatchObject({ value: 60, n: 5 });
    expect(resultOf(report, 'csat.mean').value).toBeCloseTo(3.8, 10);
  });
});

describe('xla score: column aliases', () => {
  it('lets --map name a non-field column for --by', () => {
    // P1: T1 4 h, T3 2 h → median 3 h = 10800 s.
    const { report } = runJson(['score', TICKETS, '--map', 'level=Priority', '--by', 'level', '--metrics', 'resolution_time.median', '-q']);
    expect(resultOf(report, 'resolution_time.median', { level: 'P1' }).value).toBe(10800);
  });
});

describe('xla score: analytics', () => {
  const { report } = runJson(['score', SESSIONS]);

  it('computes rates, Apdex and percentiles from session rows', () => {
    // converted 2 of 6; bounced 2 of 6; page views 16 / 6 sessions.
    expect(resultOf(report, 'conversion_rate').value).toBeCloseTo(100 / 3, 10);
    expect(resultOf(report, 'bounce_rate').value).toBeCloseTo(100 / 3, 10);
    expect(resultOf(report, 'pages_per_session').value).toBeCloseTo(16 / 6, 10);
    // T = 0.5 s; 0.2, 0.5 satisfied; 0.6, 2.0 tolerating (≤ 4T); 2.1, 3.0 frustrated → (2 + 1)/6 = 0.5.
    expect(resultOf(report, 'apdex')).toMatchObject({ value: 0.5, n: 6 });
    // p95 of 0.2, 0.5, 0.6, 2.0, 2.1, 3.0 s: h = 4.75 → 2.1 + 0.75·0.9 = 2.775 s.
    expect(resultOf(report, 'response_time.p95').value).toBeCloseTo(2.775, 10);
    // LCP sorted 1800, 2500, 2600, 3000, 4000, 4100: h = 3.75 → 3000 + 0.75·1000 = 3750 ms (needs improvement).
    expect(resultOf(report, 'lcp.p75')).toMatchObject({
      value: 3750,
      detail: expect.objectContaining({ rating: 'needs-improvement' }) as unknown,
    });
  });

  it('honours --apdex-t', () => {
    // T = 2 s: 0.2, 0.5, 0.6, 2.0 satisfied; 2.1, 3.0 tolerating (≤ 8 s) → (4 + 1)/6.
    const { report: slow } = runJson(['score', SESSIONS, '--apdex-t', '2s', '--metrics', 'apdex']);
    expect(resultOf(slow, 'apdex').value).toBeCloseTo(5 / 6, 10);
  });
});

describe('xla score: inputs, formats and output files', () => {
  it('reads standard input with -', () => {
    const { report } = runJson(['score', '-', '--metrics', 'nps'], { input: readFileSync(SURVEY) });
    expect(report.inputs[0]).toMatchObject({ name: 'stdin', rows: 11 });
    expect(resultOf(report, 'nps').value).toBe(20);
  });

  // A pipe has no size and cannot be read at an offset or opened again: it is read once, in
  // order, on the main thread, as standard input is.
  describe.skipIf(process.platform === 'win32')('named pipes, as `<(zcat export.csv.gz)` gives them', () => {
    /** Named pipes, each fed one file by a writer of its own. */
    const pipesOf = (files: readonly string[]): { pipes: string[]; stop: () => void } => {
      const dir = scratchDir('xla-fifo-');
      const pipes = files.map((_, i) => join(dir, `input-${i}.csv`));
      const writers = files.map((file, i) => {
        execFileSync('mkfifo', [pipes[i] as string]);
        return spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', file, pipes[i] as string], { stdio: 'ignore' });
      });
      return { pipes, stop: () => writers.forEach((writer) => writer.kill()) };
    };

    it('reads one like a file', () => {
      const { pipes, stop } = pipesOf([SURVEY]);
      try {
        const { report } = runJson(['score', ...pipes, '--metrics', 'nps'], { timeoutMs: 20_000 });
        expect(report.inputs[0]).toMatchObject({ name: pipes[0], rows: 11 });
        expect(resultOf(report, 'nps').value).toBe(20);
      } finally {
        stop();
      }
    });

    it('reads several on one thread, with the numbers of the files themselves', () => {
      // Two files (one a copy): the same file given twice is refused (test/cli/inputs.test.ts).
      const copy = join(scratchDir('xla-score-copy-'), 'tickets-copy.csv');
      copyFileSync(TICKETS, copy);
      const { pipes, stop } = pipesOf([TICKETS, copy]);
      try {
        const fromPipes = runJson(['score', ...pipes, '--jobs', '2'], { timeoutMs: 20_000 }).report;
        const fromFiles = runJson(['score', TICKETS, copy, '--jobs', '2']).report;
        expect(fromPipes.inputs.map((input) => input.rows)).toEqual(fromFiles.inputs.map((input) => input.rows));
        expect(fromPipes.results).toEqual(fromFiles.results);
      } finally {
        stop();
      }
    });
  });

  it('gives the same bytes for the same input', () => {
    expect(runXla(['score', SURVEY, '--by', 'Team', '-f', 'json']).stdout).toBe(
      runXla(['score', SURVEY, '--by', 'Team', '-f', 'json']).stdout,
    );
  });

  it('prints a table without colour when stdout is not a terminal, and with FORCE_COLOR', () => {
    const plain = runXla(['score', SURVEY]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Net Promoter Score');
    expect(plain.stdout).toContain('+20');
    expect(plain.stdout).not.toContain(ESC);
    expect(runXla(['score', SURVEY], { env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(runXla(['score', SURVEY], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  it('writes ndjson with one typed object per line', () => {
    const run = runXla(['score', SURVEY, '-f', 'ndjson']);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(lines[0]?.type).toBe('input');
    // 5 survey results, and data quality: completeness and validity overall and for each of the 5
    // bound fields (12), duplicates (no respondent_id: null) and freshness → 5 + 14.
    expect(lines.filter((line) => line.type === 'result')).toHaveLength(19);
    expect(lines.at(-1)?.type).toBe('summary');
  });

  it('writes csv with one row per result', () => {
    const run = runXla(['score', SURVEY, '-f', 'csv', '--by', 'Team', '--metrics', 'nps']);
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toBe('metric,name,Team,period,value,n,ci_low,ci_high,unit');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^nps,Net Promoter Score,,,20,10,/);
  });

  it('writes -o atomically and takes the format from the extension', () => {
    const dir = scratchDir('xla-out-');
    const out = join(dir, 'report.json');
    const run = runXla(['score', SURVEY, '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { schema: string }).schema).toBe('xla-report/1');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('leaves no file behind when the run fails', () => {
    const dir = scratchDir('xla-out-');
    const out = join(dir, 'report.json');
    const run = runXla(['score', join(dir, 'missing.csv'), '-o', out]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not replace an existing report when the run fails', () => {
    const dir = scratchDir('xla-out-');
    const out = join(dir, 'report.json');
    writeFileSync(out, 'previous');
    expect(runXla(['score', SURVEY, '--metrics', 'npz', '-o', out]).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });
});

describe('xla score: bad calls and bad input exit 2 with one clear message', () => {
  it.each([
    [['score', SURVEY, '--bogus'], /unknown option '--bogus'/],
    [['score', SURVEY, '--metrics', 'npz'], /unknown metric "npz"[\s\S]*did you mean nps/],
    [['score', SURVEY, '--period', 'fortnight'], /--period must be one of/],
    [['score', SURVEY, '--tz', 'Mars/Base'], /unknown time zone "Mars\/Base"/],
    [['score', SURVEY, '--confidence', '1.5'], /--confidence/],
    [['score', SURVEY, '--by', 'Teem'], /no column "Teem"[\s\S]*did you mean "Team"/],
    [['score', SURVEY, '--map', 'npz=Team'], /unknown field "npz"[\s\S]*did you mean nps/],
    [['score', SURVEY, '--map', 'nps=Nope'], /has no column "Nope"/],
    [['score', fixture('does-not-exist.csv')], /does-not-exist\.csv/],
    [['score', SURVEY, '--date-format', 'yyyy foo'], /--date-format "yyyy foo"/],
  ])('%j', (args, message) => {
    const run = runXla(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('lists the columns it saw and suggests --map when no field matches', () => {
    const dir = scratchDir('xla-in-');
    const file = join(dir, 'mystery.csv');
    writeFileSync(file, 'foo,bar\n1,2\n');
    const run = runXla(['score', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"foo", "bar"');
    expect(run.stderr).toContain('--map');
  });

  it('names both columns when two fit one field', () => {
    const dir = scratchDir('xla-in-');
    const file = join(dir, 'twice.csv');
    writeFileSync(file, 'NPS,nps \n9,10\n');
    const run = runXla(['score', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"NPS" and "nps ?"/);
    expect(run.stderr).toContain('--map nps=');
  });

  it('stays quiet about rejected values with -q', () => {
    const run = runXla(['score', SURVEY, '-q']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('xla metrics, --help and --version', () => {
  it('lists the catalogue from the registry', () => {
    const run = runXla(['metrics']);
    expect(run.code).toBe(0);
    for (const id of ['nps', 'csat', 'resolution_time.p90', 'apdex', 'cls.p75']) expect(run.stdout).toContain(id);
  });

  it('describes one metric with its formula', () => {
    const run = runXla(['metrics', 'resolution_time.p90']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Hyndman');
    expect(runXla(['metrics', 'npx']).code).toBe(2);
  });

  it('prints JSON for tools', () => {
    const list = JSON.parse(runXla(['metrics', '-f', 'json']).stdout) as { id: string }[];
    expect(list.map((metric) => metric.id)).toContain('sla_attainment');
  });

  it('answers --help and --version with exit 0', () => {
    const help = runXla(['score', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--period');
    const version = runXla(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
