/**
 * Issue 23, mergeable partial results: random survey, ticket and analytics rows, cut into random
 * shards, each shard scored on its own into an xla-partial/1 file (`xla score --partial`), the
 * files merged in a random order (`xla merge`). The JSON report is byte for byte the report of one
 * run over the shards' files (inputs included), and, its list of inputs aside, the report of one
 * run over the rows whole — every value, n, interval, detail, change, verdict and composite.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ANALYTICS_HEADER, analyticsRow, SURVEY_HEADER, surveyRow, TARGETS, TICKET_HEADER, ticketRow } from './random-exports.js';
import type { Kind } from './random-exports.js';

const dir = mkdtempSync(join(tmpdir(), 'xla-partials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `xla …` in process: its exit code and standard output. */
async function xla(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const io = { stdin: Readable.from(['']), stdout: out, stderr: new PassThrough(), env: {}, cwd: dir };
  const code = await main([...args, '-q'], io);
  return { code, stdout };
}

interface File {
  kind: Kind;
  header: string;
  rows: readonly string[];
}

let cases = 0;

/** Writes the files; returns them as config sources. */
function writeFiles(name: string, files: readonly File[]): string[] {
  return files.map((file, i) => {
    const path = join(dir, `${name}-${String(i)}-${file.kind}.csv`);
    writeFileSync(path, [file.header, ...file.rows, ''].join('\n'));
    return `  - { path: ${JSON.stringify(path)}, kind: ${file.kind} }`;
  });
}

/** A config over these sources, with the run's breakdown and targets; returns its path. */
function writeConfig(name: string, sources: readonly string[]): string {
  const config = join(dir, `${name}.yml`);
  writeFileSync(config, `timezone: UTC\nby: [team]\nperiod: month\nsources:\n${sources.join('\n')}\n${TARGETS}`);
  return config;
}

async function scoreJson(config: string): Promise<string> {
  const run = await xla(['score', '-c', config, '-f', 'json']);
  expect(run.code).toBe(0);
  return run.stdout;
}

function withoutInputs(report: string): string {
  const { inputs, ...rest } = JSON.parse(report) as { inputs: unknown[] };
  expect(inputs.length).toBeGreaterThan(0);
  return JSON.stringify(rest);
}

/** Rows cut into `count` non-empty shards at the given points. */
function shardsOf(rows: readonly string[], count: number, cuts: readonly number[]): string[][] {
  const inner = [...new Set(cuts.map((at) => 1 + (at % (rows.length - 1))))].sort((a, b) => a - b).slice(0, count - 1);
  const bounds = [0, ...inner, rows.length];
  return bounds.slice(1).map((end, i) => rows.slice(bounds[i], end));
}

const rowsOf = (row: fc.Arbitrary<string>): fc.Arbitrary<string[]> => fc.array(row, { minLength: 4, maxLength: 40 });

const shardedRun = fc.record({
  survey: rowsOf(surveyRow),
  tickets: rowsOf(ticketRow),
  analytics: rowsOf(analyticsRow),
  shards: fc.integer({ min: 1, max: 3 }),
  cuts: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
  order: fc.nat(),
});

describe('xla merge of partials of random shards', () => {
  it('is byte for byte one run over the shards, and one run over the rows whole but for its inputs', async () => {
    await fc.assert(
      fc.asyncProperty(shardedRun, async ({ survey, tickets, analytics, shards, cuts, order }) => {
        cases += 1;
        const kinds = [
          { kind: 'survey' as const, header: SURVEY_HEADER, shards: shardsOf(survey, shards, cuts) },
          { kind: 'tickets' as const, header: TICKET_HEADER, shards: shardsOf(tickets, shards, cuts.slice(1)) },
          { kind: 'analytics' as const, header: ANALYTICS_HEADER, shards: shardsOf(analytics, shards, [...cuts].reverse()) },
        ];
        const count = Math.min(...kinds.map((kind) => kind.shards.length));
        // Shard i of every kind is one partial: each partial's run has the same kinds, so the same settings.
        const shardFiles = Array.from({ length: count }, (_, i) =>
          kinds.map((kind): File => ({
            kind: kind.kind,
            header: kind.header,
            rows: kind.shards.slice(i, i + 1 === count ? undefined : i + 1).flat(),
          })),
        );
        const shardSources = shardFiles.map((files, i) => writeFiles(`case${String(cases)}-p${String(i)}`, files));
        const partialConfigs = shardSources.map((sources, i) => writeConfig(`case${String(cases)}-p${String(i)}`, sources));
        const partials = partialConfigs.map((config) => config.replace(/\.yml$/, '.json'));
        for (const [i, config] of partialConfigs.entries()) {
          expect((await xla(['score', '-c', config, '--partial', '-o', partials[i] as string])).code).toBe(0);
        }
        const turn = order % partials.length;
        const merged = await xla(['merge', ...partials.slice(turn), ...partials.slice(0, turn), '-f', 'json']);
        expect(merged.code).toBe(0);

        // The same shard files in one run: their names order the partials (case…-p0-… first).
        expect(merged.stdout).toBe(await scoreJson(writeConfig(`case${String(cases)}-all`, shardSources.flat())));
        const whole = writeFiles(`case${String(cases)}-whole`, [
          { kind: 'survey', header: SURVEY_HEADER, rows: survey },
          { kind: 'tickets', header: TICKET_HEADER, rows: tickets },
          { kind: 'analytics', header: ANALYTICS_HEADER, rows: analytics },
        ]);
        expect(withoutInputs(merged.stdout)).toBe(withoutInputs(await scoreJson(writeConfig(`case${String(cases)}-whole`, whole))));
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
