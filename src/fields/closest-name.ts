/** "Did you mean": the one place that decides how close a typo must be to suggest a name. */

/**
 * The longest name a suggestion is looked for (after lower-casing): a typo in a name that long is
 * not typed but pasted, and edit distance costs length × length. With it, a suggestion among the
 * columns of any header costs a bounded amount per character of the header.
 */
export const MAX_SUGGESTED_NAME_LENGTH = 128;

/** Counts the edit-distance cells computed, for tests that bound the work (no clock needed). */
export interface EditWorkMeter {
  cells: number;
}

/**
 * Levenshtein distance between a and b when it is at most `limit`, else `limit + 1`: only the
 * cells within `limit` of the diagonal can hold a smaller distance, so only they are computed
 * (limit × length cells, not length × length), and a row with no cell within the limit ends it.
 * Without a limit the distance is exact.
 */
export function measureEditDistance(a: string, b: string, limit = Math.max(a.length, b.length), meter?: EditWorkMeter): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) previous[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i += 1) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    // The cell left of the band: the first column (i deletions), or outside the band.
    current[from - 1] = from === 1 ? Math.min(i, over) : over;
    let rowMinimum = current[from - 1] as number;
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j += 1) {
      const substitution = (previous[j - 1] as number) + (code === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution, over);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    // The cell right of the band, which the next row reads as the one above it.
    if (to < b.length) current[to + 1] = over;
    if (meter !== undefined) meter.cells += to - from + 1;
    if (rowMinimum > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] as number, over);
}

/** A typo costs one edit per few characters; beyond that a suggestion is noise. */
function maxSuggestionDistance(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/**
 * The name closest to `wanted` by edit distance, ignoring case, or undefined when nothing is
 * close enough to be a plausible typo (or `wanted` is over MAX_SUGGESTED_NAME_LENGTH). Ties go to
 * the earlier name. Each name after a fit is measured only for a strictly closer one.
 */
export function closestName(wanted: string, names: readonly string[], meter?: EditWorkMeter): string | undefined {
  if (wanted.length > MAX_SUGGESTED_NAME_LENGTH) return undefined;
  const target = wanted.toLowerCase();
  let limit = maxSuggestionDistance(target);
  let best: string | undefined;
  for (const name of names) {
    if (limit < 0) break;
    // Lower-casing never shortens a text: a name already too long stays too long.
    if (name.length > target.length + limit) continue;
    const distance = measureEditDistance(target, name.toLowerCase(), limit, meter);
    if (distance <= limit) {
      best = name;
      limit = distance - 1;
    }
  }
  return best;
}
