/**
 * The SQL pushdown's data quality (sql/quality.ts): which columns data.completeness, data.validity
 * and data.duplicates read, and why a file's columns cannot be judged from SQL, by name. The cells
 * the SQL leaves to xla are judged by the plain reader of their field (ISO 8601 dates, a decimal
 * point, no labels), as `--from-sql` judges them without the file: a column read otherwise is refused.
 */
import { XlaError } from '../errors.js';
import type { FieldBinding } from '../fields/match.js';
import { ISO_8601 } from '../fields/date-formats.js';
import type { SqlPlan } from '../sql/generate.js';
import type { PreparedSource } from './prepare-source.js';
import type { ScoreOptions } from './run-types.js';
import { STREAMING_HINT } from './sql-hints.js';

export const QUALITY_METRICS: readonly string[] = ['data.completeness', 'data.validity', 'data.duplicates'];

/** The id fields data.duplicates reads, first bound wins (metrics/data-quality.ts ID_FIELDS). */
const ID_FIELDS = ['id', 'respondent_id'];

/** The bindings a metric's state reads: every bound field for completeness and validity, the id for duplicates. */
function qualityBindings(source: PreparedSource, metricId: string): FieldBinding[] {
  const { bindings } = source.mapping;
  if (metricId !== 'data.duplicates') return bindings;
  const id = ID_FIELDS.map((field) => bindings.find((binding) => binding.field.id === field)).find((binding) => binding !== undefined);
  return id === undefined ? [] : [id];
}

/** Why the SQL cannot give a data quality metric for this file (undefined: it can), naming the column. */
export function qualityRefusal(source: PreparedSource, metricId: string): XlaError | undefined {
  if (!QUALITY_METRICS.includes(metricId)) return undefined;
  const { opened, preset, input } = source;
  const refuse = (why: string): XlaError =>
    new XlaError(`${metricId}: ${opened.name} ${why}, which the SQL pushdown does not read as xla does`, { hint: STREAMING_HINT });
  if (opened.format.type === 'parquet') return refuse('is Parquet (its typed values would be judged as the engine prints them)');
  if ((preset?.nullMarkers ?? []).length > 0) return refuse(`is read through the ${preset?.name ?? ''} preset's null markers`);
  if ((input.values ?? []).length > 0) return refuse('is read through --values maps');
  for (const binding of qualityBindings(source, metricId)) {
    const where = `column "${binding.columnName}" (${binding.field.id})`;
    const format = source.formats.get(binding.column);
    const numeric = ['int', 'number', 'rate', 'sentiment'].includes(binding.field.type);
    if (source.labels.has(binding.column)) return refuse(`${where} holds labels`);
    if (preset?.values?.[binding.field.id] !== undefined) return refuse(`${where} is read through the ${preset.name} value map`);
    if (binding.field.type === 'timestamp' && format !== ISO_8601.pattern) return refuse(`${where} holds dates not in ISO 8601`);
    if (numeric && (format === 'decimal comma' || input.decimal === ',')) return refuse(`${where} has decimal commas`);
    // A file not separated by commas may be read with either decimal mark; xla then rejects a `1.500` the SQL reads as 1.5.
    if (numeric && input.decimal === undefined && (opened.format.delimiter ?? ',') !== ',')
      return refuse(
        `${where} is in a file separated by "${opened.format.delimiter ?? ''}", whose decimal mark xla settles from the values (give --decimal .)`,
      );
  }
  return undefined;
}

/** The quality columns of the file, when a data quality metric is computed; refused by name otherwise. */
export function qualityPlanOf(source: PreparedSource, metricIds: readonly string[], options: ScoreOptions): SqlPlan['quality'] {
  const asked = metricIds.filter((id) => QUALITY_METRICS.includes(id));
  if (asked.length === 0) return null;
  for (const id of asked) {
    const refusal = qualityRefusal(source, id);
    if (refusal !== undefined) throw refusal;
  }
  const counted = asked.some((id) => id !== 'data.duplicates');
  const id = qualityBindings(source, 'data.duplicates')[0];
  return {
    fields: counted
      ? [...source.mapping.bindings]
          .sort((a, b) => a.column - b.column)
          .map((binding) => ({ field: binding.field, column: binding.columnName }))
      : [],
    id: asked.includes('data.duplicates') ? id?.columnName : undefined,
    tz: options.tz,
  };
}
