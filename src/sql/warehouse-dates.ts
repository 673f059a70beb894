/**
 * Period keys and epoch milliseconds of ISO 8601 text (dialects.ts ISO_DATE_PATTERN) for BigQuery
 * and Spark SQL, which cannot cast every form xla reads (`2024-01-15T10:20`, no seconds, a `Z`)
 * the way DuckDB and PostgreSQL do. Each text is first written in one canonical wall-clock form,
 * `YYYY-MM-DD HH:MM:SS.mmm` (fraction cut to milliseconds, as xla drops the digits past them),
 * with functions of the same name and meaning in BigQuery, Spark and DuckDB, so the tests run that
 * very expression in DuckDB; the offset, if any, is kept apart. Then each engine parses that one
 * form with its documented functions.
 */
import type { Period } from '../time/periods.js';

/** `Z` or `±hh:mm` at the end: the text is an instant; without it, wall time in --tz. */
export const OFFSET_PATTERN = '(Z|[+-][0-9]{2}:[0-9]{2})$';

/**
 * The canonical wall clock's fields as xla accepts them (fields/date-formats.ts): years from 100
 * (xla refuses 0–99), hours 0–23, minutes and seconds 0–59. Any other text has no date, as in xla.
 */
export const CANONICAL_WALL_PATTERN =
  '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$';

/** What a missing part of the wall clock defaults to, position by position: midnight, 0 s, 0 ms. */
const CANONICAL_TEMPLATE = '0000-00-00 00:00:00.000';

/**
 * `text` (trimmed, matching ISO_DATE_PATTERN) as `YYYY-MM-DD HH:MM:SS.mmm`: the offset dropped,
 * `T` a space, then the template's tail past the text's length appended and the whole cut to 23
 * characters (a date gets ` 00:00:00.000`, `10:20` gets `:00.000`, `.5` gets `00`, `.1234` loses
 * its `4`). `regexpReplace` writes the engine's literal of a pattern; the other functions are
 * spelled alike in BigQuery, Spark and DuckDB. Not guarded: see `guardedWallClock`.
 */
export function canonicalWallClock(text: string, pattern: (regex: string) => string): string {
  const wall = `replace(regexp_replace(${text}, ${pattern(OFFSET_PATTERN)}, ''), 'T', ' ')`;
  return `left(concat(${wall}, substr('${CANONICAL_TEMPLATE}', length(${wall}) + 1)), 23)`;
}

/** The offset of a text with one, as `±hh:mm` (`Z` is `+00:00`). */
function offsetOf(text: string): string {
  return `CASE WHEN right(${text}, 1) = 'Z' THEN '+00:00' ELSE right(${text}, 6) END`;
}

// ── BigQuery: PARSE_TIMESTAMP / PARSE_DATETIME (SAFE.: NULL for an impossible date), FORMAT_*, UNIX_MILLIS ──

const BIGQUERY_WALL_FORMAT = '%Y-%m-%d %H:%M:%E3S';
/** FORMAT_DATETIME / FORMAT_TIMESTAMP elements per period: %G-W%V is the ISO week-numbering year and week, %Q the quarter. */
const BIGQUERY_KEY: Record<Period, string> = { day: '%Y-%m-%d', week: '%G-W%V', month: '%Y-%m', quarter: '%Y-Q%Q', year: '%Y' };

const bigQueryPattern = (regex: string): string => `r'${regex}'`;

function bigQueryParts(text: string, tz: string): { hasOffset: string; instant: string; wall: string; zoned: string } {
  const canonical = canonicalWallClock(text, bigQueryPattern);
  const wall = `CASE WHEN REGEXP_CONTAINS(${canonical}, ${bigQueryPattern(CANONICAL_WALL_PATTERN)}) THEN ${canonical} END`;
  return {
    hasOffset: `REGEXP_CONTAINS(${text}, ${bigQueryPattern(OFFSET_PATTERN)})`,
    // The text's instant, from its own offset.
    instant: `SAFE.PARSE_TIMESTAMP('${BIGQUERY_WALL_FORMAT}%Ez', concat(${wall}, ${offsetOf(text)}))`,
    // The wall clock as written (no zone involved).
    wall: `SAFE.PARSE_DATETIME('${BIGQUERY_WALL_FORMAT}', ${wall})`,
    // The wall clock read in tz (PARSE_TIMESTAMP's zone argument applies when the text has none).
    zoned: `SAFE.PARSE_TIMESTAMP('${BIGQUERY_WALL_FORMAT}', ${wall}, ${tz})`,
  };
}

