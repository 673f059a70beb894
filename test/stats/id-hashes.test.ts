// Repeated ids counted from 64-bit hashes: exact counts on known ids, whatever the order or parts.
import { describe, expect, it } from 'vitest';
import { IdHashes } from '../../src/stats/id-hashes.js';

const hashesOf = (ids: readonly string[]): IdHashes => {
  const hashes = new IdHashes(1);
  for (const id of ids) hashes.add(id);
  return hashes;
};

describe('IdHashes', () => {
  it('counts ids that repeat an earlier one: n − distinct', () => {
    // a ×3, b ×2, c, "" ×1: 7 ids, 4 distinct → 3 repeats.
    expect(hashesOf(['a', 'b', 'a', 'c', 'a', 'b', '']).repeats()).toBe(3);
    expect(hashesOf([]).repeats()).toBe(0);
    expect(hashesOf(['only']).repeats()).toBe(0);
  });

  it('tells apart ids that differ in one character, in case, or by a swap (100,000 distinct ids: no repeat)', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `INC${String(i).padStart(7, '0')}`);
    expect(hashesOf([...ids, 'ab', 'ba', 'AB', 'a', 'A']).repeats()).toBe(0);
  });

  it('merges by appending, growing past its first capacity; answers do not depend on the order', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `id-${i % 700}`);
    // 1000 ids over 700 distinct values → 300 repeats.
    const whole = hashesOf(ids);
    const merged = hashesOf(ids.slice(600));
    merged.append(hashesOf(ids.slice(0, 600)));
    expect(whole.repeats()).toBe(300);
    expect(merged.repeats()).toBe(300);
    expect(merged.length).toBe(1000);
  });

  it('keeps its words through adopt (the thread crossing): same answer, and can take more', () => {
    const original = hashesOf(['x', 'y', 'x']);
    const adopted = IdHashes.adopt(original.words());
    adopted.add('y');
    // x ×2, y ×2 → 2 repeats.
    expect(adopted.repeats()).toBe(2);
    expect(() => IdHashes.adopt(new Uint32Array(3))).toThrow(/odd/);
  });

  it('counts as a set of the ids would, over ids whose hashes spread over the whole 64-bit range', () => {
    // A fixed pseudo-random draw (LCG) of 50,000 ids over 30,000 values: the repeats are n − |set|.
    let seed = 12345;
    const draw = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % 30_000;
    };
    const ids = Array.from({ length: 50_000 }, () => `C-${draw()}`);
    expect(hashesOf(ids).repeats()).toBe(ids.length - new Set(ids).size);
  });
});
