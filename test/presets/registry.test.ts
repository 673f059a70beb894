import { describe, expect, it } from 'vitest';
import { aliasName, findField, normalizeName } from '../../src/fields/catalog.js';
import { parseDatePattern } from '../../src/fields/date-formats.js';
import type { FieldId } from '../../src/fields/types.js';
import { PRESETS, detectPreset, findPreset, presetIds, rankPresets } from '../../src/io/presets/registry.js';

describe('the preset registry', () => {
  it('has unique kebab-case ids, listed by presetIds in registry order', () => {
    const ids = presetIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toBe(true);
    expect(ids).toEqual(PRESETS.map((preset) => preset.id));
    expect(ids).toEqual(
      expect.arrayContaining([
        'zendesk',
        'zendesk-explore',
        'jira',
        'servicenow',
        'freshdesk',
        'freshservice',
        'surveymonkey',
        'typeform',
        'google-forms',
        'qualtrics',
        'ga4',
        'google-play-reviews',
        'google-play-apps',
        'boston-311',
      ]),
    );
  });

  it('finds a preset by id, whatever its case and outer blanks', () => {
    expect(findPreset('servicenow')?.name).toBe('ServiceNow incident export');
    expect(findPreset(' ServiceNow ')?.id).toBe('servicenow');
    expect(findPreset('google-play-reviews')?.kind).toBe('survey');
    expect(findPreset('service-now')).toBeUndefined();
    expect(findPreset('')).toBeUndefined();
  });

  it.each(PRESETS.map((preset) => [preset.id, preset] as const))(
    '%s only names fields of its own kind, by names that can match',
    (_id, preset) => {
      const fields = [...Object.keys(preset.aliases), ...Object.keys(preset.values ?? {})] as FieldId[];
      for (const id of fields) expect(findField(id)?.kinds, `${preset.id}: ${id}`).toContain(preset.kind);
      for (const aliases of Object.values(preset.aliases)) {
        for (const alias of aliases ?? []) expect(normalizeName(aliasName(alias)), `${preset.id}: "${aliasName(alias)}"`).not.toBe('');
      }
      expect(preset.signature.length).toBeGreaterThan(0);
      for (const names of preset.signature) expect(names.length).toBeGreaterThan(0);
    },
  );

  it.each(PRESETS.map((preset) => [preset.id, preset] as const))('%s keys its value maps by trimmed lower-case text', (_id, preset) => {
    for (const map of Object.values(preset.values ?? {})) {
      for (const key of Object.keys(map ?? {})) expect(key).toBe(key.trim().toLowerCase());
    }
  });
});

describe('detectPreset', () => {
  it('prefers the signature with more names matched', () => {
    // Zendesk Explore's two names against a file that also fits nothing else.
    expect(detectPreset(['Ticket ID', 'Ticket created - Timestamp', 'Ticket status'], [])?.id).toBe('zendesk-explore');
    expect(
      rankPresets(['number', 'opened_at', 'Ticket ID', 'Ticket created - Timestamp', 'sys_updated_at'], []).map((m) => m.preset.id),
    ).toEqual(['servicenow', 'zendesk-explore']);
  });

  it('settles Freshdesk against Freshservice (the same words, other case) by the spelling as written', () => {
    expect(detectPreset(['Ticket ID', 'Created time', 'First response time (in hrs)'], [])?.id).toBe('freshdesk');
    expect(detectPreset(['Ticket Id', 'Created Time', 'First Response Time (in Hrs)'], [])?.id).toBe('freshservice');
    // Neither spelling: the registry order decides, and it is documented as Freshdesk first.
    expect(detectPreset(['TICKET ID', 'CREATED TIME', 'FIRST RESPONSE TIME (IN HRS)'], [])?.id).toBe('freshdesk');
  });

  it('recognises ServiceNow by field names (CSV) and by labels (XLSX)', () => {
    expect(detectPreset(['number', 'opened_at', 'priority'], [])?.id).toBe('servicenow');
    expect(detectPreset(['Number', 'Opened', 'Priority', 'State'], [])?.id).toBe('servicenow');
  });

  it("wants Google Forms' Timestamp first and spelt as Google writes it, in any UI language it knows", () => {
    expect(detectPreset(['Timestamp', 'How likely are you to recommend us?'], [])?.id).toBe('google-forms');
    expect(detectPreset(['\uFEFFОтметка времени', 'Оценка'], [])?.id).toBe('google-forms');
    expect(detectPreset(['timestamp', 'user_id', 'session_id'], [])).toBeUndefined();
    expect(detectPreset(['user_id', 'Timestamp'], [])).toBeUndefined();
  });

  it("wants Typeform's # first (a name of punctuation only is compared as written)", () => {
    expect(detectPreset(['#', 'Submit Date (UTC)'], [])?.id).toBe('typeform');
    expect(detectPreset(['Submit Date (UTC)', '#'], [])).toBeUndefined();
    expect(detectPreset(['No', 'Submit Date (UTC)'], [])).toBeUndefined();
  });

  it('counts names from extra header rows', () => {
    // Qualtrics labels in row 2 under other row-1 names.
    expect(detectPreset(['A', 'B'], [['Start Date'], ['Response ID']])?.id).toBe('qualtrics');
  });

  it('leaves presets of another kind out when the kind is known', () => {
    const columns = ['Timestamp', 'Sessions', 'Key events'];
    expect(detectPreset(columns, [])?.id).toBe('ga4');
    expect(detectPreset(columns, [], { kind: 'survey' })?.id).toBe('google-forms');
    expect(detectPreset(columns, [], { kind: 'tickets' })).toBeUndefined();
  });

  it('finds nothing in a header without a signature', () => {
    expect(detectPreset([], [])).toBeUndefined();
    expect(detectPreset(['Ticket ID', 'Created', 'Resolved', 'Priority'], [])).toBeUndefined();
  });
});

