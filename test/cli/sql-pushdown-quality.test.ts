/**
 * The data quality family of the SQL pushdown end to end (README "SQL pushdown"), through the
 * built binary: data.completeness, data.validity and data.duplicates give the streaming report
 * within 1e-9 relative under --engine duckdb and through PostgreSQL, messy cells included (the SQL
 * leaves them to xla's readers); columns the SQL cannot judge as xla does are refused by name.
 */
import { describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';

const QUALITY = ['--metrics', 'data.completeness,data.validity,data.duplicates'];
const SURVEY_MESSY = fixture('data-quality/survey-messy.csv');
const TICKETS_MESSY = fixture('data-quality/tickets-messy.csv');
const TICKETS = fixture('html-report/tickets.csv');

describe('xla score --engine duckdb gives the streaming report: data quality', () => {
  it('messy survey cells judged as xla judges them, by hand', () => {
    const report = expectDuckDbAsStreaming([SURVEY_MESSY, ...QUALITY]);
    const field = (metric: string, id: string) => resultOf(report, metric, { field: id });
    // nps: 10, 7, 0, 8.0 accepted; 11 and "1,234" out of 0–10, 9.5 not whole; "-" missing: 4 of 7.
    expect(field('data.validity', 'nps')).toMatchObject({ value: (100 * 4) / 7, n: 7 });
    // sentiment: positive, 0.5, neg, Позитивный, -1, .5 accepted; 2 and "maybe" rejected: 6 of 8.
    expect(field('data.validity', 'sentiment')).toMatchObject({ value: 75, n: 8 });
    // lost_time: 30, 2h 30m, 01:30:00, 0, +12, 5. accepted; -5 and "1,5" rejected: 6 of 8.
    expect(field('data.validity', 'lost_time')).toMatchObject({ value: 75, n: 8 });
    // comment: "Great", " ok" after a no-break space, "  spaced  ", "x"; blank, n/a, ?, (null) missing: 4 of 8.
    expect(field('data.completeness', 'comment')).toMatchObject({ value: 50, n: 8 });
    // 6 fields × 8 rows; present 7 + 6 + 7 + 8 + 8 + 4 = 40; accepted 7 + 6 + 4 + 6 + 6 + 4 = 33.
    expect(resultOf(report, 'data.completeness')).toMatchObject({ value: (100 * 40) / 48, n: 48 });
    expect(resultOf(report, 'data.validity')).toMatchObject({ value: 82.5, n: 40 });
    // Ids R1, " R1", "R2 " (no-break space), R2, R3, r3: trimmed as xla trims, 6 ids, 4 distinct.
    expect(resultOf(report, 'data.duplicates')).toMatchObject({ value: 2, n: 6, detail: { share: (100 * 2) / 6, rows: 8 } });
  });

  it('messy ticket stamps: a stamp before created_at is rejected, as the row builder rejects it, by hand', () => {
    const report = expectDuckDbAsStreaming([TICKETS_MESSY, ...QUALITY]);
    // resolved_at: T1, T5 (+02:00), T8 accepted; T6, T3 (midnight) and T7 before created_at, T4's 24:00: 3 of 7.
    expect(resultOf(report, 'data.validity', { field: 'resolved_at' })).toMatchObject({ value: (100 * 3) / 7, n: 7 });
    // first_response_at: T1, T5 (.5 s), T7 accepted; T2 before created_at, "soon": 3 of 5.
    expect(resultOf(report, 'data.validity', { field: 'first_response_at' })).toMatchObject({ value: 60, n: 5 });
    expect(resultOf(report, 'data.duplicates')).toMatchObject({ value: 0, n: 8 });
  });

  it("the input's own quality (inputs[].quality) as a streaming run gives it, when every row and all four metrics are there", () => {
    const args = [fixture('data-quality/tickets.csv'), '--as-of', '2024-07-01', '-q'];
    const pushdown = runJson(['score', ...args, '--engine', 'duckdb']).report.inputs[0] as { quality?: unknown };
    const streaming = runJson(['score', ...args]).report.inputs[0] as { quality?: unknown };
    // resolved_at 5 of 7 (T3 ends before it starts, T8 "not a date"), satisfaction 6 of 7 (9): 32 of 35; 2024-07-01 − May 8, 08:00.
    expect(pushdown.quality).toMatchObject({ validity: (100 * 32) / 35, duplicates: 0, freshness: 4_636_800 });
    expect(pushdown.quality).toEqual(streaming.quality);
    // With --where the input's quality is over rows the query did not read: none is claimed.
    const filtered = runJson(['score', ...args, '--engine', 'duckdb', '--where', 'priority=P1']).report.inputs[0] as { quality?: unknown };
    expect(filtered.quality).toBeUndefined();
    // Kinds without an id (analytics, customers): duplicates null, the rest as streaming.
    for (const file of ['analytics/daily.csv', 'customers/subscriptions.csv']) {
      const whole = [fixture(file), '--as-of', '2025-01-01', '-q'];
      const quality = (runJson(['score', ...whole, '--engine', 'duckdb']).report.inputs[0] as { quality?: { duplicates: unknown } })
        .quality;
      expect(quality?.duplicates).toBeNull();
      expect(quality).toEqual((runJson(['score', ...whole]).report.inputs[0] as { quality?: unknown }).quality);
    }
  });

  it('with --by, --period, --from/--to, --where and --as-of', () => {
    expectDuckDbAsStreaming([TICKETS, ...QUALITY, '--by', 'Team', '--period', 'month']);
    expectDuckDbAsStreaming([TICKETS, ...QUALITY, '--from', '2024-02-01', '--to', '2024-03-15', '--as-of', '2024-04-01']);
    expectDuckDbAsStreaming([TICKETS, ...QUALITY, '--where', 'Team=Network', '--period', 'week', '--tz', 'Europe/Berlin']);
    expectDuckDbAsStreaming([fixture('survey/responses.csv'), ...QUALITY, '--by', 'Team', '--period', 'month']);
  });

  it('several files: each field counted over the rows of the files that bind it, ids across the files', () => {
    const report = expectDuckDbAsStreaming([TICKETS_MESSY, fixture('data-quality/tickets.csv'), ...QUALITY]);
    // contacts is bound in the messy file only: its 8 rows, not 16.
    expect(resultOf(report, 'data.completeness', { field: 'contacts' })?.n).toBe(8);
    expect(resultOf(report, 'data.completeness', { field: 'id' })?.n).toBe(16);
    expectDuckDbAsStreaming([SURVEY_MESSY, fixture('data-quality/survey.csv'), ...QUALITY, '--by', 'source']);
  });

  it('the default metrics of every fixture kind that feeds them', () => {
    for (const file of [
      'data-quality/survey.csv',
      'data-quality/tickets.csv',
      'survey/responses.csv',
      'tickets/tickets.csv',
      'tickets/rates-sql.csv',
      'analytics/daily.csv',
      'analytics/sessions.csv',
      'customers/orders.csv',
      'customers/time-to-value.csv',
      'tasks/maze-missions.csv',
      'customers/subscriptions.csv',
      'request-logs/plain-numbers.csv',
      'instruments/sus-umux-sql.csv',
      'russian-excel/survey-iso.csv',
      'datasets/olist-reviews-400.csv',
    ]) {
      const report = expectDuckDbAsStreaming([fixture(file)]);
      expect(report.results.some((result) => result.metric === 'data.validity')).toBe(true);
    }
  });
});

describe('what the data quality pushdown refuses, by name (exit 2)', () => {
  it.each([
    ['a column of labels', fixture('labels/variants.csv'), 'column "ces" (ces) holds labels'],
    ['dates not in ISO 8601', fixture('dates/excel-d-mmm-yy.csv'), 'holds dates not in ISO 8601'],
    ['a preset with its own null markers', fixture('presets/google-play-apps.csv'), "preset's null markers"],
    ['a ;-separated file without --decimal', fixture('instruments/sus-folador-12.csv'), '(give --decimal .)'],
    ['a Parquet file', fixture('parquet/survey-10k.parquet'), 'is Parquet'],
  ])('%s', (_, file, message) => {
    const run = runXla(['score', file, '--engine', 'duckdb', '--metrics', 'data.validity']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('data.validity: ');
    expect(run.stderr).toContain(message);
    // A default run leaves them out, named.
    const byDefault = runXla(['sql', file]);
    expect(byDefault.stderr).toMatch(/the SQL pushdown leaves out [^\n]*data\.completeness, data\.validity/);
  });
});

describeOnDatasets('data quality on the full datasets the pushdown reads', () => {
  it('olist reviews (99,224 rows, comments in Portuguese) by score and month, and telco churn by contract', () => {
    expectDuckDbAsStreaming([
      dataset('olist-sample/olist_order_reviews_dataset.csv'),
      ...QUALITY,
      '--by',
      'review_score',
      '--period',
      'month',
    ]);
    expectDuckDbAsStreaming([dataset('telco-churn/Telco-Customer-Churn.csv'), ...QUALITY, '--by', 'Contract']);
  });

  it('online shoppers and sus-folador, ;-separated, with --decimal .', () => {
    expectDuckDbAsStreaming([dataset('online-shoppers/online_shoppers_intention.csv'), ...QUALITY, '--decimal', '.']);
    expectDuckDbAsStreaming([dataset('sus-folador/usability-db-en.csv'), ...QUALITY, '--decimal', '.']);
  });
});

describe('PostgreSQL runs the data quality SQL', () => {
  const postgres = usePostgres();

  itRoundTripsThroughPostgres(
    postgres,
    [
      ['messy survey cells', 'data-quality/survey-messy.csv', QUALITY],
      ['messy ticket stamps by month', 'data-quality/tickets-messy.csv', [...QUALITY, '--period', 'month']],
      ['tickets by team and month', 'html-report/tickets.csv', [...QUALITY, '--by', 'Team', '--period', 'month']],
    ],
    fixture,
  );
});
