import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { formatNdjson } from '../../src/report/ndjson.js';
import type { Result } from '../../src/scorecard/model.js';
import { SAMPLE_REPORT, VERDICT_REPORT, makeReport, makeResult } from './report-fixture.js';

/** The same result with its keys inserted in reverse, as a scorecard might build it. */
function reverseKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).reverse()) as T;
}

const RESULT_KEYS = ['metric', 'name', 'domain', 'unit', 'better', 'segment', 'period', 'value', 'n', 'ci', 'detail', 'change'];
const TARGET_KEYS = [
  'id',
  'name',
  'metric',
  'segment',
  'period',
  'where',
  'op',
  'threshold',
  'unit',
  'value',
  'n',
  'ci',
  'min_n',
  'basis',
  'level',
  'status',
  'outcome',
];
const COMPOSITE_KEYS = ['id', 'name', 'domain', 'value', 'status', 'op', 'threshold', 'level', 'outcome', 'components'];
const COMPONENT_KEYS = ['target', 'weight', 'score', 'status', 'key'];
const SUMMARY_KEYS = ['targets', 'met', 'breached', 'inconclusive', 'no_data', 'status'];

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
      targets: VERDICT_REPORT.targets.map((t) => reverseKeys(t)),
      composites: VERDICT_REPORT.composites.map((c) => reverseKeys({ ...c, components: c.components.map((k) => reverseKeys(k)) })),
      summary: reverseKeys(SAMPLE_REPORT.summary),
    });
    const parsed = JSON.parse(formatJson(scrambled)) as Record<string, unknown> & {
      results: Record<string, unknown>[];
      inputs: (Record<string, unknown> & { format: object })[];
      targets: Record<string, unknown>[];
      composites: (Record<string, unknown> & { components: object[] })[];
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
    expect(parsed.targets.map((t) => Object.keys(t))).toEqual(VERDICT_REPORT.targets.map(() => TARGET_KEYS));
    expect(parsed.composites.map((c) => Object.keys(c))).toEqual([COMPOSITE_KEYS, COMPOSITE_KEYS]);
    expect(Object.keys(parsed.composites[0]?.components[0] ?? {})).toEqual(COMPONENT_KEYS);
    expect(Object.keys(parsed.summary)).toEqual(SUMMARY_KEYS);
  });

  it('carries targets, composites and summary unchanged', () => {
    const parsed = JSON.parse(formatJson(VERDICT_REPORT)) as typeof VERDICT_REPORT;
    expect(parsed).toEqual(VERDICT_REPORT);
    expect(parsed.targets[1]).toEqual({
      id: 'happy-users',
      name: 'Users are happy with support',
      metric: 'csat',
      segment: { team: 'Network' },
      period: null,
      where: {},
      op: '>=',
      threshold: 85,
      unit: '%',
      value: 72,
      n: 120,
      ci: [64.1, 79.2],
      min_n: 30,
      basis: 'point',
      level: 'error',
      status: 'breached',
      outcome: 'fail',
    });
    expect(parsed.summary).toEqual({ targets: 6, met: 1, breached: 3, inconclusive: 1, no_data: 1, status: 'fail' });
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
    const report = { ...VERDICT_REPORT, inputs: SAMPLE_REPORT.inputs };
    const output = formatNdjson(report);
    expect(output.endsWith('\n')).toBe(true);
    const lines = output.slice(0, -1).split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => r['type'])).toEqual([
      'input',
      'input',
      'result',
      'result',
      'result',
      'target',
      'target',
      'target',
      'target',
      'target',
      'composite',
      'composite',
      'summary',
    ]);
    expect(records.every((r) => Object.keys(r)[0] === 'type')).toBe(true);
    expect(records[2]).toEqual({ type: 'result', ...VERDICT_REPORT.results[0] });
    expect(records.filter((r) => r['type'] === 'target').map((r) => Object.keys(r).slice(1))).toEqual(
      VERDICT_REPORT.targets.map(() => TARGET_KEYS),
    );
    expect(lines[10]).toBe(
      '{"type":"composite","id":"xla-index","name":"Experience index","domain":null,"value":68.5,"status":"breached","op":">=","threshold":80,' +
        '"level":"error","outcome":"fail","components":[{"target":"happy-users","weight":0.5,"score":37,"status":"breached","key":true},' +
        '{"target":"p1-fixed-fast","weight":0.3,"score":75,"status":"breached","key":false},' +
        '{"target":"promoters","weight":0.2,"score":100,"status":"met","key":false}]}',
    );
    expect(lines.at(-1)).toBe('{"type":"summary","targets":6,"met":1,"breached":3,"inconclusive":1,"no_data":1,"status":"fail"}');
  });

  it('writes only the summary for an empty report', () => {
    expect(formatNdjson(makeReport())).toBe(
      '{"type":"summary","targets":0,"met":0,"breached":0,"inconclusive":0,"no_data":0,"status":"pass"}\n',
    );
  });

  it('refuses non-finite numbers', () => {
    const report = makeReport({ results: [makeResult({ metric: 'nps', value: Number.NEGATIVE_INFINITY })] });
    expect(() => formatNdjson(report)).toThrow(/xla bug/);
  });
});
