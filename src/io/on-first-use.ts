/**
 * Modules loaded the first time a run needs them, not when xla starts: a small file's run should
 * not pay for what it never uses (bench/RESULTS.md, "Start-up"). Loaded with `require`, not
 * `import()`, because the callers are synchronous (`--encoding` is checked before any file is
 * opened) and because the bundle's scripts, run through node:vm for the code cache, have no
 * loader for `import()` on Node 20 (bin/code-cache.js).
 */
import { createRequire } from 'node:module';
import type * as IconvLite from 'iconv-lite';
import type * as Crypto from 'node:crypto';
import type * as WorkerThreads from 'node:worker_threads';

const requireHere = createRequire(import.meta.url);

function onFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(specifier) as T);
}

/** iconv-lite: for a run that names or meets an encoding other than UTF-8. */
export const iconvLite = onFirstUse<typeof IconvLite>('iconv-lite');
/** node:crypto (~8 ms to load): for the random names of temporary output files. */
export const crypto = onFirstUse<typeof Crypto>('node:crypto');
/** node:worker_threads (~3 ms to load): for a run that uses more than one thread. */
export const workerThreads = onFirstUse<typeof WorkerThreads>('node:worker_threads');
