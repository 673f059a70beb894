import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { findMetric, METRICS, suggestMetricId } from '../metrics/registry.js';
import { formatCatalogue, formatMetricDetail } from '../report/catalogue.js';
import type { CliIO, CommandState } from './context.js';
import { parseTableOrJson } from './options.js';
import { shouldColor } from './output.js';

export function registerMetricsCommand(program: Command, io: CliIO, state: CommandState): void {
  program
    .command('metrics')
    .description('list the metric catalogue, or describe one metric')
    .argument('[id]', 'a metric id, e.g. nps or resolution_time.p90')
    .option('-f, --format <format>', 'table | json', 'table')
    .action((id: string | undefined, flags: { format: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ color?: boolean }>();
      const color = shouldColor(io, { toFile: false, ...(globals.color === false ? { color: false } : {}) });
      const format = parseTableOrJson(flags.format);
      if (id === undefined) {
        io.stdout.write(formatCatalogue(METRICS, { color, format }));
      } else {
        const metric = findMetric(id);
        if (metric === undefined) {
          const suggestion = suggestMetricId(id);
          throw new UsageError(
            `unknown metric "${id}"`,
            suggestion === undefined ? 'run xla metrics for the list' : `did you mean ${suggestion}?`,
          );
        }
        io.stdout.write(formatMetricDetail(metric, { color, format }));
      }
      state.exitCode = 0;
    });
}
