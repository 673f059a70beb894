import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfigText } from '../../src/config/load.js';
import { chooseExampleTargets, renderStarterConfig } from '../../src/config/starter.js';
import { BORROWED_FIELDS, FIELDS } from '../../src/fields/catalog.js';
import { matchFields } from '../../src/fields/match.js';
import type { Kind } from '../../src/fields/types.js';
import { expectNeutral, hostileText } from '../hostile-text.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** The header row of a fixture and the canonical fields xla's own matcher finds in it. */
function detect(relativePath: string, kind: Kind): { columns: string[]; fields: string[] } {
  const header = readFileSync(join(FIXTURES, relativePath), 'utf8').split(/\r?\n/)[0] ?? '';
  const columns = header.split(',');
  return { columns, fields: matchFields(columns, kind, relativePath).map((binding) => binding.field.id) };
}

const FIXTURE_FILES: readonly [Kind, string][] = [
  ['survey', 'survey/responses.csv'],
  ['tickets', 'tickets/tickets.csv'],
  ['analytics', 'analytics/sessions.csv'],
];

describe('renderStarterConfig', () => {
  it.each(FIXTURE_FILES)('writes a %s starter that loads, with 2–5 targets and a composite over them', (kind, file) => {
    const text = renderStarterConfig({ file, kind, ...detect(file, kind) });
    const config = parseConfigText(text, 'xla.config.yml');
    expect(config.sources).toEqual([expect.objectContaining({ path: file, kind })]);
    expect(config.timezone).toBe('UTC');
    expect(config.targets.length).toBeGreaterThanOrEqual(2);
    expect(config.targets.length).toBeLessThanOrEqual(5);
    expect(config.composites).toHaveLength(1);
    expect(config.composites[0]?.components.map((component) => component.target)).toEqual(config.targets.map((target) => target.id));
  });

  it('picks targets the survey fields can feed, with min_n and the interval basis', () => {
    const text = renderStarterConfig({ file: 'survey.csv', kind: 'survey', ...detect('survey/responses.csv', 'survey') });
    const config = parseConfigText(text, 'xla.config.yml');
    expect(config.targets.map((target) => [target.metric, target.target.text])).toEqual([
      ['csat', '>= 85%'],
      ['nps', '>= 30'],
      ['ces.easy', '>= 70%'],
    ]);
    expect(config.targets[0]?.minN).toBe(30);
    expect(config.targets[1]?.basis).toBe('interval');
  });

  it('explains the keys in comments', () => {
    const text = renderStarterConfig({ file: 'tickets.csv', kind: 'tickets', ...detect('tickets/tickets.csv', 'tickets') });
    for (const key of ['level:', 'min_n', 'basis', 'where:', 'each:', 'xla schema config']) expect(text).toContain(key);
    expect(text).toContain('resolution_time.p90');
    expect(text).toContain('"<= 8h"');
  });

  it('quotes a file name YAML would misread', () => {
    const text = renderStarterConfig({ file: 'data: 2024 #1.csv', kind: 'survey', fields: ['nps'], columns: ['nps'] });
    expect(parseConfigText(text, 'xla.config.yml').sources[0]?.path).toBe('data: 2024 #1.csv');
  });

  it('lets no column or file name add a key, a line or a raw control character to the YAML', () => {
    fc.assert(
      fc.property(
        fc.array(hostileText, { maxLength: 4 }),
        hostileText.filter((file) => file !== ''),
        (names, file) => {
          const columns = ['nps', ...names.map((name) => `team${name}`)];
          const text = renderStarterConfig({ file, kind: 'survey', fields: ['nps'], columns });
          expectNeutral(text);
          // As many lines as with plain names: nothing from data broke a line.
          expect(text.split('\n')).toHaveLength(
            renderStarterConfig({ file: 'a.csv', kind: 'survey', fields: ['nps'], columns: ['nps', 'team'] }).split('\n').length,
          );
          const document = parse(text) as { sources: { path: string }[]; targets: { id: string }[] };
          expect(Object.keys(document)).toEqual(['title', 'timezone', 'confidence', 'sources', 'targets']);
          expect(document.sources[0]?.path).toBe(file);
          expect(document.targets.map((target) => target.id)).toEqual(['promoters']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shows a column name in the comments as a log line would, and keeps a file name exact in its string', () => {
    const text = renderStarterConfig({
      file: 'x\n::error::\u0085y.csv',
      kind: 'survey',
      fields: ['nps'],
      columns: ['nps', 'team\nkey: 1\u202e'],
    });
    expect(text).toContain('# Columns found: nps, team\\nkey: 1\\u202E\n');
    expect(text).toContain('  - path: "x\\n::error::\\u0085y.csv"\n');
    expect(text).toContain('# by: ["team\\nkey: 1\\u202E"]');
  });

  it('still loads when one target or none fits, leaving out the composite', () => {
    const one = parseConfigText(renderStarterConfig({ file: 'a.csv', kind: 'survey', fields: ['nps'], columns: ['nps'] }), 'x.yml');
    expect(one.targets.map((target) => target.metric)).toEqual(['nps']);
    expect(one.composites).toEqual([]);
    const none = parseConfigText(
      renderStarterConfig({ file: 'a.csv', kind: 'analytics', fields: ['date', 'downloads'], columns: ['date', 'downloads'] }),
      'x.yml',
    );
    expect(none.targets).toEqual([]);
  });
});

describe('chooseExampleTargets', () => {
  it.each([
    ['survey', ['csat', 'nps', 'ces.easy', 'enps', 'rating.positive']],
    ['tickets', ['csat', 'resolution_time.p90', 'first_response_time.p90', 'sla_attainment', 'reopen_rate']],
    ['analytics', ['apdex', 'conversion_rate', 'lcp.p75', 'inp.p75', 'cls.p75']],
  ] as const)('with every %s field of its own, takes the five most preferred examples', (kind, metrics) => {
    // Not the survey answers a tickets export may borrow: with an NPS column the starter proposes an NPS target.
    const fields = FIELDS.filter((field) => field.kinds.includes(kind) && !BORROWED_FIELDS[kind].has(field.id)).map((field) => field.id);
    expect(chooseExampleTargets(kind, fields).map((example) => example.metric)).toEqual(metrics);
  });

  it('carries the example as the metric definition gives it', () => {
    expect(chooseExampleTargets('analytics', ['response_time'])).toEqual([
      { metric: 'apdex', rank: 11, id: 'responsive', name: 'The service feels fast', target: '>= 0.85', minN: 100 },
    ]);
  });

  it('uses only metrics whose required fields are all present, for the kind', () => {
    expect(chooseExampleTargets('tickets', ['created_at']).map((example) => example.metric)).toEqual([]);
    expect(chooseExampleTargets('tickets', ['created_at', 'resolved_at', 'satisfaction']).map((example) => example.metric)).toEqual([
      'csat',
      'resolution_time.p90',
    ]);
    expect(chooseExampleTargets('analytics', ['response_time', 'converted']).map((example) => example.metric)).toEqual([
      'apdex',
      'conversion_rate',
    ]);
  });
});
