import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_SCALES } from '../fields/types.js';
import { scoreInputs } from '../pipeline.js';
import type { ScoreOptions } from '../pipeline.js';
import { formatFromExtension, formatReport } from '../report/registry.js';
import type { CliIO, CommandState } from './main.js';
import {
  collect, parseApdexT, parseBound, parseConfidence, parseDecimal, parseFormat, parseKind, parseMaps, parsePeriod,
  parseTimeZone, parseWhere, splitList,
} from './options.js';
import { emitReport, shouldColor } from './output.js';

interface ScoreFlags {
  kind?: string;
  map: string[];
  metrics?: string[];
  by?: string[];
  period?: string;
  from?: string;
  to?: string;
  where: string[];
  confidence?: string;
  apdexT?: string;
  tz?: string;
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  dateFormat?: string;
  format?: string;
  output?: string;
  quiet?: boolean;
  color?: boolean;
}

export function registerScoreCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('score')
    .description('compute the scorecard of every metric the data can feed (exit 0 unless the call or the input is bad)')
    .argument('[files...]', 'CSV, TSV, JSON or NDJSON files; - reads standard input')
    .option('-k, --kind <kind>', 'survey | tickets | analytics (default: detected from the columns)')
    .option('-m, --map <field=column>', 'feed a canonical field from the named column (repeatable)', collect, [])
    .option('--metrics <ids>', 'only these metrics, comma-separated (see xla metrics)', collect)
    .option('--by <columns>', 'break results down by these columns, comma-separated (any column; "source" = file)', collect)
    .option('--period <period>', 'also break results down by day | week | month | quarter | year (ISO weeks)')
    .option('--from <date>', 'only rows dated on or after this (2024-01-01, 2024-01, 2024, or ISO time)')
    .option('--to <date>', 'only rows dated before this (exclusive end)')
    .option('--where <column=value>', 'only rows whose column holds this value (repeatable; same column = any of)', collect, [])
    .option('--confidence <level>', 'confidence level of intervals, e.g. 0.9 or 90%; 0 turns them off', '0.95')
    .option('--apdex-t <duration>', 'Apdex threshold T, e.g. 500ms or 1.2s', '500ms')
    .option('--tz <zone>', 'IANA time zone for timestamps without an offset and for periods', 'UTC')
    .option('--delimiter <char>', 'CSV delimiter (default: sniffed from the header among , ; tab |)')
    .option('--encoding <name>', 'text encoding of the inputs (default utf-8)')
    .option('--decimal <mark>', 'decimal mark of numbers: . or ,', '.')
    .option('--date-format <pattern>', 'date-fns pattern for timestamps that are not ISO 8601, e.g. dd.MM.yyyy HH:mm')
    .option('-f, --format <format>', 'table | json | ndjson | csv (default: table, or from the -o extension)')
    .option('-o, --output <file>', 'write the report to this file, atomically')
    .option('-q, --quiet', 'print only errors on stderr')
    .action(async (files: string[], flags: ScoreFlags, command: Command) => {
      const globals = command.optsWithGlobals<{ color?: boolean }>();
      const options = toScoreOptions(files, flags, io);
      const report = await scoreInputs(options);
      const format = parseFormat(flags.format) ?? (flags.output === undefined ? undefined : formatFromExtension(flags.output)) ?? 'table';
      const toFile = flags.output !== undefined && flags.output !== '-';
      const text = formatReport(report, format, {
        color: shouldColor(io, { toFile, ...(globals.color === false ? { color: false } : {}) }),
        confidence: options.confidence,
      });
      await emitReport(io, text, flags.output);
      state.exitCode = 0;
    });
}

function resolveInputs(files: readonly string[], io: CliIO): string[] {
  if (files.length > 0) return [...files];
  if (io.stdin.isTTY === true) throw new UsageError('no input files', 'give one or more files, or pipe data in and use - for standard input');
  return ['-'];
}

function toScoreOptions(files: readonly string[], flags: ScoreFlags, io: CliIO): ScoreOptions {
  const tz = parseTimeZone(flags.tz);
  const metrics = splitList(flags.metrics);
  return {
    inputs: resolveInputs(files, io),
    stdin: io.stdin,
    kind: parseKind(flags.kind),
    map: parseMaps(flags.map),
    read: {
      ...(flags.delimiter === undefined ? {} : { delimiter: flags.delimiter }),
      ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
    },
    decimal: parseDecimal(flags.decimal),
    dateFormat: flags.dateFormat,
    tz,
    metrics: metrics.length === 0 ? undefined : metrics,
    by: splitList(flags.by),
    period: parsePeriod(flags.period),
    from: parseBound(flags.from, '--from', tz),
    to: parseBound(flags.to, '--to', tz),
    where: parseWhere(flags.where),
    confidence: parseConfidence(flags.confidence),
    apdexT: parseApdexT(flags.apdexT),
    scales: DEFAULT_SCALES,
    title: null,
    onDiagnostic: flags.quiet === true ? () => undefined : (message) => io.stderr.write(`${message}\n`),
  };
}
