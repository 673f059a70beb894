/**
 * Binding by what columns hold (issue 18, items 1 and 6), through the built binary: a survey with an
 * agreement-text `Recommend` and a 0–10 `recommendation_score`, one with only the text column, and a
 * 35-column file where no name is known. Fixtures: fixtures/binding/ (README there).
 */
import { describe, expect, it } from 'vitest';
import { fixture, runJson, runXla } from './run-xla.js';

const TWO_COLUMNS = fixture('binding/two-recommend-columns.csv');
const TEXT_ONLY = fixture('binding/likert-recommend-only.csv');
const NO_KNOWN = fixture('binding/no-known-columns.csv');

interface InspectJson {
  kind: string | null;
  notes: string[];
  columns: {
    index: number;
    name: string;
    field: string | null;
    type: string;
    unit: string | null;
    binding: { via: string; values: string } | null;
    couldFeed: string[];
    samples: string[];
  }[];
}

function inspectJson(args: readonly string[]): { report: InspectJson; stderr: string } {
  const run = runXla(['inspect', ...args, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return { report: JSON.parse(run.stdout) as InspectJson, stderr: run.stderr };
}

describe('a survey with two recommend columns', () => {
  it('scores nps from the 0–10 column, not from the agreement text its name prefers', () => {
    const { report, run } = runJson(['score', TWO_COLUMNS, '--metrics', 'nps']);
    expect(report.inputs[0]?.fields.nps).toBe('recommendation_score');
    const nps = report.results.find((result) => result.metric === 'nps');
    // By hand: answers 10 9 9 10 8 7 6 5 3 9 10 0 → 6 promoters (9–10), 2 passives (7–8),
    // 4 detractors (0–6); NPS = 100 × (6 − 4) / 12 = 16.67.
    expect(nps?.n).toBe(12);
    expect(nps?.detail).toMatchObject({ promoters: 6, passives: 2, detractors: 4 });
    expect(nps?.value).toBeCloseTo((100 * (6 - 4)) / 12, 10);
    expect(run.stderr).not.toContain('do not fit');
  });

  it('shows in inspect why: bound by name, values fit; the agreement text could feed only ces, as labels', () => {
    const { report } = inspectJson([TWO_COLUMNS]);
    const byName = new Map(report.columns.map((column) => [column.name, column]));
    expect(byName.get('recommendation_score')).toMatchObject({
      field: 'nps',
      type: 'integer',
      binding: { via: 'name', values: 'fit' },
    });
    expect(byName.get('recommendation_score')?.couldFeed).toContain('nps');
    // Agreement labels are a CES answer or a SUS / UMUX-Lite item's (README, "Label scales"), never an nps or csat one;
    // these five fit the 5-point scale of SUS and the 7-point one of CES and UMUX-Lite alike.
    const items = ['sus_1', 'sus_2', 'sus_3', 'sus_4', 'sus_5', 'sus_6', 'sus_7', 'sus_8', 'sus_9', 'sus_10', 'umux_1', 'umux_2'];
    expect(byName.get('Recommend')).toMatchObject({ field: null, type: 'text', binding: null, couldFeed: ['ces', ...items] });
    expect(byName.get('Timestamp')).toMatchObject({ field: 'submitted_at', type: 'date', binding: { via: 'preset', values: 'fit' } });
  });
});

describe('a single candidate whose values do not fit', () => {
  it('keeps the binding, and says once on stderr what the column holds and which column would fit', () => {
    const run = runXla(['score', TEXT_ONLY, '--metrics', 'nps', '--format', 'json']);
    expect(run.code).toBe(0);
    const notes = run.stderr.split('\n').filter((line) => line.includes('do not fit'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('column "Recommend" feeds nps (by its name)');
    expect(notes[0]).toContain('0 of 12 sampled values read');
    expect(notes[0]).toContain('"Agree"');
    expect(notes[0]).toContain('--map nps="Q4"');
    const report = JSON.parse(run.stdout) as { inputs: { fields: Record<string, string> }[]; results: { metric: string; n: number }[] };
    expect(report.inputs[0]?.fields.nps).toBe('Recommend');
    expect(report.results.find((result) => result.metric === 'nps')?.n).toBe(0);
  });

  it('takes the --map the note suggests, and never second-guesses a --map', () => {
    const { report, run } = runJson(['score', TEXT_ONLY, '--map', 'nps=Q4', '--metrics', 'nps']);
    expect(report.results.find((result) => result.metric === 'nps')?.value).toBeCloseTo(100 * (2 / 12), 10);
    expect(run.stderr).not.toContain('do not fit');

    const mapped = runXla(['score', TEXT_ONLY, '--map', 'nps=Comments', '--metrics', 'nps', '--format', 'json']);
    expect(mapped.code).toBe(0);
    expect((JSON.parse(mapped.stdout) as { inputs: { fields: Record<string, string> }[] }).inputs[0]?.fields.nps).toBe('Comments');
    expect(mapped.stderr).toMatch(
      /column "Comments" feeds nps \(by --map or a config map\), but its values do not fit it: 0 of 8 sampled values read/,
    );
    expect(mapped.stderr).toContain('--map nps="Q4"');
  });

  it('marks the binding in inspect, table and JSON', () => {
    const { report } = inspectJson([TEXT_ONLY]);
    expect(report.columns.find((column) => column.name === 'Recommend')).toMatchObject({
      field: 'nps',
      binding: { via: 'name', values: 'do not fit' },
    });
    expect(report.notes.some((note) => note.includes('--map nps="Q4"'))).toBe(true);
    const table = runXla(['inspect', TEXT_ONLY, '--no-color']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Recommend\s+text\s+→ nps \(by name, values do not fit\)/);
  });
});

describe('inspect on a file where no name is known', () => {
  it('exits 0 and lists all 35 columns with type, samples and the fields each could feed', () => {
    const { report } = inspectJson([NO_KNOWN]);
    expect(report.kind).toBeNull();
    expect(report.columns).toHaveLength(35);
    expect(report.columns.map((column) => column.name).slice(-3)).toEqual(['Q30', 'Q31', 'Remarks']);
    expect(report.columns.every((column) => column.field === null && column.binding === null)).toBe(true);
    const byName = new Map(report.columns.map((column) => [column.name, column]));
    // Q7 holds 10 9 8 7 3 10 6 9: 0–10, so nps fits and csat (1–5) does not.
    expect(byName.get('Q7')).toMatchObject({ type: 'integer', samples: ['10', '9', '8'] });
    expect(byName.get('Q7')?.couldFeed).toContain('nps');
    expect(byName.get('Q7')?.couldFeed).not.toContain('csat');
    // Q1 holds answers 1–5: csat and nps alike.
    expect(byName.get('Q1')?.couldFeed).toEqual(expect.arrayContaining(['nps', 'csat', 'rating']));
    expect(byName.get('Q5')).toMatchObject({ type: 'yes/no' });
    expect(byName.get('Visit day')).toMatchObject({ type: 'date' });
    expect(byName.get('Visit day')?.couldFeed).toContain('submitted_at');
    expect(byName.get('Region')).toMatchObject({ type: 'text', couldFeed: [] });
  });

  it('shows every column in the table too, and score still refuses the file, pointing at inspect', () => {
    const table = runXla(['inspect', NO_KNOWN, '--no-color']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('none: no column feeds a metric');
    expect(table.stdout).toMatch(/\n\s+35\s+Remarks\s+text/);
    expect(table.stdout).toMatch(/\n\s+10\s+Q7\s+integer\s+·\s+10 \| 9 \| 8\s+nps, /);

    const score = runXla(['score', NO_KNOWN]);
    expect(score.code).toBe(2);
    expect(score.stdout).toBe('');
    expect(score.stderr).toContain('no column matches a known field');
    expect(score.stderr).toContain('lists every column with the fields its values fit');
  });
});

describe('which kind of data a file is', () => {
  it('a date and a 0–10 answer are a survey, though the date alone could count tickets', () => {
    const { report } = runJson(['score', fixture('binding/date-and-nps.csv'), '--metrics', 'nps']);
    expect(report.inputs[0]?.kind).toBe('survey');
    // By hand: 9, 10 promoters, 3 a detractor → 100 × (2 − 1) / 3 = 33.33.
    expect(report.results.find((result) => result.metric === 'nps')?.value).toBeCloseTo(33.333, 2);
  });
});
