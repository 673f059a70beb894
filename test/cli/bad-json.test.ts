/**
 * JSON and NDJSON input that used to end in exit 3, print nonsense or be read in part (issue 16),
 * and a header whose repeated names printed a note each, as a user running the built binary sees
 * them: exit 2 with `file:line:column: message` and no report, or the value shown as written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xla-bad-json-'));
});
// The files are tens of MB each.
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Exit 2, nothing on stdout, one located message and no trace of a crash. */
function expectRefused(args: readonly string[], message: string): void {
  const run = runXla(args);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toMatch(/internal error|RangeError|\n\s+at /);
}

const nest = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('deep nesting', () => {
  it('of a JSON record 5,000 levels deep is exit 2 at the bracket past 1,000 levels', () => {
    const file = write('deep.json', `[{"nps":9,"x":${nest(5000)}}]`);
    expectRefused(['score', file, '-f', 'json'], `xla: ${file}:1:1013: nested deeper than 1000 levels`);
  });

  it('of an NDJSON record is exit 2 at its line and bracket, for `check` too', () => {
    const file = write('deep.ndjson', `{"nps":9}\n{"nps":9,"x":${nest(5000)}}\n`);
    expectRefused(['check', file, '-t', 'nps >= 0'], `xla: ${file}:2:1013: nested deeper than 1000 levels`);
  });

  it('of a JSON object key holding objects is exit 2 in `inspect` as well', () => {
    const file = write('deep-objects.json', `{"data":[{"nps":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}]}`);
    // The root, the array and the record are levels 1-3: the 998th `{"a":` (from column 17) opens level 1001.
    expectRefused(['inspect', file], `xla: ${file}:1:${17 + 997 * 5}: nested deeper than 1000 levels`);
  });
});

describe('a number too large for a double', () => {
  it.each([
    ['JSON', 'big.json', '[{"nps": 1e400}, {"nps": 9}, {"nps": -2E+999}]', 'record 1', 'record 3'],
    ['NDJSON', 'big.ndjson', '{"nps": 1e400}\n{"nps": 9}\n{"nps": -2E+999}\n', '1:1', '3:1'],
  ])('in %s is a rejected value shown as written, never "null"', (_name, name, content, first, third) => {
    const file = write(name, content);
    const run = runXla(['score', file, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${file}${first.startsWith('record') ? ': ' : ':'}${first}: nps: "1e400" rejected: not a finite number`);
    expect(run.stderr).toContain(`${third}: nps: "-2E+999" rejected: not a finite number`);
    expect(run.stderr).not.toContain('"null"');
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.inputs[0]).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
  });
});

describe('the arrays of a JSON object', () => {
  it('are refused when there are two of records, naming both', () => {
    const file = write('two.json', '{\n  "data": [{"nps": 9}, {"nps": 10}],\n  "more": [{"nps": 0}]\n}\n');
    expectRefused(
      ['score', file, '-f', 'json'],
      `xla: ${file}:3:12: ${file} holds two arrays of records, "data" and "more": xla reads one`,
    );
  });

  it('name the file, line and column of an element that is not an object', () => {
    const file = write('scalar.json', '{"data": [{"nps": 9},\n  7]}');
    expectRefused(['score', file], `xla: ${file}:2:3: element 2 of "data" is not an object (got a number)`);
  });
});

describe('an NDJSON line that is not JSON', () => {
  // V8's JSON.parse names no position for most errors ("Unexpected token '}', ... is not valid
  // JSON"): the line is read again by the JSON file reader's parser, for its column and words.
  it.each([
    ['a missing value', '{"nps":}', 8, 'unexpected "}"'],
    ['a misspelt literal, indented', '  {"nps":9,"ok":tru}', 20, 'unexpected "}"'],
    ['NaN', '{"nps":NaN}', 8, 'unexpected "N"'],
    ['a trailing comma after a multi-byte key', '{"é":9,}', 8, 'unexpected "}"'],
    ['text after the object', '{"nps":9} x', 11, 'unexpected "x"'],
    ['a line cut short', '{"nps":9', 9, 'the line ends before the object does'],
  ])('is exit 2 at its line and column: %s', (_name, line, column, what) => {
    const file = write('syntax.ndjson', `{"nps":9}\n${line}\n{"nps":10}\n`);
    expectRefused(['check', file, '-t', 'nps >= 0'], `xla: ${file}:2:${column}: invalid JSON: ${what}\n`);
  });
});

describe('a value over 16 MiB', () => {
  const long = 'x'.repeat(17 * 1024 * 1024);

  it('in a JSON record is exit 2, naming the record and the line', () => {
    const file = write('long.json', `[{"nps": 9},\n{"nps": 8, "comment": "${long}"}]`);
    expectRefused(['score', file], `xla: ${file}:2:`);
    expectRefused(['score', file], 'record 2 is longer than 16 MiB');
  }, 60_000);

  it('on an NDJSON line is exit 2 at that line', () => {
    const file = write('long.ndjson', `{"nps": 9}\n{"nps": 8, "comment": "${long}"}\n`);
    expectRefused(['score', file], `xla: ${file}:2: line longer than 16 MiB`);
  }, 60_000);
});

describe('a header of 50,000 repeated names', () => {
  it('gives one note naming the first five, in score and in inspect', () => {
    const header = ['nps', ...Array.from({ length: 50_000 }, () => 'dup')].join(',');
    const row = ['9', ...Array.from({ length: 50_000 }, () => 'a')].join(',');
    const file = write('dups.csv', `${header}\n${row}\n`);
    const note = 'renamed 49999 repeated column names: "dup (2)", "dup (3)", "dup (4)", "dup (5)", "dup (6)" and 49994 more';
    const score = runXla(['score', file, '-f', 'json']);
    expect(score.code).toBe(0);
    expect(score.stderr).toBe(`xla: note: ${file}: ${note}\n`);
    const inspect = runXla(['inspect', file, '-f', 'json']);
    expect(inspect.code).toBe(0);
    expect((JSON.parse(inspect.stdout) as { notes: string[] }).notes).toEqual([note]);
  }, 60_000);
});
