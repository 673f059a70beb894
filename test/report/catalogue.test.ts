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
      "CX · customer experience
      ID   Name                Kinds   Scale               Better  Fields  Interval           Formula                              Bands
      ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      nps  Net Promoter Score  survey  −100 … +100 points  higher  nps     nps-adjusted-wald  %promoters(9–10) − %detractors(0–6)  –

      MX · multi-experience and conversion
      ID               Name             Kinds      Scale    Better  Fields                              Interval  Formula                 Bands
      ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      conversion_rate  Conversion rate  analytics  0–100 %  –       converted | conversions + visitors  wilson    conversions / visitors  –

      OPS · operations
      ID                   Name                              Kinds    Scale        Better  Fields                    Interval  Formula                                                Bands
      ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
      resolution_time.p90  Resolution time, 90th percentile  tickets  ≥ 0 seconds  lower   created_at + resolved_at  none      p90 of resolved_at − created_at over resolved tickets  –

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
        scale: '−100 … +100 points',
        bands: null,
        reading: null,
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
        scale: '0–100 %',
        bands: null,
        reading: null,
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
        scale:       ≥ 0 seconds
        better:      lower
        fields:      created_at + resolved_at
        formula:     p90 of resolved_at − created_at over resolved tickets
        interval:    none
        bands:       none published
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

describe('scale, interval and bands', () => {
  const RATED: MetricDef = {
    ...NPS,
    id: 'apdex',
    unit: 'apdex',
    interval: 'apdex-adjusted-wald',
    bands: {
      bound: 'at-least',
      steps: [
        { label: 'Good', judgement: 'good', bound: 0.85 },
        { label: 'Fair', judgement: 'fair', bound: 0.7 },
      ],
      otherwise: { label: 'Poor', judgement: 'bad' },
    },
  };

  it('prints the bands xla applies, with the interval by name and the range of the unit', () => {
    const detail = formatMetricDetail(RATED, { color: false, format: 'table' });
    expect(detail).toContain('bands:    Good ≥ 0.85 · Fair ≥ 0.7 · Poor below');
    expect(detail).toContain('interval: apdex-adjusted-wald (adjusted-Wald interval for Apdex)');
    expect(detail).toContain('scale:    0–1');
  });

  it('prints a common reading as not applied, and a scale the entry states over its unit', () => {
    const read = formatMetricDetail({ ...NPS, unit: 'score', scale: '1–7', reading: '> 5 easy' }, { color: false, format: 'table' });
    expect(read).toContain('bands:    common reading, not applied: > 5 easy');
    expect(read).toContain('scale:    1–7');
  });

  it('carries the bands as data in JSON', () => {
    expect(JSON.parse(formatMetricDetail(RATED, { color: false, format: 'json' }))).toMatchObject({
      scale: '0–1',
      bands: {
        bound: 'at-least',
        steps: [
          { label: 'Good', bound: 0.85 },
          { label: 'Fair', bound: 0.7 },
        ],
        otherwise: { label: 'Poor' },
      },
    });
  });

  it('lists the bands in the catalogue table, under the domain heading', () => {
    const table = formatCatalogue([RATED], { color: false, format: 'table' });
    expect(table.split('\n')[0]).toBe('CX · customer experience');
    expect(table).toContain('Good ≥ 0.85 · Fair ≥ 0.7 · Poor below');
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
