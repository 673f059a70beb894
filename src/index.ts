/** The library API: the same computation as `xla score`, for programmatic use. */
export { scoreInputs, scorePartial, mergePartials } from './run/score-inputs.js';
export type { ScoreOptions, WhereFilter, ReportHooks } from './run/score-inputs.js';
export { formatPartial, gatherPartials, PARTIAL_SCHEMA } from './run/partial.js';
export type { PartialDocument } from './run/partial.js';
export { METRICS, findMetric } from './metrics/registry.js';
export type { MetricDef, MetricValue, Unit, Domain } from './metrics/types.js';
export { formatReport, loadFormatter, FORMAT_NAMES } from './report/registry.js';
export type { FormatName } from './report/registry.js';
export type { Report, Result, InputSummary } from './scorecard/model.js';
export { DEFAULT_SCALES } from './fields/types.js';
export { XlaError, UsageError, ConfigError, InputError } from './errors.js';
