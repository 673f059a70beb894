/**
 * What comes before the header row of a CSV export and is not part of the table: a UTF-8 BOM,
 * Excel's `sep=;` line, and the comment banners and blank lines of GA/UA and Adobe exports:
 *
 *     # ----------------------------------------
 *     # nicolas-hoizey.com
 *     # ----------------------------------------
 *
 *     Viewport width,Screen density,Pageviews
 *
 * Scanned on the bytes of the UTF-8 stream, so the byte count to skip is exact even where the
 * text has invalid UTF-8 in it.
 */
export interface Preamble {
  /** Bytes to skip to reach the header row. */
  byteLength: number;
  /** Physical lines those bytes hold (the `sep=` line included). */
  lineCount: number;
  /** Comment and blank lines among them. */
  commentLines: number;
  /** The delimiter Excel's `sep=` first line names. */
  sepDelimiter: string | undefined;
  /** False while the bytes end inside the preamble and more input could still follow. */
  isComplete: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const QUOTE = 0x22;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** Only a line starting with one of these can be a comment or blank line; any other starts the header. */
const MAY_OPEN_PREAMBLE_LINE = new Set([HASH, QUOTE, SPACE, TAB, CR, LF]);
/** After `#`, one of these makes the line a header (Typeform's first column is named `#`), not a comment. */
const DELIMITER_BYTES = new Set([0x2c, 0x3b, TAB, 0x7c]);

export function scanPreamble(bytes: Buffer, isWhole: boolean): Preamble {
  let at = hasUtf8Bom(bytes) ? UTF8_BOM.length : 0;
  let lineCount = 0;
  let commentLines = 0;
  const first = findLine(bytes, at, isWhole);
  const sepDelimiter = first === undefined ? undefined : parseSepLine(bytes.subarray(at, first.contentEnd));
  const result = (isComplete: boolean): Preamble => ({ byteLength: at, lineCount, commentLines, sepDelimiter, isComplete });
  if (first === undefined) return result(false);
  if (sepDelimiter !== undefined) {
    at = first.next;
    lineCount += 1;
  }
  while (at < bytes.length) {
    if (!MAY_OPEN_PREAMBLE_LINE.has(bytes[at] ?? 0)) return result(true);
    const line = findLine(bytes, at, isWhole);
    if (line === undefined) return result(false);
    const content = bytes.subarray(at, line.contentEnd);
    if (!isBlankLine(content) && !isCommentLine(content)) return result(true);
    at = line.next;
    lineCount += 1;
    commentLines += 1;
  }
  return result(isWhole);
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/** The line starting at `start`: where its text ends and where the next line starts. */
function findLine(bytes: Buffer, start: number, isWhole: boolean): { contentEnd: number; next: number } | undefined {
  for (let i = start; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte === LF) return { contentEnd: i, next: i + 1 };
    if (byte === CR) {
      if (i + 1 === bytes.length && !isWhole) return undefined;
      return { contentEnd: i, next: bytes[i + 1] === LF ? i + 2 : i + 1 };
    }
  }
  return isWhole ? { contentEnd: bytes.length, next: bytes.length } : undefined;
}

/** `sep=;`, `sep=,`, `sep=<tab>` (also spelled `sep=\t`), optionally in quotes as some tools write it. */
export function parseSepLine(line: Uint8Array): string | undefined {
  const match = /^"?sep=(\\t|[^"\r\n])"?$/i.exec(Buffer.from(line).toString('latin1'));
  if (match?.[1] === undefined) return undefined;
  return match[1] === '\\t' ? '\t' : match[1];
}

function isBlankLine(line: Uint8Array): boolean {
  return line.every((byte) => byte === SPACE || byte === TAB);
}

/**
 * `# …` (GA/UA, Adobe banners), or the whole line one quoted field starting with `#` (Adobe
 * quotes `"# Date: Jul 27, 2026 - Aug 2, 2026"` for its comma). `#,date,…` is Typeform's header.
 */
function isCommentLine(line: Uint8Array): boolean {
  if (line[0] === HASH) return line.length === 1 || !DELIMITER_BYTES.has(line[1] ?? 0);
  return line[0] === QUOTE && line[1] === HASH && isOneQuotedField(line);
}

function isOneQuotedField(line: Uint8Array): boolean {
  if (line.length < 2 || line[line.length - 1] !== QUOTE) return false;
  for (let i = 1; i < line.length - 1; i += 1) {
    if (line[i] !== QUOTE) continue;
    if (line[i + 1] !== QUOTE) return false;
    i += 1;
  }
  return true;
}
