/**
 * What differs between the SQL engines xla writes for (README "SQL pushdown"): quoting, the cast
 * that yields NULL instead of failing, exact decimal types, text of a decimal, and how a file is
 * read. Everything else the generator writes is portable SQL (CASE, COUNT, SUM, GROUP BY).
 */
import type { Period } from '../time/periods.js';
import { NULL_MARKERS } from '../fields/values.js';
import { bigQueryEpochMs, bigQueryPeriodKey, sparkEpochMs, sparkPeriodKey } from './warehouse-dates.js';

export const DIALECT_NAMES = ['duckdb', 'postgres', 'bigquery', 'spark'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

export interface Dialect {
  name: DialectName;
  /**
   * The key of the period (`2024-01-15`, `2024-W03`, `2024-01`, `2024-Q1`, `2024`; time/periods.ts)
   * of an ISO 8601 text in the SQL-readable form (ISO_DATE_PATTERN), on the wall clock of `tz`;
   * NULL for an impossible date.
   */
  periodKey: (text: string, period: Period, tz: string) => string;
  /** The epoch milliseconds of such a text (wall time in `tz` without an offset), for `--from`/`--to`; NULL for an impossible date. */
  epochMs: (text: string, tz: string) => string;
  /** An identifier (column, alias) quoted so that any name, even one with quotes in it, stays a name. */
  quoteName: (name: string) => string;
  /** A table name as given by `--table`: dotted parts quoted one by one (`project.dataset.table`). */
  quoteTable: (name: string) => string;
  /** The column as text trimmed as String#trim trims (JS_WHITE_SPACE), whatever its type in the table. */
  trimmedText: (column: string) => string;
  /** Trimmed text read as an exact decimal, or NULL when it is not a plain number. */
  exactNumber: (text: string) => string;
  /**
   * Trimmed text read as a whole number of up to 38 digits (`5`, `5.0`), or NULL when it is no
   * plain whole number: counts past the 12 digits exactNumber keeps (reassignment_count).
   */
  exactWholeNumber: (text: string) => string;
  /** Whether the text matches a regular expression (RE2 in DuckDB, BigQuery; POSIX ARE in PostgreSQL; Java in Spark). */
  matches: (text: string, pattern: string) => string;
  /** An exact decimal's value as text: the state is read from its digits, never through a double. */
  decimalText: (expression: string) => string;
  /**
   * The group's non-NULL values of a whole-number column, ascending, as one list in text
   * (`[1, 2]`, `{1,2}`; NULL or `[]` for none): xla computes percentiles from it exactly.
   */
  sortedValuesText: (value: string) => string;
  /**
   * The group's tuples of the rows where `where` holds, as JSON text of a list of lists of texts
   * (`[["u1","2024-01-05"],…]`; NULL or `[]` for none), in no order; `distinct`: each tuple once.
   * Each item must be non-NULL where `where` holds (BigQuery cannot hold a NULL in an array).
   * For states kept per entity (a user's days, a ticket's interval): sql/tuples.ts reads it back.
   */
  tupleListText: (items: readonly string[], where: string, distinct: boolean) => string;
  /** What the engine cannot do the way xla does, said once at the top of the SQL. */
  notes: readonly string[];
  /** The same, for a query that reads dates (`--period`, `--from`/`--to`, ticket stamps). */
  dateNotes?: readonly string[];
}

/**
 * The exact type values are read as where the engine has no unbounded decimal: 6 places (answers
 * on scales have none) and 12 digits before the point, far past any scale's range (a larger value
 * is out of range anyway, and so missing). DECIMAL(18, …) is a 64-bit integer in DuckDB: five
 * times faster to sum than DECIMAL(38, …) (bench/RESULTS.md, "SQL pushdown"), and its squares,
 * DECIMAL(36, 12), still sum within 38 digits.
 */
const VALUE_DECIMAL = 'DECIMAL(18, 6)';

/**
 * The ISO 8601 forms the period keys are computed from: a date, or a date and time (T or a space,
 * seconds and a fraction optional) with `Z` or `±hh:mm` or nothing (wall time in --tz). xla reads
 * more (fields/date-formats.ts: `UTC`, offsets without a colon, a decimal comma…): the query counts
 * those dates apart (`period_unread`), and a result with any is refused, never read otherwise.
 */
export const ISO_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$';
/**
 * The ISO 8601 forms durations are computed from: those of ISO_DATE_PATTERN with at most
 * milliseconds (xla drops digits past them; an engine would keep microseconds in a difference).
 */
export const ISO_STAMP_PATTERN = ISO_DATE_PATTERN.replace('([.][0-9]+)?', '([.][0-9]{1,3})?');
/**
 * The forms of ISO_DATE_PATTERN xla accepts (fields/date-formats.ts): a year from 0100 (xla rejects
 * 0–99), hours to 23, minutes and seconds to 59; an impossible day (`2024-02-30`) is left to the
 * engine's cast (NULL; PostgreSQL fails the query, README "SQL pushdown"). The stamp form keeps
 * milliseconds at most, as ISO_STAMP_PATTERN does.
 */
export const ACCEPTED_DATE_PATTERN =
  '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$';
export const ACCEPTED_STAMP_PATTERN = ACCEPTED_DATE_PATTERN.replace('([.][0-9]+)?', '([.][0-9]{1,3})?');
const WITH_OFFSET_PATTERN = '(Z|[+-][0-9]{2}:[0-9]{2})$';

/** strftime patterns of DuckDB per period; a quarter is its year and number. */
const DUCKDB_KEY: Record<Exclude<Period, 'quarter'>, string> = { day: '%Y-%m-%d', week: '%G-W%V', month: '%Y-%m', year: '%Y' };
/** to_char patterns of PostgreSQL per period (ISO week-year and week for weeks). */
const POSTGRES_KEY: Record<Period, string> = {
  day: 'YYYY-MM-DD',
  week: 'IYYY-"W"IW',
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
};

/**
 * The white space String#trim removes (ECMAScript WhiteSpace and LineTerminator), by code point:
 * xla trims every cell so, and the engines' own trim removes spaces alone (a tab, a no-break space
 * from Excel would stay, and `Да\t` would be no yes/no word). Written as code points: the printed
 * SQL carries no control character.
 */
const JS_WHITE_SPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/** A text that begins or ends with such white space (RE2 syntax). */
const EDGE_WHITE_SPACE_PATTERN = (() => {
  const set = `[${JS_WHITE_SPACE.map((code) => `\\x{${code.toString(16)}}`).join('')}]`;
  return `^${set}|${set}$`;
})();

/** That set as one text in SQL: chr() of each code point (DuckDB, PostgreSQL) or an escaped literal (BigQuery, Spark). */
const whiteSpaceSet = (name: DialectName): string =>
  name === 'duckdb' || name === 'postgres'
    ? `(${JS_WHITE_SPACE.map((code) => `chr(${String(code)})`).join(' || ')})`
    : `'${JS_WHITE_SPACE.map((code) => `\\u${code.toString(16).padStart(4, '0')}`).join('')}'`;

/** A string literal as standard SQL writes it (a quote doubled), for DuckDB and PostgreSQL. */
const standardString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** A string literal as BigQuery and Spark write it: a backslash escapes a quote and itself. */
const escapedString = (text: string): string => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const doubleQuoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const backQuoted = (name: string): string => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;

/** A plain number as xla reads one with a decimal point: optional sign, digits, optional fraction. */
const PLAIN_NUMBER_PATTERN = '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$';
/** Such a number that is whole: its fraction, if any, all zeros. */
export const WHOLE_NUMBER_PATTERN = '^[+-]?([0-9]+([.]0*)?|[.]0+)$';
/** A whole number's exact type where the engine's decimals are bounded: 38 digits, none after the point. */
const WHOLE_DECIMAL = 'DECIMAL(38, 0)';

const DUCKDB: Dialect = {
  name: 'duckdb',
  quoteName: doubleQuoted,
  quoteTable: (name) => name.split('.').map(doubleQuoted).join('.'),
  // trim() with a set of characters takes twice the time of the whole survey bench query's reading
  // (1M rows: 1.0 → 2.3 s); a cell with white space at an end is rare, so a regular expression finds
  // it first (bench/RESULTS.md, "SQL pushdown").
  trimmedText: (column) =>
    `CASE WHEN regexp_matches(CAST(${column} AS VARCHAR), '${EDGE_WHITE_SPACE_PATTERN}') THEN trim(CAST(${column} AS VARCHAR), ${whiteSpaceSet('duckdb')}) ELSE CAST(${column} AS VARCHAR) END`,
  matches: (text, pattern) => `regexp_matches(${text}, ${standardString(pattern)})`,
  exactNumber: (text) => `CASE WHEN regexp_full_match(${text}, '${PLAIN_NUMBER_PATTERN}') THEN TRY_CAST(${text} AS ${VALUE_DECIMAL}) END`,
  // Through DECIMAL(38, 6), which reads `5.0`; a number of more digits is NULL, as xla rejects it (past 2^53).
  exactWholeNumber: (text) =>
    `CASE WHEN regexp_full_match(${text}, '${WHOLE_NUMBER_PATTERN}') THEN CAST(TRY_CAST(${text} AS DECIMAL(38, 6)) AS ${WHOLE_DECIMAL}) END`,
  decimalText: (expression) => `CAST(${expression} AS VARCHAR)`,
  sortedValuesText: (value) => `CAST(list(${value} ORDER BY ${value}) FILTER (WHERE ${value} IS NOT NULL) AS VARCHAR)`,
  tupleListText: (items, where, distinct) =>
    `CAST(to_json(list(${distinct ? 'DISTINCT ' : ''}[${items.map((item) => `CAST(${item} AS VARCHAR)`).join(', ')}]) FILTER (WHERE ${where})) AS VARCHAR)`,
  periodKey(text, period, tz) {
    // With an offset: the instant on tz's wall clock; without: the text is that wall clock already.
    const wallClock = `CASE WHEN regexp_matches(${text}, '${WITH_OFFSET_PATTERN}') THEN timezone(${standardString(tz)}, TRY_CAST(${text} AS TIMESTAMPTZ)) ELSE TRY_CAST(${text} AS TIMESTAMP) END`;
    if (period === 'quarter') return `strftime(${wallClock}, '%Y') || '-Q' || CAST(quarter(${wallClock}) AS VARCHAR)`;
    return `strftime(${wallClock}, '${DUCKDB_KEY[period]}')`;
  },
  epochMs: (text, tz) =>
    `epoch_ms(CASE WHEN regexp_matches(${text}, '${WITH_OFFSET_PATTERN}') THEN TRY_CAST(${text} AS TIMESTAMPTZ) ELSE timezone(${standardString(tz)}, TRY_CAST(${text} AS TIMESTAMP)) END)`,
  notes: [],
};

const POSTGRES: Dialect = {
  name: 'postgres',
  quoteName: doubleQuoted,
  quoteTable: (name) => name.split('.').map(doubleQuoted).join('.'),
  trimmedText: (column) => `btrim(CAST(${column} AS TEXT), ${whiteSpaceSet('postgres')})`,
  matches: (text, pattern) => `${text} ~ ${standardString(pattern)}`,
  exactNumber: (text) => `CASE WHEN ${text} ~ '${PLAIN_NUMBER_PATTERN}' THEN CAST(${text} AS NUMERIC) END`,
  // NUMERIC has no bound.
  exactWholeNumber: (text) => `CASE WHEN ${text} ~ '${WHOLE_NUMBER_PATTERN}' THEN CAST(${text} AS NUMERIC) END`,
  decimalText: (expression) => `CAST(${expression} AS TEXT)`,
  sortedValuesText: (value) => `CAST(array_agg(${value} ORDER BY ${value}) FILTER (WHERE ${value} IS NOT NULL) AS TEXT)`,
  // jsonb, not json: DISTINCT needs an equality, which json lacks.
  tupleListText: (items, where, distinct) =>
    `CAST(jsonb_agg(${distinct ? 'DISTINCT ' : ''}jsonb_build_array(${items.map((item) => `CAST(${item} AS TEXT)`).join(', ')})) FILTER (WHERE ${where}) AS TEXT)`,
  periodKey(text, period, tz) {
    const wallClock = `CASE WHEN ${text} ~ '${WITH_OFFSET_PATTERN}' THEN CAST(${text} AS TIMESTAMPTZ) AT TIME ZONE ${standardString(tz)} ELSE CAST(${text} AS TIMESTAMP) END`;
    return `to_char(${wallClock}, '${POSTGRES_KEY[period]}')`;
  },
  epochMs: (text, tz) =>
    `EXTRACT(EPOCH FROM CASE WHEN ${text} ~ '${WITH_OFFSET_PATTERN}' THEN CAST(${text} AS TIMESTAMPTZ) ELSE CAST(${text} AS TIMESTAMP) AT TIME ZONE ${standardString(tz)} END) * 1000`,
  notes: [],
};

const BIGQUERY: Dialect = {
  name: 'bigquery',
  quoteName: backQuoted,
  // BigQuery quotes a whole path at once: `project.dataset.table`.
  quoteTable: backQuoted,
  trimmedText: (column) => `TRIM(CAST(${column} AS STRING), ${whiteSpaceSet('bigquery')})`,
  matches: (text, pattern) => `REGEXP_CONTAINS(${text}, r'${pattern.replaceAll("'", "\\'")}')`,
  exactNumber: (text) => `CASE WHEN REGEXP_CONTAINS(${text}, r'${PLAIN_NUMBER_PATTERN}') THEN SAFE_CAST(${text} AS BIGNUMERIC) END`,
  // BIGNUMERIC keeps 38 digits before the point.
  exactWholeNumber: (text) => `CASE WHEN REGEXP_CONTAINS(${text}, r'${WHOLE_NUMBER_PATTERN}') THEN SAFE_CAST(${text} AS BIGNUMERIC) END`,
  decimalText: (expression) => `CAST(${expression} AS STRING)`,
  sortedValuesText: (value) => `TO_JSON_STRING(ARRAY_AGG(${value} IGNORE NULLS ORDER BY ${value}))`,
  // No array of arrays in BigQuery: each tuple is its own JSON text (sql/tuples.ts reads both forms); no FILTER either.
  tupleListText: (items, where, distinct) =>
    `TO_JSON_STRING(ARRAY_AGG(${distinct ? 'DISTINCT ' : ''}IF(${where}, TO_JSON_STRING([${items.map((item) => `CAST(${item} AS STRING)`).join(', ')}]), NULL) IGNORE NULLS))`,
  periodKey: (text, period, tz) => bigQueryPeriodKey(text, period, escapedString(tz)),
  epochMs: (text, tz) => bigQueryEpochMs(text, escapedString(tz)),
  notes: [],
  dateNotes: [
    'BigQuery: a wall time without offset in a DST gap or repeated hour of the zone is placed by PARSE_TIMESTAMP, not checked against xla (which takes the offset before the change)',
  ],
};

const SPARK: Dialect = {
  name: 'spark',
  quoteName: backQuoted,
  quoteTable: (name) => name.split('.').map(backQuoted).join('.'),
  trimmedText: (column) => `trim(BOTH ${whiteSpaceSet('spark')} FROM CAST(${column} AS STRING))`,
  matches: (text, pattern) => `${text} RLIKE '${pattern.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  exactNumber: (text) => `CASE WHEN ${text} RLIKE '${PLAIN_NUMBER_PATTERN}' THEN TRY_CAST(${text} AS ${VALUE_DECIMAL}) END`,
  exactWholeNumber: (text) =>
    `CASE WHEN ${text} RLIKE '${WHOLE_NUMBER_PATTERN}' THEN CAST(TRY_CAST(${text} AS DECIMAL(38, 6)) AS ${WHOLE_DECIMAL}) END`,
  decimalText: (expression) => `CAST(${expression} AS STRING)`,
  sortedValuesText: (value) => `to_json(sort_array(collect_list(${value})))`,
  // collect_set / collect_list skip the NULL of a row where `where` does not hold.
  tupleListText: (items, where, distinct) =>
    `to_json(${distinct ? 'collect_set' : 'collect_list'}(CASE WHEN ${where} THEN array(${items.map((item) => `CAST(${item} AS STRING)`).join(', ')}) END))`,
  periodKey: (text, period, tz) => sparkPeriodKey(text, period, escapedString(tz)),
  epochMs: (text, tz) => sparkEpochMs(text, escapedString(tz)),
  dateNotes: [
    'Spark: dates need Spark 3.5 or later (try_to_timestamp) and spark.sql.timestampType TIMESTAMP_LTZ (the default); the session time zone does not matter',
  ],
  notes: ['Spark: a sum of squares past 10^26 overflows DECIMAL(38, 12); ANSI mode then fails the query, otherwise the sum is NULL'],
};

const DIALECTS: Record<DialectName, Dialect> = { duckdb: DUCKDB, postgres: POSTGRES, bigquery: BIGQUERY, spark: SPARK };

export function dialectOf(name: DialectName): Dialect {
  return DIALECTS[name];
}

export function isDialectName(name: string): name is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(name);
}

/**
 * An exact decimal type of `precision` digits, `scale` after the point: PostgreSQL's NUMERIC has
 * no bound; BigQuery's parametrized NUMERIC keeps 29 digits, its BIGNUMERIC 38.
 */
export function exactDecimalType(dialect: Dialect, precision: number, scale: number): string {
  if (dialect.name === 'postgres') return 'NUMERIC';
  if (dialect.name === 'bigquery') return 'BIGNUMERIC';
  return `DECIMAL(${precision}, ${scale})`;
}

/** A decimal literal as an exact number: BigQuery reads a bare `0.001` as a double (a whole number is exact everywhere). */
export function exactDecimalLiteral(text: string, dialect: Dialect): string {
  return dialect.name === 'bigquery' && text.includes('.') ? `CAST('${text}' AS BIGNUMERIC)` : text;
}

/**
 * `lower(text)` as JavaScript's toLowerCase gives it, for comparing with `words` (lower-case, as
 * xla compares yes/no words and statuses): a database's lower() may fold ASCII alone (PostgreSQL
 * in the C locale leaves `ДА` and `Закрыт` as they are), so the upper-case forms of the words'
 * other letters are translated to theirs first. Exact for that comparison in any locale: a letter
 * outside the words matches none of them either way.
 */
export function lowerForWords(text: string, words: Iterable<string>, dialect: Dialect): string {
  const pairs = new Map<string, string>();
  for (const word of words) {
    for (const letter of word) {
      const upper = letter.toUpperCase();
      if (letter > '\u007f' && upper !== letter && [...upper].length === 1 && upper.toLowerCase() === letter) pairs.set(upper, letter);
    }
  }
  if (pairs.size === 0) return `lower(${text})`;
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : 1));
  const from = sqlString(sorted.map(([upper]) => upper).join(''), dialect);
  const to = sqlString(sorted.map(([, lower]) => lower).join(''), dialect);
  return `lower(translate(${text}, ${from}, ${to}))`;
}

/** Blank, or a word xla reads as missing (fields/values.ts NULL_MARKERS), of a trimmed text. */
export function isMissingText(text: string, dialect: Dialect): string {
  const markers = [...NULL_MARKERS].sort();
  const listed = markers.map((marker) => sqlString(marker, dialect)).join(', ');
  return `(${text} IS NULL OR ${text} = '' OR ${lowerForWords(text, markers, dialect)} IN (${listed}))`;
}

/** A SQL string literal (standard quoting: a quote is doubled; BigQuery and Spark also take it so). */
export function sqlString(text: string, dialect: Dialect): string {
  if (dialect.name === 'bigquery' || dialect.name === 'spark') return escapedString(text);
  return `'${text.replaceAll("'", "''")}'`;
}
