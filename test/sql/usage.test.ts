/**
 * The usage part of the SQL pushdown (src/sql/usage.ts): the generated SQL per dialect (file
 * snapshots), the day of a stamp computed in DuckDB against xla's own reading, and rows as an
 * engine returns them turned into the UserDays streaming builds. Expected values are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { parseIsoTimestamp } from '../../src/fields/date-formats.js';
import { runDuckDb } from '../../src/io/duckdb.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { expectedColumns, SqlRowError, type SnapshotPlan, type SqlRow } from '../../src/sql/states.js';
import { usageCells } from '../../src/sql/usage.js';
import { dayNumberOf, formatDayNumber } from '../../src/time/calendar-days.js';
import { metric, resultsOfRows } from './plan-helpers.js';
import { usePostgres } from './equality.js';
import { parse } from 'csv-parse/sync';

const USAGE_IDS = ['active_users.dau', 'active_users.wau', 'active_users.mau', 'stickiness', 'new_users', 'adoption_rate'];

const PLAN: SqlPlan = {
  metricIds: USAGE_IDS,
  fields: [],
  by: [{ column: 'Plan' }],
  where: [],
  period: { column: 'Event date', period: 'month', tz: 'Europe/Berlin' },
  window: null,
  stamps: null,
  scales: DEFAULT_SCALES,
  source: { table: 'app.events' },
  usage: { user: 'User ID', stamps: ['Event date', 'Event time'], tz: 'Europe/Berlin' },
};

describe('the usage SQL', () => {
  it.each(DIALECT_NAMES)('%s: distinct (user, day) tuples by plan and month, the date else the time', async (name) => {
    await expect(generateSql(PLAN, dialectOf(name))).toMatchFileSnapshot(`__snapshots__/usage-events.${name}.sql`);
  });
});

/** Stamps in every form the day reads, at DST changes and midnights, and forms xla rejects (no such date, hour 24, year 0099). */
const TEXTS = [
  '2024-03-03',
  '2024-03-30T23:30:00Z',
  '2024-03-31T00:59:59.999Z',
  '2024-03-31T01:30',
  '2024-03-31T02:30',
  '2024-03-31 23:30:00+02:00',
  '2024-10-27T02:30:00',
  '2024-10-26T22:30:00-02:00',
  '2024-12-31T23:59:59.9999',
  '2024-11-03T01:30:00',
  '2024-02-30',
  '2024-01-15T24:00',
  '2024-01-15T10:60',
  '2024-01-15T10:20:60Z',
  '0099-01-01',
  '0100-01-01',
];

describe('the day of a stamp, run in DuckDB', () => {
  it.each(['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/New_York'])(
    'in %s is the day xla puts the stamp on; NULL where xla reads no date',
    async (tz) => {
      const duckdb = dialectOf('duckdb');
      const cells = usageCells({ user: 'u', stamps: ['t'], tz }, duckdb, (text) => `(${text} IS NULL OR ${text} = '')`);
      const values = TEXTS.map((text) => `('x', '${text}')`).join(', ');
      const rows = await runDuckDb(`SELECT t, ${cells.join(', ')} FROM (VALUES ${values}) AS v(u, t)`);
      expect(rows).toHaveLength(TEXTS.length);
      for (const row of rows) {
        const text = String(row.t);
        const instant = parseIsoTimestamp(text, tz);
        expect(row.usage_day, text).toBe(typeof instant === 'number' ? formatDayNumber(dayNumberOf(instant, tz)) : null);
      }
    },
  );

  it('trims a user id as xla trims it (String#trim: tabs, line breaks, Unicode spaces), not inside', async () => {
    const duckdb = dialectOf('duckdb');
    const cells = usageCells({ user: 'u', stamps: ['t'], tz: 'UTC' }, duckdb, (text) => `(${text} IS NULL OR ${text} = '')`);
    // A byte order mark does not survive DuckDB's reading of the query text: that id is checked in PostgreSQL only.
    const ids = USER_IDS.filter((id) => !id.includes('\ufeff'));
    const values = ids.map((id) => `(${duckString(id)}, '2024-01-01')`).join(', ');
    const rows = await runDuckDb(`SELECT u, ${cells.join(', ')} FROM (VALUES ${values}) AS v(u, t)`);
    expect(rows.map((row) => [row.u, row.usage_user])).toEqual(ids.map((id) => [id, trimmedAsXla(id)]));
  });
});

