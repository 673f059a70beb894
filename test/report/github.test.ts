import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub, formatStepSummary, workflowCommand } from '../../src/report/github.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { SAMPLE_REPORT, VERDICT_REPORT, makeBreach, makeReport } from './report-fixture.js';

describe('formatGithub', () => {
  it('annotates failures as errors and warnings as warnings, failures first, then a notice with the counts', () => {
    expect(formatGithub(VERDICT_REPORT, { color: false }).split('\n')).toEqual([
      '::error title=XLA happy-users [team=Network]::csat [team=Network] 72.0%25 is below >= 85%25 (n 120, 95%25 CI 64.1…79.2%25)',
      '::error title=XLA effort::ces no data (n 3 < min_n 30)',
      '::warning title=XLA p1-fixed-fast::resolution_time.p90 [where priority=P1] 5h is above <= 4h (n 80)',
      '::warning title=XLA nps-stretch::nps inconclusive: 95%25 CI +18…+41 straddles >= +30 (value +29, n 400, basis interval)',
      '::error title=XLA xla-index::Experience index breached: key component happy-users breached (index 68.5, target >= 80, 3 of 3 components with data)',
      '::notice title=XLA summary::1 met · 3 breached · 1 inconclusive · 1 no data → fail',
      '',
    ]);
  });

  it('shows line breaks in data as \\n, then escapes % in messages, and also : and , in properties', () => {
    const report = makeReport({
      targets: [makeBreach({ id: 'share', segment: { 'team, site': 'a:b\r\nc' } })],
      summary: { targets: 1, met: 0, breached: 1, inconclusive: 0, no_data: 0, status: 'fail' },
    });
    expect(formatGithub(report, { color: false }).split('\n')[0]).toBe(
      '::error title=XLA share [team%2C site=a%3Ab\\r\\nc]::csat [team, site=a:b\\r\\nc] 80.0%25 is below >= 85%25 (n 10)',
    );
  });

  it("prints no command of the data's own: one line per verdict, no ##[, no raw control character", () => {
    const report = makeReport({
      targets: [
        makeBreach({
          id: '::error::id',
          name: 'x\n::stop-commands::t',
          segment: { team: 'a\n::error file=x::pwned ##[add-mask]y \u001b[8m' },
        }),
      ],
      summary: { targets: 1, met: 0, breached: 1, inconclusive: 0, no_data: 0, status: 'fail' },
    });
    expect(formatGithub(report, { color: false })).toBe(
      '::error title=XLA %3A%3Aerror%3A%3Aid [team=a\\n%3A%3Aerror file=x%3A%3Apwned ##\\[add-mask]y \\x1B[8m]' +
        '::csat [team=a\\n::error file=x::pwned ##\\[add-mask]y \\x1B[8m] 80.0%25 is below >= 85%25 (n 10)\n' +
        '::notice title=XLA summary::0 met · 1 breached · 0 inconclusive · 0 no data → fail\n',
    );
  });

  it('says so when there is nothing to check', () => {
    expect(formatGithub(SAMPLE_REPORT, { color: false })).toContain('::notice title=XLA summary::1 met · 1 breached');
    expect(formatGithub(makeReport(), { color: false })).toBe('::notice title=XLA summary::no targets to check (0 results)\n');
  });

  it('escapes exactly as GitHub documents', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    expect(workflowCommand('notice', {}, 'x')).toBe('::notice::x');
    expect(workflowCommand('warning', { title: 't', file: 'a.yml' }, 'x')).toBe('::warning title=t,file=a.yml::x');
  });
});

describe('formatStepSummary', () => {
  it('is the markdown scorecard', () => {
    expect(formatStepSummary(VERDICT_REPORT)).toBe(formatMarkdown(VERDICT_REPORT, { color: false }));
    expect(formatStepSummary(VERDICT_REPORT, { confidence: 0.9 })).toContain('90% CI');
  });
});
