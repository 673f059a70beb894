import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { renderStarterConfig } from '../config/starter.js';
import { UsageError } from '../errors.js';
import { DEFAULT_SCALES } from '../fields/types.js';
import { feedingFields } from '../run/score-inputs.js';
import { prepareSource } from '../run/prepare-source.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';
import { collect, KIND_CHOICES, parseKind, parseMaps, readOptionsOf } from './options.js';
import { namedInput, refuseClashes, resolveOutput, writeOutput } from './output.js';
import { writeErrorLine } from './stderr.js';

interface InitFlags {
  output: string;
  force?: boolean;
  kind?: string;
  map: string[];
  delimiter?: string;
  encoding?: string;
}

export function registerInitCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('init')
    .description("write a commented starter xla.config.yml from a data file's detected fields")
    .argument('<file>', 'a data file (CSV, JSON or NDJSON) the XLA will be measured on')
    .option('-o, --output <file>', 'where to write the config', 'xla.config.yml')
    .option('--force', 'overwrite an existing config file')
    .option('-k, --kind <kind>', `${KIND_CHOICES} (default: detected)`)
    .option('-m, --map <field=column>', 'feed a canonical field from the named column (repeatable)', collect, [])
    .option('--delimiter <char>', 'CSV delimiter (default: sniffed)')
    .option('--encoding <name>', 'text encoding (default: sniffed: a BOM, else UTF-8, else a legacy code page)')
    .action(async (file: string, flags: InitFlags) => {
      const output = await resolveOutput(io, '-o', flags.output);
      // A device or standard output (`-o -`) is written to, not overwritten: no --force needed.
      if (output.target.kind === 'file' && output.target.exists && flags.force !== true) {
        throw new UsageError(`${flags.output} already exists`, 'use --force to overwrite it, or -o to write elsewhere');
      }
      await refuseClashes(io, [output], [namedInput(file)]);
      const source = await prepareSource(
        {
          path: file,
          kind: parseKind(flags.kind),
          map: parseMaps(flags.map),
          read: readOptionsOf(flags.delimiter, flags.encoding, io.env),
        },
        { tz: 'UTC', scales: DEFAULT_SCALES, stdin: io.stdin, feedingFields },
      );
      const detected = {
        kind: source.mapping.kind,
        columns: source.opened.columns,
        fields: Object.fromEntries(source.mapping.bindings.map((binding) => [binding.field.id, binding.columnName])),
      };
      // Source paths in the config are read relative to the config's own folder (the working one when it is not a file).
      const configFolder = output.target.kind === 'file' ? dirname(resolve(io.cwd, flags.output)) : io.cwd;
      const sourcePath = relative(configFolder, resolve(io.cwd, file)) || file;
      const text = renderStarterConfig({
        file: sourcePath,
        kind: detected.kind,
        fields: Object.keys(detected.fields),
        columns: detected.columns,
      });
      await writeOutput(io, output.target, text);
      const recognised = `${detected.kind}, ${Object.keys(detected.fields).length} fields recognised`;
      writeErrorLine(
        io,
        output.target.kind === 'file'
          ? `xla: wrote ${flags.output} (${recognised}); check it with: xla check -c ${flags.output}`
          : `xla: wrote the config to ${flags.output === '-' ? 'standard output' : flags.output} (${recognised})`,
      );
      state.exitCode = EXIT.ok;
    });
}