describe('value maps', () => {
  const valuesOf = (id: string, field: FieldId): Readonly<Record<string, string>> => findPreset(id)?.values?.[field] ?? {};

  it('reads Zendesk satisfaction as 5 / 1 and an unanswered survey as missing', () => {
    expect(valuesOf('zendesk', 'satisfaction')).toMatchObject({ good: '5', bad: '1', offered: '', 'not offered': '', unoffered: '' });
    expect(valuesOf('zendesk-explore', 'satisfaction')).toEqual(valuesOf('zendesk', 'satisfaction'));
    expect(findPreset('zendesk')?.aliases.satisfaction).toEqual(['Satisfaction Score']);
  });

  it('reads ServiceNow priorities as P1…P5 and ? as missing', () => {
    expect(valuesOf('servicenow', 'priority')).toEqual({
      '1 - critical': 'P1',
      '2 - high': 'P2',
      '3 - moderate': 'P3',
      '4 - low': 'P4',
      '5 - planning': 'P5',
    });
    expect(findPreset('servicenow')?.nullMarkers).toEqual(['?']);
    expect(findPreset('servicenow')?.eventLog).toEqual({ orderBy: 'sys_updated_at' });
  });

  it("reads Boston's ONTIME / OVERDUE and Freshdesk's SLA outcomes as booleans", () => {
    expect(valuesOf('boston-311', 'made_sla')).toEqual({ ontime: 'true', overdue: 'false' });
    expect(valuesOf('freshdesk', 'made_sla')).toMatchObject({ 'within sla': 'true', 'sla violated': 'false' });
  });

  it('reads Boston 311 dates month first, with its own date format, whatever the sample shows', () => {
    const format = parseDatePattern(findPreset('boston-311')?.dateFormat ?? '');
    // The first case of building-inspection-request.csv: no day above 12 in the first rows.
    expect(format.parse('01/02/2015 01:30:55 PM', 'UTC')).toBe(Date.UTC(2015, 0, 2, 13, 30, 55));
    expect(format.parse('12/31/2015 11:59:59 AM', 'UTC')).toBe(Date.UTC(2015, 11, 31, 11, 59, 59));
  });

  it('knows the header rows of SurveyMonkey (2) and Qualtrics (3)', () => {
    expect(findPreset('surveymonkey')?.headerRows).toBe(2);
    expect(findPreset('qualtrics')?.headerRows).toBe(3);
  });
});

describe('the tasks preset', () => {
  it('needs a task (or mission) column beside an outcome, a time or misclicks', () => {
    expect(detectPreset(['Participant', 'Task', 'Success', 'Time on task'], [])?.id).toBe('tasks');
    expect(detectPreset(['Tester', 'Mission', 'Outcome', 'Duration', 'Misclicks'], [])?.id).toBe('tasks');
    expect(detectPreset(['Участник', 'Задача', 'Успех'], [])?.id).toBe('tasks');
    // a request log's success with no task is no task-results export
    expect(detectPreset(['timestamp', 'label', 'success', 'elapsed'], [])?.id).not.toBe('tasks');
    expect(detectPreset(['Task', 'Assignee', 'Due date'], [])).toBeUndefined();
  });
});
