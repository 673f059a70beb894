/**
 * The options `score` and `check` share: flags, the XLA file they may load, and how the two
 * combine into one ScoreOptions (flags override the file; files on the command line are added to
 * the file's sources).
 */
import type { Command } from 'commander';
import { ConfigError, UsageError } from '../errors.js';
import type { BaselineReport } from '../scorecard/baseline.js';
import type { TargetRule } from '../scorecard/rules.js';
import { findConfigFile } from '../config/find.js';
import { parseTargetFlag } from '../config/target.js';
import type { SourceDef, XlaConfig } from '../config/types.js';
import type { LabelMap } from '../fields/label-scales.js';
import { DEFAULT_SCALES } from '../fields/types.js';
import type { Scales } from '../fields/types.js';
import { pathExists } from '../io/path-exists.js';
import { DEFAULT_APDEX_T } from '../metrics/analytics.js';
import { FORMAT_NAMES } from '../report/registry.js';
import { DEFAULT_CONFIDENCE } from '../stats/intervals.js';
import type { ScoreOptions, SourceInput } from '../run/score-inputs.js';
import type { BusinessHoursRule } from '../time/business-time.js';
import type { CliIO } from './context.js';
import { writeErrorLine } from './stderr.js';
import {
  collect,
  KIND_CHOICES,
  parseApdexT,
  parsePopulation,
  parseAsOf,
  parseConfidence,
  parseDateRange,
  parseDecimal,
  parseFormat,
  parseJobs,
  parseKind,
  parseMaps,
  parsePeriod,
  parseTimeZone,
  parseValues,
  parseWhere,
  parseJoin,
  splitList,
  readOptionsOf,
} from './options.js';

export interface RunFlags {
  config?: string;
  target: string[];
  kind?: string;
  map: string[];
  values: string[];
  metrics?: string[];
  by?: string[];
  rank?: boolean;
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  businessHours?: boolean;
  where: string[];
  join?: string;
  confidence?: string;
  apdexT?: string;
  population?: string;
  tz?: string;
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  dateFormat?: string;
  format?: string;
  output?: string;
  quiet?: boolean;
  allowNoData?: boolean;
  baseline?: string;
  preset?: string;
  strict?: boolean;
  rejects?: string;
  jobs?: string;
  engine?: string;
  fromSql?: string;
}

