/**
 * Real exports as they come (issue 4). Expected values were computed independently with Python's
 * csv and datetime modules over the same files (the script for each is summarised in its test),
 * never copied from xla's output.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_MISSING, dataset, describeOnDatasets, hasDatasets } from '../datasets.js';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';
import { scratchDir } from '../scratch.js';

describe('a Russian Excel export scores the same as its UTF-8 ISO twin, with no flags', () => {
  // survey-1251.csv: Windows-1251, `;`, decimal comma, dd.MM.yyyy HH:mm, Russian headers, CRLF.
  const russian = runJson(['score', fixture('russian-excel/survey-1251.csv'), '--by', 'Отдел', '--period', 'month']);
  const twin = runJson(['score', fixture('russian-excel/survey-iso.csv'), '--by', 'Team', '--period', 'month']);
  const strip = (report: JsonReport) => report.results.map((result) => ({ ...result, segment: Object.values(result.segment) }));

  it('is read as Windows-1251 with `;` and the Russian headers mapped', () => {
    expect(russian.report.inputs[0]).toMatchObject({
      kind: 'survey',
      rows: 10,
      rejected: 0,
      format: { delimiter: ';', encoding: 'windows-1251' },
    });
    expect(russian.report.inputs[0]?.fields).toMatchObject({ submitted_at: 'Дата ответа', csat: 'Удовлетворенность', rating: 'Рейтинг' });
  });

  it('gives the same results, number for number', () => {
    expect(strip(russian.report)).toEqual(strip(twin.report));
  });

  it('gives the hand-computed values', () => {
    // NPS [10,9,7,6,3,10,8,9,0,10]: 5 P, 2 passives, 3 D → +20; CSAT 6 of 10 in {4,5} → 60 %.
    expect(resultOf(russian.report, 'nps').value).toBe(20);
    expect(resultOf(russian.report, 'csat').value).toBe(60);
    // Ratings with decimal commas: 4,5 4 3,5 2 1,5 5 4,25 (empty) 3 4,75 → 32.5 / 9.
    expect(resultOf(russian.report, 'rating')).toMatchObject({ n: 9 });
    expect(resultOf(russian.report, 'rating').value).toBeCloseTo(32.5 / 9, 12);
    // January (15.01–28.01): {10, 9, 7, 6} → 2 P, 1 D → +25.
    expect(resultOf(russian.report, 'nps', {}, '2024-01').value).toBe(25);
  });
});

describe('the ServiceNow incident event log, its first 1,200 events (fixtures/datasets), recognised with no flags', () => {
  // Python, as below over the trimmed copy: 190 incidents; 182 with a resolved_at: sum 223,990,440 s
  // (mean 1,230,716.70 s), median 193,320 s, p90 2,503,200 s; made_sla true 125 of 190; reopened 2.
  const { report, run } = runJson(['score', fixture('datasets/servicenow-events-1200.csv')]);

  it('detects the preset and collapses the log to one ticket per incident', () => {
    expect(report.inputs[0]).toMatchObject({ kind: 'tickets', rows: 1200, rejected: 0 });
    expect((report.inputs[0] as unknown as { preset: string }).preset).toBe('servicenow');
    expect(resultOf(report, 'tickets').value).toBe(190);
    expect(run.stderr).toContain('1200 rows collapsed to 190 tickets');
  });

  it('computes resolution times, SLA attainment and reopens', () => {
    expect(resultOf(report, 'resolution_time.mean')).toMatchObject({ n: 182, value: 223990440 / 182 });
    expect(resultOf(report, 'resolution_time.median').value).toBe(193320);
    expect(resultOf(report, 'resolution_time.p90').value).toBeCloseTo(2503200, 6);
    expect(resultOf(report, 'sla_attainment')).toMatchObject({ n: 190 });
    expect(resultOf(report, 'sla_attainment').value).toBeCloseTo((125 / 190) * 100, 10);
    expect(resultOf(report, 'reopen_rate').value).toBeCloseTo((2 / 190) * 100, 10);
  });
});

describeOnDatasets('the ServiceNow incident event log, recognised with no flags', () => {
  // Python: keep the last row per `number` by sys_updated_at (d/m/Y H:M, ties by file order): 14,628
  // incidents; resolved_at − opened_at over the 13,551 with a resolved_at ('?' is missing):
  // mean 765,628.27 s, median 155,880 s, p90 1,574,040 s; made_sla true 7,870 of 14,628; reopen_count ≥ 1: 190.
  const { report, run } = runJson(['score', dataset('servicenow-incident-log/incident_event_log_prefix.csv')]);

  it('detects the preset and collapses the log to one ticket per incident', () => {
    expect(report.inputs[0]).toMatchObject({ kind: 'tickets', rows: 88673 });
    expect((report.inputs[0] as unknown as { preset: string }).preset).toBe('servicenow');
    expect(resultOf(report, 'tickets').value).toBe(14628);
    expect(run.stderr).toMatch(/88,?673 rows collapsed to 14,?628 tickets/);
    expect(run.stderr).not.toContain('\r'); // no progress line off a terminal
  });

  it('computes resolution times, SLA attainment and reopens', () => {
    const mean = resultOf(report, 'resolution_time.mean');
    expect(mean.n).toBe(13551);
    expect(mean.value).toBeCloseTo(765628.2709763118, 4);
    expect(resultOf(report, 'resolution_time.median').value).toBe(155880);
    expect(resultOf(report, 'resolution_time.p90').value).toBeCloseTo(1574040, 4);
    expect(resultOf(report, 'sla_attainment')).toMatchObject({ n: 14628 });
    expect(resultOf(report, 'sla_attainment').value).toBeCloseTo((7870 / 14628) * 100, 10);
    expect(resultOf(report, 'reopen_rate').value).toBeCloseTo((190 / 14628) * 100, 10);
  });
});

describe('Boston 311 (US 12-hour timestamps, ONTIME/OVERDUE)', () => {
  it("reads the first 400 building inspections (fixtures/datasets): the city's own SLA flag and resolution times", () => {
    // Python (strptime '%m/%d/%Y %I:%M:%S %p'): ONTIME 121, OVERDUE 279; 370 closed: mean 1,555,450.29 s,
    // median 692,078 s, p90 4,233,955.6 s.
    const { report } = runJson(['score', fixture('datasets/boston-311-building-400.csv'), '-q']);
    expect(report.inputs[0]).toMatchObject({ kind: 'tickets', rows: 400, rejected: 0 });
    expect(resultOf(report, 'sla_attainment')).toMatchObject({ n: 400, value: 30.25 });
    expect(resultOf(report, 'resolution_time.mean')).toMatchObject({ n: 370 });
    expect(resultOf(report, 'resolution_time.mean').value).toBeCloseTo(1555450.2864864864, 6);
    expect(resultOf(report, 'resolution_time.median').value).toBe(692078);
    expect(resultOf(report, 'resolution_time.p90').value).toBeCloseTo(4233955.6, 6);
  });

  it('rejects the pothole cases closed before they were opened (19 of the 220 in fixtures/datasets)', () => {
    const { report } = runJson(['score', fixture('datasets/boston-311-pothole-220.csv'), '-q']);
    expect(report.inputs[0]).toMatchObject({ rows: 220, rejected: 19 });
    expect(resultOf(report, 'resolution_time.mean')).toMatchObject({ n: 201 });
    expect(resultOf(report, 'sla_attainment').value).toBe(100);
  });

  it("reads all building inspections: the city's own SLA flag and resolution times", ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    // Python (strptime '%m/%d/%Y %I:%M:%S %p'): 4,961 cases; ONTIME 1,334, OVERDUE 3,627; 4,533 closed:
    // mean 1,602,528.58 s, median 699,117 s, p90 4,155,931 s.
    const { report } = runJson(['score', dataset('boston-311-2015/building-inspection-request.csv'), '-q']);
    expect(report.inputs[0]).toMatchObject({ kind: 'tickets', rows: 4961, rejected: 0 });
    expect(resultOf(report, 'sla_attainment')).toMatchObject({ n: 4961 });
    expect(resultOf(report, 'sla_attainment').value).toBeCloseTo((1334 / 4961) * 100, 10);
    expect(resultOf(report, 'resolution_time.mean')).toMatchObject({ n: 4533 });
    expect(resultOf(report, 'resolution_time.mean').value).toBeCloseTo(1602528.5826163688, 4);
    expect(resultOf(report, 'resolution_time.median').value).toBe(699117);
    expect(resultOf(report, 'resolution_time.p90').value).toBeCloseTo(4155931, 4);
  });

  it('rejects the pothole cases closed before they were opened (140 of them)', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const { report } = runJson(['score', dataset('boston-311-2015/pothole-repair-internal.csv'), '-q']);
    expect(report.inputs[0]).toMatchObject({ rows: 5393, rejected: 140 });
    expect(resultOf(report, 'sla_attainment').value).toBe(100);
  });
});

describe('bad input is handled, never a crash', () => {
  const temp = (name: string, content: string | Buffer): string => {
    const file = join(scratchDir('xla-bad-'), name);
    writeFileSync(file, content);
    return file;
  };

  it('skips a malformed record, says where, and scores the rest', () => {
    const file = temp('broken.csv', 'nps,comment\n9,fine\n10,a "quoted" word\n8,ok\n0,"closed"\n');
    const run = runXla(['score', file, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/broken\.csv:3(:\d+)?:/);
    // Rows 9, 8, 0 remain: 1 P, 1 passive, 1 D → 0.
    expect(resultOf(JSON.parse(run.stdout) as JsonReport, 'nps')).toMatchObject({ value: 0, n: 3 });
  });

  it('--strict turns a rejected row into exit 2 with file, line and column, and --rejects lists every one', () => {
    const dir = scratchDir('xla-strict-');
    const out = join(dir, 'report.json');
    const rejects = join(dir, 'rejects.csv');
    const run = runXla(['score', fixture('survey/responses.csv'), '--strict', '--rejects', rejects, '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('responses.csv:13:3');
    expect(run.stderr).toContain('--strict');
    expect(existsSync(out)).toBe(false);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,line,record,column,field,value,reason');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',13,11,3,nps,11,');
  });

  it.each([
    ['empty.csv', '', /empty/],
    ['binary.csv', Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x10]), /text|binary|NUL/i],
    ['workbook.xlsx', Buffer.from('PK\u0003\u0004rest-of-a-zip', 'latin1'), /Excel|workbook|zip/i],
  ])('%s ends in a clear message and exit 2', (name, content, message) => {
    const run = runXla(['score', temp(name, content)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a header-only file scores to no data, exit 0', () => {
    const { report } = runJson(['score', temp('header.csv', 'nps,csat\n')]);
    expect(resultOf(report, 'nps')).toMatchObject({ value: null, n: 0 });
  });

  it('keeps JSON keys like __proto__ and constructor as data', () => {
    const file = temp('proto.json', '[{"__proto__": "x", "constructor": "y", "nps": 9}, {"__proto__": "z", "constructor": "w", "nps": 3}]');
    const { report } = runJson(['score', file, '--by', '__proto__']);
    // An object literal's __proto__ would set the prototype: build the expected segment as data.
    expect(resultOf(report, 'nps', Object.fromEntries([['__proto__', 'x']])).value).toBe(100);
    expect(resultOf(report, 'nps', Object.fromEntries([['__proto__', 'z']])).value).toBe(-100);
  });
});

describe('xla inspect', () => {
  it('shows how the ServiceNow log is read', () => {
    const run = runXla(['inspect', fixture('datasets/servicenow-events-1200.csv'), '-f', 'json']);
    expect(run.code).toBe(0);
    const inspect = JSON.parse(run.stdout) as {
      preset: { id: string };
      kind: string;
      format: { delimiter: string; encoding: string };
      rows: number;
      columns: { name: string; field: string | null; format: string | null; samples: string[] }[];
      notes: string[];
    };
    expect(inspect.preset.id).toBe('servicenow');
    expect(inspect.kind).toBe('tickets');
    expect(inspect.format).toMatchObject({ delimiter: ',', encoding: 'utf-8' });
    expect(inspect.rows).toBe(1200);
    const opened = inspect.columns.find((column) => column.name === 'opened_at');
    expect(opened).toMatchObject({ field: 'created_at' });
    expect(opened?.format).toMatch(/d\/M\/yyyy/);
    expect(opened?.samples.length).toBeGreaterThan(0);
    expect(inspect.notes.join(' ')).toMatch(/collapsed/);
  });

  it('lists the first rejected rows with reasons in the table', () => {
    const run = runXla(['inspect', fixture('datasets/googleplay-300.csv')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Rating');
    expect(run.stdout).toContain('19');
    expect(run.stdout).toMatch(/outside 1–5/);
  });
});
