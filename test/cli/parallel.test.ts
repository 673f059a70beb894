/**
 * Several files scored on worker threads (`--jobs`) give exactly what one thread gives: the same
 * report, the same diagnostics in the same order, the same rejects file, the same failure.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_BYTES, partCount, threadCount } from '../../src/run/parallel-jobs.js';
import { resultOf, runXla } from './run-xla.js';
import type { JsonReport, XlaRun } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const HEADER = 'Ticket ID,Team,Created,Resolved,Priority,Reopens,Satisfaction Score';

/** Past the 1,000 records a reader samples, with a few bad values at known lines. */
function ticketRows(file: number, count: number): string[] {
  let seed = 7 + file;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: count }, (_, i) => {
    const created = Date.UTC(2024, Math.floor(random() * 6), 1 + Math.floor(random() * 28), Math.floor(random() * 24));
    const resolved = created + Math.floor(random() * 200_000) * 1000;
    const reopens = i % 400 === 399 ? 'lots' : String(Math.floor(random() * 2));
    const score = random() < 0.4 ? '' : String(1 + Math.floor(random() * 5));
    return [
      `F${file}-${i}`,
      `Team ${1 + Math.floor(random() * 3)}`,
      new Date(created).toISOString(),
      new Date(resolved).toISOString(),
      `P${1 + Math.floor(random() * 4)}`,
      reopens,
      score,
    ].join(',');
  });
}

let dir: string;
let files: string[];

beforeAll(() => {
  dir = scratchDir('xla-parallel-');
  const rows = [1500, 1200, 1800].map((count, file) => ticketRows(file, count));
  files = rows.map((lines, file) => {
    const path = join(dir, `tickets-${file}.csv`);
    writeFileSync(path, [HEADER, ...lines, ''].join('\n'));
    return path;
  });
  writeFileSync(join(dir, 'all.csv'), [HEADER, ...rows.flat(), ''].join('\n'));
});

