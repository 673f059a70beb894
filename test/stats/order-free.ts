/**
 * Arbitraries and helpers for "the order does not matter" properties: values as exports write them
 * (decimals of a few places, durations from millisecond stamps) mixed with arbitrary doubles of
 * every magnitude, and ways to reorder and cut a list the way rows are reordered and files cut.
 */
import fc from 'fast-check';

/** m / 10^k as the reader gets it from text: the double nearest to the written decimal. */
export const writtenDecimal: fc.Arbitrary<{ value: number; units: bigint; places: number }> = fc
  .tuple(fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, places]) => ({ value: Number(`${units}e-${places}`), units: BigInt(units), places }));

/** Any double an export or a computation could produce, from 1e-30 to 1e15, and zeros. */
const anyDouble: fc.Arbitrary<number> = fc.oneof(
  fc.double({ min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true }).map((x) => (Math.abs(x) < 1e-30 ? 0 : x)),
  fc.constantFrom(0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e15, -1e15, 2 ** 52, 1e-12, 4.1, 49.2, 1.7e12 + 0.001),
);

/** Mixed: mostly written decimals, some arbitrary doubles. */
export const mixedValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: writtenDecimal.map((d) => d.value) },
  { weight: 1, arbitrary: anyDouble },
);

/**
 * Every magnitude a finite double can have: near the largest double (whose sums overflow in some
 * orders and not in others), subnormals, and decimals of up to 20 places (past the 15 a value is
 * read with).
 */
export const extremeValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 2, arbitrary: mixedValue },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 900, -(2 ** 899), 1.5e300, 5e-324, -1e-310, 1e-154),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: 14, max: 20 }))
      .map(([m, k]) => Number(`${m}e-${k}`)),
  },
);

/** A list, one of its permutations, cut points into parts, and an order to merge the parts in. */
export interface Reordering<T> {
  items: T[];
  shuffled: T[];
  cuts: number[];
  mergeOrder: number[];
}

export function reorderings<T>(item: fc.Arbitrary<T>, maxLength = 40): fc.Arbitrary<Reordering<T>> {
  return fc.array(item, { maxLength }).chain((items) =>
    fc.record({
      items: fc.constant(items),
      shuffled: fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }),
      cuts: fc.uniqueArray(fc.integer({ min: 0, max: items.length }), { maxLength: 4 }).map((cuts) => [...cuts].sort((a, b) => a - b)),
      mergeOrder: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
    }),
  );
}

/** The list cut at the given points (empty parts included), parts in the order `mergeOrder` gives. */
export function partsOf<T>(items: readonly T[], cuts: readonly number[], mergeOrder: readonly number[]): T[][] {
  const bounds = [0, ...cuts, items.length];
  const parts = bounds.slice(1).map((end, i) => items.slice(bounds[i], end));
  return mergeOrder.filter((i) => i < parts.length).map((i) => parts[i] as T[]);
}
