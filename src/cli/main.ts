/**
 * The `xla` program. The only layer that sees argv, the environment, TTY state and the standard
 * streams; it returns the exit code instead of calling process.exit (bin/xla.js sets it).
 */
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, XlaError, InputError } from '../errors.js';
import { readPackageVersion } from '../io/package-version.js';
import { removeTemporariesOnSignal } from './signals.js';
import { writeErrorLine, writeErrorText } from './stderr.js';
import { watchStandardStreams } from './std-streams.js';
import { EXIT } from './context.js';
import type { CliIO, CommandState } from './context.js';

export { EXIT } from './context.js';
export type { CliIO, CommandState } from './context.js';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const state: CommandState = { exitCode: EXIT.ok };
  const program = await buildProgram(argv, io, state);
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

async function buildProgram(argv: readonly string[], io: CliIO, state: CommandState): Promise<Command> {
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
  for (const register of await registrationsFor(argv)) register(program, io, state);
  return program;
}

type Registration = (program: Command, io: CliIO, state: CommandState) => void;

/**
 * Every command, in the order `--help` lists them, each loaded only when registered: a run of one
 * command does not load (nor pay the start-up of) the others' code (bench/RESULTS.md, "Start-up").
 */
const COMMANDS: Readonly<Record<string, () => Promise<Registration>>> = {
  score: async () => (await import('./score-command.js')).registerScoreCommand,
  check: async () => (await import('./score-command.js')).registerCheckCommand,
  merge: async () => (await import('./merge-command.js')).registerMergeCommand,
  metrics: async () => (await import('./metrics-command.js')).registerMetricsCommand,
  inspect: async () => (await import('./inspect-command.js')).registerInspectCommand,
  schema: async () => (await import('./schema-command.js')).registerSchemaCommand,
  diff: async () => (await import('./diff-command.js')).registerDiffCommand,
  sql: async () => (await import('./sql-command.js')).registerSqlCommand,
  init: async () => (await import('./init-command.js')).registerInitCommand,
  completion: async () => (await import('./completion.js')).registerCompletionCommand,
};

/**
 * The command argv names alone (its first word that is no option: the program's own options take
 * no value), or all of them: for help, a mistyped name (commander suggests the closest) and
 * `completion`, which describes them all.
 */
async function registrationsFor(argv: readonly string[]): Promise<Registration[]> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const alone = name !== undefined && name !== 'completion' && Object.hasOwn(COMMANDS, name);
  const loaders = alone ? [COMMANDS[name] as () => Promise<Registration>] : Object.values(COMMANDS);
  return Promise.all(loaders.map((load) => load()));
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
