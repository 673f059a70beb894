import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';

/**
 * Loaded when asked for: zod, which builds them, would slow every start (bench/RESULTS.md, "Lazy schema"). A Map, so
 * that `xla schema constructor` finds nothing rather than an Object method.
 */
const SCHEMAS: ReadonlyMap<string, () => Promise<object>> = new Map([
  ['config', async () => (await import('../config/json-schema.js')).configJsonSchema()],
  ['report', async () => (await import('../scorecard/report-schema.js')).reportJsonSchema()],
]);

/** What `xla schema` takes (for completion too). */
export const SCHEMA_NAMES: readonly string[] = [...SCHEMAS.keys()];

export function registerSchemaCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('schema')
    .description('print the JSON Schema of the XLA file (config) or of the JSON report (report), generated from the validators')
    .argument('<which>', 'config | report')
    .action(async (which: string) => {
      const schema = SCHEMAS.get(which);
      if (schema === undefined) throw new UsageError(`xla schema takes ${[...SCHEMAS.keys()].join(' or ')}; got "${which}"`);
      io.stdout.write(`${JSON.stringify(await schema(), null, 2)}\n`);
      state.exitCode = EXIT.ok;
    });
}
