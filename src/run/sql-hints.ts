/** The hint of every SQL pushdown refusal (xla sql, --engine duckdb, --from-sql): where the metric or input is computed instead. */
export const STREAMING_HINT = 'the streaming engine computes it: run xla score without --engine duckdb or --from-sql';
