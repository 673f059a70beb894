/**
 * Issue 18, item 5, end to end: Excel's `31-Jul-18`, Russian text dates and `--date-format` for
 * the new layouts, and the suggestion for a column no layout reads. Expected NPS by hand:
 * promoters 9–10, detractors 0–6, NPS = (promoters − detractors) / n × 100.
 */
import { describe, expect, it } from 'vitest';
import { fixture, resultOf, runJson, runXla } from './run-xla.js';

describe("a survey whose dates are Excel's d-MMM-yy (fixtures/dates/excel-d-mmm-yy.csv)", () => {
  it('scores by month with no flag', () => {
    const { report, run } = runJson(['score', fixture('dates/excel-d-mmm-yy.csv'), '--period', 'month']);
    expect(run.stderr).toBe('');
    expect(report.inputs[0]?.rejected).toBe(0);
    // July: 10, 9, 6, 10, 3 → 3 promoters, 2 detractors of 5 → +20
    expect(resultOf(report, 'nps', {}, '2018-07')).toMatchObject({ value: 20, n: 5 });
    // August: 10, 8, 2, 9, 10 → 3 promoters, 1 detractor of 5 → +40
    expect(resultOf(report, 'nps', {}, '2018-08')).toMatchObject({ value: 40, n: 5 });
    expect(resultOf(report, 'nps')).toMatchObject({ value: 30, n: 10 });
  });

  it('reads the same under --date-format d-MMM-yy, and inspect shows the layout', () => {
    const { report } = runJson(['score', fixture('dates/excel-d-mmm-yy.csv'), '--period', 'month', '--date-format', 'd-MMM-yy']);
    expect(resultOf(report, 'nps', {}, '2018-07')).toMatchObject({ value: 20, n: 5 });
    const inspect = runXla(['inspect', fixture('dates/excel-d-mmm-yy.csv')]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain('d-MMM-yy[ H:mm[:ss]]');
  });
});

describe('Russian text dates (fixtures/dates/russian-text-dates.csv)', () => {
  it('reads `31 июля 2018 г.` and `5 сент. 2018 г.` by month', () => {
    const { report } = runJson(['score', fixture('dates/russian-text-dates.csv'), '--period', 'month']);
    expect(report.inputs[0]?.rejected).toBe(0);
    expect(resultOf(report, 'nps', {}, '2018-07')).toMatchObject({ value: 0, n: 2 }); // 10, 0
    expect(resultOf(report, 'nps', {}, '2018-08')).toMatchObject({ value: 100, n: 1 }); // 9
    expect(resultOf(report, 'nps', {}, '2018-09')).toMatchObject({ value: 50, n: 2 }); // 7, 10
  });
});

describe('a column no layout reads (fixtures/dates/dutch-months.csv)', () => {
  it('rejects its dates, as before, with the likely pattern and what to do', () => {
    const run = runXla(['score', fixture('dates/dutch-months.csv'), '-f', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).inputs[0].rejected).toBe(4);
    expect(run.stderr).toContain(
      '"31-mrt-18" rejected: not a date layout xla reads: the column looks like d-MMM-yy with Dutch month names ' +
        '(xla reads English and Russian ones); write the dates as yyyy-MM-dd or with English month names',
    );
  });

  it('names a pattern --date-format then reads', () => {
    const lines = ['Date,How likely are you to recommend us to a friend or colleague?', '31_07_2018,10', '01_08_2018,4'];
    const run = runXla(['score', '-', '-f', 'json'], { input: `${lines.join('\n')}\n` });
    expect(run.stderr).toContain('the column looks like dd_MM_yyyy; use --date-format "dd_MM_yyyy"');
    const { report } = runJson(['score', '-', '--period', 'month', '--date-format', 'dd_MM_yyyy'], { input: `${lines.join('\n')}\n` });
    expect(resultOf(report, 'nps', {}, '2018-07')).toMatchObject({ value: 100, n: 1 });
    expect(resultOf(report, 'nps', {}, '2018-08')).toMatchObject({ value: -100, n: 1 });
  });
});
