import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/main.js';
import { createProgressLine, describeProgress, PROGRESS_MIN_BYTES } from '../../src/cli/progress.js';

function fakeIO(isTTY: boolean): { io: CliIO; written: () => string } {
  let text = '';
  const stderr = Object.assign(new PassThrough(), { isTTY });
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const io: CliIO = { stdin: Readable.from(['']), stdout: new PassThrough(), stderr, env: {}, cwd: '/' };
  return { io, written: () => text };
}

const MB = 1_000_000;

describe('the progress line', () => {
  it('describes bytes, rate and time left', () => {
    // 25 of 100 MB after 2 s with 500,000 rows: 250,000 rows/s; 2 s · 0.75 / 0.25 = 6 s left.
    expect(describeProgress({ file: 'big.csv', bytesRead: 25 * MB, totalBytes: 100 * MB, rows: 500_000 }, 2)).toBe(
      'xla: big.csv 25.0 / 100.0 MB (25%) · 250,000 rows/s · 6s left',
    );
    expect(describeProgress({ file: 'stdin', bytesRead: 5 * MB, totalBytes: undefined, rows: 1000 }, 1)).toBe(
      'xla: stdin 5.0 MB · 1,000 rows/s',
    );
    // Decimal megabytes: the 1M-row benchmark file's 105,437,867 bytes, as `ls -l --si` counts them.
    expect(describeProgress({ file: 'tickets.csv', bytesRead: 52_718_999, totalBytes: 105_437_867, rows: 500_000 }, 1)).toMatch(
      /^xla: tickets\.csv 52\.7 \/ 105\.4 MB \(50%\)/,
    );
  });

  it('draws at most every 250 ms on a terminal and erases itself at the end', async () => {
    const { io, written } = fakeIO(true);
    let now = 0;
    const line = createProgressLine(io, { quiet: false, now: () => now });
    const update = { file: 'big.csv', bytesRead: 10 * MB, totalBytes: 100 * MB, rows: 1 };
    now = 300;
    line?.update(update);
    now = 400; // too soon: no redraw
    line?.update(update);
    now = 700;
    line?.update(update);
    line?.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written().split('\r\u001b[Kxla:')).toHaveLength(3); // two drawings
    expect(written().endsWith('\r\u001b[K')).toBe(true);
  });

  it('stays silent for small inputs, off a terminal, and with -q', () => {
    const small = { file: 'small.csv', bytesRead: 1000, totalBytes: PROGRESS_MIN_BYTES - 1, rows: 10 };
    const tty = fakeIO(true);
    const line = createProgressLine(tty.io, { quiet: false, now: () => 1000 });
    line?.update(small);
    line?.done();
    expect(tty.written()).toBe('');
    expect(createProgressLine(fakeIO(false).io, { quiet: false, now: () => 0 })).toBeUndefined();
    expect(createProgressLine(fakeIO(true).io, { quiet: true, now: () => 0 })).toBeUndefined();
  });
});
