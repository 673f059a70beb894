import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/report/csv.js';
import { SAMPLE_REPORT, makeReport, makeResult } from './report-fixture.js';

describe('formatCsv', () => {
  it('writes one row per result with segment columns in first-seen order, unrounded values and LF line ends', () => {
    expect(formatCsv(SAMPLE_REPORT)).toBe(
      [
        'metric,name,team,period,value,n,ci_low,ci_high,unit',
        'nps,Net Promoter Score,,,32.5,400,25.1,39.9,points',
        'csat,CSAT,,,85.25,12330,81.25,88.5,%',
        'nps,Net Promoter Score,Network,2024-01,-5,100,-20,10,points',
        'nps,Net Promoter Score,Network,2024-02,12.4,90,-3,27.5,points',
        'csat,CSAT,Apps,2024-01,,0,,,%',
        'resolution_time.p90,"Resolution time, 90th percentile",Network,,15150,120,,,s',
        'resolution_time.p90,"Resolution time, 90th percentile",,,28800,310,,,s',
        'lcp.p75,"LCP, 75th percentile",,,2310,5000,,,ms',
        'apdex,Apdex,,,0.905,800,0.88,0.93,apdex',
        '',
      ].join('\n'),
    );
  });

  it('neutralises text cells that a spreadsheet would run as a formula, but leaves numbers alone; tab and CR are shown, so never lead', () => {
    const report = makeReport({
      results: [
        makeResult({ metric: 'nps', name: 'NPS', segment: { region: '=SUM(A1)' }, value: -5, n: 3, ci: [-12.5, 2] }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { region: '+1' }, value: 1, n: 1 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { region: '-x' }, value: 1, n: 1 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { region: '@cmd' }, value: 1, n: 1 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { region: '\t=1+1' }, value: 1, n: 1 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { region: '\rx' }, value: 1, n: 1 }),
      ],
    });
    expect(formatCsv(report).split('\n')).toEqual([
      'metric,name,region,period,value,n,ci_low,ci_high,unit',
      "nps,NPS,'=SUM(A1),,-5,3,-12.5,2,points",
      "nps,NPS,'+1,,1,1,,,points",
      "nps,NPS,'-x,,1,1,,,points",
      "nps,NPS,'@cmd,,1,1,,,points",
      'nps,NPS,\\t=1+1,,1,1,,,points',
      'nps,NPS,\\rx,,1,1,,,points',
      '',
    ]);
  });

  it('quotes cells with commas and quotes (RFC 4180), including header cells, and shows line breaks as \\n', () => {
    const report = makeReport({
      results: [
        makeResult({ metric: 'csat', name: 'CSAT "top box"', unit: '%', segment: { 'Team, name': 'Line\nbreak, "ok"' }, value: 80, n: 5 }),
      ],
    });
    expect(formatCsv(report)).toBe(
      'metric,name,"Team, name",period,value,n,ci_low,ci_high,unit\n' + 'csat,"CSAT ""top box""","Line\\nbreak, ""ok""",,80,5,,,%\n',
    );
  });

  it('writes no control character, workflow command or bidi control from data', () => {
    const report = makeReport({
      results: [
        makeResult({ metric: 'nps', name: 'NPS', segment: { team: 'x\n::error::pwned' }, value: 1, n: 1 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { team: '::warning::y' }, value: 1, n: 1 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { team: 'a ##[stop-commands]t' }, value: 1, n: 1 }),
        makeResult({ metric: 'nps', name: 'NPS', segment: { team: '\u001b]0;title\u0007\u009b2J\u202eevil' }, value: 1, n: 1 }),
      ],
    });
    expect(formatCsv(report).split('\n').slice(1, -1)).toEqual([
      'nps,NPS,x\\n::error::pwned,,1,1,,,points',
      'nps,NPS,\\::warning::y,,1,1,,,points',
      'nps,NPS,a ##\\[stop-commands]t,,1,1,,,points',
      'nps,NPS,\\x1B]0;title\\x07\\x9B2J\\u202Eevil,,1,1,,,points',
    ]);
  });

  it('writes numbers in their shortest round-trip form', () => {
    const report = makeReport({ results: [makeResult({ metric: 'x', value: 0.1 + 0.2, n: 1, ci: [1e-7, 2 / 3] })] });
    expect(formatCsv(report).split('\n')[1]).toBe('x,x,,0.30000000000000004,1,1e-7,0.6666666666666666,points');
  });

  it('writes only the header for an empty report', () => {
    expect(formatCsv(makeReport())).toBe('metric,name,period,value,n,ci_low,ci_high,unit\n');
  });
});
