import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/report/csv.js';
import { formatGithub } from '../../src/report/github.js';
import { formatHtml } from '../../src/report/html/document.js';
import { formatJson } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatNdjson } from '../../src/report/ndjson.js';
import { FORMAT_NAMES, formatFromExtension, formatReport, isFormatName, loadFormatter } from '../../src/report/registry.js';
import { formatTable } from '../../src/report/table.js';
import { SAMPLE_REPORT } from './report-fixture.js';

describe('format registry', () => {
  it('lists the formats in order', () => {
    expect(FORMAT_NAMES).toEqual(['table', 'json', 'ndjson', 'csv', 'markdown', 'junit', 'github', 'html']);
  });

  it('loads each formatter on first use, the same function every time', async () => {
    expect(await loadFormatter('table')).toBe(formatTable);
    expect(await loadFormatter('html')).toBe(formatHtml);
    expect(await loadFormatter('json')).toBe(await loadFormatter('json'));
  });

  it.each([
    ['report.json', 'json'],
    ['out/Report.JSON', 'json'],
    ['events.ndjson', 'ndjson'],
    ['events.jsonl', 'ndjson'],
    ['C:\\reports\\scores.csv', 'csv'],
    ['scorecard.txt', 'table'],
    ['report.xml', 'junit'],
    ['TEST-xla.XML', 'junit'],
    ['scorecard.md', 'markdown'],
    ['scorecard.markdown', 'markdown'],
    ['report.html', 'html'],
    ['Report.HTM', 'html'],
    ['report', undefined],
    ['dir.json/report', undefined],
    ['.json', undefined],
  ])('formatFromExtension(%s) = %s', (path, expected) => {
    expect(formatFromExtension(path)).toBe(expected);
  });

  it.each([
    ['table', true],
    ['csv', true],
    ['markdown', true],
    ['junit', true],
    ['github', true],
    ['html', true],
    ['HTML', false],
    ['JSON', false],
    ['toString', false],
    ['', false],
  ])('isFormatName(%j) = %s', (name, expected) => {
    expect(isFormatName(name)).toBe(expected);
  });

  it('dispatches to the named formatter with the options', async () => {
    expect(await formatReport(SAMPLE_REPORT, 'json', { color: true })).toBe(formatJson(SAMPLE_REPORT));
    expect(await formatReport(SAMPLE_REPORT, 'ndjson', { color: false })).toBe(formatNdjson(SAMPLE_REPORT));
    expect(await formatReport(SAMPLE_REPORT, 'csv', { color: false })).toBe(formatCsv(SAMPLE_REPORT));
    expect(await formatReport(SAMPLE_REPORT, 'markdown', { color: true })).toBe(formatMarkdown(SAMPLE_REPORT, { color: false }));
    expect(await formatReport(SAMPLE_REPORT, 'junit', { color: false })).toBe(formatJunit(SAMPLE_REPORT, { color: false }));
    expect(await formatReport(SAMPLE_REPORT, 'github', { color: false })).toBe(formatGithub(SAMPLE_REPORT, { color: false }));
    expect(await formatReport(SAMPLE_REPORT, 'html', { color: true })).toBe(formatHtml(SAMPLE_REPORT, { color: false }));
    expect(await formatReport(SAMPLE_REPORT, 'table', { color: true, confidence: 0.9 })).toBe(
      formatTable(SAMPLE_REPORT, { color: true, confidence: 0.9 }),
    );
    expect(await formatReport(SAMPLE_REPORT, 'table', { color: false, confidence: 0.9 })).toContain('90% CI');
  });
});
