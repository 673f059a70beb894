import { existsSync } from 'node:fs';

export function pathExists(path: string): boolean {
  return existsSync(path);
}
