import { iconvLite } from './on-first-use.js';

/** Encodings whose bytes the readers take as they are. */
export function isUtf8Encoding(encoding: string): boolean {
  return encoding === 'utf-8' || encoding === 'utf-8-bom';
}

/**
 * Turns a byte stream in `encoding` into UTF-8, chunk by chunk (a character cut between chunks
 * is held back by the decoder), so the readers only ever see UTF-8. UTF-8 passes through
 * untouched, BOM included (the readers strip it); for other encodings iconv-lite drops the BOM.
 */
export async function* decodeToUtf8(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<Buffer> {
  if (isUtf8Encoding(encoding)) {
    yield* chunks;
    return;
  }
  const iconv = iconvLite();
  if (!iconv.encodingExists(encoding)) throw new Error(`decodeToUtf8: unknown encoding ${encoding}`);
  const decoder = iconv.getDecoder(encoding);
  // A UTF-16 decoder may end a piece between the two halves of a surrogate pair (an emoji);
  // encoded alone, a half would become U+FFFD, so it waits for the next piece.
  let heldHalf = '';
  for await (const chunk of chunks) {
    const text = heldHalf + decoder.write(chunk);
    const cut = endsWithHighSurrogate(text) ? text.length - 1 : text.length;
    heldHalf = text.slice(cut);
    if (cut > 0) yield Buffer.from(text.slice(0, cut), 'utf8');
  }
  const rest = heldHalf + (decoder.end() ?? '');
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}

function endsWithHighSurrogate(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}
