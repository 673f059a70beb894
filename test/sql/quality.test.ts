/**
 * Data quality in the SQL pushdown (src/sql/quality.ts): the generated SQL per dialect (file
 * snapshots), and rows as an engine returns them turned into the states data-quality.ts builds,
 * with the cells left to xla judged by the field's own reader. Expected values are by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { generateSql, type SqlPlan } from '../../src/sql/generate.js';
import { SqlRowError, type SqlRow } from '../../src/sql/states.js';
import { field, metric, resultsOfRows } from './plan-helpers.js';

const QUALITY_IDS = ['data.completeness', 'data.validity', 'data.duplicates'];

const PLAN: SqlPlan = {
  metricIds: QUALITY_IDS,
  fields: [],
  by: [{ column: 'Team' }],
  where: [],
  period: null,
  window: null,
  stamps: null,
  scales: DEFAULT_SCALES,
  source: { table: 'support.tickets' },
  quality: {
    fields: [
      { field: field('id'), column: 'Ticket' },
      { field: field('created_at'), column: 'Created' },
      { field: field('resolved_at'), column: 'Resolved' },
      { field: field('reopened'), column: 'Reopened' },
      { field: field('satisfaction'), column: 'CSAT' },
    ],
    id: 'Ticket',
    tz: 'Europe/Berlin',
  },
};

const SNAPSHOT_PLAN = {
  metrics: QUALITY_IDS.map(metric),
  by: [],
  period: null,
  fedIds: new Set(QUALITY_IDS),
  scales: DEFAULT_SCALES,
  tz: 'UTC',
};

/** One group's row: counts [cells, missing, accepted] per field, the texts left to xla, the ids. */
function row(counts: object, texts: object, ids: readonly string[], rows: number): SqlRow {
  return {
    rows,
    data_fields__counts: JSON.stringify(counts),
    data_fields__texts: JSON.stringify(texts),
    data_duplicates__rows: rows,
    data_duplicates__ids: JSON.stringify(ids.map((id) => [id])),
  };
}

const valueOf = (results: ReturnType<typeof resultsOfRows>, id: string, fieldId?: string) =>
  results.find(
    (result) =>
      result.metric === id && (fieldId === undefined ? Object.keys(result.segment).length === 0 : result.segment.field === fieldId),
  );

describe('generated SQL of the data quality metrics', () => {
  it.each(DIALECT_NAMES)('%s: per field its class and text, the counts and texts as JSON, the ids', async (name) => {
    await expect(generateSql(PLAN, dialectOf(name))).toMatchFileSnapshot(`__snapshots__/quality-tickets.${name}.sql`);
  });

  it('checks the order of created_at and resolved_at, and counts stamps the SQL does not read', () => {
    const sql = generateSql(PLAN, dialectOf('duckdb'));
    expect(sql).toContain(`THEN 'r'`);
    expect(sql).toContain('"period_unread"');
  });
});

describe('the states of the rows', () => {
  it('counts per field from SQL plus the texts xla judges; duplicates from the ids as xla trims them', () => {
    const rows = [
      row(
        // satisfaction: 4 cells, 1 missing in SQL, 1 accepted; left: "\u00a0" (missing to xla), "7" (out of 1–5), "4.0" (accepted).
        { satisfaction: [4, 1, 1], reopened: [4, 0, 2] },
        { satisfaction: [['\u00a0'], ['7']], reopened: [['maybe'], ['ДА']] },
        ['T1', 'T1\u00a0', 'T2'],
        4,
      ),
      row({ satisfaction: [2, 0, 1], reopened: [2, 2, 0] }, { satisfaction: [['4,5']] }, ['T2', 'T3'], 2),
    ];
    const results = resultsOfRows(rows, SNAPSHOT_PLAN);
    // satisfaction: 6 cells, present 6 − 1 − 1 ("\u00a0") = 4, accepted 1 + 1 = 2 ("4,5" rejected with a decimal point, "7" out of range).
    expect(valueOf(results, 'data.completeness', 'satisfaction')).toMatchObject({ value: (100 * 4) / 6, n: 6 });
    expect(valueOf(results, 'data.validity', 'satisfaction')).toMatchObject({ value: 50, n: 4 });
    // reopened: 6 cells, 2 missing; accepted 2 + "ДА" (да) = 3 of 4 present ("maybe" rejected).
    expect(valueOf(results, 'data.validity', 'reopened')).toMatchObject({ value: 75, n: 4 });
    // Pooled: 10 of 12 present, 5 of 8 accepted.
    expect(valueOf(results, 'data.completeness')).toMatchObject({ value: (100 * 8) / 12, n: 12 });
    expect(valueOf(results, 'data.validity')).toMatchObject({ value: 62.5, n: 8 });
    // Ids T1, T1 (trimmed), T2 | T2, T3: 5 ids, 3 distinct, 2 repeats across the two groups.
    expect(valueOf(results, 'data.duplicates')).toMatchObject({ value: 2, n: 5, detail: { share: 40, rows: 6 } });
  });

  it("reads BigQuery's form of the texts and ids (each tuple its own JSON text)", () => {
    const bigQuery: SqlRow = {
      rows: 3,
      data_fields__counts: '{"satisfaction":[3,0,1]}',
      data_fields__texts: JSON.stringify({ satisfaction: ['["7"]', '["4.5"]'] }),
      data_duplicates__rows: 3,
      data_duplicates__ids: JSON.stringify(['["T1"]', '["T1"]']),
    };
    const results = resultsOfRows([bigQuery], SNAPSHOT_PLAN);
    // 1 accepted in SQL, "4.5" accepted by xla, "7" out of 1–5: 2 of 3.
    expect(valueOf(results, 'data.validity', 'satisfaction')).toMatchObject({ value: (100 * 2) / 3, n: 3 });
    expect(valueOf(results, 'data.duplicates')).toMatchObject({ value: 1, n: 2, detail: { rows: 3 } });
  });

  it('refuses a stamp left to xla that reads as a date where its order is checked, and rows that are not the contract', () => {
    const stamp = row({ created_at: [1, 0, 1], resolved_at: [1, 0, 0] }, { resolved_at: [['2024-05-01T10:00:00.123456Z']] }, [], 1);
    expect(() => resultsOfRows([stamp], SNAPSHOT_PLAN)).toThrow(SqlRowError);
    expect(() => resultsOfRows([{ ...stamp, data_fields__counts: '[1,2]' }], SNAPSHOT_PLAN)).toThrow(/not a JSON object/);
    expect(() => resultsOfRows([{ ...stamp, data_fields__counts: '{"nope":[1,0,1]}' }], SNAPSHOT_PLAN)).toThrow(/not a field/);
  });
});
