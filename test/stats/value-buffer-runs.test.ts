// ValueBuffer merged by reference: appended buffers become runs, and quantile/countBelow/countAtMost
// must answer over own values and runs exactly as over one sorted array of all the values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileSorted, ValueBuffer } from '../../src/stats/percentile.js';

/** A buffer holding no values of its own, with one run per array: how the scorecard merges cells. */
function merged(...runs: readonly (readonly number[])[]): ValueBuffer {
  const buffer = new ValueBuffer();
  for (const run of runs) buffer.append(ValueBuffer.from(run));
  return buffer;
}

/** The single-sorted-array answers the runs must reproduce. */
function reference(values: readonly number[]) {
  const sorted = Float64Array.from(values).sort();
  return {
    quantile: (p: number) => percentileSorted(sorted, p),
    countBelow: (x: number) => values.filter((v) => v < x).length,
    countAtMost: (x: number) => values.filter((v) => v <= x).length,
  };
}

const PROBABILITIES = [0, 0.01, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9, 0.99, 1];

describe('ValueBuffer quantile over runs', () => {
  it.each([
    // h = 3·0.3 = 0.9 → 1 + 0.9·(2 − 1), the rank straddling two runs, as for one array
    [
      [
        [1, 2],
        [3, 4],
      ],
      0.3,
      1.9,
    ],
    [
      [
        [3, 4],
        [1, 2],
      ],
      0.3,
      1.9,
    ],
    [
      [
        [1, 2],
        [3, 4],
      ],
      0.5,
      2.5,
    ],
    [
      [
        [1, 2],
        [3, 4],
      ],
      0,
      1,
    ],
    [
      [
        [1, 2],
        [3, 4],
      ],
      1,
      4,
    ],
    // 1..9 interleaved: h = 8·0.9 = 7.2 → 8 + 0.2·(9 − 8)
    [
      [
        [1, 5, 9],
        [2, 6],
        [3, 4, 7, 8],
      ],
      0.9,
      8.2,
    ],
    // 15, 20, 35, 40, 50: h = 1.6 → 20 + 0.6·15
    [[[50, 20], [40], [35, 15]], 0.4, 29],
    // duplicates across runs, 1 5 5 5 5 9: h = 4.5 → 5 + 0.5·4; h = 2.5 between two 5s; h = 0.5 → 1 + 0.5·4
    [
      [
        [5, 5],
        [5, 9],
        [1, 5],
      ],
      0.9,
      7,
    ],
    [
      [
        [5, 5],
        [5, 9],
        [1, 5],
      ],
      0.5,
      5,
    ],
    [
      [
        [5, 5],
        [5, 9],
        [1, 5],
      ],
      0.1,
      3,
    ],
    // negatives: −3, −2, −1, 0: h = 0.75 → −3 + 0.75·1
    [
      [
        [-1, -3],
        [0, -2],
      ],
      0.25,
      -2.25,
    ],
  ])('runs %j at p = %s → %s', (runs, p, expected) => {
    const buffer = merged(...runs);
    expect(buffer.quantile(p)).toBeCloseTo(expected, 12);
    expect(buffer.quantile(p)).toBe(reference(runs.flat()).quantile(p));
    expect(buffer.length).toBe(runs.flat().length);
  });

  it('skips empty runs, and is null (or rejects p) when every run is empty', () => {
    const buffer = merged([], [1, 2], [], [3, 4], []);
    expect(buffer.length).toBe(4);
    expect(buffer.quantile(0.3)).toBe(reference([1, 2, 3, 4]).quantile(0.3));
    const empty = merged([], []);
    expect(empty.length).toBe(0);
    expect(empty.quantile(0.5)).toBeNull();
    expect(() => empty.quantile(1.5)).toThrow(RangeError);
    expect(() => merged([1], [2]).quantile(-0.1)).toThrow(RangeError);
  });

  it('matches one sorted array with one huge run and small ones', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 200_003);
    const small = [[-5], [1e9, 3], [100_000.5, 100_000.5], [0]];
    const buffer = merged(huge, ...small);
    const expected = reference([...huge, ...small.flat()]);
    for (const p of PROBABILITIES) expect(buffer.quantile(p)).toBe(expected.quantile(p));
    for (const x of [-5, 0, 3, 100_000.5, 150_000, 1e9]) {
      expect(buffer.countBelow(x)).toBe(expected.countBelow(x));
      expect(buffer.countAtMost(x)).toBe(expected.countAtMost(x));
    }
  });

  it('orders −0 before +0 like Float64Array#sort, and counts them as equal', () => {
    const runs = [[0, -0], [-0], [0, 1]];
    const buffer = merged(...runs);
    expect(buffer.quantile(0)).toBe(-0);
    expect(buffer.quantile(0.25)).toBe(-0); // rank 1 of −0, −0, 0, 0, 1
    expect(buffer.quantile(0.6)).toBe(0); // h = 2.4, between two +0s
    for (const p of PROBABILITIES) expect(buffer.quantile(p)).toBe(reference(runs.flat()).quantile(p));
    expect(buffer.countBelow(0)).toBe(0);
    expect(buffer.countBelow(-0)).toBe(0);
    expect(buffer.countAtMost(-0)).toBe(4);
    expect(buffer.countBelow(Number.MIN_VALUE)).toBe(4);
    // Within one buffer too: 0 pushed before −0 is out of order.
    const own = ValueBuffer.from([0, -0]);
    expect(own.quantile(0)).toBe(-0);
    expect(own.quantile(1)).toBe(0);
  });

  it('handles infinities like one sorted array (∞ − ∞ interpolates to NaN there too)', () => {
    const runs = [[Number.NEGATIVE_INFINITY, -3], [Number.POSITIVE_INFINITY, -1.5], [Number.POSITIVE_INFINITY]];
    const buffer = merged(...runs);
    expect(buffer.quantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(buffer.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    for (const p of PROBABILITIES) expect(buffer.quantile(p)).toBe(reference(runs.flat()).quantile(p));
    expect(buffer.countBelow(Number.POSITIVE_INFINITY)).toBe(3);
    expect(buffer.countAtMost(Number.POSITIVE_INFINITY)).toBe(5);
    expect(buffer.countAtMost(Number.NEGATIVE_INFINITY)).toBe(1);
  });
});

