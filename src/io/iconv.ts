/**
 * iconv-lite, loaded the first time a run names or meets an encoding other than UTF-8: most runs
 * read UTF-8 and should not pay for its tables at start-up (bench/RESULTS.md, start-up). Loaded
 * with `require`, not bundled, because the callers are synchronous (`--encoding` is checked
 * before any file is opened); the package is one of xla's runtime dependencies.
 */
import { createRequire } from 'node:module';
import type * as IconvLite from 'iconv-lite';

let loaded: typeof IconvLite | undefined;

export function iconvLite(): typeof IconvLite {
  loaded ??= createRequire(import.meta.url)('iconv-lite') as typeof IconvLite;
  return loaded;
}
