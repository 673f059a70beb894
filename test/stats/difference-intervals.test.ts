import { describe, expect, it } from 'vitest';
import { netDifferenceInterval, newcombeInterval, welchInterval } from '../../src/stats/difference-intervals.js';
import { npsDifferenceTest } from '../../src/stats/significance.js';

describe('newcombeInterval', () => {
  it("matches Newcombe's (1998) worked example: 56/70 − 48/80 → 0.0524…0.3339", () => {
    // Newcombe, Statistics in Medicine 17:873–890, Table II, method 10 (the hybrid score interval).
    const interval = newcombeInterval(48, 80, 56, 70, 0.95);
    expect(interval?.[0]).toBeCloseTo(0.0524, 4);
    expect(interval?.[1]).toBeCloseTo(0.3339, 4);
  });

  it('is null without data on a side or with intervals off', () => {
    expect(newcombeInterval(0, 0, 5, 10, 0.95)).toBeNull();
    expect(newcombeInterval(5, 10, 5, 10, 0)).toBeNull();
  });
});

describe('netDifferenceInterval', () => {
  it('is the difference of the adjusted nets ± z·√(SE₁² + SE₂²)', () => {
    // 50/30/20 → 40/30/30, each adjusted by ¾/¾/3: nets +29.1262 and +9.7087, SEs 7.6915 and 8.1536;
    // −19.4175 ± 1.959964 × 11.2089 = −41.3865…+2.5516 (worked in Python's statistics.NormalDist).
    const interval = netDifferenceInterval(
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 40, passives: 30, detractors: 30 },
      0.95,
    );
    expect(interval?.[0]).toBeCloseTo(-41.3865, 3);
    expect(interval?.[1]).toBeCloseTo(2.5516, 3);
  });

  it('excludes 0 exactly when the NPS test is significant at the same level', () => {
    const base = { promoters: 50, passives: 30, detractors: 20 };
    for (const head of [
      { promoters: 40, passives: 30, detractors: 30 },
      { promoters: 30, passives: 30, detractors: 40 },
    ]) {
      const interval = netDifferenceInterval(base, head, 0.95);
      const p = npsDifferenceTest(base, head)?.p ?? 1;
      expect(interval !== null && (interval[0] > 0 || interval[1] < 0)).toBe(p < 0.05);
    }
  });
});

describe('welchInterval', () => {
  it('is mean_b − mean_a ± t(df)·√(s_a²/n_a + s_b²/n_b) with Welch–Satterthwaite df', () => {
    // a: n 10, mean 4, sd 1; b: n 12, mean 3, sd 2. Var sum 0.1 + 0.333333 = 0.433333, SE 0.658281;
    // df = 0.187778 / (0.01/9 + 0.111111/11) = 16.7477; t(0.975, 16.75) = 2.1123 (between t16 2.1199
    // and t17 2.1098) → −1 ± 1.3905.
    const interval = welchInterval({ n: 10, mean: 4, sd: 1 }, { n: 12, mean: 3, sd: 2 }, 0.95);
    expect(interval?.[0]).toBeCloseTo(-2.3905, 2);
    expect(interval?.[1]).toBeCloseTo(0.3905, 2);
  });

  it('is null below two values a side or without spread', () => {
    expect(welchInterval({ n: 1, mean: 4, sd: 0 }, { n: 12, mean: 3, sd: 2 }, 0.95)).toBeNull();
    expect(welchInterval({ n: 5, mean: 4, sd: 0 }, { n: 5, mean: 3, sd: 0 }, 0.95)).toBeNull();
  });
});
