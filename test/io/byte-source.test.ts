import { describe, expect, it } from 'vitest';
import { PeekableBytes } from '../../src/io/byte-source.js';

/** A source that records how many chunks were pulled from it. */
function countingSource(chunks: string[]): { source: AsyncIterable<Buffer>; pulled: () => number } {
  let pulled = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    for (const chunk of chunks) {
      pulled += 1;
      yield Buffer.from(chunk);
    }
  }
  return { source: generate(), pulled: () => pulled };
}

async function concat(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('PeekableBytes', () => {
  it('reads only as far as the check needs, then replays every byte once and in order', async () => {
    const chunks = ['id,na', 'me\n1,', 'x\n2,y\n', '3,z\n', '4,w\n'];
    const { source, pulled } = countingSource(chunks);
    const bytes = new PeekableBytes(source);
    const peeked = await bytes.peekText((text) => text.includes('\n'));
    expect(peeked).toEqual({ text: 'id,name\n1,', isWhole: false });
    expect(pulled()).toBe(2);
    expect(await concat(bytes.replay())).toBe(chunks.join(''));
  });

  it('says when the peeked text is the whole input', async () => {
    const bytes = new PeekableBytes(countingSource(['a', 'b']).source);
    expect(await bytes.peekText(() => false)).toEqual({ text: 'ab', isWhole: true });
    expect(await concat(bytes.replay())).toBe('ab');
  });

  it('stops at the byte limit without a decision', async () => {
    const { source, pulled } = countingSource(['aaaa', 'bbbb', 'cccc', 'dddd']);
    const bytes = new PeekableBytes(source);
    expect(await bytes.peekText(() => false, 8)).toEqual({ text: 'aaaabbbb', isWhole: false });
    expect(pulled()).toBe(2);
  });

  it('joins a character split across chunks', async () => {
    const euro = Buffer.from('€');
    async function* split(): AsyncGenerator<Buffer> {
      yield euro.subarray(0, 1);
      yield euro.subarray(1);
    }
    const bytes = new PeekableBytes(split());
    expect((await bytes.peekText((text) => text.includes('€'))).text).toBe('€');
  });

  it('replays once only', async () => {
    const bytes = new PeekableBytes(countingSource(['a']).source);
    await concat(bytes.replay());
    await expect(concat(bytes.replay())).rejects.toThrow('once');
  });

  it.each([
    ['still in the peeked chunks', 1],
    ['past them, in the stream', 3],
  ])('closes the source when its consumer stops %s', async (_name, taken) => {
    let isClosed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        for (const chunk of ['a\n', 'b\n', 'c\n', 'd\n']) yield Buffer.from(chunk);
      } finally {
        isClosed = true;
      }
    }
    const bytes = new PeekableBytes(source());
    await bytes.peekText((text) => text.includes('b'));
    // What a `break` out of `for await` does: take some chunks, then return.
    const replay = bytes.replay();
    for (let i = 0; i < taken; i += 1) await replay.next();
    await replay.return(undefined);
    expect(isClosed).toBe(true);
  });
});
