import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { DIALECT_NAMES, isDialectName } from '../sql/dialects.js';
import type { CliIO, CommandState } from './context.js';
import { EXIT } from './context.js';
import { STDOUT, STDOUT_OUTPUT, namedInput, refuseClashes, resolveOutput, writeOutput } from './output.js';
import { addRunOptions, toScoreOptions } from './run-options.js';
import type { RunFlags } from './run-options.js';

interface SqlFlags extends RunFlags {
  dialect?: string;
  table?: string;
}

/**
 * `xla sql FILE --dialect duckdb|postgres|bigquery|spark [--table NAME]`: prints the query that
 * computes the metrics' states per segment (README "SQL pushdown"). The file's header decides
 * which column feeds which field, as in a streaming run; with `--table` the query reads that
 * table (of the same columns) instead of the file.
 */
export function registerSqlCommand(program: Command, io: CliIO, state: CommandState): void {
  addRunOptions(
    program
      .command('sql')
      .description('print the SQL that computes the scorecard in a database (xla score --from-sql reads its rows back)')
      .option('--dialect <dialect>', `${DIALECT_NAMES.join(' | ')} (default duckdb)`)
      .option('--table <name>', 'read this table (a warehouse table of the same columns as the file) instead of the file'),
  ).action(async (files: string[], flags: SqlFlags) => {
    const dialect = flags.dialect ?? 'duckdb';
    if (!isDialectName(dialect)) throw new UsageError(`--dialect must be one of ${DIALECT_NAMES.join(', ')}; got "${dialect}"`);
    if (flags.format !== undefined) throw new UsageError('xla sql prints SQL: -f/--format does not apply');
    if (flags.engine !== undefined || flags.fromSql !== undefined)
      throw new UsageError('xla sql writes the query: --engine and --from-sql belong to xla score');
    const options = await toScoreOptions(files, flags, io);
    const output = flags.output === undefined ? STDOUT_OUTPUT : await resolveOutput(io, '-o', flags.output);
    await refuseClashes(
      io,
      [output],
      options.sources.map((source) => namedInput(source.path, source.kind)),
    );
    const { sqlForInputs } = await import('../run/sql-run.js');
    const sql = await sqlForInputs(options, dialect, flags.table);
    await writeOutput(io, flags.output === undefined ? STDOUT : output.target, sql);
    state.exitCode = EXIT.ok;
  });
}
