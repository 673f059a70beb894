import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHtml } from '../../src/report/html/document.js';
import { escapeHtml } from '../../src/report/html/escape.js';
import { NPS_LAYOUT } from '../../src/report/html/nps-bar.js';
import { niceAxis } from '../../src/report/html/svg.js';
import { TREND_LAYOUT } from '../../src/report/html/trend-chart.js';
import type { Report, Result } from '../../src/scorecard/model.js';
import { expectNeutral, hostileText } from '../hostile-text.js';
import { RANK_GROUP, TREND_REPORT } from './html-fixture.js';
import { makeReport, makeResult, makeTarget, SAMPLE_REPORT, VERDICT_REPORT } from './report-fixture.js';

const render = (report: Report): string => formatHtml(report, { color: false });

/** Every `<svg …>` opening tag. */
const svgTags = (html: string): string[] => html.match(/<svg[^>]*>/g) ?? [];

/** The chart whose accessible name (its <title>) starts with `name`. */
function chartNamed(html: string, name: string): string {
  const chart = html.split('<svg').find((part) => part.includes(`-title">${name}`));
  if (chart === undefined) throw new Error(`no chart named ${name}`);
  return chart.slice(0, chart.indexOf('</svg>'));
}

/** The sequence of tag names: what escaping must never change. */
const tagNames = (html: string): string[] => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[0]);

