/**
 * The SQL pushdown's ticket family end to end (README "SQL pushdown", tickets), through the built
 * binary: `--engine duckdb` gives the streaming report within 1e-9 relative on the ticket fixtures
 * and their Parquet twin, by-hand values confirm what both compute, PostgreSQL runs the generated
 * SQL for real, and the ticket datasets the pushdown cannot read are refused by name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { expectDuckDbAsStreaming, itRoundTripsThroughPostgres, usePostgres } from '../sql/equality.js';
import { fixture, runXla } from './run-xla.js';

const MEANS = 'resolution_time.mean,first_response_time.mean,reassignments.mean';
const MEANS_FILE = 'tickets/means-sql.csv';
const SLA = 'sla_attainment,sla_attainment.first_response';
const WATERMELON = 'watermelon_rate,happy_breach_rate';
const SLA_FILE = 'tickets/sla-sql.csv';
const SLA_CONFIG = ['--config', fixture('tickets/sla-sql.yml')];

describe('ticket means: --engine duckdb gives the streaming report', () => {
  it.each([
    [
      'the means fixture by team (fractions of a second, a count past 10^12, rejected counts)',
      [MEANS_FILE, '--metrics', MEANS, '--by', 'team'],
    ],
    [
      'duration means from offsets and wall times in Berlin (a DST night), with the percentiles',
      [
        'tickets/durations-sql.csv',
        '--metrics',
        'resolution_time.mean,resolution_time.median,first_response_time.mean,first_response_time.p90',
        '--tz',
        'Europe/Berlin',
      ],
    ],
    [
      'the ticket fixture by priority and month',
      ['tickets/tickets.csv', '--metrics', MEANS.replace(',reassignments.mean', ''), '--by', 'priority', '--period', 'month'],
    ],
    [
      'the Parquet ticket twin (UTC instants)',
      ['parquet/tickets.parquet', '--metrics', 'resolution_time.mean,first_response_time.mean', '--by', 'priority'],
    ],
  ])('%s', (_, [file, ...args]) => {
    expectDuckDbAsStreaming([fixture(file as string), ...args]);
  });

  it('the means, by hand', () => {
    const report = expectDuckDbAsStreaming([fixture(MEANS_FILE), '--metrics', MEANS]);
    const result = (metric: string) => report.results.find((r) => r.metric === metric && Object.keys(r.segment).length === 0);
    // Resolution (s): M1 3600.5, M2 172800, M4 1800, M5 10800, M6 604800, M9 30 → 793830.5 / 6.
    // M3 open, M7 closed by status without resolved_at, M8 "garbage": left out and counted.
    expect(result('resolution_time.mean')).toMatchObject({
      value: 793830.5 / 6,
      n: 6,
      ci: null,
      detail: { excluded_open: 1, excluded_closed: 1, excluded_unreadable: 1 },
    });
    // First response (s): M1 0.125, M2 600, M3 1.001, M6 0, M8 300, M9 30 → 931.126 / 6.
    // M4 (resolved) and M7 (closed) unanswered: closed; M5 answered before created: unreadable.
    expect(result('first_response_time.mean')).toMatchObject({
      n: 6,
      detail: { excluded_open: 0, excluded_closed: 2, excluded_unreadable: 1 },
    });
    expect(result('first_response_time.mean')?.value).toBeCloseTo(931.126 / 6, 9);
    // Reassignments: 0, 3, 2.0, 12345678901234, " 4 "; 2.5 and -1 rejected, blank and n/a missing.
    expect(result('reassignments.mean')).toMatchObject({ value: 12345678901243 / 5, n: 5 });
  });

  it('xla sql over the file: the means read the stamps and the count whole', () => {
    const run = runXla(['sql', fixture(MEANS_FILE), '--metrics', MEANS, '-q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SUM(CAST("d_resolved_at" AS DECIMAL(38, 0))) * 0.001');
    expect(run.stdout).toContain('AS DECIMAL(38, 6)) AS DECIMAL(38, 0)) END AS "n_reassignment_count"');
  });

  it('BigQuery and Spark read the ticket stamps too: xla sql writes the means for them (exit 0)', () => {
    for (const [dialect, sum] of [
      ['bigquery', "SUM(CAST(`d_resolved_at` AS BIGNUMERIC)) * CAST('0.001' AS BIGNUMERIC)"],
      ['spark', 'SUM(CAST(`d_resolved_at` AS DECIMAL(38, 0))) * 0.001'],
    ] as const) {
      const run = runXla(['sql', fixture(MEANS_FILE), '--metrics', 'resolution_time.mean', '--dialect', dialect, '--table', 't']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(sum);
      expect(run.stderr).toBe('');
    }
  });
});

describe('SLA attainment: --engine duckdb gives the streaming report', () => {
  it.each([
    [
      'the SLA fixture at --as-of (flags, due column, config targets, in-flight tickets)',
      [SLA_FILE, ...SLA_CONFIG, '--metrics', SLA, '--as-of', '2024-07-02T00:00:00Z'],
    ],
    ['the SLA fixture by team, "now" the newest stamp read', [SLA_FILE, ...SLA_CONFIG, '--metrics', SLA, '--by', 'team']],
    [
      'the SLA fixture by day, --where with --as-of',
      [SLA_FILE, ...SLA_CONFIG, '--metrics', SLA, '--period', 'day', '--where', 'team=A', '--as-of', '2024-07-01T12:00:00Z'],
    ],
    [
      'the as-of fixture (config targets)',
      [
        'tickets/sla-as-of.csv',
        '--config',
        fixture('tickets/sla-as-of.yml'),
        '--metrics',
        'sla_attainment',
        '--as-of',
        '2024-03-01T05:00:00Z',
      ],
    ],
    ['the SLA policy fixture, both clocks', ['tickets/sla-policy.csv', '--config', fixture('tickets/sla-policy.yml'), '--metrics', SLA]],
    [
      'the ticket fixture (made_sla) by priority and month',
      ['tickets/tickets.csv', '--metrics', 'sla_attainment', '--by', 'priority', '--period', 'month'],
    ],
    ['the Parquet ticket twin (a boolean made_sla)', ['parquet/tickets.parquet', '--metrics', 'sla_attainment', '--by', 'priority']],
    ['watermelon rates by team, "now" the newest stamp', [SLA_FILE, ...SLA_CONFIG, '--metrics', WATERMELON, '--by', 'team']],
    ['watermelon rates from made_sla and satisfaction, by priority', ['tickets/tickets.csv', '--metrics', WATERMELON, '--by', 'priority']],
    ['watermelon rates on the Parquet twin', ['parquet/tickets.parquet', '--metrics', WATERMELON]],
  ])('%s', (_, [file, ...args]) => {
    expectDuckDbAsStreaming([fixture(file as string), ...args]);
  });

  it('met / (met + breached), the open ones judged at --as-of, by hand', () => {
    const report = expectDuckDbAsStreaming([fixture(SLA_FILE), ...SLA_CONFIG, '--metrics', SLA, '--as-of', '2024-07-02T00:00:00Z']);
    const result = (metric: string) => report.results.find((r) => r.metric === metric);
    // Resolution (P1 4h, P2 8h, "P 3" 1d): met A1, A7 (ONTIME), A10, A11 (" P 3 " trimmed), A17 (resolved at the due instant);
    // breached A2, A6 (flag), A15 (its due column, not the target), A3 (open, due 13:00 before --as-of). In flight: A4 (due
    // 07-10), A16 (due exactly at --as-of), A5 (flagged met, open). A8's resolved_at is no date: unreadable. Not judged: A9
    // (closed by status alone), A12 (n/a is missing), A13 (p1 is no key), A14 (no created_at).
    expect(result('sla_attainment')).toMatchObject({
      value: (100 * 5) / 9,
      n: 9,
      detail: { x: 5, n: 9, breached: 4, excluded_open: 3, excluded_unreadable: 1, as_of: Date.parse('2024-07-02T00:00:00Z') },
    });
    // First response (P1 1h): met A1, A17 (at the due instant); breached A2, and A3, A5 (unanswered, past due); unreadable
    // A8 (no answer, resolved_at no date) and A10 (answered before created).
    expect(result('sla_attainment.first_response')).toMatchObject({
      value: 40,
      n: 5,
      detail: { x: 2, n: 5, breached: 3, excluded_open: 0, excluded_unreadable: 2 },
    });
    // Without --as-of, "now" is the newest stamp read: A6's resolved_at, 2024-07-01T20:00Z.
    const now = expectDuckDbAsStreaming([fixture(SLA_FILE), ...SLA_CONFIG, '--metrics', 'sla_attainment']);
    expect(now.results[0]?.detail?.as_of).toBe(Date.parse('2024-07-01T20:00:00Z'));
  });

  it('watermelon and happy-breach rates: the same verdicts, with the answers, by hand', () => {
    const report = expectDuckDbAsStreaming([fixture(SLA_FILE), ...SLA_CONFIG, '--metrics', WATERMELON, '--as-of', '2024-07-02T00:00:00Z']);
    const result = (metric: string) => report.results.find((r) => r.metric === metric);
    // Met and answered: A1 (NPS 3, unhappy), A7 (NPS 7 wins over satisfaction 1: neutral), A10 (satisfaction 2, unhappy),
    // A11 (NPS 11 rejected, satisfaction 5: happy), A17 (4, happy) → 2 unhappy of 5.
    expect(result('watermelon_rate')).toMatchObject({ value: 40, n: 5, detail: { x: 2, n: 5, unhappy: 2 } });
    // Breached and answered: A2 (NPS 10), A6 (4), A3 (open past due, 5): all happy; A15's 6 is rejected, so no answer.
    expect(result('happy_breach_rate')).toMatchObject({ value: 100, n: 3, detail: { x: 3, n: 3, happy: 3 } });
    // Before A3's due instant it is in flight, not breached.
    const early = expectDuckDbAsStreaming([fixture(SLA_FILE), ...SLA_CONFIG, '--metrics', WATERMELON, '--as-of', '2024-07-01T12:00:00Z']);
    expect(early.results.find((r) => r.metric === 'happy_breach_rate')).toMatchObject({ n: 2 });
  });

  it.each([
    [
      'business hours',
      [fixture('tickets/sla-policy.csv'), '--config', fixture('tickets/sla-policy.yml'), '--metrics', SLA, '--business-hours'],
      'does not support business_hours yet',
    ],
    [
      '--where without --as-of ("now" is the newest stamp of every row, filtered or not)',
      [fixture(SLA_FILE), ...SLA_CONFIG, '--metrics', 'sla_attainment', '--where', 'team=A'],
      'which the SQL pushdown cannot take with --where',
    ],
  ])('refused by name: %s', (_, args, message) => {
    const run = runXla(['score', ...args, '--engine', 'duckdb']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('BigQuery and Spark read the ticket stamps too: xla sql writes the SLA query for them (exit 0)', () => {
    const run = runXla(['sql', fixture(SLA_FILE), ...SLA_CONFIG, '--metrics', 'sla_attainment', '--dialect', 'spark', '--table', 't']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AS `sla_attainment__open_due`');
  });
});

describe('self_service_rate: --engine duckdb gives the streaming report', () => {
  it.each([
    ['by team', [SLA_FILE, '--metrics', 'self_service_rate', '--by', 'team']],
    ['by day, with the other rates over resolved tickets', [SLA_FILE, '--metrics', 'self_service_rate,reopen_rate', '--period', 'day']],
  ])('%s', (_, [file, ...args]) => {
    expectDuckDbAsStreaming([fixture(file as string), ...args]);
  });

  it('resolved tickets resolved without an agent, by hand', () => {
    const report = expectDuckDbAsStreaming([fixture(SLA_FILE), '--metrics', 'self_service_rate']);
    // Resolved (a stamp, a closing status, or a rejected resolved_at) with an answer: yes A1, A8, A9 (y), A6 (TRUE),
    // A12 (да), A15 (t); no A2, A7 (n), A11, A14 (false). A10's "maybe" is rejected, A13 blank, A17 N/A: no answer.
    // Open with an answer: A3, A5, A16.
    expect(report.results[0]).toMatchObject({
      value: 60,
      n: 10,
      detail: { x: 6, n: 10, excluded_open: 3, excluded_unknown: 0, source: 'self_service', from_field: 10, from_channels: 0 },
    });
  });

  it('judging tickets by a config list of self-service channels is refused by name, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xla-sqt-'));
    try {
      const config = join(dir, 'xla.yml');
      writeFileSync(config, 'self_service_channels: [portal, chatbot]\n');
      const run = runXla(['score', fixture(SLA_FILE), '--config', config, '--metrics', 'self_service_rate', '--engine', 'duckdb']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('self_service_rate: the SQL pushdown does not judge tickets by self_service_channels');
      // The default selection leaves it out, named, and computes the rest.
      const byDefault = runXla(['score', fixture(SLA_FILE), '--config', config, '--engine', 'duckdb', '-f', 'json']);
      expect(byDefault.code).toBe(0);
      expect(byDefault.stderr).toMatch(/the SQL pushdown leaves out [^\n]*self_service_rate/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a default run over tickets', () => {
  it('computes the ticket metrics and names the others on stderr', () => {
    const run = runXla(['score', fixture('tickets/tickets.csv'), '--engine', 'duckdb', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('the SQL pushdown leaves out data.');
    const metrics = new Set((JSON.parse(run.stdout) as { results: { metric: string }[] }).results.map((r) => r.metric));
    for (const id of ['resolution_time.mean', 'first_response_time.mean', 'sla_attainment', 'backlog', 'backlog.age.p90'])
      expect(metrics.has(id), id).toBe(true);
  });
});

describeOnDatasets('the ticket datasets: none is in a form the pushdown reads, and each is refused by name', () => {
  it.each([
    ['Boston 311 (US dates read through the preset value maps)', 'boston-311-2015/graffiti-removal.csv', 'export with value maps'],
    ['ServiceNow incident log', 'servicenow-incident-log/incident_event_log_prefix.csv', 'is an event log'],
  ])('%s', (_, file, message) => {
    const run = runXla(['score', dataset(file), '--engine', 'duckdb', '--metrics', 'resolution_time.mean']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});

describe('Russian statuses and yes/no words in any case, and cells with white space at an end', () => {
  it('are read as xla reads them: closed by "ЗАКРЫТО", "решена" and "Closed" + no-break space, reopened by "ДА" and "да"', () => {
    const report = expectDuckDbAsStreaming([fixture('tickets/russian-words-sql.csv'), '--metrics', 'reopen_rate,sla_attainment']);
    // Resolved: T1, T4 (stamps), T2, T5, T6 (statuses; T6's ends with U+00A0); T3 "В работе" is open.
    // Reopened: T2, T4 of the five (T6's "no" begins with an em space) → 2 of 5.
    expect(report.results.find((result) => result.metric === 'reopen_rate')).toMatchObject({ value: 40, n: 5 });
    // Made SLA: T1 "ДА", T4 "Да", T6 "yes" + tab met; T2 "НЕТ", T5 "нет" breached; T3 has no flag → 3 of 5.
    expect(report.results.find((result) => result.metric === 'sla_attainment')).toMatchObject({ value: 60, n: 5 });
  });
});

describe('PostgreSQL runs the ticket family', () => {
  const postgres = usePostgres();

  itRoundTripsThroughPostgres(
    postgres,
    [
      // The test server runs in the C locale: its lower() leaves Cyrillic capitals as they are (dialects.ts lowerForWords).
      [
        'Russian statuses and yes/no words in any case',
        'tickets/russian-words-sql.csv',
        ['--metrics', 'reopen_rate,sla_attainment,tickets'],
      ],
      ['the means fixture by team', MEANS_FILE, ['--metrics', MEANS, '--by', 'team']],
      [
        'duration means in Berlin',
        'tickets/durations-sql.csv',
        ['--metrics', 'resolution_time.mean,first_response_time.mean', '--tz', 'Europe/Berlin'],
      ],
      [
        'the ticket fixture by priority and month',
        'tickets/tickets.csv',
        ['--metrics', 'resolution_time.mean,first_response_time.mean', '--by', 'priority', '--period', 'month'],
      ],
      ['SLA attainment at --as-of by team', SLA_FILE, [...SLA_CONFIG, '--metrics', SLA, '--by', 'team', '--as-of', '2024-07-02T00:00:00Z']],
      ['SLA attainment, "now" the newest stamp', SLA_FILE, [...SLA_CONFIG, '--metrics', SLA]],
      ['SLA attainment from made_sla by month', 'tickets/tickets.csv', ['--metrics', 'sla_attainment', '--period', 'month']],
      [
        'watermelon rates by team at --as-of',
        SLA_FILE,
        [...SLA_CONFIG, '--metrics', WATERMELON, '--by', 'team', '--as-of', '2024-07-02T00:00:00Z'],
      ],
      ['watermelon rates, "now" the newest stamp', SLA_FILE, [...SLA_CONFIG, '--metrics', WATERMELON]],
      ['self_service_rate by team', SLA_FILE, ['--metrics', 'self_service_rate', '--by', 'team']],
      ['the ticket fixture, every metric the pushdown computes', 'tickets/tickets.csv', ['--by', 'priority']],
    ],
    fixture,
  );
});
