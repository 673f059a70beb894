import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { formatNdjson } from '../../src/report/ndjson.js';
import type { Result } from '../../src/scorecard/model.js';
import { SAMPLE_REPORT, makeReport, makeResult } from './report-fixture.js';

/** The same result with its keys inserted in reverse, as a scorecard might build it. */
function reverseKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).reverse()) as T;
}

const RESULT_KEYS = ['metric', 'name', 'domain', 'unit', 'better', 'segment', 'period', 'value', 'n', 'ci', 'detail', 'change'];

describe('formatJson', () => {
  it('round-trips the report through JSON.parse', () => {
    const output = formatJson(SAMPLE_REPORT);
    expect(JSON.parse(output)).toEqual(SAMPLE_REPORT);
    expect(output.endsWith('}\n')).toBe(true);
    expect(output).toContain('\n  "schema": "xla-report/1",\n');
  });

  it('writes keys in the documented order whatever order the report was built in', () => {
    const scrambled = reverseKeys({
      ...SAMPLE_REPORT,
      results: SAMPLE_REPORT.results.map((r) => reverseKeys(r)),
      inputs: SAMPLE_REPORT.inputs.map((i) => reverseKeys({ ...i, format: reverseKeys(i.format) })),
      targets: SAMPLE_REPORT.targets.map((t) => reverseKeys(t)),
      summary: reverseKeys(SAMPLE_REPORT.summary),
    });
    const parsed = JSON.parse(formatJson(scrambled)) as Record<string, unknown> & {
      results: Record<string, unknown>[];
      inputs: (Record<string, unknown> & { format: object })[];
      targets: Record<string, unknown>[];
      summary: object;
    };
    expect(Object.keys(parsed)).toEqual(['schema', 'title', 'inputs', 'results', 'targets', 'composites', 'summary']);
    expect(Object.keys(parsed.results[0] ?? {})).toEqual(RESULT_KEYS.filter((k) => k !== 'change'));
    expect(Object.keys(parsed.results[1] ?? {})).toEqual(RESULT_KEYS.filter((k) => k !== 'detail' && k !== 'change'));
    const withChange = parsed.results[3] ?? {};
    expect(Object.keys(withChange)).toEqual(RESULT_KEYS.filter((k) => k !== 'detail'));
    expect(Object.keys(withChange['change'] ?? {})).toEqual(['from', 'delta', 'p', 'significant']);
    expect(Object.keys(parsed.inputs[0] ?? {})).toEqual(['name', 'kind', 'preset', 'rows', 'accepted', 'rejected', 'format', 'fields']);
    expect(Object.keys(parsed.inputs[0]?.format ?? {})).toEqual(['type', 'delimiter', 'encoding']);
    expect(Object.keys(parsed.targets[0] ?? {})).toEqual(['id', 'metric', 'segment', 'period', 'op', 'threshold', 'value', 'n', 'basis', 'level', 'status']);
    expect(Object.keys(parsed.summary)).toEqual(['targets', 'met', 'breached', 'no_data', 'status']);
  });

  it.each<[string, Partial<Result>]>([
    ['a NaN value', { value: Number.NaN }],
    ['an infinite interval bound', { ci: [0, Number.POSITIVE_INFINITY] }],
    ['a NaN in the detail', { detail: { sd: Number.NaN } }],
  ])('refuses %s instead of writing null', (_label, overrides) => {
    const report = makeReport({ results: [makeResult({ metric: 'nps', value: 1, n: 1, ...overrides })] });
    expect(() => formatJson(report)).toThrow(/xla bug/);
  });
});

describe('formatNdjson', () => {
  it('writes one typed object per line: inputs, results, targets, composites, summary', () => {
    const report = {
      ...SAMPLE_REPORT,
      composites: [{ id: 'xla-index', name: 'XLA index', value: 84.2, components: [{ target: 'nps-floor', weight: 0.5, score: 100 }] }],
    };
    const output = formatNdjson(report);
    expect(output.endsWith('\n')).toBe(true);
    const lines = output.slice(0, -1).split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => r['type'])).toEqual([
      'input', 'input',
      'result', 'result', 'result', 'result', 'result', 'result', 'result', 'result', 'result',
      'target', 'target',
      'composite',
      'summary',
    ]);
    expect(records.every((r) => Object.keys(r)[0] === 'type')).toBe(true);
    expect(records[2]).toEqual({ type: 'result', ...SAMPLE_REPORT.results[0] });
    expect(lines.at(-1)).toBe('{"type":"summary","targets":2,"met":1,"breached":1,"no_data":0,"status":"warn"}');
  });

  it('writes only the summary for an empty report', () => {
    expect(formatNdjson(makeReport())).toBe('{"type":"summary","targets":0,"met":0,"breached":0,"no_data":0,"status":"pass"}\n');
  });

  it('refuses non-finite numbers', () => {
    const report = makeReport({ results: [makeResult({ metric: 'nps', value: Number.NEGATIVE_INFINITY })] });
    expect(() => formatNdjson(report)).toThrow(/xla bug/);
  });
});
