/**
 * Experience joined to operations (issue 19 item 4): survey responses joined to tickets by key,
 * cross-segmentation both ways, the watermelon rates, the join's rules for repeated keys. Every
 * expected value is worked out by hand from fixtures/join/ (the comments show the arithmetic).
 *
 * tickets.csv: INC0001 P1 met desk · INC0002 P2 met desk · INC0003 P1 breached field ·
 *              INC0004 P2 breached field · INC0005 P3 met desk · INC0006 P2 open, no SLA, field
 * survey.csv:  " inc0001 " 10 email 0 min · INC0002 3 phone 30 · inc0002 6 email 20 (later) ·
 *              INC0003 9 phone 60 · INC0004 2 email 120 · INC9999 8 phone 10 · (blank) 7 email 5
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreInputs } from '../../src/run/score-inputs.js';
import type { ScoreOptions } from '../../src/run/score-inputs.js';
import type { Report } from '../../src/scorecard/model.js';
import { fixture } from '../cli/run-xla.js';
import { libraryOptions } from './library-options.js';

const TICKETS = fixture('join/tickets.csv');
const SURVEY = fixture('join/survey.csv');
const ANSWERED_TICKETS = fixture('join/tickets-with-answers.csv');

const dir = mkdtempSync(join(tmpdir(), 'xla-join-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function score(paths: readonly string[], more: Partial<ScoreOptions> = {}): Promise<{ report: Report; notes: string[] }> {
  const notes: string[] = [];
  const report = await scoreInputs(libraryOptions(paths, { onDiagnostic: (message) => notes.push(message), ...more }));
  return { report, notes };
}

/** metric → segment text → [value, n], the segment as "col=value,…" ("" overall). */
function table(report: Report): Record<string, Record<string, [number | null, number]>> {
  const out: Record<string, Record<string, [number | null, number]>> = {};
  for (const result of report.results) {
    const segment = Object.entries(result.segment)
      .map(([column, value]) => `${column}=${value}`)
      .join(',');
    (out[result.metric] ??= {})[segment] = [result.value, result.n];
  }
  return out;
}

const close = (value: number | null, expected: number): void => expect(value).toBeCloseTo(expected, 9);

