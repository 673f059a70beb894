/**
 * Issue 19, end to end: the ServiceNow incident event log under a business-hours calendar and a
 * per-priority SLA policy (fixtures/servicenow/service-desk.yml), as a user runs it. Every expected
 * number comes from fixtures/servicenow/reference.py, which computes them with Python's standard
 * library (csv, zoneinfo) and none of xla's code:
 *
 *   python3 fixtures/servicenow/reference.py fixtures/datasets/servicenow-events-1200.csv
 *   python3 fixtures/servicenow/reference.py ../shared/datasets/servicenow-incident-log/incident_event_log_prefix.csv
 *
 * The log carries its own `made_sla` flag, which takes precedence over a policy (metrics.md §3.3);
 * to check the policy the test also scores a copy without that column.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, describeOnDatasets } from '../datasets.js';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const CONFIG = fixture('servicenow/service-desk.yml');
/** `--by priority` segments by the column as exported; the preset reads `1 - Critical` as P1 for the policy. */
const EXPORTED = { P1: '1 - Critical', P2: '2 - High', P3: '3 - Moderate', P4: '4 - Low' } as const;

/** A copy of a CSV without one column (the log has no quoted cells, so a split is exact). */
function withoutColumn(path: string, column: string): string {
  const lines = readFileSync(path, 'utf8').split('\n');
  const index = (lines[0] ?? '').split(',').indexOf(column);
  if (index < 0) throw new Error(`${path} has no column ${column}`);
  const kept = lines.map((line) =>
    line === ''
      ? line
      : line
          .split(',')
          .filter((_, i) => i !== index)
          .join(','),
  );
  const out = join(scratchDir('xla-service-desk-'), 'incidents.csv');
  writeFileSync(out, kept.join('\n'));
  return out;
}

interface Expected {
  resolved: number;
  /** Closed (by incident_state) with no resolved_at: not open, counted apart. */
  closedWithoutStamp: number;
  /** Business seconds of resolution: mean, median, p90 (type 7). */
  mean: number;
  median: number;
  p90: number;
  /** The policy's verdicts per priority (P1 = `1 - Critical` …): [met, breached]. */
  policy: Record<'P1' | 'P2' | 'P3', [number, number]>;
  /** The log's own made_sla flags over all incidents: [true, false]. */
  flags: [number, number];
}

function checkServiceDesk(path: string, expected: Expected): void {
  const policyRun = (): ReturnType<typeof runJson>['report'] =>
    runJson(['score', '--config', CONFIG, withoutColumn(path, 'made_sla'), '--by', 'priority', '-q'], { timeoutMs: 120_000 }).report;

  it('counts resolution time in working hours of the calendar (Berlin, two intervals, holidays, DST on 27 March)', () => {
    const report = policyRun();
    expect(resultOf(report, 'resolution_time.mean').n).toBe(expected.resolved);
    expect(resultOf(report, 'resolution_time.mean').detail).toMatchObject({
      excluded_open: 0,
      excluded_closed: expected.closedWithoutStamp,
      excluded_unreadable: 0,
    });
    expect(resultOf(report, 'resolution_time.mean').value).toBeCloseTo(expected.mean, 6);
    expect(resultOf(report, 'resolution_time.median').value).toBe(expected.median);
    expect(resultOf(report, 'resolution_time.p90').value).toBeCloseTo(expected.p90, 6);
  });

  it('judges each priority against its due instant in working time; P4 has none and is left out', () => {
    const report = policyRun();
    let met = 0;
    let all = 0;
    for (const [priority, [ok, breached]] of Object.entries(expected.policy)) {
      const result = resultOf(report, 'sla_attainment', { priority: EXPORTED[priority as keyof typeof EXPORTED] });
      expect(result.n).toBe(ok + breached);
      expect(result.value).toBeCloseTo((100 * ok) / (ok + breached), 10);
      met += ok;
      all += ok + breached;
    }
    expect(resultOf(report, 'sla_attainment').n).toBe(all);
    expect(resultOf(report, 'sla_attainment').value).toBeCloseTo((100 * met) / all, 10);
    expect(
      report.results.some((result) => result.metric === 'sla_attainment' && result.segment.priority === EXPORTED.P4 && result.n > 0),
    ).toBe(false);
  });

  it('lets the log’s own made_sla flag decide where it is present', () => {
    const { report } = runJson(['score', '--config', CONFIG, path, '--metrics', 'sla_attainment', '-q'], { timeoutMs: 120_000 });
    const [met, breached] = expected.flags;
    expect(resultOf(report, 'sla_attainment')).toMatchObject({ n: met + breached });
    expect(resultOf(report, 'sla_attainment').value).toBeCloseTo((100 * met) / (met + breached), 10);
  });

  it('fails xla check on the SLA target (< 90 %) and judges the median against 18 h of working time, in JUnit', () => {
    const junit = join(scratchDir('xla-service-desk-'), 'junit.xml');
    const run = runXla(['check', '--config', CONFIG, withoutColumn(path, 'made_sla'), '-f', 'junit', '-o', junit, '-q'], {
      timeoutMs: 120_000,
    });
    expect(run.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    const failed = (id: string): boolean => new RegExp(`name="${id}"[^>]*>\\s*<failure`).test(xml);
    expect(failed('sla-kept')).toBe(true);
    expect(failed('fixed-fast')).toBe(expected.median > 18 * 3600);
  });
}

describe('the service desk XLA on 1,200 events of the ServiceNow log (190 incidents)', () => {
  // reference.py: 182 resolved with a readable resolved_at, 8 without; P1 2/2, P2 1/2, P3 127/14.
  checkServiceDesk(fixture('datasets/servicenow-events-1200.csv'), {
    resolved: 182,
    closedWithoutStamp: 8,
    mean: 298806.5934065934,
    median: 73590,
    p90: 552036.0000000001,
    policy: { P1: [2, 2], P2: [1, 2], P3: [127, 14] },
    flags: [125, 65],
  });
});

describeOnDatasets('the service desk XLA on the whole ServiceNow log (14,628 incidents)', () => {
  checkServiceDesk(dataset('servicenow-incident-log/incident_event_log_prefix.csv'), {
    resolved: 13551,
    closedWithoutStamp: 1077,
    mean: 174831.89727695374,
    median: 38100,
    p90: 354840,
    policy: { P1: [27, 117], P2: [78, 118], P3: [10904, 1856] },
    flags: [7870, 6758],
  });
});
