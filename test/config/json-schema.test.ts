import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { METRICS } from '../../src/metrics/registry.js';

/** Narrows a JSON Schema node for the assertions below. */
function node(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not a schema object`);
  return value as Record<string, unknown>;
}

const schema = node(configJsonSchema(), 'root');
const properties = node(schema.properties, 'root.properties');
const targetItem = node(node(properties.targets, 'targets').items, 'targets.items');
const targetProperties = node(targetItem.properties, 'targets.items.properties');

describe('configJsonSchema', () => {
  it('is a JSON Schema document with an id, a title and a description', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe('urn:xla:schema:config:1');
    expect(schema.title).toContain('xla.config.yml');
    expect(typeof schema.description).toBe('string');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('describes every top-level key, $schema included, and refuses others', () => {
    expect(Object.keys(properties)).toEqual([
      '$schema',
      'title',
      'timezone',
      'confidence',
      'method',
      'sources',
      'by',
      'period',
      'apdex_t',
      'population',
      'scales',
      'sla',
      'self_service_channels',
      'join',
      'calendar',
      'calendars',
      'business_hours',
      'as_of',
      'customers',
      'baseline',
      'targets',
      'composites',
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
  });

  it('refuses unknown keys in targets, sources and composites, and requires what must be there', () => {
    expect(targetItem.additionalProperties).toBe(false);
    // target or change: one of them, which resolve.ts checks (a JSON Schema `required` cannot say "either").
    expect(targetItem.required).toEqual(['metric']);
    const sourceItem = node(node(properties.sources, 'sources').items, 'sources.items');
    expect(sourceItem.additionalProperties).toBe(false);
    expect(sourceItem.required).toEqual(['path']);
    const compositeItem = node(node(properties.composites, 'composites').items, 'composites.items');
    expect(compositeItem.additionalProperties).toBe(false);
    expect(compositeItem.required).toEqual(['id', 'components']);
  });

  it('lets editors complete metric ids and enumerations, and shows defaults and help', () => {
    expect(node(targetProperties.metric, 'metric').enum).toEqual(METRICS.map((metric) => metric.id));
    expect(node(targetProperties.basis, 'basis')).toMatchObject({ enum: ['point', 'interval', 'lenient', 'strict'], default: 'point' });
    expect(node(targetProperties.level, 'level')).toMatchObject({ enum: ['error', 'warn'], default: 'error' });
    expect(node(targetProperties.inconclusive, 'inconclusive')).toMatchObject({ enum: ['pass', 'warn', 'fail'], default: 'warn' });
    expect(node(targetProperties.min_n, 'min_n')).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(node(targetProperties.target, 'target')).toMatchObject({
      type: 'string',
      examples: expect.arrayContaining(['>= 85%', '<= 1h30m']),
    });
    expect(node(targetProperties.target, 'target').description).toContain('between A and B');
  });

  it('describes calendar, calendars and business_hours', () => {
    expect(node(properties.calendar, 'calendar')).toMatchObject({ type: 'object', required: ['hours'] });
    expect(node(properties.calendars, 'calendars')).toMatchObject({ type: 'object' });
    expect(JSON.stringify(properties.business_hours)).toContain('"by"');
  });

  it('describes the mappings keyed by data (where, components, map, sla) as objects, whatever their keys', () => {
    const sourceProperties = node(node(node(properties.sources, 'sources').items, 'sources.items').properties, 'sources.items.properties');
    const compositeProperties = node(
      node(node(properties.composites, 'composites').items, 'composites.items').properties,
      'composites.items.properties',
    );
    for (const [name, mapping] of Object.entries({
      where: targetProperties.where,
      components: compositeProperties.components,
      map: sourceProperties.map,
      sla: properties.sla,
    })) {
      expect(node(mapping, name)).toMatchObject({ type: 'object', additionalProperties: expect.any(Object) });
    }
    expect(node(sourceProperties.map, 'map').additionalProperties).toEqual({ type: 'string', minLength: 1 });
    // A duration (the resolution target) or { first_response, resolution }.
    expect(node(properties.sla, 'sla').additionalProperties).toMatchObject({
      anyOf: [
        { type: ['string', 'number'] },
        { type: 'object', properties: { first_response: {}, resolution: {} }, additionalProperties: false },
      ],
    });
  });

  it('gives the confidence levels xla accepts', () => {
    expect(node(properties.confidence, 'confidence')).toMatchObject({
      type: 'number',
      anyOf: [{ const: 0 }, { minimum: 0.5, maximum: 0.9999 }],
    });
  });
});
