import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/report/table.js';
import { SAMPLE_REPORT, makeReport, makeResult } from './report-fixture.js';

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
        Target     Metric               Status           Value    n
        ───────────────────────────────────────────────────────────
        nps-floor  nps                  met         +33 >= +30  400
        p90-cap    resolution_time.p90  breached  8h <= 7h 47m  310
      1 met · 1 breached · 0 no data → warn
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

  it('shows a report with no results as a count of zero', () => {
    expect(formatTable(makeReport(), { color: false })).toBe('0 results\n');
  });
});
