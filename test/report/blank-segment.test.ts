// Issue 18, item 9: a blank segment value (rows whose --by cell was empty) is shown as `(blank)`
// in every human format — table, markdown, GitHub annotations, JUnit names — and kept as "" in
// JSON and CSV, where a value that is literally "(blank)" stays told apart from it.
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/report/csv.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJson } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatTable } from '../../src/report/table.js';
import type { Report } from '../../src/scorecard/model.js';
import { makeBreach, makeReport, makeResult } from './report-fixture.js';

const blankRow = makeResult({ metric: 'csat', unit: '%', segment: { team: '' }, value: 80, n: 10 });
const literalRow = makeResult({ metric: 'csat', unit: '%', segment: { team: '(blank)' }, value: 90, n: 10 });

const report: Report = makeReport({
  results: [makeResult({ metric: 'csat', unit: '%', value: 85, n: 20 }), blankRow, literalRow],
  targets: [makeBreach({ id: 'happy', segment: { team: '' } })],
  summary: { targets: 1, met: 0, breached: 1, inconclusive: 0, no_data: 0, status: 'fail' },
});

const options = { color: false };

/** The lines of a text that mention a row of team "" (the value 80.0%). */
function linesWith(text: string, needle: string): string[] {
  return text.split('\n').filter((line) => line.includes(needle));
}

describe('a blank segment value', () => {
  it('is `(blank)` in the table, its results and its targets, never an empty cell', () => {
    // The metric's name is on its first row only; the segment column follows it.
    expect(linesWith(formatTable(report, options), '80.0%')).toEqual([
      '          (blank)  80.0%  10',
      '  ✖ happy  csat [team=(blank)] 80.0% is below >= 85% (n 10)',
    ]);
  });

  it('is `(blank)` in the markdown results and targets tables', () => {
    const markdown = formatMarkdown(report, options);
    expect(linesWith(markdown, '80.0%').some((line) => line.includes('| (blank) |'))).toBe(true);
    expect(linesWith(markdown, 'happy')[0]).toContain('team=(blank)');
    expect(markdown).not.toContain('team=,');
  });

  it('is `(blank)` in GitHub annotations and JUnit test names', () => {
    expect(formatGithub(report, options).split('\n')[0]).toBe(
      '::error title=XLA happy [team=(blank)]::csat [team=(blank)] 80.0%25 is below >= 85%25 (n 10)',
    );
    expect(formatJunit(report, options)).toContain('name="happy [team=(blank)]"');
  });

  it('stays "" in JSON and CSV, apart from a value that is literally "(blank)"', () => {
    const json = JSON.parse(formatJson(report)) as Report;
    expect(json.results.map((result) => result.segment)).toEqual([{}, { team: '' }, { team: '(blank)' }]);
    expect(json.targets[0]?.segment).toEqual({ team: '' });
    const csv = formatCsv(report).split('\n');
    expect(csv[2]).toMatch(/^csat,csat,,/);
    expect(csv[3]).toMatch(/^csat,csat,\(blank\),/);
  });
});
