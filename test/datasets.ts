/**
 * The full public datasets beside the repository (`../shared/datasets`, see its SOURCES.md). A
 * clone on its own has none: tests on them are skipped with the reason shown, and trimmed copies
 * in fixtures/datasets carry the same checks everywhere.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../shared/datasets/', import.meta.url));

/** `XLA_TEST_NO_DATASETS=1 npm test` runs as a clone on its own would, to check the skips. */
export const hasDatasets = process.env.XLA_TEST_NO_DATASETS !== '1' && existsSync(ROOT);

/** A path inside the full datasets. */
export const dataset = (path: string): string => `${ROOT}${path}`;

/** The note a test skipped for want of the datasets shows. */
export const DATASETS_MISSING = 'needs ../shared/datasets, the full public datasets (trimmed copies in fixtures/datasets run everywhere)';

/** A suite on the full datasets: run when they are there, else one skipped test that says why. */
export function describeOnDatasets(name: string, factory: () => void): void {
  if (hasDatasets) describe(name, factory);
  else describe(name, () => it.skip(`skipped: ${DATASETS_MISSING}`, () => undefined));
}
