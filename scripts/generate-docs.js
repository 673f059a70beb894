// `npm run docs`: writes the field and metric references in docs/ from the registries, through
// the built code in dist/ (the script builds first). test/docs/drift.test.ts fails when the
// committed files differ from what this would write.
import { writeFileSync } from 'node:fs';
import { renderReferenceDocs } from '../dist/report/reference-docs.js';

const docs = new URL('../docs/', import.meta.url);
for (const [name, text] of Object.entries(renderReferenceDocs())) {
  writeFileSync(new URL(name, docs), text);
  console.log(`docs/${name}`);
}
