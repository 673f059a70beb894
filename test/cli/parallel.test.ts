/**
 * Several files scored on worker threads (`--jobs`) give exactly what one thread gives: the same
 * report, the same diagnostics in the same order, the same rejects file, the same failure.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { threadCount } from '../../src/score-jobs.js';
import { resultOf, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';

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
    return [`F${file}-${i}`, `Team ${1 + Math.floor(random() * 3)}`, new Date(created).toISOString(), new Date(resolved).toISOString(), `P${1 + Math.floor(random() * 4)}`, reopens, score].join(',');
  });
}

let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xla-parallel-'));
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
    'score', ...files, '--by', 'Team', '--period', 'month', '-t', 'csat >= 60%', '-t', 'resolution_time.p90 <= 2d', '--rejects', rejects, '-f', 'json', '-j', String(jobs),
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
    expect(rejected.map((line) => line.split(',')[0])).toEqual([...Array(3).fill(files[0]), ...Array(3).fill(files[1]), ...Array(4).fill(files[2])]);
    expect(rejected[0]).toContain(',401,');
  });

  it('merges the files into what one file holding all their rows gives', () => {
    const split = JSON.parse(runXla(args(2, join(dir, 'rejects-2.csv'))).stdout) as JsonReport;
    const whole = JSON.parse(runXla(['score', join(dir, 'all.csv'), '--by', 'Team', '--period', 'month', '-f', 'json']).stdout) as JsonReport;
    expect(split.inputs.map((input) => input.rows)).toEqual([1500, 1200, 1800]);
    for (const metric of ['tickets', 'reopen_rate', 'resolution_time.median', 'resolution_time.p90', 'csat']) {
      for (const segment of [{}, { Team: 'Team 2' }]) {
        const expected = resultOf(whole, metric, segment);
        const actual = resultOf(split, metric, segment);
        expect(actual.n).toBe(expected.n);
        // Counts and order statistics are exact; a mean merged from parts may differ in the last bits.
        expect(actual.value).toBeCloseTo(expected.value ?? Number.NaN, 12);
      }
    }
  });

  it('fails as one thread would: the first failing file in input order, exit 2, no report', () => {
    const broken = (name: string): string => {
      const path = join(dir, name);
      const records = Array.from({ length: 1200 }, (_, i) => `{"id":"${name}-${i}","created_at":"2024-01-01T00:00:00Z","resolved_at":"2024-01-02T00:00:00Z"}`);
      writeFileSync(path, `[\n${records.join(',\n')},\n{"id": }\n]\n`);
      return path;
    };
    const first = broken('broken-1.json');
    const second = broken('broken-2.json');
    for (const inputs of [[files[0] as string, first], [first, files[1] as string, second]]) {
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

describe('threadCount', () => {
  it.each([
    [['a.csv'], undefined, 8, 1],
    [['a.csv', '-'], undefined, 8, 1],
    [['a.csv', 'b.csv'], undefined, 8, 2],
    [['a.csv', 'b.csv', 'c.csv'], undefined, 2, 2],
    [['a.csv', 'b.csv', 'c.csv'], 1, 8, 1],
    [['a.csv', 'b.csv', 'c.csv'], 16, 2, 3],
  ])('%j, --jobs %s, %i cores → %i', (paths, requested, cores, expected) => {
    expect(threadCount(paths, requested, cores)).toBe(expected);
  });
});
