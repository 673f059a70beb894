#!/usr/bin/env node
/**
 * The benchmark (`npm run bench`, after `npm run build`):
 *
 *   node bench/run.js [--sizes 100k,1m] [--runs N] [--contenders floor,xla-1,xla-1-calendar,xla,xla-parquet,mlr,duckdb,xla-survey-sql,xla-engine-duckdb]
 *                     [--seed 42] [--profile 1m | --no-profile] [--no-write | --render-only]
 *                     [--startup-runs 20 | --no-startup | --startup-only]
 *
 * For each size it generates bench/data/tickets-<size>.csv when missing, then times every
 * contender as a whole process, --runs times (default 5; 3 for sizes of 10M rows and more),
 * and reports the median wall time, the median CPU time and the largest peak RSS. Rounds are
 * interleaved (floor, xla, mlr, duckdb, floor, xla, …) so that drift on a shared machine hits
 * every contender alike. The timer brackets only the blocking spawn; the runner does nothing
 * while a contender runs, and checks outputs only after the timings.
 *
 * Results go to bench/results.json (one entry per size, so a 100k,1m rerun keeps an earlier 10M
 * entry) and bench/RESULTS.md is rendered from it; text between the notes markers in
 * RESULTS.md is kept across reruns. See bench/README.md.
 *
 * First, start-up: a small file scored --startup-runs times next to `node -e 0` (Node alone),
 * interleaved, each after one untimed run (which also leaves xla's code cache, bin/code-cache.js).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { SourceMap } from 'node:module';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCount } from './generate.js';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const DATA = join(BENCH, 'data');
const RESULTS_JSON = join(BENCH, 'results.json');
const RESULTS_MD = join(BENCH, 'RESULTS.md');
const GNU_TIME = '/usr/bin/time';
const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const args = {
    sizes: ['100k', '1m'],
    runs: undefined,
    contenders: ['floor', 'xla-1', 'xla-1-calendar', 'xla', 'xla-parquet', 'mlr', 'duckdb', 'xla-survey-sql', 'xla-engine-duckdb'],
    seed: 42,
    profile: '1m',
    write: true,
    startupRuns: 20,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      i += 1;
      if (argv[i] === undefined) throw new Error(`${flag} needs a value`);
      return argv[i];
    };
    if (flag === '--sizes') args.sizes = value().toLowerCase().split(',').filter(Boolean);
    else if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--contenders') args.contenders = value().split(',').filter(Boolean);
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--profile') args.profile = value().toLowerCase();
    else if (flag === '--no-profile') args.profile = undefined;
    else if (flag === '--no-write') args.write = false;
    else if (flag === '--render-only') args.renderOnly = true;
    else if (flag === '--startup-runs') args.startupRuns = Number(value());
    else if (flag === '--no-startup') args.startupRuns = 0;
    else if (flag === '--startup-only') args.sizes = [];
    else if (flag === '--help' || flag === '-h') {
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(2, 8)
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${flag} (see bench/README.md)`);
  }
  if (args.runs !== undefined && !(Number.isInteger(args.runs) && args.runs > 0)) throw new Error('--runs must be a positive whole number');
  if (!(Number.isInteger(args.startupRuns) && args.startupRuns >= 0)) throw new Error('--startup-runs must be a whole number');
  for (const size of args.sizes) parseCount(size);
  for (const id of args.contenders)
    if (!CONTENDERS[id]) throw new Error(`unknown contender ${id} (known: ${Object.keys(CONTENDERS).join(', ')})`);
  return args;
}

// ---------------------------------------------------------------------------------------------
// Contenders: how to run each, whether it is installed, and a sanity check of its output.

const XLA_ARGS = ['--by', 'team', '--period', 'month', '-f', 'json', '-q'];
const MLR_ARGS = [
  '--icsv',
  '--ojson',
  'put',
  '-f',
  'bench/aggregates.mlr',
  'then',
  'nest',
  '--explode',
  '--values',
  '--across-records',
  '-f',
  'cell',
  '--nested-fs',
  ';',
  'then',
  'stats1',
  '-i',
  '-a',
  'count,mean,p50,p90',
  '-f',
  'fr,res',
  '-g',
  'cell',
];

const SQL_ARGS = ['--kind', 'survey', '--metrics', 'nps,csat,csat.mean,ces,ces.easy', '--by', 'team', '-f', 'json', '-q'];

/**
 * The pushdown contenders answer another question than the p90 the others are cross-checked on:
 * their overall NPS is printed instead, for the reader to compare (it must be the same).
 */
