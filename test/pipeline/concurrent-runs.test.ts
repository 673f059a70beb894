/**
 * Two library calls in one process share nothing: each run owns its calendars of periods (in its
 * scorecards) and its sort buffers, so two runs whose reads interleave on the event loop report
 * what each reports alone — with other zones, other periods and values that need sorting.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreInputs } from '../../src/run/score-inputs.js';
import type { ScoreOptions } from '../../src/run/score-inputs.js';
import type { Report } from '../../src/scorecard/model.js';
import type { Period } from '../../src/time/periods.js';
import { libraryOptions } from './library-options.js';
import { scratchDir } from '../scratch.js';

const HOUR = 3_600_000;
const ROWS = 60_000;

/** Tickets through 2024, created at every hour of the day (so local midnights split days differently by zone), resolved 1–300 hours later. */
function ticketsCsv(seed: number): string {
  const lines = ['id,team,created_at,resolved_at'];
  for (let i = 0; i < ROWS; i += 1) {
    const created = Date.UTC(2024, 0, 1) + ((i * 7919 + seed * 104_729) % (366 * 24)) * HOUR + (i % 60) * 60_000;
    const resolved = created + (1 + ((i * 31 + seed) % 300)) * HOUR + (i % 7) * 1000;
    lines.push(`T${i},${['Desk', 'Apps', 'Network'][(i + seed) % 3] ?? ''},${iso(created)},${iso(resolved)}`);
  }
  return `${lines.join('\n')}\n`;
}

const iso = (instant: number): string => new Date(instant).toISOString().replace('.000Z', 'Z');

function options(path: string, tz: string, period: Period, onProgress: () => void): ScoreOptions {
  return libraryOptions([path], {
    tz,
    metrics: ['resolution_time.median', 'resolution_time.p90', 'backlog', 'tickets'],
    by: ['team'],
    period,
    onProgress,
  });
}

describe('two library calls at once', () => {
  const folder = scratchDir('xla-concurrent-');
  const [first, second] = [join(folder, 'a.csv'), join(folder, 'b.csv')];
  writeFileSync(first, ticketsCsv(1));
  writeFileSync(second, ticketsCsv(2));

  it('report each what it reports alone, while their reading interleaves', async () => {
    const runs = [
      { path: first, tz: 'Pacific/Auckland', period: 'day' as const },
      { path: second, tz: 'America/New_York', period: 'week' as const },
    ];
    const alone: Report[] = [];
    for (const run of runs) alone.push(await scoreInputs(options(run.path, run.tz, run.period, () => undefined)));
    const progress: number[] = [];
    const together = await Promise.all(runs.map((run, i) => scoreInputs(options(run.path, run.tz, run.period, () => progress.push(i)))));
    // The two reads took turns: each reported progress before the other had finished.
    expect(progress.indexOf(0)).toBeLessThan(progress.lastIndexOf(1));
    expect(progress.indexOf(1)).toBeLessThan(progress.lastIndexOf(0));
    expect(together[0]).toEqual(alone[0]);
    expect(together[1]).toEqual(alone[1]);
    // Days in Auckland and weeks in New York: the periods are each run's own.
    expect(together[0]?.results.some((result) => result.period === '2024-03-15')).toBe(true);
    expect(together[1]?.results.some((result) => result.period === '2024-W11')).toBe(true);
    expect(
      together[0]?.results.find(
        (result) => result.metric === 'tickets' && result.period === null && Object.keys(result.segment).length === 0,
      )?.n,
    ).toBe(ROWS);
  }, 120_000);
});
