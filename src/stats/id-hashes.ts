/**
 * Counting repeated ids (metrics.md §5.6 `data.duplicates`) without keeping the ids: each id is
 * kept as a 64-bit hash, two 32-bit words in one growable typed array (8 bytes an id, no object a
 * row), and repeats are counted at the end by sorting the hashes and comparing neighbours. Two
 * different ids count as one only when their 64-bit hashes collide: about n²/2⁶⁵ for n distinct
 * ids (one chance in 370,000 for 10 million ids, one in 37 billion for a thousand).
 */

const INITIAL_IDS = 64;

/** The hashes of the ids seen, in no particular order (only the multiset matters). */
export class IdHashes {
  /** Two words per id: the low then the high half, so that a little-endian BigUint64Array view reads the hash. */
  #words: Uint32Array<ArrayBuffer>;
  #size = 0;

  constructor(initialIds: number = INITIAL_IDS) {
    this.#words = new Uint32Array(2 * Math.max(1, initialIds));
  }

  /** A buffer that takes these words (two per id) over without copying them: nobody else may write to them. */
  static adopt(words: Uint32Array<ArrayBuffer>): IdHashes {
    if (words.length % 2 !== 0) throw new RangeError('IdHashes: an odd number of words');
    const hashes = new IdHashes(1);
    hashes.#words = words;
    hashes.#size = words.length / 2;
    return hashes;
  }

  get length(): number {
    return this.#size;
  }

  /** Adds the hash of one id (no allocation: the words are written into the array). */
  add(id: string): void {
    if (2 * this.#size === this.#words.length) this.#grow(2 * this.#words.length);
    const at = 2 * this.#size;
    hashInto(id, this.#words, at);
    this.#size += 1;
  }

  /** Adds every hash of `other` (a copy: `other` stays usable). */
  append(other: IdHashes): void {
    if (other.#size === 0) return;
    const needed = 2 * (this.#size + other.#size);
    if (needed > this.#words.length) this.#grow(Math.max(needed, 2 * this.#words.length));
    this.#words.set(other.#words.subarray(0, 2 * other.#size), 2 * this.#size);
    this.#size += other.#size;
  }

  /** The words in use (two per id), as a copy or, with `share`, a view this buffer keeps writing to. */
  words({ share = false }: { share?: boolean } = {}): Uint32Array<ArrayBuffer> {
    const used = this.#words.subarray(0, 2 * this.#size);
    return share ? used : used.slice();
  }

  /**
   * How many ids repeat an earlier one: the count of ids less the count of distinct ones. Sorts the
   * hashes in place (the multiset, and so every later answer, stays the same).
   */
  repeats(): number {
    if (this.#size < 2) return 0;
    const hashes = new BigUint64Array(this.#words.buffer, this.#words.byteOffset, this.#size);
    hashes.sort();
    let repeated = 0;
    for (let i = 1; i < hashes.length; i++) if (hashes[i] === hashes[i - 1]) repeated += 1;
    return repeated;
  }

  #grow(words: number): void {
    const grown = new Uint32Array(Math.max(words, 2));
    grown.set(this.#words.subarray(0, 2 * this.#size));
    this.#words = grown;
  }
}

/**
 * A 64-bit hash of a text into words[at] (low) and words[at + 1] (high): two 32-bit lanes over
 * the UTF-16 code units, each mixed with the other at the end (cyrb53's construction, kept at 64 bits).
 */
function hashInto(text: string, words: Uint32Array, at: number): void {
  // Every id is hashed twice in a row: for the run's scorecard and for its input's quality
  // (inputs[].quality). The second time is the same string, found by one comparison.
  if (text === lastText) {
    words[at] = lastLow;
    words[at + 1] = lastHigh;
    return;
  }
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  lastText = text;
  lastLow = h1 >>> 0;
  lastHigh = h2 >>> 0;
  words[at] = lastLow;
  words[at + 1] = lastHigh;
}

/** The last text hashed and its hash: a cache of one entry of a pure function. */
let lastText: string | undefined;
let lastLow = 0;
let lastHigh = 0;
