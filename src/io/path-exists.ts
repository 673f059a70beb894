import { lstatSync } from 'node:fs';
import { errorCode } from './byte-source.js';

/**
 * Whether anything is at `path`: a file, a folder, or a symbolic link even when what it points to
 * is gone, so that a broken `xla.config.yml` link is reported rather than passed over. A path that
 * cannot be looked at (permission denied) counts as there: reading it will say why it fails.
 */
export function pathExists(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    return errorCode(error) !== 'ENOTDIR';
  }
}
