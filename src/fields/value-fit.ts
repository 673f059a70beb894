/**
 * Whether a column's values fit a field: the rule that lets binding look at what a column holds,
 * not only at its name (match.ts), and that `xla inspect` uses to list the fields a column could
 * feed. Pure: the coercer comes in, so any reading of the values (the row builder's, or a label
 * scale's that turns "Very satisfied" into a number) is judged by the same rule.
 */
import { isInvalid } from './invalid.js';

/**
 * A column fits when more than this share of its non-blank sampled values read: more than half.
 * What tells a column of another kind of answer (agreement text where 0–10 is wanted: none reads)
 * from a column of the right kind with some broken or out-of-range cells, which are rejected and
 * reported one by one anyway; a stricter share would put a note on every small file with a bad cell.
 */
export const FIT_SHARE = 0.5;

/** The most frequent distinct values a verdict keeps, to say what a column holds. */
const SHOWN_VALUES = 3;

export type FitVerdict =
  /** More than FIT_SHARE of the values read. */
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
}

/** What a column holds, to say why it does not fit (asked only for the columns a note is about). */
export interface HeldValues {
  /** The most frequent distinct values, most frequent first (ties in text order). */
  common: readonly string[];
  /** The most frequent reason a value was rejected (ties in text order); undefined when none was. */
  reason: string | undefined;
}

/** Reads one cell: a value, undefined when the cell holds none, or an Invalid saying why it was rejected. */
export type ValueCoercer = (raw: string | number | boolean | null | undefined) => unknown;

type SampledCell = string | number | boolean | null | undefined;

/** A column's sampled cells, each distinct cell once with how often it came: judged once per field, whatever the sample's size. */
export interface CellTally {
  readonly cells: readonly { readonly cell: SampledCell; readonly count: number }[];
}

export function tallyCells(cells: readonly SampledCell[]): CellTally {
  const byKey = new Map<string, { cell: SampledCell; count: number }>();
  for (const cell of cells) {
    // The type is part of the key: the JSON number 5 and the text "5" may read differently.
    const key = `${typeof cell}:${String(cell)}`;
    const known = byKey.get(key);
    if (known === undefined) byKey.set(key, { cell, count: 1 });
    else known.count += 1;
  }
  return { cells: [...byKey.values()] };
}

/**
 * Judges a column's sampled cells against a field's coercer. Blank cells (those the coercer reads
 * as missing) do not count. The verdict and everything it reports depend only on the multiset of
 * cells, never on their order, so shuffling the sample changes nothing.
 */
export function judgeFit(cells: readonly SampledCell[], coerce: ValueCoercer): ValueFit {
  return judgeTally(tallyCells(cells), coerce);
}

/** judgeFit over a tally: each distinct cell is read once (coercers are pure functions of the cell). */
export function judgeTally(tally: CellTally, coerce: ValueCoercer): ValueFit {
  let values = 0;
  let read = 0;
  for (const { cell, count } of tally.cells) {
    const value = coerce(cell);
    if (value === undefined) continue;
    values += count;
    if (!isInvalid(value)) read += count;
  }
  return { verdict: verdictOf(values, read), values, read };
}

/** The values a column holds and why they were rejected, as the same coercer reads them. Order-free, as judgeFit is. */
export function describeHeld(tally: CellTally, coerce: ValueCoercer): HeldValues {
  const counts = new Map<string, number>();
  const reasons = new Map<string, number>();
  for (const { cell, count } of tally.cells) {
    const value = coerce(cell);
    if (value === undefined) continue;
    const text = typeof cell === 'string' ? cell.trim() : String(cell);
    counts.set(text, (counts.get(text) ?? 0) + count);
    if (isInvalid(value)) reasons.set(value.invalid, (reasons.get(value.invalid) ?? 0) + count);
  }
  return { common: mostFrequent(counts, SHOWN_VALUES), reason: mostFrequent(reasons, 1)[0] };
}

/** The rule, on counts alone. */
export function verdictOf(values: number, read: number): FitVerdict {
  if (values === 0) return 'empty';
  return read > FIT_SHARE * values ? 'fits' : 'misfits';
}

/** The `limit` most frequent keys, most frequent first, ties in code-unit order (so never in insertion order); one pass, no sort of them all. */
function mostFrequent(counts: ReadonlyMap<string, number>, limit: number): string[] {
  const top: [string, number][] = [];
  for (const entry of counts) {
    if (top.length === limit && !isBefore(entry, top[limit - 1] as [string, number])) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    top[at] = entry;
    for (; at > 0 && isBefore(entry, top[at - 1] as [string, number]); at -= 1) top[at] = top[at - 1] as [string, number];
    top[at] = entry;
  }
  return top.map(([text]) => text);
}

/** More frequent first; among equals, the text first in code-unit order. */
function isBefore([text, count]: [string, number], [otherText, otherCount]: [string, number]): boolean {
  return count > otherCount || (count === otherCount && text < otherText);
}
