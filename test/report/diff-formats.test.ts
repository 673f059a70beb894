/**
 * The diff formatters (report/diff-*.ts) on one small hand-made diff: CSAT 60/100 → 40/100
 * (p = 0.0047, significantly worse), NPS by team where one team is only in head, and a target
 * that went from met to breached.
 */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIFF_FORMAT_NAMES, diffFormatFromExtension, loadDiffFormatter } from '../../src/report/diff-registry.js';
import type { DiffFormatName, DiffFormatter } from '../../src/report/diff-registry.js';
import type { FormatOptions } from '../../src/report/types.js';
import { diffReports } from '../../src/scorecard/diff.js';
import type { ComparedReport, ComparedResult, ComparedTarget, DiffReport } from '../../src/scorecard/diff.js';
import { expectNeutral, hostileText, stripColour } from '../hostile-text.js';

function csat(x: number, n: number): ComparedResult {
  return {
    metric: 'csat',
    name: 'CSAT',
    unit: '%',
    better: 'higher',
    segment: {},
    period: null,
    value: (100 * x) / n,
    n,
    detail: { x, n },
  };
}

function nps(team: string, value: number, n: number): ComparedResult {
  return { metric: 'nps', name: 'Net Promoter Score', unit: 'points', better: 'higher', segment: { team }, period: '2024-01', value, n };
}

function floor(status: ComparedTarget['status'], value: number): ComparedTarget {
  return {
    id: 'csat-floor',
    name: 'Happy users',
    metric: 'csat',
    segment: {},
    period: null,
    unit: '%',
    value,
    n: 100,
    level: 'error',
    status,
  };
}

function makeDiff(team = 'Desk'): DiffReport {
  const base: ComparedReport = { title: 'Before', results: [csat(60, 100), nps(team, 20, 5)], targets: [floor('met', 60)] };
  const head: ComparedReport = {
    title: null,
    results: [csat(40, 100), nps(team, 30, 6), nps('Network', -10, 4)],
    targets: [floor('breached', 40)],
  };
  return diffReports(
    { file: 'base.json', report: base },
    { file: 'head.json', report: head },
    { confidence: 0.95, netMethod: 'adjusted-wald' },
  );
}

/** The registry's formatters, loaded once, so that each test (and the property) renders synchronously. */
const formatters = new Map<DiffFormatName, DiffFormatter>();
beforeAll(async () => {
  for (const name of DIFF_FORMAT_NAMES) formatters.set(name, await loadDiffFormatter(name));
});
const formatDiff = (diff: DiffReport, name: DiffFormatName, options: FormatOptions): string =>
  (formatters.get(name) as DiffFormatter)(diff, options);

