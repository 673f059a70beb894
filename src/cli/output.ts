/** Where a rendered report goes, and whether it may be coloured. */
import { writeFileAtomic } from '../io/atomic-write.js';
import type { CliIO } from './main.js';

/**
 * Colour only on a terminal (cli.md): `--no-color` and `NO_COLOR` turn it off, `FORCE_COLOR` on;
 * a report written to a file is never coloured.
 */
export function shouldColor(io: CliIO, options: { color?: boolean; toFile: boolean }): boolean {
  if (options.toFile || options.color === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}

/** Writes the whole report at once: to a file atomically, or to stdout. */
export async function emitReport(io: CliIO, text: string, output: string | undefined): Promise<void> {
  if (output === undefined || output === '-') {
    io.stdout.write(text);
    return;
  }
  await writeFileAtomic(output, text);
}