/** Options without defaults in commander, so that "not given" can fall back to the XLA file. */
export function addRunOptions(command: Command): Command {
  return command
    .argument('[files...]', 'CSV, TSV, JSON or NDJSON files; - reads standard input')
    .option('-c, --config <file>', 'XLA definition (default: xla.config.yml, .yaml or .json in the working directory)')
    .option(
      '-t, --target <target>',
      'an ad-hoc target, e.g. "nps >= 30", "resolution_time.p90 <= 8h", or "nps change >= -2" against --baseline (repeatable)',
      collect,
      [],
    )
    .option('-k, --kind <kind>', `${KIND_CHOICES} (default: detected from the columns)`)
    .option('-m, --map <field=column>', 'feed a canonical field from the named column (repeatable)', collect, [])
    .option(
      '--values <field=labels>',
      'answer labels and their scores, e.g. "csat=Excellent:5,Good:4,OK:3" (repeatable; a comma in a label is \\,)',
      collect,
      [],
    )
    .option('--metrics <ids>', 'only these metrics, comma-separated (see xla metrics)', collect)
    .option('--by <columns>', 'break results down by these columns, comma-separated (any column; "source" = file)', collect)
    .option('--rank', 'rank the --by segments of each metric, flagging those outside funnel-plot limits around the overall value')
    .option('--period <period>', 'also break results down by day | week | month | quarter | year (ISO weeks)')
    .option('--from <date>', 'only rows dated on or after this (2024-01-01, 2024-01, 2024, or ISO time)')
    .option('--to <date>', 'only rows dated before this (exclusive end)')
    .option(
      '--as-of <time>',
      'the instant that decides "still open" for backlog and SLAs, and that data.freshness measures from: a date, a time, or now (default: --to, else the newest stamp in the data)',
    )
    .option(
      '--business-hours',
      'count first_response_time.*, resolution_time.* and SLA targets in working time, by the calendar(s) of the XLA file',
    )
    .option('--where <column=value>', 'only rows whose column holds this value (repeatable; same column = any of)', collect, [])
    .option(
      '--join <survey=tickets>',
      "join survey responses to tickets on these columns (default: the survey's ticket_id = the tickets' id)",
    )
    .option('--confidence <level>', `confidence level of intervals, e.g. 0.9 or 90%; 0 turns them off (default ${DEFAULT_CONFIDENCE})`)
    .option('--apdex-t <duration>', `Apdex threshold T, e.g. 500ms or 1.2s (default ${DEFAULT_APDEX_T * 1000}ms)`)
    .option('--population <n>', 'everyone who could use the product: the denominator of adoption_rate (config population)')
    .option('--tz <zone>', 'IANA time zone for timestamps without an offset and for periods (default UTC)')
    .option('--delimiter <char>', 'CSV delimiter (default: sniffed from the header among , ; tab |)')
    .option('--encoding <name>', 'text encoding of the inputs (default: sniffed: a BOM, else UTF-8, else a legacy code page)')
    .option('--decimal <mark>', 'decimal mark of numbers: . or , (default: detected per column)')
    .option(
      '--date-format <pattern>',
      'date-fns pattern for timestamps, e.g. dd.MM.yyyy HH:mm, d-MMM-yy or MMM d, yyyy (default: detected per column)',
    )
    .option('--preset <id>', 'read the inputs as this known export (default: detected from the header; see xla inspect)')
    .option('--strict', 'any rejected row or value is an error (exit 2)')
    .option('--rejects <file>', 'write every rejected row and value, with line and reason, to this CSV file')
    .option('--allow-no-data', 'targets without data warn instead of failing')
    .option('--baseline <report.json>', 'a previous JSON report that targets with change: compare with (config baseline)')
    .option('-f, --format <format>', `${FORMAT_NAMES.join(' | ')} (default: table, or from the -o extension)`)
    .option('-o, --output <file>', 'write the report to this file, atomically')
    .option('-q, --quiet', 'print only errors on stderr')
    .option('--engine <engine>', 'streaming | duckdb: run the SQL pushdown in embedded DuckDB (README "SQL pushdown"; default streaming)')
    .option('--from-sql <file>', 'report from the rows an SQL engine returned for `xla sql`, saved as CSV (no data files)')
    .option(
      '-j, --jobs <n>',
      'threads to use: several files one per thread, a CSV file of 16 MiB or more cut into parts (default: one per core; 1 = one thread)',
    );
}

/** The explicit `-c` file, else the one in the working directory, else none. */
export function runConfigPath(flags: RunFlags, io: CliIO): string | undefined {
  return flags.config ?? findConfigFile(io.cwd, pathExists);
}

async function loadRunConfig(flags: RunFlags, io: CliIO): Promise<XlaConfig | null> {
  const path = runConfigPath(flags, io);
  if (path === undefined) return null;
  // Loaded only when there is a file to read: yaml and zod would slow every start (bench/RESULTS.md, "Lazy config loading").
  const { loadConfig } = await import('../config/load.js');
  return loadConfig(path);
}

