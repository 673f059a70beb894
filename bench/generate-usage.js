#!/usr/bin/env node
/**
 * Seeded generator of a product-analytics event log, for the usage row of the benchmark.
 *
 *   node bench/generate-usage.js --rows 10m --seed 42 --out bench/data/usage-10m.csv
 *
 * One row an event: `user_id,timestamp,event` (names xla maps on its own). 200,000 users, some
 * far busier than others (user = ⌊200,000 · r²⌋: the lowest ids are the heavy users), instants
 * uniform over the 366 days of 2024 (UTC, ISO-8601 with a Z), five event names. About 45 bytes a
 * row (10M rows ≈ 450 MB). Same --rows and --seed, same bytes; streamed with back-pressure and
 * renamed from OUT.partial when complete, as generate.js does.
 */
import { fileURLToPath } from 'node:url';
import { mulberry32, parseCount, writeRows } from './generate.js';

const USERS = 200_000;
const EVENTS = ['app_open', 'page_view', 'search', 'report_export', 'settings_save'];
const YEAR_START = Date.UTC(2024, 0, 1) / 1000;
const YEAR_SECONDS = Date.UTC(2025, 0, 1) / 1000 - YEAR_START;

function rowMaker(seed) {
  const random = mulberry32(seed);
  return () => {
    const r = random();
    const user = Math.floor(USERS * r * r);
    const second = YEAR_START + Math.floor(random() * YEAR_SECONDS);
    const event = EVENTS[Math.floor(random() * EVENTS.length)];
    return `u${user},${new Date(second * 1000).toISOString().slice(0, 19)}Z,${event}\n`;
  };
}

export async function generateUsage({ rows, seed, out }) {
  await writeRows({ out, header: 'user_id,timestamp,event', rows, makeRow: rowMaker(seed) });
}

function parseArgs(argv) {
  const args = { rows: 1_000_000, seed: 42, out: 'bench/data/usage-1m.csv' };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i]} needs a value`);
    if (argv[i] === '--rows') args.rows = parseCount(value);
    else if (argv[i] === '--seed') args.seed = Number(value);
    else if (argv[i] === '--out') args.out = value;
    else throw new Error(`unknown flag ${argv[i]}`);
  }
  return args;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await generateUsage(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`generate-usage: ${error.message}`);
    process.exit(2);
  }
}
