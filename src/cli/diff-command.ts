import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { STDIN_NAME } from '../io/json-document.js';
import { readReport } from '../io/read-report.js';
import { DIFF_FORMAT_NAMES, diffFormatFromExtension, formatDiff } from '../report/diff-registry.js';
import { diffReports } from '../scorecard/diff.js';
import { DEFAULT_CONFIDENCE, DEFAULT_NET_INTERVAL_METHOD } from '../stats/intervals.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';
import { parseConfidence, parseDiffFormat } from './options.js';
import { STDOUT_OUTPUT, isStdout, refuseClashes, resolveOutput, shouldColor, writeOutput } from './output.js';
import type { NamedInput } from './output.js';

interface DiffFlags {
  format?: string;
  output?: string;
  confidence?: string;
}

/**
 * `xla diff <base.json> <head.json>`: two JSON reports compared (scorecard/diff.ts). Informational:
 * exit 0 after any diff, 2 for a bad call or a file that is not an xla-report/1 report.
 */
export function registerDiffCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('diff')
    .description('compare two JSON reports: both values, the change and its significance, and every target whose status changed')
    .argument('<base>', 'the earlier report (xla score or check --format json); - reads standard input')
    .argument('<head>', 'the later report; - reads standard input')
    .option('-f, --format <format>', `${DIFF_FORMAT_NAMES.join(' | ')} (default: table, or what -o's extension names)`)
    .option('-o, --output <file>', 'write the diff to a file (atomically) instead of standard output')
    .option('--confidence <level>', `level a change is significant at, e.g. 0.9 or 90% (default ${String(DEFAULT_CONFIDENCE)})`)
    .action(async (base: string, head: string, flags: DiffFlags, command: Command) => {
      if (base === '-' && head === '-')
        throw new UsageError(`xla diff can read only one report from ${STDIN_NAME}`, 'name a file for the other');
      const confidence = parseConfidence(flags.confidence);
      const format =
        parseDiffFormat(flags.format) ?? (flags.output === undefined ? undefined : diffFormatFromExtension(flags.output)) ?? 'table';
      const output = flags.output === undefined ? STDOUT_OUTPUT : await resolveOutput(io, '-o', flags.output);
      // The kinds tell the clash check that one file given as both sides is fine: it is read, not counted twice.
      const inputs: NamedInput[] = [
        { label: base === '-' ? STDIN_NAME : `the base report ${base}`, path: base, kind: 'base' },
        { label: head === '-' ? STDIN_NAME : `the head report ${head}`, path: head, kind: 'head' },
      ];
      await refuseClashes(io, [output], inputs);
      const diff = diffReports(await readReport(base, io.stdin), await readReport(head, io.stdin), {
        confidence,
        netMethod: DEFAULT_NET_INTERVAL_METHOD,
      });
      const globals = command.optsWithGlobals<{ color?: boolean }>();
      const color = shouldColor(io, { toFile: !isStdout(output.target), ...(globals.color === false ? { color: false } : {}) });
      await writeOutput(io, output.target, await formatDiff(diff, format, { color, confidence }));
      state.exitCode = EXIT.ok;
    });
}
