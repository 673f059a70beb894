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
export const CONFIG_SCHEMA_ID = 'urn:xla:schema:config:1';

export function configJsonSchema(): object {
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-07' });
  return { ...generated, $id: CONFIG_SCHEMA_ID };
}
