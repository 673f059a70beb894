/**
 * Keys of `where`, `components`, `map` and `sla` are data (column names, target ids, fields,
 * priority values), so names that are also Object properties — `__proto__`, `constructor`,
 * `toString`, `hasOwnProperty` — must stay keys like any other, in YAML and in JSON. (zod's record
 * drops `__proto__` silently; a filter would vanish and a target be judged on all rows.)
 */
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { configErrorOf, yaml } from './helpers.js';

const OBJECT_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

describe.each(OBJECT_NAMES)('a key named %s', (name) => {
  it('filters in where (YAML)', () => {
    const config = parseConfigText(
      yaml('targets:', '  - metric: nps', '    target: ">= 30"', `    where: { ${name}: [A, 2], team: B }`),
      'xla.config.yml',
    );
    const where = config.targets[0]?.where ?? {};
    expect(Object.entries(where)).toEqual([
      [name, ['A', '2']],
      ['team', ['B']],
    ]);
    expect(Object.hasOwn(where, name)).toBe(true);
  });

  it('filters in where (JSON)', () => {
    const text = JSON.stringify({ targets: [{ metric: 'nps', target: '>= 30', where: { [name]: 'A' } }] });
    expect(Object.entries(parseConfigText(text, 'xla.config.json').targets[0]?.where ?? {})).toEqual([[name, ['A']]]);
  });

  it('names a target in components', () => {
    const config = parseConfigText(
      yaml('targets:', `  - { id: ${name}, metric: nps, target: ">= 30" }`, 'composites:', `  - { id: index, components: { ${name}: 2 } }`),
      'xla.config.yml',
    );
    expect(config.composites[0]?.components).toEqual([{ target: name, weight: 2, key: false, floor: undefined }]);
  });

  it('is a priority in sla, in seconds', () => {
    const config = parseConfigText(yaml(`sla: { ${name}: 4h, P2: 30m }`), 'xla.config.yml');
    expect(Object.entries(config.sla)).toEqual([
      [name, 14_400],
      ['P2', 1_800],
    ]);
  });

  it('names a column in a source map', () => {
    const text = JSON.stringify({ sources: [{ path: 'data.csv', map: { [name]: 'Team', nps: 'Score' } }] });
    expect(parseConfigText(text, 'ci/xla.config.json').sources[0]?.map).toEqual([
      { field: name, column: 'Team' },
      { field: 'nps', column: 'Score' },
    ]);
  });

  it('has its value checked like any other key', () => {
    expect(configErrorOf(yaml(`sla: { ${name}: 4 }`)).message).toBe(
      `xla.config.yml:1:${10 + name.length}: sla.${name}: write a unit: 4h, 4m or 4s`,
    );
    expect(configErrorOf(yaml('targets:', '  - metric: nps', '    target: ">= 30"', `    where: { ${name}: [] }`)).message).toMatch(
      new RegExp(`^xla\\.config\\.yml:4:\\d+: targets\\[0\\]\\.where\\.${name}: `),
    );
  });

  it('is refused, at its line, where only known keys may stand', () => {
    expect(configErrorOf(yaml('scales:', `  ${name}: [1, 5]`)).message).toBe(
      `xla.config.yml:2:3: scales: unknown key "${name}"; known keys: csat, ces, rating`,
    );
    expect(configErrorOf(yaml(`${name}: x`)).message).toMatch(new RegExp(`^xla\\.config\\.yml:1:1: unknown key "${name}"`));
  });
});

describe('a mapping keyed by data', () => {
  it('must be a mapping', () => {
    expect(configErrorOf(yaml('sla: [4h]')).message).toBe('xla.config.yml:1:6: sla: expected a mapping, got a list');
    expect(configErrorOf(yaml('targets:', '  - { metric: nps, target: ">= 0", where: team }')).message).toBe(
      'xla.config.yml:2:43: targets[0].where: expected a mapping, got "team"',
    );
  });
});

describe('a component named like an Object property but no target', () => {
  it('is an unknown target, not a weight silently dropped', () => {
    const text = yaml(
      'targets:',
      '  - { id: a, metric: nps, target: ">= 30" }',
      'composites:',
      '  - { id: index, components: { a: 1, __proto__: 1 } }',
    );
    expect(configErrorOf(text).message).toBe(
      'xla.config.yml:4:38: composites[0].components.__proto__: unknown target "__proto__"; targets are a',
    );
  });

  it('counts towards "name at least one target"', () => {
    const text = yaml(
      'targets:',
      '  - { id: __proto__, metric: nps, target: ">= 30" }',
      'composites:',
      '  - { id: index, components: { __proto__: 1 } }',
    );
    expect(parseConfigText(text, 'xla.config.yml').composites[0]?.components.map((component) => component.target)).toEqual(['__proto__']);
  });
});
