/**
 * Memory stays bounded in principle: scoring a generated 200k-row file keeps only O(groups)
 * state plus the numbers the exact percentiles and the backlog need — never the rows.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { scoreInputs } from '../../src/run/score-inputs.js';
import { seeded } from '../seeded-random.js';
import { libraryOptions } from './library-options.js';
import { scratchDir } from '../scratch.js';

const ROWS = 200_000;
const TEAMS = ['Network', 'Desk', 'Apps', 'Data'];

async function generate(file: string): Promise<{ answered: number; resolved: number }> {
  const random = seeded(42);
  const out = createWriteStream(file);
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
  let answered = 0;
  let resolved = 0;
  out.write('id,team,created_at,first_response_at,resolved_at,comment\n');
  for (let i = 0; i < ROWS; i++) {
    const created = Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 86_400) * 1000;
    const isAnswered = random() < 0.6;
    const isResolved = random() < 0.7;
    if (isAnswered) answered++;
    if (isResolved) resolved++;
    const line = `T${i},${TEAMS[i % TEAMS.length]},${iso(created)},${isAnswered ? iso(created + 600_000) : ''},${isResolved ? iso(created + 7_200_000) : ''},"a, ""quoted"" comment"\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { answered, resolved };
}

describe('memory is bounded by groups and percentile values, not rows', () => {
  it('keeps exactly the values the percentiles need, and none for the backlog', async () => {
    const file = join(scratchDir('xla-memory-'), 'tickets.csv');
    const { answered, resolved } = await generate(file);
    let footprint = { groups: 0, storedValues: 0 };
    // jobs: undefined, every core, as the binary runs by default.
    const report = await scoreInputs(
      libraryOptions([file], { by: ['team'], period: 'month', jobs: undefined, onFootprint: (value) => (footprint = value) }),
    );
    expect(report.inputs[0]).toMatchObject({ rows: ROWS, rejected: 0 });
    // State lives only in the finest cells, 4 teams × 12 months; the overall, per-month and
    // per-team rows are merged from them at the end.
    expect(footprint.groups).toBe(4 * 12);
    // Each answered or resolved ticket's duration is kept once (the median and p90 share one
    // buffer); the backlog keeps counts per month, not its stamps.
    const durations = answered + resolved;
    expect(footprint.storedValues).toBe(durations);
    // The merged rows are still all there: 1 overall + 12 months + 4 teams + 48 team-months.
    const resolution = report.results.filter((result) => result.metric === 'resolution_time.p90');
    expect(resolution).toHaveLength(1 + 12 + 4 + 48);
    expect(resolution[0]).toMatchObject({ segment: {}, period: null, n: resolved });
  });
});