/** `tz` is the zone as a SQL literal, here and below. */
export function bigQueryPeriodKey(text: string, period: Period, tz: string): string {
  const parts = bigQueryParts(text, tz);
  const key = BIGQUERY_KEY[period];
  return `CASE WHEN ${parts.hasOffset} THEN FORMAT_TIMESTAMP('${key}', ${parts.instant}, ${tz}) ELSE FORMAT_DATETIME('${key}', ${parts.wall}) END`;
}

export function bigQueryEpochMs(text: string, tz: string): string {
  const parts = bigQueryParts(text, tz);
  return `UNIX_MILLIS(CASE WHEN ${parts.hasOffset} THEN ${parts.instant} ELSE ${parts.zoned} END)`;
}

// ── Spark: try_to_timestamp (NULL for an impossible date in ANSI mode too), unix_millis, from_/to_utc_timestamp ──

const SPARK_FORMAT = 'yyyy-MM-dd HH:mm:ss.SSSXXX';
const MS_PER_DAY = 86_400_000;

const sparkPattern = (regex: string): string => `'${regex}'`;

/**
 * Epoch ms of the instant (`epoch`) and of the wall clock in tz read as if it were UTC (`wallClock`).
 * Both come from unix_millis, which the session time zone does not change: the text is parsed
 * with an explicit offset (its own, or +00:00 for wall time), and from_utc_timestamp /
 * to_utc_timestamp shift between UTC and tz.
 */
function sparkMs(text: string, tz: string): { epoch: string; wallClock: string } {
  const canonical = canonicalWallClock(text, sparkPattern);
  const hasOffset = `${text} RLIKE ${sparkPattern(OFFSET_PATTERN)}`;
  const wall = `CASE WHEN ${canonical} RLIKE ${sparkPattern(CANONICAL_WALL_PATTERN)} THEN ${canonical} END`;
  const parsed = `unix_millis(try_to_timestamp(concat(${wall}, CASE WHEN ${hasOffset} THEN ${offsetOf(text)} ELSE '+00:00' END), '${SPARK_FORMAT}'))`;
  return {
    epoch: `CASE WHEN ${hasOffset} THEN ${parsed} ELSE unix_millis(to_utc_timestamp(timestamp_millis(${parsed}), ${tz})) END`,
    wallClock: `CASE WHEN ${hasOffset} THEN unix_millis(from_utc_timestamp(timestamp_millis(${parsed}), ${tz})) ELSE ${parsed} END`,
  };
}

/**
 * The key from the wall clock's calendar day (date_from_unix_date: a DATE has no zone). Spark's
 * datetime patterns have no week-based year since 3.0: an ISO week's year is the year of its
 * Thursday (weekday: Monday 0 … Sunday 6), its number weekofyear (ISO weeks).
 */
export function sparkPeriodKey(text: string, period: Period, tz: string): string {
  const day = `date_from_unix_date(CAST(floor(${sparkMs(text, tz).wallClock} / ${MS_PER_DAY}) AS INT))`;
  switch (period) {
    case 'day':
      return `date_format(${day}, 'yyyy-MM-dd')`;
    case 'week':
      return `concat(date_format(date_add(${day}, 3 - weekday(${day})), 'yyyy'), '-W', lpad(CAST(weekofyear(${day}) AS STRING), 2, '0'))`;
    case 'month':
      return `date_format(${day}, 'yyyy-MM')`;
    case 'quarter':
      return `concat(date_format(${day}, 'yyyy'), '-Q', CAST(quarter(${day}) AS STRING))`;
    case 'year':
      return `date_format(${day}, 'yyyy')`;
  }
}

export function sparkEpochMs(text: string, tz: string): string {
  return sparkMs(text, tz).epoch;
}
