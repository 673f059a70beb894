/**
 * End-to-end: names that are also Object properties, out-of-range numbers and hostile XLA files,
 * as a user would hit them. Every bad call is exit 2 with one message on stderr and nothing on
 * stdout; every name a user gives is data, never an inherited property.
 *
 * The data: a survey whose column is literally `__proto__` (A: 10, 9 → NPS 100; B: 0 → NPS −100;
 * all three → (2 − 1)/3 = 33.3), and tickets whose priorities are `__proto__`, `constructor` and
 * `toString`, against `sla: { __proto__: 2h, constructor: 4h }`: T1 (1 h) met, T2 (11 h) breached,
 * T3 (1 h) met, T4 has no SLA → 2 of 3 = 66.7 %.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const OBJECT_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];

const dir = scratchDir('xla-hostile-');
const write = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const SURVEY = write('proto.csv', '__proto__,NPS\nA,10\nA,9\nB,0\n');
const TICKETS = write(
  'tickets.csv',
  [
    'Ticket ID,Created,Resolved,Priority',
    'T1,2024-01-01T09:00:00Z,2024-01-01T10:00:00Z,__proto__',
    'T2,2024-01-01T09:00:00Z,2024-01-01T20:00:00Z,__proto__',
    'T3,2024-01-01T09:00:00Z,2024-01-01T10:00:00Z,constructor',
    'T4,2024-01-01T09:00:00Z,2024-01-03T10:00:00Z,toString',
    '',
  ].join('\n'),
);

interface TargetJson {
  id: string;
  segment: Record<string, string>;
  where: Record<string, string[]>;
  value: number | null;
  n: number;
  status: string;
}
interface CheckJson extends JsonReport {
  targets: TargetJson[];
  composites: { id: string; value: number | null; components: { target: string }[] }[];
}

function expectRefused(args: readonly string[], message: RegExp | string, options: Parameters<typeof runXla>[1] = {}): void {
  const run = runXla(args, options);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toContain('internal error');
}

describe('names that are Object properties', () => {
  it.each(OBJECT_NAMES)('xla schema %s is an unknown schema, not a crash or {}', (name) => {
    expectRefused(['schema', name], `xla: xla schema takes config or report; got "${name}"`);
  });

  it.each(OBJECT_NAMES)('xla metrics %s, --preset, -f and --kind %s are unknown names', (name) => {
    expectRefused(['metrics', name], `xla: unknown metric "${name}"`);
    expectRefused(['score', SURVEY, '--preset', name], `xla: unknown preset "${name}"`);
    expectRefused(
      ['score', SURVEY, '-f', name],
      `xla: --format must be one of table, json, ndjson, csv, markdown, junit, github, html; got "${name}"`,
    );
    expectRefused(['score', SURVEY, '--kind', name], `xla: --kind must be one of survey, tickets, analytics, customers; got "${name}"`);
    expectRefused(['score', SURVEY, '--metrics', name], `xla: unknown metric "${name}"`);
  });

  it('checks -f before reading any input', () => {
    // responses.csv has a value that reading it warns about (an NPS of 11): no warning, so no reading.
    const run = runXla(['score', fixture('survey/responses.csv'), '-f', '__proto__']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^xla: --format must be one of table, json, ndjson, csv, markdown, junit, github, html; got "__proto__"\n/);
    expect(run.stderr).not.toContain('rejected');
  });

  it('--by and --where take a column called __proto__, in every format', () => {
    const csv = runXla(['score', SURVEY, '--by', '__proto__', '--metrics', 'nps', '-f', 'csv', '-q']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n').map((line) => line.split(',').slice(0, 5).join(','))).toEqual([
      'metric,name,__proto__,period,value',
      'nps,Net Promoter Score,,,33.333333333333336',
      'nps,Net Promoter Score,A,,100',
      'nps,Net Promoter Score,B,,-100',
      '',
    ]);
    for (const format of ['table', 'markdown', 'json', 'ndjson', 'junit', 'github', 'html']) {
      const run = runXla(['score', SURVEY, '--by', '__proto__', '--metrics', 'nps', '-f', format, '-q', '--no-color']);
      expect({ format, code: run.code, stderr: run.stderr }).toEqual({ format, code: 0, stderr: '' });
    }
    const where = runXla(['score', SURVEY, '--where', '__proto__=A', '--metrics', 'nps', '-f', 'json', '-q']);
    const report = JSON.parse(where.stdout) as JsonReport;
    expect(report.results.map((result) => [result.value, result.n])).toEqual([[100, 2]]);
  });

  it('an overall row shows no segment for a column called constructor, in csv, markdown and table', () => {
    const file = write('ctor.csv', 'constructor,NPS\nA,10\nB,0\n');
    const args = ['score', file, '--by', 'constructor', '--metrics', 'nps', '-q', '--no-color'];
    const overall =
      runXla([...args, '-f', 'csv'])
        .stdout.split('\n')[1]
        ?.split(',') ?? [];
    expect(overall.slice(0, 6)).toEqual(['nps', 'Net Promoter Score', '', '', '0', '2']);
    // one promoter, one detractor, adjusted (metrics.md §6.2): p' = d' = 1.75/5, var = .7, half = z·100·√(.7/5) = 73.335137
    expect(Number(overall[6])).toBeCloseTo(-73.335137, 5);
    expect(Number(overall[7])).toBeCloseTo(73.335137, 5);
    expect(overall[8]).toBe('points');
    for (const format of ['markdown', 'table']) {
      const run = runXla([...args, '-f', format]);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('function');
      expect(run.stdout).toMatch(/Net Promoter Score\s*\|?\s*all\b/);
    }
  });

  it('a cell that names an Object property is not found in a preset value map', () => {
    // Zendesk satisfaction Good/Bad read as 5/1; `constructor` is no rating: rejected, CSAT 1 of 2.
    const file = write(
      'zendesk.csv',
      'Id,Created at,Solved at,Satisfaction Score\n1,2024-01-01 10:00,2024-01-01 11:00,Good\n2,2024-01-01 10:00,2024-01-01 11:00,constructor\n3,2024-01-01 10:00,2024-01-01 11:00,Bad\n',
    );
    const run = runXla(['score', file, '--metrics', 'csat', '-f', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`xla: ${file}:3:4: satisfaction ("Satisfaction Score"): "constructor" rejected: not a number\n`);
    expect(run.stdout.split('\n')[1]?.split(',').slice(0, 5)).toEqual(['csat', 'CSAT', '', '50', '2']);
  });

  it('--map names a column __proto__ for --by', () => {
    const run = runXla([
      'score',
      fixture('survey/responses.csv'),
      '--map',
      '__proto__=Team',
      '--by',
      '__proto__',
      '--metrics',
      'nps',
      '-f',
      'csv',
      '-q',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('metric,name,__proto__,period');
    expect(run.stdout).toContain(',Desk,');
  });

  it('a config filters, segments, weighs and times by __proto__ and constructor keys', () => {
    const config = write(
      'names.yml',
      [
        'sources: [{ path: proto.csv }, { path: tickets.csv }]',
        'sla: { __proto__: 2h, constructor: 4h }',
        'targets:',
        '  - { id: __proto__, metric: nps, target: ">= 90", where: { __proto__: A } }',
        '  - { id: constructor, metric: sla_attainment, target: ">= 60%" }',
        '  - { id: per-letter, metric: nps, target: ">= 0", each: __proto__, level: warn }',
        'composites:',
        '  - { id: index, components: { __proto__: 1, constructor: 1 } }',
        '',
      ].join('\n'),
    );
    const run = runXla(['check', '-c', config, '-f', 'json', '-q']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CheckJson;
    // `{ __proto__: 'A' }` in a literal would set a prototype: JSON.parse makes the own key a report holds.
    const keyed = (value: string): unknown => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`);
    expect(report.targets.map((target) => [target.id, target.segment, Number(target.value?.toFixed(9)), target.n, target.status])).toEqual([
      ['__proto__', {}, 100, 2, 'met'],
      ['constructor', {}, 66.666666667, 3, 'met'],
      ['per-letter', keyed('A'), 100, 2, 'met'],
      ['per-letter', keyed('B'), -100, 1, 'breached'],
    ]);
    expect(Object.entries(report.targets[0]?.where ?? {})).toEqual([['__proto__', ['A']]]);
    expect(report.composites[0]?.components.map((component) => component.target)).toEqual(['__proto__', 'constructor']);
  });
});

describe('numbers out of range', () => {
  it.each(['0.9999999999999999', '1', '1e-320', 'NaN', '1e309', '95'])('--confidence %s is exit 2 with the range', (level) => {
    expectRefused(
      ['score', SURVEY, '--confidence', level],
      `--confidence must be a level from 0.5 to 0.9999 (50% to 99.99%), or 0 for no intervals; got "${level}"`,
    );
  });

  it('--confidence 95% and 0 work', () => {
    expect(runXla(['score', SURVEY, '--confidence', '95%', '-q']).code).toBe(0);
    expect(runXla(['score', SURVEY, '--confidence', '0', '-q']).code).toBe(0);
  });

  it('config confidence is checked the same way, at its line', () => {
    expectRefused(
      ['score', SURVEY, '-c', write('confidence.yml', 'confidence: 0.9999999999999999\n')],
      'confidence.yml:1:13: confidence: expected a level from 0.5 to 0.9999',
    );
  });

  it('--from at or after --to is exit 2', () => {
    expectRefused(['score', TICKETS, '--from', '2024-02', '--to', '2024-01'], '--from 2024-02 is not before --to 2024-01');
    expectRefused(['score', TICKETS, '--from', '2024-01', '--to', '2024-01'], '--from 2024-01 is not before --to 2024-01');
  });

  it('--jobs and --apdex-t out of range are exit 2', () => {
    expectRefused(['score', SURVEY, '--jobs', '1e3'], '--jobs must be a whole number of threads from 1 to 256');
    expectRefused(['score', SURVEY, '--apdex-t', '1e400'], '--apdex-t must be a positive duration');
  });
});

describe('hostile XLA files', () => {
  it.each(['/dev/urandom', '/dev/zero'])('-c %s ends at once with exit 2', (device) => {
    expectRefused(['score', SURVEY, '-c', device], `xla: ${device}: cannot read the config file (it is a device, not a file)`, {
      timeoutMs: 20_000,
    });
  });

  it('refuses a folder and a file over 1 MiB', () => {
    const folder = join(dir, 'folder.yml');
    mkdirSync(folder);
    expectRefused(['score', SURVEY, '-c', folder], `xla: ${folder}: cannot read the config file (it is a folder)`);
    const big = write('big.yml', `title: x\n${'# padding\n'.repeat(110_000)}`);
    expectRefused(['score', SURVEY, '-c', big], `xla: ${big}: the config file is larger than 1 MiB (1100009 bytes)`);
  });

  it('reads a UTF-16 config, and locates bytes that are not UTF-8', () => {
    const text = 'title: Über\nsources: [{ path: proto.csv }]\n';
    const utf16 = write('utf16.yml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const run = runXla(['score', '-c', utf16, '-f', 'json', '-q']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { title: string }).title).toBe('Über');
    const latin1 = write('latin1.yml', Buffer.from(text, 'latin1'));
    expectRefused(['score', '-c', latin1], `xla: ${latin1}:1:8: the config file is not valid UTF-8 text (byte 0xDC)`);
  });

  it.each([
    ['YAML', 'deep.yml', `title: ${'['.repeat(2000)}${']'.repeat(2000)}\n`, ':1:71: nested deeper than 64 levels'],
    ['block YAML', 'deep-block.yml', `title:\n  ${'- '.repeat(2000)}x\n`, ':2:129: nested deeper than 64 levels'],
    ['JSON', 'deep.json', `{"title": ${'{"a": '.repeat(2000)}1${'}'.repeat(2000)}}`, ':1:389: nested deeper than 64 levels'],
  ])('refuses %s nested 2,000 levels deep at its line and column', (_, name, text, message) => {
    const path = write(name, text);
    expectRefused(['score', SURVEY, '-c', path], `xla: ${path}${message}`);
  });

  // YAML's !!omap / !!set made a Map or a Set, which the checks took for an empty mapping: the
  // filter, the column map or the SLA table vanished and a target was judged on every row.
  it.each([
    [
      'an !!omap where',
      'targets: [{ metric: nps, target: ">= 90", where: !!omap [ __proto__: A ] }]',
      ':1:57: targets[0].where: expected a mapping, got a list',
    ],
    [
      'a !!set where value',
      'targets: [{ metric: nps, target: ">= 90", where: { __proto__: !!set { A } } }]',
      ':1:69: targets[0].where.__proto__: expected another form, got a mapping',
    ],
    [
      'an !!omap map',
      'sources: [{ path: proto.csv, map: !!omap [ nps: __proto__ ] }]\ntargets: [{ metric: nps, target: ">= 0" }]',
      ':1:42: sources[0].map: expected a mapping, got a list',
    ],
    [
      'an !!omap sla',
      'sources: [{ path: tickets.csv }]\nsla: !!omap [ __proto__: 2h ]\ntargets: [{ metric: sla_attainment, target: ">= 60%" }]',
      ':2:13: sla: expected a mapping, got a list',
    ],
    [
      'a list as a key',
      'targets: [{ metric: nps, target: ">= 90", where: { ? [__proto__] : A } }]',
      ':1:54: a key is a list or a mapping: keys are names',
    ],
  ])('refuses %s instead of dropping it', (_name, text, message) => {
    const path = write('tagged.yml', `${text}\n`);
    const run = runXla(['check', SURVEY, '-c', path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`xla: ${path}${message}`);
    // One message through xla's own stderr guard: no Node warning about stringified keys.
    expect(run.stderr).not.toContain('Warning');
  });

  it.each([
    ['YAML', 'cr.yml'],
    ['JSON', 'cr.json'],
  ])('reads a %s config whose lines end in a lone CR, and places its problems by those lines', (format, name) => {
    const lines =
      format === 'YAML'
        ? ['sources: [{ path: proto.csv }]', 'targets:', '  - metric: nps', '    target: ">= 30"', '    metirc: nps']
        : ['{"sources": [{"path": "proto.csv"}],', ' "targets": [{"metric": "nps", "target": ">= 30",', '  "metirc": "nps"}]}'];
    const path = write(name, lines.join('\r'));
    // Before, the YAML reader took a lone CR for a blank: the whole file was one line and a syntax error.
    expectRefused(
      ['check', '-c', path],
      format === 'YAML' ? `xla: ${path}:5:5: targets[0]: unknown key "metirc"` : `xla: ${path}:3:3: targets[0]: unknown key "metirc"`,
    );
    const good = write(name, format === 'YAML' ? lines.slice(0, -1).join('\r') : `${lines[0]}\r${lines[1]?.replace(/,$/, '}]}')}`);
    const run = runXla(['check', '-c', good, '-f', 'json', '-q']);
    expect(run.stderr).toBe('');
    // NPS of 10, 9, 0: (2 − 1) / 3 = 33.3 ≥ 30.
    expect(run.code).toBe(0);
  });

  it.each([
    ['a misspelt literal', '{"targets": [{"metric": "nps", "target": tru}]}', ':1:45: invalid JSON: unexpected "}"'],
    ['a trailing comma', '{"targets": [{"metric": "nps",\n  "target": ">= 30",}]}', ':2:21: invalid JSON: unexpected "}"'],
    ['text after the document', '{"title": "x"} y', ':1:16: invalid JSON: unexpected "y"'],
    ['a file cut short', '{"title": "Ü', ':1:13: invalid JSON: the file ends too early'],
  ])('names the line and column of a JSON config with %s', (_name, text, message) => {
    const path = write('syntax.json', text);
    expectRefused(['check', SURVEY, '-c', path], `xla: ${path}${message}`);
  });

  it('refuses a broken default xla.config.yml link instead of passing it over', () => {
    const cwd = join(dir, 'dangling');
    mkdirSync(cwd);
    symlinkSync('moved-away.yml', join(cwd, 'xla.config.yml'));
    writeFileSync(join(cwd, 'xla.config.json'), '{"title": "not this one"}');
    expectRefused(
      ['score', SURVEY],
      `xla: ${join(cwd, 'xla.config.yml')}: cannot read the config file (a symbolic link to "moved-away.yml", which does not exist)`,
      { cwd },
    );
  });

  it('refuses a default xla.config.yml that is a folder, or links to one', () => {
    const cwd = join(dir, 'linked');
    mkdirSync(cwd);
    symlinkSync(dir, join(cwd, 'xla.config.yml'));
    expectRefused(['score', SURVEY], `xla: ${join(cwd, 'xla.config.yml')}: cannot read the config file (it is a folder)`, { cwd });
  });
});
