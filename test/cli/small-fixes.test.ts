/**
 * Issue 18, item 9, end to end with the built binary: a rejected resolution is counted apart from
 * open tickets; a blank --by value reads `(blank)` in the table and stays "" in JSON, apart from a
 * literal "(blank)"; the kind-detection error under --kind tickets gives a ticket example.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultOf, runJson, runXla } from './run-xla.js';

let root: string;

/**
 * T1 resolved in 2 h; T2's resolved_at is no date and T3's is before its creation (both rejected);
 * T4 is open. Teams: Desk, blank, the literal text "(blank)", Desk.
 */
const TICKETS = [
  'id,team,created_at,resolved_at',
  'T1,Desk,2024-03-01T10:00:00Z,2024-03-01T12:00:00Z',
  'T2,,2024-03-01T10:00:00Z,yesterday',
  'T3,(blank),2024-03-01T10:00:00Z,2024-02-01T10:00:00Z',
  'T4,Desk,2024-03-01T10:00:00Z,',
  '',
].join('\n');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'xla-small-fixes-'));
  writeFileSync(join(root, 'tickets.csv'), TICKETS);
  writeFileSync(join(root, 'unknown.csv'), 'foo,bar\n1,2\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tickets whose resolution was rejected', () => {
  it('are counted in excluded_unreadable, not in excluded_open, and are not open in the backlog', () => {
    const { report, run } = runJson(['score', 'tickets.csv', '--metrics', 'resolution_time.mean,backlog'], { cwd: root });
    expect(run.stderr).toContain('tickets.csv:3:4: resolved_at: "yesterday" rejected');
    expect(run.stderr).toContain('tickets.csv:4:4: resolved_at: "2024-02-01T10:00:00Z" rejected: resolved_at is before created_at');
    const resolution = resultOf(report, 'resolution_time.mean');
    expect(resolution).toMatchObject({ value: 7200, n: 1 });
    expect(resolution.detail).toMatchObject({ excluded_open: 1, excluded_unreadable: 2 });
    // Before: excluded_open 3, and a backlog of 3 of 4 (T2, T3, T4 open). Now T4 alone, of T1 and T4.
    expect(resultOf(report, 'backlog')).toMatchObject({ value: 1, n: 2, detail: { excluded_unreadable: 2 } });
  });
});

describe('a blank segment value', () => {
  it('reads (blank) in the table, and stays "" in JSON, apart from the literal "(blank)"', () => {
    const table = runXla(['score', 'tickets.csv', '--by', 'team', '--metrics', 'tickets'], { cwd: root });
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').filter((line) => /^\s+\(blank\)\s+1\s+1$/.test(line))).toHaveLength(2);
    const { report } = runJson(['score', 'tickets.csv', '--by', 'team', '--metrics', 'tickets'], { cwd: root });
    expect(resultOf(report, 'tickets', { team: '' }).value).toBe(1);
    expect(resultOf(report, 'tickets', { team: '(blank)' }).value).toBe(1);
    expect(resultOf(report, 'tickets', { team: 'Desk' }).value).toBe(2);
  });
});

describe('the kind-detection error under --kind', () => {
  it.each([
    ['tickets', '--map created_at='],
    ['analytics', '--map sessions='],
    ['survey', '--map nps='],
  ])('gives a %s example, and no field of another kind', (kind, example) => {
    const run = runXla(['score', 'unknown.csv', '--kind', kind], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`unknown.csv: no column matches any ${kind} field`);
    expect(run.stderr).toContain(example);
    for (const other of ['nps=', 'created_at=', 'sessions='].filter((field) => !example.includes(field))) {
      expect(run.stderr).not.toContain(other);
    }
  });
});
