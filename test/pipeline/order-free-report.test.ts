/**
 * Issue 16: a value never depends on row order or on how the input was cut. Random survey,
 * ticket and analytics rows — fractional answers, durations from millisecond stamps, decimal
 * sentiment, bounce rates weighted by sessions, fractional conversions — are scored as three files
 * in one order, then shuffled and cut into parts at random points, each part a file of its own. Several inputs are scored each into scorecards of their own and merged
 * through snapshot and absorb (run/score-inputs.ts combineScores) — the path a worker thread's part of a
 * cut file takes. The JSON report, every number of it — values, n, intervals, details, changes
 * and p-values, target verdicts, composite scores — is byte for byte the same; only the list of
 * inputs differs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cut, sources, TARGETS } from './random-exports.js';
import type { Kind } from './random-exports.js';

const dir = mkdtempSync(join(tmpdir(), 'xla-order-free-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;

/** Writes the files and a config naming them in this order; returns the config's path. */
function writeRun(files: readonly { kind: Kind; header: string; rows: readonly string[] }[]): string {
  runs += 1;
  const sources = files.map((file, i) => {
    const path = join(dir, `run${runs}-${i}-${file.kind}.csv`);
    writeFileSync(path, [file.header, ...file.rows, ''].join('\n'));
    return `  - { path: ${JSON.stringify(path)}, kind: ${file.kind} }`;
  });
  const config = join(dir, `run${runs}.yml`);
  writeFileSync(config, `timezone: UTC\nby: [team]\nperiod: month\nsources:\n${sources.join('\n')}\n${TARGETS}`);
  return config;
}

/** `xla score -c config -f json`, in process; the report without its list of inputs. */
async function reportOf(config: string): Promise<string> {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const io = { stdin: Readable.from(['']), stdout, stderr: new PassThrough(), env: {}, cwd: dir };
  const code = await main(['score', '-c', config, '-f', 'json', '-q'], io);
  expect(code).toBe(0);
  // The report as printed, less its list of inputs: JSON.stringify writes each number back in the
  // shortest form that reads as the same double, so equal text is equal bits.
  const { inputs, ...rest } = JSON.parse(out) as { inputs: unknown[] };
  expect(inputs.length).toBeGreaterThan(0);
  return JSON.stringify(rest, null, 2);
}

describe('the JSON report of shuffled rows cut into parts', () => {
  it('is byte for byte the report of the rows in their first order, whole', async () => {
    await fc.assert(
      fc.asyncProperty(sources, fc.nat(), async (all, rotation) => {
        const whole = await reportOf(writeRun(all.map(({ kind, header, rows }) => ({ kind, header, rows }))));
        const parts = all.flatMap(({ kind, header, shuffled, cuts }) => cut(shuffled, cuts).map((rows) => ({ kind, header, rows })));
        // The parts of different kinds interleaved in another order too.
        const turn = rotation % parts.length;
        expect(await reportOf(writeRun([...parts.slice(turn), ...parts.slice(0, turn)]))).toBe(whole);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
