/** In-process tests of main(argv, io): exit codes and stream separation without spawning a process. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/main.js';
import { renderWithinStringLimit } from '../../src/cli/score-command.js';
import { XlaError } from '../../src/errors.js';
import type { Report } from '../../src/scorecard/model.js';
import { fixture } from './run-xla.js';
import { scratchDir } from '../scratch.js';

function captureIO(options: { stdin?: string; failStdout?: boolean; env?: NodeJS.ProcessEnv } = {}): {
  io: CliIO;
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  if (options.failStdout === true) {
    stdout.write = () => {
      throw new TypeError('simulated failure inside xla');
    };
  }
  const stdin = Readable.from([options.stdin ?? '']);
  return { io: { stdin, stdout, stderr, env: options.env ?? {}, cwd: process.cwd() }, out: () => out, err: () => err };
}

const ALL_COMMANDS = ['score', 'check', 'merge', 'metrics', 'inspect', 'schema', 'diff', 'sql', 'init', 'completion'];

describe('main', () => {
  it('lists every command in --help, in order, though a run registers only its own', async () => {
    const { io, out } = captureIO();
    expect(await main(['--help'], io)).toBe(0);
    const listed = [...out().matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]);
    expect(listed).toEqual([...ALL_COMMANDS, 'help']);
  });

  it('suggests the closest command for a mistyped one (exit 2), and runs a command after the program options', async () => {
    const typo = captureIO();
    expect(await main(['scor', 'x.csv'], typo.io)).toBe(2);
    expect(typo.err()).toContain("xla: unknown command 'scor' (did you mean score?)");
    const colourless = captureIO();
    expect(await main(['--no-color', 'metrics', 'nps', '-f', 'json'], colourless.io)).toBe(0);
    expect(JSON.parse(colourless.out())).toMatchObject({ id: 'nps' });
  });

  it('returns 0 and writes the report to stdout only', async () => {
    const { io, out, err } = captureIO();
    expect(await main(['score', fixture('survey/responses.csv'), '-q', '-f', 'json'], io)).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ schema: 'xla-report/1' });
    expect(err()).toBe('');
  });

  it('reads stdin when no file is given and stdin is not a terminal', async () => {
    const { io, out } = captureIO({ stdin: 'nps\n10\n9\n0\n' });
    expect(await main(['score', '-f', 'json'], io)).toBe(0);
    // P = 2, D = 1 of 3 → +33.3.
    const report = JSON.parse(out()) as { results: { metric: string; value: number }[] };
    expect(report.results.find((result) => result.metric === 'nps')?.value).toBeCloseTo(100 / 3, 10);
  });

  it('turns an unexpected failure into exit 3 with a bug report request and no stack trace', async () => {
    const { io, err } = captureIO({ failStdout: true });
    expect(await main(['score', fixture('survey/responses.csv'), '-q'], io)).toBe(3);
    expect(err()).toContain('internal error: simulated failure inside xla');
    expect(err()).toContain('This is a bug in xla');
    expect(err()).not.toMatch(/\n\s+at /);
  });

  it('shows the stack trace of a bug with XLA_DEBUG=1', async () => {
    const { io, err } = captureIO({ failStdout: true, env: { XLA_DEBUG: '1' } });
    expect(await main(['score', fixture('survey/responses.csv'), '-q'], io)).toBe(3);
    expect(err()).toMatch(/\n\s+at /);
  });

  it('reports an unclosed quote with file and line, scores what came before it, and fails under --strict', async () => {
    const dir = scratchDir('xla-main-');
    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'nps,comment\n9,fine\n10,"never closed\n8,x\n');
    const lenient = captureIO();
    expect(await main(['score', file, '-f', 'json'], lenient.io)).toBe(0);
    expect(lenient.err()).toMatch(/broken\.csv:3/);
    // Only the record before the quote is readable: 9 → one promoter of one.
    expect(
      (JSON.parse(lenient.out()) as { results: { metric: string; value: number; n: number }[] }).results.find(
        (result) => result.metric === 'nps',
      ),
    ).toMatchObject({ value: 100, n: 1 });
    const strict = captureIO();
    expect(await main(['score', file, '--strict'], strict.io)).toBe(2);
    expect(strict.err()).toMatch(/broken\.csv:3/);
    expect(strict.out()).toBe('');
  });

  it('refuses a call with no input on a terminal', async () => {
    const { io, err } = captureIO();
    (io.stdin as { isTTY?: boolean }).isTTY = true;
    expect(await main(['score'], io)).toBe(2);
    expect(err()).toContain('no input files');
  });
});

describe('renderWithinStringLimit', () => {
  const report = { results: [{}, {}, {}] } as unknown as Report;

  it('turns the string-length limit of a huge report into a clear exit-2 error', () => {
    const render = (): string => {
      throw new RangeError('Invalid string length');
    };
    expect(() => renderWithinStringLimit(report, render)).toThrow(XlaError);
    expect(() => renderWithinStringLimit(report, render)).toThrow('the report of 3 results is too large to write');
    try {
      renderWithinStringLimit(report, render);
    } catch (error) {
      expect((error as XlaError).exitCode).toBe(2);
      expect((error as XlaError).hint).toContain('--by');
    }
  });

  it('lets any other failure through as it is (a bug stays a bug)', () => {
    expect(() =>
      renderWithinStringLimit(report, () => {
        throw new RangeError('Maximum call stack size exceeded');
      }),
    ).toThrow('Maximum call stack');
    expect(renderWithinStringLimit(report, () => 'text')).toBe('text');
  });
});
