import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseReport } from '../../src/io/read-report.js';

const RESULT = {
  metric: 'csat',
  name: 'CSAT',
  domain: 'cx',
  unit: '%',
  better: 'higher',
  segment: {},
  period: null,
  value: 60,
  n: 10,
  ci: null,
  detail: { x: 6, n: 10 },
};
const TARGET = {
  id: 'floor',
  name: null,
  metric: 'csat',
  segment: {},
  period: null,
  where: {},
  op: '>=',
  threshold: 50,
  unit: '%',
  value: 60,
  n: 10,
  ci: null,
  min_n: 1,
  basis: 'point',
  level: 'error',
  status: 'met',
  outcome: 'pass',
};

function reportText(fields: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { schema: 'xla-report/1', title: null, inputs: [], results: [RESULT], targets: [TARGET], composites: [], ...fields },
    null,
    2,
  );
}

function refusal(text: string): InputError {
  try {
    parseReport(text, 'base.json');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('parseReport', () => {
  it('keeps what diff compares and accepts keys it does not know (reports grow by added fields)', () => {
    const parsed = parseReport(reportText({ future: { anything: [1] }, results: [{ ...RESULT, newer: true }] }), 'base.json');
    expect(parsed).toEqual({
      title: null,
      results: [
        { metric: 'csat', name: 'CSAT', unit: '%', better: 'higher', segment: {}, period: null, value: 60, n: 10, detail: { x: 6, n: 10 } },
      ],
      targets: [
        { id: 'floor', name: null, metric: 'csat', segment: {}, period: null, unit: '%', value: 60, n: 10, level: 'error', status: 'met' },
      ],
    });
  });

  it('refuses text that is not JSON at its line and column', () => {
    const error = refusal('{\n  "schema": "xla-report/1",\n  "results": [,]\n}');
    expect(error.location).toBe('base.json:3:15');
    expect(error.message).toBe('not an xla report: invalid JSON: unexpected ","');
  });

  it('refuses a JSON file cut short', () => {
    expect(refusal('{"schema": "xla-report/1", "results": [').message).toBe('not an xla report: invalid JSON: the file ends too early');
  });

  it.each([
    ['[]', 'base.json: a JSON array, not an xla report; xla diff compares xla-report/1 reports'],
    ['{"results": []}', 'base.json: a JSON object without a "schema" key, not an xla report; xla diff compares xla-report/1 reports'],
    [reportText({ schema: 'xla-report/0' }), 'base.json: an xla-report/0 report; xla diff compares xla-report/1 reports'],
    [
      reportText({ schema: 'xla-inspect/1' }),
      'base.json: a document of schema xla-inspect/1, not a scorecard report; xla diff compares xla-report/1 reports',
    ],
  ])('refuses %s as what it is', (text, message) => {
    const error = refusal(text);
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(2);
  });

  it('an older schema says how to get a comparable one', () => {
    expect(refusal(reportText({ schema: 'xla-report/0' })).hint).toBe('re-run the older scorecard with this xla (xla score --format json)');
  });

  it('names the first field diff cannot use, with its place', () => {
    const error = refusal(reportText({ results: [RESULT, { ...RESULT, value: '60' }] }));
    expect(error.message).toBe('base.json: not a valid xla-report/1 report: results[1].value: expected number, received string');
  });

  it('refuses a report that lists one row twice (whatever the segment key order)', () => {
    const twice = [
      { ...RESULT, segment: { a: '1', b: '2' } },
      { ...RESULT, segment: { b: '2', a: '1' } },
    ];
    expect(refusal(reportText({ results: twice })).message).toMatch(/^base\.json: results\[1\] repeats an earlier row/);
  });
});