describe('xla score on several files with --jobs', () => {
  const args = (jobs: number, rejects: string): string[] => [
    'score',
    ...files,
    '--by',
    'Team',
    '--period',
    'month',
    '-t',
    'csat >= 60%',
    '-t',
    'resolution_time.p90 <= 2d',
    '--rejects',
    rejects,
    '-f',
    'json',
    '-j',
    String(jobs),
  ];

  it('gives the same report, stderr and rejects file on one thread and on three', () => {
    const one = runXla(args(1, join(dir, 'rejects-1.csv')));
    const three = runXla(args(3, join(dir, 'rejects-3.csv')));
    expect(one.code).toBe(0);
    expect(three.code).toBe(one.code);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stderr).toBe(one.stderr);
    expect(readFileSync(join(dir, 'rejects-3.csv'), 'utf8')).toBe(readFileSync(join(dir, 'rejects-1.csv'), 'utf8'));
    // Rejections come file by file, in input order: 3 + 3 + 4 rows with Reopens = "lots".
    const rejected = readFileSync(join(dir, 'rejects-3.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rejected.map((line) => line.split(',')[0])).toEqual([
      ...Array(3).fill(files[0]),
      ...Array(3).fill(files[1]),
      ...Array(4).fill(files[2]),
    ]);
    expect(rejected[0]).toContain(',401,');
  });

  it('merges the files into what one file holding all their rows gives', () => {
    const split = JSON.parse(runXla(args(2, join(dir, 'rejects-2.csv'))).stdout) as JsonReport;
    const whole = JSON.parse(
      runXla(['score', join(dir, 'all.csv'), '--by', 'Team', '--period', 'month', '-f', 'json']).stdout,
    ) as JsonReport;
    expect(split.inputs.map((input) => input.rows)).toEqual([1500, 1200, 1800]);
    for (const metric of [
      'tickets',
      'reopen_rate',
      'resolution_time.median',
      'resolution_time.p90',
      'csat',
      'csat.mean',
      'resolution_time.mean',
    ]) {
      for (const segment of [{}, { Team: 'Team 2' }]) {
        const expected = resultOf(whole, metric, segment);
        const actual = resultOf(split, metric, segment);
        expect(actual.n).toBe(expected.n);
        // Bit for bit: sums are exact, so merging files cannot move a last digit (issue 16).
        expect(actual.value).toBe(expected.value);
      }
    }
  });

  it('fails as one thread would: the first failing file in input order, exit 2, no report', () => {
    const broken = (name: string): string => {
      const path = join(dir, name);
      const records = Array.from(
        { length: 1200 },
        (_, i) => `{"id":"${name}-${i}","created_at":"2024-01-01T00:00:00Z","resolved_at":"2024-01-02T00:00:00Z"}`,
      );
      writeFileSync(path, `[\n${records.join(',\n')},\n{"id": }\n]\n`);
      return path;
    };
    const first = broken('broken-1.json');
    const second = broken('broken-2.json');
    for (const inputs of [
      [files[0] as string, first],
      [first, files[1] as string, second],
    ]) {
      const one = runXla(['score', ...inputs, '-f', 'json', '-j', '1']);
      const two = runXla(['score', ...inputs, '-f', 'json', '-j', '2']);
      expect(one.code).toBe(2);
      expect(one.stdout).toBe('');
      expect(one.stderr).toContain(`${first}:1202:`);
      expect(two.code).toBe(2);
      expect(two.stdout).toBe('');
      expect(two.stderr).toBe(one.stderr);
    }
  });

  it('refuses a --jobs that is not a whole number of threads', () => {
    const run = runXla(['score', files[0] as string, '-j', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--jobs must be a whole number of threads');
  });
});

describe('threadCount and partCount', () => {
  it.each([
    [['a.csv'], 8, 1],
    [['a.csv', '-'], 8, 1],
    [['a.csv', 'b.csv'], 8, 2],
    [['a.csv', 'b.csv', 'c.csv'], 2, 2],
    [['a.csv', 'b.csv', 'c.csv'], 1, 1],
  ])('files %j on %i cores → %i threads', (paths, cores, expected) => {
    expect(threadCount(paths, cores, (path) => path === '-')).toBe(expected);
  });

  it.each([
    [MIN_PART_BYTES * 2 - 1, 8, 1],
    [MIN_PART_BYTES * 2, 8, 2],
    [MIN_PART_BYTES * 100, 2, 2],
    [MIN_PART_BYTES * 100, 1, 1],
  ])('%i bytes on %i cores → %i parts', (size, cores, expected) => {
    expect(partCount(size, cores)).toBe(expected);
  });
});

describe('xla score on one big file cut into parts', () => {
  const ROWS = 220_000;
  let big: string;
  let trap: string;

  /** Two parts of at least MIN_PART_BYTES. Comments quoted, some over two lines, CRLF line ends. */
  function bigFile(rows: number, comment: (i: number) => string): string {
    const lines = ticketRows(9, rows).map((line, i) => `${line},${comment(i)}`);
    return [`${HEADER},Comment`, ...lines, ''].join('\r\n');
  }

  beforeAll(() => {
    big = join(dir, 'big.csv');
    writeFileSync(
      big,
      bigFile(ROWS, (i) => (i % 7 === 0 ? '"late, then ""fixed""\r\nthanks"' : i === 150_000 ? 'bad"quote' : 'ok')),
    );
    // Around the middle, one quoted comment spans thousands of lines, each with an even number of
    // quotes: the cut looks fine there but falls inside the field.
    trap = join(dir, 'trap.csv');
    const longField = `"${Array.from({ length: 20_000 }, (_, i) => `line ${i} said ""yes"", then "" no ""`).join('\r\n')}"`;
    writeFileSync(
      trap,
      bigFile(ROWS, (i) => (i === ROWS / 2 - 2000 ? longField : 'ok')),
    );
    for (const file of [big, trap]) expect(statSync(file).size).toBeGreaterThan(2 * MIN_PART_BYTES);
  });

  /** With XLA_DEBUG=1, which says how the work was shared out; those lines are taken out of stderr. */
  function score(file: string, jobs: number, rejects: string, nodeOptions: readonly string[] = []): XlaRun & { debug: string[] } {
    const run = runXla(
      [
        'score',
        file,
        '--by',
        'Team',
        '--period',
        'month',
        '-t',
        'csat >= 60%',
        '--rejects',
        join(dir, rejects),
        '-f',
        'json',
        '-j',
        String(jobs),
      ],
      { env: { XLA_DEBUG: '1' }, nodeOptions },
    );
    const lines = run.stderr.split('\n');
    return {
      ...run,
      stderr: lines.filter((line) => !line.startsWith('xla: debug:')).join('\n'),
      debug: lines.filter((line) => line.startsWith('xla: debug:')),
    };
  }

  /** Reports equal but for the last bits of means merged from parts (counts and order statistics are exact). */
  function expectSameReport(actual: string, expected: string): void {
    const a = JSON.parse(actual) as JsonReport;
    const e = JSON.parse(expected) as JsonReport;
    expect(a.inputs).toEqual(e.inputs);
    expect(a.results.length).toBe(e.results.length);
    a.results.forEach((result, i) => {
      const other = e.results[i] as (typeof e.results)[number];
      expect([result.metric, result.segment, result.period, result.n]).toEqual([other.metric, other.segment, other.period, other.n]);
      if (result.value === null || other.value === null) expect(result.value).toBe(other.value);
      else expect(Math.abs(result.value - other.value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(other.value)));
    });
  }

  it('gives the report, stderr and rejects file of one thread, lines and record numbers included', () => {
    const one = score(big, 1, 'big-1.csv');
    const two = score(big, 2, 'big-2.csv');
    expect(one.debug).toEqual([]);
    expect(two.debug).toEqual([expect.stringMatching(/in 2 parts .* on 2 threads$/)]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expectSameReport(two.stdout, one.stdout);
    expect(two.stderr).toBe(one.stderr);
    const rejects = readFileSync(join(dir, 'big-2.csv'), 'utf8');
    expect(rejects).toBe(readFileSync(join(dir, 'big-1.csv'), 'utf8'));
    // Both parts rejected rows: Reopens = "lots" every 400th row, and the malformed record near the end.
    const rows = rejects.trim().split('\r\n').length > 1 ? rejects.trim().split('\r\n') : rejects.trim().split('\n');
    expect(rows.length - 1).toBe(Math.floor(ROWS / 400) + 1);
    // Row 150,000 (0-based; in the second part) is record 150,001, on line 2 + 150,000 + one more
    // line for each two-line comment before it (every 7th row).
    expect(rows.filter((line) => line.includes('quote inside an unquoted field'))).toEqual([
      expect.stringMatching(new RegExp(`^${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},${2 + 150_000 + Math.ceil(150_000 / 7)},150001,`)),
    ]);
  });

  it('says on stderr what one thread says without --rejects, where parts keep their first rejections and count the rest', () => {
    const run = (jobs: number): XlaRun =>
      runXla(['score', big, '--by', 'Team', '-f', 'json', '-j', String(jobs)], { env: { XLA_DEBUG: '1' } });
    const one = run(1);
    const two = run(2);
    const debug = (lines: string): string[] => lines.split('\n').filter((line) => line.startsWith('xla: debug:'));
    const said = (lines: string): string =>
      lines
        .split('\n')
        .filter((line) => !line.startsWith('xla: debug:'))
        .join('\n');
    expect(debug(two.stderr)).toEqual([expect.stringMatching(/in 2 parts .* on 2 threads$/)]);
    expect(two.code).toBe(0);
    expect(said(two.stderr)).toBe(said(one.stderr));
    // 550 rows with Reopens = "lots" and the malformed record: five shown, the rest counted.
    expect(said(two.stderr)).toContain(`xla: ${big}: ${Math.floor(ROWS / 400) + 1 - 5} more rejected values not shown`);
  });

  it('gives the same output where code may not be generated from strings (the plain loops), workers included', () => {
    const compiled = score(big, 2, 'big-compiled.csv');
    const plain = score(big, 2, 'big-plain.csv', ['--disallow-code-generation-from-strings']);
    expect(plain.debug).toEqual([expect.stringMatching(/in 2 parts .* on 2 threads$/)]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(compiled.stdout);
    expect(plain.stderr).toBe(compiled.stderr);
    expect(readFileSync(join(dir, 'big-plain.csv'), 'utf8')).toBe(readFileSync(join(dir, 'big-compiled.csv'), 'utf8'));
  });

  it('reads the file whole when a cut falls inside a quoted field, with the same output', () => {
    const one = score(trap, 1, 'trap-1.csv');
    const two = score(trap, 2, 'trap-2.csv');
    expect(two.debug).toEqual([expect.stringMatching(/in 2 parts/), expect.stringMatching(/a cut fell inside a quoted field/)]);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(readFileSync(join(dir, 'trap-2.csv'), 'utf8')).toBe(readFileSync(join(dir, 'trap-1.csv'), 'utf8'));
  });

  // Workers are started before the file is sniffed (their start-up overlaps it): a run that then
  // does not cut the file, or fails on it, must not wait for them or leave them running.
  it('scores a big file it cannot cut on one thread, the worker started for it left unused', () => {
    const ndjson = join(dir, 'big.ndjson');
    const names = HEADER.split(',');
    const rows = ticketRows(5, 130_000).map((line) =>
      JSON.stringify(Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell]))),
    );
    writeFileSync(ndjson, `${rows.join('\n')}\n`);
    expect(statSync(ndjson).size).toBeGreaterThan(2 * MIN_PART_BYTES);
    const run = score(ndjson, 2, 'ndjson-2.csv');
    expect(run.code).toBe(0);
    expect(run.debug).toEqual([]);
    expect((JSON.parse(run.stdout) as JsonReport).inputs[0]).toMatchObject({ rows: 130_000 });
  });

  it('fails on a big file with a bad header as one thread does: exit 2, no report, no worker left waiting', () => {
    const bad = join(dir, 'bad-header.csv');
    writeFileSync(bad, `"Ticket ID,Team\n${'x,y\n'.repeat(5_000_000)}`);
    expect(statSync(bad).size).toBeGreaterThan(2 * MIN_PART_BYTES);
    const run = score(bad, 2, 'bad-2.csv');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(bad);
  });
});
