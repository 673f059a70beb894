/**
 * Everything xla writes to stderr is neutral (src/cli/stderr.ts): one line per message, control
 * characters shown as escapes, no workflow command, whatever a file, column, value or argument holds.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { drawStatusLine, eraseStatusLine, writeErrorLine, writeErrorText } from '../../src/cli/stderr.js';
import { expectNeutral, hostileText } from '../hostile-text.js';
import { scratchDir } from '../scratch.js';

function captureStderr(): { stderr: PassThrough; text: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stderr, text: () => text };
}

async function runMain(argv: readonly string[], cwd = process.cwd()): Promise<{ code: number; stderr: string }> {
  const { stderr, text } = captureStderr();
  const stdout = new PassThrough().resume();
  const code = await main(argv, { stdin: Readable.from(['']), stdout, stderr, env: {}, cwd });
  return { code, stderr: text() };
}

describe('the stderr guard', () => {
  it('writes one message as one neutral line, whatever it holds', () => {
    fc.assert(
      fc.property(hostileText, (message) => {
        const { stderr, text } = captureStderr();
        writeErrorLine({ stderr }, `xla: ${message}`);
        expect(text().endsWith('\n')).toBe(true);
        expect(text().slice(0, -1)).not.toContain('\n');
        expectNeutral(text());
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the line feeds of a text of several lines and neutralises each line', () => {
    const { stderr, text } = captureStderr();
    writeErrorText({ stderr }, 'Usage: xla\n::error::x\n  ##[group]y\u001b[2J\n');
    expect(text()).toBe('Usage: xla\n\\::error::x\n  ##\\[group]y\\x1B[2J\n');
  });

  it('draws a status line with its own erase codes and the text neutral', () => {
    const { stderr, text } = captureStderr();
    drawStatusLine({ stderr }, 'xla: a\n::error::b\u001b[8m.csv 4.0 MB');
    eraseStatusLine({ stderr });
    expect(text()).toBe('\r\u001b[Kxla: a\\n::error::b\\x1B[8m.csv 4.0 MB\r\u001b[K');
  });
});

describe('messages on stderr', () => {
  it('shows a line break in an argument inside one error line', async () => {
    const { code, stderr } = await runMain(['inspect', 'x.csv', '-f', 'x\n::error::y']);
    expect(code).toBe(2);
    expect(stderr).toBe('xla: --format must be one of table, json; got "x\\n::error::y"\n');
  });

  it("keeps commander's own errors on one line, with its suggestion, and neutralises an unknown option", async () => {
    const typo = await runMain(['score', '--fromat', 'json']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("xla: unknown option '--fromat' (did you mean --format?)\n(run xla --help for usage)\n");
    const hostile = await runMain(['score', '--x\n::error::y\u001b]0;t\u0007']);
    expect(hostile.stderr).toBe("xla: unknown option '--x\\n::error::y\\x1B]0;t\\x07'\n(run xla --help for usage)\n");
  });

  it('quotes a rejected value and its column name, and names the file, each on one neutral line', async () => {
    const dir = scratchDir('xla-stderr-');
    const file = join(dir, 'a\n::error::b.csv');
    writeFileSync(file, '"How likely\n::warning::x"\n10\n"9\u001b[8m\n##[stop-commands]t"\n8\n');
    const { code, stderr } = await runMain(['score', file, '--map', 'nps=How likely\n::warning::x', '-f', 'json']);
    expect(code).toBe(0);
    expectNeutral(stderr);
    const shownFile = `${dir}/a\\n::error::b.csv`;
    expect(stderr.split('\n')[0]).toBe(
      `xla: ${shownFile}:4:1: nps ("How likely\\n::warning::x"): "9\\x1B[8m\\n##\\[stop-commands]t" rejected: not a number`,
    );
  });
});
