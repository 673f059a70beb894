import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pid } from 'node:process';
import { InputError } from '../errors.js';
import { describeFsError } from './byte-source.js';

/**
 * Writes `content` to `path` so that readers see the old file or the whole new one, never a
 * partial or empty one: the text goes to a temp file in the same directory (same file system,
 * so the rename is atomic), is fsynced, then renamed over the target. On failure the temp file
 * is removed and an InputError names the target.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tempPath = join(dirname(path), `.${basename(path)}.${pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tempPath, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw new InputError(`cannot write ${path}: ${describeWriteError(error, path)}`, { file: path });
  }
}

function describeWriteError(error: unknown, path: string): string {
  const isMissingDirectory = error instanceof Error && 'code' in error && error.code === 'ENOENT';
  return isMissingDirectory ? `no such directory ${dirname(path)}` : describeFsError(error);
}
