/** A 1-based place in a text file, as editors count: CRLF, LF and a lone CR each end a line. */
export interface TextPosition {
  line: number;
  column: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Where `offset` (a UTF-16 index into `text`) falls, given where `text` itself starts. */
export function locateOffset(text: string, offset: number, start: TextPosition = { line: 1, column: 1 }): TextPosition {
  let { line, column } = start;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) {
      line += 1;
      column = 1;
    } else if (code !== CR) {
      column += 1;
    }
  }
  return { line, column };
}

export function countLineBreaks(text: string): number {
  return locateOffset(text, text.length).line - 1;
}

/**
 * The line breaks in `bytes` counted as above; a CR LF cut between two chunks is told by the byte
 * before the chunk. indexOf keeps the scan in native code.
 */
export function countLineEnds(bytes: Buffer, before: number | undefined): number {
  let count = 0;
  for (let at = bytes.indexOf(CR); at !== -1; at = bytes.indexOf(CR, at + 1)) count += 1;
  for (let at = bytes.indexOf(LF); at !== -1; at = bytes.indexOf(LF, at + 1)) {
    if ((at === 0 ? before : bytes[at - 1]) !== CR) count += 1;
  }
  return count;
}
