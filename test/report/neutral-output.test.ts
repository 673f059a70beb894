/**
 * Fuzz test of output neutralisation (issue 16): random strings with control characters, line
 * breaks, `::`, `##[`, Markdown and HTML specials as segment keys and values, file and column
 * names, target and composite ids, names, `where` values and titles, through every format.
 * Whatever the data, no raw control byte, no `##[`, no line a GitHub runner would run except
 * the github format's own annotations; JSON keeps the exact strings; Markdown renders (GFM, with
 * math) to no link, emphasis, code, HTML, mention or reference of the data's own.
 */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { math, mathHtml } from 'micromark-extension-math';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/report/csv.js';
import { formatGithub } from '../../src/report/github.js';
import { formatInspect } from '../../src/report/inspect.js';
import { formatJson } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatNdjson } from '../../src/report/ndjson.js';
import { formatRejectRow, formatRejectsHeader } from '../../src/report/rejects.js';
import { formatTable } from '../../src/report/table.js';
import {
  INSPECT_SCHEMA,
  type CompositeResult,
  type InspectReport,
  type Outcome,
  type Report,
  type TargetResult,
} from '../../src/scorecard/model.js';
import { expectNeutral, hostileText, stripColour } from '../hostile-text.js';
import { makeComposite, makeReport, makeResult, makeTarget } from './report-fixture.js';

const STATUS_OF: Readonly<Record<Outcome, TargetResult['status']>> = { pass: 'met', warn: 'inconclusive', fail: 'breached' };
const outcome = fc.constantFrom<Outcome>('pass', 'warn', 'fail');
/** Ids as the config schema takes them: anything without white space (so Markdown can bold them). */
const hostileId = hostileText.filter((text) => /^\S+$/u.test(text));

const hostileTarget = fc
  .record({
    id: hostileId,
    name: fc.option(hostileText),
    key: hostileText,
    value: hostileText,
    whereKey: hostileText,
    where: fc.array(hostileText, { maxLength: 2 }),
    outcome,
  })
  .map((t): TargetResult =>
    makeTarget({
      id: t.id,
      name: t.name,
      metric: 'nps',
      segment: { [t.key]: t.value },
      where: t.where.length === 0 ? {} : { [t.whereKey]: t.where },
      threshold: 30,
      value: 12,
      n: 40,
      ci: [2, 22],
      status: STATUS_OF[t.outcome],
      outcome: t.outcome,
    }),
  );

const hostileComposite = fc
  .record({ id: hostileId, name: hostileText, component: hostileId, outcome: fc.option(outcome) })
  .map((c): CompositeResult =>
    makeComposite({
      id: c.id,
      name: c.name,
      value: 50,
      components: [{ target: c.component, weight: 1, score: 50, status: c.outcome === null ? null : STATUS_OF[c.outcome], key: true }],
      status: c.outcome === null ? null : STATUS_OF[c.outcome],
      op: c.outcome === null ? null : '>=',
      threshold: c.outcome === null ? null : 80,
      level: c.outcome === null ? null : 'error',
      outcome: c.outcome,
    }),
  );

const hostileReport: fc.Arbitrary<Report> = fc
  .record({
    title: fc.option(hostileText),
    inputs: fc.array(fc.record({ name: hostileText, column: hostileText, delimiter: hostileText }), { minLength: 1, maxLength: 2 }),
    keys: fc.uniqueArray(hostileText, { minLength: 1, maxLength: 2 }),
    segments: fc.array(fc.array(hostileText, { minLength: 2, maxLength: 2 }), { maxLength: 3 }),
    targets: fc.array(hostileTarget, { maxLength: 3 }),
    composites: fc.array(hostileComposite, { maxLength: 2 }),
  })
  .map(({ title, inputs, keys, segments, targets, composites }) => {
    const outcomes = [...targets.map((t) => t.outcome), ...composites.flatMap((c) => (c.outcome === null ? [] : [c.outcome]))];
    return makeReport({
      title,
      inputs: inputs.map((input) => ({
        name: input.name,
        kind: 'survey',
        preset: null,
        rows: 3,
        accepted: 2,
        rejected: 1,
        format: { type: 'csv', delimiter: input.delimiter, encoding: 'utf-8' },
        fields: { nps: input.column },
      })),
      results: [
        makeResult({ metric: 'nps', name: 'Net Promoter Score', value: 10, n: 5, ci: [1, 20] }),
        ...segments.map((values) =>
          makeResult({
            metric: 'nps',
            name: 'Net Promoter Score',
            segment: Object.fromEntries(keys.map((key, i) => [key, values[i] ?? ''])),
            value: -5,
            n: 2,
          }),
        ),
      ],
      targets,
      composites,
      summary: {
        targets: targets.length,
        met: targets.filter((t) => t.status === 'met').length,
        breached: targets.filter((t) => t.status === 'breached').length,
        inconclusive: targets.filter((t) => t.status === 'inconclusive').length,
        no_data: 0,
        status: outcomes.includes('fail') ? 'fail' : outcomes.includes('warn') ? 'warn' : 'pass',
      },
    });
  });

