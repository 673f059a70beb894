/**
 * Where the XLA file is when no `-c` is given. Apart from load.ts (yaml and zod, slow to load),
 * so that a run without a config file never loads them (bench/RESULTS.md, "Lazy config loading").
 */
import { join } from 'node:path';

/** Looked for in this order in the working directory when no `-c` is given. */
const CONFIG_FILE_NAMES = ['xla.config.yml', 'xla.config.yaml', 'xla.config.json'] as const;

export function findConfigFile(cwd: string, exists: (path: string) => boolean): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => join(cwd, name)).find((path) => exists(path));
}