describe('ValueBuffer counts over runs', () => {
  const runs = [[1, 2, 2, 3], [2, 2], [0, 4], []];
  const buffer = merged(...runs);

  it.each([
    [2, 2, 6],
    [0, 0, 1],
    [-1, 0, 0],
    [2.5, 6, 6],
    [4, 7, 8],
    [Number.POSITIVE_INFINITY, 8, 8],
  ])('at %s: %s below, %s at most', (x, below, atMost) => {
    expect(buffer.countBelow(x)).toBe(below);
    expect(buffer.countAtMost(x)).toBe(atMost);
  });

  it('answers the same when asked again (arrays are sorted once, in place)', () => {
    expect([buffer.countAtMost(2), buffer.countAtMost(2), buffer.countBelow(2)]).toEqual([6, 6, 2]);
  });
});

describe('ValueBuffer append', () => {
  it('flattens nested appends: a buffer with runs appended into another', () => {
    const cellA = ValueBuffer.from([3, 1]);
    const cellB = ValueBuffer.from([2]);
    const segment = new ValueBuffer();
    segment.append(cellA);
    segment.append(cellB);
    const withOwn = ValueBuffer.from([10]);
    withOwn.append(ValueBuffer.from([7, 8]));
    const overall = ValueBuffer.from([0]);
    overall.append(segment);
    overall.append(withOwn);
    const all = [0, 3, 1, 2, 10, 7, 8];
    expect(overall.length).toBe(all.length);
    expect(overall.values().sort()).toEqual(Float64Array.from(all).sort());
    for (const p of PROBABILITIES) expect(overall.quantile(p)).toBe(reference(all).quantile(p));
    expect(overall.countAtMost(7)).toBe(5);
    // The inner groups still answer for their own values.
    expect(segment.quantile(0.5)).toBe(2);
    expect(withOwn.quantile(1)).toBe(10);
  });

  it('keeps pushes after an append in its own values, separate from the run', () => {
    const cell = ValueBuffer.from([5, 6]);
    const group = ValueBuffer.from([4]);
    group.append(cell);
    group.push(1);
    group.push(9);
    expect(group.length).toBe(5);
    expect(group.quantile(0.5)).toBe(5);
    expect(group.countBelow(5)).toBe(2);
    expect(cell.length).toBe(2);
    expect(cell.quantile(0)).toBe(5);
  });

  it('shares, not copies: querying a merged group leaves each cell answering the same', () => {
    const cells = [ValueBuffer.from([9, 1, 5]), ValueBuffer.from([4, 8])];
    const before = cells.map((cell) => cell.quantile(0.5));
    const group = new ValueBuffer();
    for (const cell of cells) group.append(cell);
    expect(group.quantile(0.5)).toBe(5);
    expect(cells.map((cell) => cell.quantile(0.5))).toEqual(before);
  });

  it('values() of a merged buffer returns every value (a copy), so it can be serialised', () => {
    const group = ValueBuffer.from([1]);
    group.append(ValueBuffer.from([2, 3]));
    const values = group.values();
    expect(Array.from(values).sort()).toEqual([1, 2, 3]);
    expect(ValueBuffer.from(values).quantile(0.5)).toBe(2);
  });
});

