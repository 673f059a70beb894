/**
 * End-to-end tests of `xla diff`: the built binary first makes two real reports with `xla check`
 * (`--by Team --period month`, a config whose CSAT target is met in one and breached in the
 * other), then compares them. The data and the expected values, worked by hand (CSAT = share of
 * answers 4–5; every answer is 5 or 2):
 *
 * - base: Desk 30 of 50 satisfied, Legacy 30 of 50 → 60/100; head: Desk 20 of 50, Apps 20 of 50 → 40/100.
 * - overall 60/100 → 40/100, pooled z: p̂ = 0.5, SE = √(0.25·(1/100 + 1/100)) = 0.070711, z = 2.8284,
 *   p = 2·(1 − Φ(2.8284)) = 0.004678 < 0.05 → significantly worse.
 * - Team=Desk 30/50 → 20/50: p̂ = 0.5, SE = √(0.25·(1/50 + 1/50)) = 0.1, z = 2, p = 0.0455 → significantly worse.
 * - Team=Legacy only in base, Team=Apps only in head.
 * - target happy (csat >= 50%): 60 % met in base, 40 % breached in head → a target regression.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { DiffReport, DiffResult } from '../../src/scorecard/diff.js';
import { expectNeutral } from '../hostile-text.js';
import { runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const dir = scratchDir('xla-diff-');

/** `count` answers of one team, `satisfied` of them 5 and the rest 2, alternating between January and February. */
function answers(team: string, count: number, satisfied: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = i % 2 === 0 ? '01' : '02';
    return `2024-${month}-${day}T10:00:00Z,"${team.replaceAll('"', '""')}",${i < satisfied ? 5 : 2}`;
  });
}

function writeSurvey(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, ['Submitted At,Team,Satisfaction', ...rows, ''].join('\n'));
  return path;
}

const CONFIG = join(dir, 'xla.config.yml');
writeFileSync(CONFIG, ['targets:', '  - id: happy', '    metric: csat', '    target: ">= 50%"', ''].join('\n'));

/** A report made by the built binary; check exits 1 when the target is breached and writes the report all the same. */
function makeReport(name: string, csv: string, expectedCode: number): string {
  const path = join(dir, name);
  const run = runXla(['check', '-c', CONFIG, csv, '--kind', 'survey', '--by', 'Team', '--period', 'month', '-o', path, '-q']);
  expect(run.code, run.stderr).toBe(expectedCode);
  return path;
}

const BASE = makeReport('base.json', writeSurvey('base.csv', [...answers('Desk', 50, 30), ...answers('Legacy', 50, 30)]), 0);
const HEAD = makeReport('head.json', writeSurvey('head.csv', [...answers('Desk', 50, 20), ...answers('Apps', 50, 20)]), 1);

function rowOf(diff: DiffReport, metric: string, segment: Record<string, string>, period: string | null = null): DiffResult {
  const found = diff.results.filter(
    (row) => row.metric === metric && row.period === period && JSON.stringify(row.segment) === JSON.stringify(segment),
  );
  expect(found).toHaveLength(1);
  return found[0] as DiffResult;
}

describe('xla diff base.json head.json --format json', () => {
  const run = runXla(['diff', BASE, HEAD, '--format', 'json']);
  const diff = JSON.parse(run.stdout) as DiffReport;

  it('exits 0 (a diff is informational), with nothing on stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(diff.schema).toBe('xla-diff/1');
  });

  it('compares CSAT overall: 60 % → 40 %, p = 0.004678, significantly worse', () => {
    const row = rowOf(diff, 'csat', {});
    expect(row).toMatchObject({ base: 60, head: 40, delta: -20, significant: true, direction: 'worse', base_n: 100, head_n: 100 });
    expect(row.p).toBeCloseTo(0.004678, 6);
  });

  it('compares a segment present in both: Team=Desk 60 % → 40 %, p = 0.0455', () => {
    const row = rowOf(diff, 'csat', { Team: 'Desk' });
    expect(row).toMatchObject({ base: 60, head: 40, delta: -20, significant: true });
    expect(row.p).toBeCloseTo(0.0455, 4);
  });

  it('lists segments present in one report only as such', () => {
    expect(rowOf(diff, 'csat', { Team: 'Legacy' })).toMatchObject({ only: 'base', base: 60, head: null, delta: null, p: null });
    expect(rowOf(diff, 'csat', { Team: 'Apps' })).toMatchObject({ only: 'head', base: null, head: 40, delta: null, p: null });
    expect(rowOf(diff, 'csat', { Team: 'Apps' }, '2024-02')).toMatchObject({ only: 'head' });
  });

  it('lists the target whose status changed, met → breached', () => {
    expect(diff.targets).toEqual([
      expect.objectContaining({
        id: 'happy',
        segment: {},
        period: null,
        base: 'met',
        head: 'breached',
        base_value: 60,
        head_value: 40,
        regression: true,
      }),
    ]);
  });

  it('every result of both reports appears once', () => {
    const base = JSON.parse(readFileSync(BASE, 'utf8')) as { results: unknown[] };
    const head = JSON.parse(readFileSync(HEAD, 'utf8')) as { results: unknown[] };
    const both = diff.results.filter((row) => row.only === undefined).length;
    expect(both + diff.summary.only_base).toBe(base.results.length);
    expect(both + diff.summary.only_head).toBe(head.results.length);
  });
});

