import type { Better, MetricDef } from '../metrics/types.js';
import { formatDomainHeading } from './domains.js';
import { stringifyStrict } from './json.js';
import { renderLightTable } from './light-table.js';
import { createPalette } from './palette.js';
import { MISSING } from './units.js';

/** `xla metrics` and `xla metrics <id>`: the registry as text or as plain JSON. */
export interface CatalogueOptions {
  color: boolean;
  format: 'table' | 'json';
}

/** A metric definition without its accumulator: what `--format json` prints (JSON names in snake_case). */
export type MetricDescription = Pick<
  MetricDef,
  'id' | 'name' | 'domain' | 'kinds' | 'unit' | 'better' | 'requires' | 'formula' | 'interval'
> & {
  spans_periods: boolean;
};

function describeMetric(def: MetricDef): MetricDescription {
  return {
    id: def.id,
    name: def.name,
    domain: def.domain,
    kinds: def.kinds,
    unit: def.unit,
    better: def.better,
    requires: def.requires,
    formula: def.formula,
    interval: def.interval,
    spans_periods: def.spansPeriods === true,
  };
}

export function formatCatalogue(defs: readonly MetricDef[], options: CatalogueOptions): string {
  if (options.format === 'json') return `${stringifyStrict(defs.map(describeMetric), 2)}\n`;
  const palette = createPalette(options.color);
  const head = ['ID', 'Name', 'Domain', 'Kinds', 'Unit', 'Better', 'Fields', 'Interval', 'Formula'];
  const rows = defs.map((def) => [
    def.id,
    def.name,
    def.domain,
    def.kinds.join(', '),
    def.unit,
    formatBetter(def.better),
    formatRequires(def.requires),
    def.interval,
    def.formula,
  ]);
  const table = renderLightTable(
    head,
    rows,
    head.map(() => 'left'),
    palette,
  );
  const count = `${String(defs.length)} ${defs.length === 1 ? 'metric' : 'metrics'}`;
  return `${table}\n${palette.dim(count)}\n`;
}

export function formatMetricDetail(def: MetricDef, options: CatalogueOptions): string {
  if (options.format === 'json') return `${stringifyStrict(describeMetric(def), 2)}\n`;
  const palette = createPalette(options.color);
  const lines: [string, string][] = [
    ['name', def.name],
    ['domain', formatDomainHeading(def.domain)],
    ['kinds', def.kinds.join(', ')],
    ['unit', def.unit],
    ['better', formatBetter(def.better)],
    ['fields', formatRequires(def.requires)],
    ['formula', def.formula],
    ['interval', def.interval],
    ...(isPercentileMetric(def.id) ? [['percentiles', PERCENTILE_METHOD] satisfies [string, string]] : []),
    ...(def.spansPeriods === true ? [['periods', 'the value at a period end includes earlier periods'] satisfies [string, string]] : []),
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 1;
  const body = lines.map(([label, value]) => `  ${palette.dim(`${label}:`.padEnd(width))} ${value}`);
  return `${palette.bold(def.id)}\n${body.join('\n')}\n`;
}

/** metrics.md §0: the percentile convention every percentile metric uses. */
export const PERCENTILE_METHOD = 'linear interpolation (Hyndman–Fan type 7, Excel PERCENTILE.INC)';

/** `resolution_time.median`, `lcp.p75`. */
export function isPercentileMetric(id: string): boolean {
  return /\.(median|p\d+)$/.test(id);
}

/** Alternatives read `a + b | c`: all of a and b, or c; an alternative of no field (data quality) is any input. */
export function formatRequires(requires: readonly (readonly string[])[]): string {
  return requires.map((alternative) => (alternative.length === 0 ? 'none (any input)' : alternative.join(' + '))).join(' | ');
}

function formatBetter(better: Better | null): string {
  return better ?? MISSING;
}
