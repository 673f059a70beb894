/**
 * Display rounding (metrics.md §0): half away from zero on the shortest decimal representation,
 * so 2.675 → 2.68 although the double nearest 2.675 lies just below it (toFixed gives 2.67).
 * Working on the digits of String(x) — the shortest string that round-trips — rather than on
 * x·10^d avoids binary artefacts entirely.
 */
export function roundHalfAway(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  if (!Number.isInteger(decimals) || decimals < 0) {
    throw new RangeError(`roundHalfAway: decimals must be a whole number ≥ 0, got ${decimals}`);
  }
  const { digits, pointAt } = decomposeDecimal(Math.abs(x));
  const keep = pointAt + decimals;
  if (keep < 0) return 0;
  const kept = digits.slice(0, keep).padEnd(keep, '0');
  const firstDropped = digits.charAt(keep);
  const magnitude = BigInt(kept === '' ? '0' : kept) + (firstDropped >= '5' ? 1n : 0n);
  if (magnitude === 0n) return 0;
  const rounded = Number(`${magnitude.toString()}e-${decimals}`);
  return x < 0 ? -rounded : rounded;
}

/** `abs` as its decimal digits and the position of the decimal point (digits before it). */
function decomposeDecimal(abs: number): { digits: string; pointAt: number } {
  const [mantissa = '0', exponent = '0'] = String(abs).split('e');
  const [integerPart = '0', fractionPart = ''] = mantissa.split('.');
  return { digits: integerPart + fractionPart, pointAt: integerPart.length + Number(exponent) };
}
