import type { Command } from 'commander';
import { InputError, UsageError, XlaError } from '../errors.js';
import type { OutputTarget } from '../io/output-file.js';
import { scoreInputs, scorePartial } from '../run/score-inputs.js';
import { formatPartial, PARTIAL_SCHEMA } from '../run/partial.js';
import type { RejectedValue, ScoreOptions } from '../run/score-inputs.js';
import { formatRejectRow, formatRejectsHeader } from '../report/rejects.js';
import { formatStepSummary } from '../report/github.js';
import { formatFromExtension, loadFormatter } from '../report/registry.js';
import type { FormatName } from '../report/registry.js';
import { FEWER_GROUPS_HINT } from '../scorecard/engine.js';
import type { InputSummary, Report } from '../scorecard/model.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';
import { parseEngine, parseFormat } from './options.js';
import { createProgressLine } from './progress.js';
import {
  STDOUT,
  STDOUT_OUTPUT,
  isStdout,
  namedInput,
  openOutput,
  refuseClashes,
  resolveOutput,
  shouldColor,
  writeOutput,
} from './output.js';
import type { NamedInput, NamedOutput } from './output.js';
import { addRunOptions, runConfigPath, toScoreOptions } from './run-options.js';
import type { RunFlags } from './run-options.js';

export function registerScoreCommand(program: Command, io: CliIO, state: CommandState): void {
  addRunOptions(
    program
      .command('score')
      .description('compute the scorecard of every metric the data can feed; targets are evaluated but never change the exit code'),
  )
    .option('--partial', "write the run's accumulator states (an xla-partial/1 JSON document) instead of a report, for xla merge")
    .action(async (files: string[], flags: RunFlags & { partial?: boolean }, command: Command) => {
      if (flags.partial === true) refusePartialOptions(flags);
      const options = await toScoreOptions(files, flags, io);
      const outputs = await planOutputs(runInputs(options, flags, io), flags, io);
      if (flags.partial === true) {
        const partial = await scoreWithRejects(options, outputs, flags, io, scorePartial, (done) =>
          done.inputs.map((input) => input.summary),
        );
        await writeOutput(io, outputs.report, formatPartial(partial));
      } else {
        const report = await scoreWithRejects(options, outputs, flags, io, scoreReport(flags), (done) => done.inputs);
        await emit(report, outputs, command, io, { targetsFirst: false, confidence: options.confidence });
      }
      state.exitCode = EXIT.ok;
    });
}

/**
 * A partial is one JSON document whatever the output's name: any other -f is a mistake, said
 * before any input is read. It holds the streaming engine's states, so the SQL pushdown cannot
 * make one (shard the query's rows instead: --from-sql of their union).
 */
function refusePartialOptions(flags: RunFlags): void {
  if ((flags.engine !== undefined && flags.engine !== 'streaming') || flags.fromSql !== undefined) {
    throw new UsageError(
      "--partial writes the streaming engine's states; the SQL pushdown (--engine, --from-sql) has none",
      'drop --partial, or --engine / --from-sql',
    );
  }
  const format = flags.format;
  if (format !== undefined && format !== 'json') {
    throw new UsageError(
      `--partial writes an ${PARTIAL_SCHEMA} JSON document, not ${format}`,
      'drop -f (or use -f json); xla merge renders any format',
    );
  }
}

export function registerCheckCommand(program: Command, io: CliIO, state: CommandState): void {
  addRunOptions(
    program
      .command('check')
      .description('compute the scorecard and judge the targets: exit 1 when an error-level target is breached or has no data'),
  ).action(async (files: string[], flags: RunFlags, command: Command) => {
    const options = await toScoreOptions(files, flags, io);
    if ((options.targets ?? []).length === 0 && (options.composites ?? []).length === 0) {
      throw new UsageError(
        'xla check has no targets to judge',
        'add targets to xla.config.yml (see xla init), pass -c FILE, or use --target "nps >= 30"',
      );
    }
    const outputs = await planOutputs(runInputs(options, flags, io), flags, io);
    const report = await scoreWithRejects(options, outputs, flags, io, scoreReport(flags), (done) => done.inputs);
    await emit(report, outputs, command, io, { targetsFirst: true, confidence: options.confidence });
    state.exitCode = report.summary.status === 'fail' ? EXIT.failed : EXIT.ok;
  });
}

/** What a run writes, and where, settled before any input is read. */
export interface RunOutputs {
  format: FormatName;
  report: OutputTarget;
  rejects: OutputTarget | undefined;
  /** GitHub's step summary, appended to with `-f github`. */
  summary: OutputTarget | undefined;
}

/**
 * Resolves every output and refuses, before any work, one that is an input or the config file,
 * or two outputs on one file (output.ts): otherwise a typo such as `-o data.csv` would replace
 * the data with its own report.
 */
export async function planOutputs(
  inputs: readonly NamedInput[],
  flags: Pick<RunFlags, 'format' | 'output' | 'rejects'>,
  io: CliIO,
): Promise<RunOutputs> {
  const format = parseFormat(flags.format) ?? (flags.output === undefined ? undefined : formatFromExtension(flags.output)) ?? 'table';
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  const named: NamedOutput[] = [];
  const add = async (
    option: string,
    path: string | undefined,
    mode: 'replace' | 'append' = 'replace',
  ): Promise<OutputTarget | undefined> => {
    if (path === undefined) return undefined;
    const output = await resolveOutput(io, option, path, mode);
    named.push(output);
    return output.target;
  };
  const report = (await add('-o', flags.output)) ?? STDOUT;
  if (flags.output === undefined) named.push(STDOUT_OUTPUT);
  const rejects = await add('--rejects', flags.rejects);
  const summary =
    format === 'github' && summaryFile !== undefined && summaryFile !== ''
      ? await add('$GITHUB_STEP_SUMMARY', summaryFile, 'append')
      : undefined;
  await refuseClashes(io, named, inputs);
  return { format, report, rejects, summary };
}

