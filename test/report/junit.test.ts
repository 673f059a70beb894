import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { expectNeutral } from '../hostile-text.js';
import { formatJunit } from '../../src/report/junit.js';
import { VERDICT_REPORT, makeBreach, makeReport } from './report-fixture.js';

interface Failure {
  message: string;
  type: string;
  '#text': string;
}

interface TestCase {
  classname: string;
  name: string;
  time: string;
  failure?: Failure;
  'system-out'?: string;
}

interface Parsed {
  testsuites: {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    testsuite: { name: string; tests: string; failures: string; testcase?: TestCase[] };
  };
}

/** A real XML parser, decoding character references the way CI tools do. */
function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'testcase',
  });
  return parser.parse(xml) as Parsed;
}

function findCase(parsed: Parsed, name: string): TestCase {
  const found = parsed.testsuites.testsuite.testcase?.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no test case ${name}`);
  return found;
}

describe('formatJunit', () => {
  const parsed = parse(formatJunit(VERDICT_REPORT, { color: false }));

  it('has one test case per target and per composite with a verdict, failures counted', () => {
    const { testsuites } = parsed;
    expect([testsuites.name, testsuites.tests, testsuites.failures, testsuites.errors]).toEqual(['xla', '6', '3', '0']);
    expect([testsuites.testsuite.name, testsuites.testsuite.tests, testsuites.testsuite.failures]).toEqual(['Service desk XLA', '6', '3']);
    expect(testsuites.testsuite.testcase?.map((c) => [c.classname, c.name])).toEqual([
      ['xla.nps', 'promoters'],
      ['xla.csat', 'happy-users [team=Network]'],
      ['xla.resolution_time.p90', 'p1-fixed-fast'],
      ['xla.nps', 'nps-stretch'],
      ['xla.ces', 'effort'],
      ['xla.composite', 'xla-index'],
    ]);
  });

  it('carries the numbers in each failure', () => {
    const breach = findCase(parsed, 'happy-users [team=Network]').failure;
    expect(breach?.type).toBe('breached');
    expect(breach?.message).toBe('csat [team=Network] 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)');
    expect(breach?.['#text'].split('\n')).toEqual([
      'target: happy-users (Users are happy with support)',
      'metric: csat',
      'scope: team=Network',
      'value: 72.0%',
      'threshold: >= 85%',
      'n: 120',
      'min_n: 30',
      'ci: 64.1…79.2% (95% CI)',
      'basis: point',
      'level: error',
      'status: breached',
    ]);
    expect(findCase(parsed, 'effort').failure).toMatchObject({ type: 'no_data', message: 'ces no data (n 3 < min_n 30)' });
    expect(findCase(parsed, 'xla-index').failure?.type).toBe('breached');
  });

  it('passes warnings and inconclusive verdicts with the sentence in system-out', () => {
    expect(findCase(parsed, 'p1-fixed-fast')).toMatchObject({
      'system-out': 'resolution_time.p90 [where priority=P1] 5h is above <= 4h (n 80)',
    });
    expect(findCase(parsed, 'p1-fixed-fast').failure).toBeUndefined();
    expect(findCase(parsed, 'nps-stretch')['system-out']).toContain('straddles >= +30');
    expect(findCase(parsed, 'promoters')).toEqual({ classname: 'xla.nps', name: 'promoters', time: '0' });
  });

  it('escapes markup and shows control characters, including those XML 1.0 forbids, as escapes', () => {
    const report = makeReport({
      title: 'R&D <"XLA">',
      targets: [makeBreach({ id: "it's", segment: { team: 'A<B> & "C"\u0001\nD\uFFFE' } })],
    });
    const xml = formatJunit(report, { color: false });
    expect(XMLValidator.validate(xml)).toBe(true);
    expectNeutral(xml);
    expect(xml).not.toContain('\uFFFE');
    const result = parse(xml);
    expect(result.testsuites.testsuite.name).toBe('R&D <"XLA">');
    const testCase = result.testsuites.testsuite.testcase?.[0];
    expect(testCase?.name).toBe('it\'s [team=A<B> & "C"\\x01\\nD\\uFFFE]');
    expect(testCase?.failure?.message).toBe('csat [team=A<B> & "C"\\x01\\nD\\uFFFE] 80.0% is below >= 85% (n 10)');
    expect(testCase?.failure?.['#text']).toContain('scope: team=A<B> & "C"\\x01\\nD\\uFFFE\n');
  });

  it('lets no line of the file start with data, and breaks ##[ from data', () => {
    const report = makeReport({
      targets: [makeBreach({ id: 'x', name: 'n\n::error::name', segment: { team: '::error::team\n##[stop-commands]t' } })],
    });
    const xml = formatJunit(report, { color: false });
    expect(xml.split('\n').filter((line) => /^\s*::/.test(line))).toEqual([]);
    expect(xml).not.toContain('##[');
    const testCase = parse(xml).testsuites.testsuite.testcase?.[0];
    expect(testCase?.failure?.['#text']).toContain('target: x (n\\n::error::name)\n');
    expect(testCase?.failure?.['#text']).toContain('scope: team=::error::team\\n##\\[stop-commands]t\n');
  });

  it('is deterministic and well-formed without targets', () => {
    expect(formatJunit(makeReport(), { color: false })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="xla" tests="0" failures="0" errors="0" skipped="0" time="0">',
        '  <testsuite name="xla" tests="0" failures="0" errors="0" skipped="0" time="0">',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    expect(formatJunit(VERDICT_REPORT, { color: false })).toBe(formatJunit(VERDICT_REPORT, { color: true }));
  });
});
