/**
 * Scratch folders for tests: made under the system's temporary folder and removed after the test
 * file that made them (test/setup.ts), so a run of the suite leaves nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh empty folder `<tmp>/<prefix>XXXXXX`, removed when the test file ends. */
export function scratchDir(prefix = 'xla-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder scratchDir made in this test file. */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
