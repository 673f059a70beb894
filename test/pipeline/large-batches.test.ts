/**
 * A batch of records can be larger than a call takes arguments: 200,000 rows of six bytes arrive
 * at once, and `push(...batch)` ended the run with "Maximum call stack size exceeded" (exit 3).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreInputs } from '../../src/run/score-inputs.js';
import { libraryOptions } from './library-options.js';
import { scratchDir } from '../scratch.js';

describe('a file of many tiny rows', () => {
  const file = join(scratchDir('xla-batches-'), 'survey.csv');
  writeFileSync(file, `nps,csat,ces\n${'9,5,6\n4,2,3\n'.repeat(100_000)}`);

  it('is read whole, however many rows a batch holds', async () => {
    const report = await scoreInputs(libraryOptions([file]));
    expect(report.inputs[0]).toMatchObject({ rows: 200_000, rejected: 0 });
    // 100,000 promoters (9) and 100,000 detractors (4): NPS 0.
    const nps = report.results.find(
      (result) => result.metric === 'nps' && result.period === null && Object.keys(result.segment).length === 0,
    );
    expect(nps).toMatchObject({ value: 0, n: 200_000 });
  });
});
