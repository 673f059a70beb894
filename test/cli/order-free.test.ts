/**
 * Issue 16, end to end with the built binary: a file just over the size at which one file is cut
 * in two parts (2 × MIN_PART_BYTES, scored on two threads with `--jobs 2`) gives the same JSON
 * report byte for byte on one thread and on two, in its own row order and shuffled; and a target
 * placed exactly at a value meets it every time (`xla check` exits 0). Before, a mean merged from
 * two parts could differ in its last digit from the one-thread mean and flip such a verdict.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PART_BYTES } from '../../src/run/parallel-jobs.js';
import { resultOf, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';
import { seeded } from '../seeded-random.js';
import { writeInBothOrders, type Order } from './both-orders.js';

const FOUR_HOURS_MS = 4 * 3_600_000;
const HEADER = 'id,team,created_at,resolved_at,satisfaction,comment';
// Long enough that the file passes 16 MiB with ~100,000 rows, short enough to write in a blink.
const COMMENT = '"Resolved after a call, thanks; the agent was patient and explained the fix, step by step, twice."';

/**
 * Rows in pairs that cancel around the target values: satisfaction 4.1 ± k/10 and durations
 * 4h ± r ms. So, by hand, the mean satisfaction is exactly 4.1 and the mean resolution time exactly
 * 4h — while the answers are one-decimal values (4.1 is not a binary fraction) and the durations
 * are milliseconds over 1000, whose running sums in doubles round differently in every order.
 */
function ticketRows(minBytes: number): string[] {
  const random = seeded(16);
  const rows: string[] = [];
  let bytes = HEADER.length + 1;
  for (let pair = 0; bytes < minBytes; pair++) {
    const tenths = Math.floor(random() * 10);
    const spread = Math.floor(random() * 3_600_000 * 3.5);
    const created = Date.UTC(2024, 0, 1) + Math.floor(random() * 180 * 86_400_000);
    const team = `Team ${1 + Math.floor(random() * 4)}`;
    for (const sign of [1, -1]) {
      const satisfaction = ((41 + sign * tenths) / 10).toFixed(1);
      const resolved = created + FOUR_HOURS_MS + sign * spread;
      const row = [`T${rows.length}`, team, new Date(created).toISOString(), new Date(resolved).toISOString(), satisfaction, COMMENT].join(
        ',',
      );
      rows.push(row);
      bytes += row.length + 1;
    }
  }
  return rows;
}

let root: string;

beforeAll(() => {
  // Past 2 × MIN_PART_BYTES, so that `--jobs 2` cuts the file in two.
  root = writeInBothOrders('xla-order-free-', 'tickets.csv', HEADER, ticketRows(2 * MIN_PART_BYTES + 64 * 1024), 99);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const TARGETS = [
  '-t',
  'csat.mean >= 4.1',
  '-t',
  'csat.mean <= 4.1',
  '-t',
  'resolution_time.mean == 4h',
  '-t',
  'resolution_time.mean >= 4h',
];

function check(order: Order, jobs: number) {
  return runXla(['check', 'tickets.csv', ...TARGETS, '--by', 'team', '--period', 'month', '-f', 'json', '--jobs', String(jobs)], {
    cwd: join(root, order),
    env: { XLA_DEBUG: '1' },
  });
}

describe('a file cut in parts on two threads, in any row order', () => {
  it('gives the report of one thread byte for byte, and meets targets placed exactly at its values', () => {
    expect(statSync(join(root, 'first-order', 'tickets.csv')).size).toBeGreaterThan(2 * MIN_PART_BYTES);
    const runs = [check('first-order', 1), check('first-order', 2), check('shuffled', 2), check('shuffled', 1)];
    const [reference] = runs;
    if (reference === undefined) throw new Error('no run');
    // Two threads did cut the file: XLA_DEBUG says how the work was shared out.
    expect(runs[1]?.stderr).toMatch(/tickets\.csv in 2 parts/);
    expect(runs[2]?.stderr).toMatch(/tickets\.csv in 2 parts/);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(reference.stdout);
    }
    const report = JSON.parse(reference.stdout) as JsonReport;
    expect(resultOf(report, 'csat.mean', {}).value).toBe(4.1);
    expect(resultOf(report, 'resolution_time.mean', {}).value).toBe(14_400);
    expect(report.summary).toMatchObject({ targets: 4, met: 4, status: 'pass' });
  }, 120_000);
});
