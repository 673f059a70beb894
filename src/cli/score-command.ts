import type { Command } from 'commander';
import { InputError, UsageError, XlaError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { appendToFile } from '../io/append-file.js';
import { scoreInputs } from '../pipeline.js';
import type { RejectedValue, ScoreOptions } from '../pipeline.js';
import { formatRejects } from '../report/rejects.js';
import { formatStepSummary } from '../report/github.js';
import { formatFromExtension, formatReport } from '../report/registry.js';
import { FEWER_GROUPS_HINT } from '../scorecard/engine.js';
import type { Report } from '../scorecard/model.js';
import type { CliIO, CommandState } from './main.js';
import { EXIT } from './main.js';
import { parseFormat } from './options.js';
import { createProgressLine } from './progress.js';
import { emitReport, shouldColor } from './output.js';
import { addRunOptions, toScoreOptions } from './run-options.js';
import type { RunFlags } from './run-options.js';

export function registerScoreCommand(program: Command, io: CliIO, state: CommandState): void {
  addRunOptions(
    program
      .command('score')
      .description('compute the scorecard of every metric the data can feed; targets are evaluated but never change the exit code'),
  ).action(async (files: string[], flags: RunFlags, command: Command) => {
    const options = await toScoreOptions(files, flags, io);
    const report = await scoreWithRejects(options, flags, io);
    await emit(report, flags, command, io, { targetsFirst: false, confidence: options.confidence });
    state.exitCode = EXIT.ok;
  });
}

export function registerCheckCommand(program: Command, io: CliIO, state: CommandState): void {
  addRunOptions(
    program
      .command('check')
      .description('compute the scorecard and judge the targets: exit 1 when an error-level target is breached or has no data'),
  ).action(async (files: string[], flags: RunFlags, command: Command) => {
    const options = await toScoreOptions(files, flags, io);
    if ((options.targets ?? []).length === 0 && (options.composites ?? []).length === 0) {
      throw new UsageError('xla check has no targets to judge', 'add targets to xla.config.yml (see xla init), pass -c FILE, or use --target "nps >= 30"');
    }
    const report = await scoreWithRejects(options, flags, io);
    await emit(report, flags, command, io, { targetsFirst: true, confidence: options.confidence });
    state.exitCode = report.summary.status === 'fail' ? EXIT.failed : EXIT.ok;
  });
}

/**
 * Scores, then writes `--rejects` (even when `--strict` then fails the run: that file is how the
 * export gets fixed) and turns any rejection under `--strict` into exit 2, before any report.
 */
async function scoreWithRejects(options: ScoreOptions, flags: RunFlags, io: CliIO): Promise<Report> {
  const rejections: RejectedValue[] = [];
  const progress = createProgressLine(io, { quiet: flags.quiet === true, now: Date.now });
  let report: Report;
  try {
    report = await scoreInputs({
      ...options,
      // A warning must not land on the end of the progress line: erase it first (it redraws).
      onDiagnostic: (message) => {
        progress?.done();
        options.onDiagnostic?.(message);
      },
      onRejection: (rejection) => rejections.push(rejection),
      ...(progress === undefined ? {} : { onProgress: progress.update }),
    });
  } finally {
    progress?.done();
  }
  if (flags.rejects !== undefined) await writeFileAtomic(flags.rejects, formatRejects(rejections));
  const first = rejections[0];
  if (flags.strict === true && first !== undefined) {
    const rows = report.inputs.reduce((sum, input) => sum + input.rejected, 0);
    throw new InputError(`${first.field === null ? 'row' : first.field} rejected: ${first.reason}; ${rows} row${rows === 1 ? '' : 's'} rejected in all (--strict)`, {
      file: first.file,
      ...(first.line === null ? {} : { line: first.line }),
      ...(first.column === null ? {} : { column: first.column }),
      hint: flags.rejects === undefined ? 'list them all with --rejects FILE, or drop --strict' : `all of them are in ${flags.rejects}`,
    });
  }
  return report;
}

/**
 * A report is rendered as one string, and V8 caps a string at 2^29 − 24 characters (~512 MiB of
 * JSON: about 1.4M results, e.g. 100,000 segments × 13 periods × 1 metric). The scorecard stops a
 * run of more than MAX_REPORT_RESULTS while reading (engine.ts); results with long segment values
 * can still pass the cap on text: the run then ends here with a clear message (exit 2), not as a
 * bug in xla.
 */
export function renderWithinStringLimit(report: Report, render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof RangeError) || !error.message.includes('Invalid string length')) throw error;
    throw new XlaError(`the report of ${report.results.length.toLocaleString('en-US')} results is too large to write as one text (over 512 MiB)`, {
      hint: FEWER_GROUPS_HINT,
    });
  }
}

/** Renders the whole report first, then writes it: a failed render never leaves a partial file. */
async function emit(report: Report, flags: RunFlags, command: Command, io: CliIO, view: { targetsFirst: boolean; confidence: number }): Promise<void> {
  const globals = command.optsWithGlobals<{ color?: boolean }>();
  const format = parseFormat(flags.format) ?? (flags.output === undefined ? undefined : formatFromExtension(flags.output)) ?? 'table';
  const toFile = flags.output !== undefined && flags.output !== '-';
  const text = renderWithinStringLimit(report, () =>
    formatReport(report, format, {
      color: shouldColor(io, { toFile, ...(globals.color === false ? { color: false } : {}) }),
      targetsFirst: view.targetsFirst,
      confidence: view.confidence,
    }),
  );
  await emitReport(io, text, flags.output);
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile !== undefined && summaryFile !== '') await appendToFile(summaryFile, formatStepSummary(report));
}
