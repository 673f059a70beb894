import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/scorecard/model.js';
import { collectTrends, formatSparkline, hasTrends, trendOf } from '../../src/report/sparkline.js';

describe('formatSparkline', () => {
  it('scales the series from its minimum (▁) to its maximum (█)', () => {
    // (v − 10)/40·7 rounded: 10 → 0, 20 → 1.75 → 2, 30 → 3.5 → 4, 50 → 7.
    expect(formatSparkline([10, 20, 30, 50])).toBe('▁▃▅█');
  });

  it('shows a gap for a period without a value, and a flat series mid-height', () => {
    expect(formatSparkline([1, null, 3])).toBe('▁ █');
    expect(formatSparkline([5, 5, 5])).toBe('▄▄▄');
    expect(formatSparkline([null, null])).toBe('');
  });
});

function result(segment: Record<string, string>, period: string | null, value: number | null): Result {
  return { metric: 'nps', name: 'NPS', domain: 'cx', unit: 'points', better: 'higher', segment, period, value, n: 1, ci: null };
}

describe('collectTrends', () => {
  it('puts each segment’s series, in period order, on its whole-window row', () => {
    const results = [
      result({}, null, 10),
      result({}, '2024-02', 30),
      result({}, '2024-01', 10),
      result({ team: 'A' }, null, 5),
      result({ team: 'A' }, '2024-02', 5),
    ];
    const trends = collectTrends(results);
    expect(trendOf(trends, results[0] as Result)).toBe('▁█');
    // Team A has one value of two periods: no trend to show.
    expect(trendOf(trends, results[3] as Result)).toBe('');
    expect(trendOf(trends, results[1] as Result)).toBe('');
    expect(hasTrends(trends, results)).toBe(true);
  });

  it('has nothing to show with fewer than two periods', () => {
    const results = [result({}, null, 1), result({}, '2024-01', 1)];
    expect(hasTrends(collectTrends(results), results)).toBe(false);
  });
});
