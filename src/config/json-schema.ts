/**
 * `xla schema config`: the JSON Schema of the XLA file, generated from the zod schema that validates
 * it, so editors complete and check exactly what xla accepts. It describes the file as written
 * (zod's input side: defaults are optional keys). What depends on other keys (a target's unit, ids
 * that components name) is beyond JSON Schema; `xla check` reports those. Draft-07, because the
 * YAML language server behind most editors' YAML support reads draft-07 and earlier.
 */
import { z } from 'zod';
import { configSchema } from './schema.js';

/** A stable name for the schema; no network location is implied. */
const CONFIG_SCHEMA_ID = 'urn:xla:schema:config:1';

const OPTIONS = { io: 'input', target: 'draft-07' } as const;

export function configJsonSchema(): object {
  // Mappings keyed by data are zod Maps (schema.ts, keyedMapping), which JSON Schema has no word
  // for; in the file they are objects, so that is how they are described.
  return { ...describeMaps(configSchema), $id: CONFIG_SCHEMA_ID };
}

/** `schema` in JSON Schema, each Map (at any depth: `values` holds a Map of Maps) as an object of its values. */
function describeMaps(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    ...OPTIONS,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema instanceof z.ZodMap) Object.assign(jsonSchema, { type: 'object', additionalProperties: valueSchema(zodSchema) });
    },
  });
}

/** The schema of a Map's values, as a part of the whole (without a `$schema` of its own). */
function valueSchema(map: z.ZodMap): object {
  const value = { ...describeMaps(map.valueType as z.ZodType) };
  delete value.$schema;
  return value;
}
