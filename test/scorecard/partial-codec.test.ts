// The state encoding of xla-partial/1 (docs/partial-format.md): every kind of value a frozen state
// holds comes back from JSON text bit for bit.
import { describe, expect, it } from 'vitest';
import { UserDays, UserIds } from '../../src/metrics/user-days.js';
import { addBinary, addExact, createExactSum, roundSum } from '../../src/stats/exact-sum.js';
import type { ExactSum } from '../../src/stats/exact-sum.js';
import { IdHashes } from '../../src/stats/id-hashes.js';
import { ValueBuffer } from '../../src/stats/percentile.js';
import { decodeSnapshot, decodeState, encodeSnapshot, encodeState, InvalidEncoding } from '../../src/scorecard/partial-codec.js';
import { freezeState, reviveState } from '../../src/scorecard/snapshot.js';

/** The value after a trip through the file's JSON text. */
function throughJson(value: unknown): unknown {
  return decodeState(JSON.parse(JSON.stringify(encodeState(value))));
}

describe('numbers', () => {
  it.each([
    ['zero', 0],
    ['minus zero', -0],
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['the smallest subnormal', 5e-324],
    ['the largest double', Number.MAX_VALUE],
    ['a double with 17 significant digits', 0.1 + 0.2],
    ['2^53 + 2', 2 ** 53 + 2],
  ])('%s survives', (_name, value) => {
    expect(Object.is(throughJson(value), value)).toBe(true);
  });

  it('writes JSON numbers as they are, and the ones JSON lacks as tagged texts', () => {
    expect(encodeState([1.5, -0, Number.NaN, -Infinity])).toEqual([
      1.5,
      { $: 'number', v: '-0' },
      { $: 'number', v: 'NaN' },
      { $: 'number', v: '-Infinity' },
    ]);
  });
});

describe('plain data', () => {
  it('keeps undefined, null, texts, booleans and nesting', () => {
    const state = { a: undefined, b: null, c: 'x', d: [true, false, undefined], e: { f: { g: 1 } } };
    const back = throughJson(state) as Record<string, unknown>;
    expect(back).toStrictEqual(state);
    expect(Object.hasOwn(back, 'a')).toBe(true);
  });

  it('keeps keys that start with $ (a data value used as a key) apart from its tags', () => {
    const state = { $: 'not a tag', $$x: 1, $number: { v: '-0' }, __proto__x: 2 };
    expect(encodeState(state)).toEqual({ $$: 'not a tag', $$$x: 1, $$number: { v: '-0' }, __proto__x: 2 });
    expect(throughJson(state)).toStrictEqual(state);
  });
});

describe('typed arrays', () => {
  it('are base64 of their little-endian bytes', () => {
    // 1.0 is 0x3FF0000000000000: little-endian, its bytes are 00 00 00 00 00 00 F0 3F.
    expect(encodeState(new Float64Array([1]))).toEqual({ $: 'f64', b: 'AAAAAAAA8D8=' });
    expect(encodeState(new Uint32Array([1, 0xffffffff]))).toEqual({ $: 'u32', b: 'AQAAAP////8=' });
    expect(encodeState(new Int32Array([-2]))).toEqual({ $: 'i32', b: '/v///w==' });
  });

  it('keep every value, -0 and NaN included, and only the viewed part of a buffer', () => {
    const values = new Float64Array([3.25, -0, Number.NaN, -Infinity, 1e-310]);
    const back = throughJson(new Float64Array(values.buffer, 8, 3)) as Float64Array;
    expect(back).toBeInstanceOf(Float64Array);
    expect(back).toHaveLength(3);
    expect(Object.is(back[0], -0)).toBe(true);
    expect(back[1]).toBeNaN();
    expect(back[2]).toBe(-Infinity);
  });

  it('survive a large array (chunked base64)', () => {
    const values = Float64Array.from({ length: 100_003 }, (_, i) => i / 7 - 5000);
    expect(throughJson(values)).toEqual(values);
  });
});

describe('accumulator states', () => {
  it('exact sums: the limbs and the rounded sum survive', () => {
    const sum: ExactSum = createExactSum();
    for (const x of [0.1, 0.2, 1e300, -1e300, 2 ** 60, Math.PI, -0]) addExact(sum, x);
    addBinary(sum, 1 / 3);
    const back = throughJson(sum) as ExactSum;
    expect(back).toStrictEqual(sum);
    expect(roundSum(back)).toBe(roundSum(sum));
  });

  it('percentile values (ValueBuffer) survive freeze, encoding and revival', () => {
    const buffer = new ValueBuffer();
    for (const x of [5, -0, 3.5, 1e9, 2]) buffer.push(x);
    const back = reviveState(throughJson(freezeState({ values: buffer })) as never) as { values: ValueBuffer };
    expect(back.values).toBeInstanceOf(ValueBuffer);
    // parts() hands the values over sorted: the same multiset, -0 kept as -0.
    const values = back.values.parts().flatMap((part) => [...part]);
    expect(values).toEqual([-0, 2, 3.5, 5, 1e9]);
    expect(Object.is(values[0], -0)).toBe(true);
  });

  it('id hashes survive: the same ids, the same words', () => {
    const hashes = new IdHashes();
    for (const id of ['a', 'b', 'a', 'ü']) hashes.add(id);
    const back = reviveState(throughJson(freezeState(hashes)) as never) as IdHashes;
    expect(back).toBeInstanceOf(IdHashes);
    expect(back.words()).toEqual(hashes.words());
  });

  it('user days survive with their users by id', () => {
    const days = new UserDays(new UserIds());
    days.add('u1', 19_000);
    days.add('u2', 19_001);
    days.add('u1', 19_031);
    const frozen = freezeState(days);
    expect(throughJson(frozen)).toStrictEqual(frozen);
  });
});

describe('snapshots', () => {
  const snapshot = {
    fingerprint: '[["nps"],["team"],"month"]',
    cells: [{ segment: ['$team', 'Desk'], period: '2024-01', fed: [true, false], states: [{ n: 3, sum: -0 }, null] }],
  };

  it('round-trip with segments, periods, fed flags and empty slots', () => {
    expect(decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(snapshot))), '.scorecard')).toStrictEqual(snapshot);
  });

  it.each([
    ['a cell without states', { fingerprint: 'x', cells: [{ segment: null, period: null, fed: [true] }] }, /cells\[0\]\.states/],
    ['a segment of numbers', { fingerprint: 'x', cells: [{ segment: [1], period: null, fed: [], states: [] }] }, /cells\[0\]\.segment/],
    ['no fingerprint', { cells: [] }, /not a scorecard snapshot/],
  ])('refuse %s, saying where', (_name, json, message) => {
    expect(() => decodeSnapshot(json, '.scorecard')).toThrow(message);
    expect(() => decodeSnapshot(json, '.scorecard')).toThrow(InvalidEncoding);
  });

  it.each([
    ['an unknown tag', { $: 'f32', b: '' }, /unknown tag "f32"/],
    ['a special number JSON has', { $: 'number', v: '1' }, /unknown special number/],
    ['bytes that are not whole doubles', { $: 'f64', b: 'AAAA' }, /3 bytes are not whole f64 values/],
    ['text that is not base64', { $: 'u32', b: '!!' }, /not base64/],
  ])('refuse %s in a state', (_name, json, message) => {
    expect(() => decodeState({ x: json }, '.s')).toThrow(message);
  });
});