function checkOverallNps(output) {
  const report = JSON.parse(output);
  const nps = report.results.find((r) => r.metric === 'nps' && Object.keys(r.segment).length === 0)?.value;
  if (typeof nps !== 'number') throw new Error('no overall NPS in the report');
  console.log(`  overall NPS ${nps}`);
  return undefined;
}

/** The overall p90 of resolution seconds in xla's JSON report, after checking the ticket count. */
function checkXla(output, rows) {
  const report = JSON.parse(output);
  const overall = (id) => report.results.find((r) => r.metric === id && Object.keys(r.segment).length === 0 && r.period === null);
  if (overall('tickets')?.value !== rows) throw new Error(`xla counted ${overall('tickets')?.value} tickets, expected ${rows}`);
  return overall('resolution_time.p90')?.value;
}

/**
 * Each contender's `argv(file)` is run with the project root as working directory and stdout
 * sent to a scratch file (never a terminal or a pipe the runner would have to drain).
 * `check(output, rows)` returns the overall p90 of resolution seconds (or the record count,
 * for the floor) so contenders can be compared with each other, or throws when it is wrong.
 */
const CONTENDERS = {
  floor: {
    label: 'floor (csv-parse)',
    argv: (file) => ['node', 'bench/floor.js', file],
    available: () => undefined,
    check(output, rows) {
      const count = Number(output.trim().split(' ')[0]);
      if (count !== rows + 1) throw new Error(`floor counted ${output.trim()}, expected ${rows + 1} records`);
      return undefined;
    },
  },
  // One thread: the single-threaded cost the issue compares with the floor.
  'xla-1': {
    label: 'xla score --jobs 1',
    argv: (file) => ['node', 'bin/xla.js', 'score', file, ...XLA_ARGS, '--jobs', '1'],
    available: () => (existsSync(join(ROOT, 'dist/cli/main.js')) ? undefined : 'dist/ missing: run npm run build'),
    check: (output, rows) => checkXla(output, rows),
  },
  // The xla-1 run with a calendar (bench/calendar.yml): durations and a per-priority SLA policy in
  // business time, with Bavarian public holidays. Issue 19 asks for at most 1.5× the xla-1 time.
  // Its durations are in working time, so it stays out of the p90 cross-check.
  'xla-1-calendar': {
    label: 'xla score --jobs 1, with a calendar',
    argv: (file) => ['node', 'bin/xla.js', 'score', file, ...XLA_ARGS, '--jobs', '1', '-c', 'bench/calendar.yml'],
    available: () => (existsSync(join(ROOT, 'dist/cli/main.js')) ? undefined : 'dist/ missing: run npm run build'),
    check(output, rows) {
      checkXla(output, rows);
      return undefined;
    },
  },
  // The default: one thread per core, the file cut into parts (at least 8 MiB each).
  xla: {
    label: 'xla score (all cores)',
    argv: (file) => ['node', 'bin/xla.js', 'score', file, ...XLA_ARGS],
    available: () => (existsSync(join(ROOT, 'dist/cli/main.js')) ? undefined : 'dist/ missing: run npm run build'),
    check: (output, rows) => checkXla(output, rows),
  },
  // Not in the default set: the same file read as a survey (nps, csat, ces from the same
  // columns), for the survey path's cost. A ticket file's nps column feeds no ticket metric.
  'xla-survey': {
    label: 'xla score --kind survey',
    argv: (file) => ['node', 'bin/xla.js', 'score', file, '--kind', 'survey', ...XLA_ARGS],
    available: () => (existsSync(join(ROOT, 'dist/cli/main.js')) ? undefined : 'dist/ missing: run npm run build'),
    check(output) {
      JSON.parse(output);
      return undefined;
    },
  },
  // The same tickets as a typed Parquet file (bench/parquet-twin.js, made with DuckDB before the
  // timings), one thread: Parquet is read row group by row group, never cut in parts.
  'xla-parquet': {
    label: 'xla score --jobs 1, Parquet twin',
    argv: (file) => ['node', 'bin/xla.js', 'score', parquetTwin(file), ...XLA_ARGS, '--jobs', '1'],
    available: () =>
      !existsSync(join(ROOT, 'dist/cli/main.js'))
        ? 'dist/ missing: run npm run build'
        : hasDuckDb()
          ? undefined
          : '@duckdb/node-api not installed (it writes the Parquet twin)',
    prepare: (file) => ensureParquetTwin(file),
    check: (output, rows) => checkXla(output, rows),
  },
  // The SQL pushdown (README "SQL pushdown") against the streaming engine on the same question:
  // the file read as a survey, the metrics the pushdown computes, by team. Both report the
  // overall NPS, which must agree to the last digit.
  'xla-survey-sql': {
    label: 'xla score --kind survey (pushdown metrics)',
    argv: (file) => ['node', 'bin/xla.js', 'score', file, ...SQL_ARGS],
    available: () => (existsSync(join(ROOT, 'dist/cli/main.js')) ? undefined : 'dist/ missing: run npm run build'),
    check: (output) => checkOverallNps(output),
  },
  'xla-engine-duckdb': {
    label: 'xla score --kind survey --engine duckdb',
    argv: (file) => ['node', 'bin/xla.js', 'score', file, ...SQL_ARGS, '--engine', 'duckdb'],
    available: () =>
      !existsSync(join(ROOT, 'dist/cli/main.js'))
        ? 'dist/ missing: run npm run build'
        : hasDuckDb()
          ? undefined
          : '@duckdb/node-api not installed (npm install @duckdb/node-api)',
    check: (output) => checkOverallNps(output),
  },
  mlr: {
    label: 'Miller (mlr)',
    argv: (file) => ['mlr', ...MLR_ARGS, file],
    available(rows) {
      if (spawnSync('mlr', ['--version']).status !== 0) return 'mlr not on PATH (apt-get install miller)';
      // stats1 keeps every duration as a boxed value: 5.8 GiB peak RSS at 1M rows here (about
      // 6 KB a row). Past 80% of the machine's memory the run would swap or be killed.
      const needed = rows * 6000;
      if (needed > 0.8 * totalmem()) {
        return `needs about ${Math.round(needed / 2 ** 30)} GiB (6 KB a row, measured at 1M rows), more than this machine's ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
      }
      return undefined;
    },
    check(output) {
      // Two JSON arrays back to back: the counts (emitted at the end) and stats1's output.
      const records = JSON.parse(
        `[${output
          .trim()
          .replace(/\]\s*\[/g, ',')
          .slice(1, -1)}]`,
      );
      return records.find((r) => r.cell === 'all,all' && 'res_p90' in r)?.res_p90;
    },
  },
  duckdb: {
    label: 'DuckDB',
    argv: (file) => ['node', 'bench/duckdb-aggregates.js', file],
    available: () => (hasDuckDb() ? undefined : '@duckdb/node-api not installed (npm install -D @duckdb/node-api)'),
    check(output) {
      const rows = JSON.parse(output);
      return rows.find((r) => r.team === 'all' && r.month === 'all')?.res_p50_p90?.[1];
    },
  },
};

function hasDuckDb() {
  try {
    import.meta.resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

/** The Parquet file beside a generated CSV (bench/data/tickets-1m.parquet). */
function parquetTwin(file) {
  return `${file.replace(/\.csv$/, '')}.parquet`;
}

/** Writes the Parquet twin of a generated CSV when it is missing (or older than the CSV). */
function ensureParquetTwin(file) {
  const twin = parquetTwin(file);
  if (existsSync(join(ROOT, twin)) && statSync(join(ROOT, twin)).mtimeMs >= statSync(join(ROOT, file)).mtimeMs) return;
  console.log(`writing ${twin} with DuckDB…`);
  const written = spawnSync('node', ['bench/parquet-twin.js', file], { cwd: ROOT, stdio: 'inherit' });
  if (written.status !== 0) throw new Error(`writing ${twin} failed`);
}

// ---------------------------------------------------------------------------------------------
// Measuring one process

/** Whether /usr/bin/time is GNU time (its -f and %M are what we rely on). */
function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' });
  return `${probe.stdout}${probe.stderr}`.includes('GNU');
}

/**
 * Runs argv once, stdout to `outFile`, and returns its wall seconds (from the runner's
 * monotonic clock: GNU time's %e has only 10 ms resolution), CPU seconds and peak RSS in KiB
 * (both from GNU time, undefined without it).
 */
function runOnce(argv, { scratch, gnuTime }) {
  const outFile = join(scratch, 'stdout');
  const errFile = join(scratch, 'stderr');
  const timeFile = join(scratch, 'time');
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const command = gnuTime ? [GNU_TIME, '-f', '%e %M %U %S', '-o', timeFile, ...argv] : argv;
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), { cwd: ROOT, stdio: ['ignore', out, err] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(out);
  closeSync(err);
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${argv.join(' ')} exited with ${result.status ?? result.signal}:\n${readFileSync(errFile, 'utf8').slice(0, 2000)}`);
  }
  let cpu;
  let rssKiB;
  if (gnuTime) {
    // The last line is ours; GNU time may put its own notes above it.
    const fields = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    rssKiB = fields[1];
    cpu = fields[2] + fields[3];
  }
  return { wall, cpu, rssKiB, outFile };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Reads a file once, so the first timed run does not pay for the disk and the others not. */
async function warmPageCache(file) {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  stream.resume();
  await once(stream, 'end');
}

// ---------------------------------------------------------------------------------------------
// Start-up

/** The small file of the start-up row: the bundled 13-line survey (one value rejected, on stderr). */
const STARTUP_FILE = 'fixtures/survey/responses.csv';
const STARTUP_CONTENDERS = [
  { id: 'node', label: 'node -e 0 (Node alone)', argv: ['node', '-e', '0'] },
  { id: 'xla', label: 'xla score (13-line survey)', argv: ['node', 'bin/xla.js', 'score', STARTUP_FILE, '-f', 'json', '-q'] },
];

/** Each start-up contender `runs` times, interleaved, after one untimed run each. */
function measureStartup(runs, { scratch, gnuTime, code }) {
  for (const c of STARTUP_CONTENDERS) runOnce(c.argv, { scratch, gnuTime });
  const loadBefore = loadavg()[0];
  const measured = STARTUP_CONTENDERS.map((c) => ({ ...c, walls: [], cpus: [], rss: [] }));
  for (let round = 0; round < runs; round += 1) {
    for (const c of measured) {
      const run = runOnce(c.argv, { scratch, gnuTime });
      c.walls.push(run.wall);
      if (run.cpu !== undefined) c.cpus.push(run.cpu);
      if (run.rssKiB !== undefined) c.rss.push(run.rssKiB);
    }
  }
  return {
    date: new Date().toISOString(),
    ...code,
    machine: machine(),
    runs,
    load: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0] * 100) / 100],
    contenders: measured.map((c) => ({
      id: c.id,
      label: c.label,
      command: c.argv.join(' '),
      median: median(c.walls),
      min: Math.min(...c.walls),
      max: Math.max(...c.walls),
      cpu: c.cpus.length ? median(c.cpus) : undefined,
      rssKiB: c.rss.length ? Math.max(...c.rss) : undefined,
    })),
  };
}

