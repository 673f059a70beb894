/**
 * The built binary, fed a file whose NAME, column names and values hold workflow commands, ESC
 * sequences, bidi controls, `##[` and Markdown, and a config whose title, ids and names do too
 * (issue 16): every format, inspect, init, --rejects, the step summary and stderr stay neutral,
 * the JSON keeps the exact strings, and only the github format's own annotations start with `::`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/registry.js';
import { expectNeutral, hostileText, stripColour } from '../hostile-text.js';
import { type JsonReport, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const dir = scratchDir('xla-hostile-');

/** A file name a runner would execute twice over, that retitles the terminal, and that links in a PR comment. */
const FILE_NAME = 'survey\n::error::from-file-name \u001b]0;owned\u0007 ##[stop-commands]t [x](http:evil) *b* @octocat.csv';
const TEAM_COLUMN = 'team\u001b[8m ::warning::col';
const TEAMS = [
  '::error::team-a',
  'b\n::error file=x::pwned',
  '\u001b[8mhidden',
  '##[add-mask]c',
  '[click](https://e.example) **d**',
  '@octocat \u202eevil',
];

const file = join(dir, FILE_NAME);
const csvCell = (text: string): string => `"${text.replaceAll('"', '""')}"`;
writeFileSync(
  file,
  [
    ['nps', csvCell(TEAM_COLUMN)].join(','),
    // Promoters, passives and detractors in every team (NPS 0 each, breached against >= 90), and one rejected value.
    ...TEAMS.flatMap((team) => ['10', '8', '0'].map((score) => `${score},${csvCell(team)}`)),
    `${csvCell('9\u001b[8m\n::error::rejected')},${csvCell(TEAMS[0] ?? '')}`,
    '',
  ].join('\n'),
);

const config = join(dir, 'xla.config.json');
writeFileSync(
  config,
  JSON.stringify({
    title: 'XLA \u001b]0;owned\u0007\n::error::title',
    targets: [{ id: '::error::id', name: 'name\n::warning::n [x](https://e.example)', metric: 'nps', target: '>= 90', each: TEAM_COLUMN }],
  }),
);

// Every registered format, so that a new one is fed hostile text without being listed here.
const FORMATS = FORMAT_NAMES;

function check(format: string, env: Record<string, string> = {}): ReturnType<typeof runXla> {
  return runXla(['check', '-c', config, file, '--by', TEAM_COLUMN, '-f', format], { env, cwd: dir });
}

describe('hostile names and values through the built binary', () => {
  const jsonRun = check('json');
  const report = JSON.parse(jsonRun.stdout) as Omit<JsonReport, 'targets'> & {
    title: string;
    targets: { id: string; name: string; outcome: string }[];
  };

  it('keeps the exact strings in JSON', () => {
    expect(jsonRun.code).toBe(1);
    expect(report.title).toBe('XLA \u001b]0;owned\u0007\n::error::title');
    expect(report.inputs[0]?.name).toBe(file);
    expect(report.inputs[0]?.fields).toEqual({ nps: 'nps' });
    const segments = report.results.filter((r) => r.metric === 'nps').map((r) => r.segment[TEAM_COLUMN]);
    expect(new Set(segments)).toEqual(new Set([undefined, ...TEAMS]));
    expect(report.targets.map((t) => [t.id, t.name])).toEqual(
      TEAMS.map(() => ['::error::id', 'name\n::warning::n [x](https://e.example)']),
    );
  });

  it.each(FORMATS)("-f %s: nothing raw on stdout or stderr, no command but github's own", (format) => {
    const run = check(format);
    expect(run.code).toBe(1);
    const own = format === 'github' ? run.stdout.split('\n').filter((line) => line.startsWith('::')) : [];
    expectNeutral(run.stdout, own);
    expectNeutral(run.stderr);
    if (format === 'github') {
      expect(own.filter((line) => line.startsWith('::error title=XLA '))).toHaveLength(
        report.targets.filter((t) => t.outcome === 'fail').length,
      );
      expect(own).toHaveLength(TEAMS.length + 1);
    }
  });

  it('says on stderr which value was rejected, on one neutral line', () => {
    const lines = jsonRun.stderr.trimEnd().split('\n');
    // Line 23: the header, 18 rows of which 3 span two lines (a team holds a line break), then the rejected one.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `xla: ${dir}/survey\\n::error::from-file-name \\x1B]0;owned\\x07 ##\\[stop-commands]t [x](http:evil) *b* @octocat.csv:23:1: nps: "9\\x1B[8m\\n::error::rejected" rejected: not a number`,
    );
  });

  it('with FORCE_COLOR=1, the only escape sequences are colour codes', () => {
    const run = check('table', { FORCE_COLOR: '1' });
    expect(run.stdout).toContain('\u001b[');
    expectNeutral(stripColour(run.stdout));
    expect(stripColour(run.stdout)).toBe(check('table').stdout);
  });

  it('writes --rejects and the GitHub step summary neutrally', () => {
    const rejects = join(dir, 'rejects.csv');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const run = runXla(['check', '-c', config, file, '--by', TEAM_COLUMN, '-f', 'github', '--rejects', rejects], {
      env: { GITHUB_STEP_SUMMARY: summary },
      cwd: dir,
    });
    expect(run.code).toBe(1);
    const rejected = readFileSync(rejects, 'utf8');
    expectNeutral(rejected);
    expect(rejected.split('\n')).toHaveLength(3);
    const markdown = readFileSync(summary, 'utf8');
    expectNeutral(markdown);
    expect(markdown).toContain('[click\\](https:&#8203;//e.example) \\*\\*d\\*\\*');
  });

  it('inspect shows the file neutrally as a table and exactly as JSON', () => {
    const table = runXla(['inspect', file], { cwd: dir });
    expect(table.code).toBe(0);
    expectNeutral(table.stdout);
    expectNeutral(table.stderr);
    const json = runXla(['inspect', file, '-f', 'json'], { cwd: dir });
    expectNeutral(json.stdout);
    const inspected = JSON.parse(json.stdout) as { file: string; columns: { name: string }[]; rejections: { value: string }[] };
    expect(inspected.file).toBe(file);
    expect(inspected.columns.map((column) => column.name)).toEqual(['nps', TEAM_COLUMN]);
    expect(inspected.rejections.map((rejection) => rejection.value)).toEqual(['9\u001b[8m\n::error::rejected']);
  });

  it('init writes a starter whose comments and strings carry no line, key or raw control from the names', () => {
    const output = join(dir, 'starter.yml');
    const run = runXla(['init', file, '-o', output], { cwd: dir });
    expect(run.code).toBe(0);
    expectNeutral(run.stderr);
    const starter = readFileSync(output, 'utf8');
    expectNeutral(starter);
    expect(starter).toContain(`# Columns found: nps, team\\x1B[8m ::warning::col\n`);
    const rerun = runXla(['check', '-c', output, '-f', 'json'], { cwd: dir });
    expect((JSON.parse(rerun.stdout) as JsonReport).inputs[0]?.name).toBe(file);
  });
});

