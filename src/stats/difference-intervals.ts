/**
 * Intervals for the difference of two independent samples (metrics.md §6.5), second minus first
 * ("head − base", "after − before"): what a baseline target with `basis: lenient | strict |
 * interval` judges. Each returns null without data on a side or when intervals are off
 * (confidence 0). The tests in significance.ts answer "is there a difference?"; these say how big
 * it may be, which a target on change (`>= -2`) needs.
 */
import { zForConfidence } from './normal.js';
import {
  netSample,
  netScore,
  netScoreStandardError,
  wilsonInterval,
  DEFAULT_NET_INTERVAL_METHOD,
  type Interval,
  type NetIntervalMethod,
} from './intervals.js';
import type { MeanSummary, NetCounts } from './significance.js';
import { tForConfidence } from './t-dist.js';

/**
 * Newcombe's hybrid score interval (Newcombe 1998, method 10) for p₂ − p₁ as fractions, from the
 * Wilson intervals of each side: L = d − √((p₂ − l₂)² + (u₁ − p₁)²), U = d + √((u₂ − p₂)² + (p₁ − l₁)²).
 * It keeps Wilson's good small-n behaviour where the Wald difference interval does not.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, confidence: number): Interval | null {
  const first = wilsonInterval(x1, n1, confidence);
  const second = wilsonInterval(x2, n2, confidence);
  if (first === null || second === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p2 - p1;
  const below = Math.hypot(p2 - second[0], first[1] - p1);
  const above = Math.hypot(second[1] - p2, p1 - first[0]);
  return [difference - below, difference + above];
}

/**
 * Net score difference b − a in points: the difference of the two nets ± z·√(SE_a² + SE_b²), both
 * samples adjusted first with the default method, exactly as npsDifferenceTest tests it (so the
 * interval excludes 0 when that test's p < 1 − confidence).
 */
export function netDifferenceInterval(
  a: NetCounts,
  b: NetCounts,
  confidence: number,
  method: NetIntervalMethod = DEFAULT_NET_INTERVAL_METHOD,
): Interval | null {
  const nA = a.promoters + a.passives + a.detractors;
  const nB = b.promoters + b.passives + b.detractors;
  if (nA === 0 || nB === 0 || confidence === 0) return null;
  const sampleA = netSample(a.promoters, a.detractors, nA, method);
  const sampleB = netSample(b.promoters, b.detractors, nB, method);
  const difference =
    netScore(sampleB.promoters, sampleB.detractors, sampleB.n) - netScore(sampleA.promoters, sampleA.detractors, sampleA.n);
  const seA = netScoreStandardError(sampleA.promoters, sampleA.detractors, sampleA.n);
  const seB = netScoreStandardError(sampleB.promoters, sampleB.detractors, sampleB.n);
  const halfWidth = zForConfidence(confidence) * Math.hypot(seA, seB);
  return [difference - halfWidth, difference + halfWidth];
}

/**
 * Welch's interval for mean_b − mean_a: ± t(1 − α/2, df)·√(s_a²/n_a + s_b²/n_b), df by
 * Welch–Satterthwaite, as welchTest tests it. Null below two values a side or without spread.
 */
export function welchInterval(a: MeanSummary, b: MeanSummary, confidence: number): Interval | null {
  if (a.n < 2 || b.n < 2 || confidence === 0) return null;
  const varianceA = (a.sd * a.sd) / a.n;
  const varianceB = (b.sd * b.sd) / b.n;
  const varianceSum = varianceA + varianceB;
  if (!(varianceSum > 0)) return null;
  const df = (varianceSum * varianceSum) / ((varianceA * varianceA) / (a.n - 1) + (varianceB * varianceB) / (b.n - 1));
  const halfWidth = tForConfidence(confidence, df) * Math.sqrt(varianceSum);
  const difference = b.mean - a.mean;
  return [difference - halfWidth, difference + halfWidth];
}
