/**
 * Inputs that cannot be looked at — a path through a file, a link loop, a name too long, a
 * folder — are exit 2 with a line naming them, on one thread or two (the planner looks at every
 * path before the readers do, and must leave the saying to them), never exit 3.
 */
import { copyFileSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runXla } from './run-xla.js';

const dir = mkdtempSync(join(tmpdir(), 'xla-unreadable-'));
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
