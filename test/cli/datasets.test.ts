/**
 * Real exports from shared/datasets (trimmed copies in fixtures/datasets, full files where CI has them).
 * Expected values were computed independently with Python's csv module, e.g. for the shoppers file:
 *   rows = list(csv.DictReader(open(path, newline=''), delimiter=';'))
 *   sum(r['Revenue'] == 'TRUE' for r in rows), sum(float(r['BounceRates']) for r in rows) / len(rows)
 * and are never copied from xla's own output.
 */
import { describe, expect, it } from 'vitest';
import { DATASETS_MISSING, dataset, hasDatasets } from '../datasets.js';
import { fixture, resultOf, runJson } from './run-xla.js';

describe('online shoppers sessions (semicolon-delimited, CRLF, TRUE/FALSE)', () => {
  it('scores the 500-session sample: conversion 29/500, bounce = mean BounceRates', () => {
    const { report } = runJson(['score', fixture('datasets/online-shoppers-500.csv'), '--by', 'VisitorType']);
    expect(report.inputs[0]).toMatchObject({ kind: 'analytics', rows: 500, rejected: 0, format: { delimiter: ';' } });
    expect(resultOf(report, 'conversion_rate')).toMatchObject({ value: 5.8, n: 500 });
    expect(resultOf(report, 'bounce_rate').value).toBeCloseTo(3.1573391986, 8);
    // Returning_Visitor: 23 of 462 converted; New_Visitor: 6 of 38.
    expect(resultOf(report, 'conversion_rate', { VisitorType: 'Returning_Visitor' }).value).toBeCloseTo((23 / 462) * 100, 10);
    expect(resultOf(report, 'conversion_rate', { VisitorType: 'New_Visitor' }).value).toBeCloseTo((6 / 38) * 100, 10);
  });

  it('scores the full file: 1,908 of 12,330 sessions converted (15.47 %), Wilson [14.85, 16.12]', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const { report } = runJson([
      'score',
      dataset('online-shoppers/online_shoppers_intention.csv'),
      '--metrics',
      'conversion_rate,bounce_rate',
    ]);
    const conversion = resultOf(report, 'conversion_rate');
    expect(conversion.n).toBe(12330);
    expect(conversion.value).toBeCloseTo((1908 / 12330) * 100, 10);
    expect(conversion.ci?.[0]).toBeCloseTo(14.84685, 4);
    expect(conversion.ci?.[1]).toBeCloseTo(16.12356, 4);
    expect(resultOf(report, 'bounce_rate').value).toBeCloseTo(2.219138047, 7);
  });
});

describe('Google Play apps (BOM, CRLF, NaN ratings, one shifted row)', () => {
  it('rejects the shifted row (Rating 19) and skips NaN as missing', () => {
    const { report, run } = runJson(['score', fixture('datasets/googleplay-300.csv')]);
    // 301 data rows: 11 NaN ratings, 1 rating of 19 (rejected), 289 valid with mean 4.303806, 249 of them ≥ 4.
    expect(report.inputs[0]).toMatchObject({ kind: 'survey', rows: 301, rejected: 1 });
    expect(resultOf(report, 'rating').n).toBe(289);
    expect(resultOf(report, 'rating').value).toBeCloseTo(4.303806228, 8);
    expect(resultOf(report, 'rating.positive').value).toBeCloseTo((249 / 289) * 100, 10);
    expect(run.stderr).toContain('googleplay-300.csv:302:3');
    expect(run.stderr).toContain('19 is outside 1–5');
  });

  it('scores the full file: 9,366 valid ratings, mean 4.19176', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const { report } = runJson(['score', dataset('google-play-apps/googleplaystore.csv'), '-q']);
    expect(report.inputs[0]).toMatchObject({ rows: 10841, rejected: 1 });
    expect(resultOf(report, 'rating').n).toBe(9366);
    expect(resultOf(report, 'rating').value).toBeCloseTo(4.19175742, 8);
    expect(resultOf(report, 'rating.positive').value).toBeCloseTo((7368 / 9366) * 100, 10);
  });
});

describe('Olist review scores (inconsistent quoting, newlines in quoted comments)', () => {
  it('scores the 400-review sample: CSAT 294/400, mean 4.0275', () => {
    const { report } = runJson(['score', fixture('datasets/olist-reviews-400.csv')]);
    // Scores: 5 × 235, 4 × 59, 3 × 42, 2 × 10, 1 × 54.
    expect(report.inputs[0]).toMatchObject({ kind: 'survey', rows: 400, rejected: 0 });
    expect(resultOf(report, 'csat')).toMatchObject({ value: 73.5, n: 400 });
    expect(resultOf(report, 'csat.mean').value).toBeCloseTo(4.0275, 10);
    expect(resultOf(report, 'csat').ci?.[0]).toBeCloseTo(68.96629, 4);
  });

  it('scores the full sample: SOURCES.md distribution 5=3598, 4=1149, 3=519, 2=189, 1=668', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const { report } = runJson(['score', dataset('olist-sample/olist_order_reviews_dataset.csv'), '--metrics', 'csat,csat.mean']);
    expect(resultOf(report, 'csat')).toMatchObject({ n: 6123 });
    expect(resultOf(report, 'csat').value).toBeCloseTo(((3598 + 1149) / 6123) * 100, 10);
    expect(resultOf(report, 'csat.mean').value).toBeCloseTo(25189 / 6123, 10);
  });
});
