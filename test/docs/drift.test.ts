import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReferenceDocs } from '../../src/report/reference-docs.js';

const DOCS = new URL('../../docs/', import.meta.url);

describe('docs/ references', () => {
  it.each(Object.entries(renderReferenceDocs()))('docs/%s is what the registries generate', (name, generated) => {
    const committed = readFileSync(new URL(name, DOCS), 'utf8');
    expect(committed, `docs/${name} is out of date with the registries: run npm run docs`).toBe(generated);
  });
});