describe('the join of survey responses to tickets', () => {
  it('attaches responses by ticket_id = id, keys trimmed and case-insensitive, and counts the unmatched', async () => {
    const { report, notes } = await score([SURVEY, TICKETS], { metrics: ['nps'] });
    // " inc0001 ", INC0002, inc0002, INC0003, INC0004 match; INC9999 and the blank key do not.
    expect(report.inputs[0]?.join).toEqual({ with: [TICKETS], key: 'Ticket', matched: 5, unmatched: 2 });
    expect(report.inputs[1]?.join).toBeUndefined();
    expect(notes.join('\n')).toContain('2 of 7 responses match no ticket');
    // Unmatched responses still count: NPS over all 7 = 100·(2 − 3)/7 (promoters 10, 9; detractors 3, 6, 2).
    close(table(report).nps?.['']?.[0] ?? null, (100 * (2 - 3)) / 7);
    expect(table(report).nps?.['']?.[1]).toBe(7);
  });

  it('gives the same numbers whichever file comes first on the command line', async () => {
    const by = ['Team', 'Channel', 'sla_met'];
    const first = await score([SURVEY, TICKETS], { by: ['Team'] });
    const second = await score([TICKETS, SURVEY], { by: ['Team'] });
    expect(second.report.results).toEqual(first.report.results);
    const both = await score([TICKETS, SURVEY], { by });
    expect((await score([SURVEY, TICKETS], { by })).report.results).toEqual(both.report.results);
  });

  it('does not depend on row order: shuffled files give the same report', async () => {
    const reversed = (path: string): string[] => {
      const [header, ...rows] = readLines(path);
      return [header ?? '', ...rows.reverse()];
    };
    const tickets = write('tickets.csv', reversed(TICKETS));
    const survey = write('survey.csv', reversed(SURVEY));
    const options = { by: ['Channel'] };
    const shuffled = await score([survey, tickets], options);
    const inOrder = await score([SURVEY, TICKETS], options);
    expect(shuffled.report.results).toEqual(inOrder.report.results);
  });

  it('segments survey metrics by a ticket column, unmatched responses as (no ticket)', async () => {
    const { report } = await score([SURVEY, TICKETS], { by: ['Team'], metrics: ['nps'] });
    const nps = table(report).nps ?? {};
    // desk: INC0001 10, INC0002 3 and 6 → P 1, D 2, n 3 → 100·(1 − 2)/3.
    close(nps['Team=desk']?.[0] ?? null, -100 / 3);
    expect(nps['Team=desk']?.[1]).toBe(3);
    // field: INC0003 9, INC0004 2 → P 1, D 1 → 0.
    expect(nps['Team=field']).toEqual([0, 2]);
    // (no ticket): INC9999 8, blank 7 → passives only → 0.
    expect(nps['Team=(no ticket)']).toEqual([0, 2]);
  });

  it('segments by sla_met from the ticket verdict: met, breached, open, (no sla)', async () => {
    const { report } = await score([SURVEY, TICKETS], { by: ['sla_met'], metrics: ['nps', 'lost_time.total', 'tickets'] });
    const rows = table(report);
    // Responses: met = INC0001, INC0002 ×2 (as desk above); breached = INC0003, INC0004.
    close(rows.nps?.['sla_met=met']?.[0] ?? null, -100 / 3);
    expect(rows.nps?.['sla_met=breached']).toEqual([0, 2]);
    // Lost time per verdict, minutes × 60: met 0 + 30 + 20 = 50 → 3000 s; breached 60 + 120 = 180 → 10800 s; no ticket 10 + 5 → 900 s.
    expect(rows['lost_time.total']?.['sla_met=met']).toEqual([3000, 3]);
    expect(rows['lost_time.total']?.['sla_met=breached']).toEqual([10800, 2]);
    expect(rows['lost_time.total']?.['sla_met=(no ticket)']).toEqual([900, 2]);
    // Tickets by their own verdict: met INC0001, INC0002, INC0005; breached INC0003, INC0004; INC0006 open with no SLA.
    expect(rows.tickets?.['sla_met=met']).toEqual([3, 3]);
    expect(rows.tickets?.['sla_met=breached']).toEqual([2, 2]);
    expect(rows.tickets?.['sla_met=(no sla)']).toEqual([1, 1]);
  });

  it('sums lost time per ticket priority: where users lose the most time', async () => {
    const { report } = await score([SURVEY, TICKETS], { by: ['priority'], metrics: ['lost_time.total'] });
    const total = table(report)['lost_time.total'] ?? {};
    // P1: INC0001 0 + INC0003 60 = 60 min → 3600 s; P2: INC0002 30 + 20 + INC0004 120 = 170 min → 10200 s.
    expect(total['priority=P1']).toEqual([3600, 2]);
    expect(total['priority=P2']).toEqual([10200, 3]);
    expect(total['priority=(no ticket)']).toEqual([900, 2]);
  });

  it('segments ticket metrics by a survey column through the latest response, others as (no response)', async () => {
    const { report } = await score([TICKETS, SURVEY], { by: ['Channel'], metrics: ['tickets', 'sla_attainment'] });
    const rows = table(report);
    // INC0002's latest response (03-04) says email; INC0001 email, INC0004 email, INC0003 phone; INC0005, INC0006 none.
    expect(rows.tickets?.['Channel=email']).toEqual([3, 3]);
    expect(rows.tickets?.['Channel=phone']).toEqual([1, 1]);
    expect(rows.tickets?.['Channel=(no response)']).toEqual([2, 2]);
    // SLA attainment, email: met INC0001, INC0002, breached INC0004 → 2/3; (no response): INC0005 met, INC0006 unjudged → 1/1.
    close(rows.sla_attainment?.['Channel=email']?.[0] ?? null, 200 / 3);
    expect(rows.sla_attainment?.['Channel=(no response)']).toEqual([100, 1]);
    // Survey metrics by their own Channel column: email 10, 6, 2, 7 → P 1, D 2, n 4 → −25.
    expect(rows.nps?.['Channel=email']).toBeUndefined();
    const nps = table((await score([TICKETS, SURVEY], { by: ['Channel'], metrics: ['nps'] })).report).nps ?? {};
    expect(nps['Channel=email']).toEqual([-25, 4]);
  });

  it('filters survey rows by a ticket column with --where', async () => {
    const { report } = await score([SURVEY, TICKETS], { where: [{ column: 'priority', values: ['P2'] }], metrics: ['nps'] });
    // P2 tickets INC0002 (3, 6) and INC0004 (2): all detractors → −100, n 3.
    expect(table(report).nps?.['']).toEqual([-100, 3]);
  });

  it('computes the watermelon rates from the joined answers', async () => {
    const { report } = await score([SURVEY, TICKETS], { metrics: ['watermelon_rate', 'happy_breach_rate'] });
    const rows = table(report);
    // Each ticket takes its latest response: INC0001 10 (met, happy), INC0002 6 (met, unhappy: the 03-04 answer, not the 3),
    // INC0003 9 (breached, happy), INC0004 2 (breached, unhappy); INC0005 and INC0006 have none.
    expect(rows.watermelon_rate?.['']).toEqual([50, 2]);
    expect(rows.happy_breach_rate?.['']).toEqual([50, 2]);
  });

  it('computes survey metrics and the watermelon rates on a tickets file that carries the answers', async () => {
    const { report } = await score([ANSWERED_TICKETS]);
    expect(report.inputs[0]).toMatchObject({ kind: 'tickets', fields: { nps: 'NPS', ces: 'CES' } });
    const rows = table(report);
    // NPS 10, 4, 9 → P 2, D 1, n 3 → 100·(2 − 1)/3.
    close(rows.nps?.['']?.[0] ?? null, 100 / 3);
    // CES mean (7 + 2 + 6)/3 = 5; easy (5–7 on 1–7): 7, 6 → 2/3.
    expect(rows.ces?.['']).toEqual([5, 3]);
    close(rows['ces.easy']?.['']?.[0] ?? null, 200 / 3);
    // Met: T1 10 happy, T2 4 unhappy → 1/2; breached: T3 9 happy (T4 unanswered) → 1/1.
    expect(rows.watermelon_rate?.['']).toEqual([50, 2]);
    expect(rows.happy_breach_rate?.['']).toEqual([100, 1]);
  });

  it('still reads a survey with a submitted date and an NPS as a survey', async () => {
    const survey = write('plain-survey.csv', ['Submitted at,NPS', '2024-03-01T09:00:00Z,9', '2024-03-02T09:00:00Z,3']);
    const { report } = await score([survey]);
    expect(report.inputs[0]?.kind).toBe('survey');
  });
});

