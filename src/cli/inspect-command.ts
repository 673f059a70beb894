import type { Command } from 'commander';
import { DEFAULT_SCALES } from '../fields/types.js';
import { inspectSource } from '../run/inspect-source.js';
import { formatInspect } from '../report/inspect.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';
import {
  collect,
  KIND_CHOICES,
  parseDecimal,
  parseKind,
  parseMaps,
  parseTableOrJson,
  parseTimeZone,
  parseValues,
  readOptionsOf,
} from './options.js';
import { STDOUT, STDOUT_OUTPUT, namedInput, refuseClashes, shouldColor, writeOutput } from './output.js';

interface InspectFlags {
  kind?: string;
  map: string[];
  values: string[];
  preset?: string;
  delimiter?: string;
  encoding?: string;
  decimal?: string;
  dateFormat?: string;
  tz?: string;
  format: string;
}

export function registerInspectCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('inspect')
    .description('show how a file is read: format, encoding, header rows, preset, kind, which column feeds which field, rejected rows')
    .argument('<file>', 'a CSV, TSV, JSON or NDJSON file; - reads standard input')
    .option('-k, --kind <kind>', `${KIND_CHOICES} (default: detected)`)
    .option('-m, --map <field=column>', 'feed a canonical field from the named column (repeatable)', collect, [])
    .option('--values <field=labels>', 'answer labels and their scores, e.g. "csat=Excellent:5,Good:4" (repeatable)', collect, [])
    .option('--preset <id>', 'read the file as this known export (default: detected)')
    .option('--delimiter <char>', 'CSV delimiter (default: sniffed)')
    .option('--encoding <name>', 'text encoding (default: sniffed: a BOM, else UTF-8, else a legacy code page)')
    .option('--decimal <mark>', 'decimal mark: . or , (default: detected per column)')
    .option(
      '--date-format <pattern>',
      'date-fns pattern for timestamps, e.g. dd.MM.yyyy HH:mm, d-MMM-yy or MMM d, yyyy (default: detected per column)',
    )
    .option('--tz <zone>', 'IANA time zone for timestamps without an offset (default UTC)')
    .option('-f, --format <format>', 'table | json', 'table')
    .action(async (file: string, flags: InspectFlags, command: Command) => {
      const format = parseTableOrJson(flags.format);
      await refuseClashes(io, [STDOUT_OUTPUT], [namedInput(file)]);
      const report = await inspectSource(
        {
          path: file,
          kind: parseKind(flags.kind),
          preset: flags.preset,
          map: parseMaps(flags.map),
          values: parseValues(flags.values, DEFAULT_SCALES),
          read: readOptionsOf(flags.delimiter, flags.encoding, io.env),
          decimal: parseDecimal(flags.decimal),
          dateFormat: flags.dateFormat,
        },
        { tz: parseTimeZone(flags.tz), scales: DEFAULT_SCALES, stdin: io.stdin },
      );
      const globals = command.optsWithGlobals<{ color?: boolean }>();
      const color = shouldColor(io, { toFile: false, ...(globals.color === false ? { color: false } : {}) });
      await writeOutput(io, STDOUT, formatInspect(report, { color, format }));
      state.exitCode = EXIT.ok;
    });
}
