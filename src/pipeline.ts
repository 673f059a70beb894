/**
 * The `score` pipeline: inputs → readers → field mapping and coercion → scorecard → report model.
 * Everything a command needs is passed in; diagnostics go to a callback, never to the terminal.
 */
import { XlaError, formatLocation } from './errors.js';
import { findColumn, listColumns, mapSource, closestName } from './fields/match.js';
import type { ColumnOverride, FieldBinding, FieldMapping } from './fields/match.js';
import { createRowBuilder } from './fields/row-builder.js';
import type { Rejection, ValueSettings } from './fields/row-builder.js';
import { PERIOD_FIELDS } from './fields/catalog.js';
import type { FieldId, Kind, Scales } from './fields/types.js';
import { openSource } from './io/open-source.js';
import type { OpenedSource, ReadOptions } from './io/types.js';
import { findMetric, METRICS, suggestMetricId } from './metrics/registry.js';
import type { MetricDef } from './metrics/types.js';
import { Scorecard } from './scorecard/engine.js';
import { REPORT_SCHEMA } from './scorecard/model.js';
import type { InputSummary, Report } from './scorecard/model.js';
import type { Period } from './time/periods.js';
import { periodKey } from './time/periods.js';

/** `--where column=value`: rows whose column holds one of the values (values of one column are OR-ed). */
export interface WhereFilter {
  column: string;
  values: readonly string[];
}

export interface ScoreOptions {
  /** Paths, or `-` for standard input. */
  inputs: readonly string[];
  stdin?: NodeJS.ReadableStream;
  kind?: Kind | undefined;
  map: readonly ColumnOverride[];
  read: ReadOptions;
  decimal: '.' | ',';
  dateFormat?: string | undefined;
  /** IANA zone for timestamps without an offset and for period boundaries. */
  tz: string;
  /** Metric ids to compute; undefined = every metric the data can feed. */
  metrics?: readonly string[] | undefined;
  by: readonly string[];
  period: Period | null;
  /** Inclusive start and exclusive end instants on the kind's date field. */
  from?: number | undefined;
  to?: number | undefined;
  where: readonly WhereFilter[];
  confidence: number;
  /** Apdex threshold in seconds. */
  apdexT: number;
  scales: Scales;
  title?: string | null;
  /** Warnings and rejected values, one line each, for stderr. */
  onDiagnostic?: (message: string) => void;
}

/** How many rejected values of one input are shown before only a count is. */
const SHOWN_REJECTIONS = 5;

interface PreparedSource {
  opened: OpenedSource;
  mapping: FieldMapping;
}

export async function scoreInputs(options: ScoreOptions): Promise<Report> {
  if (options.inputs.length === 0) throw new XlaError('no input files', { hint: 'give one or more files, or - for standard input' });
  const prepared: PreparedSource[] = [];
  for (const input of options.inputs) {
    const opened = await openSource({ path: input, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) }, options.read);
    const mapping = mapSource({ file: opened.name, columns: opened.columns, kind: options.kind, overrides: options.map, feedingFields });
    prepared.push({ opened, mapping });
  }

  const metrics = selectMetrics(options.metrics, prepared, options.onDiagnostic);
  const scorecard = new Scorecard({
    metrics,
    metricContext: { scales: options.scales, apdexT: options.apdexT },
    confidence: options.confidence,
    by: options.by,
    period: options.period,
    tz: options.tz,
    asOf: options.to,
  });

  const inputs: InputSummary[] = [];
  for (const source of prepared) inputs.push(await scoreSource(source, scorecard, options));

  return {
    schema: REPORT_SCHEMA,
    title: options.title ?? null,
    inputs,
    results: scorecard.results(),
    targets: [],
    composites: [],
    summary: { targets: 0, met: 0, breached: 0, inconclusive: 0, no_data: 0, status: 'pass' },
  };
}

/** Fields some metric of the kind reads: only these say what kind of data a file holds. */
function feedingFields(kind: Kind): ReadonlySet<FieldId> {
  return new Set(METRICS.filter((metric) => metric.kinds.includes(kind)).flatMap((metric) => metric.requires.flat()));
}

function canFeed(metric: MetricDef, mapping: FieldMapping): boolean {
  const bound = new Set(mapping.bindings.map((binding) => binding.field.id));
  return metric.kinds.includes(mapping.kind) && metric.requires.some((fields) => fields.every((field) => bound.has(field)));
}

function selectMetrics(requested: readonly string[] | undefined, sources: readonly PreparedSource[], warn: ((message: string) => void) | undefined): MetricDef[] {
  if (requested === undefined) return METRICS.filter((metric) => sources.some((source) => canFeed(metric, source.mapping)));
  return requested.map((id) => {
    const metric = findMetric(id);
    if (metric === undefined) {
      const suggestion = suggestMetricId(id);
      throw new XlaError(`unknown metric "${id}"`, { hint: suggestion === undefined ? 'run `xla metrics` for the list' : `did you mean ${suggestion}?` });
    }
    if (!sources.some((source) => canFeed(metric, source.mapping))) {
      const needs = metric.requires.map((fields) => fields.join(' + ')).join(' or ');
      warn?.(`xla: warning: no input can feed ${metric.id} (it needs ${needs}); it is reported without data`);
    }
    return metric;
  });
}

