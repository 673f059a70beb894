import { describe, expect, it } from 'vitest';
import { expectNeutral } from '../hostile-text.js';
import { formatInspect } from '../../src/report/inspect.js';
import { INSPECT_SCHEMA } from '../../src/scorecard/model.js';
import type { InspectReport } from '../../src/scorecard/model.js';

const ESC = '\u001b[';

function makeInspectReport(overrides: Partial<InspectReport> = {}): InspectReport {
  return {
    schema: INSPECT_SCHEMA,
    file: 'exports/incidents.csv',
    format: { type: 'csv', delimiter: ';', encoding: 'windows-1251' },
    headerRows: 1,
    preset: { id: 'servicenow', name: 'ServiceNow incident export' },
    kind: 'tickets',
    columns: [
      {
        index: 0,
        name: 'number',
        field: 'id',
        format: null,
        samples: ['INC0000045', 'INC0000047', 'INC0000057'],
        type: 'text',
        unit: null,
        binding: { via: 'preset', values: 'fit' },
        couldFeed: [],
      },
      {
        index: 1,
        name: 'opened_at',
        field: 'created_at',
        format: 'd/M/yyyy HH:mm',
        samples: ['29/2/2016 01:16', '29/2/2016 04:40'],
        type: 'date',
        unit: null,
        binding: { via: 'name', values: 'fit' },
        couldFeed: ['created_at', 'resolved_at'],
      },
      {
        index: 2,
        name: 'caller_id',
        field: null,
        format: null,
        samples: ['Caller 2403'],
        type: 'text',
        unit: null,
        binding: null,
        couldFeed: [],
      },
      {
        index: 3,
        name: 'priority',
        field: 'priority',
        format: null,
        samples: ['P3', 'P1'],
        type: 'text',
        unit: null,
        binding: { via: 'map', values: 'do not fit' },
        couldFeed: [],
      },
      {
        index: 4,
        name: 'reassignment_count',
        field: 'reassignment_count',
        format: 'decimal comma',
        samples: [],
        type: 'empty',
        unit: null,
        binding: { via: 'name', values: 'empty' },
        couldFeed: [],
      },
      {
        index: 5,
        name: 'Is there anything else you would like to tell us about your last contact?',
        field: null,
        format: null,
        samples: ['Two lines\nof text', 'A much longer answer that goes on and on'],
        type: 'integer',
        unit: null,
        binding: null,
        couldFeed: ['reopen_count', 'reassignment_count', 'satisfaction', 'handle_time', 'lost_time'],
      },
    ],
    rows: 88673,
    accepted: 14600,
    rejected: 28,
    notes: ['event log: 88,673 rows collapsed to 14,628 tickets (the last row per number by sys_updated_at)', 'skipped 2 blank lines'],
    rejections: [
      { line: 7, column: 2, field: 'created_at', value: '31/2/2016 01:00', reason: 'not a date (d/M/yyyy HH:mm)' },
      { line: 7, column: 5, field: 'reassignment_count', value: '-1', reason: '-1 is below 0' },
      { line: 19, column: null, field: null, value: '', reason: 'a stray quote' },
    ],
    ...overrides,
  };
}

