/**
 * Each preset against its fixture (fixtures/presets, built from the documented or real header) and
 * against the real files in shared/datasets: detected with no flags, by nothing else, and binding
 * the fields its aliases promise. The header is read here with csv-parse, not with io/, so that
 * these tests say whether the presets are right whatever the readers do.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { matchFields } from '../../src/fields/match.js';
import type { FieldId } from '../../src/fields/types.js';
import { detectPreset, findPreset, rankPresets } from '../../src/io/presets/registry.js';
import type { Preset } from '../../src/io/presets/types.js';
import { DATASETS_MISSING, dataset, hasDatasets } from '../datasets.js';

const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));

interface Table {
  columns: string[];
  alternateNames: string[][];
  rows: string[][];
}

/** UTF-16LE when the BOM says so (Play Console), else UTF-8; a UTF-8 BOM is dropped. */
function decode(bytes: Buffer): string {
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder('utf-16le').decode(bytes) : bytes.toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

/** Skips a `#` preamble (GA4) but not a header whose first name is `#` (Typeform), then blank lines. */
function readTable(path: string, headerRows: number, maxBytes = Number.POSITIVE_INFINITY): Table {
  const bytes = readFileSync(path);
  let text = decode(bytes.subarray(0, Math.min(bytes.length, maxBytes)));
  if (maxBytes < bytes.length) text = text.slice(0, text.lastIndexOf('\n'));
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && (/^#(?!,)/.test(lines[0] ?? '') || (lines[0] ?? '').trim() === '')) lines.shift();
  // A cut file may end inside a quoted cell: read only its header then.
  const isCut = maxBytes < bytes.length;
  const records = parse(lines.join('\n'), { relax_column_count: true, ...(isCut ? { to: headerRows } : {}) }) as string[][];
  const header = records.slice(0, headerRows);
  const columns = header[0] ?? [];
  return {
    columns,
    alternateNames: columns.map((_, index) =>
      header
        .slice(1)
        .map((row) => row[index] ?? '')
        .filter((name) => name.trim() !== ''),
    ),
    rows: records.slice(headerRows),
  };
}

/** Siblings whose signatures are the same words: both fit, the spelling decides (registry.ts). */
const SIBLINGS: Record<string, readonly string[]> = { freshdesk: ['freshservice'], freshservice: ['freshdesk'] };

interface FixtureCase {
  file: string;
  preset: string;
  headerRows?: number;
  /** Field → column the preset's aliases (and the generic table) bind. */
  fields: Partial<Record<FieldId, string>>;
  /** Field → the cells of its column after the preset's value map and null markers. */
  mapped?: Partial<Record<FieldId, readonly (string | undefined)[]>>;
}

const CASES: readonly FixtureCase[] = [
  {
    file: 'servicenow.csv',
    preset: 'servicenow',
    fields: {
      id: 'number',
      status: 'incident_state',
      reassignment_count: 'reassignment_count',
      reopen_count: 'reopen_count',
      made_sla: 'made_sla',
      created_at: 'opened_at',
      priority: 'priority',
      resolved_at: 'resolved_at',
      channel: 'contact_type',
      requester: 'caller_id',
    },
    mapped: { priority: Array<string>(13).fill('P3') },
  },
  {
    file: 'servicenow-labels.csv',
    preset: 'servicenow',
    fields: {
      id: 'Number',
      created_at: 'Opened',
      priority: 'Priority',
      status: 'State',
      made_sla: 'Made SLA',
      reassignment_count: 'Reassignment count',
      reopen_count: 'Reopen count',
      resolved_at: 'Resolved',
      requester: 'Caller',
    },
    mapped: {
      priority: ['P3', 'P1', 'P4', 'P2'],
      resolved_at: ['2026-03-02 11:02:10', '2026-03-03 18:45:51', undefined, '2026-03-04 10:00:12'],
    },
  },
  {
    file: 'zendesk.csv',
    preset: 'zendesk',
    fields: {
      id: 'Id',
      status: 'Status',
      priority: 'Priority',
      created_at: 'Created at',
      sla_due_at: 'Due date',
      resolved_at: 'Solved at',
      satisfaction: 'Satisfaction Score',
      reopen_count: 'Reopens',
      // The id, not the name: two requesters may share a name.
      requester: 'Requester id',
      channel: 'Via',
    },
    mapped: { satisfaction: ['5', '1', undefined, undefined] },
  },
  {
    file: 'zendesk-explore.csv',
    preset: 'zendesk-explore',
    fields: {
      id: 'Ticket ID',
      created_at: 'Ticket created - Timestamp',
      resolved_at: 'Ticket solved - Timestamp',
      status: 'Ticket status',
      priority: 'Ticket priority',
    },
  },
  {
    file: 'jira.csv',
    preset: 'jira',
    fields: {
      id: 'Issue key',
      status: 'Status',
      priority: 'Priority',
      created_at: 'Created',
      resolved_at: 'Resolved',
      sla_due_at: 'Due date',
      satisfaction: 'Satisfaction rating',
      first_response_at: 'Custom field ([CHART] Date of First Response)',
      requester: 'Reporter',
    },
  },
  {
    file: 'freshdesk.csv',
    preset: 'freshdesk',
    fields: {
      id: 'Ticket ID',
      status: 'Status',
      priority: 'Priority',
      created_at: 'Created time',
      sla_due_at: 'Due by Time',
      resolved_at: 'Resolved time',
      first_response_at: 'Initial response time',
      made_sla: 'Resolution status',
      channel: 'Source',
    },
    mapped: { made_sla: ['true', 'false', undefined, 'true'] },
  },
  {
    file: 'freshservice.csv',
    preset: 'freshservice',
    fields: {
      id: 'Ticket Id',
      status: 'Status',
      priority: 'Priority',
      created_at: 'Created Time',
      sla_due_at: 'Due by Time',
      resolved_at: 'Resolved Time',
      made_sla: 'Resolution Status',
      channel: 'Source',
    },
    mapped: { made_sla: ['true', 'false', undefined, 'true'] },
  },
  {
    file: 'boston-311.csv',
    preset: 'boston-311',
    fields: {
      id: 'CASE_ENQUIRY_ID',
      created_at: 'OPEN_DT',
      sla_due_at: 'TARGET_DT',
      resolved_at: 'CLOSED_DT',
      made_sla: 'OnTime_Status',
      status: 'CASE_STATUS',
    },
    mapped: { made_sla: ['true', 'false', 'false', 'false', 'false'] },
  },
  {
    file: 'surveymonkey.csv',
    preset: 'surveymonkey',
    headerRows: 2,
    fields: {
      respondent_id: 'Respondent ID',
      submitted_at: 'End Date',
      nps: 'How likely is it that you would recommend Acme to a friend or colleague?',
      csat: 'How satisfied are you with our support overall?',
    },
  },
  {
    file: 'qualtrics.csv',
    preset: 'qualtrics',
    headerRows: 3,
    fields: { submitted_at: 'RecordedDate', respondent_id: 'ResponseId', nps: 'Q1', csat: 'Q2' },
  },
  {
    file: 'typeform.csv',
    preset: 'typeform',
    fields: {
      nps: 'How likely are you to recommend Acme to a friend or colleague?',
      respondent_id: 'email',
      submitted_at: 'Submit Date (UTC)',
    },
  },
  {
    file: 'google-forms.csv',
    preset: 'google-forms',
    fields: {
      submitted_at: 'Timestamp',
      respondent_id: 'Email Address',
      nps: 'How likely are you to recommend our clinic to a friend or colleague?',
      csat: 'How satisfied were you with your last visit?',
    },
  },
  {
    file: 'ga4.csv',
    preset: 'ga4',
    fields: {
      date: 'Date',
      sessions: 'Sessions',
      visitors: 'Active users',
      conversions: 'Key events',
      pageviews: 'Views',
      bounce_rate: 'Bounce rate',
    },
  },
  {
    file: 'google-play-reviews.csv',
    preset: 'google-play-reviews',
    fields: { submitted_at: 'Review Submit Date and Time', rating: 'Star Rating', comment: 'Review Text' },
  },
  {
    file: 'google-play-apps.csv',
    preset: 'google-play-apps',
    fields: { rating: 'Rating' },
  },
  {
    // `elapsed` (the whole response) and not `Latency` (time to first byte), which the generic table would bind.
    file: 'jmeter.csv',
    preset: 'jmeter',
    fields: { timestamp: 'timeStamp', response_time: 'elapsed', success: 'success' },
  },
  {
    // Success and Errors are the attempt's here, not a request log's `success` and `errors`.
    file: 'tasks.csv',
    preset: 'tasks',
    fields: { task: 'Task', task_success: 'Success', task_time: 'Time on task', task_clicks: 'Clicks', task_errors: 'Errors' },
  },
  // customers (issue 21)
  {
    // Start (UTC) over Created (UTC), Ended At over Canceled At; Status canceled is churned.
    file: 'stripe-subscriptions.csv',
    preset: 'stripe-subscriptions',
    fields: {
      customer_id: 'Customer ID',
      start_date: 'Start (UTC)',
      end_date: 'Ended At (UTC)',
      churned: 'Status',
      revenue: 'Plan Amount',
    },
    mapped: { churned: ['false', 'true', 'true', 'false', 'false'] },
  },
  {
    file: 'hubspot-companies.csv',
    preset: 'hubspot-companies',
    fields: { customer_id: 'Record ID', start_date: 'Became a Customer Date' },
  },
];

function requirePreset(id: string): Preset {
  const preset = findPreset(id);
  if (preset === undefined) throw new Error(`no preset ${id}`);
  return preset;
}

/** A cell as the preset prepares it: the value map, then its null markers and empty text as missing. */
function prepareCell(preset: Preset, field: FieldId, cell: string | undefined): string | undefined {
  const text = (cell ?? '').trim();
  const mapped = preset.values?.[field]?.[text.toLowerCase()] ?? text;
  return mapped === '' || (preset.nullMarkers ?? []).includes(mapped) ? undefined : mapped;
}

describe.each(CASES)('fixtures/presets/$file', (testCase) => {
  const table = readTable(fixture(`presets/${testCase.file}`), testCase.headerRows ?? 1);
  const preset = requirePreset(testCase.preset);

  it(`is detected as ${testCase.preset} and as no other preset`, () => {
    expect(detectPreset(table.columns, table.alternateNames)?.id).toBe(testCase.preset);
    const others = rankPresets(table.columns, table.alternateNames)
      .map((match) => match.preset.id)
      .filter((id) => id !== testCase.preset);
    expect(others.filter((id) => !(SIBLINGS[testCase.preset] ?? []).includes(id))).toEqual([]);
  });

  it('has the header rows and data rows the README promises', () => {
    expect(preset.headerRows ?? 1).toBe(testCase.headerRows ?? 1);
    expect(table.rows.length).toBeGreaterThanOrEqual(3);
    for (const row of table.rows) expect(row.length).toBe(table.columns.length);
  });

  it('binds the fields its aliases name', () => {
    const bindings = matchFields(table.columns, preset.kind, testCase.file, {
      alternateNames: table.alternateNames,
      extraAliases: preset.aliases,
    });
    const bound = Object.fromEntries(bindings.map((binding) => [binding.field.id, binding.columnName]));
    expect(bound).toEqual(testCase.fields);
  });

  const mapped = testCase.mapped;
  if (mapped !== undefined) {
    it('maps its cells through the value map', () => {
      for (const [field, expected] of Object.entries(mapped) as [FieldId, readonly (string | undefined)[]][]) {
        const column = table.columns.indexOf(testCase.fields[field] ?? '');
        expect(table.rows.map((row) => prepareCell(preset, field, row[column]))).toEqual(expected);
      }
    });
  }
});

describe('real exports, trimmed in fixtures/datasets and whole in shared/datasets, with no flags', () => {
  const serviceNowColumns = (): string[] => readTable(fixture('datasets/servicenow-events-1200.csv'), 1, 64 * 1024).columns;

  it('the trimmed ServiceNow incident event log is servicenow', () => {
    const columns = serviceNowColumns();
    expect(columns).toHaveLength(36);
    expect(detectPreset(columns, [])?.id).toBe('servicenow');
    expect(rankPresets(columns, [])).toHaveLength(1);
  });

  it('the whole ServiceNow log has the same header', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    expect(readTable(dataset('servicenow-incident-log/incident_event_log_prefix.csv'), 1, 64 * 1024).columns).toEqual(serviceNowColumns());
  });

  it('the trimmed Boston 311 files are boston-311', () => {
    for (const file of ['datasets/boston-311-building-400.csv', 'datasets/boston-311-pothole-220.csv']) {
      const { columns } = readTable(fixture(file), 1, 16 * 1024);
      expect(
        rankPresets(columns, []).map((match) => match.preset.id),
        file,
      ).toEqual(['boston-311']);
    }
  });

  it('every Boston 311 file is boston-311', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const boston = dataset('boston-311-2015');
    const files = readdirSync(boston).filter((name) => name.endsWith('.csv'));
    expect(files).toHaveLength(9);
    for (const file of files) {
      const { columns } = readTable(`${boston}/${file}`, 1, 16 * 1024);
      expect(
        rankPresets(columns, []).map((match) => match.preset.id),
        file,
      ).toEqual(['boston-311']);
    }
  });

  it('the Kaggle Google Play listing is google-play-apps', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const { columns } = readTable(dataset('google-play-apps/googleplaystore.csv'), 1, 16 * 1024);
    expect(rankPresets(columns, []).map((match) => match.preset.id)).toEqual(['google-play-apps']);
  });

  it('the fixtures that are no preset stay without one', () => {
    const plain = [
      'survey/responses.csv',
      'tickets/tickets.csv',
      'analytics/sessions.csv',
      'datasets/online-shoppers-500.csv',
      'datasets/olist-reviews-400.csv',
    ];
    for (const file of plain) {
      const { columns } = readTable(fixture(file), 1, 16 * 1024);
      expect(detectPreset(columns, []), file).toBeUndefined();
    }
  });
});
