import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig, parseConfigText } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { configErrorOf, yaml } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/config');

describe('findConfigFile', () => {
  it('prefers .yml, then .yaml, then .json, in the given folder', () => {
    const present = (names: string[]) => (path: string) => names.some((name) => path === join('/repo', name));
    expect(findConfigFile('/repo', present(['xla.config.json', 'xla.config.yaml', 'xla.config.yml']))).toBe(
      join('/repo', 'xla.config.yml'),
    );
    expect(findConfigFile('/repo', present(['xla.config.json', 'xla.config.yaml']))).toBe(join('/repo', 'xla.config.yaml'));
    expect(findConfigFile('/repo', present(['xla.config.json']))).toBe(join('/repo', 'xla.config.json'));
    expect(findConfigFile('/repo', present([]))).toBeUndefined();
  });
});

describe('loadConfig: fixtures', () => {
  it("loads the README's example", async () => {
    const file = join(FIXTURES, 'example.yml');
    const config = await loadConfig(file);
    expect(config.title).toBe('Service desk XLA');
    expect(config.timezone).toBe('Europe/Moscow');
    expect(config.confidence).toBe(0.95);
    expect(config.by).toEqual(['team']);
    expect(config.period).toBe('month');
    expect(config.apdexT).toBe(0.5);
    expect(config.selfServiceChannels).toEqual(['portal', 'chatbot']);
    expect(config.sla).toEqual({ P1: 14_400, P2: 28_800, P3: 259_200 });
    expect(config.slaFirstResponse).toEqual({ P1: 900 });
    expect(config.businessHours).toMatchObject({
      kind: 'ready',
      enabled: true,
      rule: { by: null, fallback: 0, calendars: [{ origin: 'calendar', holidays: { country: 'DE', region: 'BY' } }] },
    });
    expect(config.sources).toEqual([
      {
        path: join(FIXTURES, 'data/incidents.csv'),
        kind: 'tickets',
        preset: undefined,
        map: [{ field: 'team', column: 'assignment_group' }],
        encoding: undefined,
        delimiter: undefined,
        decimal: undefined,
        dateFormat: undefined,
        scales: {},
        units: {},
        values: [],
      },
      {
        path: join(FIXTURES, 'data/survey.csv'),
        kind: 'survey',
        preset: undefined,
        map: [],
        encoding: undefined,
        delimiter: ';',
        decimal: ',',
        dateFormat: 'dd.MM.yyyy HH:mm',
        scales: { csat: [1, 7] },
        units: {},
        values: [],
      },
    ]);
    expect(config.targets.map((target) => [target.id, target.metric, target.target.op, target.target.threshold])).toEqual([
      ['happy-users', 'csat', '>=', 85],
      ['p1-fixed-fast', 'resolution_time.p90', '<=', 14_400], // 4h
      ['on-time', 'sla_attainment', '>=', 95],
      ['promoters', 'nps', '>=', 30],
      ['per-team-effort', 'ces', '>=', 5],
    ]);
    expect(config.targets[0]).toMatchObject({ level: 'error', minN: 30 });
    expect(config.targets[1]?.where).toEqual({ priority: ['P1'] });
    expect(config.targets[3]).toMatchObject({ basis: 'interval', inconclusive: 'warn' });
    expect(config.targets[4]).toMatchObject({ each: 'team', level: 'warn', minN: 1 });
    expect(config.composites).toEqual([
      {
        id: 'xla-index',
        name: 'Experience index',
        components: [
          { target: 'happy-users', weight: 0.4, key: false, floor: undefined },
          { target: 'p1-fixed-fast', weight: 0.3, key: true, floor: undefined },
          { target: 'on-time', weight: 0.1, key: false, floor: undefined },
          { target: 'promoters', weight: 0.2, key: false, floor: undefined },
        ],
        target: { op: '>=', threshold: 80, text: '>= 80' },
        level: 'error',
        origin: 'composites[0]',
      },
    ]);
  });

  it('loads JSON with a $schema key', async () => {
    const config = await loadConfig(join(FIXTURES, 'minimal.json'));
    expect(config.title).toBe('Web XLA');
    expect(config.targets.map((target) => [target.id, target.target.threshold, target.basis, target.inconclusive])).toEqual([
      ['lcp.p75', 2500, 'point', 'warn'],
      ['inp.p75', 200, 'point', 'warn'],
      ['conversion_rate', 3, 'interval', 'pass'],
    ]);
  });

  it('reports a typo with its line, path and suggestion', async () => {
    const file = join(FIXTURES, 'bad-typo.yml');
    await expect(loadConfig(file)).rejects.toThrow(`${file}:5:5: targets[1]: unknown key "metirc" (did you mean "metric"?)`);
  });

  it('reports every target that does not fit its metric', async () => {
    const file = join(FIXTURES, 'bad-target.yml');
    await expect(loadConfig(file)).rejects.toThrow(
      [
        `${file}:6:13: targets[1].target: a duration does not fit nps (points)`,
        `${file}:8:13: targets[2].target: write a unit: 4h, 4m or 4s`,
      ].join('\n'),
    );
  });

  it('reports a YAML syntax error with its line, and the quoting hint', async () => {
    const file = join(FIXTURES, 'bad-syntax.yml');
    const error = await loadConfig(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:14: YAML syntax error: `));
    expect((error as ConfigError).hint).toBe('a value that starts with > must be quoted in YAML: target: ">= 85%"');
  });

  it('refuses a calendar whose hours do not read, at the key', async () => {
    const file = join(FIXTURES, 'bad-calendar.yml');
    const error = await loadConfig(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`${file}:4:10: calendar.hours: "9-18" is not an interval like 09:00-18:00`);
    expect((error as ConfigError).path).toBe('calendar.hours');
    expect((error as ConfigError).exitCode).toBe(2);
  });

  it('reports invalid JSON with line and column', async () => {
    const file = join(FIXTURES, 'bad-json.json');
    await expect(loadConfig(file)).rejects.toThrow(new RegExp(`bad-json\\.json:4:1: invalid JSON: `));
  });

  it('says when the file cannot be read', async () => {
    await expect(loadConfig(join(FIXTURES, 'missing.yml'))).rejects.toThrow('cannot read the config file (no such file)');
  });
});

describe('parseConfigText: defaults', () => {
  it('fills every default', () => {
    const config = parseConfigText(yaml('targets:', '  - metric: nps', '    target: ">= 30"'), 'xla.config.yml');
    expect(config).toEqual({
      file: 'xla.config.yml',
      title: null,
      timezone: undefined,
      confidence: undefined,
      method: undefined,
      sources: [],
      by: undefined,
      period: undefined,
      apdexT: undefined,
      scales: {},
      sla: {},
      slaFirstResponse: {},
      businessHours: { kind: 'none' },
      asOf: undefined,
      selfServiceChannels: [],
      targets: [
        {
          id: 'nps',
          name: null,
          metric: 'nps',
          target: { op: '>=', threshold: 30, text: '>= 30' },
          where: {},
          each: null,
          minN: 1,
          level: 'error',
          basis: 'point',
          inconclusive: 'warn',
          origin: 'targets[0]',
        },
      ],
      composites: [],
      customers: { margin: undefined, discountRate: undefined },
    });
  });

  it('numbers the default ids of targets that share a metric by their index', () => {
    const config = parseConfigText(
      yaml(
        'targets:',
        '  - { metric: nps, target: ">= 30" }',
        '  - { metric: csat, target: ">= 85%" }',
        '  - { metric: nps, target: "<= 80" }',
      ),
      'x.yml',
    );
    expect(config.targets.map((target) => target.id)).toEqual(['nps-0', 'csat', 'nps-2']);
  });

  it('reads by as a list or comma-separated text, where values as lists of text', () => {
    const config = parseConfigText(
      yaml(
        'by: team, region',
        'targets:',
        '  - metric: resolution_time.p90',
        '    target: "<= 8h"',
        '    where: { priority: [P1, P2], tier: 1 }',
      ),
      'x.yml',
    );
    expect(config.by).toEqual(['team', 'region']);
    expect(config.targets[0]?.where).toEqual({ priority: ['P1', 'P2'], tier: ['1'] });
  });

  it('reads apdex_t as a duration or a number of milliseconds, and composite components in full', () => {
    expect(parseConfigText('apdex_t: 1.2s\n', 'x.yml').apdexT).toBe(1.2);
    expect(parseConfigText('apdex_t: 250\n', 'x.yml').apdexT).toBe(0.25);
    const config = parseConfigText(
      yaml(
        'targets:',
        '  - { id: fast, metric: resolution_time.p90, target: "<= 8h" }',
        '  - { id: happy, metric: csat, target: ">= 85%" }',
        'composites:',
        '  - id: index',
        '    components: { fast: { weight: 2, key: true, floor: 1d }, happy: { weight: 1, floor: "50%" } }',
        '    level: warn',
      ),
      'x.yml',
    );
    expect(config.composites[0]).toEqual({
      id: 'index',
      name: 'index',
      components: [
        { target: 'fast', weight: 2, key: true, floor: 86_400 },
        { target: 'happy', weight: 1, key: false, floor: 50 },
      ],
      target: null,
      level: 'warn',
      origin: 'composites[0]',
    });
  });

  it('resolves source paths against the config file folder, keeping absolute paths and -', () => {
    const config = parseConfigText(
      yaml('sources:', '  - path: data/a.csv', '  - path: /abs/b.csv', '  - path: "-"', '    kind: survey'),
      join('ci', 'xla.config.yml'),
    );
    expect(config.sources.map((source) => source.path)).toEqual([join('ci', 'data/a.csv'), '/abs/b.csv', '-']);
  });

  it('accepts a $schema key, and ignores a BOM', () => {
    expect(parseConfigText('\uFEFF$schema: ./xla.schema.json\ntitle: T\n', 'x.yml').title).toBe('T');
  });
});

describe('parseConfigText: errors', () => {
  it('suggests the key a typo meant, at its line and path', () => {
    const error = configErrorOf(yaml('targets:', '  - metirc: nps', '    target: ">= 30"'));
    expect(error.message).toBe('xla.config.yml:2:5: targets[0]: unknown key "metirc" (did you mean "metric"?)');
    expect(error.path).toBe('targets[0]');
  });

  it('lists the known keys when nothing is close', () => {
    expect(configErrorOf('colour: blue\n').message).toMatch(
      /^xla\.config\.yml:1:1: unknown key "colour"; known keys: \$schema, title, timezone/,
    );
  });

  it('suggests the metric a typo meant', () => {
    const error = configErrorOf(yaml('targets:', '  - metric: csta', '    target: ">= 85%"'));
    expect(error.message).toBe('xla.config.yml:2:13: targets[0].metric: unknown metric "csta" (did you mean "csat"?)');
    expect(error.hint).toContain('xla metrics');
  });

  it('says what a malformed target should look like', () => {
    expect(configErrorOf(yaml('targets:', '  - metric: csat', '    target: 85')).message).toBe(
      'xla.config.yml:3:13: targets[0].target: expected "<op> <value>", got "85" (e.g. ">= 85%")',
    );
    expect(configErrorOf(yaml('targets:', '  - metric: nps', '    target: "85"')).message).toBe(
      'xla.config.yml:3:13: targets[0].target: expected "<op> <value>", got "85" (e.g. ">= 30")',
    );
    expect(configErrorOf(yaml('targets:', '  - metric: csat')).message).toBe(
      'xla.config.yml:2:5: targets[0].target: missing (required): a target such as ">= 30", or change: ">= -2" against the baseline report',
    );
  });

  it('reports duplicate ids at the second one, across targets and composites', () => {
    const error = configErrorOf(
      yaml(
        'targets:',
        '  - { id: fast, metric: resolution_time.p90, target: "<= 8h" }',
        '  - { id: fast, metric: first_response_time.p90, target: "<= 1h" }',
        'composites:',
        '  - { id: fast, components: { fast: 1 } }',
      ),
    );
    expect(error.message).toBe(
      [
        'xla.config.yml:3:11: targets[1].id: duplicate id "fast", already used at targets[0]',
        'xla.config.yml:5:11: composites[0].id: duplicate id "fast", already used at targets[0]',
      ].join('\n'),
    );
  });

  it('reports a default id that collides, asking for an id', () => {
    const error = configErrorOf(
      yaml('targets:', '  - { id: nps, metric: csat, target: ">= 85%" }', '  - { metric: nps, target: ">= 30" }'),
    );
    expect(error.message).toBe(
      'xla.config.yml:3:5: targets[1]: duplicate id "nps", already used at targets[0] (the default id of this target; give it an id)',
    );
  });

  it('reports a component that names no target, with a suggestion', () => {
    const error = configErrorOf(
      yaml(
        'targets:',
        '  - { id: happy-users, metric: csat, target: ">= 85%" }',
        'composites:',
        '  - id: index',
        '    components: { happy-user: 1 }',
      ),
    );
    expect(error.message).toBe(
      'xla.config.yml:5:19: composites[0].components.happy-user: unknown target "happy-user" (did you mean "happy-users"?)',
    );
  });

  it("checks a floor against its target's metric and threshold", () => {
    const base = ['targets:', '  - { id: happy-users, metric: csat, target: ">= 85%" }', 'composites:', '  - id: index'];
    expect(configErrorOf(yaml(...base, '    components: { happy-users: { weight: 1, floor: 4h } }')).message).toBe(
      'xla.config.yml:5:52: composites[0].components.happy-users.floor: a duration does not fit csat (%)',
    );
    expect(configErrorOf(yaml(...base, '    components: { happy-users: { weight: 1, floor: 90% } }')).message).toBe(
      'xla.config.yml:5:52: composites[0].components.happy-users.floor: the floor must lie below the target\'s threshold (>= 85%), got "90%"',
    );
  });

  it('checks the settings', () => {
    const error = configErrorOf(yaml('timezone: Europe/Moskow', 'period: mnth', 'confidence: 95', 'scales: { csat: [5, 1] }'));
    expect(error.message).toBe(
      [
        'xla.config.yml:1:11: timezone: unknown time zone "Europe/Moskow" (did you mean "Europe/Moscow"?)',
        'xla.config.yml:2:9: period: expected one of "day", "week", "month", "quarter", "year", got "mnth" (did you mean "month"?)',
        'xla.config.yml:3:13: confidence: expected a level from 0.5 to 0.9999 (50% to 99.99%), or 0 for no intervals, got 95',
        'xla.config.yml:4:17: scales.csat: the low end comes first, e.g. [1, 5]; got [5,1]',
      ].join('\n'),
    );
  });

  it('wants a unit on SLA durations and a duration for apdex_t', () => {
    expect(configErrorOf(yaml('sla: { P1: 4, P2: 8h }', 'apdex_t: fast')).message).toBe(
      [
        'xla.config.yml:1:12: sla.P1: write a unit: 4h, 4m or 4s',
        'xla.config.yml:2:10: apdex_t: expected a positive duration such as 500ms or 1.2s (a plain number is milliseconds), got "fast"',
      ].join('\n'),
    );
  });

  it('reads the net-score interval method, and refuses any other', () => {
    expect(parseConfigText(yaml('method: wald'), 'xla.config.yml').method).toBe('wald');
    expect(parseConfigText(yaml('method: adjusted-wald'), 'xla.config.yml').method).toBe('adjusted-wald');
    expect(configErrorOf(yaml('method: wilson')).message).toBe(
      'xla.config.yml:1:9: method: expected one of "adjusted-wald", "wald", got "wilson"',
    );
  });

  it('refuses interval bases when intervals are off', () => {
    expect(configErrorOf(yaml('confidence: 0', 'targets:', '  - { metric: nps, target: ">= 30", basis: strict }')).message).toBe(
      'xla.config.yml:3:44: targets[0].basis: basis strict needs confidence intervals, but confidence is 0 (intervals off)',
    );
  });

  it('lists at most five problems, in file order', () => {
    const lines = ['targets:', ...Array.from({ length: 7 }, (_, index) => `  - { metric: nps, target: "${index}" }`)];
    const message = configErrorOf(yaml(...lines)).message.split('\n');
    expect(message).toHaveLength(6);
    expect(message[0]).toMatch(/^xla\.config\.yml:2:\d+: targets\[0\]\.target/);
    expect(message[4]).toMatch(/^xla\.config\.yml:6:\d+: targets\[4\]\.target/);
    expect(message[5]).toBe('... and 2 more problems');
  });

  it('refuses an empty file and a file that is not a mapping', () => {
    expect(configErrorOf('# nothing yet\n').message).toBe('xla.config.yml: the config file is empty');
    expect(configErrorOf('- metric: nps\n').message).toBe(
      'xla.config.yml:1:1: expected a mapping of settings (title, sources, targets…), got a list',
    );
  });

  it('refuses duplicate keys, which YAML would otherwise let the last one win', () => {
    expect(configErrorOf(yaml('title: A', 'title: B')).message).toMatch(
      /^xla\.config\.yml:2:1: YAML syntax error: Map keys must be unique/,
    );
  });

  it('locates problems in JSON files too', () => {
    const error = configErrorOf('{\n  "targets": [\n    { "metric": "nps", "target": ">= 4h" }\n  ]\n}\n', 'xla.config.json');
    expect(error.message).toBe('xla.config.json:3:34: targets[0].target: a duration does not fit nps (points)');
  });
});

describe('parseConfigText: hostile YAML', () => {
  it('refuses an alias bomb as a bad file', () => {
    const bomb = yaml(
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    );
    expect(configErrorOf(bomb).message).toMatch(/^xla\.config\.yml: cannot read the YAML/);
  });
});