describe('formatInspect', () => {
  it('summarises how the file is read, without colour', () => {
    expect(formatInspect(makeInspectReport(), { color: false, format: 'table' })).toMatchInlineSnapshot(`
      "exports/incidents.csv
        format  csv · windows-1251 · delimiter ;
        header  1 row
        preset  ServiceNow incident export (servicenow)
        kind    tickets
        rows    88,673 · 14,600 accepted · 28 rejected

      Notes
        • event log: 88,673 rows collapsed to 14,628 tickets (the last row per number by sys_updated_at)
        • skipped 2 blank lines

      Columns
        #  column                                    type     field                                     format          samples                                           could feed
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
        1  number                                    text     → id (by preset)                                          INC0000045 | INC0000047 | INC0000057
        2  opened_at                                 date     → created_at (by name)                    d/M/yyyy HH:mm  29/2/2016 01:16 | 29/2/2016 04:40                 created_at, resolved_at
        3  caller_id                                 text     ·                                                         Caller 2403
        4  priority                                  text     → priority (by --map, values do not fit)                  P3 | P1
        5  reassignment_count                        empty    → reassignment_count (by name)            decimal comma
        6  Is there anything else you would like t…  integer  ·                                                         Two lines\\nof text | A much longer answer that …  reopen_count, reassignment_count, satisfaction, handle_time +1

      Rejected rows (first 2 of 28)
        line:column  field               value            reason
        ─────────────────────────────────────────────────────────────────────────────
        7:2          created_at          31/2/2016 01:00  not a date (d/M/yyyy HH:mm)
        7:5          reassignment_count  -1               -1 is below 0
        19           ·                                    a stray quote
      "
    `);
  });

  it('says "none" for no preset and names a tab delimiter; a JSON source has no delimiter and no header rows', () => {
    const tab = formatInspect(makeInspectReport({ preset: null, format: { type: 'csv', delimiter: '\t', encoding: 'utf-16le' } }), {
      color: false,
      format: 'table',
    });
    expect(tab).toContain('  format  csv · utf-16le · delimiter tab\n');
    expect(tab).toContain('  preset  none\n');
    const json = formatInspect(
      makeInspectReport({ format: { type: 'json', encoding: 'utf-8' }, headerRows: 0, rejections: [], rejected: 0 }),
      {
        color: false,
        format: 'table',
      },
    );
    expect(json).toContain('  format  json · utf-8\n');
    expect(json).toContain('  header  none\n');
    expect(json).not.toContain('Rejected rows');
  });

  it('counts the rows shown against all rejected rows, and lists an unnumbered row on its own', () => {
    const text = formatInspect(
      makeInspectReport({
        rejected: 2,
        rejections: [
          { line: null, column: 3, field: 'csat', value: '9', reason: '9 is outside 1–5' },
          { line: null, column: null, field: null, value: '', reason: 'not an object' },
        ],
      }),
      { color: false, format: 'table' },
    );
    expect(text).toContain('Rejected rows\n');
    expect(text).toContain('–:3 ');
  });

  it('shows control characters from the file as escapes, never sends them to the terminal', () => {
    const report = makeInspectReport({
      file: '::error::x\n.csv',
      columns: [
        {
          index: 0,
          name: 'a\u001b[31mb\u202e',
          field: null,
          format: null,
          samples: ['x\u0007y', '##[group]z'],
          type: 'text',
          unit: null,
          binding: null,
          couldFeed: [],
        },
      ],
      notes: ['note\r::warning::w'],
    });
    const text = formatInspect(report, { color: false, format: 'table' });
    expectNeutral(text);
    expect(text.split('\n')[0]).toBe('\\::error::x\\n.csv');
    expect(text).toContain('a\\x1B[31mb\\u202E');
    expect(text).toContain('x\\x07y | ##\\[group]z');
    expect(text).toContain('  • note\\r::warning::w\n');
  });

  it('keeps the exact text in JSON, with DEL, C1, bidi controls and ##[ as \\u escapes', () => {
    const report = makeInspectReport({ file: 'a\u009b\u202e##[x]\u007f', columns: [] });
    const text = formatInspect(report, { color: false, format: 'json' });
    expect(text).toContain('"file": "a\\u009B\\u202E##\\u005Bx]\\u007F"');
    expect((JSON.parse(text) as InspectReport).file).toBe(report.file);
  });

  it('colours only when asked', () => {
    expect(formatInspect(makeInspectReport(), { color: true, format: 'table' })).toContain(ESC);
    expect(formatInspect(makeInspectReport(), { color: false, format: 'table' })).not.toContain(ESC);
  });

  it('writes the report as JSON, keys in the order of the type, never coloured', () => {
    const report = makeInspectReport();
    // Built in another key order, as a caller might.
    const shuffled = Object.fromEntries(Object.entries(report).reverse()) as unknown as InspectReport;
    const text = formatInspect(shuffled, { color: true, format: 'json' });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toContain(ESC);
    const parsed = JSON.parse(text) as InspectReport;
    expect(parsed).toEqual(report);
    expect(Object.keys(parsed)).toEqual([
      'schema',
      'file',
      'format',
      'headerRows',
      'preset',
      'kind',
      'columns',
      'rows',
      'accepted',
      'rejected',
      'notes',
      'rejections',
    ]);
    expect(Object.keys(parsed.format)).toEqual(['type', 'delimiter', 'encoding']);
    expect(Object.keys(parsed.columns[0] ?? {})).toEqual([
      'index',
      'name',
      'field',
      'format',
      'samples',
      'type',
      'unit',
      'binding',
      'couldFeed',
    ]);
    expect(Object.keys(parsed.rejections[0] ?? {})).toEqual(['line', 'column', 'field', 'value', 'reason']);
  });
});
