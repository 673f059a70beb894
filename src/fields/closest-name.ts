/** "Did you mean": the one place that decides how close a typo must be to suggest a name. */

/** Levenshtein distance, two rows at a time. */
export function measureEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** A typo costs one edit per few characters; beyond that a suggestion is noise. */
function maxSuggestionDistance(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/**
 * The name closest to `wanted` by edit distance, ignoring case, or undefined when nothing is
 * close enough to be a plausible typo. Ties go to the earlier name.
 */
export function closestName(wanted: string, names: readonly string[]): string | undefined {
  const target = wanted.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = measureEditDistance(target, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best !== undefined && best.distance <= maxSuggestionDistance(target) ? best.name : undefined;
}