describe('formatHtml: the document', () => {
  const html = render(TREND_REPORT);

  it('is one self-contained page: language, viewport, a CSP that allows nothing from outside, no script, no URL', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('://');
    expect(html).not.toMatch(/<link|<img|@import|@font-face/);
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('has one h1 and headings in order: h2 sections, h3 within them', () => {
    const headings = [...html.matchAll(/<h([1-6])[^>]*>(.*?)<\/h\1>/g)].map((m) => `h${m[1] ?? ''} ${m[2] ?? ''}`);
    expect(headings).toEqual([
      'h1 Support XLA',
      'h2 Verdicts',
      'h2 CX · customer experience',
      'h3 Trends by period',
      'h3 Promoters, passives and detractors',
      'h3 Segment rankings',
      'h2 Inputs and data quality',
    ]);
  });

  it('names and describes every chart: role img, labelled by its own title, described by its own desc', () => {
    const tags = svgTags(html);
    expect(tags).toHaveLength(3);
    const ids = tags.map((tag) => [/aria-labelledby="([^"]+)"/.exec(tag)?.[1] ?? '', /aria-describedby="([^"]+)"/.exec(tag)?.[1] ?? '']);
    for (const [i, tag] of tags.entries()) {
      expect(tag).toContain('role="img"');
      const [titleId, descId] = ids[i] ?? [];
      expect(html).toMatch(new RegExp(`<title id="${titleId ?? '?'}">[^<]+</title>`));
      expect(html).toMatch(new RegExp(`<desc id="${descId ?? '?'}">[^<]+</desc>`));
    }
    expect(new Set(ids.flat()).size).toBe(6);
  });

  it('a headline card per overall value, with its target verdict in words and icon', () => {
    expect(html).toContain(
      '<article class="card tone-breached">\n<p class="card-name">Net Promoter Score</p>\n<p class="card-value">+20</p>',
    );
    expect(html).toContain('<span class="nowrap">n 10</span> · <span class="nowrap">95% CI -10…+50</span>');
    expect(html).toContain(
      '<span class="status status-breached"><span class="icon" aria-hidden="true">✗</span> breached</span> <span class="card-target">&gt;= +25</span>',
    );
  });

  it('lists the inputs with their data quality', () => {
    expect(html).toContain(
      '<tr><td>survey.csv</td><td>survey</td><td class="num">12</td><td class="num">2</td><td class="num">95.5%</td><td class="num">90.0%</td><td class="num">1</td><td class="num">2h</td></tr>',
    );
  });

  it('is the same string for the same report, and ranking rows in any order give the same page', () => {
    expect(render(TREND_REPORT)).toBe(html);
    const reversed = { ...TREND_REPORT, rank: [{ ...RANK_GROUP, rows: [...RANK_GROUP.rows].reverse() }] };
    expect(render(reversed)).toBe(html);
  });

  it('never writes NaN or Infinity', () => {
    for (const report of [TREND_REPORT, SAMPLE_REPORT, VERDICT_REPORT]) expect(render(report)).not.toMatch(/NaN|Infinity/);
  });
});

describe('formatHtml: the trend chart', () => {
  // Periods 2024-01 (10, CI 0…20) and 2024-02 (30, CI 20…40), target >= 25: the axis runs 0…40 in
  // steps of 10. y = 200 − 4.6·v (plot from y 200 at 0 to y 16 at 40); x = 56 + (i + ½)·224.
  const chart = chartNamed(render(TREND_REPORT), 'Net Promoter Score by period');

  it('has the layout the coordinates below assume', () => {
    expect(TREND_LAYOUT).toEqual({ width: 520, height: 240, left: 56, right: 16, top: 16, bottom: 40 });
  });

  it('draws the periods oldest first: the value as a line, the interval as a band', () => {
    expect(chart).toContain('<polyline class="value" points="168,154 392,62"/>');
    expect(chart).toContain('<polygon class="band" points="168,108 392,16 392,108 168,200"/>');
    expect(chart).toContain('<circle class="dot" cx="168" cy="154" r="3.5"/>');
    expect(chart.indexOf('>2024-01<')).toBeLessThan(chart.indexOf('>2024-02<'));
  });

  it('draws the target as a dashed line at its threshold, labelled', () => {
    expect(chart).toContain('<line class="target" x1="56" x2="504" y1="85" y2="85"/>');
    // Below the line: the latest value (+30) is above it, so the label keeps clear of its point.
    expect(chart).toContain('<text x="500" y="99" class="target-label" text-anchor="end">target &gt;= +25</text>');
  });

  it('puts the ticks at round values', () => {
    for (const [tick, y] of [
      ['0', 200],
      ['+10', 154],
      ['+20', 108],
      ['+30', 62],
      ['+40', 16],
    ] as const) {
      expect(chart).toContain(`y="${String(y + 4)}" class="tick" text-anchor="end">${tick}</text>`);
    }
  });

  it('describes the numbers in words', () => {
    expect(chart).toContain('2024-01 +10 (95% CI 0…+20, n 5); 2024-02 +30 (95% CI +20…+40, n 5); target &gt;= +25.</desc>');
  });

  it('draws no line for a target on the change against a baseline, nor for one on a segment or filter', () => {
    const change = {
      baseline: 'base.json',
      base: 20,
      base_n: 10,
      delta: 0,
      relative_delta: 0,
      relative: false,
      ci: null,
      p: null,
      significant: null,
    };
    const report = {
      ...TREND_REPORT,
      targets: [
        makeTarget({ id: 'no-drop', metric: 'nps', op: '>=', threshold: -2, change }),
        makeTarget({ id: 'network', metric: 'nps', threshold: 35, segment: { team: 'Network' } }),
        makeTarget({ id: 'p1', metric: 'nps', threshold: 36, where: { priority: ['P1'] } }),
      ],
    };
    const html = render(report);
    expect(chartNamed(html, 'Net Promoter Score by period')).not.toContain('class="target"');
    // The change target is still on the card, as a change.
    expect(html).toContain('<span class="card-target">change &gt;= -2</span>');
  });

  it('labels every k-th of many periods, counting back from the latest, so that labels never overlap', () => {
    // 26 weeks in 448 units: 17.2 a week; an 8-character label takes 8 × 9 + 8 = 80 units, so every 5th.
    const weeks = Array.from({ length: 26 }, (_, i) => `2024-W${String(i + 1).padStart(2, '0')}`);
    const html = render(makeReport({ results: weeks.map((period, i) => makeResult({ metric: 'nps', period, value: i, n: 5 })) }));
    const labels = [...html.matchAll(/class="tick" text-anchor="middle">(2024-W\d+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['2024-W01', '2024-W06', '2024-W11', '2024-W16', '2024-W21', '2024-W26']);
    // Points 17.2 units apart still get their dots; the latest label is pulled in from the edge (495.4 → 484, half its 72 units inside 520).
    expect(html.match(/<circle class="dot"/g)).toHaveLength(26);
    expect(html).toContain('<text x="484" y="218" class="tick" text-anchor="middle">2024-W26</text>');
  });

  it('leaves a gap where a period has no value, and draws no chart for a single period or for no value', () => {
    const gap = makeReport({
      results: [
        makeResult({ metric: 'nps', period: '2024-01', value: 10, n: 5 }),
        makeResult({ metric: 'nps', period: '2024-02', value: null, n: 0 }),
        makeResult({ metric: 'nps', period: '2024-03', value: 30, n: 5 }),
      ],
    });
    const html = render(gap);
    expect(html.match(/<polyline class="value"/g)).toHaveLength(2);
    expect(html).not.toMatch(/NaN/);
    const single = makeReport({ results: [makeResult({ metric: 'nps', period: '2024-01', value: 10, n: 5 })] });
    const empty = makeReport({
      results: [makeResult({ metric: 'nps', period: '2024-01' }), makeResult({ metric: 'nps', period: '2024-02' })],
    });
    for (const report of [single, empty]) expect(svgTags(render(report))).toEqual([]);
  });
});

describe('formatHtml: NPS and rankings', () => {
  const html = render(TREND_REPORT);

  it('stacks promoters, passives and detractors in proportion: 5, 2 and 3 of 10 over 374 units', () => {
    expect(NPS_LAYOUT.width - NPS_LAYOUT.label - NPS_LAYOUT.right).toBe(374);
    const chart = chartNamed(html, 'Net Promoter Score: promoters');
    expect(chart).toContain('<rect class="part-promoters" x="130" y="8" width="187" height="20"/>');
    expect(chart).toContain('<rect class="part-passives" x="317" y="8" width="74.8" height="20"/>');
    expect(chart).toMatch(/<rect class="part-hatched" fill="url\(#nps-\d+-hatch\)" x="391.8" y="8" width="112.2" height="20"\/>/);
    expect(chart).toContain('All: 5 promoters (50.0%), 2 passives (20.0%), 3 detractors (30.0%), n 10.');
  });

  it('adds a bar per --by segment after the overall one, by label, named by its value', () => {
    const nps = (segment: Record<string, string>, promoters: number): Result =>
      makeResult({ metric: 'nps', name: 'NPS', segment, value: 0, n: 4, detail: { promoters, passives: 0, detractors: 4 - promoters } });
    const chart = chartNamed(render(makeReport({ results: [nps({}, 2), nps({ team: 'Network' }, 1), nps({ team: 'Apps' }, 3)] })), 'NPS');
    expect(chart).toContain('<title id="nps-1-title">NPS: promoters, passives and detractors by team</title>');
    const labels = [...chart.matchAll(/class="row-label" text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['All', 'Apps', 'Network']);
    // Apps: 3 of 4 promoters over 374 units, on the second row (y 8 + 30).
    expect(chart).toContain('<rect class="part-promoters" x="130" y="38" width="280.5" height="20"/>');
  });

  it('ranks segments best first, marks those outside their limits by shape and word, and describes them', () => {
    const chart = chartNamed(html, 'Net Promoter Score: segments ranked by team');
    const order = ['Apps', 'Billing', 'Cloud', 'Dormant'].map((team) => chart.indexOf(`>${team}<`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);
    expect(chart).toContain('class="flag flag-good">▲ above</text>');
    expect(chart).toContain('class="flag flag-bad">▼ below</text>');
    expect(chart.match(/<path class="marker/g)).toHaveLength(2);
    expect(chart.match(/<circle class="marker/g)).toHaveLength(1);
    expect(chart.match(/<rect class="limits"/g)).toHaveLength(3);
    expect(chart).toContain('>no data</text>');
    expect(chart).toContain(
      '1. Apps +60 (95% CI +40…+80, n 50, limits 0…+40, above); 2. Billing +20 (95% CI 0…+40, n 40, limits -5…+45, within); 3. Cloud -30 (95% CI -55…-5, n 30, limits -10…+50, below); – Dormant – (n 0); overall +20.</desc>',
    );
  });
});

describe('formatHtml: text from the data', () => {
  const evil = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>&amp;';

  it('escapes the five characters HTML acts on and shows controls as escapes', () => {
    expect(escapeHtml(`a<b>&"c'\n\u202e`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;\\n\\u202E');
  });

  it('keeps titles, names, segments and file names as text', () => {
    const report: Report = {
      ...TREND_REPORT,
      title: evil,
      inputs: TREND_REPORT.inputs.map((input) => ({ ...input, name: evil })),
      results: TREND_REPORT.results.map((r) => ({ ...r, name: evil })),
      targets: TREND_REPORT.targets.map((t) => ({ ...t, id: evil, name: evil })),
      rank: [{ ...RANK_GROUP, name: evil, by: [evil], rows: RANK_GROUP.rows.map((row) => ({ ...row, segment: { [evil]: evil } })) }],
    };
    const html = render(report);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;');
  });

  it('any text leaves the page structure as it is, and nothing raw reaches the file', () => {
    const benign = tagNames(render(withText(TREND_REPORT, 'x')));
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = render(withText(TREND_REPORT, text));
        expect(tagNames(html)).toEqual(benign);
        expectNeutral(html);
      }),
      { numRuns: 150 },
    );
  });
});

/** The report with `text` in every place data or config can put text. */
function withText(report: Report, text: string): Report {
  return {
    ...report,
    title: text,
    inputs: report.inputs.map((input) => ({ ...input, name: text })),
    results: report.results.map((r) => ({ ...r, name: text, segment: Object.keys(r.segment).length === 0 ? {} : { [text]: text } })),
    targets: report.targets.map((t) => ({ ...t, id: text, name: text })),
    rank: (report.rank ?? []).map((g) => ({
      ...g,
      name: text,
      by: [text],
      rows: g.rows.map((row) => ({ ...row, segment: { team: text } })),
    })),
  };
}

describe('formatHtml: little or no data', () => {
  it('a report without results says so, with no chart and no card', () => {
    const html = render(makeReport({ inputs: TREND_REPORT.inputs }));
    expect(html).toContain('<p>No results: no input gave a value for any metric.</p>');
    expect(svgTags(html)).toEqual([]);
    expect(html).not.toContain('class="card');
    expect(html).toContain('<footer>Made with xla. Bands and whiskers are 95% CIs. Dashed lines are targets.</footer>');
    expect(formatHtml(makeReport(), { color: false, confidence: 0 })).toContain(
      '<footer>Made with xla. Dashed lines are targets.</footer>',
    );
  });

  it('results without values or periods: cards show –, no chart, no NaN', () => {
    const html = render(
      makeReport({ results: [makeResult({ metric: 'nps', name: 'Net Promoter Score' }), makeResult({ metric: 'csat', unit: '%' })] }),
    );
    expect(html).toContain('<p class="card-value">–</p>');
    expect(svgTags(html)).toEqual([]);
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('a rate of 0 in every period gets an axis from its intervals, not a zero-width one', () => {
    const zero = makeReport({
      results: ['2024-01', '2024-02'].map((period) =>
        makeResult({ metric: 'watermelon_rate', unit: '%', period, value: 0, n: 3, ci: [0, 56] }),
      ),
    });
    const html = render(zero);
    expect(html).toContain('>60%</text>');
    expect(html).not.toMatch(/NaN|0\.0000/);
  });
});

describe('niceAxis', () => {
  it.each([
    [0, 40, 'points', [0, 40], [0, 10, 20, 30, 40]],
    [3.1, 4.4, 'score', [3, 4.5], [3, 3.5, 4, 4.5]],
    [0, 0, '%', [-1, 1], [-1, -0.5, 0, 0.5, 1]],
    [1800, 207360, 's', [0, 216000], [0, 43200, 86400, 129600, 172800, 216000]],
  ] as const)('niceAxis(%d, %d, %s)', (min, max, unit, domain, ticks) => {
    expect(niceAxis(min, max, unit)).toEqual({ domain, ticks });
  });
});
