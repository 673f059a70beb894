/**
 * A run that fails lets go of every file it opened at once: before, a source that could not be
 * scored (no field fits, a second file refused after a first was prepared) kept its handle until
 * the garbage collector closed it, with Node's "Closing file descriptor … on garbage collection".
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreInputs } from '../../src/run/score-inputs.js';
import { libraryOptions } from './library-options.js';
import { scratchDir } from '../scratch.js';

function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

async function scoreFailing(paths: readonly string[]): Promise<unknown> {
  return scoreInputs(libraryOptions(paths)).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a failed run', () => {
  const folder = scratchDir('xla-release-');
  const survey = join(folder, 'survey.csv');
  const unknown = join(folder, 'unknown.csv');
  // Larger than what opening reads (the sniffing window, the sample): their reads are still open.
  writeFileSync(survey, `nps,csat,ces\n${'9,5,6\n4,2,3\n'.repeat(100_000)}`);
  writeFileSync(unknown, `a,b\n${'1,2\n3,4\n'.repeat(100_000)}`);

  it.runIf(process.platform === 'linux')('closes a file no field fits, and the files prepared before it', async () => {
    const before = openDescriptors();
    for (let i = 0; i < 5; i++) {
      const error = await scoreFailing([survey, unknown]);
      expect(String(error)).toMatch(/no column matches a known field/);
    }
    expect(openDescriptors()).toBe(before);
  });
});
