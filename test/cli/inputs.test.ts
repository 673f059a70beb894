/**
 * Inputs given twice, and inputs that cannot be looked at.
 *
 * The same file read twice counts its rows twice — n, sums and intervals silently off — whatever
 * the spelling (./x, a symlink, a hard link, a config source also on the command line, standard
 * input twice): exit 2 before any work.
 *
 * Inputs that cannot be looked at — a path through a file, a link loop, a name too long, a
 * folder — are exit 2 with a line naming them, on one thread or two (the planner looks at every
 * path before the readers do, and must leave the saying to them), never exit 3.
 */
import { copyFileSync, linkSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const dir = scratchDir('xla-unreadable-');
copyFileSync(fixture('survey/responses.csv'), join(dir, 'in.csv'));
symlinkSync('loop', join(dir, 'loop'));
const LONG = `${'x'.repeat(300)}.csv`;

describe('inputs that cannot be looked at', () => {
  it.each([
    ['in.csv/x', 'a folder in the path is a file'],
    ['loop', 'too many levels of symbolic links'],
    [LONG, 'the name is too long'],
    ['.', 'is a directory'],
  ])('%s: exit 2, named, alone and next to a good file, on -j1 and -j2', (path, why) => {
    for (const files of [[path], ['in.csv', path]]) {
      for (const jobs of ['1', '2']) {
        const run = runXla(['score', ...files, '--kind', 'survey', '-q', '-j', jobs], { cwd: dir });
        expect(run.code, run.stderr).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(`xla: cannot read ${path}: ${why}\n`);
      }
    }
  });
});

describe('an input given twice', () => {
  const refusal = (input: string, again: string): string =>
    `xla: ${input} is ${again} again: its rows would count twice\n  hint: give each file once (the config's sources and the command line add up)\n`;

  it.each([
    [['in.csv', './in.csv'], 'the input ./in.csv', 'the input in.csv'],
    [['in.csv', 'link.csv'], 'the input link.csv', 'the input in.csv'],
    [['hard.csv', 'in.csv'], 'the input in.csv', 'the input hard.csv'],
  ])('%j: exit 2 before any work', (files, input, again) => {
    symlinkSync('in.csv', join(dir, 'link.csv'));
    linkSync(join(dir, 'in.csv'), join(dir, 'hard.csv'));
    try {
      expect(runXla(['score', ...files, '--kind', 'survey'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: refusal(input, again) });
    } finally {
      for (const name of ['link.csv', 'hard.csv']) rmSync(join(dir, name));
    }
  });

  it('refuses standard input twice, and a config source also given on the command line', () => {
    const csv = readFileSync(join(dir, 'in.csv'), 'utf8');
    expect(runXla(['score', '-', '-', '--kind', 'survey'], { cwd: dir, input: csv })).toEqual({
      code: 2,
      stdout: '',
      stderr: refusal('standard input', 'standard input'),
    });
    writeFileSync(join(dir, 'sources.yml'), 'sources:\n  - path: in.csv\n    kind: survey\n');
    // The config's source is read as a survey; the file on the command line is detected, so possibly the same.
    expect(runXla(['score', '-c', 'sources.yml', './in.csv'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: refusal('the input ./in.csv', 'the input in.csv'),
    });
  });

  it('says a missing file is missing, even when it is named twice', () => {
    expect(runXla(['score', 'gone.csv', './gone.csv', '--kind', 'survey'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'xla: cannot read gone.csv: no such file\n',
    });
  });

  it('reads one file as two kinds: different metrics, no row counted twice', () => {
    copyFileSync(fixture('tickets/tickets.csv'), join(dir, 'tickets.csv'));
    writeFileSync(
      join(dir, 'two-kinds.yml'),
      'sources:\n  - path: tickets.csv\n    kind: tickets\n  - path: ./tickets.csv\n    kind: survey\n',
    );
    const run = runXla(['score', '-c', 'two-kinds.yml', '-f', 'json', '-q'], { cwd: dir });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { inputs: { kind: string }[] }).inputs.map((input) => input.kind)).toEqual(['tickets', 'survey']);
  });
});
