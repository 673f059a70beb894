/**
 * `xla completion bash|zsh|fish`, end to end: the script comes from the built binary, and bash
 * really completes with it (a bash runs the function as the shell would on Tab). zsh and fish
 * check the syntax of theirs where they are installed.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runXla } from './run-xla.js';

/** What bash offers for the words typed so far (the last one being completed), with xla's bash script loaded. */
function bashCompletes(words: readonly string[]): string[] {
  const script = runXla(['completion', 'bash']).stdout;
  const quoted = words.map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const run = spawnSync(
    'bash',
    ['--norc', '-c', `${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _xla; printf '%s\\n' "\${COMPREPLY[@]}"`],
    { encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter((line) => line !== '');
}

const hasShell = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;

describe('xla completion', () => {
  it("bash: commands, then each command's options and the values the registries know", () => {
    expect(bashCompletes(['xla', ''])).toEqual([
      'score',
      'check',
      'merge',
      'metrics',
      'inspect',
      'schema',
      'diff',
      'sql',
      'init',
      'completion',
      '--help',
      '--version',
      '--no-color',
    ]);
    expect(bashCompletes(['xla', 'sc'])).toEqual(['score', 'schema']);
    expect(bashCompletes(['xla', 'merge', '--ch'])).toEqual(['--check']);
    expect(bashCompletes(['xla', 'score', '--par'])).toEqual(['--partial']);
    expect(bashCompletes(['xla', 'score', '--fo'])).toEqual(['--format']);
    expect(bashCompletes(['xla', 'score', 'data.csv', '--format', ''])).toEqual([
      'table',
      'json',
      'ndjson',
      'csv',
      'markdown',
      'junit',
      'github',
      'html',
    ]);
    expect(bashCompletes(['xla', 'inspect', '-f', ''])).toEqual(['table', 'json']);
    expect(bashCompletes(['xla', 'diff', 'a.json', 'b.json', '--format', ''])).toEqual(['table', 'json', 'markdown', 'junit']);
    expect(bashCompletes(['xla', '--no-color', 'check', '--kind', 't'])).toEqual(['tickets']);
    expect(bashCompletes(['xla', 'score', '--period', 'q'])).toEqual(['quarter']);
    expect(bashCompletes(['xla', 'schema', ''])).toEqual(['config', 'report']);
    expect(bashCompletes(['xla', 'sql', 'data.csv', '--dialect', ''])).toEqual(['duckdb', 'postgres', 'bigquery', 'spark']);
    expect(bashCompletes(['xla', 'score', '--engine', ''])).toEqual(['streaming', 'duckdb']);
    expect(bashCompletes(['xla', 'completion', 'f'])).toEqual(['fish']);
    // A path, or an option's free text, is left to the shell's file names.
    expect(bashCompletes(['xla', 'score', 'da'])).toEqual([]);
    expect(bashCompletes(['xla', 'score', '-o', ''])).toEqual([]);
  });

  it('zsh loads the bash function through bashcompinit', () => {
    const script = runXla(['completion', 'zsh']).stdout;
    expect(script.split('\n').slice(0, 3)).toEqual([
      '#compdef xla',
      expect.stringContaining('xla completion for zsh'),
      'autoload -U +X bashcompinit && bashcompinit',
    ]);
    expect(script).toContain('complete -o default -F _xla xla');
  });

  it('fish: subcommands, options with their values, files for paths', () => {
    const script = runXla(['completion', 'fish']).stdout;
    expect(script).toMatch(/^complete -c xla -n __fish_use_subcommand -a score -d '[^']+'$/m);
    expect(script).toContain("complete -c xla -n '__fish_seen_subcommand_from inspect' -l format -s f -x -a 'table json'");
    expect(script).toContain(
      "complete -c xla -n '__fish_seen_subcommand_from score' -l kind -s k -x -a 'survey tickets analytics customers'",
    );
    expect(script).toContain("complete -c xla -n '__fish_seen_subcommand_from score' -l rejects -r -F");
    expect(script).toContain("complete -c xla -n '__fish_seen_subcommand_from schema' -a 'config report'");
  });

  it.for([
    ['zsh', ['-n']],
    ['fish', ['--no-execute']],
  ] as const)('%s reads its script without a syntax error', ([shell, flags], { skip }) => {
    skip(!hasShell(shell), `${shell} is not installed here: its syntax check is skipped`);
    expect(spawnSync(shell, [...flags], { input: runXla(['completion', shell]).stdout, encoding: 'utf8' })).toMatchObject({
      status: 0,
      stderr: '',
    });
  });

  it('refuses another shell with exit 2', () => {
    expect(runXla(['completion', 'tcsh'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'xla: xla completion takes bash, zsh, fish; got "tcsh"\n',
    });
  });
});
