import type { Better, MetricDef } from '../metrics/types.js';
import { DOMAIN_ORDER, formatDomainHeading } from './domains.js';
import { stringifyStrict } from './json.js';
import { renderLightTable } from './light-table.js';
import { describeBands, describeScale, INTERVAL_NAMES } from './metric-facts.js';
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
  /** The values it takes, in words (`−100 … +100 points`). */
  scale: string;
  /** The published rating xla applies (into `detail`), or null. */
  bands: MetricDef['bands'] | null;
  /** How sources commonly read the value where xla applies no bands, or null. */
  reading: string | null;
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
    scale: describeScale(def),
    bands: def.bands ?? null,
    reading: def.reading ?? null,
    spans_periods: def.spansPeriods === true,
  };
}

/**
 * The Total Experience view of the registry: one table per domain (CX, EX, UX, MX, OPS, VALUE,
 * DATA), each metric with its scale, interval, bands and formula.
 */
export function formatCatalogue(defs: readonly MetricDef[], options: CatalogueOptions): string {
  if (options.format === 'json') return `${stringifyStrict(defs.map(describeMetric), 2)}\n`;
  const palette = createPalette(options.color);
  const head = ['ID', 'Name', 'Kinds', 'Scale', 'Better', 'Fields', 'Interval', 'Formula', 'Bands'];
  const tables = DOMAIN_ORDER.flatMap((domain) => {
    const inDomain = defs.filter((def) => def.domain === domain);
    if (inDomain.length === 0) return [];
    const rows = inDomain.map((def) => [
      def.id,
      def.name,
      def.kinds.join(', '),
      describeScale(def),
      formatBetter(def.better),
      formatRequires(def.requires),
      def.interval,
      def.formula,
      describeBands(def) ?? MISSING,
    ]);
    const table = renderLightTable(
      head,
      rows,
      head.map(() => 'left'),
      palette,
    );
    return [`${palette.bold(formatDomainHeading(domain))}\n${table}`];
  });
  const count = `${String(defs.length)} ${defs.length === 1 ? 'metric' : 'metrics'}`;
  return `${tables.join('\n\n')}\n\n${palette.dim(count)}\n`;
}

export function formatMetricDetail(def: MetricDef, options: CatalogueOptions): string {
  if (options.format === 'json') return `${stringifyStrict(describeMetric(def), 2)}\n`;
  const palette = createPalette(options.color);
  const lines: [string, string][] = [
    ['name', def.name],
    ['domain', formatDomainHeading(def.domain)],
    ['kinds', def.kinds.join(', ')],
    ['unit', def.unit],
    ['scale', describeScale(def)],
    ['better', formatBetter(def.better)],
    ['fields', def.needs ?? formatRequires(def.requires)],
    ['formula', def.formula],
    ['interval', def.interval === 'none' ? 'none' : `${def.interval} (${INTERVAL_NAMES[def.interval]})`],
    ['bands', describeBands(def) ?? 'none published'],
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
