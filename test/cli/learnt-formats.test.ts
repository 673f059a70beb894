/**
 * Issue 16, end to end: what a column's first 1,000 values decide — the decimal mark of a `;` or
 * tab file, day-first or month-first dates — must not make the numbers depend on the row order.
 *
 * The mark was chosen from the sample, and a sample that left it open was read with a point. So
 * in a semicolon file whose first 1,000 LCP values read as `2.500` (2.5 ms, or 2,500 ms with a
 * decimal comma) and later ones as `3,5`, the order of the rows decided the numbers: in file order
 * p75 was a few ms (the `3,5`s rejected), in a shuffled order — a `3,5` among the first 1,000 — it
 * was thousands of ms, and a target such as `lcp.p75 <= 2500` flipped. Now a sample that leaves a
 * real choice, or mixes both marks, is exit 2 asking for --decimal; and the rows after the sample
 * are held to it: a value only the other reading reads, or one that reads two ways after a sample
 * that settled nothing, is exit 2 at its line and column rather than a rejected row. Dates alike,
 * against the day-month swap. In every order the result is an error or the one right reading,
 * never two different numbers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJson, runXla } from './run-xla.js';
import type { JsonReport } from './run-xla.js';

const dir = mkdtempSync(join(tmpdir(), 'xla-decimal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'date;page;lcp';

/** 1,000 rows of `2.500` (thousands with a decimal comma), then 500 of `3,5`. */
function rows(): string[] {
  return Array.from(
    { length: 1500 },
    (_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')};/p${i % 5};${i < 1000 ? '2.500' : '3,5'}`,
  );
}

function write(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...lines, ''].join('\n'));
  return path;
}

