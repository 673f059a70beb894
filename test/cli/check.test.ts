/**
 * End-to-end tests of `xla check` and the CI formats, on fixtures/check/xla.config.yml over the
 * bundled survey and ticket fixtures. The expected verdicts are worked by hand:
 * - happy-users: csat pools survey answers (6 of 10 in 4–5) and ticket satisfaction (3 of 5) → 9/15 = 60 % ≥ 50 % → met;
 * - promoters: NPS +20, 95 % CI [−34.0, +74.0] straddles 30 with basis interval → inconclusive (warn);
 * - p1-on-time: P1 tickets T1 and T3 both made their SLA → 100 % ≥ 90 % → met;
 * - fixed-fast: resolution p90 = 207,360 s (57.6 h) > 4 h → breached, error → the run fails;
 * - effort-per-team: CES Desk {5,4,2,7,5} = 4.6 and Network {7,6,3,1,6} = 4.6, both < 5 → breached, warn;
 * - xla-index: scores happy 100 (×2), p1 100 (×1), fixed-fast 0 (×1; 57.6 h is past the 8 h floor)
 *   → (200 + 100 + 0)/4 = 75 ≥ 60, but fixed-fast is a key component and breached → breached.
 */
import { readFileSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/scorecard/report-schema.js';
import { fixture, ROOT, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const CONFIG = fixture('check/xla.config.yml');
const SURVEY = fixture('survey/responses.csv');
const TICKETS = fixture('tickets/tickets.csv');

interface JsonTarget {
  id: string;
  status: string;
  outcome: string;
  value: number | null;
  segment: Record<string, string>;
}
interface JsonComposite {
  id: string;
  value: number | null;
  status: string | null;
  components: { target: string; score: number | null }[];
}
interface CheckReport {
  targets: JsonTarget[];
  composites: JsonComposite[];
  summary: Record<string, unknown>;
}

function checkJson(
  args: readonly string[],
  env: Record<string, string> = {},
): { code: number | null; report: CheckReport; stderr: string } {
  const run = runXla(['check', ...args, '-f', 'json', '-q'], { env });
  return { code: run.code, report: JSON.parse(run.stdout) as CheckReport, stderr: run.stderr };
}

describe('xla check with an XLA file', () => {
  const { code, report } = checkJson(['-c', CONFIG]);

  it('exits 1 because an error-level target is breached', () => {
    expect(code).toBe(1);
    expect(report.summary).toEqual({ targets: 7, met: 2, breached: 4, inconclusive: 1, no_data: 0, status: 'fail' });
  });

  it('judges each target as worked by hand', () => {
    const verdicts = report.targets.map((target) => [target.id, target.segment, target.status, target.outcome]);
    expect(verdicts).toEqual([
      ['happy-users', {}, 'met', 'pass'],
      ['promoters', {}, 'inconclusive', 'warn'],
      ['p1-on-time', {}, 'met', 'pass'],
      ['fixed-fast', {}, 'breached', 'fail'],
      ['effort-per-team', { Team: 'Desk' }, 'breached', 'warn'],
      ['effort-per-team', { Team: 'Network' }, 'breached', 'warn'],
    ]);
    expect(report.targets.find((target) => target.id === 'happy-users')?.value).toBe(60);
    expect(report.targets.find((target) => target.id === 'fixed-fast')?.value).toBeCloseTo(207360, 6);
  });

  it('computes the composite by hand and lets a breached key component breach it', () => {
    const index = report.composites.find((composite) => composite.id === 'xla-index');
    expect(index?.value).toBeCloseTo(75, 10);
    expect(index?.status).toBe('breached');
    expect(index?.components.map((component) => [component.target, component.score])).toEqual([
      ['happy-users', 100],
      ['p1-on-time', 100],
      ['fixed-fast', 0],
    ]);
  });

  it('rolls targets up by domain into a Total Experience view', () => {
    // cx: happy 100, promoters 100·20/30 = 66.667, effort Desk and Network 100·4.6/5 = 92 each → 350.667/4 = 87.667
    // ops: p1 100, fixed-fast 0 → 50; total: (87.667 + 50)/2 = 68.833
    const value = (id: string): number | null | undefined => report.composites.find((composite) => composite.id === id)?.value;
    expect(value('domain:cx')).toBeCloseTo(350.6667 / 4, 3);
    expect(value('domain:ops')).toBeCloseTo(50, 10);
    expect(value('total-experience')).toBeCloseTo((350.6667 / 4 + 50) / 2, 3);
  });

  it('writes a report that validates against the report schema', () => {
    expect(() => reportSchema.parse(report)).not.toThrow();
  });

  it('prints the failed targets first in the table', () => {
    const run = runXla(['check', '-c', CONFIG, '-q']);
    expect(run.code).toBe(1);
    const targets = run.stdout.slice(run.stdout.indexOf('Targets'));
    expect(targets.indexOf('fixed-fast')).toBeLessThan(targets.indexOf('happy-users'));
    expect(run.stdout.indexOf('Targets')).toBeLessThan(run.stdout.indexOf('CX · customer experience'));
  });

  it('score evaluates the same targets but exits 0', () => {
    const run = runXla(['score', '-c', CONFIG, '-q', '-f', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as CheckReport).summary.status).toBe('fail');
  });
});

describe('xla check with --target', () => {
  it.each([
    [['--target', 'nps >= 10'], 0], // +20 ≥ 10
    [['--target', 'nps >= 30'], 1], // +20 < 30
    [['--target', 'nps >= 20'], 0], // exactly on the threshold meets it
    [['--target', 'csat >= 60%'], 0],
    [['--target', 'csat > 60%'], 1],
    [['--target', 'nps between 10 and 30'], 0],
    [['--target', 'nps >= 30', '--target', 'csat >= 50%'], 1],
  ])('%j exits %d', (args, expected) => {
    expect(runXla(['check', SURVEY, ...args, '-q']).code).toBe(expected);
  });

  it('fails on a target without data, unless --allow-no-data', () => {
    const noData = checkJson([SURVEY, '--target', 'enps >= 10']);
    expect(noData.code).toBe(1);
    expect(noData.report.targets[0]).toMatchObject({ status: 'no_data', outcome: 'fail' });
    expect(runXla(['check', SURVEY, '--target', 'enps >= 10', '--allow-no-data', '-q']).code).toBe(0);
  });

  it('says no_data below min_n', () => {
    const dir = scratchDir('xla-check-');
    const config = join(dir, 'xla.config.yml');
    writeFileSync(config, `sources: [{ path: ${JSON.stringify(SURVEY)} }]\ntargets:\n  - { metric: nps, target: ">= 0", min_n: 30 }\n`);
    const { code, report } = checkJson(['-c', config]);
    expect(code).toBe(1);
    expect(report.targets[0]).toMatchObject({ status: 'no_data' });
  });

  it('finds xla.config.yml in the working directory', () => {
    const dir = scratchDir('xla-check-');
    writeFileSync(join(dir, 'xla.config.yml'), `targets:\n  - { metric: nps, target: ">= 10" }\n`);
    const run = runXla(['check', SURVEY, '-q'], { cwd: dir });
    expect(run.code).toBe(0);
  });

  it('refuses to check without any target', () => {
    const run = runXla(['check', SURVEY], { cwd: scratchDir('xla-check-') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no targets');
  });
});

describe('a bad XLA file exits 2 with the path of the mistake', () => {
  const cases: [string, string, RegExp][] = [
    ['typo in a key', 'targets:\n  - { metirc: nps, target: ">= 30" }\n', /targets\[0\][\s\S]*metirc[\s\S]*did you mean "?metric"?/],
    ['unknown metric', 'targets:\n  - { metric: csta, target: ">= 85%" }\n', /targets\[0\]\.metric[\s\S]*did you mean "?csat"?/],
    ['unit mismatch', 'targets:\n  - { metric: nps, target: "<= 4h" }\n', /targets\[0\]\.target/],
    ['malformed target', 'targets:\n  - { metric: csat, target: "85" }\n', /targets\[0\]\.target[\s\S]*85/],
    ['unknown top-level key', 'targetz: []\n', /targetz/],
  ];
  it.each(cases)('%s', (_label, yaml, message) => {
    const dir = scratchDir('xla-config-');
    const config = join(dir, 'xla.config.yml');
    writeFileSync(config, yaml);
    const run = runXla(['check', SURVEY, '-c', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});

describe('CI formats', () => {
  it('junit: one test case per verdict, failures carry the numbers', () => {
    const run = runXla(['check', '-c', CONFIG, '-f', 'junit', '-q']);
    expect(run.code).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout) as {
      testsuites: { tests: string; failures: string; testsuite: { testcase: { name: string; failure?: { message: string } }[] } };
    };
    expect(xml.testsuites.tests).toBe('7');
    expect(xml.testsuites.failures).toBe('2');
    const failed = xml.testsuites.testsuite.testcase.filter((testcase) => testcase.failure !== undefined);
    expect(failed.map((testcase) => testcase.name)).toEqual(['fixed-fast', 'xla-index']);
    expect(failed[0]?.failure?.message).toContain('<= 4h');
  });

  it('junit: -o report.xml writes the file', () => {
    const dir = scratchDir('xla-junit-');
    const out = join(dir, 'xla.xml');
    expect(runXla(['check', '-c', CONFIG, '-o', out, '-q']).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml/);
  });

  it('github: annotations on stdout and a Markdown summary appended to $GITHUB_STEP_SUMMARY', () => {
    const dir = scratchDir('xla-gh-');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = runXla(['check', '-c', CONFIG, '-f', 'github', '-q'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('::warning '))).toHaveLength(3);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# earlier step\n')).toBe(true);
    expect(written).toContain('| ');
    expect(written).toContain('fixed-fast');
  });

  it('markdown: tables for a PR comment', () => {
    const run = runXla(['check', '-c', CONFIG, '-f', 'markdown', '-q']);
    expect(run.stdout).toContain('## Service desk XLA');
    expect(run.stdout).toMatch(/\| .* \| .* \|/);
    expect(run.stdout).toContain('fixed-fast');
  });
});

describe('xla schema', () => {
  it('prints a JSON Schema of the config that accepts the README example and rejects a typo', () => {
    const schema = JSON.parse(runXla(['schema', 'config']).stdout) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    const example = parseYaml(readFileSync(join(ROOT, 'fixtures/config/example.yml'), 'utf8')) as unknown;
    expect(validate(example)).toBe(true);
    expect(validate({ targetz: [] })).toBe(false);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(readFileSync(join(ROOT, 'fixtures/config/example.yml'), 'utf8').trim());
  });

  it('prints the JSON Schema of the report', () => {
    const schema = JSON.parse(runXla(['schema', 'report']).stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(['schema', 'title', 'inputs', 'results', 'targets', 'composites', 'summary', 'rank']);
    expect(runXla(['schema', 'nope']).code).toBe(2);
  });
});

describe('xla init', () => {
  it('writes a starter config that check can run, and never overwrites without --force', () => {
    const dir = scratchDir('xla-init-');
    copyFileSync(TICKETS, join(dir, 'tickets.csv'));
    const first = runXla(['init', 'tickets.csv'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const written = readFileSync(join(dir, 'xla.config.yml'), 'utf8');
    expect(written).toContain('tickets.csv');
    expect(written).toMatch(/^#/m);
    expect([0, 1]).toContain(runXla(['check', '-q'], { cwd: dir }).code);
    writeFileSync(join(dir, 'xla.config.yml'), 'mine');
    const again = runXla(['init', 'tickets.csv'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'xla.config.yml'), 'utf8')).toBe('mine');
    expect(runXla(['init', 'tickets.csv', '--force'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'xla.config.yml'))).toBe(true);
    expect(readFileSync(join(dir, 'xla.config.yml'), 'utf8')).not.toBe('mine');
  });
});
