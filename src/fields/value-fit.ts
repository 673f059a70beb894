/**
 * Whether a column's values fit a field: the rule that lets binding look at what a column holds,
 * not only at its name (match.ts), and that `xla inspect` uses to list the fields a column could
 * feed. Pure: the coercer comes in, so any reading of the values (the row builder's, or a label
 * scale's that turns "Very satisfied" into a number) is judged by the same rule.
 */
import { isInvalid } from './invalid.js';

/**
 * The share of a column's non-blank sampled values that must read for the column to fit: nine in
 * ten, the tolerance date-layout detection gives a column (column-formats.ts), so a few broken
 * cells do not unfit a column and a column of another kind of answer never fits.
 */
export const FIT_SHARE = 0.9;

/** The most frequent distinct values a verdict keeps, to say what a column holds. */
const SHOWN_VALUES = 3;

export type FitVerdict =
  /** At least FIT_SHARE of the values read. */
  | 'fits'
  /** Fewer read: the values are of another kind (agreement text in a 0–10 column) or out of range. */
  | 'misfits'
  /** The sample holds no value: nothing is known either way. */
  | 'empty';

export interface ValueFit {
  verdict: FitVerdict;
  /** Non-blank values in the sample (a blank cell or a null marker is no value). */
  values: number;
  /** Of those, how many the coercer read. */
  read: number;
  /** The most frequent distinct values, most frequent first (ties in text order): what the column holds. */
  common: readonly string[];
  /** The most frequent reason a value was rejected (ties in text order); undefined when none was. */
  reason: string | undefined;
}

/** Reads one cell: a value, undefined when the cell holds none, or an Invalid saying why it was rejected. */
export type ValueCoercer = (raw: string | number | boolean | null | undefined) => unknown;

/**
 * Judges a column's sampled cells against a field's coercer. Each cell is read once; blank cells
 * (those the coercer reads as missing) do not count. The verdict and everything it reports
 * depend only on the multiset of cells, never on their order, so shuffling the sample changes nothing.
 */
export function judgeFit(cells: readonly (string | number | boolean | null | undefined)[], coerce: ValueCoercer): ValueFit {
  const counts = new Map<string, number>();
  const reasons = new Map<string, number>();
  let values = 0;
  let read = 0;
  for (const cell of cells) {
    const value = coerce(cell);
    if (value === undefined) continue;
    values += 1;
    const text = typeof cell === 'string' ? cell.trim() : String(cell);
    counts.set(text, (counts.get(text) ?? 0) + 1);
    if (isInvalid(value)) reasons.set(value.invalid, (reasons.get(value.invalid) ?? 0) + 1);
    else read += 1;
  }
  return {
    verdict: verdictOf(values, read),
    values,
    read,
    common: mostFrequent(counts, SHOWN_VALUES),
    reason: mostFrequent(reasons, 1)[0],
  };
}

/** The rule, on counts alone. */
export function verdictOf(values: number, read: number): FitVerdict {
  if (values === 0) return 'empty';
  return read >= FIT_SHARE * values ? 'fits' : 'misfits';
}

/** The `limit` most frequent keys, most frequent first, ties in code-unit order (so never in insertion order). */
function mostFrequent(counts: ReadonlyMap<string, number>, limit: number): string[] {
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([text]) => text);
}