describe('xla diff, the human and CI formats', () => {
  it('table (the default): the headline, the target status change and the rows only in one report', () => {
    const run = runXla(['diff', BASE, HEAD]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('target status change');
    expect(run.stdout).toMatch(/happy +error +met +breached/);
    expect(run.stdout).toMatch(/csat +all +all +60\.0% +40\.0% +▼ 20\.0 pp +0\.005 +significantly worse/);
    expect(run.stdout).toMatch(/Team=Legacy +all +60\.0% +– +– +– +only in base/);
    // Not a terminal: no colour.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('FORCE_COLOR colours a significantly worse change and a breach red; a file never gets colour', () => {
    const run = runXla(['diff', BASE, HEAD], { env: { FORCE_COLOR: '1' } });
    expect(run.stdout).toContain('\u001b[31m▼ 20.0 pp\u001b[39m');
    expect(run.stdout).toContain('\u001b[31mbreached\u001b[39m');
    const out = join(dir, 'diff.txt');
    expect(runXla(['diff', BASE, HEAD, '-o', out], { env: { FORCE_COLOR: '1' } }).code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('\u001b[');
  });

  it('-o diff.md writes the Markdown PR comment, from the extension, and prints nothing', () => {
    const out = join(dir, 'diff.md');
    const run = runXla(['diff', BASE, HEAD, '-o', out]);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^## xla diff: \d+ regressions?, \d+ improvements?, 1 target status change$/);
    expect(text).toContain('| happy | error | met | **breached** |');
  });

  it('junit: a failure for the breached target and for each significantly worse change', () => {
    const run = runXla(['diff', BASE, HEAD, '-f', 'junit']);
    expect(run.code).toBe(0);
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run.stdout) as {
      testsuites: { tests: string; failures: string; testsuite: { testcase: { name: string; failure?: unknown }[] } };
    };
    const cases = xml.testsuites.testsuite.testcase;
    expect(cases[0]).toMatchObject({ name: 'happy', failure: expect.anything() });
    expect(cases.map((c) => c.name)).toContain('csat [all, all]');
    expect(cases.map((c) => c.name)).toContain('csat [Team=Desk, all]');
    expect(xml.testsuites.failures).toBe(String(cases.filter((c) => c.failure !== undefined).length));
  });
});

describe('xla diff refuses what it cannot compare (exit 2, nothing on stdout, no file)', () => {
  const older = join(dir, 'older.json');
  writeFileSync(older, readFileSync(BASE, 'utf8').replace('"schema": "xla-report/1"', '"schema": "xla-report/0"'));
  const notJson = join(dir, 'notes.json');
  writeFileSync(notJson, '{\n  "schema": "xla-report/1",\n  "results": [1,,2]\n}\n');

  it('a report of an older schema', () => {
    const run = runXla(['diff', older, HEAD]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `xla: ${older}: an xla-report/0 report; xla diff compares xla-report/1 reports\n  hint: re-run the older scorecard with this xla (xla score --format json)\n`,
    );
  });

  it('a file that is not JSON, at its line and column', () => {
    const run = runXla(['diff', BASE, notJson]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(`xla: ${notJson}:3:17: not an xla report: invalid JSON: unexpected ","`);
  });

  it('a scorecard given where a report is wanted: a CSV', () => {
    const run = runXla(['diff', join(dir, 'base.csv'), HEAD]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/base\.csv:1:1: not an xla report: invalid JSON/);
  });

  it('-o leaves no file, partial or empty, when an input is refused', () => {
    const out = join(dir, 'refused.md');
    const run = runXla(['diff', BASE, older, '-o', out]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('refused'))).toEqual([]);
  });

  it('-o onto one of the reports it reads', () => {
    const run = runXla(['diff', BASE, HEAD, '-o', HEAD]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('xla never writes over what it reads');
    expect(JSON.parse(readFileSync(HEAD, 'utf8'))).toMatchObject({ schema: 'xla-report/1' });
  });

  it('an unknown format or a bad --confidence', () => {
    expect(runXla(['diff', BASE, HEAD, '-f', 'csv'])).toMatchObject({ code: 2, stdout: '' });
    expect(runXla(['diff', BASE, HEAD, '--confidence', '95'])).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('xla diff reads one report from standard input', () => {
  it('- as the head', () => {
    const run = runXla(['diff', BASE, '-', '-f', 'json'], { input: readFileSync(HEAD) });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as DiffReport).summary.target_changes).toBe(1);
  });

  it('but not both', () => {
    const run = runXla(['diff', '-', '-'], { input: readFileSync(HEAD) });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr.split('\n')[0]).toBe('xla: xla diff can read only one report from standard input');
  });
});

describe('xla diff with hostile segment text', () => {
  const TEAM = 'b\n::error file=x::pwned \u001b]0;owned\u0007 ##[add-mask] [x](https://e.example) @octocat \u202eevil';
  const base = makeReport('hostile-base.json', writeSurvey('hostile-base.csv', answers(TEAM, 20, 8)), 1);
  const head = makeReport('hostile-head.json', writeSurvey('hostile-head.csv', answers(TEAM, 20, 12)), 0);

  it.each(['table', 'markdown', 'junit'])('stays neutral in %s', (format) => {
    const run = runXla(['diff', base, head, '-f', format]);
    expect(run.code).toBe(0);
    expectNeutral(run.stdout);
  });

  it('cannot make a link or a mention in the Markdown comment', () => {
    const run = runXla(['diff', base, head, '-f', 'markdown']);
    expect(run.stdout).toContain('[x\\](https:&#8203;//e.example) @&#8203;octocat');
  });

  it('keeps the exact text in json', () => {
    const run = runXla(['diff', base, head, '-f', 'json']);
    const diff = JSON.parse(run.stdout) as DiffReport;
    expect(diff.results.some((row) => row.segment.Team === TEAM)).toBe(true);
  });
});
