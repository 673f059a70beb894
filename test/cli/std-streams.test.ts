/** Write errors on the standard streams, in-process: the reader leaving is quiet, anything else is exit 2 in one line. */
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/main.js';
import { fixture } from './run-xla.js';

/** A stream whose every write fails as the system call would, with `code`. */
function failingStream(code: string): Writable {
  return new Writable({
    write: (_chunk, _encoding, callback) => callback(Object.assign(new Error(`${code}: failed, write`), { code })),
  });
}

function streams(stdout: Writable, stderr: Writable = new PassThrough()): { io: CliIO; err: () => string } {
  let err = '';
  if (stderr instanceof PassThrough) stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdin: Readable.from(['']), stdout, stderr, env: {}, cwd: process.cwd() }, err: () => err };
}

const survey = fixture('survey/responses.csv');

describe('standard output that fails', () => {
  it.each([
    ['score', [], 0],
    ['check', ['-t', 'nps >= 90'], 1],
    ['check', ['-t', 'nps >= 0'], 0],
  ] as const)('%s %j ends quietly with its own exit code (%i) when the reader has gone (EPIPE)', async (command, targets, code) => {
    const { io, err } = streams(failingStream('EPIPE'));
    expect(await main([command, survey, '-q', ...targets], io)).toBe(code);
    expect(err()).toBe('');
  });

  it.each(['ENOSPC', 'EIO'])('is one line and exit 2 on %s, whatever the verdict', async (code) => {
    const { io, err } = streams(failingStream(code));
    expect(await main(['check', survey, '-q', '-t', 'nps >= 90'], io)).toBe(2);
    expect(err()).toBe(`xla: cannot write standard output: ${code === 'ENOSPC' ? 'no space left on device' : 'input/output error'}\n`);
  });

  it('is the same for commands that only print: metrics', async () => {
    const { io, err } = streams(failingStream('ENOSPC'));
    expect(await main(['metrics'], io)).toBe(2);
    expect(err()).toBe('xla: cannot write standard output: no space left on device\n');
  });
});

describe('standard error that fails', () => {
  it('keeps the exit code when its reader has gone, and the report still goes out', async () => {
    let out = '';
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Without -q: the rejected row is reported on stderr, which fails.
    expect(await main(['score', survey, '-f', 'json'], streams(stdout, failingStream('EPIPE')).io)).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ schema: 'xla-report/1' });
  });

  it('is exit 2 on any other error, with nowhere left to say so', async () => {
    expect(await main(['score', survey, '-f', 'json'], streams(new PassThrough().resume(), failingStream('ENOSPC')).io)).toBe(2);
  });
});