describe('the SLA verdict and the answer a joined ticket is judged by', () => {
  // T1 open, due 03-02 09:00; T2 resolved before its due date (met); T3 has its own CSAT 5 (happy) and a response NPS 0.
  const tickets = (): string =>
    write('due-tickets.csv', [
      'Number,Created,Resolved,SLA due,Satisfaction',
      'T1,2024-03-01T09:00:00Z,,2024-03-02T09:00:00Z,',
      'T2,2024-03-01T09:00:00Z,2024-03-01T10:00:00Z,2024-03-02T09:00:00Z,',
      'T3,2024-03-01T09:00:00Z,2024-03-03T09:00:00Z,2024-03-02T09:00:00Z,5',
    ]);
  const survey = (): string =>
    write('due-survey.csv', [
      'Submitted,Ticket,NPS',
      '2024-03-01T12:00:00Z,t1,10',
      '2024-03-01T12:00:00Z,t2,3',
      '2024-03-03T12:00:00Z,t3,0',
    ]);

  it('reads an open ticket as open without --to, and as breached once --to is past its due date', async () => {
    const paths = [survey(), tickets()];
    const open = table((await score(paths, { by: ['sla_met'], metrics: ['nps'] })).report).nps ?? {};
    // T1 open (no asOf) → its response 10 is under open; T2 met → 3; T3 breached → 0.
    expect(open).toMatchObject({ 'sla_met=open': [100, 1], 'sla_met=met': [-100, 1], 'sla_met=breached': [-100, 1] });
    const to = Date.UTC(2024, 3, 1);
    const past = await score(paths, { by: ['sla_met'], metrics: ['nps', 'happy_breach_rate'], to });
    const rows = table(past.report);
    // --to 2024-04-01 is past T1's due date: T1 (10) joins T3 (0) under breached → P 1, D 1 → 0.
    expect(rows.nps?.['sla_met=breached']).toEqual([0, 2]);
    expect(rows.nps?.['sla_met=open']).toBeUndefined();
    // happy_breach_rate: breached T1 (response 10: happy) and T3 (its own CSAT 5: happy, not the response's 0) → 2/2.
    expect(rows.happy_breach_rate?.['']).toEqual([100, 2]);
  });

  it("takes a ticket's own answer before its response's", async () => {
    const rows = table((await score([tickets(), survey()], { metrics: ['watermelon_rate', 'happy_breach_rate'] })).report);
    // Met: T2 with response 3 → unhappy → 1/1. Breached: T3, own CSAT 5 → happy; and T1, open and past
    // due at the default as-of (the newest stamp in the data), response 10 → happy → 2/2.
    expect(rows.watermelon_rate?.['']).toEqual([100, 1]);
    expect(rows.happy_breach_rate?.['']).toEqual([100, 2]);
  });
});

