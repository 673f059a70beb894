/**
 * Nesting: a config nested thousands of levels deep is refused at the place it goes past
 * MAX_CONFIG_DEPTH, as a bad file (exit 2), before the YAML reader or zod recurse into it.
 */
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findDataTooDeep, findJsonTooDeep, findYamlTooDeep, MAX_CONFIG_DEPTH } from '../../src/config/depth.js';
import { configErrorOf } from './helpers.js';

/** The deepest level a finder sees: the smallest limit it does not trip. */
const levels = (find: (limit: number) => unknown): number => {
  let limit = 0;
  while (find(limit) !== undefined) limit += 1;
  return limit;
};

const LIMIT_MESSAGE = `nested deeper than ${MAX_CONFIG_DEPTH} levels`;

describe('findJsonTooDeep', () => {
  it('counts brackets outside strings, exactly', () => {
    expect(levels((limit) => findJsonTooDeep('{"a": [1, {"b": []}]}', limit))).toBe(4);
    expect(levels((limit) => findJsonTooDeep('{"a": "[[[[{{{", "b\\"[[": 1}', limit))).toBe(1);
    expect(findJsonTooDeep('[[[]]]', 2)).toBe(2);
  });
});

describe('findYamlTooDeep', () => {
  it('counts block and flow nesting without parsing', () => {
    expect(levels((limit) => findYamlTooDeep('a: 1', limit))).toBe(1);
    expect(levels((limit) => findYamlTooDeep('a:\n  b:\n    c: 1\n', limit))).toBe(3);
    expect(levels((limit) => findYamlTooDeep('- - - x\n', limit))).toBe(3);
    expect(levels((limit) => findYamlTooDeep('a: [1, {b: [2]}]\n', limit))).toBe(4);
    expect(levels((limit) => findYamlTooDeep('a: "[[[[[["\nb: |\n  {{{{\n# [[[[\n', limit))).toBe(1);
  });

  it('never counts more levels than there are, and at least half of them', () => {
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        tie('list'),
        tie('mapping'),
      ),
      list: fc.array(tie('tree'), { maxLength: 3 }),
      mapping: fc.dictionary(fc.string({ maxLength: 4 }), tie('tree'), { maxKeys: 3 }),
    }));
    const style = fc.record({
      indent: fc.integer({ min: 1, max: 4 }),
      indentSeq: fc.boolean(),
      collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
    });
    fc.assert(
      fc.property(tree, style, (data, options) => {
        const text = stringify(data, options);
        const document = parseDocument(text);
        // yaml's stringify writes an empty block list under a key that its parser refuses; skip those.
        fc.pre(document.errors.length === 0);
        const truth = levels((limit) => findDataTooDeep(document.toJS(), limit));
        const estimate = levels((limit) => findYamlTooDeep(text, limit));
        expect(estimate).toBeLessThanOrEqual(truth);
        expect(truth).toBeLessThanOrEqual(2 * estimate + 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseConfigText: deep files', () => {
  const deep = 2000;

  it.each([
    ['a flow list', 'xla.config.yml', `title: ${'['.repeat(deep)}${']'.repeat(deep)}\n`, '1:71'],
    ['block lists on one line', 'xla.config.yml', `title:\n  ${'- '.repeat(deep)}x\n`, '2:129'],
    [
      'indented mappings',
      'xla.config.yml',
      `title:\n${Array.from({ length: deep }, (_, i) => `${' '.repeat(i + 1)}a:\n`).join('')}`,
      '65:65',
    ],
    [
      'a where value',
      'xla.config.yml',
      `targets:\n  - metric: nps\n    target: ">= 1"\n    where:\n      a: ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
      '5:70',
    ],
    ['JSON lists', 'xla.config.json', `{"title": ${'['.repeat(deep)}${']'.repeat(deep)}}`, '1:74'],
    ['JSON objects', 'xla.config.json', `{"title": ${'{"a": '.repeat(deep)}1${'}'.repeat(deep)}}`, '1:389'],
  ])('refuses %s nested 2,000 levels deep, at the level past the limit', (_, file, text, where) => {
    const error = configErrorOf(text, file);
    expect(error.message).toBe(`${file}:${where}: ${LIMIT_MESSAGE}`);
    expect(error.exitCode).toBe(2);
  });

  it('measures the data too, where aliases nest deeper than the text', () => {
    const inner = 40;
    const text = `a: &a ${'['.repeat(inner)}${']'.repeat(inner)}\nb: ${'['.repeat(30)}*a${']'.repeat(30)}\n`;
    expect(findYamlTooDeep(text)).toBeUndefined();
    expect(configErrorOf(text, 'xla.config.yml').message).toMatch(new RegExp(`^xla\\.config\\.yml:2:\\d+: ${LIMIT_MESSAGE}$`));
  });

  it('loads a config right at the limit', () => {
    const text = `targets:\n  - metric: nps\n    target: ">= 1"\n    where:\n      a: ${'['.repeat(MAX_CONFIG_DEPTH - 4)}x${']'.repeat(MAX_CONFIG_DEPTH - 4)}\n`;
    // Within the depth limit, so what stops it is the shape (a value or a list of values), not the depth.
    const message = configErrorOf(text, 'xla.config.yml').message;
    expect(message).toMatch(/^xla\.config\.yml:5:10: targets\[0\]\.where\.a: /);
    expect(message).not.toContain('nested deeper');
  });
});