export async function toScoreOptions(files: readonly string[], flags: RunFlags, io: CliIO): Promise<ScoreOptions> {
  // The format is used once the inputs are read; a typo in it should not wait that long.
  parseFormat(flags.format);
  const config = await loadRunConfig(flags, io);
  const tz = parseTimeZone(flags.tz ?? config?.timezone);
  const metrics = splitList(flags.metrics);
  const scales = mergeScales(DEFAULT_SCALES, config?.scales ?? {});
  const configSources = (config?.sources ?? []).map((source) => fromConfigSource(source, scales, flags, io));
  if (flags.fromSql !== undefined && (files.length > 0 || configSources.length > 0)) {
    throw new UsageError('--from-sql reads the rows an SQL engine returned, not data files', 'drop the files, or drop --from-sql');
  }
  // --from-sql reads its rows, not data: no input, not even standard input.
  const inputs = flags.fromSql === undefined ? resolveInputs(files, configSources.length > 0, io) : [];
  const cliSources = inputs.map((path) => fromFlags(path, scales, flags, io));
  const sources = [...configSources, ...cliSources];
  const { from, to } = parseDateRange(flags.from, flags.to, tz);
  const by = flags.by === undefined ? (config?.by ?? []) : splitList(flags.by);
  if (flags.rank === true && by.length === 0) {
    throw new UsageError('--rank orders the segments of --by, and there is no --by', 'e.g. --by team --rank');
  }
  const targets = [...(config?.targets ?? []), ...flags.target.map(parseTargetFlag)];
  const asOf = flags.asOf === undefined ? parseAsOf(config?.asOf, tz, Date.now(), 'as_of') : parseAsOf(flags.asOf, tz, Date.now());
  return {
    sources,
    stdin: io.stdin,
    tz,
    metrics: metrics.length === 0 ? undefined : metrics,
    by,
    rank: flags.rank === true,
    period: parsePeriod(flags.period) ?? config?.period ?? null,
    from,
    to,
    asOf,
    where: parseWhere(flags.where),
    confidence: flags.confidence === undefined ? (config?.confidence ?? DEFAULT_CONFIDENCE) : parseConfidence(flags.confidence),
    netIntervalMethod: config?.method,
    customers: config?.customers,
    apdexT: flags.apdexT === undefined ? (config?.apdexT ?? DEFAULT_APDEX_T) : parseApdexT(flags.apdexT),
    population: flags.population === undefined ? config?.population : parsePopulation(flags.population),
    scales: agreedScales(scales, sources),
    sla: config?.sla ?? {},
    slaFirstResponse: config?.slaFirstResponse ?? {},
    selfServiceChannels: config?.selfServiceChannels ?? [],
    businessHours: await businessHoursRule(config, flags.businessHours === true),
    join: parseJoin(flags.join) ?? (config?.join === undefined ? undefined : { ...config.join, origin: 'join' }),
    targets,
    baseline: await loadBaseline(
      flags.baseline ?? config?.baseline,
      targets,
      io,
      sources.some((source) => source.path === '-'),
    ),
    composites: config?.composites ?? [],
    allowNoData: flags.allowNoData === true,
    jobs: parseJobs(flags.jobs),
    title: config?.title ?? null,
    onDiagnostic: flags.quiet === true ? () => undefined : (message) => writeErrorLine(io, message),
    onDebug: io.env.XLA_DEBUG === '1' ? (message) => writeErrorLine(io, message) : undefined,
  };
}

/**
 * The baseline report change targets compare with. Without one they have no verdict (no data),
 * so the first run can make the baseline; a baseline no target uses is read anyway, so that a
 * bad path still fails, and a warning says it changes nothing.
 */
export async function loadBaseline(
  path: string | undefined,
  targets: readonly TargetRule[],
  io: CliIO,
  readsStdin = false,
): Promise<BaselineReport | undefined> {
  if (path === undefined) return undefined;
  if (path === '-' && readsStdin) {
    throw new UsageError('--baseline - and the data both read standard input', 'give the baseline report as a file');
  }
  // Loaded here, not at start-up: the report reader brings the report schema (zod) with it.
  const { readReport } = await import('../io/read-report.js');
  const { report } = await readReport(path, io.stdin, 'baseline');
  if (!targets.some((target) => target.change !== undefined)) {
    writeErrorLine(io, `xla: warning: --baseline ${path}: no target has change:, so the baseline changes nothing`);
  }
  return { name: path, targets: report.targets, results: report.results };
}

