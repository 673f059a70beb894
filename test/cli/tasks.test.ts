/**
 * Task-based usability (issue 20, item 3), through the built binary. The fixtures are in
 * fixtures/tasks (README there: where their shape comes from). Every expected value is counted by
 * hand from the rows, as the comments show.
 *
 * results.csv, one row per attempt (S success, F failure, – no outcome):
 *   Find a lamp  P1 S 30 s 4 clicks 0 errors · P2 S 45 s 6/1 · P3 F 120 s 15/3 · P4 S 00:01:00 5/0 · P5 – 50 s 5/0
 *   Check out    P1 F 200 s 20/2 · P2 F 1m 30s 9/1 · P3 S 80 s 8/0 · P4 S 40 s 7/1
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const RESULTS = fixture('tasks/results.csv');
const MAZE = fixture('tasks/maze-missions.csv');

describe('a task-results export, with no flags', () => {
  const { report, run } = runJson(['score', RESULTS, '--by', 'task']);

  it('is recognised by the tasks preset: Success and Errors are the attempt’s, not a request log’s', () => {
    expect(report.inputs[0]).toMatchObject({
      kind: 'analytics',
      preset: 'tasks',
      rows: 9,
      rejected: 0,
      fields: { task: 'Task', task_success: 'Success', task_time: 'Time on task', task_clicks: 'Clicks', task_errors: 'Errors' },
    });
    expect(report.results.some((result) => result.metric === 'error_rate')).toBe(false);
    expect(run.stderr).not.toContain('rejected');
  });

  it('scores task success over the attempts with an outcome, per task and in all', () => {
    // all: S S F S (P5 has none) + F F S S → 5 of 8 = 62.5 %; lamp 3 of 4 = 75 %; check out 2 of 4 = 50 %.
    // Wilson 5/8: [30.574, 86.316] (test/metrics/tasks.test.ts has the arithmetic).
    const all = resultOf(report, 'task_success_rate');
    expect(all).toMatchObject({ value: 62.5, n: 8, detail: { x: 5, n: 8 } });
    expect(all.ci?.[0]).toBeCloseTo(30.574239, 4);
    expect(resultOf(report, 'task_success_rate', { task: 'Find a lamp' })).toMatchObject({ value: 75, n: 4 });
    expect(resultOf(report, 'task_success_rate', { task: 'Check out' })).toMatchObject({ value: 50, n: 4 });
  });

  it('times successful attempts only, whatever the duration is written as', () => {
    // successes: lamp 30, 45, 00:01:00 = 60; check out 80, 40. All sorted 30 40 45 60 80 → median 45;
    // mean 255/5 = 51. Lamp median 45; check out (40 + 80)/2 = 60. Left out with a time:
    // failures 120, 200, 1m 30s (3) and P5's 50 with no outcome (1).
    expect(resultOf(report, 'task_time.median')).toMatchObject({
      value: 45,
      n: 5,
      ci: null,
      detail: { excluded_failed: 3, excluded_no_outcome: 1 },
    });
    expect(resultOf(report, 'task_time.mean')).toMatchObject({ value: 51, n: 5 });
    expect(resultOf(report, 'task_time.median', { task: 'Find a lamp' })).toMatchObject({ value: 45, n: 3 });
    expect(resultOf(report, 'task_time.median', { task: 'Check out' })).toMatchObject({
      value: 60,
      n: 2,
      detail: { excluded_failed: 2, excluded_no_outcome: 0 },
    });
    // geometric mean: (30·45·60·80·40)^(1/5) = 259,200,000^(1/5) = 48.1645; check out √(80·40) = √3200 = 56.5685
    expect(resultOf(report, 'task_time.geomean').value).toBeCloseTo(48.164494, 6);
    expect(resultOf(report, 'task_time.geomean', { task: 'Check out' }).value).toBeCloseTo(56.568542, 6);
  });

  it('counts clicks of successful attempts and attempts with errors', () => {
    // clicks of successes 4 6 5 8 7 → 30/5 = 6; lamp 4 6 5 → 5; check out 8 7 → 7.5.
    expect(resultOf(report, 'clicks_to_complete.mean')).toMatchObject({ value: 6, n: 5 });
    expect(resultOf(report, 'clicks_to_complete.mean', { task: 'Check out' })).toMatchObject({ value: 7.5, n: 2 });
    // errors 0 1 3 0 0 | 2 1 0 1 → 5 of 9 attempts have one; lamp 2 of 5 = 40 %; check out 3 of 4 = 75 %.
    expect(resultOf(report, 'task_error_rate').value).toBeCloseTo((100 * 5) / 9, 12);
    expect(resultOf(report, 'task_error_rate', { task: 'Find a lamp' })).toMatchObject({ value: 40, n: 5 });
    expect(resultOf(report, 'task_error_rate', { task: 'Check out' })).toMatchObject({ value: 75, n: 4 });
  });
});

describe('a Maze mission export', () => {
  const { report } = runJson(['score', MAZE]);

  it('reads Maze outcomes and misclicks', () => {
    // Direct success, Indirect success, Give up / Bounce, Direct success → 3 of 4 = 75 %;
    // durations of the successes 12.5, 30, 9.5 → median 12.5; misclicks 0 2 5 1 → 3 of 4 attempts with an error.
    expect(report.inputs[0]).toMatchObject({
      preset: 'tasks',
      fields: { task: 'Mission', task_success: 'Outcome', task_time: 'Duration', task_errors: 'Misclicks' },
    });
    expect(resultOf(report, 'task_success_rate')).toMatchObject({ value: 75, n: 4 });
    expect(resultOf(report, 'task_time.median')).toMatchObject({ value: 12.5, n: 3, detail: { excluded_failed: 1 } });
    expect(resultOf(report, 'task_error_rate')).toMatchObject({ value: 75, n: 4 });
    // no clicks column: no clicks metric, and Duration is no response time
    expect(report.results.some((result) => result.metric === 'clicks_to_complete.mean' || result.metric === 'apdex')).toBe(false);
  });
});

describe('the same task values whatever the threads or the order of rows', () => {
  const dir = scratchDir('xla-tasks-');
  const [header, ...rows] = readFileSync(RESULTS, 'utf8').trimEnd().split('\n');
  const reversed = join(dir, 'results.csv');
  writeFileSync(reversed, [header, ...rows.reverse()].join('\n') + '\n');

  it('gives the same JSON on one thread and on two', () => {
    const args = (jobs: number): string[] => ['score', RESULTS, MAZE, '--by', 'task', '-f', 'json', '-j', String(jobs)];
    const one = runXla(args(1));
    const two = runXla(args(2));
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('gives the same results for the rows reversed', () => {
    const forward = runJson(['score', RESULTS, '--by', 'task']).report.results;
    const backward = runJson(['score', reversed, '--by', 'task']).report.results;
    expect(backward).toEqual(forward);
  });
});

describe('bad task values', () => {
  it('rejects an outcome that is no outcome and a negative click count, naming the line, and scores the rest', () => {
    const dir = scratchDir('xla-tasks-bad-');
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'Task,Success,Time on task,Clicks\nA,Maybe,10,3\nA,Success,20,-1\nA,Failed,30,2\n');
    const { report, run } = runJson(['score', file]);
    // "Maybe" is rejected: 1 success of 2 outcomes (Success, Failed) = 50 %; the success's -1 clicks is rejected: no clicks left.
    expect(report.inputs[0]).toMatchObject({ rows: 3, rejected: 2 });
    expect(run.stderr).toContain('bad.csv:2');
    expect(run.stderr).toContain('bad.csv:3');
    expect(resultOf(report, 'task_success_rate')).toMatchObject({ value: 50, n: 2 });
    expect(resultOf(report, 'clicks_to_complete.mean')).toMatchObject({ value: null, n: 0 });
  });
});

describe('names the task fields leave to other exports', () => {
  it('does not take a Search Console Clicks column for a task: no field, exit 2, no report', () => {
    const dir = scratchDir('xla-tasks-clicks-');
    const file = join(dir, 'queries.csv');
    writeFileSync(file, 'Top queries,Clicks,Impressions,CTR,Position\nlamp,10,100,10%,3.2\n');
    const run = runXla(['score', file, '-f', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('queries.csv: no column matches a known field');
  });

  it('keeps a request log’s Success and Duration when no task column is there', () => {
    const dir = scratchDir('xla-tasks-requests-');
    const file = join(dir, 'requests.csv');
    // 2 requests, one failed: error rate 1/2 = 50 %; durations 0.2 s and 0.3 s ≤ T 0.5 s, but the failure is frustrated
    writeFileSync(file, 'Success,Duration\ntrue,0.2\nfalse,0.3\n');
    const { report } = runJson(['score', file]);
    expect(report.inputs[0]).toMatchObject({ preset: null, fields: { success: 'Success', response_time: 'Duration' } });
    expect(resultOf(report, 'error_rate')).toMatchObject({ value: 50, n: 2 });
    expect(report.results.some((result) => result.metric.startsWith('task'))).toBe(false);
  });
});
