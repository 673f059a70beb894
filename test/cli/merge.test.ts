/**
 * End-to-end tests of `xla score --partial` and `xla merge`, with the built binary. Two shards of
 * one survey, CSAT = share of answers 4–5, worked by hand:
 *
 * - shard a: Desk 5, 5, 2 (January); shard b: Desk 2 (February), Network 5 (February).
 * - overall 3 of 5 = 60 %; Desk 2 of 4 = 50 %; Network 1 of 1 = 100 %.
 * - target "csat >= 70%": breached (60 %), an error-level target: `merge --check` exits 1.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNeutral } from '../hostile-text.js';
import { runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const dir = scratchDir('xla-merge-');
const at = (name: string): string => join(dir, name);

const HEADER = 'submitted_at,team,csat';
writeFileSync(
  at('a.csv'),
  [HEADER, '2024-01-05T10:00:00Z,Desk,5', '2024-01-06T10:00:00Z,Desk,5', '2024-01-07T10:00:00Z,Desk,2', ''].join('\n'),
);
writeFileSync(at('b.csv'), [HEADER, '2024-02-05T10:00:00Z,Desk,2', '2024-02-06T10:00:00Z,Network,5', ''].join('\n'));
const RUN = ['--metrics', 'csat', '--by', 'team', '--period', 'month', '--target', 'csat >= 70%'];

function partial(shard: string, more: readonly string[] = []): void {
  const run = runXla(['score', at(`${shard}.csv`), ...RUN, ...more, '--partial', '-o', at(`${shard}.json`)]);
  expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
}

partial('a');
partial('b');

describe('xla score --partial', () => {
  it('writes an xla-partial/1 document with the settings, inputs and states', () => {
    const document = JSON.parse(readFileSync(at('a.json'), 'utf8')) as Record<string, unknown>;
    expect(document).toMatchObject({
      schema: 'xla-partial/1',
      byte_order: 'little-endian',
      checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      settings: { metricIds: ['csat'], by: ['team'], period: 'month' },
      inputs: [{ summary: { name: at('a.csv'), rows: 3, accepted: 3, rejected: 0 } }],
      newest_stamp: Date.UTC(2024, 0, 7, 10),
    });
  });

  it('writes it to standard output without -o', () => {
    const run = runXla(['score', at('a.csv'), ...RUN, '--partial']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(at('a.json'), 'utf8'));
  });

  it('refuses a format other than JSON before reading any input (exit 2)', () => {
    const run = runXla(['score', at('a.csv'), '--partial', '-f', 'csv', '-o', at('never.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--partial writes an xla-partial/1 JSON document, not csv');
    expect(existsSync(at('never.json'))).toBe(false);
  });

  it('refuses a run that joins responses to tickets', () => {
    const fixtures = join(import.meta.dirname, '../../fixtures/join');
    const run = runXla(['score', join(fixtures, 'survey.csv'), join(fixtures, 'tickets.csv'), '--partial']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot be cut into partials');
    expect(run.stdout).toBe('');
  });
});

describe('xla merge', () => {
  const merged = (...files: string[]): ReturnType<typeof runXla> => runXla(['merge', ...files.map(at), '-f', 'json']);

  it('gives the report one run over both shards gives, byte for byte, in either order', () => {
    const ab = merged('a.json', 'b.json');
    const ba = merged('b.json', 'a.json');
    const single = runXla(['score', at('a.csv'), at('b.csv'), ...RUN, '-f', 'json']);
    expect(ab).toMatchObject({ code: 0, stderr: '' });
    expect(ba.stdout).toBe(ab.stdout);
    expect(ab.stdout).toBe(single.stdout);
    const report = JSON.parse(ab.stdout) as JsonReport;
    const csat = (segment: Record<string, string>, period: string | null): [number | null, number] | undefined => {
      const result = report.results.find((row) => row.period === period && JSON.stringify(row.segment) === JSON.stringify(segment));
      return result === undefined ? undefined : [result.value, result.n];
    };
    expect(csat({}, null)).toEqual([60, 5]);
    expect(csat({ team: 'Desk' }, null)).toEqual([50, 4]);
    expect(csat({ team: 'Network' }, null)).toEqual([100, 1]);
    expect(csat({ team: 'Desk' }, '2024-01')).toEqual([200 / 3, 3]);
    expect(report.inputs.map((input) => [input.name, input.rows])).toEqual([
      [at('a.csv'), 3],
      [at('b.csv'), 2],
    ]);
  });

  it('gives the same report from one partial of both shards, scored on two threads (the workers hand over partials too)', () => {
    const both = runXla(['score', at('a.csv'), at('b.csv'), ...RUN, '--jobs', '2', '--partial', '-o', at('both.json')]);
    expect(both.code).toBe(0);
    expect(merged('both.json').stdout).toBe(merged('a.json', 'b.json').stdout);
  });

  it('renders any format, and --check judges the targets as xla check does (exit 1 on a breach)', () => {
    const table = runXla(['merge', at('a.json'), at('b.json')]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('60.0%');
    const check = runXla(['merge', '--check', at('b.json'), at('a.json'), '-f', 'junit', '-o', at('check.xml')]);
    expect(check).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(at('check.xml'), 'utf8')).toContain('<failure');
  });

  it('refuses partials of another run, naming both files and the setting (exit 2, no output)', () => {
    runXla(['score', at('b.csv'), ...RUN, '--tz', 'Europe/Paris', '--partial', '-o', at('paris.json')]);
    const run = runXla(['merge', at('a.json'), at('paris.json'), '-o', at('out.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`xla: ${at('paris.json')}: a partial of another run than ${at('a.json')}: its setting tz differs`);
    expect(existsSync(at('out.json'))).toBe(false);
  });

  it('refuses a truncated partial with its line and column', () => {
    const text = readFileSync(at('a.json'), 'utf8');
    writeFileSync(at('cut.json'), text.slice(0, 200));
    const run = runXla(['merge', at('a.json'), at('cut.json'), '-o', at('out.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^xla: ${at('cut.json')}:1:201: not an xla partial: invalid JSON: the file ends too early`));
    expect(existsSync(at('out.json'))).toBe(false);
  });

  it('refuses a partial edited after xla wrote it (its checksum)', () => {
    const text = readFileSync(at('a.json'), 'utf8');
    writeFileSync(at('edited.json'), text.replace('"rows":3', '"rows":4'));
    const run = runXla(['merge', at('edited.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('its checksum does not match its content');
  });

  it('refuses a report given instead of a partial', () => {
    writeFileSync(at('report.json'), runXla(['score', at('a.csv'), ...RUN, '-f', 'json']).stdout);
    const run = runXla(['merge', at('a.json'), at('report.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${at('report.json')}: an xla-report/1 report, not a partial`);
    expect(run.stdout).toBe('');
  });

  it('names a hostile file on one neutral line', () => {
    const hostile = at('evil\n::error::x\u001b[31m.json');
    writeFileSync(hostile, '{"schema": "xla-partial/1"');
    const run = runXla(['merge', at('a.json'), hostile]);
    expect(run.code).toBe(2);
    expectNeutral(run.stderr);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(2);
  });

  it('refuses --check without targets, and a call without partials', () => {
    runXla(['score', at('a.csv'), '--metrics', 'csat', '--partial', '-o', at('plain.json')]);
    expect(runXla(['merge', '--check', at('plain.json')])).toMatchObject({ code: 2, stdout: '' });
    expect(runXla(['merge']).code).toBe(2);
  });
});
