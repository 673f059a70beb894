/**
 * The SQL pushdown's families together (README "SQL pushdown"): several input files in one run for
 * the survey, ticket and analytics metrics, each equal to the streaming report or refused by name,
 * and one count of unread cells per field whatever the family.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDuckDbAsStreaming } from '../sql/equality.js';
import { fixture, runXla } from './run-xla.js';

const SENTIMENT = fixture('survey/sentiment-lost-time.csv');
const SLA_FILE = fixture('tickets/sla-sql.csv');
const SLA_CONFIG = ['--config', fixture('tickets/sla-sql.yml')];

describe('several files of each family: one UNION ALL, the streaming report', () => {
  let dir = '';
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xla-sql-families-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survey: sentiment and lost time from two files of other layouts, by team', () => {
    // The same unit (minutes), columns in another order, and a label and a duration of their own.
    const more = write('more-survey.csv', 'Lost time minutes,team,sentiment\n2.5,B,neutral\n,A,-1\n45,C,0.75\n');
    const report = expectDuckDbAsStreaming([SENTIMENT, more, '--metrics', 'sentiment,lost_time.total,lost_time.mean', '--by', 'team']);
    // Lost time: 10 + 1.5 + 0 + 30 minutes in the fixture, 2.5 + 45 here: 89 minutes = 5340 s over 6 answers.
    expect(report.results.find((result) => result.metric === 'lost_time.total' && Object.keys(result.segment).length === 0)).toMatchObject({
      value: 5340,
      n: 6,
    });
  });

  it('survey: data.freshness against --as-of over two dated files', () => {
    const first = write('fresh-1.csv', 'date,nps\n2024-06-01,9\n2024-06-20T10:00:00Z,7\n');
    const second = write('fresh-2.csv', 'nps,date\n10,2024-06-25\n3,\n');
    const report = expectDuckDbAsStreaming([first, second, '--metrics', 'nps,data.freshness', '--as-of', '2024-07-01']);
    // The newest date, 2024-06-25 (UTC midnight), is 6 days before --as-of.
    expect(report.results.find((result) => result.metric === 'data.freshness')).toMatchObject({ n: 3 });
  });

  it('tickets: the SLA clocks, the watermelon rates and a mean over the fixture and a copy of it', () => {
    // The copy's tickets under other ids, its columns in another order: every ticket counted twice.
    const lines = readLines(SLA_FILE);
    const columns = (lines[0] ?? '').split(',');
    const order = [...columns.keys()].reverse();
    const copy = write(
      'sla-copy.csv',
      lines
        .map((line, row) => {
          const cells = line.split(',');
          if (row > 0) cells[0] = `copy-${cells[0] ?? ''}`;
          return order.map((index) => cells[index] ?? '').join(',');
        })
        .join('\n'),
    );
    const args = ['--metrics', 'sla_attainment,sla_attainment.first_response,watermelon_rate,resolution_time.mean', '--by', 'team'];
    const report = expectDuckDbAsStreaming([SLA_FILE, copy, ...SLA_CONFIG, ...args, '--as-of', '2024-07-02T00:00:00Z']);
    const alone = expectDuckDbAsStreaming([SLA_FILE, ...SLA_CONFIG, ...args, '--as-of', '2024-07-02T00:00:00Z']);
    const overall = (of: typeof report, metric: string) =>
      of.results.find((result) => result.metric === metric && Object.keys(result.segment).length === 0);
    // Twice the tickets: the same rates, twice the n.
    for (const metric of ['sla_attainment', 'sla_attainment.first_response', 'watermelon_rate']) {
      expect(overall(report, metric)?.value).toBe(overall(alone, metric)?.value);
      expect(overall(report, metric)?.n).toBe(2 * (overall(alone, metric)?.n ?? 0));
    }
  });

  it('a field read in different units in two files is refused, naming the files (exit 2, no report)', () => {
    const seconds = write('seconds.csv', 'team,Lost time\nA,600\n');
    // --kind: a team and a lost time alone fit a tickets file too.
    const out = join(dir, 'units.json');
    const run = runXla(['score', SENTIMENT, seconds, '--kind', 'survey', '--metrics', 'lost_time.total', '--engine', 'duckdb', '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the SQL pushdown reads lost_time in one unit over several files');
    expect(run.stderr).toContain('in min');
    expect(existsSync(out)).toBe(false);
  });

  it('analytics: a cell the SQL does not read in the second file stops the run, naming the column', () => {
    const clean = write('daily-1.csv', 'date,sessions,pageviews\n2024-01-01,10,12\n');
    const odd = write('daily-2.csv', 'date,sessions,pageviews\n2024-01-02,5,"1,234"\n');
    const run = runXla(['score', clean, odd, '--metrics', 'pages_per_session', '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('(pageviews) has 1 value the SQL pushdown does not read as xla does (a number with separators');
  });
});

describe('one count of unread cells per field, whatever the family', () => {
  it('xla sql names one <field>__unread column per field the metrics read, survey and analytics alike', () => {
    const survey = runXla(['sql', SENTIMENT, '--metrics', 'sentiment,lost_time.total', '-q']);
    expect(survey.code).toBe(0);
    expect(survey.stdout).toContain('SUM("u_lost_time") AS "lost_time__unread"');
    expect(survey.stdout).toContain('SUM("u_sentiment") AS "sentiment__unread"');
    const analytics = runXla(['sql', fixture('analytics/daily.csv'), '--metrics', 'bounce_rate', '-q']);
    expect(analytics.code).toBe(0);
    expect(analytics.stdout).toContain('AS "sessions__unread"');
    expect(analytics.stdout).not.toContain('bounce_rate__unread,');
  });
});

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n');
}
