import { describe, expect, it } from 'vitest';
import type { MetricDef } from '../../src/metrics/types.js';
import { formatCatalogue, formatMetricDetail, formatRequires } from '../../src/report/catalogue.js';

function notCalled(): never {
  throw new Error('the catalogue must not create accumulators');
}

const NPS: MetricDef = {
  id: 'nps',
  name: 'Net Promoter Score',
  domain: 'cx',
  kinds: ['survey'],
  unit: 'points',
  better: 'higher',
  requires: [['nps']],
  formula: '%promoters(9–10) − %detractors(0–6)',
  interval: 'nps-adjusted-wald',
  create: notCalled,
};

const RESOLUTION_P90: MetricDef = {
  id: 'resolution_time.p90',
  name: 'Resolution time, 90th percentile',
  domain: 'ops',
  kinds: ['tickets'],
  unit: 's',
  better: 'lower',
  requires: [['created_at', 'resolved_at']],
  formula: 'p90 of resolved_at − created_at over resolved tickets',
  interval: 'none',
  create: notCalled,
};

const CONVERSION: MetricDef = {
  id: 'conversion_rate',
  name: 'Conversion rate',
  domain: 'mx',
  kinds: ['analytics'],
  unit: '%',
  better: null,
  requires: [['converted'], ['conversions', 'visitors']],
  formula: 'conversions / visitors',
  interval: 'wilson',
  spansPeriods: true,
  create: notCalled,
};

describe('formatCatalogue', () => {
  it('renders one row per metric', () => {
    expect(formatCatalogue([NPS, RESOLUTION_P90, CONVERSION], { color: false, format: 'table' })).toMatchInlineSnapshot(`
      "ID                   Name                              Domain  Kinds      Unit    Better  Fields                              Interval           Formula
      ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      nps                  Net Promoter Score                cx      survey     points  higher  nps                                 nps-adjusted-wald  %promoters(9–10) − %detractors(0–6)
      resolution_time.p90  Resolution time, 90th percentile  ops     tickets    s       lower   created_at + resolved_at            none               p90 of resolved_at − created_at over resolved tickets
      conversion_rate      Conversion rate                   mx      analytics  %       –       converted | conversions + visitors  wilson             conversions / visitors
      3 metrics
      "
    `);
  });

  it('prints plain fields as JSON, without the accumulator factory', () => {
    const parsed: unknown = JSON.parse(formatCatalogue([NPS, CONVERSION], { color: true, format: 'json' }));
    expect(parsed).toEqual([
      {
        id: 'nps',
        name: 'Net Promoter Score',
        domain: 'cx',
        kinds: ['survey'],
        unit: 'points',
        better: 'higher',
        requires: [['nps']],
        formula: '%promoters(9–10) − %detractors(0–6)',
        interval: 'nps-adjusted-wald',
        spans_periods: false,
      },
      {
        id: 'conversion_rate',
        name: 'Conversion rate',
        domain: 'mx',
        kinds: ['analytics'],
        unit: '%',
        better: null,
        requires: [['converted'], ['conversions', 'visitors']],
        formula: 'conversions / visitors',
        interval: 'wilson',
        spans_periods: true,
      },
    ]);
  });

  it('colours only when asked', () => {
    expect(formatCatalogue([NPS], { color: true, format: 'table' })).toContain('\u001b[');
    expect(formatCatalogue([NPS], { color: false, format: 'table' })).not.toContain('\u001b[');
  });
});

describe('formatMetricDetail', () => {
  it('shows labelled lines, with the percentile method for percentile metrics', () => {
    expect(formatMetricDetail(RESOLUTION_P90, { color: false, format: 'table' })).toMatchInlineSnapshot(`
      "resolution_time.p90
        name:        Resolution time, 90th percentile
        domain:      OPS · operations
        kinds:       tickets
        unit:        s
        better:      lower
        fields:      created_at + resolved_at
        formula:     p90 of resolved_at − created_at over resolved tickets
        interval:    none
        percentiles: linear interpolation (Hyndman–Fan type 7, Excel PERCENTILE.INC)
      "
    `);
  });

  it('leaves the percentile line out for other metrics', () => {
    expect(formatMetricDetail(NPS, { color: false, format: 'table' })).not.toContain('percentiles');
    expect(formatMetricDetail({ ...NPS, id: 'first_response_time.median' }, { color: false, format: 'table' })).toContain(
      'percentiles: linear interpolation (Hyndman–Fan type 7, Excel PERCENTILE.INC)',
    );
  });

  it('prints one JSON object', () => {
    const parsed: unknown = JSON.parse(formatMetricDetail(NPS, { color: false, format: 'json' }));
    expect(parsed).toMatchObject({ id: 'nps', requires: [['nps']], spans_periods: false });
    expect(parsed).not.toHaveProperty('create');
  });
});

describe('formatRequires', () => {
  it.each([
    [[['nps']], 'nps'],
    [[['created_at', 'resolved_at']], 'created_at + resolved_at'],
    [[['converted'], ['conversions', 'visitors']], 'converted | conversions + visitors'],
    [[[]], 'none (any input)'],
  ])('formatRequires(%j) = %s', (requires, expected) => {
    expect(formatRequires(requires)).toBe(expected);
  });
});
