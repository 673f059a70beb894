/**
 * Baseline gates (issue 22, item 2) through the built binary. The data is fixtures/rank: CSAT
 * by team; a baseline is a JSON report of one run, and `xla check` compares another with it.
 *
 *   all teams  426/556 = 76.62 %      Bravo  160/200 = 80.00 %      Charlie  93/150 = 62.00 %
 *
 * Bravo → all: −3.38 pp, p = 0.326 (within noise); all → Charlie: −14.62 pp, p < 0.001.
 * The intervals and tests are worked by hand in test/scorecard/baseline.test.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const DATA = fixture('rank/csat-by-team.csv');
const dir = scratchDir('xla-baseline-');
const BRAVO = join(dir, 'bravo.json');
const ALL = join(dir, 'all.json');

function config(name: string, ...lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const LENIENT = config('lenient.yml', 'targets:', '  - id: csat-no-drop', '    metric: csat', '    change: ">= -2"', '    basis: lenient');
const POINT = config('point.yml', 'targets:', '  - id: csat-no-drop', '    metric: csat', '    change: ">= -2"');

interface ChangeJson {
  status: string;
  outcome: string;
  value: number;
  change: {
    baseline: string | null;
    base: number | null;
    delta: number | null;
    p: number | null;
    significant: boolean | null;
    ci: [number, number] | null;
    note?: string;
  };
}

function checkJson(args: readonly string[]): { code: number | null; target: ChangeJson } {
  const run = runXla(['check', ...args, '--format', 'json']);
  return { code: run.code, target: (JSON.parse(run.stdout) as { targets: ChangeJson[] }).targets[0] as ChangeJson };
}

beforeAll(() => {
  expect(runXla(['score', DATA, '--metrics', 'csat', '--where', 'team=Bravo', '-o', BRAVO]).code).toBe(0);
  expect(runXla(['score', DATA, '--metrics', 'csat', '-o', ALL]).code).toBe(0);
});

describe('xla check --baseline', () => {
  it('lets a drop within noise pass under basis lenient, where the point alone fails', () => {
    const lenient = runXla(['check', DATA, '--metrics', 'csat', '-c', LENIENT, '--baseline', BRAVO]);
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stdout).toContain('csat change met: -3.4 pp (80.0% → 76.6%) against >= -2 pp');
    expect(lenient.stdout).toContain('p 0.326');
    const point = runXla(['check', DATA, '--metrics', 'csat', '-c', POINT, '--baseline', BRAVO]);
    expect(point.code).toBe(1);
    expect(point.stdout).toContain('csat change -3.4 pp (80.0% → 76.6%) is below >= -2 pp');
  });

  it('fails check on a significant regression under basis lenient', () => {
    const { code, target } = checkJson([DATA, '--metrics', 'csat', '--where', 'team=Charlie', '-c', LENIENT, '--baseline', ALL]);
    expect(code).toBe(1);
    expect(target).toMatchObject({ status: 'breached', outcome: 'fail', value: 62, change: { baseline: ALL, significant: true } });
    expect(target.change.base).toBeCloseTo((100 * 426) / 556, 10);
    expect(target.change.delta).toBeCloseTo(62 - (100 * 426) / 556, 10);
    expect(target.change.ci?.[1]).toBeLessThan(-2);
  });

  it('takes the baseline from the XLA file, relative to the file', () => {
    const withBaseline = config(
      'with-baseline.yml',
      'baseline: all.json',
      'targets:',
      '  - { id: drop, metric: csat, change: ">= -5%", basis: lenient }',
    );
    const { code, target } = checkJson([DATA, '--metrics', 'csat', '--where', 'team=Charlie', '-c', withBaseline]);
    expect(code).toBe(1);
    // −14.62 pp of 76.62 % is −19.08 %.
    expect(target).toMatchObject({ status: 'breached', change: { baseline: join(dir, 'all.json'), relative: true } });
  });

  it("compares with the baseline's own verdict of the same target when the baseline was a check", () => {
    const made = join(dir, 'bravo-check.json');
    // The first run has no baseline: its change target has no data (exit 1), and its report is the next baseline.
    const first = runXla(['check', DATA, '--metrics', 'csat', '--where', 'team=Bravo', '-c', LENIENT, '-o', made]);
    expect(first.code).toBe(1);
    expect(readFileSync(made, 'utf8')).toContain('no baseline report given');
    const { code, target } = checkJson([DATA, '--metrics', 'csat', '-c', LENIENT, '--baseline', made]);
    expect(code).toBe(0);
    expect(target.change.base).toBe(80);
  });

  it('gives no verdict without a baseline, and --allow-no-data only warns', () => {
    const { code, target } = checkJson([DATA, '--metrics', 'csat', '-c', LENIENT]);
    expect(code).toBe(1);
    expect(target).toMatchObject({
      status: 'no_data',
      change: { baseline: null, note: 'no baseline report given (--baseline, or baseline: in the XLA file)' },
    });
    expect(runXla(['check', DATA, '--metrics', 'csat', '-c', LENIENT, '--allow-no-data']).code).toBe(0);
  });

  it('refuses a baseline that is not an xla report, or of another schema, with exit 2 and no output file', () => {
    const out = join(dir, 'never.json');
    const csv = runXla(['check', DATA, '-c', LENIENT, '--baseline', DATA, '-o', out]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain(`${DATA}:1:1: not an xla report: invalid JSON`);
    const older = join(dir, 'older.json');
    writeFileSync(older, JSON.stringify({ schema: 'xla-report/0', results: [] }));
    const old = runXla(['check', DATA, '-c', LENIENT, '--baseline', older, '-o', out]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain(`${older}: an xla-report/0 report; a baseline is an xla-report/1 report`);
    expect(existsSync(out)).toBe(false);
    const missing = runXla(['check', DATA, '-c', LENIENT, '--baseline', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
  });

  it('refuses a baseline on standard input when the data is read from it too', () => {
    const run = runXla(['check', '-', '-c', LENIENT, '--baseline', '-'], { input: readFileSync(DATA) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--baseline - and the data both read standard input');
  });

  it('warns when a baseline is given and no target compares with it', () => {
    const run = runXla(['score', DATA, '--metrics', 'csat', '--baseline', ALL]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`--baseline ${ALL}: no target has change:, so the baseline changes nothing`);
  });
});
