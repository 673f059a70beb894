#!/usr/bin/env node
/**
 * The product-usage row of the benchmark (issue 21): `xla score` on a generated event log with
 * the usage metrics (active users, stickiness, new users), `--period month`, on one thread and on
 * every core, timed as whole processes with GNU time (wall, user CPU, peak RSS).
 *
 *   node bench/usage.js [--rows 10m] [--runs 1] [--seed 42]
 *
 * The file (bench/data/usage-<rows>.csv, gitignored) is generated on first use by
 * generate-usage.js. Prints a Markdown table for bench/RESULTS.md ("Product usage").
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCount } from './generate.js';
import { generateUsage } from './generate-usage.js';

const GNU_TIME = '/usr/bin/time';
const METRICS = 'active_users.dau,active_users.wau,active_users.mau,stickiness,new_users';

function parseArgs(argv) {
  const args = { rows: '10m', runs: 1, seed: 42 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i]} needs a value`);
    if (argv[i] === '--rows') args.rows = value;
    else if (argv[i] === '--runs') args.runs = Number(value);
    else if (argv[i] === '--seed') args.seed = Number(value);
    else throw new Error(`unknown flag ${argv[i]}`);
  }
  return args;
}

/** One timed run: wall s, user s, peak RSS MB; the report is checked to hold 13 dau results (all + 12 months). */
function timeRun(file, jobs, scratch) {
  const out = join(scratch, 'report.json');
  const times = join(scratch, 'time.txt');
  const argv = ['node', 'bin/xla.js', 'score', file, '--period', 'month', '--metrics', METRICS, '-f', 'json', '-q', '-o', out];
  if (jobs !== undefined) argv.push('--jobs', String(jobs));
  const result = spawnSync(GNU_TIME, ['-v', '-o', times, ...argv], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status ?? result.signal}`);
  const text = readFileSync(times, 'utf8');
  const field = (name) => {
    const line = text.split('\n').find((row) => row.trim().startsWith(name));
    return line === undefined ? Number.NaN : line.slice(line.lastIndexOf(': ') + 2).trim();
  };
  const [minutes, seconds] = String(field('Elapsed (wall clock) time')).split(':').slice(-2).map(Number);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const dau = report.results.filter((r) => r.metric === 'active_users.dau');
  if (dau.length !== 13) throw new Error(`expected 13 active_users.dau results, got ${dau.length}`);
  return {
    wall: minutes * 60 + seconds,
    user: Number(field('User time (seconds)')),
    rssMb: Number(field('Maximum resident set size (kbytes)')) / 1024,
    users: dau[0].n,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const rows = parseCount(args.rows);
  const file = `bench/data/usage-${args.rows.toLowerCase()}.csv`;
  if (!existsSync(file)) await generateUsage({ rows, seed: args.seed, out: file });
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is needed for peak RSS (Debian: apt-get install -y time)`);
  const scratch = mkdtempSync(join(tmpdir(), 'xla-usage-bench-'));
  try {
    console.log(`| contender | rows | wall s | user CPU s | peak RSS MB | users |`);
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
    for (const [label, jobs] of [
      ['xla --jobs 1', 1],
      ['xla (every core)', undefined],
    ]) {
      for (let run = 0; run < args.runs; run++) {
        const { wall, user, rssMb, users } = timeRun(file, jobs, scratch);
        console.log(
          `| ${label} | ${rows.toLocaleString('en-US')} | ${wall.toFixed(2)} | ${user.toFixed(2)} | ${rssMb.toFixed(0)} | ${users.toLocaleString('en-US')} |`,
        );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench/usage: ${error.message}`);
  process.exit(2);
}
