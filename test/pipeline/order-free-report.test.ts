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

const dir = mkdtempSync(join(tmpdir(), 'xla-order-free-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An integer of units at some decimal places, as text: (437, 2) → "4.37", (−5, 3) → "-0.005". */
function decimalText(units: number, places: number): string {
  const digits = String(Math.abs(units)).padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return units < 0 ? `-${text}` : text;
}

/** A decimal in [low, high] with 0–`maxPlaces` places, as an export writes it. */
function decimal(low: number, high: number, maxPlaces: number): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: maxPlaces }).chain((places) => {
    const scale = 10 ** places;
    return fc.integer({ min: low * scale, max: high * scale }).map((units) => decimalText(units, places));
  });
}

const maybe = (value: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.option(value, { nil: '', freq: 4 });

const START = Date.UTC(2024, 0, 1);
const DAYS = 90;
/** An instant in Jan–Mar 2024 to the millisecond (three months: changes and their p-values). */
const instant = fc.integer({ min: 0, max: DAYS * 86_400_000 - 1 }).map((offset) => START + offset);
const team = fc.constantFrom('Desk', 'Network', 'Apps');
const iso = (ms: number): string => new Date(ms).toISOString();

const SURVEY_HEADER = 'submitted_at,team,csat,nps,ces,rating,sentiment,lost_time';
const surveyRow: fc.Arbitrary<string> = fc
  .tuple(
    instant,
    team,
    maybe(decimal(1, 5, 2)),
    maybe(fc.integer({ min: 0, max: 10 }).map(String)),
    maybe(decimal(1, 7, 1)),
    maybe(decimal(1, 5, 2)),
    maybe(decimal(-1, 1, 3)),
    maybe(decimal(0, 20_000, 3)),
  )
  .map(([at, ...fields]) => [iso(at), ...fields].join(','));

const TICKET_HEADER = 'created_at,resolved_at,first_response_at,team,satisfaction,reopen_count';
const delay = fc.option(fc.integer({ min: 0, max: 10 * 86_400_000 }), { nil: undefined, freq: 4 });
const ticketRow: fc.Arbitrary<string> = fc
  .tuple(instant, delay, delay, team, maybe(decimal(1, 5, 1)), maybe(fc.integer({ min: 0, max: 3 }).map(String)))
  .map(([created, resolvedAfter, firstAfter, ...rest]) =>
    [
      iso(created),
      resolvedAfter === undefined ? '' : iso(created + resolvedAfter),
      firstAfter === undefined ? '' : iso(created + firstAfter),
      ...rest,
    ].join(','),
  );

const ANALYTICS_HEADER = 'date,team,sessions,visitors,conversions,bounce_rate,pageviews,engagement_time,response_time';
const count = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map(String);
/** Aggregated rows: a bounce_rate fraction weighted by sessions, fractional conversions (GA4 key events), fractional seconds. */
const analyticsRow: fc.Arbitrary<string> = fc
  .tuple(
    instant,
    team,
    count(2000),
    maybe(count(1500)),
    maybe(decimal(0, 60, 2)),
    maybe(decimal(0, 1, 4)),
    maybe(count(9000)),
    maybe(decimal(0, 50_000, 3)),
    maybe(decimal(0, 5, 3)),
  )
  .map(([at, ...fields]) => [iso(at).slice(0, 10), ...fields].join(','));

const TARGETS = `
targets:
  - { id: mean, metric: csat.mean, target: ">= 3" }
  - { id: effort, metric: ces, target: ">= 4.5" }
  - { id: fast, metric: resolution_time.mean, target: "<= 5d" }
  - { id: mood, metric: sentiment, target: ">= 0" }
  - { id: happy, metric: csat, target: ">= 40%" }
  - { id: bounces, metric: bounce_rate, target: "<= 50%" }
  - { id: effort-per-team, metric: ces, each: team, target: ">= 4", level: warn }
composites:
  - id: index
    name: Experience index
    components: { mean: 0.3, effort: 0.2, fast: 0.25, mood: 0.15, happy: 0.1 }
    target: ">= 63"
`;

let runs = 0;

/** Writes the files and a config naming them in this order; returns the config's path. */
type Kind = 'survey' | 'tickets' | 'analytics';

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

/** Rows shuffled, then cut at the given points into non-empty parts. */
function cut<T>(rows: readonly T[], cuts: readonly number[]): T[][] {
  const bounds = [...new Set([0, ...cuts.map((at) => at % Math.max(1, rows.length)), rows.length])].sort((a, b) => a - b);
  return bounds
    .slice(1)
    .map((end, i) => rows.slice(bounds[i], end))
    .filter((part) => part.length > 0);
}

interface Source {
  kind: Kind;
  header: string;
  rows: string[];
  shuffled: string[];
  cuts: number[];
}

function source(kind: Kind, header: string, row: fc.Arbitrary<string>): fc.Arbitrary<Source> {
  return fc.array(row, { minLength: 1, maxLength: 50 }).chain((rows) =>
    fc.record({
      kind: fc.constant(kind),
      header: fc.constant(header),
      rows: fc.constant(rows),
      shuffled: fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
      cuts: fc.array(fc.nat(), { maxLength: 3 }),
    }),
  );
}

const sources = fc.tuple(
  source('survey', SURVEY_HEADER, surveyRow),
  source('tickets', TICKET_HEADER, ticketRow),
  source('analytics', ANALYTICS_HEADER, analyticsRow),
);

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
