/**
 * What the pipeline tests pass to the library API: the given files, read with no flags, in UTC,
 * at 95 % confidence and Apdex T 0.5 s, on one thread unless a test says otherwise.
 */
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import type { ScoreOptions } from '../../src/run/score-inputs.js';

export function libraryOptions(paths: readonly string[], more: Partial<ScoreOptions> = {}): ScoreOptions {
  return {
    sources: paths.map((path) => ({ path, map: [], read: {} })),
    tz: 'UTC',
    by: [],
    period: null,
    where: [],
    confidence: 0.95,
    apdexT: 0.5,
    scales: DEFAULT_SCALES,
    jobs: 1,
    ...more,
  };
}
