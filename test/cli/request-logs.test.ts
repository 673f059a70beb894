/**
 * Request logs and units (issue 18, items 2 and 3), through the built binary. The fixtures are in
 * fixtures/request-logs (README there: the formats they follow). Every expected value is counted
 * by hand from the rows, as the comments show; T is Apdex's default 500 ms.
 *
 * p95 is metrics.md's linear type 7: h = (n − 1) · 0.95, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋). The
 * JMeter file is built so that nearest rank (⌈0.95 n⌉) gives the same value.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import { scratchDir } from '../scratch.js';

const JMETER = fixture('request-logs/jmeter-results.jtl');

function tempDir(): string {
  return scratchDir('xla-request-logs-');
}

interface InputWithUnits {
  fields: Record<string, string>;
  units?: Record<string, { unit: string; from: string }>;
  preset: string | null;
}

describe('a JMeter CSV .jtl, with no flags', () => {
  // elapsed (ms), success; label:
  //  Home   120 95 150 80 130 110 140                      all ≤ 500, all succeed   → S 7
  //  Login  450 2600 500 610✗ 470 520 430                  S 450 500 470 430, T 520, F 2600 and 610✗
  //  Search 800 300✗ 1200 2000 5000 5000✗                  T 800 1200 2000, F 300✗ 5000 5000✗
  // S 11, T 4, F 5 of 20 → Apdex (11 + 4/2) / 20 = 0.65; failures 3 of 20 → 15 %.
  // Sorted elapsed: 80 95 110 120 130 140 150 300 430 450 470 500 520 610 800 1200 2000 2600 5000 5000;
  // h = 19 · 0.95 = 18.05 between the two 5000s (nearest rank 19 is 5000 too) → 5 s.
  const { report, run } = runJson(['score', JMETER, '--by', 'label']);
  const input = report.inputs[0] as unknown as InputWithUnits;

  it('is recognised as JMeter: elapsed in ms is the response time, not Latency', () => {
    expect(input.preset).toBe('jmeter');
    expect(input.fields).toEqual({ timestamp: 'timeStamp', response_time: 'elapsed', success: 'success' });
    expect(input.units).toEqual({ response_time: { unit: 'ms', from: 'preset' } });
    expect(report.inputs[0]).toMatchObject({ kind: 'analytics', rows: 20, rejected: 0 });
    expect(run.stderr).not.toContain('rejected');
  });

  it('counts each row as one request: Apdex with failures frustrated, error rate, p95', () => {
    expect(resultOf(report, 'apdex')).toMatchObject({
      value: 0.65,
      n: 20,
      detail: { satisfied: 11, tolerating: 4, frustrated: 5, t: 0.5 },
    });
    expect(resultOf(report, 'error_rate')).toMatchObject({ value: 15, n: 20 });
    expect(resultOf(report, 'response_time.p95')).toMatchObject({ value: 5, n: 20 });
  });

  it('per label', () => {
    expect(resultOf(report, 'apdex', { label: 'Home' })).toMatchObject({ value: 1, n: 7 });
    expect(resultOf(report, 'apdex', { label: 'Login' }).value).toBeCloseTo(4.5 / 7, 12);
    expect(resultOf(report, 'apdex', { label: 'Search' })).toMatchObject({ value: 0.25, n: 6 });
    expect(resultOf(report, 'error_rate', { label: 'Home' }).value).toBe(0);
    expect(resultOf(report, 'error_rate', { label: 'Login' }).value).toBeCloseTo(100 / 7, 12);
    expect(resultOf(report, 'error_rate', { label: 'Search' }).value).toBeCloseTo(100 / 3, 12);
    // Home sorted 80 95 110 120 130 140 150: h = 6 · 0.95 = 5.7 → 140 + 0.7 · 10 = 147 ms.
    expect(resultOf(report, 'response_time.p95', { label: 'Home' }).value).toBeCloseTo(0.147, 12);
  });

  it('reads the same on one thread and on several', () => {
    const one = runJson(['score', JMETER, '--by', 'label', '--jobs', '1']);
    expect(one.report.results).toEqual(report.results);
  });

  it('inspect shows the unit and where it came from', () => {
    const inspect = runXla(['inspect', JMETER, '--format', 'json']);
    expect(inspect.code).toBe(0);
    const columns = (JSON.parse(inspect.stdout) as { columns: { name: string; unit?: unknown; format: string | null }[] }).columns;
    expect(columns.find((column) => column.name === 'elapsed')).toMatchObject({ unit: { unit: 'ms', from: 'preset' } });
    expect(columns.find((column) => column.name === 'Latency')).toMatchObject({ unit: null });
    const text = runXla(['inspect', JMETER]);
    expect(text.stdout).toContain('plain numbers in ms (from the preset)');
  });
});

describe('--map with a unit', () => {
  it('--map response_time=Latency:ms reads Latency in ms (p95 of Latency: the two top values 4000 → 4 s)', () => {
    const { report } = runJson(['score', JMETER, '--map', 'response_time=Latency:ms', '--metrics', 'response_time.p95']);
    const input = report.inputs[0] as unknown as InputWithUnits;
    expect(input.fields.response_time).toBe('Latency');
    expect(input.units).toEqual({ response_time: { unit: 'ms', from: 'map' } });
    expect(resultOf(report, 'response_time.p95').value).toBe(4);
  });

  it('--map response_time=Latency:s overrides what the name says', () => {
    const dir = tempDir();
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'timestamp,Latency (ms)\n2024-06-01T10:00:00Z,2\n2024-06-01T10:01:00Z,4\n');
    const { report } = runJson(['score', file, '--map', 'response_time=Latency (ms):s', '--metrics', 'response_time.p95']);
    // [2, 4] s: h = 0.95 → 2 + 0.95 · 2 = 3.9 s.
    expect(resultOf(report, 'response_time.p95').value).toBeCloseTo(3.9, 12);
  });

  it('--map response_time=elapsed without a unit reads elapsed as ms, by its name (the issue’s case)', () => {
    const dir = tempDir();
    const file = join(dir, 'log.csv');
    // No JMeter signature (no label): the generic table alone would bind Latency.
    writeFileSync(file, 'timestamp,elapsed,Latency\n2024-06-01T10:00:00Z,400,300\n2024-06-01T10:01:00Z,600,500\n');
    const generic = runJson(['score', file]);
    expect((generic.report.inputs[0] as unknown as InputWithUnits).fields.response_time).toBe('Latency');
    const { report } = runJson(['score', file, '--map', 'response_time=elapsed']);
    expect((report.inputs[0] as unknown as InputWithUnits).units).toEqual({ response_time: { unit: 'ms', from: 'name' } });
    // 400 ms satisfied, 600 ms tolerating → (1 + 0.5) / 2.
    expect(resultOf(report, 'apdex').value).toBe(0.75);
  });

  it('a column whose name itself ends in ":ms" is found under its whole name', () => {
    const dir = tempDir();
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'timestamp,t:ms\n2024-06-01T10:00:00Z,0.2\n2024-06-01T10:01:00Z,0.3\n');
    const { report } = runJson(['score', file, '--map', 'response_time=t:ms', '--metrics', 'apdex']);
    expect((report.inputs[0] as unknown as InputWithUnits).fields.response_time).toBe('t:ms');
    // Fractions of a second (no unit taken from the suffix): both ≤ 0.5 s.
    expect(resultOf(report, 'apdex').value).toBe(1);
  });

  it('a unit on a field that is no duration is a usage error', () => {
    const run = runXla(['score', fixture('request-logs/http-status.csv'), '--map', 'status_code=http_status:ms']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('status_code is not a duration');
    expect(run.stdout).toBe('');
  });
});

describe('config units:', () => {
  const data = fixture('request-logs/unsure-numbers.csv');

  it('units: { response_time: ms } reads the plain numbers in ms', () => {
    const dir = tempDir();
    const config = join(dir, 'xla.config.yml');
    writeFileSync(config, `sources:\n  - path: ${JSON.stringify(data)}\n    units: { response_time: ms }\n`);
    const { report, run } = runJson(['score', '-c', config]);
    expect((report.inputs[0] as unknown as InputWithUnits).units).toEqual({ response_time: { unit: 'ms', from: 'config' } });
    // 12 40 25 60 33 ms, all ≤ 500 → Apdex 1; p95 56 ms (see below).
    expect(resultOf(report, 'apdex').value).toBe(1);
    expect(resultOf(report, 'response_time.p95').value).toBeCloseTo(0.056, 12);
    expect(run.stderr).not.toContain('plain numbers read as seconds');
  });

  it('a map entry may carry the unit too', () => {
    const dir = tempDir();
    const config = join(dir, 'xla.config.yml');
    writeFileSync(config, `sources:\n  - path: ${JSON.stringify(data)}\n    map: { response_time: "response_time:ms" }\n`);
    const { report } = runJson(['score', '-c', config]);
    expect((report.inputs[0] as unknown as InputWithUnits).units).toEqual({ response_time: { unit: 'ms', from: 'map' } });
  });

  it.each([
    ['a unit typo', 'units: { response_time: msec }', 'sources[0].units.response_time', 'did you mean "ms"'],
    ['a field that is no duration', 'units: { nps: ms }', 'sources[0].units', 'unknown key "nps"'],
  ])('%s is an error naming the key', (_, line, path, detail) => {
    const dir = tempDir();
    const config = join(dir, 'xla.config.yml');
    writeFileSync(config, `sources:\n  - path: ${JSON.stringify(data)}\n    ${line}\n`);
    const run = runXla(['score', '-c', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain(detail);
    expect(run.stdout).toBe('');
  });
});

describe('units from the values', () => {
  it('whole numbers with a median of 100 or more are milliseconds', () => {
    // 230 180 950 410 260 3100✗ 520 340 150 700 (median 375): S 230 180 410 260 340 150, T 950 520 700,
    // F 3100 (failed) → (6 + 1.5) / 10 = 0.75; 1 failure of 10 → 10 %.
    const { report, run } = runJson(['score', fixture('request-logs/plain-numbers.csv')]);
    expect((report.inputs[0] as unknown as InputWithUnits).units).toEqual({ response_time: { unit: 'ms', from: 'values' } });
    expect(resultOf(report, 'apdex').value).toBe(0.75);
    expect(resultOf(report, 'error_rate')).toMatchObject({ value: 10, n: 10 });
    expect(run.stderr).not.toContain('plain numbers read as seconds');
  });

  it('whole numbers with a median of 10–99 stay seconds, and stderr says so once', () => {
    // 12 25 33 40 60 s: h = 4 · 0.95 = 3.8 → 40 + 0.8 · 20 = 56 s; every one > 4T → Apdex 0.
    const { report, run } = runJson(['score', fixture('request-logs/unsure-numbers.csv')]);
    expect((report.inputs[0] as unknown as InputWithUnits).units).toEqual({ response_time: { unit: 's', from: 'default' } });
    expect(resultOf(report, 'response_time.p95').value).toBe(56);
    expect(resultOf(report, 'apdex').value).toBe(0);
    const notes = run.stderr.split('\n').filter((line) => line.includes('plain numbers read as seconds (median 33)'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('--map "response_time=response_time:ms"');
  });
});

describe('an HTTP-status request log', () => {
  // Latency (ms) by its name. status/ms: 200/35 201/120 301/12 404/8✗ 500/2300✗ 200/410 503/30000✗ 200/620
  // 200/1900 429/5✗ 302/15 200/95 → S 35 120 12 410 15 95 (3xx succeed), T 620 1900, F the four ✗.
  // Apdex (6 + 1) / 12 = 7/12; error rate 4/12.
  // Sorted s: .005 .008 .012 .015 .035 .095 .12 .41 .62 1.9 2.3 30; h = 11 · 0.95 = 10.45 → 2.3 + 0.45 · 27.7 = 14.765.
  const { report } = runJson(['score', fixture('request-logs/http-status.csv')]);

  it('binds the status and reads failures from it', () => {
    const input = report.inputs[0] as unknown as InputWithUnits;
    expect(input.fields).toEqual({ timestamp: 'time', status_code: 'http_status', response_time: 'Latency (ms)' });
    expect(input.units).toEqual({ response_time: { unit: 'ms', from: 'name' } });
    expect(resultOf(report, 'apdex').value).toBeCloseTo(7 / 12, 12);
    expect(resultOf(report, 'apdex').detail).toMatchObject({ satisfied: 6, tolerating: 2, frustrated: 4 });
    expect(resultOf(report, 'error_rate').value).toBeCloseTo(100 / 3, 12);
    expect(resultOf(report, 'response_time.p95').value).toBeCloseTo(14.765, 12);
  });

  it('a status outside 100–599 is rejected, not guessed', () => {
    const dir = tempDir();
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'time,http_status,Latency (ms)\n2024-06-01T10:00:00Z,200,100\n2024-06-01T10:01:00Z,999,100\n');
    const { report } = runJson(['score', file, '--metrics', 'error_rate']);
    expect(report.inputs[0]).toMatchObject({ rows: 2, rejected: 1 });
    expect(resultOf(report, 'error_rate')).toMatchObject({ value: 0, n: 1 });
  });
});

describe('success values', () => {
  it.each([
    ['true/false', 'true', 'FALSE'],
    ['yes/no', 'Yes', 'no'],
    ['1/0', '1', '0'],
  ])('%s, any case', (_, yes, no) => {
    const dir = tempDir();
    const file = join(dir, 'log.csv');
    writeFileSync(file, `timestamp,success,Latency (ms)\n2024-06-01T10:00:00Z,${yes},100\n2024-06-01T10:01:00Z,${no},100\n`);
    const { report } = runJson(['score', file]);
    expect(resultOf(report, 'error_rate')).toMatchObject({ value: 50, n: 2 });
    // The failed request is frustrated although it took 100 ms: (1 + 0) / 2.
    expect(resultOf(report, 'apdex').value).toBe(0.5);
  });
});

describe('the aggregate form keeps working', () => {
  it('requests and errors per row: Σerrors / Σrequests, and a row with errors is frustrated', () => {
    const dir = tempDir();
    const file = join(dir, 'agg.csv');
    writeFileSync(file, 'date,requests,errors,response_time\n2024-06-01,100,3,0.2\n2024-06-02,300,0,0.3\n');
    const { report } = runJson(['score', file]);
    // 3 of 400; row 1 has errors → frustrated, row 2 satisfied → 0.5.
    expect(resultOf(report, 'error_rate')).toMatchObject({ value: 0.75, n: 400 });
    expect(resultOf(report, 'apdex').value).toBe(0.5);
  });
});

describe('JMeter XML results', () => {
  it('are refused with a message that says how to get CSV, and no output file', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const run = runXla(['score', fixture('request-logs/jmeter-results.xml.jtl'), '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('JMeter results as XML');
    expect(run.stderr).toContain('output_format=csv');
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
