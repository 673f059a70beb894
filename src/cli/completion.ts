/**
 * `xla completion bash|zsh|fish`: a completion script for the shell, built from the program's own
 * commands and options (commander) and the registries that list their values (formats, kinds,
 * periods, presets), so it never drifts from what xla takes. Paths are left to the shell's own
 * file completion.
 */
import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { KINDS } from '../fields/types.js';
import { presetIds } from '../io/presets/registry.js';
import { DIFF_FORMAT_NAMES } from '../report/diff-registry.js';
import { INSPECT_FORMATS } from '../report/inspect-formats.js';
import { FORMAT_NAMES } from '../report/registry.js';
import { PERIODS } from '../time/periods.js';
import { DIALECT_NAMES } from '../sql/dialects.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';
import { ENGINES } from './options.js';
import { SCHEMA_NAMES } from './schema-command.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** An option as completion sees it: its spellings, whether it takes a value, and the values it knows. */
interface OptionSpec {
  long: string | undefined;
  short: string | undefined;
  description: string;
  takesValue: boolean;
  values: readonly string[];
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Words the first argument may be (`xla schema config`); none where it is a path. */
  argumentValues: readonly string[];
}

/** The values an option takes, from the registries; none means a path or free text. */
function knownValues(command: string, long: string | undefined): readonly string[] {
  switch (long) {
    case '--format':
      if (command === 'diff') return DIFF_FORMAT_NAMES;
      return command === 'inspect' || command === 'metrics' ? INSPECT_FORMATS : FORMAT_NAMES;
    case '--kind':
      return KINDS;
    case '--period':
      return PERIODS;
    case '--preset':
      return presetIds();
    case '--dialect':
      return DIALECT_NAMES;
    case '--engine':
      return ENGINES;
    default:
      return [];
  }
}

function describeOption(command: string, option: Option): OptionSpec {
  return {
    long: option.long,
    short: option.short,
    description: option.description,
    takesValue: option.required || option.optional,
    values: knownValues(command, option.long),
  };
}

/** Every command of the program (completion itself included) with its options, `--help` among them. */
function describeProgram(program: Command): CommandSpec[] {
  return program.commands.map((command) => ({
    name: command.name(),
    description: command.description(),
    options: [
      ...command.options.map((option) => describeOption(command.name(), option)),
      { long: '--help', short: '-h', description: 'display help for command', takesValue: false, values: [] },
    ],
    argumentValues: command.name() === 'schema' ? SCHEMA_NAMES : command.name() === 'completion' ? SHELLS : [],
  }));
}

const spellings = (option: OptionSpec): string[] =>
  [option.short, option.long].filter((spelling): spelling is string => spelling !== undefined);

function bashScript(commands: readonly CommandSpec[], globals: readonly string[]): string {
  const cases = commands.map((command) => {
    const valued = command.options.filter((option) => option.takesValue);
    const valueCases = valued.map((option) => {
      const reply = option.values.length > 0 ? `COMPREPLY=($(compgen -W "${option.values.join(' ')}" -- "$cur"))` : 'COMPREPLY=()';
      return `        ${spellings(option).join('|')}) ${reply}; return ;;`;
    });
    const words = command.options.flatMap(spellings).join(' ');
    const argument =
      command.argumentValues.length > 0 ? `COMPREPLY=($(compgen -W "${command.argumentValues.join(' ')}" -- "$cur"))` : 'COMPREPLY=()';
    return [
      `    ${command.name})`,
      ...(valueCases.length > 0 ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words}" -- "$cur")); else ${argument}; fi ;;`,
    ].join('\n');
  });
  return `# xla completion for bash: add  eval "$(xla completion bash)"  to ~/.bashrc
_xla() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) command="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$command" in
    "") COMPREPLY=($(compgen -W "${[...commands.map((command) => command.name), ...globals].join(' ')}" -- "$cur")) ;;
${cases.join('\n')}
  esac
}
# Where no word is offered (a path, free text), the shell completes file names.
complete -o default -F _xla xla
`;
}

function zshScript(commands: readonly CommandSpec[], globals: readonly string[]): string {
  return `#compdef xla
# xla completion for zsh: add  eval "$(xla completion zsh)"  to ~/.zshrc (after compinit)
autoload -U +X bashcompinit && bashcompinit
${bashScript(commands, globals).split('\n').slice(1).join('\n')}`;
}

/** A fish string: single-quoted, with its quotes and backslashes escaped. */
const fishQuote = (text: string): string => `'${text.replace(/[\\']/g, '\\$&')}'`;

function fishScript(commands: readonly CommandSpec[], globals: readonly string[]): string {
  const lines = ['# xla completion for fish: xla completion fish > ~/.config/fish/completions/xla.fish', 'complete -c xla -f'];
  for (const command of commands)
    lines.push(`complete -c xla -n __fish_use_subcommand -a ${command.name} -d ${fishQuote(command.description)}`);
  for (const global of globals) lines.push(`complete -c xla -n __fish_use_subcommand -l ${global.replace(/^--/, '')}`);
  for (const command of commands) {
    const when = `-n ${fishQuote(`__fish_seen_subcommand_from ${command.name}`)}`;
    if (command.argumentValues.length > 0) lines.push(`complete -c xla ${when} -a ${fishQuote(command.argumentValues.join(' '))}`);
    // A command whose argument is a path completes file names.
    else lines.push(`complete -c xla ${when} -F`);
    for (const option of command.options) {
      const names = [
        option.long === undefined ? '' : `-l ${option.long.replace(/^--/, '')}`,
        option.short === undefined ? '' : `-s ${option.short.replace(/^-/, '')}`,
      ].filter((part) => part !== '');
      const value = !option.takesValue ? '' : option.values.length > 0 ? ` -x -a ${fishQuote(option.values.join(' '))}` : ' -r -F';
      lines.push(`complete -c xla ${when} ${names.join(' ')}${value} -d ${fishQuote(option.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function completionScript(shell: Shell, program: Command): string {
  const commands = describeProgram(program);
  const globals = ['--help', '--version', '--no-color'];
  switch (shell) {
    case 'bash':
      return bashScript(commands, globals);
    case 'zsh':
      return zshScript(commands, globals);
    case 'fish':
      return fishScript(commands, globals);
  }
}

export function registerCompletionCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('completion')
    .description('print a shell completion script for bash, zsh or fish')
    .argument('<shell>', SHELLS.join(' | '))
    .action((shell: string) => {
      const known = SHELLS.find((candidate) => candidate === shell);
      if (known === undefined) throw new UsageError(`xla completion takes ${SHELLS.join(', ')}; got "${shell}"`);
      io.stdout.write(completionScript(known, program));
      state.exitCode = EXIT.ok;
    });
}
