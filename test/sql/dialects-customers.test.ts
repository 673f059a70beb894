/**
 * BigQuery's and Spark's dates (src/sql/warehouse-dates.ts): the generated SQL as file snapshots,
 * and the engine-independent steps run for real in embedded DuckDB, which spells them alike (the
 * canonical wall clock, the ISO week of a day from its Thursday), against xla's own reading.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { parseIsoTimestamp } from '../../src/fields/date-formats.js';
import { runDuckDb } from '../../src/io/duckdb.js';
import { dialectOf, ISO_DATE_PATTERN } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { CANONICAL_WALL_PATTERN, canonicalWallClock, OFFSET_PATTERN } from '../../src/sql/warehouse-dates.js';
import { periodKey } from '../../src/time/periods.js';
import { field } from './plan-helpers.js';

const duckString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** Dates in every form ISO_DATE_PATTERN admits, and texts xla refuses (no such date, hour 24, year 0099). */
const TEXTS = [
  '2024-01-15',
  '2024-01-15T10:20',
  '2024-01-15 10:20:30',
  '2024-01-15T10:20:30.5',
  '2024-01-15T10:20:30.12',
  '2024-01-15T10:20:30.123',
  '2024-01-15T10:20:30.123456789',
  '2024-01-15T23:59:59.9999Z',
  '2024-01-15T10:20Z',
  '2024-01-15T10:20:30+05:30',
  '2023-12-31T23:30:00-02:00',
  '2024-02-29',
  '2024-02-30',
  '2023-02-29T10:00',
  '2024-01-15T24:00',
  '2024-01-15T10:60',
  '2024-01-15T10:20:60Z',
  '0099-01-01',
  '0100-01-01',
];

