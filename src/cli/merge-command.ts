import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readPartialText } from '../io/read-partial.js';
import { STDIN_NAME } from '../io/json-document.js';
import { gatherPartials } from '../run/partial.js';
import { mergePartials } from '../run/score-inputs.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';
import { writeErrorLine } from './stderr.js';
import { emit, planOutputs } from './score-command.js';
import { loadBaseline } from './run-options.js';

interface MergeFlags {
  format?: string;
  output?: string;
  baseline?: string;
  check?: boolean;
  quiet?: boolean;
}

/**
 * `xla merge <part.json...>`: partials of one run (`xla score --partial`) combined into the report
 * one run over all their rows gives, in any format; `--check` judges its targets as `xla check` does.
 */
export function registerMergeCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('merge')
    .description('combine partials (xla score --partial) into the report one run over all their rows gives; any order, any number')
    .argument('<partials...>', 'xla-partial/1 files of one run; - reads one from standard input')
    .option('--check', 'judge the targets as xla check does: exit 1 when an error-level target is breached or has no data')
    .option('--baseline <report.json>', 'a previous JSON report that targets with change: compare with')
    .option('-f, --format <format>', 'table | json | ndjson | csv | markdown | junit | github (default: table, or from the -o extension)')
    .option('-o, --output <file>', 'write the report to this file, atomically')
    .option('-q, --quiet', 'print only errors on stderr')
    .action(async (paths: string[], flags: MergeFlags, command: Command) => {
      if (paths.filter((path) => path === '-').length > 1)
        throw new UsageError(`xla merge can read only one partial from ${STDIN_NAME}`, 'name files for the others');
      const inputs = paths.map((path) => ({ label: path === '-' ? STDIN_NAME : `the partial ${path}`, path }));
      const outputs = await planOutputs(inputs, flags, io);
      const partials = gatherPartials(await Promise.all(paths.map((path) => readPartialText(path, io.stdin))));
      const settings = partials[0]?.settings;
      if (flags.check === true && settings !== undefined && settings.targets.length === 0 && settings.composites.length === 0) {
        throw new UsageError('xla merge --check has no targets to judge', 'give the targets to xla score --partial (config or --target)');
      }
      const say = flags.quiet === true ? () => undefined : (message: string) => writeErrorLine(io, message);
      const baseline = await loadBaseline(flags.baseline, settings?.targets ?? [], io, paths.includes('-'));
      const report = await mergePartials(partials, { baseline, onDiagnostic: say });
      await emit(report, outputs, command, io, { targetsFirst: flags.check === true, confidence: settings?.confidence ?? 0 });
      state.exitCode = flags.check === true && report.summary.status === 'fail' ? EXIT.failed : EXIT.ok;
    });
}
