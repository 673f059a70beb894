/**
 * The report's zod schema and its TypeScript model describe the same data: the guard in
 * report-schema.ts fails to compile when they part (the type check runs on this file too), and
 * the published JSON Schema holds the model's top-level keys.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_MATCHES_SCHEMA, reportJsonSchema } from '../../src/scorecard/report-schema.js';

describe('the report schema', () => {
  it('matches the report model, field for field (checked when compiling)', () => {
    expect(MODEL_MATCHES_SCHEMA).toBe(true);
  });

  it('requires every top-level key of a report', () => {
    const schema = reportJsonSchema() as { required?: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['schema', 'title', 'inputs', 'results', 'targets', 'composites', 'summary']));
  });
});