describe('the canonical wall clock (BigQuery, Spark), run in DuckDB', () => {
  it('is the text’s wall clock to the millisecond, as xla reads it; NULL exactly where xla finds no date', async () => {
    const values = TEXTS.map((text) => `(${duckString(text)})`).join(', ');
    const canonical = canonicalWallClock('t', duckString);
    const sql = `SELECT t, CASE WHEN regexp_full_match(${canonical}, ${duckString(CANONICAL_WALL_PATTERN)}) THEN ${canonical} END AS wall, regexp_matches(t, ${duckString(OFFSET_PATTERN)}) AS has_offset FROM (VALUES ${values}) AS v(t) ORDER BY t`;
    const rows = await runDuckDb(sql);
    expect(rows).toHaveLength(TEXTS.length);
    for (const row of rows) {
      const text = String(row.t);
      expect(new RegExp(ISO_DATE_PATTERN).test(text), text).toBe(true);
      const xla = parseIsoTimestamp(text, 'Asia/Kolkata');
      if (typeof xla !== 'number') {
        // Impossible dates pass the guard and fail the engine's own parse (SAFE., try_): only the fields' ranges are the guard's.
        if (row.wall !== null) expect(['2024-02-30', '2023-02-29T10:00'], text).toContain(text);
        continue;
      }
      expect(row.wall, text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
      const offset = row.has_offset === true ? (text.endsWith('Z') ? '+00:00' : text.slice(-6)) : '';
      expect(parseIsoTimestamp(`${String(row.wall).replace(' ', 'T')}${offset}`, 'Asia/Kolkata'), text).toBe(xla);
    }
    const wall = new Map(rows.map((row) => [row.t, row.wall]));
    // Hand-checked: a date is midnight, a fraction is cut (not rounded) to milliseconds.
    expect(wall.get('2024-01-15')).toBe('2024-01-15 00:00:00.000');
    expect(wall.get('2024-01-15T10:20:30.5')).toBe('2024-01-15 10:20:30.500');
    expect(wall.get('2024-01-15T23:59:59.9999Z')).toBe('2024-01-15 23:59:59.999');
    expect(wall.get('2024-01-15T24:00')).toBeNull();
    expect(wall.get('0099-01-01')).toBeNull();
  });

  it("Spark's ISO week (the year of the week's Thursday, weekofyear) is xla's week key on every day of 2020–2027", async () => {
    // DuckDB's isodow is Monday 1 … Sunday 7; Spark's weekday Monday 0 … Sunday 6.
    const sql = `SELECT strftime(d, '%Y-%m-%d') AS day, strftime(d + CAST(3 - (isodow(d) - 1) AS INTEGER), '%Y') || '-W' || lpad(CAST(weekofyear(d) AS VARCHAR), 2, '0') AS week FROM (SELECT CAST(range AS DATE) AS d FROM range(DATE '2020-01-01', DATE '2028-01-01', INTERVAL 1 DAY)) ORDER BY d`;
    const rows = await runDuckDb(sql);
    expect(rows).toHaveLength(2922);
    for (const row of rows) expect(row.week, String(row.day)).toBe(periodKey(Date.parse(`${String(row.day)}T12:00:00Z`), 'week', 'UTC'));
    const week = new Map(rows.map((row) => [row.day, row.week]));
    // Hand-checked ISO weeks: 2021-01-03 (a Sunday) is in 2020's week 53; 2024-12-30 (a Monday) in 2025's week 1.
    expect(week.get('2021-01-03')).toBe('2020-W53');
    expect(week.get('2024-12-30')).toBe('2025-W01');
  });
});

const PLAN: SqlPlan = {
  metricIds: ['nps', 'resolution_time.median'],
  fields: [{ field: field('nps'), column: 'NPS' }],
  by: [{ column: 'Team' }],
  where: [],
  period: { column: 'Created', period: 'week', tz: 'Europe/Berlin' },
  // 2024-01-01T00:00Z to 2024-04-01T00:00Z.
  window: { column: 'Created', tz: 'Europe/Berlin', from: 1704067200000, to: 1711929600000 },
  stamps: { columns: { created_at: 'Created', resolved_at: 'Resolved' }, status: 'Status', tz: 'Europe/Berlin' },
  scales: DEFAULT_SCALES,
  source: { table: 'cx.tickets' },
};

describe('generated SQL: periods, windows and durations for BigQuery and Spark', () => {
  it.each(['bigquery', 'spark'] as const)('%s: ISO weeks in --tz, a --from/--to window and resolution times', async (name) => {
    const sql = generateSql(PLAN, dialectOf(name));
    expect(sql).toContain(' >= 1704067200000');
    expect(sql).toContain(name === 'bigquery' ? "FORMAT_TIMESTAMP('%G-W%V'" : 'weekofyear(');
    expect(sql).toContain(name === 'bigquery' ? "SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E3S', " : 'to_utc_timestamp(timestamp_millis(');
    expect(sql).toContain("'Europe/Berlin'");
    await expect(sql).toMatchFileSnapshot(`__snapshots__/tickets-by-week.dialects.${name}.sql`);
  });

  it.each([
    ['bigquery', 'day', "'%Y-%m-%d'"],
    ['bigquery', 'month', "'%Y-%m'"],
    ['bigquery', 'quarter', "'%Y-Q%Q'"],
    ['bigquery', 'year', "FORMAT_DATETIME('%Y'"],
    ['spark', 'day', "'yyyy-MM-dd')"],
    ['spark', 'month', "'yyyy-MM')"],
    ['spark', 'quarter', "'-Q', CAST(quarter("],
    ['spark', 'year', "'yyyy') END AS `period`"],
  ] as const)('%s: the %s key', (name, period, expected) => {
    const sql = generateSql(
      { ...PLAN, window: null, stamps: null, metricIds: ['nps'], period: { column: 'Created', period, tz: 'Europe/Berlin' } },
      dialectOf(name),
    );
    expect(sql).toContain(expected);
  });

  it('a zone with a quote stays one literal (BigQuery and Spark escape it with a backslash)', () => {
    const sql = generateSql(
      { ...PLAN, stamps: null, metricIds: ['nps'], window: null, period: { column: 'Created', period: 'week', tz: "Mars/O'Hare" } },
      dialectOf('spark'),
    );
    expect(sql).toContain("'Mars/O\\'Hare'");
  });
});

describe('generated SQL: customers', () => {
  it.each(['duckdb', 'postgres', 'bigquery', 'spark'] as const)('%s: repeat_rate by plan and month', async (name) => {
    const sql = generateSql(
      {
        ...PLAN,
        metricIds: ['repeat_rate'],
        fields: [{ field: field('orders'), column: 'Orders' }],
        by: [{ column: 'plan' }],
        period: { column: 'start_date', period: 'month', tz: 'Europe/Berlin' },
        window: null,
        stamps: null,
        source: { table: 'crm.customers' },
      },
      dialectOf(name),
    );
    // Of the customers with an order (≥ 1), those with more than one; whole numbers only, as xla reads orders.
    expect(sql).toContain('>= 1 THEN 1 END) AS');
    expect(sql).toContain('"v_orders" > 1'.replaceAll('"', name === 'bigquery' || name === 'spark' ? '`' : '"'));
    expect(sql).toContain('= FLOOR(');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/customers-repeat-rate.dialects.${name}.sql`);
  });
});

describe('generated SQL: time to value', () => {
  it.each(['duckdb', 'postgres', 'bigquery', 'spark'] as const)('%s: median, mean, p90 and reached', async (name) => {
    const sql = generateSql(
      {
        ...PLAN,
        metricIds: ['time_to_value.median', 'time_to_value.mean', 'time_to_value.p90', 'time_to_value.reached'],
        fields: [],
        by: [],
        period: null,
        window: null,
        stamps: null,
        customerStamps: { start: 'Signed up', firstValue: 'Activated', tz: 'Europe/Berlin' },
        source: { table: 'crm.customers' },
      },
      dialectOf(name),
    );
    // One sorted list of ms shared by median and p90; the customers not there yet counted apart.
    expect(sql).toContain('time_to_value_values__ms');
    expect(sql).toContain("= 'not_reached' THEN 1 END)");
    expect(sql).toContain('time_to_value_reached__n');
    expect(sql).toContain('time_to_value_mean__squares');
    await expect(sql).toMatchFileSnapshot(`__snapshots__/customers-time-to-value.dialects.${name}.sql`);
  });
});
