/**
 * The survey family of the SQL pushdown end to end (README "SQL pushdown"), through the built
 * binary: sentiment, lost_time.total/.mean, sus, umux_lite, temkin, esi and data.freshness give the streaming report within 1e-9
 * relative under --engine duckdb and through PostgreSQL; what SQL cannot read as xla does is
 * refused by name (exit 2, no report written).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, resultOf, runXla } from './run-xla.js';

const SENTIMENT = fixture('survey/sentiment-lost-time.csv');
const INSTRUMENTS = fixture('instruments/sus-umux-sql.csv');
const SURVEY_METRICS = 'sentiment,lost_time.mean,lost_time.total';

describe('xla score --engine duckdb gives the streaming report: survey metrics', () => {
  it('sentiment (labels pos/neu/neg and scores) and lost time in minutes, by team, by hand', () => {
    const report = expectDuckDbAsStreaming([SENTIMENT, '--metrics', SURVEY_METRICS, '--by', 'team']);
    // Scores 0.5, 1 (positive), −0.25, −1 (NEG), 0; "x" is rejected: mean 0.05 × 100.
    expect(resultOf(report, 'sentiment')).toMatchObject({ value: 5, n: 5, detail: { positive: 2, neutral: 1, negative: 2 } });
    // Team A: 0.5, 1, 0 → 50.
    expect(resultOf(report, 'sentiment', { team: 'A' })).toMatchObject({ value: 50, n: 3 });
    // Minutes 10, 1.5, 0, 30 → 600 + 90 + 0 + 1800 s; the blank and n/a are missing.
    expect(resultOf(report, 'lost_time.total')).toMatchObject({ value: 2490, n: 4 });
    expect(resultOf(report, 'lost_time.mean')).toMatchObject({ value: 622.5, n: 4 });
    expect(resultOf(report, 'lost_time.total', { team: 'B' })).toMatchObject({ value: 0, n: 1 });
  });

  it('SUS and UMUX-Lite over complete respondents, incomplete ones counted, by hand', () => {
    const report = expectDuckDbAsStreaming([INSTRUMENTS, '--metrics', 'sus,umux_lite']);
    // a 50, b 75, f 100; c has an item blank, e an item out of range (6): incomplete; d answered no SUS item.
    expect(resultOf(report, 'sus')).toMatchObject({ value: 75, n: 3, detail: { incomplete: 2, grade: 'B' } });
    // Raw sums 11 (a), 8 (b), 12 (d), 5 (f): 9 × 100/12 = 75; c's "x" is rejected: incomplete.
    expect(resultOf(report, 'umux_lite')).toMatchObject({ value: 75, n: 4, detail: { incomplete: 1 } });
  });

  it('Temkin and ESI, each question over its own answers, by hand', () => {
    const report = expectDuckDbAsStreaming([fixture('instruments/instruments.csv'), '--metrics', 'temkin,esi']);
    // Success 7, 3, 1, 7, 6 → +1 −1 −1 +1 +1: 20; effort 6, 4, 2, 7: 25; emotion 5, 6, 3, 1: −25; mean 20/3.
    expect(resultOf(report, 'temkin')).toMatchObject({ n: 5, detail: { success_net: 20, effort_net: 25, emotion_net: -25 } });
    expect(resultOf(report, 'temkin')?.value).toBeCloseTo(20 / 3, 12);
    // Means 6.4, 7.75, 6.5: ((6.4 + 7.75 + 6.5) / 3 − 1) / 9 × 100.
    expect(resultOf(report, 'esi')).toMatchObject({ n: 5, detail: { esi_1_mean: 6.4, esi_2_mean: 7.75, esi_3_mean: 6.5 } });
    expect(resultOf(report, 'esi')?.value).toBeCloseTo(((20.65 / 3 - 1) / 9) * 100, 12);
  });

  it('every SUS fixture with numbers, and a --map of lost time in hours', () => {
    for (const file of ['sus-folador-12.csv', 'sus-numbered.csv', 'sus-reversed.csv', 'q-ten.csv']) {
      expectDuckDbAsStreaming([fixture(`instruments/${file}`), '--metrics', 'sus']);
    }
    const report = expectDuckDbAsStreaming([SENTIMENT, '--metrics', 'lost_time.total', '--map', 'lost_time=Lost time minutes:h']);
    // 10 + 1.5 + 0 + 30 hours = 41.5 × 3600 s.
    expect(resultOf(report, 'lost_time.total')?.value).toBe(149_400);
  });

  it('data.freshness against --as-of, by hand, and on the other fixtures with a date', () => {
    const report = expectDuckDbAsStreaming([fixture('data-quality/survey.csv'), '--metrics', 'data.freshness', '--as-of', '2024-07-01']);
    // The newest of 7 dates is 2024-06-07T10:00Z: 23 days 14 hours before 2024-07-01T00:00Z.
    expect(resultOf(report, 'data.freshness')).toMatchObject({ value: 23 * 86_400 + 14 * 3600, n: 7 });
    const byTeam = expectDuckDbAsStreaming([
      fixture('survey/responses.csv'),
      '--metrics',
      'data.freshness',
      '--by',
      'Team',
      '--as-of',
      '2024-07-01',
    ]);
    expect(resultOf(byTeam, 'data.freshness', { Team: 'Network' })?.n).toBe(5);
    for (const file of ['data-quality/tickets.csv', 'tickets/tickets.csv', 'datasets/olist-reviews-400.csv']) {
      expectDuckDbAsStreaming([fixture(file), '--metrics', 'data.freshness', '--as-of', '2024-07-01', '--tz', 'America/Sao_Paulo']);
    }
    // Without --as-of a streaming run measures against the newest stamp of every row (before filters): refused, named.
    const bare = runXla(['score', fixture('data-quality/survey.csv'), '--metrics', 'data.freshness', '--engine', 'duckdb']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('data.freshness: the SQL pushdown measures it against --as-of only');
  });

  it('a default run leaves data.freshness out, named, without --as-of or when its dates are not ISO 8601; asked for, it is refused', () => {
    const file = fixture('dates/excel-d-mmm-yy.csv');
    const run = runXla(['score', file, '--engine', 'duckdb', '--as-of', '2024-07-01']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/leaves out [^\n]*data\.freshness/);
    const asked = runXla(['score', file, '--engine', 'duckdb', '--metrics', 'data.freshness', '--as-of', '2024-07-01']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('holds dates that are not ISO 8601');
  });

  it('xla sql prints the query with the unread counts and the raw-sum columns', () => {
    const run = runXla(['sql', INSTRUMENTS, '--metrics', 'umux_lite', '-q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AS "umux_1__unread"');
    expect(run.stdout).toContain('AS "umux_lite__raw_12"');
    expect(run.stdout).toContain('AS "umux_lite__incomplete"');
  });
});

describeOnDatasets('the survey metrics on the full datasets the pushdown reads', () => {
  it('olist reviews (99,224 rows): data.freshness by score equals streaming', () => {
    expectDuckDbAsStreaming([
      dataset('olist-sample/olist_order_reviews_dataset.csv'),
      '--metrics',
      'data.freshness',
      '--by',
      'review_score',
      '--as-of',
      '2019-01-01',
      '--tz',
      'America/Sao_Paulo',
    ]);
  });

  it('sus-folador: SUS of 36 evaluators equals streaming; sus-vr-queue (agreement labels) is refused', () => {
    const report = expectDuckDbAsStreaming([dataset('sus-folador/usability-db-en.csv'), '--metrics', 'sus']);
    expect(resultOf(report, 'sus')?.n).toBe(36);
    const labels = runXla(['score', dataset('sus-vr-queue/sus.csv'), '--metrics', 'sus', '--engine', 'duckdb']);
    expect(labels.code).toBe(2);
    expect(labels.stderr).toContain('holds labels');
  });
});

describe('what the survey pushdown refuses, by name (exit 2, no report written)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xla-sql-survey-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'a lost time written as a duration',
      'team,Lost time minutes\nA,2h 30m\nB,5\n',
      'lost_time.total',
      '"Lost time minutes" (lost_time) has 1 value',
    ],
    ['a lost time with a thousands separator', 'team,lost time\nA,"1,500"\nB,5\n', 'lost_time.mean', '2h 30m'],
    ['a Russian sentiment label', 'team,sentiment\nA,позитивный\nB,0.1\n', 'sentiment', 'such as a Russian one'],
    [
      'a sentiment score with 7 places',
      'team,sentiment\nA,0.1234567\nB,0.1\n',
      'sentiment',
      'at most 12 digits before the point and 6 after',
    ],
    [
      'a fractional ESI answer',
      'How satisfied are you with your workplace?,How well does your workplace meet your expectations?,How close is your workplace to the ideal workplace?\n7.5,8,9\n',
      'esi',
      'a fraction such as 7.5',
    ],
    [
      'a SUS item as a percentage',
      `${'SUS1,SUS2,SUS3,SUS4,SUS5,SUS6,SUS7,SUS8,SUS9,SUS10'}\n3,3,3,3,3,3,3,3,3,3%\n`,
      'sus',
      'a percent sign',
    ],
  ])('%s', (_, text, metrics, message) => {
    const input = join(dir, `${metrics}-${text.length}.csv`);
    writeFileSync(input, text);
    const out = join(dir, 'report.json');
    const run = runXla(['score', input, '--kind', 'survey', '--metrics', metrics, '--engine', 'duckdb', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
    // The streaming engine reads the same file.
    expect(runXla(['score', input, '--kind', 'survey', '--metrics', metrics, '-q']).code).toBe(0);
  });

  it("SUS through a preset's own null markers (blank and rejected items would differ)", () => {
    const input = join(dir, 'google-play-sus.csv');
    writeFileSync(
      input,
      'App,Category,Rating,Reviews,SUS1,SUS2,SUS3,SUS4,SUS5,SUS6,SUS7,SUS8,SUS9,SUS10\nA,GAME,4.1,10,3,3,3,3,3,3,3,3,3,3\n',
    );
    const run = runXla(['score', input, '--preset', 'google-play-apps', '--metrics', 'sus', '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("preset's null markers, which the SQL pushdown does not apply");
  });
});

describe('PostgreSQL runs the survey SQL', () => {
  const postgres = usePostgres();

  itRoundTripsThroughPostgres(
    postgres,
    [
      ['sentiment and lost time by team', 'survey/sentiment-lost-time.csv', ['--metrics', SURVEY_METRICS, '--by', 'team']],
      ['SUS and UMUX-Lite', 'instruments/sus-umux-sql.csv', ['--metrics', 'sus,umux_lite']],
      ['SUS of numbered items', 'instruments/sus-numbered.csv', ['--metrics', 'sus']],
      ['Temkin and ESI', 'instruments/instruments.csv', ['--metrics', 'temkin,esi']],
      ['data.freshness by team', 'survey/responses.csv', ['--metrics', 'data.freshness', '--by', 'Team', '--as-of', '2024-07-01']],
    ],
    fixture,
  );
});
