/**
 * Device nodes for tests that write to a device. As root (CI containers, this machine) a broken
 * build would rename a file over the machine's own /dev/null and leave every other program a
 * regular file there: such tests get a node of their own, made with mknod in their temporary
 * folder. Without root a node cannot be made, and /dev cannot be renamed over either: the
 * machine's device is then used.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const isRoot = process.getuid?.() === 0;

/** Character devices by name: major 1, minor 3 (null) and 7 (full) on Linux. */
const MINOR = { null: '3', full: '7' } as const;

/** A path to a null or full device that writing may not harm: in `dir` as root, else /dev's own. */
export function safeDevice(dir: string, name: keyof typeof MINOR): string {
  if (!isRoot) return `/dev/${name}`;
  const path = join(dir, name);
  execFileSync('mknod', [path, 'c', '1', MINOR[name]]);
  return path;
}
