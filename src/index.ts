/** The library API: the same computation as `xla score`, for programmatic use. */
export { scoreInputs } from './run/score-inputs.js';
export type { ScoreOptions, WhereFilter } from './run/score-inputs.js';
export { METRICS, findMetric } from './metrics/registry.js';
export type { MetricDef, MetricValue, Unit, Domain } from './metrics/types.js';
export { formatReport, FORMATS } from './report/registry.js';
export type { FormatName } from './report/registry.js';
export type { Report, Result, InputSummary } from './scorecard/model.js';
export { DEFAULT_SCALES } from './fields/types.js';
export { XlaError, UsageError, ConfigError, InputError } from './errors.js';
