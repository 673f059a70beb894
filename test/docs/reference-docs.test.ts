import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../src/fields/catalog.js';
import type { MetricDef } from '../../src/metrics/types.js';
import { renderFieldReference, renderMetricReference } from '../../src/report/reference-docs.js';

function notCalled(): never {
  throw new Error('the docs must not create accumulators');
}

const LATENCY: MetricDef = {
  id: 'latency.p75',
  name: 'Latency, p75',
  domain: 'ux',
  kinds: ['analytics'],
  unit: 'ms',
  better: 'lower',
  requires: [['response_time'], ['lcp', 'inp']],
  requiresWith: (ctx) => (Object.keys(ctx.sla).length > 0 ? [['errors']] : []),
  formula: '75th percentile of latency',
  interval: 'none',
  bands: {
    bound: 'at-most',
    steps: [{ bound: 100, label: 'quick', judgement: 'good' }],
    otherwise: { label: 'sluggish', judgement: 'bad' },
  },
  reading: 'under 50 ms feels instant',
  sources: ['A paper (example.org/latency)'],
  example: { rank: 1, id: 'quick', name: 'Quick', target: '<= 100ms', minN: 20 },
  create: notCalled,
};

const VISITS: MetricDef = {
  id: 'visits',
  name: 'Visits',
  domain: 'mx',
  kinds: ['analytics'],
  unit: 'count',
  better: null,
  requires: [[]],
  formula: 'number of rows',
  interval: 'none',
  create: notCalled,
};

describe('renderMetricReference', () => {
  const text = renderMetricReference([LATENCY, VISITS]);

  it('lists each metric in the contents with a link to its section', () => {
    expect(text).toContain('| [latency.p75](#latencyp75) | Latency, p75 | analytics | ms | lower |');
    expect(text).toContain('| [visits](#visits) | Visits | analytics | count | – |');
  });

  it('gives inputs, interval, percentile method, bands, reading, sources and example of a metric', () => {
    expect(text).toContain('- **Inputs**: `response_time`; or `lcp` + `inp`; or `errors` when the config supplies what it needs');
    expect(text).toContain('- **Interval**: [none](#none): No interval');
    expect(text).toContain('- **Percentiles**: linear interpolation (Hyndman–Fan type 7, Excel PERCENTILE.INC)');
    expect(text).toContain('- **Bands**: `quick` ≤ 100 ms · `sluggish` above; the first that holds applies');
    expect(text).toContain('- **Common reading (not applied by xla)**: under 50 ms feels instant');
    expect(text).toContain('**Sources**:\n\n- A paper (example.org/latency)');
    expect(text).toContain('```yaml\n- id: quick\n  name: "Quick"\n  metric: latency.p75\n  target: "<= 100ms"\n  min_n: 20\n```');
  });

  it('says when a metric has no inputs, no direction and no published source', () => {
    const visits = text.slice(text.indexOf('### visits'));
    expect(visits).toContain('- **Inputs**: none (every source of its kind feeds it)');
    expect(visits).toContain('- **Better**: no direction');
    expect(visits).toContain('**Sources**: none; an xla measure, defined by its formula.');
    expect(visits).not.toContain('**Bands**');
    expect(visits).not.toContain('**Percentiles**');
  });

  it('explains every interval method once', () => {
    for (const method of ['nps-adjusted-wald', 'wilson', 't', 'apdex-adjusted-wald', 'none']) {
      expect(text.split(`\n### ${method}\n`)).toHaveLength(2);
    }
  });
});

describe('renderFieldReference', () => {
  const fields: FieldDef[] = [
    {
      id: 'lcp',
      kinds: ['analytics'],
      type: 'number',
      range: [0, Number.MAX_VALUE],
      aliases: ['lcp', { name: 'lcp ms', plainUnit: 'ms' }, 'a|b'],
      description: 'Largest Contentful Paint, ms',
    },
    { id: 'csat', kinds: ['survey'], type: 'number', range: 'csat', aliases: ['csat'], description: 'satisfaction' },
    { id: 'nps', kinds: ['survey'], type: 'int', range: [0, 10], integer: true, aliases: ['nps'], description: '0–10' },
  ];
  const text = renderFieldReference(fields, [LATENCY], { csat: [1, 7], ces: [1, 7], rating: [1, 5] });

  it('gives each field its type, valid range, meaning and the metrics it feeds, by kind', () => {
    expect(text).toContain('## analytics\n\n| field | type | valid | meaning | feeds |');
    expect(text).toContain('| `lcp` | number | ≥ 0 | Largest Contentful Paint, ms | `latency.p75` |');
    expect(text).toContain('| `csat` | number | the `csat` scale (default 1–7; config `scales.csat`) | satisfaction | – |');
    expect(text).toContain('| `nps` | int | 0–10, whole numbers | 0–10 | – |');
  });

  it('lists every column name, with the unit of plain numbers', () => {
    expect(text).toContain('- `lcp`: `lcp`, `lcp ms` (plain numbers in ms), `a|b`');
  });
});
