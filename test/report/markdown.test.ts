import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../src/report/markdown.js';
import { SAMPLE_REPORT, VERDICT_REPORT, makeReport, makeResult, makeTarget } from './report-fixture.js';

describe('formatMarkdown', () => {
  it('leads with the verdict and why, then targets, composites and one table per domain', () => {
    expect(formatMarkdown(VERDICT_REPORT, { color: false })).toMatchInlineSnapshot(`
      "## Service desk XLA

      **fail** — 1 met, 3 breached, 1 inconclusive, 1 no data

      - ❌ **happy-users**: csat [team=Network] 72.0% is below >= 85% (n 120, 95% CI 64.1…79.2%)
      - ⚪ **effort**: ces no data (n 3 < min_n 30)
      - ⚠️ **p1-fixed-fast**: resolution_time.p90 [where priority=P1] 5h is above <= 4h (n 80)
      - ⚠️ **nps-stretch**: nps inconclusive: 95% CI +18…+41 straddles >= +30 (value +29, n 400, basis interval)
      - ❌ **xla-index**: Experience index breached: key component happy-users breached (index 68.5, target >= 80, 3 of 3 components with data)

      ### Targets

      |  | Target | Metric | Scope | Value | Threshold | n | 95% CI |
      | --- | --- | --- | --- | ---: | --- | ---: | ---: |
      | ❌ | happy-users — Users are happy with support | csat | team=Network | 72.0% | >= 85% | 120 | 64.1…79.2% |
      | ⚪ | effort | ces |  | – | >= 5 | 3 | – |
      | ⚠️ | p1-fixed-fast | resolution_time.p90 | where priority=P1 | 5h | <= 4h | 80 | – |
      | ⚠️ | nps-stretch | nps |  | +29 | >= +30 | 400 | +18…+41 |
      | ✅ | promoters | nps |  | +32 | >= +30 | 400 | +25…+39 |

      ### Composites

      |  | Composite | Index | Threshold | Components |
      | --- | --- | ---: | --- | --- |
      | ❌ | xla-index — Experience index | 68.5 | >= 80 | happy-users 37.0 × 0.5 (key), p1-fixed-fast 75.0 × 0.3, promoters 100.0 × 0.2 |
      |  | domain:cx — CX roll-up | 68.5 |  | promoters 100.0 × 1, happy-users 37.0 × 1 |

      ### CX · customer experience

      | Metric | team | Value | n | 95% CI |
      | --- | --- | ---: | ---: | ---: |
      | Net Promoter Score | all | +32 | 400 | +25…+39 |
      | CSAT | Network | 72.0% | 120 | 64.1…79.2% |

      ### OPS · operations

      | Metric | Value | n |
      | --- | ---: | ---: |
      | Resolution time, 90th percentile | 5h | 80 |

      3 results
      "
    `);
  });

  it('renders a scorecard without targets as results only, under a default title', () => {
    const report = makeReport({ results: [makeResult({ metric: 'csat', name: 'CSAT', unit: '%', value: 80, n: 10, ci: [70, 90] })] });
    expect(formatMarkdown(report, { color: false, confidence: 0.9 })).toMatchInlineSnapshot(`
      "## XLA scorecard

      ### CX · customer experience

      | Metric | Value | n | 90% CI |
      | --- | ---: | ---: | ---: |
      | CSAT | 80.0% | 10 | 70.0…90.0% |

      1 result
      "
    `);
  });

  it('escapes pipes, shows line breaks and neutralises markup in cells and headings', () => {
    const report = makeReport({
      title: 'A | B\nC',
      results: [makeResult({ metric: 'nps', name: 'NPS', segment: { 'team|x': 'a|b\nc <script>' }, value: 10, n: 5 })],
      targets: [makeTarget({ id: 'pipe|id', metric: 'nps', segment: { team: 'a|b' }, threshold: 0, value: 10, n: 5 })],
      summary: { targets: 1, met: 1, breached: 0, inconclusive: 0, no_data: 0, status: 'pass' },
    });
    const lines = formatMarkdown(report, { color: false }).split('\n');
    expect(lines[0]).toBe('## A \\| B\\\\nC');
    expect(lines).toContain('| ✅ | pipe\\|id | nps | team=a\\|b | +10 | >= 0 | 5 | – |');
    expect(lines).toContain('| Metric | team\\|x | Value | n |');
    expect(lines).toContain('| NPS | a\\|b\\\\nc &lt;script> | +10 | 5 |');
  });

  it('turns no data into links, emphasis, HTML, math, mentions or references', () => {
    const value = '[click](https://evil.example) **bold** _it_ `code` ~~gone~~ $x$ <img src=x> &amp; @octocat #12 www.evil.example';
    const report = makeReport({ results: [makeResult({ metric: 'nps', name: 'NPS', segment: { team: value }, value: 10, n: 5 })] });
    const row = formatMarkdown(report, { color: false })
      .split('\n')
      .find((line) => line.startsWith('| NPS | ['));
    expect(row).toBe(
      '| NPS | [click\\](https:&#8203;//evil.example) \\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\$x\\$ &lt;img src=x> &amp;amp; @&#8203;octocat #&#8203;12 www&#8203;.evil.example | +10 | 5 |',
    );
  });

  it('keeps every table row to the header width', () => {
    for (const report of [SAMPLE_REPORT, VERDICT_REPORT]) {
      const blocks = formatMarkdown(report, { color: false })
        .split('\n\n')
        .filter((block) => block.startsWith('|'));
      for (const block of blocks) {
        const widths = block.split('\n').map((line) => line.replaceAll('\\|', '').split('|').length);
        expect(new Set(widths).size).toBe(1);
      }
    }
  });
});