describe('the rules for repeated keys', () => {
  it('attaches responses to the latest created of tickets that repeat an id, in any order', async () => {
    // A second INC0002, created a day later, team field, breached: it takes the responses (3 and 6).
    const later = write('tickets-more.csv', [
      'Number,Created,Resolved,Priority,Made SLA,Team',
      'inc0002 ,2024-03-02T10:00:00Z,2024-03-03T10:00:00Z,P2,breached,field',
    ]);
    for (const paths of [
      [SURVEY, TICKETS, later],
      [later, SURVEY, TICKETS],
    ]) {
      const { report, notes } = await score(paths, { by: ['Team'], metrics: ['nps', 'watermelon_rate'] });
      const rows = table(report);
      // desk: INC0001 10 → 100, n 1; field: 3, 6 (INC0002, later), 9, 2 → P 1, D 3, n 4 → −50.
      expect(rows.nps?.['Team=desk']).toEqual([100, 1]);
      expect(rows.nps?.['Team=field']).toEqual([-50, 4]);
      // The earlier INC0002 (met) has no response now: met answered = INC0001 only, happy → 0 %.
      expect(rows.watermelon_rate?.['']).toEqual([0, 1]);
      expect(notes.join('\n')).toContain('1 ticket with a response repeats an id');
    }
  });
});

describe('--join and join:', () => {
  const renamed = (): string =>
    write('renamed-survey.csv', [
      'When,Ref,NPS',
      '2024-03-02T08:00:00Z,INC0001,10',
      '2024-03-03T08:00:00Z,inc0003,2',
      '2024-03-03T09:00:00Z,X,9',
    ]);

  it('joins on the columns named, by column name or field id', async () => {
    const survey = renamed();
    // No ticket_id binds on "Ref": without --join there is no join.
    expect((await score([survey, TICKETS], { metrics: ['nps'] })).report.inputs[0]?.join).toBeUndefined();
    for (const tickets of ['Number', 'id']) {
      const { report } = await score([survey, TICKETS], {
        metrics: ['nps'],
        by: ['Team'],
        join: { survey: 'Ref', tickets, origin: '--join' },
      });
      expect(report.inputs[0]?.join).toEqual({ with: [TICKETS], key: 'Ref', matched: 2, unmatched: 1 });
      // desk: INC0001 10 → 100; field: INC0003 2 → −100; (no ticket): X 9 → 100.
      expect(table(report).nps).toMatchObject({ 'Team=desk': [100, 1], 'Team=field': [-100, 1], 'Team=(no ticket)': [100, 1] });
    }
  });

  it('names the option and the column when a key column is missing', async () => {
    await expect(score([SURVEY, TICKETS], { join: { survey: 'Ticket', tickets: 'Nummer', origin: '--join' } })).rejects.toThrow(
      /--join Nummer: .*tickets\.csv has no column "Nummer"/,
    );
    await expect(score([SURVEY, TICKETS], { join: { survey: 'Tiket', tickets: 'id', origin: 'join' } })).rejects.toThrow(
      /join: survey Tiket: .*survey\.csv has no column "Tiket"/,
    );
  });

  it('refuses the virtual source column as a key', async () => {
    await expect(score([SURVEY, TICKETS], { join: { survey: 'source', tickets: 'id', origin: '--join' } })).rejects.toThrow(
      '--join: join on a column of the data, not on "source"',
    );
  });

  it('needs both kinds of input', async () => {
    await expect(score([SURVEY], { join: { survey: 'Ticket', tickets: 'id', origin: '--join' } })).rejects.toThrow(
      '--join: the run has no tickets input to join',
    );
  });

  it('refuses standard input as a joined input, which would have to be read twice', async () => {
    const stdin = Readable.from([readLines(TICKETS).join('\n')]);
    await expect(score(['-', SURVEY], { stdin })).rejects.toThrow('standard input cannot be joined');
  });
});

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n');
}
