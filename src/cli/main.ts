/**
 * The `xla` program. The only layer that sees argv, the environment, TTY state and the standard
 * streams; it returns the exit code instead of calling process.exit (bin/xla.js sets it).
 */
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, XlaError, InputError } from '../errors.js';
import { readPackageVersion } from '../io/package-version.js';
import { registerCompletionCommand } from './completion.js';
import { registerDiffCommand } from './diff-command.js';
import { registerMergeCommand } from './merge-command.js';
import { registerMetricsCommand } from './metrics-command.js';
import { registerCheckCommand, registerScoreCommand } from './score-command.js';
import { registerInitCommand } from './init-command.js';
import { registerInspectCommand } from './inspect-command.js';
import { registerSchemaCommand } from './schema-command.js';
import { registerSqlCommand } from './sql-command.js';
import { removeTemporariesOnSignal } from './signals.js';
import { writeErrorLine, writeErrorText } from './stderr.js';
import { watchStandardStreams } from './std-streams.js';
import { EXIT } from './context.js';
import type { CliIO, CommandState } from './context.js';

export { EXIT } from './context.js';
export type { CliIO, CommandState } from './context.js';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const state: CommandState = { exitCode: EXIT.ok };
  const program = buildProgram(io, state);
  // Before anything is written or a temporary file made.
  const streams = watchStandardStreams(io);
  const stopSignalCleanup = removeTemporariesOnSignal();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return await streams.settle(state.exitCode);
  } catch (error) {
    return await streams.settle(reportError(error, io));
  } finally {
    stopSignalCleanup();
  }
}

function buildProgram(io: CliIO, state: CommandState): Command {
  const program = new Command('xla')
    .description('Experience Level Agreement scorecards from survey, ticket and web-analytics exports')
    .version(readPackageVersion(), '-V, --version')
    .addOption(new Option('--no-color', 'never colour the output'))
    .showHelpAfterError('(run xla --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => writeErrorText(io, text),
      // One line, in xla's words: commander's own `\n(Did you mean …?)` joins it; any other line break came from an argument.
      outputError: (text) =>
        writeErrorLine(
          io,
          `xla: ${text
            .replace(/^error: /, '')
            .replace(/\n$/, '')
            .replace('\n(Did you mean', ' (did you mean')}`,
        ),
    })
    .exitOverride();
  registerScoreCommand(program, io, state);
  registerCheckCommand(program, io, state);
  registerMergeCommand(program, io, state);
  registerMetricsCommand(program, io, state);
  registerInspectCommand(program, io, state);
  registerSchemaCommand(program, io, state);
  registerDiffCommand(program, io, state);
  registerSqlCommand(program, io, state);
  registerInitCommand(program, io, state);
  registerCompletionCommand(program, io, state);
  return program;
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; commander has already printed its message otherwise.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof XlaError) {
    // A whole-file problem already names the file in its message; a located one leads with file:line:column.
    const where = error instanceof InputError && error.line !== undefined ? `${error.location}: ` : '';
    // A config error lists one problem per line; each is written as one line, whatever its data holds.
    const [first = '', ...rest] = error instanceof ConfigError ? error.lines : [error.message];
    writeErrorLine(io, `xla: ${where}${first}`);
    for (const line of rest) writeErrorLine(io, line);
    if (error.hint !== undefined) writeErrorLine(io, `  hint: ${error.hint}`);
    if (io.env.XLA_DEBUG === '1' && error.stack !== undefined) writeErrorText(io, `${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErrorLine(io, `xla: internal error: ${message}`);
  writeErrorLine(
    io,
    `  This is a bug in xla. Please report it with the command you ran${io.env.XLA_DEBUG === '1' ? '.' : ' (XLA_DEBUG=1 shows the stack trace).'}`,
  );
  if (io.env.XLA_DEBUG === '1' && error instanceof Error && error.stack !== undefined) writeErrorText(io, `${error.stack}\n`);
  return EXIT.bug;
}