/** The calendars' rule when business time is on (the XLA file, or `--business-hours` with the file's calendars). */
async function businessHoursRule(config: XlaConfig | null, flag: boolean): Promise<BusinessHoursRule | undefined> {
  const setting = config?.businessHours ?? { kind: 'none' };
  if (!flag) return setting.kind === 'ready' && setting.enabled ? setting.rule : undefined;
  // Loaded only for --business-hours: the calendars' module brings the config schema (zod) with it.
  const { businessHoursProblem } = await import('../config/business-hours.js');
  const problem = businessHoursProblem(setting);
  if (problem !== undefined) throw new UsageError(`--business-hours: ${problem}`, 'README, "Business hours and SLA policies"');
  return setting.kind === 'ready' ? setting.rule : undefined;
}

function resolveInputs(files: readonly string[], hasConfigSources: boolean, io: CliIO): string[] {
  if (files.length > 0 || hasConfigSources) return [...files];
  if (io.stdin.isTTY === true)
    throw new UsageError('no input files', 'give one or more files, list sources in xla.config.yml, or pipe data in');
  return ['-'];
}

function fromFlags(path: string, scales: Scales, flags: RunFlags, io: CliIO): SourceInput {
  return {
    path,
    kind: parseKind(flags.kind),
    map: parseMaps(flags.map),
    read: readOptionsOf(flags.delimiter, flags.encoding, io.env),
    decimal: parseDecimal(flags.decimal),
    dateFormat: flags.dateFormat,
    preset: flags.preset,
    scales,
    values: parseValues(flags.values, scales),
  };
}

/** A source from the XLA file; read flags given on the command line still win. */
function fromConfigSource(source: SourceDef, scales: Scales, flags: RunFlags, io: CliIO): SourceInput {
  const delimiter = flags.delimiter ?? source.delimiter;
  const encoding = flags.encoding ?? source.encoding;
  return {
    path: source.path,
    kind: parseKind(flags.kind) ?? source.kind,
    map: [...source.map, ...parseMaps(flags.map)],
    read: readOptionsOf(delimiter, encoding, io.env),
    decimal: parseDecimal(flags.decimal) ?? source.decimal,
    dateFormat: flags.dateFormat ?? source.dateFormat,
    preset: flags.preset ?? source.preset,
    scales: mergeScales(scales, source.scales),
    units: source.units,
    values: withValueFlags(source.values, parseValues(flags.values, mergeScales(scales, source.scales))),
  };
}

/** A field given with `--values` takes the flag's labels instead of the source's `values:` for it. */
function withValueFlags(configured: readonly LabelMap[], flags: readonly LabelMap[]): LabelMap[] {
  const flagged = new Set(flags.map((map) => map.field));
  return [...configured.filter((map) => !flagged.has(map.field)), ...flags];
}

function mergeScales(base: Scales, overrides: Partial<Scales>): Scales {
  return { ...base, ...overrides };
}

/**
 * Metrics pool every source's answers, so their scales must agree: a CSAT of 4 means top-2-box
 * on 1–5 but not on 1–7.
 */
function agreedScales(global: Scales, sources: readonly SourceInput[]): Scales {
  const agreed: Scales = { ...global };
  for (const key of Object.keys(global) as (keyof Scales)[]) {
    const distinct = new Set(sources.map((source) => (source.scales ?? global)[key].join('–')));
    if (distinct.size > 1) {
      throw new ConfigError(`sources use different ${key} scales (${[...distinct].join(', ')}), which cannot be pooled`, {
        hint: 'score them in separate runs, or set one scale for all',
      });
    }
    const only = sources[0]?.scales?.[key];
    if (only !== undefined) agreed[key] = only;
  }
  return agreed;
}