describe('xla diff formats', () => {
  it('table: headline, target status changes, every result with its change and p', () => {
    expect(formatDiff(makeDiff(), 'table', { color: false })).toMatchInlineSnapshot(`
      "xla diff base.json → head.json
      1 regression, 0 improvements, 1 target status change
      1 result only in head

      Target status changes
        Target      Level  Base  Head
        ─────────────────────────────────
        csat-floor  error  met   breached

      Results
        Metric  Segment       Period    Base   Head     Change      p
        ──────────────────────────────────────────────────────────────────────────────────
        nps     team=Desk     2024-01    +20    +30       ▲ 10      –  not tested
                team=Network  2024-01      –    -10          –      –  only in head
        csat    all           all      60.0%  40.0%  ▼ 20.0 pp  0.005  significantly worse
      "
    `);
  });

  it('table in colour: a significantly worse change and a breach in red', () => {
    const text = formatDiff(makeDiff(), 'table', { color: true });
    expect(text).toContain('\u001b[31m▼ 20.0 pp\u001b[39m');
    expect(text).toContain('\u001b[31mbreached\u001b[39m');
    expect(stripColour(text)).toBe(formatDiff(makeDiff(), 'table', { color: false }));
  });

  it('markdown: a PR comment with the headline first and all results folded', () => {
    expect(formatDiff(makeDiff(), 'markdown', { color: false })).toMatchInlineSnapshot(`
      "## xla diff: 1 regression, 0 improvements, 1 target status change

      Base: base.json (Before) · head: head.json · 1 result only in head

      ### Target status changes

      | Target | Level | Base | Head |
      |---|---|---|---|
      | csat-floor | error | met | **breached** |

      ### Significant changes

      | Metric | Segment | Period | Base | Head | Change | p |  |
      |---|---|---|--:|--:|--:|--:|---|
      | csat | all | all | 60.0% | 40.0% | ▼ 20.0 pp | 0.005 | significantly worse |

      <details>
      <summary>All 3 results</summary>

      | Metric | Segment | Period | Base | Head | Change | p |  |
      |---|---|---|--:|--:|--:|--:|---|
      | nps | team=Desk | 2024-01 | +20 | +30 | ▲ 10 | – | not tested |
      | nps | team=Network | 2024-01 | – | -10 | – | – | only in head |
      | csat | all | all | 60.0% | 40.0% | ▼ 20.0 pp | 0.005 | significantly worse |

      </details>
      "
    `);
  });

  it('json: the xla-diff/1 contract', () => {
    const parsed = JSON.parse(formatDiff(makeDiff(), 'json', { color: false })) as DiffReport;
    expect(parsed.schema).toBe('xla-diff/1');
    expect(parsed.results.map((row) => [row.metric, row.segment, row.period, row.base, row.head, row.delta, row.significant])).toEqual([
      ['nps', { team: 'Desk' }, '2024-01', 20, 30, 10, null],
      ['nps', { team: 'Network' }, '2024-01', null, -10, null, null],
      ['csat', {}, null, 60, 40, -20, true],
    ]);
    expect(parsed.targets).toEqual([
      {
        id: 'csat-floor',
        name: 'Happy users',
        metric: 'csat',
        segment: {},
        period: null,
        level: 'error',
        unit: '%',
        base: 'met',
        head: 'breached',
        base_value: 60,
        head_value: 40,
        regression: true,
      },
    ]);
  });

  it('junit: one case per target status change and per significant change; regressions fail', () => {
    const xml = formatDiff(makeDiff(), 'junit', { color: false });
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { tests: string; failures: string; testsuite: { testcase: { name: string; failure?: { message: string } }[] } };
    };
    expect(parsed.testsuites.tests).toBe('2');
    expect(parsed.testsuites.failures).toBe('2');
    expect(parsed.testsuites.testsuite.testcase.map((c) => [c.name, c.failure?.message])).toEqual([
      ['csat-floor', 'csat-floor: met → breached'],
      ['csat [all, all]', 'csat [all, all]: significantly worse, 60.0% → 40.0% (▼ 20.0 pp, p = 0.005)'],
    ]);
  });

  it('picks the format from -o’s extension', () => {
    expect(['d.json', 'D.MD', 'x.markdown', 'ci.xml', 'diff.txt', 'diff.csv'].map(diffFormatFromExtension)).toEqual([
      'json',
      'markdown',
      'markdown',
      'junit',
      'table',
      undefined,
    ]);
  });

  it('markdown: a segment value cannot format the comment, mention anyone or break the table', () => {
    const text = formatDiff(makeDiff('@here | *x* <b>'), 'markdown', { color: false });
    expect(text).toContain('| team=@&#8203;here \\| \\*x\\* &lt;b> |');
  });

  it('segment values from data stay neutral in table, markdown and junit', () => {
    fc.assert(
      fc.property(hostileText, (team) => {
        const diff = makeDiff(team);
        expectNeutral(stripColour(formatDiff(diff, 'table', { color: true })));
        expectNeutral(formatDiff(diff, 'markdown', { color: false }));
        expect(XMLValidator.validate(formatDiff(diff, 'junit', { color: false }))).toBe(true);
        const json = formatDiff(diff, 'json', { color: false });
        expectNeutral(json);
        expect((JSON.parse(json) as DiffReport).results.find((row) => row.metric === 'nps' && row.base !== null)?.segment).toEqual({
          team,
        });
      }),
      { numRuns: 200 },
    );
  });
});
