import type { Command } from 'commander';
import { configJsonSchema } from '../config/json-schema.js';
import { UsageError } from '../errors.js';
import { reportJsonSchema } from '../scorecard/report-schema.js';
import type { CliIO, CommandState } from './main.js';
import { EXIT } from './main.js';

const SCHEMAS: Record<string, () => object> = { config: configJsonSchema, report: reportJsonSchema };

export function registerSchemaCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('schema')
    .description('print the JSON Schema of the XLA file (config) or of the JSON report (report), generated from the validators')
    .argument('<which>', 'config | report')
    .action((which: string) => {
      const schema = SCHEMAS[which];
      if (schema === undefined) throw new UsageError(`xla schema takes config or report; got "${which}"`);
      io.stdout.write(`${JSON.stringify(schema(), null, 2)}\n`);
      state.exitCode = EXIT.ok;
    });
}