describe('a column whose first 1,000 values leave the decimal mark open', () => {
  it('is exit 2 asking for --decimal, where it used to read 2.500 as 2.5 and reject every 3,5', () => {
    const file = write('first-order.csv', rows());
    const run = runXla(['check', file, '-t', 'lcp.p75 <= 2500']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `xla: ${file}: the numbers in column "lcp" could be read with a decimal point or a decimal comma (e.g. "2.500")`,
    );
    expect(run.stderr).toContain('say which with --decimal , or --decimal .');
  });

  it('reads every row one way once the order puts a settling value in the sample, or --decimal says', () => {
    // The last row first: `3,5` reads only with a decimal comma, so `2.500` is 2,500 ms.
    const all = rows();
    const settled = write('settled.csv', [all[all.length - 1] as string, ...all.slice(0, -1)]);
    const given = write('given.csv', all);
    for (const args of [[settled], [given, '--decimal', ',']]) {
      const run = runXla(['score', ...args, '-f', 'json', '-q']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.inputs[0]).toMatchObject({ rows: 1500, accepted: 1500, rejected: 0 });
      // 1,000 values of 2500 ms above 500 of 3.5 ms: the 75th percentile is 2500.
      expect(report.results.find((result) => result.metric === 'lcp.p75' && Object.keys(result.segment).length === 0)?.value).toBe(2500);
    }
  });

  it('is exit 2 when the first 1,000 values mix both marks, which used to pick the point', () => {
    const file = write('mixed.csv', ['2024-01-01;/a;1,5', '2024-01-02;/a;2.5', '2024-01-03;/a;3']);
    const run = runXla(['score', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`xla: ${file}: the numbers in column "lcp" are written with both decimal marks ("1,5" and "2.5")`);
  });
});

describe('the rows after the sample are held to its decimal mark', () => {
  /** 1,000 rows of `value`, then the given ones. */
  const after = (value: string, ...later: string[]): string[] => [
    ...Array.from({ length: 1000 }, () => `2024-01-02;/a;${value}`),
    ...later.map((lcp) => `2024-01-03;/b;${lcp}`),
  ];

  it.each([
    [
      'a point the sample settled, then 2,5',
      'point.csv',
      after('1.5', '2.5', '2,5'),
      1003,
      '"2,5" reads only with a decimal comma, but the first 1000 rows of column "lcp" read with a decimal point',
    ],
    [
      'a comma the sample settled, then 2.5',
      'comma.csv',
      after('1,5', '2,5', '2.5'),
      1003,
      '"2.5" reads only with a decimal point, but the first 1000 rows of column "lcp" read with a decimal comma',
    ],
    [
      'a sample of whole numbers, then 2.500',
      'open.csv',
      after('12', '1.5', '2.500'),
      1003,
      '"2.500" reads differently with a decimal point and with a decimal comma, but the first 1000 rows of column "lcp" do not settle its decimal mark',
    ],
    [
      'a sample of whole numbers, then 3,5',
      'open-comma.csv',
      after('12', '3,5'),
      1002,
      '"3,5" reads only with a decimal comma, but the first 1000 rows of column "lcp" do not settle its decimal mark',
    ],
  ])('%s: exit 2 at its line and column', (_, name, lines, line, message) => {
    const file = write(name, lines);
    for (const jobs of ['1', '2']) {
      const run = runXla(['score', file, '-q', '-j', jobs]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `xla: ${file}:${line}:3: ${message}\n  hint: a column is read one way: say which with --decimal , or --decimal .\n`,
      );
    }
  });

  it('reads what the sample settled: 2.500 after points is 2.5; 1.5 after whole numbers is 1.5; --decimal rejects the other mark', () => {
    const p75 = (report: JsonReport): number | null | undefined =>
      report.results.find((result) => result.metric === 'lcp.p75' && Object.keys(result.segment).length === 0)?.value;
    // 1,000 values of 1.5, then 2,000 of 2.500 read as 2.5: three quarters of them at most 2.5.
    const settled = runJson([
      'score',
      write('settled-point.csv', after('1.5', ...Array.from({ length: 2000 }, () => '2.500'))),
      '-q',
    ]).report;
    expect(settled.inputs[0]).toMatchObject({ rows: 3000, rejected: 0 });
    expect(p75(settled)).toBe(2.5);
    // 1,000 of 12, then 2,000 of 1.5: p75 is 12 only if every 1.5 was read.
    const open = runJson(['score', write('open-point.csv', after('12', ...Array.from({ length: 2000 }, () => '1.5'))), '-q']).report;
    expect(open.inputs[0]).toMatchObject({ rows: 3000, rejected: 0 });
    expect(p75(open)).toBe(12);
    const given = runJson(['score', write('given-point.csv', after('1.5', '2,5')), '-q', '--decimal', '.']).report;
    expect(given.inputs[0]).toMatchObject({ rows: 1001, rejected: 1 });
  });
});

describe('the rows after the sample are held to its day-month order', () => {
  /** Tickets whose created stamps are 1,000 of `first`, then the given ones. */
  function tickets(name: string, first: string, ...later: string[]): string {
    const path = join(dir, name);
    const created = [...Array.from({ length: 1000 }, () => first), ...later];
    writeFileSync(path, `Ticket ID,Created,Priority\n${created.map((stamp, i) => `T${i},${stamp},P1\n`).join('')}`);
    return path;
  }
  const hint = 'a column is read one way: say which with --date-format "dd/MM/yyyy" or --date-format "MM/dd/yyyy"';

  it('stops at a month-first date in a day-first column, and at a two-way date after a sample that settled nothing', () => {
    const dayFirst = tickets('day-first.csv', '13/01/2024 10:00', '05/03/2024 10:00', '02/13/2024 10:00');
    expect(runXla(['score', dayFirst, '-q'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `xla: ${dayFirst}:1003:2: "02/13/2024 10:00" reads only as MM/dd/yyyy, but the first 1000 rows of column "Created" read as dd/MM/yyyy\n  hint: ${hint}\n`,
    });
    const open = tickets('open-dates.csv', '01/01/2024 10:00', '13/03/2024 10:00', '05/03/2024 10:00');
    expect(runXla(['score', open, '-q'])).toMatchObject({
      code: 2,
      stderr: `xla: ${open}:1003:2: "05/03/2024 10:00" reads differently as dd/MM/yyyy and as MM/dd/yyyy, but the first 1000 rows of column "Created" do not settle day against month\n  hint: ${hint}\n`,
    });
  });

  it('reads a two-way date as the settled column does, and --date-format rejects the other order one by one', () => {
    const monthFirst = runJson([
      'score',
      tickets('month-first.csv', '01/13/2024 10:00', '05/03/2024 10:00'),
      '-q',
      '--period',
      'month',
      '--metrics',
      'tickets',
    ]).report;
    expect(monthFirst.inputs[0]).toMatchObject({ rows: 1001, rejected: 0 });
    // 05/03 read month-first is in May, not in March.
    expect(
      monthFirst.results
        .filter((result) => result.metric === 'tickets' && result.period !== null)
        .map((result) => [result.period, result.value]),
    ).toEqual([
      ['2024-01', 1000],
      ['2024-05', 1],
    ]);
    const given = runJson([
      'score',
      tickets('given-dates.csv', '13/01/2024 10:00', '02/13/2024 10:00'),
      '-q',
      '--date-format',
      'dd/MM/yyyy HH:mm',
    ]).report;
    expect(given.inputs[0]).toMatchObject({ rows: 1001, rejected: 1 });
  });
});
