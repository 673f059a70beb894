// Data quality on the built binary (metrics.md §5.6): values by hand, inputs[].quality, targets on
// freshness and on one field, exit codes, the same answer on one thread or two.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const TICKETS = fixture('data-quality/tickets.csv');
const SURVEY = fixture('data-quality/survey.csv');
const DAY = 86_400;

// tickets.csv, 8 rows × 5 bound fields (id, created_at, resolved_at, priority, satisfaction ← csat):
// missing: id (row 7), created_at (T5 "N/A"), resolved_at (T2 empty), priority (T5), csat (T3 "null")
// → each field 7/8 = 87.5 %, overall 35/40 = 87.5 %.
// rejected: resolved_at of T3 (before created_at) and T8 ("not a date"), csat 9 of T4 (outside 1–5)
// → validity id, created_at, priority 7/7; resolved_at 5/7; satisfaction 6/7; overall 32/35.
// Newest created_at: T8, 2024-05-08T08:00Z. No id repeats.
// survey.csv, 7 rows: respondent_id R1 R2 R1 R3 R2 R2 and one blank → 6 ids, 3 distinct → 3
// repeats (50 %); nps missing once (R3), 11 rejected → 6/7 present, 5/6 valid; newest 2024-06-07T10:00Z.
describe('data quality results', () => {
  it('reports completeness and validity overall and per field, duplicates and freshness', () => {
    const { report } = runJson(['score', TICKETS, '--as-of', '2024-05-10T08:00:00Z', '-q']);
    expect(resultOf(report, 'data.completeness')).toMatchObject({ value: 87.5, n: 40, domain: 'data', unit: '%' });
    expect(resultOf(report, 'data.completeness', { field: 'resolved_at' })).toMatchObject({ value: 87.5, n: 8 });
    expect(resultOf(report, 'data.validity').value).toBeCloseTo((100 * 32) / 35, 10);
    expect(resultOf(report, 'data.validity', { field: 'resolved_at' })).toMatchObject({ value: (100 * 5) / 7, n: 7 });
    expect(resultOf(report, 'data.validity', { field: 'satisfaction' })).toMatchObject({ value: (100 * 6) / 7, n: 7 });
    expect(resultOf(report, 'data.validity', { field: 'id' })).toMatchObject({ value: 100, n: 7 });
    expect(resultOf(report, 'data.duplicates')).toMatchObject({ value: 0, n: 7, detail: { share: 0 } });
    // May 10 08:00 − May 8 08:00 = 2 d.
    expect(resultOf(report, 'data.freshness')).toMatchObject({ value: 2 * DAY, unit: 's' });
  });

  it('counts repeated respondent ids; freshness defaults to the newest stamp of the run, over every input', () => {
    const { report } = runJson(['score', SURVEY, TICKETS, '--by', 'source', '-q']);
    expect(resultOf(report, 'data.duplicates', { source: SURVEY })).toMatchObject({ value: 3, n: 6, detail: { share: 50 } });
    // The run's newest stamp is the survey's (Jun 7 10:00): the tickets' newest date, May 8 08:00, is 30 d 2 h older.
    expect(resultOf(report, 'data.freshness', { source: SURVEY }).value).toBe(0);
    expect(resultOf(report, 'data.freshness', { source: TICKETS }).value).toBe(30 * DAY + 2 * 3600);
  });

  it('gives every input its quality in inputs[], the same on one thread or two', () => {
    const reports = ['1', '2'].map(
      (jobs) => runJson(['score', TICKETS, SURVEY, '--as-of', '2024-06-10T10:00:00Z', '--jobs', jobs, '-q']).run.stdout,
    );
    expect(reports[0]).toBe(reports[1]);
    const inputs = (JSON.parse(reports[0] ?? '') as { inputs: { quality: unknown }[] }).inputs;
    expect(inputs[0]?.quality).toStrictEqual({
      completeness: 87.5,
      validity: (100 * 32) / 35,
      duplicates: 0,
      // Jun 10 10:00 − May 8 08:00 = 33 d 2 h.
      freshness: 33 * DAY + 2 * 3600,
      fields: {
        id: { completeness: 87.5, validity: 100 },
        created_at: { completeness: 87.5, validity: 100 },
        resolved_at: { completeness: 87.5, validity: (100 * 5) / 7 },
        priority: { completeness: 87.5, validity: 100 },
        satisfaction: { completeness: 87.5, validity: (100 * 6) / 7 },
      },
    });
    // Present: respondent_id 6/7, submitted_at 7/7, nps 6/7 → 19/21; accepted: 6 + 7 + 5 = 18 of 19; Jun 10 − Jun 7 = 3 d.
    expect(inputs[1]?.quality).toMatchObject({
      completeness: (100 * 19) / 21,
      validity: (100 * 18) / 19,
      duplicates: 3,
      freshness: 3 * DAY,
    });
  });

  it('gives one input the same quality whether read from the run’s results or from its own pass', () => {
    const qualityWith = (extra: readonly string[]): unknown =>
      (runJson(['score', TICKETS, '--as-of', '2024-05-10T08:00:00Z', ...extra, '-q']).report.inputs[0] as unknown as { quality: unknown })
        .quality;
    // No filter: taken from the results. A --from before every row: the input counts its own rows.
    const fromResults = qualityWith([]);
    expect(fromResults).toStrictEqual(qualityWith(['--from', '2000-01-01']));
    expect(fromResults).toMatchObject({ completeness: 87.5, duplicates: 0, freshness: 2 * DAY });
  });

  it('counts a big file’s repeats across the parts it is split into (the same on one thread or two)', () => {
    const dir = scratchDir('xla-dq-');
    const file = join(dir, 'survey.csv');
    // 60,000 answers, ids cycling over 45,000 → 15,000 repeats; a 300-character comment makes the
    // file ~20 MB, past two parts of the smallest part size (8 MiB): --jobs 2 scores it in two parts.
    const pad = 'x'.repeat(300);
    const lines = Array.from({ length: 60_000 }, (_, i) => `R${i % 45_000},2024-06-01T10:00:00Z,${i % 11},${pad}`);
    writeFileSync(file, `respondent_id,submitted_at,nps,comment\n${lines.join('\n')}\n`);
    const duplicatesWith = (jobs: string): unknown =>
      resultOf(runJson(['score', file, '--metrics', 'data.duplicates', '--jobs', jobs, '-q']).report, 'data.duplicates');
    const one = duplicatesWith('1');
    expect(one).toMatchObject({ value: 15_000, n: 60_000, detail: { share: 25 } });
    expect(duplicatesWith('2')).toStrictEqual(one);
  });
});