/** What a run reads, that no output may replace: its config file and its inputs. */
function runInputs(options: ScoreOptions, flags: RunFlags, io: CliIO): NamedInput[] {
  const config = runConfigPath(flags, io);
  return [
    ...(config === undefined ? [] : [{ label: `the config file ${config}`, path: config }]),
    ...options.sources.map((source) => namedInput(source.path, source.kind)),
    ...(flags.fromSql === undefined ? [] : [{ label: `the SQL result ${flags.fromSql}`, path: flags.fromSql }]),
  ];
}

/**
 * Scores while `--rejects` is written row by row as rejections are found (nothing is kept but the
 * first, for `--strict`); the file is put in place once scoring is done — even when `--strict`
 * then fails the run, since that file is how the export gets fixed — and dropped when scoring
 * fails. Any rejection under `--strict` is then exit 2, before any report.
 */
async function scoreWithRejects<T>(
  options: ScoreOptions,
  outputs: RunOutputs,
  flags: RunFlags,
  io: CliIO,
  score: (options: ScoreOptions) => Promise<T>,
  inputsOf: (done: T) => readonly Pick<InputSummary, 'rejected'>[],
): Promise<T> {
  let first: RejectedValue | undefined;
  const rejects = outputs.rejects === undefined ? undefined : await openOutput(io, outputs.rejects);
  const progress = createProgressLine(io, { quiet: flags.quiet === true, now: Date.now });
  let report: T;
  try {
    rejects?.write(formatRejectsHeader());
    report = await score({
      ...options,
      // A warning must not land on the end of the progress line: erase it first (it redraws).
      onDiagnostic: (message) => {
        progress?.done();
        options.onDiagnostic?.(message);
      },
      ...(rejects === undefined ? {} : { onRejection: (rejection: RejectedValue) => rejects.write(formatRejectRow(rejection)) }),
      onFirstRejection: (rejection) => {
        first ??= rejection;
      },
      ...(progress === undefined ? {} : { onProgress: progress.update }),
    });
    await rejects?.commit();
  } catch (error) {
    await rejects?.discard();
    throw error;
  } finally {
    progress?.done();
  }
  if (flags.strict === true && first !== undefined) {
    const rows = inputsOf(report).reduce((sum, input) => sum + input.rejected, 0);
    throw new InputError(
      `${first.field === null ? 'row' : first.field} rejected: ${first.reason}; ${rows} row${rows === 1 ? '' : 's'} rejected in all (--strict)`,
      {
        file: first.file,
        ...(first.line === null ? {} : { line: first.line }),
        ...(first.column === null ? {} : { column: first.column }),
        hint: flags.rejects === undefined ? 'list them all with --rejects FILE, or drop --strict' : `all of them are in ${flags.rejects}`,
      },
    );
  }
  return report;
}

/**
 * The SQL pushdown's report (README "SQL pushdown") when `--engine duckdb` or `--from-sql` asks
 * for it; undefined for the streaming engine. Loaded only then: a streaming run never reads it.
 */
/** The report of a run: by SQL pushdown when `--engine` or `--from-sql` asks for it, else streaming. */
function scoreReport(flags: RunFlags): (options: ScoreOptions) => Promise<Report> {
  return async (options) => (await scoreByPushdown(options, flags)) ?? scoreInputs(options);
}

async function scoreByPushdown(options: ScoreOptions, flags: RunFlags): Promise<Report | undefined> {
  const engine = parseEngine(flags.engine);
  if (flags.fromSql !== undefined && engine === 'duckdb')
    throw new UsageError('--from-sql and --engine duckdb: choose one', '--from-sql reads rows another engine returned');
  if (flags.fromSql === undefined && engine === 'streaming') return undefined;
  if (flags.strict === true || flags.rejects !== undefined) {
    throw new UsageError(
      '--strict and --rejects need the streaming engine',
      'the SQL pushdown does not list rejected values: drop --engine duckdb / --from-sql',
    );
  }
  const { scoreFromSqlResult, scoreWithDuckDb } = await import('../run/sql-run.js');
  return flags.fromSql === undefined ? scoreWithDuckDb(options) : scoreFromSqlResult(flags.fromSql, options);
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
    throw new XlaError(
      `the report of ${report.results.length.toLocaleString('en-US')} results is too large to write as one text (over 512 MiB)`,
      {
        hint: FEWER_GROUPS_HINT,
      },
    );
  }
}

/**
 * Renders every text first — the report and GitHub's step summary — then writes them: a render
 * that fails (too large) leaves no partial file, and no annotations without their summary.
 */
export async function emit(
  report: Report,
  outputs: RunOutputs,
  command: Command,
  io: CliIO,
  view: { targetsFirst: boolean; confidence: number },
): Promise<void> {
  const globals = command.optsWithGlobals<{ color?: boolean }>();
  const render = await loadFormatter(outputs.format);
  const text = renderWithinStringLimit(report, () =>
    render(report, {
      color: shouldColor(io, { toFile: !isStdout(outputs.report), ...(globals.color === false ? { color: false } : {}) }),
      targetsFirst: view.targetsFirst,
      confidence: view.confidence,
    }),
  );
  const summary = outputs.summary === undefined ? undefined : renderWithinStringLimit(report, () => formatStepSummary(report));
  await writeOutput(io, outputs.report, text);
  if (outputs.summary !== undefined && summary !== undefined) await writeOutput(io, outputs.summary, summary, 'append');
}
