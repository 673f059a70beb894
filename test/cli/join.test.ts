/**
 * The join end to end through the built binary: the default join, `--join`, `join:` in an XLA
 * file, their errors (exit 2, nothing on stdout), the report's `inputs[].join` against the
 * report schema, and the same numbers on one thread and on two. Values by hand from fixtures/join
 * (test/pipeline/join.test.ts has the arithmetic).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/scorecard/report-schema.js';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';

const TICKETS = fixture('join/tickets.csv');
const SURVEY = fixture('join/survey.csv');

const dir = mkdtempSync(join(tmpdir(), 'xla-join-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xla score with survey and tickets inputs', () => {
  it('joins them without a flag and reports the join in inputs[], valid against the report schema', () => {
    const { report, run } = runJson(['score', SURVEY, TICKETS, '--by', 'sla_met']);
    expect(() => reportSchema.parse(report)).not.toThrow();
    expect((report.inputs[0] as { join?: unknown }).join).toEqual({ with: [TICKETS], key: 'Ticket', matched: 5, unmatched: 2 });
    expect(run.stderr).toContain('2 of 7 responses match no ticket');
    // Watermelon: met and answered INC0001 (10, happy), INC0002 (6, unhappy) → 1/2.
    expect(resultOf(report, 'watermelon_rate')).toMatchObject({ value: 50, n: 2 });
    // Breached and answered INC0003 (9, happy), INC0004 (2, unhappy) → 1/2.
    expect(resultOf(report, 'happy_breach_rate', { sla_met: 'breached' })).toMatchObject({ value: 50, n: 2 });
    // NPS of the responses to breached tickets: 9 and 2 → 0.
    expect(resultOf(report, 'nps', { sla_met: 'breached' })).toMatchObject({ value: 0, n: 2 });
  });

  it('gives the same report on one thread and on two', () => {
    const args = [TICKETS, SURVEY, '--by', 'Team,Channel'];
    const one = runXla(['score', ...args, '--jobs', '1', '--format', 'json']);
    const two = runXla(['score', ...args, '--jobs', '2', '--format', 'json']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('joins on the columns --join names', () => {
    const survey = join(dir, 'renamed.csv');
    writeFileSync(survey, 'When,Ref,NPS\n2024-03-02T08:00:00Z,INC0001,10\n2024-03-03T08:00:00Z,inc0003,2\n');
    const { report } = runJson(['score', survey, TICKETS, '--join', 'Ref=Number', '--by', 'Team', '--metrics', 'nps']);
    expect((report.inputs[0] as { join?: unknown }).join).toEqual({ with: [TICKETS], key: 'Ref', matched: 2, unmatched: 0 });
    expect(resultOf(report, 'nps', { Team: 'field' })).toMatchObject({ value: -100, n: 1 });
  });

  it('joins on the columns join: names in the XLA file', () => {
    const survey = join(dir, 'renamed-for-config.csv');
    writeFileSync(survey, 'When,Ref,NPS\n2024-03-02T08:00:00Z,INC0001,10\n');
    const config = join(dir, 'xla.config.yml');
    writeFileSync(config, 'join: { survey: Ref, tickets: Number }\nby: [Team]\n');
    const { report } = runJson(['score', survey, TICKETS, '-c', config, '--metrics', 'nps']);
    expect(resultOf(report, 'nps', { Team: 'desk' })).toMatchObject({ value: 100, n: 1 });
  });

  it('judges a target per value of a ticket column on survey answers (each: Team)', () => {
    const config = join(dir, 'each-team.yml');
    writeFileSync(config, 'targets:\n  - { id: promoters, metric: nps, target: ">= 0", each: Team }\n');
    const { report } = runJson(['score', SURVEY, TICKETS, '-c', config]);
    const verdicts = (report.targets as { segment: Record<string, string>; value: number | null; status: string }[]).map((target) => [
      target.segment.Team,
      target.value,
      target.status,
    ]);
    // desk: 10, 3, 6 → −33.3 breached; field: 9, 2 → 0 met; (no ticket): 8, 7 → 0 met.
    expect(verdicts).toContainEqual(['desk', -100 / 3, 'breached']);
    expect(verdicts).toContainEqual(['field', 0, 'met']);
    expect(verdicts).toContainEqual(['(no ticket)', 0, 'met']);
  });

  it.each([
    [['--join', 'Ticket'], '--join expects name=value'],
    [['--join', 'Ticket=Nummer'], '--join Nummer:'],
  ])('refuses %j with exit 2 and no report', (flags, message) => {
    const run = runXla(['score', SURVEY, TICKETS, ...flags, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('names the key of a bad join: in the XLA file', () => {
    const config = join(dir, 'bad-join.yml');
    writeFileSync(config, 'join: { survey: Ticket, ticket: id }\n');
    const run = runXla(['score', SURVEY, TICKETS, '-c', config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/join/);
    expect(run.stderr).toContain('unknown key "ticket" (did you mean "tickets"?)');
  });
});
