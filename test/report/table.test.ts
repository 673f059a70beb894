import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/report/table.js';
import { SAMPLE_REPORT, VERDICT_REPORT, makeReport, makeResult, makeTarget } from './report-fixture.js';

const ESC = '\u001b[';

describe('formatTable', () => {
  it('renders the sample scorecard without colour', () => {
    expect(formatTable(SAMPLE_REPORT, { color: false })).toMatchInlineSnapshot(`
      "Service desk XLA
      survey.csv · survey · 1,200 rows (5 rejected)
      tickets.json · tickets · preset servicenow · 1 row

      CX · customer experience
        Metric              team     Period   Value      Δ       n      95% CI
        ──────────────────────────────────────────────────────────────────────
        Net Promoter Score  all      all        +33            400     +25…+40
                            Network  2024-01     -5            100     -20…+10
                            Network  2024-02    +12  ▲ 17*      90      -3…+28
        CSAT                all      all      85.3%         12,330  81.3…88.5%
                            Apps     2024-01      –              0           –

      UX · digital experience
        Metric                          Value      n     95% CI
        ───────────────────────────────────────────────────────
        LCP, 75th percentile    2,310 ms good  5,000          –
        Apdex                 0.91 [0.5] Good    800  0.88…0.93

      OPS · operations
        Metric                            team      Value    n
        ──────────────────────────────────────────────────────
        Resolution time, 90th percentile  all          8h  310
                                          Network  4h 13m  120

      9 results · * significant change from the previous period

      Targets
        ! p90-cap    resolution_time.p90 8h is above <= 7h 47m (n 310)
        ✔ nps-floor  nps +33 meets >= +30 (n 400, 95% CI +25…+40)
      1 met · 1 breached · 0 inconclusive · 0 no data → warn
      "
    `);
  });

  it('labels the interval column with the confidence level and omits it when no result has an interval', () => {
    const report = makeReport({
      results: [
        makeResult({ metric: 'csat', unit: '%', value: 80, n: 10, ci: [70, 90] }),
        makeResult({ metric: 'tickets', domain: 'ops', unit: 'count', value: 10, n: 10 }),
      ],
    });
    expect(formatTable(report, { color: false, confidence: 0.9 })).toMatchInlineSnapshot(`
      "CX · customer experience
        Metric  Value   n      90% CI
        ─────────────────────────────
        csat    80.0%  10  70.0…90.0%

      OPS · operations
        Metric   Value   n
        ──────────────────
        tickets     10  10

      2 results
      "
    `);
  });

  it('colours with ANSI codes only when asked', () => {
    expect(formatTable(SAMPLE_REPORT, { color: true })).toContain(ESC);
    expect(formatTable(SAMPLE_REPORT, { color: false })).not.toContain(ESC);
  });

  it('colours a value by its published rating and leaves unrated values plain', () => {
    const output = formatTable(SAMPLE_REPORT, { color: true });
    expect(output).toContain('\u001b[32m2,310 ms\u001b[39m');
    expect(output).toContain('\u001b[32m0.91 [0.5]\u001b[39m');
    expect(output).toMatch(/ \+33 /);
    expect(output).not.toContain(`${ESC}32m+33`);
    expect(output).not.toContain(`${ESC}31m+33`);
    expect(output).toContain(`${ESC}32m▲ 17*${ESC}39m`);
  });

  it('puts the verdicts first when asked: failures, then warnings, then passes, with the counts', () => {
    expect(formatTable(VERDICT_REPORT, { color: false, targetsFirst: true })).toMatchInlineSnapshot(`
      "Service desk XLA

      Targets
        ✖ happy-users Users are happy with support  csat [team=Network] 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)
        ∅ effort                                    ces no data (n 3 < min_n 30)
        ! p1-fixed-fast                             resolution_time.p90 [where priority=P1] 5h is above <= 4h (n 80)
        ! nps-stretch                               nps inconclusive: 95% CI +18…+41 straddles >= +30 (value +29, n 400, basis interval)
        ✔ promoters                                 nps +32 meets >= +30 (n 400, 95% CI +25…+39, basis lenient)

      Composites
        ✖ xla-index  Experience index breached: key component happy-users breached (index 68.5, target >= 80, 3 of 3 components with data)
            ✖ happy-users     37.0  × 0.5  key
            ✖ p1-fixed-fast   75.0  × 0.3
            ✔ promoters      100.0  × 0.2
          domain:cx  CX roll-up 68.5 (2 of 2 components with data)
            ✔ promoters    100.0  × 1
            ✖ happy-users   37.0  × 1
      1 met · 3 breached · 1 inconclusive · 1 no data → fail

      CX · customer experience
        Metric              team     Value    n      95% CI
        ───────────────────────────────────────────────────
        Net Promoter Score  all        +32  400     +25…+39
        CSAT                Network  72.0%  120  64.1…79.2%

      OPS · operations
        Metric                            Value   n
        ───────────────────────────────────────────
        Resolution time, 90th percentile     5h  80

      3 results
      "
    `);
  });

  it('lists the verdicts after the results by default, in the same order', () => {
    const output = formatTable(VERDICT_REPORT, { color: false });
    expect(output.indexOf('3 results')).toBeLessThan(output.indexOf('Targets'));
    const targetLines = output.split('\n').filter((line) => /^ {2}[✖∅!✔] /.test(line));
    expect(targetLines.map((line) => line.split(/\s+/)[2])).toEqual([
      'happy-users',
      'effort',
      'p1-fixed-fast',
      'nps-stretch',
      'promoters',
      'xla-index',
    ]);
  });

  it('colours markers by outcome only when asked', () => {
    expect(formatTable(VERDICT_REPORT, { color: false, targetsFirst: true })).not.toContain(ESC);
    const coloured = formatTable(VERDICT_REPORT, { color: true, targetsFirst: true });
    expect(coloured).toContain(`${ESC}31m✖${ESC}39m happy-users`);
    expect(coloured).toContain(`${ESC}33m!${ESC}39m p1-fixed-fast`);
    expect(coloured).toContain(`${ESC}32m✔${ESC}39m promoters`);
    expect(coloured).toContain(`→ ${ESC}31mfail${ESC}39m`);
  });

  it('shows control characters in data as escapes and lets no data start a workflow command', () => {
    const report = makeReport({
      title: 'T\u001b]0;owned\u0007',
      inputs: SAMPLE_REPORT.inputs.slice(0, 1).map((input) => ({ ...input, name: 'a\n::error::file.csv' })),
      results: [
        makeResult({ metric: 'nps', name: 'NPS', value: 10, n: 4 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { 'team\u202e': '::error::x' }, value: 10, n: 2 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { 'team\u202e': 'hide\u001b[8m' }, value: 10, n: 2 }),
      ],
      targets: [
        makeTarget({
          id: 'breached',
          metric: 'nps',
          segment: { 'team\u202e': 'hide\u001b[8m' },
          threshold: 30,
          value: 10,
          n: 2,
          status: 'breached',
          outcome: 'fail',
        }),
      ],
      summary: { targets: 1, met: 0, breached: 1, inconclusive: 0, no_data: 0, status: 'fail' },
    });
    expect(formatTable(report, { color: false })).toMatchInlineSnapshot(`
      "T\\x1B]0;owned\\x07
      a\\n::error::file.csv · survey · 1,200 rows (5 rejected)

      CX · customer experience
        Metric  team\\u202E   Value  n
        ─────────────────────────────
        NPS     all            +10  4
                \\::error::x    +10  2
                hide\\x1B[8m    +10  2

      3 results

      Targets
        ✖ breached  nps [team\\u202E=hide\\x1B[8m] +10 is below >= +30 (n 2)
      0 met · 1 breached · 0 inconclusive · 0 no data → fail
      "
    `);
  });

  it('shows a report with no results as a count of zero', () => {
    expect(formatTable(makeReport(), { color: false })).toBe('0 results\n');
  });
});
