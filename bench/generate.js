#!/usr/bin/env node
/**
 * Seeded generator of a realistic ticket export with survey scores, for the benchmark.
 *
 *   node bench/generate.js --rows 1000000 --seed 42 --out bench/data/tickets-1m.csv
 *
 * Same --rows and --seed give the same bytes on every machine: the only randomness is a
 * mulberry32 PRNG (never Math.random), and timestamps are built from integer seconds.
 *
 * Columns are ones xla maps on its own (src/fields/catalog.ts):
 *   id,team,priority,created_at,first_response_at,resolved_at,reopen_count,made_sla,
 *   satisfaction,nps,ces,comment
 * - created_at spreads over the 12 months of 2024 (UTC, ISO-8601 with a Z);
 * - durations are log-normal, so medians and p90s differ and percentiles mean something;
 * - about 40% of the optional cells (everything after created_at except team/priority) are
 *   empty, survey cells included, with realistic correlation (unresolved tickets get no survey);
 * - comments are quoted, and some hold commas and doubled quotes.
 * The output is about 105 bytes a row (1M rows ≈ 105 MB) and is streamed with back-pressure,
 * so memory stays flat whatever --rows is. It is written to OUT.partial and renamed at the end,
 * so an interrupted run never leaves a truncated file that looks finished.
 */
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['Billing', 'Network', 'Desk', 'Security', 'Identity', 'Payments', 'Mobile', 'Platform'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
/** Cumulative share of each priority: few P1s, mostly P3s. */
const PRIORITY_CDF = [0.07, 0.25, 0.75, 1];
/** Median resolution time per priority, in seconds (P1 4h … P4 4 days). */
const RESOLUTION_MEDIAN = [4 * 3600, 12 * 3600, 36 * 3600, 96 * 3600];
/** SLA resolution target per priority, in seconds (P1 8h … P4 7 days). */
const SLA_TARGET = [8 * 3600, 24 * 3600, 72 * 3600, 168 * 3600];

const YEAR_START = Date.UTC(2024, 0, 1) / 1000;
const YEAR_SECONDS = Date.UTC(2025, 0, 1) / 1000 - YEAR_START;

/** Comment fragments: some with commas, some with quotes (doubled on output), a few plain. */
const OPENERS = [
  'Fixed quickly, thanks',
  'Took too long',
  'Agent was helpful, polite and fast',
  'Had to explain the issue twice',
  'The "workaround" did not work',
  'Great support',
  'Still waiting, honestly',
  'Closed without asking me',
  'Password reset, again',
  'They said "try restarting"',
];
const CLOSERS = [
  '',
  ' again.',
  ', would not recommend.',
  ', 10/10.',
  '. See ticket notes, p. 2.',
  ' - "resolved" my foot.',
  ', but the portal is slow.',
  '.',
];

function parseArgs(argv) {
  const args = { rows: 100_000, seed: 42, out: '' };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--rows') args.rows = parseCount(value);
    else if (flag === '--seed') args.seed = Number(value);
    else if (flag === '--out') args.out = value;
    else throw new Error(`unknown argument ${flag}`);
    i += 1;
  }
  if (!args.out) throw new Error('--out FILE is required');
  if (!Number.isInteger(args.rows) || args.rows < 0) throw new Error('--rows must be a whole number');
  if (!Number.isFinite(args.seed)) throw new Error('--seed must be a number');
  return args;
}

/** "1000000", "1m", "100k" and "10M" all work, so run.js can pass its size names through. */
export function parseCount(text) {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(String(text ?? ''));
  if (!match) throw new Error(`not a row count: ${text}`);
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2]];
  return Math.round(Number(match[1]) * scale);
}

/** ISO-8601 UTC with second precision and a Z ("2024-03-05T09:21:07Z"). */
function iso(seconds) {
  // toISOString gives milliseconds; exports rarely have them, and dropping them saves 4 bytes.
  return new Date(seconds * 1000).toISOString().slice(0, 19) + 'Z';
}