const STARTUP_HEADER = ['command', 'median s', 'min–max s', '×node', 'CPU s', 'peak RSS MiB'];

function startupRows(startup) {
  const node = startup.contenders.find((c) => c.id === 'node');
  return startup.contenders.map((c) => [
    c.label,
    fixed(c.median, 3),
    `${fixed(c.min, 3)}–${fixed(c.max, 3)}`,
    `${(c.median / node.median).toFixed(2)}×`,
    fixed(c.cpu, 2),
    c.rssKiB === undefined ? 'unknown' : grouped(c.rssKiB / 1024),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Data

function dataFile(size) {
  return join(DATA, `tickets-${size}.csv`);
}

function ensureData(size, seed) {
  const file = dataFile(size);
  if (existsSync(file)) return file;
  const rows = parseCount(size);
  console.log(`generating ${relative(ROOT, file)} (${rows.toLocaleString('en-US')} rows, seed ${seed})…`);
  const generated = spawnSync('node', ['bench/generate.js', '--rows', String(rows), '--seed', String(seed), '--out', file], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (generated.status !== 0) throw new Error(`generating ${file} failed`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// The machine and the code measured

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const os = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? process.platform;
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(availableParallelism());
  const packageVersion = (name) => {
    try {
      return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  const mlr = spawnSync('mlr', ['--version'], { encoding: 'utf8' });
  return {
    nproc: Number(nproc),
    cpu: model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${os}, Linux ${release()}`,
    node: process.version,
    csvParse: packageVersion('csv-parse'),
    papaparse: packageVersion('papaparse'),
    duckdb: packageVersion('@duckdb/node-api'),
    mlr: mlr.status === 0 ? mlr.stdout.trim().replace(/^mlr\s*/, '') : undefined,
  };
}

/** The commit measured, and whether src/ had uncommitted changes (read-only git calls). */
function codeVersion() {
  const git = (...args) => spawnSync('git', ['--no-optional-locks', ...args], { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return { commit: 'unknown', dirty: false };
  const status = git('status', '--porcelain', '--', 'src', 'bin', 'package.json');
  return { commit: head.stdout.trim(), dirty: status.stdout.trim() !== '' };
}

/** Newest modification time of the files under dir (to warn when dist/ is older than src/). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

// ---------------------------------------------------------------------------------------------
// The CPU profile of xla

/**
 * Runs xla once on one thread (--jobs 1: workers have profiles of their own) under --cpu-prof and sums self time per function (and per file) from the
 * .cpuprofile: each sample's time is the gap to the next sample, as Chrome's DevTools counts it.
 */
function profileXla(file, scratch) {
  const dir = join(scratch, 'profile');
  const out = openSync(join(scratch, 'profile.out'), 'w');
  const result = spawnSync('node', ['--cpu-prof', '--cpu-prof-dir', dir, 'bin/xla.js', 'score', file, ...XLA_ARGS, '--jobs', '1'], {
    cwd: ROOT,
    stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  if (result.status !== 0) throw new Error('profiling xla failed');
  const profile = JSON.parse(
    readFileSync(
      join(
        dir,
        readdirSync(dir).find((name) => name.endsWith('.cpuprofile')),
      ),
      'utf8',
    ),
  );

  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfByNode = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const gap = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + gap);
  }
  const original = sourceLocator();
  const where = (frame) => {
    if (!frame.url) return '';
    const path = frame.url.startsWith('file://') ? relative(ROOT, fileURLToPath(frame.url)) : frame.url;
    return path.replace(/^node_modules\//, '');
  };
  const byFunction = new Map();
  const byFile = new Map();
  let total = 0;
  for (const [id, micros] of selfByNode) {
    const frame = original(nodes.get(id));
    const file = where(frame) || frame.functionName;
    const name = `${frame.functionName || '(anonymous)'}${where(frame) ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
    total += micros;
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => ({ name, ms: Math.round(micros / 1000), share: micros / total }));
  return { totalMs: Math.round(total / 1000), functions: top(byFunction, 15), files: top(byFile, 10) };
}

/**
 * A call frame of the bundled binary (dist/bundle/, see rolldown.config.js) moved to the file and
 * line of tsc's output it was bundled from, through the chunk's source map, so that the profile
 * names dist/fields/row-builder.js and node_modules/papaparse, not one big chunk. Frames of other
 * files, or without a mapping, stay as they are.
 */
function sourceLocator() {
  const maps = new Map();
  const mapOf = (url) => {
    if (!maps.has(url)) {
      const path = fileURLToPath(url);
      maps.set(url, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : null);
    }
    return maps.get(url);
  };
  return (frame) => {
    if (!frame.url.startsWith('file://') || !frame.url.includes('/dist/bundle/')) return frame;
    const entry = mapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry?.originalSource === undefined) return frame;
    const url = new URL(entry.originalSource, frame.url).href;
    return { ...frame, url, lineNumber: entry.originalLine, columnNumber: entry.originalColumn };
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting

const fixed = (value, digits) => (value === undefined ? '–' : value.toFixed(digits));
const grouped = (value) => Math.round(value).toLocaleString('en-US');

/**
 * The median over rounds of (this contender's time ÷ the floor's time in the same round): on a
 * shared machine whose speed drifts, rounds pair up runs made under the same conditions.
 */
function pairedRatio(c, floor) {
  if (!floor || c.walls.length !== floor.walls.length) return undefined;
  return median(c.walls.map((wall, round) => wall / floor.walls[round]));
}

function tableRows(entry) {
  const floor = entry.contenders.find((c) => c.id === 'floor');
  return entry.contenders.map((c) => [
    c.label,
    grouped(entry.rows),
    fixed(c.median, 2),
    `${fixed(c.min, 2)}–${fixed(c.max, 2)}`,
    floor ? `${(c.median / floor.median).toFixed(2)}×` : '–',
    floor ? `${fixed(pairedRatio(c, floor), 2)}×` : '–',
    grouped(entry.rows / c.median),
    fixed(entry.bytes / 1e6 / c.median, 1),
    fixed(c.cpu, 2),
    c.rssKiB === undefined ? 'unknown' : grouped(c.rssKiB / 1024),
  ]);
}

const HEADER = ['contender', 'rows', 'median s', 'min–max s', '×floor', 'paired ×floor', 'rows/s', 'MB/s', 'CPU s', 'peak RSS MiB'];

function printTable(entry) {
  printRows(HEADER, tableRows(entry));
}

function printRows(header, body) {
  const rows = [header, ...body];
  const widths = header.map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '));
    if (index === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  }
}

function markdownTable(entry) {
  return markdownRows(HEADER, tableRows(entry));
}

function markdownRows(header, body) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of body) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function crossCheck(entry) {
  const values = entry.contenders.filter((c) => c.p90 !== undefined).map((c) => `${c.label} ${c.p90.toFixed(1)}`);
  if (values.length < 2) return '';
  const agree = new Set(entry.contenders.filter((c) => c.p90 !== undefined).map((c) => Math.round(c.p90 * 1000))).size === 1;
  return `Cross-check, overall p90 of resolution seconds: ${values.join(', ')} — ${agree ? 'all agree' : '**they differ**'}.`;
}

/** The calendar run against the same run without one (issue 19: at most 1.5×), by medians and paired by round. */
function calendarCost(entry) {
  const plain = entry.contenders.find((c) => c.id === 'xla-1');
  const timed = entry.contenders.find((c) => c.id === 'xla-1-calendar');
  if (!plain || !timed) return '';
  const paired =
    timed.walls.length === plain.walls.length ? median(timed.walls.map((wall, round) => wall / plain.walls[round])) : undefined;
  const ratio = timed.median / plain.median;
  return `With a calendar: ${ratio.toFixed(2)}× the time without one (medians), paired by round ${fixed(paired, 2)}× — ${ratio <= 1.5 ? 'within' : '**over**'} the 1.5× issue 19 allows.`;
}

const SIZE_ORDER = (a, b) => parseCount(a) - parseCount(b);

function renderMarkdown(results, previous) {
  const notes =
    previous.includes(NOTES_START) && previous.includes(NOTES_END)
      ? previous.slice(previous.indexOf(NOTES_START), previous.indexOf(NOTES_END) + NOTES_END.length)
      : `${NOTES_START}\nTODO (lead): what dominated, read from the profile above.\n${NOTES_END}`;
  const sizes = Object.keys(results.sizes).sort(SIZE_ORDER);
  const latest = sizes.map((size) => results.sizes[size]).sort((a, b) => b.date.localeCompare(a.date))[0];
  const m = latest?.machine ?? machine();
  const out = [];
  out.push('# Benchmark results', '');
  out.push('Written by `npm run bench` (bench/run.js) from bench/results.json; edit only between the notes markers.', '');
  out.push('## Machine', '');
  out.push(`- CPU: ${m.cpu}, ${m.nproc} cores (nproc)`);
  out.push(`- Memory: ${m.memoryGiB} GiB`);
  out.push(`- OS: ${m.os}`);
  out.push(
    `- Node.js ${m.node}; csv-parse ${m.csvParse} (the floor); papaparse ${m.papaparse ?? 'unknown'} (xla's fast path); Miller ${m.mlr ?? 'not installed'}; @duckdb/node-api ${m.duckdb ?? 'not installed'}`,
  );
  out.push('');
  out.push('## Method', '');
  out.push(
    '- Data: `node bench/generate.js --rows N --seed 42 --out bench/data/tickets-SIZE.csv` (ticket export with survey',
    '  scores: 8 teams, 12 months of 2024, P1–P4, log-normal durations, ~40% of optional cells empty, quoted comments',
    '  with commas and doubled quotes; ~105 bytes a row).',
  );
  out.push(
    "- Each contender runs as a whole process (`/usr/bin/time -f '%e %M %U %S'`), stdout to a scratch file, the",
    "  file already in the page cache; rounds are interleaved. **median s** is the median wall time (runner's monotonic",
    '  clock around the spawn), **CPU s** the median user+system time, **peak RSS** the largest maximum resident set',
    "  size over the runs. **×floor** = median ÷ the floor's median measured in the same run; **paired ×floor** =",
    "  median over rounds of (time ÷ the floor's time in that round), steadier when the machine's speed drifts",
    '  during a run (it does here: a shared 2-vCPU VM). MB = 10⁶ bytes of input.',
  );
  out.push(
    '- Commands (from the project root, FILE = bench/data/tickets-SIZE.csv; FILE.parquet = its typed Parquet twin,',
    '  bench/data/tickets-SIZE.parquet, written by bench/parquet-twin.js with DuckDB before the timings):',
  );
  for (const [id, c] of Object.entries(CONTENDERS)) {
    if (id === 'xla-survey' && !sizes.some((s) => results.sizes[s].contenders.some((x) => x.id === id))) continue;
    const argv = c.argv('FILE').map((arg) => (/^[\w./=,:@%+-]+$/.test(arg) ? arg : `'${arg}'`));
    out.push(`  - ${c.label}: \`${argv.join(' ')}\``);
  }
  out.push(
    '- What is computed: xla computes every metric the file feeds as a ticket export (12: tickets, backlog, CSAT',
    '  and CSAT mean, first-response and resolution mean/median/p90, SLA attainment, reopen rate), for each of',
    '  9 × 13 cells (all/8 teams × all/12 months), with intervals and period-over-period changes. Miller',
    '  (bench/aggregates.mlr) and DuckDB (bench/duckdb-aggregates.js) compute the same counts, means and',
    '  type-7 percentiles over the same cells, plus NPS components (promoters, detractors, answers); the',
    '  cross-check line compares one of those numbers across contenders. DuckDB uses every core by default.',
  );
  out.push('');
  out.push('## Results', '');
  const startup = results.startup;
  if (startup) {
    out.push('### Start-up — a small file', '');
    out.push(
      `Measured ${startup.date.slice(0, 16).replace('T', ' ')} UTC at commit ${startup.commit}${startup.dirty ? ' with uncommitted changes in src/' : ''}, ${startup.runs} runs each, interleaved, after one untimed run each (which leaves xla's code cache, bin/code-cache.js); 1-minute load average ${startup.load[0]} before, ${startup.load[1]} after. Commands: ${startup.contenders.map((c) => `\`${c.command}\``).join(', ')}.`,
      '',
      markdownRows(STARTUP_HEADER, startupRows(startup)),
      '',
    );
  }
  for (const size of sizes) {
    const entry = results.sizes[size];
    out.push(`### ${size.toUpperCase()} — ${grouped(entry.rows)} rows, ${(entry.bytes / 1e6).toFixed(1)} MB`, '');
    out.push(
      `Measured ${entry.date.slice(0, 16).replace('T', ' ')} UTC at commit ${entry.commit}${entry.dirty ? ' with uncommitted changes in src/' : ''}${entry.stale ? ' (dist/ older than src/)' : ''}, ${entry.runs} runs each; 1-minute load average ${entry.load[0]} before, ${entry.load[1]} after (the runs themselves keep one core busy, two for xla on all cores and DuckDB).`,
    );
    if (entry.machine.cpu !== m.cpu || entry.machine.nproc !== m.nproc)
      out.push(`On another machine: ${entry.machine.cpu}, ${entry.machine.nproc} cores.`);
    out.push('', markdownTable(entry), '');
    const check = crossCheck(entry);
    if (check) out.push(check, '');
    const cost = calendarCost(entry);
    if (cost) out.push(cost, '');
    if (entry.skipped.length) out.push(`Not run: ${entry.skipped.join('; ')}.`, '');
  }
  out.push('## Profile', '');
  const profile = results.profile;
  if (profile) {
    out.push(
      `\`node --cpu-prof bin/xla.js score FILE ${XLA_ARGS.join(' ')} --jobs 1\` on the ${profile.size.toUpperCase()} file,`,
      `${profile.date.slice(0, 16).replace('T', ' ')} UTC at commit ${profile.commit}${profile.dirty ? ' (uncommitted changes in src/)' : ''}: ${grouped(profile.totalMs)} ms sampled.`,
      '',
    );
    out.push('Top self time by function:', '', '| function (file:line) | self ms | share |', '| --- | ---: | ---: |');
    for (const f of profile.functions) out.push(`| \`${f.name}\` | ${grouped(f.ms)} | ${(f.share * 100).toFixed(1)}% |`);
    out.push('', 'Self time by file:', '', '| file | self ms | share |', '| --- | ---: | ---: |');
    for (const f of profile.files) out.push(`| \`${f.name}\` | ${grouped(f.ms)} | ${(f.share * 100).toFixed(1)}% |`);
  } else {
    out.push('TODO: no profile yet (`npm run bench` records one when it measures the 1M file, unless --no-profile).');
  }
  out.push('', '## What dominated', '', notes, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const gnuTime = hasGnuTime();
  if (!gnuTime) console.warn('bench: GNU time not found at /usr/bin/time; peak RSS and CPU time will be unknown');

  /** The contenders that can run at this many rows, and why the others cannot. */
  const select = (rows, quiet = false) => {
    const contenders = [];
    const skipped = [];
    for (const id of args.contenders) {
      const missing = CONTENDERS[id].available(rows);
      if (missing) {
        if (id === 'floor' || id.startsWith('xla')) throw new Error(missing);
        if (!quiet) console.warn(`bench: skipping ${id} at ${grouped(rows)} rows: ${missing}`);
        skipped.push(`${CONTENDERS[id].label}: ${missing}`);
      } else contenders.push({ id, ...CONTENDERS[id] });
    }
    return { contenders, skipped };
  };
  // What is measured is dist/ as built; the commit and src/ state are taken once, at the start.
  const code = { ...codeVersion(), stale: existsSync(join(ROOT, 'dist')) && newest(join(ROOT, 'src')) > newest(join(ROOT, 'dist')) };

  const results = existsSync(RESULTS_JSON) ? JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) : { sizes: {} };
  if (args.renderOnly) {
    writeResults(results);
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'xla-bench-'));
  const sizes = [...args.sizes].sort(SIZE_ORDER);
  if (code.stale) console.warn('bench: src/ is newer than dist/ — run npm run build first, or xla is measured as last built');
  try {
    if (args.startupRuns > 0) {
      console.log(`\nstart-up: ${STARTUP_FILE}, ${args.startupRuns} runs`);
      results.startup = measureStartup(args.startupRuns, { scratch, gnuTime, code });
      console.log('');
      printRows(STARTUP_HEADER, startupRows(results.startup));
      if (args.write) writeResults(results);
    }

    // One untimed run of each contender on the smallest file, so that the first timed run does
    // not also pay for loading Node, the modules and DuckDB's library from disk.
    const smallest = sizes[0];
    if (smallest !== undefined && parseCount(smallest) <= 1_000_000) {
      const file = relative(ROOT, ensureData(smallest, args.seed));
      for (const c of select(parseCount(smallest), true).contenders) {
        c.prepare?.(file);
        runOnce(c.argv(file), { scratch, gnuTime });
      }
    }

    for (const size of sizes) {
      const file = relative(ROOT, ensureData(size, args.seed));
      const rows = parseCount(size);
      const { contenders, skipped } = select(rows);
      const runs = args.runs ?? (rows >= 10_000_000 ? 3 : 5);
      for (const c of contenders) c.prepare?.(file);
      await warmPageCache(join(ROOT, file));
      if (contenders.some((c) => c.id === 'xla-parquet')) await warmPageCache(join(ROOT, parquetTwin(file)));
      // Other work on the machine shows up as noise; the load average says whether there was any.
      const loadBefore = loadavg()[0];
      console.log(`\n${file}: ${grouped(rows)} rows, ${(statSync(join(ROOT, file)).size / 1e6).toFixed(1)} MB, ${runs} runs`);

      const measured = contenders.map((c) => ({ ...c, walls: [], cpus: [], rss: [] }));
      for (let round = 1; round <= runs; round += 1) {
        for (const c of measured) {
          const run = runOnce(c.argv(file), { scratch, gnuTime });
          c.walls.push(run.wall);
          if (run.cpu !== undefined) c.cpus.push(run.cpu);
          if (run.rssKiB !== undefined) c.rss.push(run.rssKiB);
          // Checked on the last round only, outside the timings.
          if (round === runs) c.p90 = c.check(readFileSync(run.outFile, 'utf8'), rows);
          process.stdout.write(`  round ${round}/${runs} ${c.id.padEnd(10)} ${run.wall.toFixed(2)} s\n`);
        }
      }

      const entry = {
        date: new Date().toISOString(),
        ...code,
        machine: machine(),
        rows,
        bytes: statSync(join(ROOT, file)).size,
        runs,
        load: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0] * 100) / 100],
        skipped,
        contenders: measured.map((c) => ({
          id: c.id,
          label: c.label,
          median: median(c.walls),
          min: Math.min(...c.walls),
          max: Math.max(...c.walls),
          walls: c.walls.map((w) => Math.round(w * 1000) / 1000),
          cpu: c.cpus.length ? median(c.cpus) : undefined,
          rssKiB: c.rss.length ? Math.max(...c.rss) : undefined,
          p90: c.p90,
        })),
      };
      console.log('');
      printTable(entry);
      const check = crossCheck(entry);
      if (check) console.log(check.replaceAll('**', ''));
      const cost = calendarCost(entry);
      if (cost) console.log(cost.replaceAll('**', ''));
      results.sizes[size] = entry;
      // Saved size by size, so a failure at 10M does not lose the smaller sizes.
      if (args.write) writeResults(results);
    }

    // Profiled on the 1M file only (xla's per-row costs show there, and a 10M run should not
    // replace the 1M profile); --profile SIZE picks another.
    const size = args.profile;
    if (size && sizes.includes(size) && args.contenders.some((id) => id.startsWith('xla'))) {
      console.log(`\nprofiling xla on the ${size} file…`);
      results.profile = { size, date: new Date().toISOString(), ...code, ...profileXla(relative(ROOT, dataFile(size)), scratch) };
      for (const f of results.profile.functions.slice(0, 10)) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
      if (args.write) writeResults(results);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Saves results.json and renders RESULTS.md from it, keeping the notes written there. */
function writeResults(results) {
  writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2) + '\n');
  const previous = existsSync(RESULTS_MD) ? readFileSync(RESULTS_MD, 'utf8') : '';
  writeFileSync(RESULTS_MD, renderMarkdown(results, previous));
  console.log(`wrote ${relative(ROOT, RESULTS_MD)} and ${relative(ROOT, RESULTS_JSON)}`);
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(1);
}