describe('fuzzed names and values through the built binary', () => {
  /** What a file system and argv can carry: no NUL, no `/`, at most 200 bytes. */
  const fileName = hostileText
    .map((text) => `${text.replaceAll('\u0000', '').replaceAll('/', '')}.csv`)
    .filter((name) => Buffer.byteLength(name) <= 200);
  /** A `--by` column: no NUL, and no comma, which separates columns in the flag. */
  const column = hostileText.map((text) => `t${text.replaceAll('\u0000', '').replaceAll(',', '')}`);

  it("a handful of runs in random formats: nothing raw, no command but github's own", () => {
    fc.assert(
      fc.property(
        fileName,
        column,
        fc.array(hostileText, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...FORMATS),
        (name, by, values, format) => {
          const path = join(scratchDir('xla-fuzz-names-'), name);
          writeFileSync(path, [`nps,${csvCell(by)}`, ...values.map((value, i) => `${String(i * 3)},${csvCell(value)}`), ''].join('\n'));
          const run = runXla(['check', path, '--by', by, '--target', 'nps >= 90', '-f', format]);
          expect([1, 2]).toContain(run.code);
          const own = format === 'github' ? run.stdout.split('\n').filter((line) => /^::(error|warning|notice) title=XLA /.test(line)) : [];
          expectNeutral(run.stdout, own);
          expectNeutral(run.stderr);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('config errors name keys and values from the file on lines of their own', () => {
  it('lists each problem on one neutral line, whatever line breaks and commands its key holds', () => {
    const path = join(dir, 'hostile-keys.yml');
    writeFileSync(
      path,
      [
        '"title\\n::error::k": 1',
        'confidence: "lots"',
        'targets:',
        '  - metric: nps',
        '    target: ">= 1"',
        '    "team\\n::stop-commands::x": 1',
        '',
      ].join('\n'),
    );
    const run = runXla(['check', '-c', path], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectNeutral(run.stderr);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `xla: ${path}:1:1: unknown key "title\\n::error::k"; known keys: $schema, title, timezone, confidence, method, sources, by, period, apdex_t, population, scales, sla, self_service_channels, join, calendar, calendars, business_hours, as_of, customers, baseline, targets, composites`,
      `${path}:2:13: confidence: expected a number, got "lots"`,
      `${path}:6:5: targets[0]: unknown key "team\\n::stop-commands::x"; known keys: id, name, metric, target, change, where, each, min_n, level, basis, inconclusive`,
    ]);
  });
});