/** Builds one row generator over a seeded PRNG; each call returns a CSV line with "\n". */
function rowMaker(seed) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  // Box–Muller from two uniforms; the sine half is dropped to keep the stream simple.
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const logNormal = (median, sigma) => median * Math.exp(sigma * normal());

  return (index) => {
    const team = TEAMS[Math.floor(random() * TEAMS.length)];
    const u = random();
    let p = 0;
    while (u >= PRIORITY_CDF[p]) p += 1;
    const created = YEAR_START + Math.floor(random() * YEAR_SECONDS);

    // 15% still open: no resolution, no SLA verdict, no survey.
    const resolved = random() >= 0.15;
    const resolutionSeconds = Math.max(60, Math.round(logNormal(RESOLUTION_MEDIAN[p], 1.1)));
    // First response: median 45 min, heavy tail; never after resolution. 10% of rows lack one.
    const responseSeconds = Math.min(Math.max(30, Math.round(logNormal(45 * 60, 1.3))), resolutionSeconds);
    const hasResponse = random() >= 0.1;

    // Reopen count: 30% empty (many tools leave it blank rather than write 0).
    let reopens = '';
    if (random() >= 0.3) {
      const r = random();
      reopens = r < 0.85 ? '0' : r < 0.97 ? '1' : '2';
    }

    // SLA verdict for resolved tickets, mostly; a few resolved ones lack it too (≈20% empty).
    let madeSla = '';
    if (resolved && random() >= 0.06) madeSla = resolutionSeconds <= SLA_TARGET[p] ? 'true' : 'false';

    // Survey: about 53% of resolved tickets answer (≈45% of rows), happier when fast.
    let satisfaction = '';
    let nps = '';
    let ces = '';
    let comment = '';
    if (resolved && random() < 0.53) {
      const late = resolutionSeconds > SLA_TARGET[p];
      // Skewed towards content (sqrt of a uniform), lower when the SLA was missed: NPS ends up
      // near +10, CSAT near 70%, like a decent service desk, with every score value present.
      const mood = Math.sqrt(random()) * 0.9 + (late ? 0 : 0.15);
      satisfaction = String(Math.min(5, 1 + Math.floor(mood * 5)));
      nps = String(Math.min(10, Math.floor(mood * 11)));
      if (random() < 0.78) ces = String(Math.min(7, 1 + Math.floor(mood * 7)));
      if (random() < 0.67) {
        // Always quoted, as most exporters quote text; inner quotes are doubled per RFC 4180.
        const text = pick(OPENERS) + pick(CLOSERS);
        comment = '"' + text.replaceAll('"', '""') + '"';
      }
    }

    return (
      `TCK-${String(index + 1).padStart(8, '0')},${team},${PRIORITIES[p]},${iso(created)},` +
      `${hasResponse ? iso(created + responseSeconds) : ''},` +
      `${resolved ? iso(created + resolutionSeconds) : ''},` +
      `${reopens},${madeSla},${satisfaction},${nps},${ces},${comment}\n`
    );
  };
}

export async function generate({ rows, seed, out }) {
  const header = 'id,team,priority,created_at,first_response_at,resolved_at,reopen_count,made_sla,satisfaction,nps,ces,comment';
  await writeRows({ out, header, rows, makeRow: rowMaker(seed) });
}

/**
 * Writes `header` and `rows` lines from `makeRow(index)` (each ending in a newline) to OUT.partial
 * with back-pressure, and renames it to `out` once complete.
 */
export async function writeRows({ out, header, rows, makeRow }) {
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial);
  stream.write(`${header}\n`);
  // Rows are batched into ~100 KB strings: one write per row would spend the time in the stream.
  const BATCH = 1000;
  for (let start = 0; start < rows; start += BATCH) {
    let chunk = '';
    const end = Math.min(rows, start + BATCH);
    for (let i = start; i < end; i += 1) chunk += makeRow(i);
    // Back-pressure: wait for the stream to drain instead of queueing the whole file in memory.
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  renameSync(partial, out);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await generate(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`generate: ${error.message}`);
    process.exit(2);
  }
}
