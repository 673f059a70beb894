/**
 * Fair segment rankings (issue 22, item 3) through the built binary, on fixtures/rank: CSAT by
 * team, where the smallest team (Delta, 3 of 6 satisfied) has the worst point value but sits
 * inside its wide funnel limits, and a large team (Charlie, 93 of 150) is significantly below.
 * The limits are worked by hand in test/scorecard/rank.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const DATA = fixture('rank/csat-by-team.csv');
const RANK = ['score', DATA, '--metrics', 'csat', '--by', 'team', '--rank'];

interface RankJson {
  metric: string;
  period: string | null;
  overall: number;
  rows: { position: number; segment: { team: string }; value: number; n: number; limits: [number, number]; flag: string }[];
}

function rankOf(args: readonly string[]): RankJson[] {
  const run = runXla([...args, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { rank: RankJson[] }).rank;
}

describe('xla score --by team --rank', () => {
  it('flags the large team below its limits and not the small worst one', () => {
    const [csat] = rankOf(RANK);
    expect(csat?.overall).toBeCloseTo((100 * 426) / 556, 10);
    expect(csat?.rows.map((row) => [row.position, row.segment.team, row.n, row.flag])).toEqual([
      [1, 'Alpha', 200, 'above'],
      [2, 'Bravo', 200, 'within'],
      [3, 'Charlie', 150, 'below'],
      [4, 'Delta', 6, 'within'],
    ]);
    expect(csat?.rows[3]?.limits[0]).toBeCloseTo(42.7518, 3);
  });

  it('shows the ranking in the table and in Markdown, with the flag worded', () => {
    const table = runXla(RANK);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Ranking · CSAT by team · overall 76.6% · 95% funnel limits');
    expect(table.stdout).toMatch(/3 {2}Charlie +62\.0% +150 +54\.0…69\.4% +69\.8…83\.4% +▼ below/);
    expect(table.stdout).toMatch(/4 {2}Delta +50\.0% +6 +18\.8…81\.2% +42\.8…100\.0% +within/);
    const markdown = runXla([...RANK, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| 3 | Charlie | 62.0% | 150 | 54.0…69.4% | 69.8…83.4% | ▼ below (worse) |');
    expect(markdown.stdout).toContain('| 1 | Alpha | 85.0% | 200 | 79.4…89.3% | 70.8…82.5% | ▲ above (better) |');
  });

  it('ranks each period too in JSON, and lists the whole window only in the table', () => {
    const groups = rankOf([...RANK, '--period', 'month']);
    expect(groups.map((group) => group.period)).toEqual([null, '2024-01', '2024-02', '2024-03']);
    const table = runXla([...RANK, '--period', 'month']);
    expect(table.stdout.match(/Ranking ·/g)).toHaveLength(1);
  });

  it('gives the same ranking whatever the order of the rows', () => {
    const [header, ...rows] = readFileSync(DATA, 'utf8').trimEnd().split('\n');
    const reversed = join(scratchDir('xla-rank-'), 'reversed.csv');
    writeFileSync(reversed, `${[header, ...rows.reverse()].join('\n')}\n`);
    const again = rankOf(['score', reversed, '--metrics', 'csat', '--by', 'team', '--rank']);
    expect(again).toEqual(rankOf(RANK));
  });

  it('prints what the README shows', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const command = '$ xla score fixtures/rank/csat-by-team.csv --metrics csat --by team --rank\n';
    const shown = readme.slice(readme.indexOf(command) + command.length, readme.indexOf('```', readme.indexOf(command)));
    expect(shown).toContain('Ranking ·');
    expect(runXla(['score', 'fixtures/rank/csat-by-team.csv', '--metrics', 'csat', '--by', 'team', '--rank']).stdout).toContain(shown);
  });

  it('leaves the JSON without rank when --rank is not given, and refuses --rank without --by', () => {
    const plain = runXla(['score', DATA, '--metrics', 'csat', '--by', 'team', '--format', 'json']);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('rank');
    const refused = runXla(['score', DATA, '--rank']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--rank orders the segments of --by');
  });
});
