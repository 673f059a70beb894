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
 * How the interval and the change test of a net score are computed (metrics.md §6.2, §6.5, §6.6;
 * config `method`). `adjusted-wald`, the default, is MeasuringU's adjustment (Rocks 2016): ¾ more
 * promoters, ¾ more detractors and 3 more answers before the Wald formula, so a sample that sits
 * wholly in one class (two promoters) still gets an interval of honest width. `wald` is the plain
 * formula, which collapses to a zero-width interval there (two promoters → +100…+100).
 */
export const NET_INTERVAL_METHODS = ['adjusted-wald', 'wald'] as const;
export type NetIntervalMethod = (typeof NET_INTERVAL_METHODS)[number];
export const DEFAULT_NET_INTERVAL_METHOD: NetIntervalMethod = 'adjusted-wald';

/** Added to each end class (promoters, detractors) by the adjustment; the passives get the rest of the 3. */
const ADJUSTMENT_PER_END = 0.75;
const ADJUSTMENT_ANSWERS = 3;

/** The counts a net score's interval or test is computed from: the +1 and −1 classes and all answers. */
export interface NetSample {
  promoters: number;
  detractors: number;
  n: number;
}

/** The counts as observed (`wald`) or with MeasuringU's ¾/¾/3 added (`adjusted-wald`). */
export function netSample(promoters: number, detractors: number, n: number, method: NetIntervalMethod): NetSample {
  if (method === 'wald') return { promoters, detractors, n };
  return { promoters: promoters + ADJUSTMENT_PER_END, detractors: detractors + ADJUSTMENT_PER_END, n: n + ADJUSTMENT_ANSWERS };
}

/**
 * Interval for a net score on the +1/0/−1 recode, in points, clipped to [−100, 100] (§6.2): the net
 * of `netSample` ± z·SE with SE = 100·√((p + d − (p − d)²)/n) on the same counts. Serves NPS, eNPS,
 * Happiness, Temkin and CES nets alike. Adjusted, the interval is centred on the adjusted net (not
 * the reported one) and is never of zero width; plain Wald: p = .5, d = .2, n = 100 → 30 ± 15.3.
 */
export function npsInterval(
  promoters: number,
  passives: number,
  detractors: number,
  confidence: number,
  method: NetIntervalMethod = DEFAULT_NET_INTERVAL_METHOD,
): Interval | null {
  assertCount('promoters', promoters);
  assertCount('passives', passives);
  assertCount('detractors', detractors);
  const n = promoters + passives + detractors;
  if (n === 0 || isIntervalOff(confidence)) return null;
  const sample = netSample(promoters, detractors, n, method);
  const centre = netScore(sample.promoters, sample.detractors, sample.n);
  const halfWidth = zForConfidence(confidence) * netScoreStandardError(sample.promoters, sample.detractors, sample.n);
  return [Math.max(-100, centre - halfWidth), Math.min(100, centre + halfWidth)];
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
 * t-interval mean ± t(1 − α/2, n − 1)·sd/√n (§6.4). Null below two values or without an SD, and
 * null when every value is the same (sd = 0): identical values say nothing about the spread, and a
 * zero-width interval would claim a certainty that two equal answers (or twenty) do not give. The
 * spec (§6.4) is silent on sd = 0; this is xla's choice. Unclipped: a mean's bounds are its scale's.
 */
export function meanInterval(n: number, mean: number, sd: number | null, confidence: number): Interval | null {
  assertCount('n', n);
  if (n < 2 || sd === null || !(sd > 0) || isIntervalOff(confidence)) return null;
  const halfWidth = (tForConfidence(confidence, n - 1) * sd) / Math.sqrt(n);
  return [mean - halfWidth, mean + halfWidth];
}

/**
 * Interval for Apdex on the 1/½/0 recode (§6.6 ✎), clipped to [0, 1]. Apdex is an affine image of
 * a net score: with satisfied as promoters, tolerating as passives and frustrated as detractors,
 * A = (1 + net/100)/2 exactly, and the Wald variance (s + t/4)/n − A² is the net's variance / 4.
 * So Apdex takes the net's interval through that map, with the same `method`: adjusted by
 * default, which keeps all-satisfied samples (20 of 20, or a single request) from a zero-width
 * [1, 1]; `wald` gives the plain Wald interval A ± z·√(((s + t/4)/n − A²)/n). The spec's Apdex
 * row names plain Wald and is silent on small samples; the adjustment is xla's choice.
 */
export function apdexInterval(
  satisfied: number,
  tolerating: number,
  n: number,
  confidence: number,
  method: NetIntervalMethod = DEFAULT_NET_INTERVAL_METHOD,
): Interval | null {
  assertCount('satisfied', satisfied);
  assertCount('tolerating', tolerating);
  assertCount('n', n);
  if (satisfied + tolerating > n) throw new RangeError(`satisfied + tolerating (${satisfied + tolerating}) exceed n (${n})`);
  const net = npsInterval(satisfied, tolerating, n - satisfied - tolerating, confidence, method);
  return net === null ? null : [apdexOfNet(net[0]), apdexOfNet(net[1])];
}

/** −100…+100 → 0…1: the 1/½/0 recode is (1 + the +1/0/−1 recode)/2. */
function apdexOfNet(net: number): number {
  return (1 + net / 100) / 2;
}