const RUNS = { numRuns: 150 };

function countOutcome(report: Report, wanted: Outcome): number {
  return [...report.targets, ...report.composites].filter((verdict) => verdict.outcome === wanted).length;
}

describe('every format neutralises text from data', () => {
  it('table, with and without colour: the only escape sequences are its own colour codes', () => {
    fc.assert(
      fc.property(hostileReport, fc.boolean(), (report, targetsFirst) => {
        expectNeutral(formatTable(report, { color: false, targetsFirst }));
        const coloured = formatTable(report, { color: true, targetsFirst });
        expectNeutral(stripColour(coloured));
        expect(stripColour(coloured)).toBe(formatTable(report, { color: false, targetsFirst }));
      }),
      RUNS,
    );
  });

  it('csv: one line per result, nothing raw', () => {
    fc.assert(
      fc.property(hostileReport, (report) => {
        const csv = formatCsv(report);
        expectNeutral(csv);
        expect(csv.split('\n')).toHaveLength(report.results.length + 2);
      }),
      RUNS,
    );
  });

  it('json and ndjson: nothing raw, and the exact strings come back', () => {
    fc.assert(
      fc.property(hostileReport, (report) => {
        const json = formatJson(report);
        expectNeutral(json);
        expect(JSON.parse(json)).toEqual(report);
        const ndjson = formatNdjson(report);
        expectNeutral(ndjson);
        const records = ndjson
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as { type: string });
        expect(records.filter((r) => r.type === 'input').map(({ type: _, ...input }) => input)).toEqual(report.inputs);
        expect(records.filter((r) => r.type === 'result').map(({ type: _, ...result }) => result)).toEqual(report.results);
        expect(records.filter((r) => r.type === 'target').map(({ type: _, ...target }) => target)).toEqual(report.targets);
        expect(records.filter((r) => r.type === 'composite').map(({ type: _, ...composite }) => composite)).toEqual(report.composites);
      }),
      RUNS,
    );
  });

  it('junit: well-formed XML, one test case per verdict, nothing raw even after decoding', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' });
    fc.assert(
      fc.property(hostileReport, (report) => {
        const xml = formatJunit(report, { color: false });
        expectNeutral(xml);
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = parser.parse(xml) as { testsuites: { testsuite: { testcase?: unknown[] } } };
        const verdicts = report.targets.length + report.composites.filter((c) => c.status !== null).length;
        expect(parsed.testsuites.testsuite.testcase ?? []).toHaveLength(verdicts);
        // A CI tool decodes character references before it prints a name or message, each on its own.
        for (const text of collectStrings(parsed)) expectNeutral(text);
      }),
      RUNS,
    );
  });

  it('github: its own annotations, one per failing or warning verdict, and nothing else starts a command', () => {
    fc.assert(
      fc.property(hostileReport, (report) => {
        const lines = formatGithub(report, { color: false }).trimEnd().split('\n');
        expectNeutral(lines.join('\n'), lines);
        expect(lines.filter((line) => line.startsWith('::error title=XLA '))).toHaveLength(countOutcome(report, 'fail'));
        expect(lines.filter((line) => line.startsWith('::warning title=XLA '))).toHaveLength(countOutcome(report, 'warn'));
        expect(lines.filter((line) => line.startsWith('::notice title=XLA summary::'))).toHaveLength(1);
        expect(lines).toHaveLength(countOutcome(report, 'fail') + countOutcome(report, 'warn') + 1);
      }),
      RUNS,
    );
  });

  it('markdown: nothing raw, table rows as wide as their header, and GFM renders no markup from data', () => {
    fc.assert(
      fc.property(hostileReport, (report) => {
        const markdown = formatMarkdown(report, { color: false });
        expectNeutral(markdown);
        for (const block of markdown.split('\n\n').filter((b) => b.startsWith('|'))) {
          expect(new Set(block.split('\n').map(countCellSeparators)).size).toBe(1);
        }
        const html = renderGfm(markdown);
        expect(html.match(/<[a-z][a-z0-9]*/g)?.filter((tag) => !OWN_TAGS.has(tag.slice(1))) ?? []).toEqual([]);
        const problems = [...report.targets, ...report.composites].filter((v) => v.outcome === 'fail' || v.outcome === 'warn').length;
        const hasVerdicts = report.targets.length > 0 || report.composites.some((c) => c.status !== null);
        // The status word, then each failing or warning verdict's id: bold from xla, none from data.
        expect(html.match(/<strong>/g) ?? []).toHaveLength(hasVerdicts ? 1 + problems : 0);
        // GitHub turns these into mentions and issue links after rendering; a zero-width space keeps them text.
        expect(html).not.toMatch(/@\w|#\d/);
      }),
      RUNS,
    );
  });

  it('inspect: the table shows every text neutrally, and JSON keeps it exactly', () => {
    const inspectReport = fc
      .record({
        file: hostileText,
        delimiter: hostileText,
        name: hostileText,
        format: hostileText,
        samples: fc.array(hostileText, { maxLength: 3 }),
        note: hostileText,
        value: hostileText,
        reason: hostileText,
      })
      .map((t): InspectReport => ({
        schema: INSPECT_SCHEMA,
        file: t.file,
        format: { type: 'csv', delimiter: t.delimiter, encoding: 'utf-8' },
        headerRows: 1,
        preset: null,
        kind: 'survey',
        columns: [
          {
            index: 0,
            name: t.name,
            field: 'nps',
            format: t.format,
            samples: t.samples,
            type: 'integer',
            unit: null,
            binding: { via: 'name', values: 'fit' },
            couldFeed: ['nps'],
          },
        ],
        rows: 2,
        accepted: 1,
        rejected: 1,
        notes: [t.note],
        rejections: [{ line: 2, column: 1, field: 'nps', value: t.value, reason: t.reason }],
      }));
    fc.assert(
      fc.property(inspectReport, (report) => {
        expectNeutral(formatInspect(report, { color: false, format: 'table' }));
        expectNeutral(stripColour(formatInspect(report, { color: true, format: 'table' })));
        const json = formatInspect(report, { color: false, format: 'json' });
        expectNeutral(json);
        expect(JSON.parse(json)).toEqual(report);
      }),
      RUNS,
    );
  });

  it('--rejects: one CSV line per rejected value, nothing raw', () => {
    const row = fc.record({ file: hostileText, field: fc.option(hostileText), value: hostileText, reason: hostileText });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 4 }), (rows) => {
        const csv = formatRejectsHeader() + rows.map((r, i) => formatRejectRow({ ...r, line: i + 2, record: i + 1, column: 1 })).join('');
        expectNeutral(csv);
        expect(csv.split('\n')).toHaveLength(rows.length + 2);
      }),
      RUNS,
    );
  });
});

/** The tags xla's own Markdown renders to: headings, paragraphs, its bold verdicts, bullets, tables. */
const OWN_TAGS = new Set(['h2', 'h3', 'p', 'strong', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

function renderGfm(markdown: string): string {
  return micromark(markdown, { extensions: [gfm(), math()], htmlExtensions: [gfmHtml(), mathHtml()] });
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(collectStrings);
}

/** Cell separators in a table line: `|` not escaped by a backslash (an escaped backslash escapes nothing). */
function countCellSeparators(line: string): number {
  return line.replaceAll('\\\\', '').replaceAll('\\|', '').split('|').length;
}