/** User ids with white space at an end or inside, and the id xla reads (null: missing). */
const USER_IDS = ['a b', ' a ', '\ta', 'a\n', 'a\u00a0', '\u3000a', '\ufeffa', 'a\u2028', 'a\u00a0b', '\u2003\t', ''];
const trimmedAsXla = (id: string): string | null => (id.trim() === '' ? null : id.trim());
const duckString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

describe('user ids in PostgreSQL', () => {
  const postgres = usePostgres();

  it('are trimmed as xla trims them, the byte order mark too', (context) => {
    const server = postgres.server();
    if (typeof server === 'string') return context.skip(server);
    const pg = dialectOf('postgres');
    const cells = usageCells({ user: 'u', stamps: ['t'], tz: 'UTC' }, pg, (text) => `(${text} IS NULL OR ${text} = '')`);
    const values = USER_IDS.map((id, i) => `(${String(i)}, ${duckString(id)}, '2024-01-01')`).join(', ');
    const csv = server.queryCsv(`SELECT i, ${cells.join(', ')} FROM (VALUES ${values}) AS v(i, u, t) ORDER BY i`);
    // COPY writes NULL as an empty field: a missing id reads back as ''.
    const rows = parse(csv, { columns: true }) as { usage_user: string }[];
    expect(rows.map((row) => row.usage_user)).toEqual(USER_IDS.map((id) => trimmedAsXla(id) ?? ''));
  });
});

describe('rows → the usage state', () => {
  const plan: SnapshotPlan = {
    metrics: USAGE_IDS.filter((id) => id !== 'adoption_rate').map(metric),
    by: [],
    period: 'month',
    fedIds: new Set(USAGE_IDS),
    scales: DEFAULT_SCALES,
  };
  const row = (period: string | null, tuples: string | null): SqlRow => ({
    period,
    rows: 3,
    period_unread: 0,
    usage_days__user_days: tuples,
    usage_days__customers: null,
  });

  it('names the tuples columns once for the six metrics', () => {
    expect(expectedColumns(plan)).toEqual(['period', 'rows', 'period_unread', 'usage_days__user_days', 'usage_days__customers']);
  });

  it('finishes each month from the whole history, as the scorecard finishes its own', () => {
    // February: u1 on the 26th, u2 on the 29th; March: u1 on the 1st and 2nd, u3 on the 2nd (BigQuery's list of JSON texts).
    const results = resultsOfRows(
      [
        row('2024-02', '[["u1","2024-02-26"],["u2","2024-02-29"]]'),
        row('2024-03', '["[\\"u1\\",\\"2024-03-01\\"]","[\\"u1\\",\\"2024-03-02\\"]","[\\"u3\\",\\"2024-03-02\\"]"]'),
        row(null, null),
      ],
      plan,
    );
    const find = (id: string, period: string | null) => results.find((result) => result.metric === id && result.period === period);
    // March's window is clipped to the data: 1–2 March, 3 user-days over 2 days; u3 alone is new (u1 came in February).
    expect(find('active_users.dau', '2024-03')).toMatchObject({ value: 1.5, n: 2, detail: { first_day: '2024-03-01', days: 2 } });
    expect(find('new_users', '2024-03')).toMatchObject({ value: 1, n: 2 });
    // ISO week 9 runs 26 Feb – 3 Mar: on both March days it holds u1, u3 and u2 (29 Feb: the week straddles the window's start).
    expect(find('active_users.wau', '2024-03')).toMatchObject({ value: 3 });
    expect(find('active_users.mau', '2024-03')).toMatchObject({ value: 2 });
    expect(find('stickiness', '2024-03')?.value).toBeCloseTo(75, 12);
    // The whole run: 26 Feb – 2 Mar, 5 user-days over 6 days, 3 users, all new.
    expect(find('active_users.dau', null)?.value).toBeCloseTo(5 / 6, 14);
    expect(find('new_users', null)).toMatchObject({ value: 3, n: 3 });
  });

  it('refuses a day that is not YYYY-MM-DD, naming the row and column', () => {
    expect(() => resultsOfRows([row('2024-03', '[["u1","2024-03"]]')], plan)).toThrow(SqlRowError);
    expect(() => resultsOfRows([row('2024-03', '[["u1","2024-03"]]')], plan)).toThrow('"2024-03" is not a day (YYYY-MM-DD)');
  });
});