describe('ValueBuffer over random runs equals one sorted array', () => {
  const value = fc.oneof(
    fc.integer({ min: -4, max: 4 }), // duplicates
    fc.constantFrom(0, -0),
    fc.double({ noNaN: true }), // any double, ±∞ and −0 included
  );
  const probability = fc.oneof(fc.constantFrom(0, 0.5, 0.9, 1), fc.double({ min: 0, max: 1, noNaN: true }));
  const scenario = fc.record({
    values: fc.array(value, { maxLength: 60 }),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    own: fc.array(value, { maxLength: 5 }),
    nest: fc.boolean(),
    probes: fc.array(value, { maxLength: 4 }),
  });

  /** values cut at the given points into consecutive (possibly empty) runs. */
  function split(values: readonly number[], cuts: readonly number[]): number[][] {
    const points = cuts.map((cut) => cut % (values.length + 1)).sort((a, b) => a - b);
    return [...points, values.length].map((end, i) => values.slice(i === 0 ? 0 : points[i - 1], end));
  }

  /** Own values pushed around the appends; with nest, half the runs go through an inner buffer. */
  function build(runs: readonly number[][], own: readonly number[], nest: boolean): ValueBuffer {
    const buffer = new ValueBuffer();
    for (const x of own.slice(0, 1)) buffer.push(x);
    const inner = nest ? new ValueBuffer() : buffer;
    runs.forEach((run, i) => (i % 2 === 0 ? inner : buffer).append(ValueBuffer.from(run)));
    if (nest) buffer.append(inner);
    for (const x of own.slice(1)) buffer.push(x);
    return buffer;
  }

  it('quantile, countBelow and countAtMost are exact (Object.is)', () => {
    fc.assert(
      fc.property(scenario, probability, ({ values, cuts, own, nest, probes }, p) => {
        const buffer = build(split(values, cuts), own, nest);
        const expected = reference([...values, ...own]);
        expect(buffer.length).toBe(values.length + own.length);
        expect(buffer.quantile(p)).toBe(expected.quantile(p));
        for (const x of [...probes, ...values.slice(0, 4), Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          expect(buffer.countBelow(x)).toBe(expected.countBelow(x));
          expect(buffer.countAtMost(x)).toBe(expected.countAtMost(x));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('ValueBuffer quantile over many sorted parts (the selection rounds)', () => {
  // Many parts, long enough for selection to take several rounds; few distinct values (ties
  // across parts), −0 and +0, and parts whose windows empty early.
  const part = fc.array(
    fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constantFrom(0, -0, 0.5, -0.5), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
    { maxLength: 400, size: 'max' },
  );
  const scenario = fc.record({
    parts: fc.array(part, { minLength: 2, maxLength: 40, size: 'max' }),
    p: fc.oneof(fc.constantFrom(0, 0.5, 0.9, 0.99, 1), fc.double({ min: 0, max: 1, noNaN: true })),
  });

  it('equals one sorted array of every value (Object.is), whatever the parts', () => {
    fc.assert(
      fc.property(scenario, ({ parts, p }) => {
        const all = parts.flat();
        fc.pre(all.length > 0);
        expect(merged(...parts).quantile(p)).toBe(reference(all).quantile(p));
      }),
      { numRuns: 300 },
    );
  });

  it('reaches parts of thousands of values each, as the scorecard sees them', () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const parts = Array.from({ length: 64 }, (_, i) =>
      Array.from({ length: 2_000 + i * 37 }, () => Math.round(random() * random() * 5_000) / 10),
    );
    const expected = reference(parts.flat());
    const buffer = merged(...parts);
    for (const p of PROBABILITIES) expect(buffer.quantile(p)).toBe(expected.quantile(p));
  });
});

describe('ValueBuffer storage', () => {
  /** 10,000 values pushed in descending order: three chunks of 4,096, none sorted as pushed. */
  const pushed = Array.from({ length: 10_000 }, (_, i) => 10_000 - i - (i % 3) * 0.25);
  const sortedCopy = Float64Array.from(pushed).sort();

  it('grows by chunks past 4,096 values and answers as one sorted array would', () => {
    const buffer = new ValueBuffer();
    for (const x of pushed) buffer.push(x);
    expect(buffer.length).toBe(10_000);
    expect(buffer.parts().map((part) => part.length)).toEqual([4096, 4096, 1808]);
    for (const p of [0, 0.1, 0.5, 0.9, 0.999, 1]) expect(buffer.quantile(p)).toBe(percentileSorted(sortedCopy, p));
    expect(buffer.countAtMost(5000)).toBe(sortedCopy.filter((x) => x <= 5000).length);
    expect(buffer.countBelow(5000)).toBe(sortedCopy.filter((x) => x < 5000).length);
    expect(Float64Array.from(buffer.values()).sort()).toEqual(sortedCopy);
  });

  it('hands its arrays over, not copies, and adopts arrays without copying them', () => {
    const buffer = new ValueBuffer();
    for (const x of pushed) buffer.push(x);
    const parts = buffer.parts();
    expect(parts[0]?.buffer).toBe(buffer.parts()[0]?.buffer);
    const adopted = ValueBuffer.adopt(parts);
    expect(adopted.parts()[0]).toBe(parts[0]);
    expect(adopted.quantile(0.9)).toBe(percentileSorted(sortedCopy, 0.9));
    adopted.push(-1);
    expect(adopted.quantile(0)).toBe(-1);
    expect(() => ValueBuffer.adopt([Float64Array.of(1, Number.NaN)])).toThrow(RangeError);
  });

  it('hands its arrays over sorted (the thread that filled them sorts them), and adopts unsorted ones too', () => {
    const buffer = new ValueBuffer();
    for (const x of pushed) buffer.push(x);
    const parts = buffer.parts();
    for (const part of parts) expect(part).toEqual(Float64Array.from(part).sort());
    // Arrays from elsewhere may be in any order: the adopter finds out, and still answers exactly.
    const shuffled = [Float64Array.of(3, -0, 1, 0, 2), Float64Array.of(0, -0)];
    const adopted = ValueBuffer.adopt(shuffled);
    expect(adopted.quantile(0)).toBe(-0);
    expect(adopted.quantile(0.5)).toBe(0);
    expect(adopted.countBelow(0)).toBe(0);
    expect(adopted.countAtMost(1)).toBe(5);
    expect(adopted.quantile(1)).toBe(3);
  });
});