/** Resolves a `--by`/`--where` name to a column: a column of that name, else the column bound to that field. */
function resolveColumn(name: string, source: PreparedSource, option: string): number {
  const direct = findColumn(source.opened.columns, name);
  if (direct >= 0) return direct;
  const binding = source.mapping.bindings.find((candidate) => candidate.field.id === name);
  if (binding !== undefined) return binding.column;
  const suggestion = closestName(name, source.opened.columns);
  throw new XlaError(`${option} ${name}: ${source.opened.name} has no column "${name}"`, {
    hint: suggestion === undefined ? `its columns are: ${listColumns(source.opened.columns)}` : `did you mean "${suggestion}"?`,
  });
}

/** The virtual column `source` segments by file. */
const SOURCE_COLUMN = 'source';

async function scoreSource(source: PreparedSource, scorecard: Scorecard, options: ScoreOptions): Promise<InputSummary> {
  const { opened, mapping } = source;
  const settings: ValueSettings = { decimal: options.decimal, tz: options.tz, dateFormat: options.dateFormat, scales: options.scales };
  const buildRow = createRowBuilder(mapping.bindings, opened.columns.length, settings);
  const metricIndices = scorecard.metricIndices((metric) => canFeed(metric, mapping));
  const segmentOf = segmenter(options.by, source);
  const passesWhere = wherePredicate(options.where, source);
  const dateField = PERIOD_FIELDS[mapping.kind].find((field) => mapping.bindings.some((binding) => binding.field.id === field));
  const hasDateBounds = options.from !== undefined || options.to !== undefined;
  if (hasDateBounds && dateField === undefined) {
    throw new XlaError(`--from/--to: ${opened.name} has no ${PERIOD_FIELDS[mapping.kind].join(' or ')} column to filter on`, {
      hint: `map one with --map ${PERIOD_FIELDS[mapping.kind][0] ?? 'date'}=Column`,
    });
  }
  if (options.period !== null && dateField === undefined) {
    options.onDiagnostic?.(`xla: warning: ${opened.name} has no ${PERIOD_FIELDS[mapping.kind].join(' or ')} column; its rows appear only in rows without a period`);
  }

  let rows = 0;
  let rejectedRows = 0;
  let shownRejections = 0;
  let hiddenRejections = 0;
  for await (const record of opened.records) {
    rows++;
    const { row, rejections } = buildRow(record.cells);
    if (rejections.length > 0) {
      rejectedRows++;
      for (const rejection of rejections) {
        if (shownRejections < SHOWN_REJECTIONS) {
          shownRejections++;
          options.onDiagnostic?.(describeRejection(opened.name, record.line, record.index, rejection, mapping.bindings));
        } else {
          hiddenRejections++;
        }
      }
    }
    if (row === null || !passesWhere(record.cells)) continue;
    const stamp = dateField === undefined ? undefined : row[dateField];
    if (hasDateBounds && !isWithin(stamp, options.from, options.to)) continue;
    const period = options.period === null || stamp === undefined ? null : periodKey(stamp, options.period, options.tz);
    scorecard.add(metricIndices, row, segmentOf(record.cells), period);
  }
  if (hiddenRejections > 0) {
    options.onDiagnostic?.(`xla: ${opened.name}: ${hiddenRejections} more rejected value${hiddenRejections === 1 ? '' : 's'} not shown`);
  }
  return {
    name: opened.name,
    kind: mapping.kind,
    preset: null,
    rows,
    accepted: rows - rejectedRows,
    rejected: rejectedRows,
    format: opened.format,
    fields: Object.fromEntries(mapping.bindings.map((binding) => [binding.field.id, binding.columnName])),
  };
}

function isWithin(stamp: number | undefined, from: number | undefined, to: number | undefined): boolean {
  if (stamp === undefined) return false;
  return (from === undefined || stamp >= from) && (to === undefined || stamp < to);
}

function segmenter(by: readonly string[], source: PreparedSource): (cells: readonly unknown[]) => string[] | null {
  if (by.length === 0) return () => null;
  const columns = by.map((name) => (name === SOURCE_COLUMN && findColumn(source.opened.columns, name) < 0 ? -1 : resolveColumn(name, source, '--by')));
  return (cells) => columns.map((column) => (column < 0 ? source.opened.name : cellText(cells[column])));
}

function wherePredicate(filters: readonly WhereFilter[], source: PreparedSource): (cells: readonly unknown[]) => boolean {
  if (filters.length === 0) return () => true;
  const resolved = filters.map((filter) => ({ column: resolveColumn(filter.column, source, '--where'), values: new Set(filter.values) }));
  return (cells) => resolved.every(({ column, values }) => values.has(cellText(cells[column])));
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell.trim() : String(cell);
}

function describeRejection(file: string, line: number | undefined, index: number, rejection: Rejection, bindings: readonly FieldBinding[]): string {
  const column = rejection.column === null ? undefined : rejection.column + 1;
  const where = line === undefined ? `${file}: record ${index}` : formatLocation(file, line, column);
  if (rejection.field === null) return `xla: ${where}: row skipped: ${rejection.reason}`;
  const columnName = bindings.find((binding) => binding.field.id === rejection.field)?.columnName ?? rejection.field;
  const label = columnName === rejection.field ? rejection.field : `${rejection.field} ("${columnName}")`;
  return `xla: ${where}: ${label}: ${JSON.stringify(rejection.value)} rejected: ${rejection.reason}`;
}

