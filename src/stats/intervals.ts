/**
 * Confidence intervals (metrics.md §6.2–6.4, §6.6). Every function returns null when there is no
 * data (n = 0) or intervals are off (confidence = 0). Arguments that no correct caller produces
 * (negative counts, successes > n, confidence outside [0, 1)) throw a RangeError: they are bugs.
 */
import { assertConfidence, zForConfidence } from './normal.js';
import { tForConfidence } from './t-dist.js';

export type Interval = [number, number];

/** The level of the intervals when none is asked for (cli.md: `--confidence 0.95`). */
export const DEFAULT_CONFIDENCE = 0.95;

/** True when intervals are switched off; otherwise the confidence must be a usable level. */
function isIntervalOff(confidence: number): boolean {
  if (confidence === 0) return true;
  assertConfidence(confidence);
  return false;
}

function assertCount(name: string, value: number): void {
  if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`${name} must be a finite count ≥ 0, got ${value}`);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Wilson score interval for successes out of n, as fractions 0–1, without continuity correction
 * (§6.3). Successes may be fractional (weighted rates). 0/10 at 95 % → [0, 0.2775…].
 */
export function wilsonInterval(successes: number, n: number, confidence: number): Interval | null {
  assertCount('successes', successes);
  assertCount('n', n);
  if (successes > n) throw new RangeError(`successes (${successes}) exceed n (${n})`);
  if (n === 0 || isIntervalOff(confidence)) return null;
  const z = zForConfidence(confidence);
  const share = successes / n;
  const zSquaredOverN = (z * z) / n;
  const centre = (share + zSquaredOverN / 2) / (1 + zSquaredOverN);
  const halfWidth = (z * Math.sqrt((share * (1 - share)) / n + zSquaredOverN / (4 * n))) / (1 + zSquaredOverN);
  // At 0 and n the bounds are exactly 0 and 1 in exact arithmetic; rounding must not move them.
  const lower = successes === 0 ? 0 : clamp(centre - halfWidth, 0, share);
  const upper = successes === n ? 1 : clamp(centre + halfWidth, share, 1);
  return [lower, upper];
}

/**
 * Wald interval for a net score on the +1/0/−1 recode, in points, clipped to [−100, 100] (§6.2):
 * SE = 100·√((p + d − (p − d)²)/n). Serves NPS, eNPS, Happiness, Temkin and CES nets alike.
 * p = .5, d = .2, n = 100 at 95 % → 30 ± 15.3.
 */
export function npsInterval(promoters: number, passives: number, detractors: number, confidence: number): Interval | null {
  assertCount('promoters', promoters);
  assertCount('passives', passives);
  assertCount('detractors', detractors);
  const n = promoters + passives + detractors;
  if (n === 0 || isIntervalOff(confidence)) return null;
  const net = netScore(promoters, detractors, n);
  const halfWidth = zForConfidence(confidence) * netScoreStandardError(promoters, detractors, n);
  return [Math.max(-100, net - halfWidth), Math.min(100, net + halfWidth)];
}

/** (promoters − detractors)/n in points. */
export function netScore(promoters: number, detractors: number, n: number): number {
  return (100 * (promoters - detractors)) / n;
}

/** The Wald standard error of a net score in points; the per-response variance is p + d − (p − d)². */
export function netScoreStandardError(promoters: number, detractors: number, n: number): number {
  const p = promoters / n;
  const d = detractors / n;
  const variance = Math.max(0, p + d - (p - d) * (p - d));
  return 100 * Math.sqrt(variance / n);
}

/**
 * t-interval mean ± t(1 − α/2, n − 1)·sd/√n (§6.4). Null below two values or without an SD.
 * The interval is unclipped: a mean's natural bounds are the caller's scale.
 */
export function meanInterval(n: number, mean: number, sd: number | null, confidence: number): Interval | null {
  assertCount('n', n);
  if (n < 2 || sd === null || isIntervalOff(confidence)) return null;
  const halfWidth = (tForConfidence(confidence, n - 1) * sd) / Math.sqrt(n);
  return [mean - halfWidth, mean + halfWidth];
}

/**
 * Wald interval for Apdex on the 1/½/0 recode (§6.6 ✎): A = (s + t/2)/n, per-sample variance
 * (s + t/4)/n − A², SE = √(variance/n), clipped to [0, 1].
 */
export function apdexInterval(satisfied: number, tolerating: number, n: number, confidence: number): Interval | null {
  assertCount('satisfied', satisfied);
  assertCount('tolerating', tolerating);
  assertCount('n', n);
  if (satisfied + tolerating > n) throw new RangeError(`satisfied + tolerating (${satisfied + tolerating}) exceed n (${n})`);
  if (n === 0 || isIntervalOff(confidence)) return null;
  const score = (satisfied + tolerating / 2) / n;
  const variance = Math.max(0, (satisfied + tolerating / 4) / n - score * score);
  const halfWidth = zForConfidence(confidence) * Math.sqrt(variance / n);
  return [Math.max(0, score - halfWidth), Math.min(1, score + halfWidth)];
}
