/**
 * Two-sided tests for "did this change between two periods?" (metrics.md §6.5). Each statistic is
 * signed first-minus-second (a positive z or t means the first sample is higher). Each returns
 * null when a side has no data or the standard error is 0 (nothing to test).
 */
import { DEFAULT_NET_INTERVAL_METHOD, netSample, netScore, netScoreStandardError, type NetIntervalMethod } from './intervals.js';
import { normalCdf } from './normal.js';
import { tCdf } from './t-dist.js';

export interface NetCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface ZTest {
  z: number;
  /** Two-sided p-value. */
  p: number;
}

export interface WelchTest {
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
}

export interface MeanSummary {
  n: number;
  mean: number;
  sd: number;
}

/** 2·Φ(−|z|): the lower tail directly, so tiny p-values keep their digits (no 1 − Φ cancellation). */
function twoSidedNormalP(z: number): number {
  return 2 * normalCdf(-Math.abs(z));
}

function zTest(difference: number, standardError: number): ZTest | null {
  if (!(standardError > 0)) return null;
  const z = difference / standardError;
  return { z, p: twoSidedNormalP(z) };
}

/**
 * Pooled two-proportion z-test, equal to the 2×2 χ² test without continuity correction:
 * 50/100 vs 40/100 → z² = χ² = 2.02, p = 0.155.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ZTest | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return zTest(x1 / n1 - x2 / n2, standardError);
}

function total(counts: NetCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

/**
 * Net-score difference of two independent samples with unpooled Wald SEs (§6.2, §6.5): any +1/0/−1
 * recode. With `adjusted-wald` (the default) both samples get MeasuringU's ¾/¾/3 first, and the
 * difference and the SEs are those of the adjusted nets, so a side wholly in one class (SE 0 plain)
 * cannot make a difference look certain.
 */
export function npsDifferenceTest(a: NetCounts, b: NetCounts, method: NetIntervalMethod = DEFAULT_NET_INTERVAL_METHOD): ZTest | null {
  const nA = total(a);
  const nB = total(b);
  if (nA === 0 || nB === 0) return null;
  const sampleA = netSample(a.promoters, a.detractors, nA, method);
  const sampleB = netSample(b.promoters, b.detractors, nB, method);
  const seA = netScoreStandardError(sampleA.promoters, sampleA.detractors, sampleA.n);
  const seB = netScoreStandardError(sampleB.promoters, sampleB.detractors, sampleB.n);
  const difference =
    netScore(sampleA.promoters, sampleA.detractors, sampleA.n) - netScore(sampleB.promoters, sampleB.detractors, sampleB.n);
  return zTest(difference, Math.sqrt(seA * seA + seB * seB));
}

/** Welch's unequal-variance t-test; df by Welch–Satterthwaite (non-integer). Needs n ≥ 2 on both sides. */
export function welchTest(a: MeanSummary, b: MeanSummary): WelchTest | null {
  if (a.n < 2 || b.n < 2) return null;
  const varianceA = (a.sd * a.sd) / a.n;
  const varianceB = (b.sd * b.sd) / b.n;
  const varianceSum = varianceA + varianceB;
  if (!(varianceSum > 0)) return null;
  const t = (a.mean - b.mean) / Math.sqrt(varianceSum);
  const df = (varianceSum * varianceSum) / ((varianceA * varianceA) / (a.n - 1) + (varianceB * varianceB) / (b.n - 1));
  return { t, df, p: 2 * tCdf(-Math.abs(t), df) };
}