describe('data quality targets', () => {
  const config = (text: string): string => {
    const dir = scratchDir('xla-dq-config-');
    const path = join(dir, 'xla.yml');
    writeFileSync(path, text);
    return path;
  };
  const FRESH = 'targets:\n  - id: fresh\n    metric: data.freshness\n    target: "<= 2d"\n';

  it('passes a freshness target exactly on the threshold and fails a second past it (--as-of)', () => {
    // May 10 08:00 is exactly 2 d after the newest created_at: a tie meets (metrics.md §0).
    expect(runXla(['check', TICKETS, '--config', config(FRESH), '--as-of', '2024-05-10T08:00:00Z', '-q']).code).toBe(0);
    const late = runXla(['check', TICKETS, '--config', config(FRESH), '--as-of', '2024-05-10T08:00:01Z', '-q', '-f', 'json']);
    expect(late.code).toBe(1);
    expect(JSON.parse(late.stdout).targets[0]).toMatchObject({ id: 'fresh', value: 2 * DAY + 1, threshold: 2 * DAY, status: 'breached' });
  });

  it('takes as_of from the config', () => {
    expect(runXla(['check', TICKETS, '--config', config(`as_of: 2024-05-09T00:00:00Z\n${FRESH}`), '-q']).code).toBe(0);
    expect(runXla(['check', TICKETS, '--config', config(`as_of: 2024-05-11T00:00:00Z\n${FRESH}`), '-q']).code).toBe(1);
  });

  it('with --as-of now, 2024 data is stale; without, a single input reads 0 (the newest stamp is its own)', () => {
    expect(runXla(['check', TICKETS, '--target', 'data.freshness <= 2d', '--as-of', 'now', '-q']).code).toBe(1);
    expect(runXla(['check', TICKETS, '--target', 'data.freshness <= 2d', '-q']).code).toBe(0);
  });

  it('judges one field with where.field, and each field with each: field', () => {
    const text = [
      'targets:',
      '  - { id: resolved-complete, metric: data.completeness, where: { field: resolved_at }, target: ">= 85%" }',
      '  - { id: valid, metric: data.validity, each: field, target: ">= 90%" }',
    ].join('\n');
    const run = runXla(['check', TICKETS, '--config', config(text), '-q', '-f', 'json']);
    expect(run.code).toBe(1);
    const targets = JSON.parse(run.stdout).targets as { id: string; segment: Record<string, string>; value: number; status: string }[];
    expect(targets.find((target) => target.id === 'resolved-complete')).toMatchObject({ segment: {}, value: 87.5, status: 'met' });
    const valid = targets.filter((target) => target.id === 'valid');
    // One verdict per bound field; resolved_at 71.4 % and satisfaction 85.7 % breach ≥ 90 %.
    expect(valid.map((target) => [target.segment.field, target.status])).toStrictEqual([
      ['id', 'met'],
      ['created_at', 'met'],
      ['resolved_at', 'breached'],
      ['priority', 'met'],
      ['satisfaction', 'breached'],
    ]);
  });

  it('gives per-field results only overall in the scorecard, and a field per segment to a target with each', () => {
    const { report } = runJson(['score', TICKETS, '--by', 'priority', '--metrics', 'data.completeness', '-q']);
    const results = report.results as { segment: Record<string, string> }[];
    // Overall + 5 fields + 4 priorities (T5's blank, P1, P2, P3): no priority × field rows.
    expect(results.map((result) => result.segment)).toHaveLength(10);
    expect(results.filter((result) => result.segment.field !== undefined && result.segment.priority !== undefined)).toStrictEqual([]);
    const text =
      'targets:\n  - { id: resolved, metric: data.completeness, where: { field: resolved_at }, each: priority, target: ">= 100%" }\n';
    const run = runXla(['check', TICKETS, '--config', config(text), '-q', '-f', 'json']);
    const verdicts = JSON.parse(run.stdout).targets as { segment: Record<string, string>; value: number; status: string }[];
    // resolved_at per priority: blank T5 (1/1), P1 T1 T3 T7 all present (3/3), P2 T2 empty of T2 T6 T8 (2/3), P3 T4 (1/1).
    expect(verdicts.map((target) => [target.segment.priority, target.value, target.status])).toStrictEqual([
      ['', 100, 'met'],
      ['P1', 100, 'met'],
      ['P2', (100 * 2) / 3, 'breached'],
      ['P3', 100, 'met'],
    ]);
    expect(run.code).toBe(1);
  });

  it('refuses a field no input binds, naming the bound ones (exit 2, nothing on stdout)', () => {
    const text = 'targets:\n  - { id: typo, metric: data.completeness, where: { field: resolvd_at }, target: ">= 95%" }\n';
    const run = runXla(['check', TICKETS, '--config', config(text)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'target typo: where field: no input binds a field "resolvd_at" (bound: id, created_at, resolved_at, priority, satisfaction)',
    );
    expect(run.stderr).toContain('did you mean resolved_at?');
  });

  it('keeps field an ordinary column for other metrics', () => {
    const run = runXla(['check', TICKETS, '--config', config('targets:\n  - { id: t, metric: tickets, each: field, target: ">= 1" }\n')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no column "field"');
  });
});
