import { InputError } from '../errors.js';

/**
 * Encodings xla tells apart by itself, as `format.encoding` reports them. Anything else is read
 * only when `--encoding` names it (any name iconv-lite knows).
 */
export type SniffedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'windows-1252';

/**
 * How much of the start of an input decides its encoding. A legacy file whose first non-ASCII
 * byte comes later is taken for UTF-8 (its odd bytes then read as U+FFFD): pass `--encoding`.
 */
export const ENCODING_SNIFF_BYTES = 1024 * 1024;

const BOMS: readonly { encoding: 'utf-8-bom' | 'utf-16le' | 'utf-16be'; bytes: readonly number[] }[] = [
  { encoding: 'utf-8-bom', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/** The encoding a byte order mark at the start announces. */
export function detectBom(bytes: Uint8Array): 'utf-8-bom' | 'utf-16le' | 'utf-16be' | undefined {
  return BOMS.find((bom) => startsWith(bytes, bom.bytes))?.encoding;
}

/**
 * BOM first; else UTF-8 when the window decodes as strict UTF-8 (a sequence cut by the window's
 * end is allowed, nowhere else); else a Windows code page, 1251 when the bytes read as Cyrillic.
 */
export function sniffEncoding(window: Uint8Array, isWhole: boolean): SniffedEncoding {
  const bom = detectBom(window);
  if (bom !== undefined) return bom;
  if (isValidUtf8(window, isWhole)) return 'utf-8';
  return looksCyrillic(window) ? 'windows-1251' : 'windows-1252';
}

export function isValidUtf8(bytes: Uint8Array, isWhole: boolean): boolean {
  try {
    // `stream: true` holds back an incomplete sequence at the end instead of rejecting it.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !isWhole });
    return true;
  } catch {
    return false;
  }
}

/** Bytes that are letters in Windows-1251: А–я (0xC0–0xFF), Ё (0xA8) and ё (0xB8). */
function isCyrillicLetter(byte: number): boolean {
  return byte >= 0xc0 || byte === 0xa8 || byte === 0xb8;
}

/** A run of this many high letter bytes in a row is a word, not an accented letter among ASCII ones. */
const WORD_RUN = 3;

/**
 * Windows-1251 and Windows-1252 both put letters at 0xC0–0xFF, so the byte values alone cannot
 * tell them apart; the shape of the text can. Western European text has an accented letter here
 * and there between ASCII letters (`café`, `Müller`: runs of 1 or 2 high bytes), Russian text is
 * whole words of high bytes. So: Cyrillic when at least 80 % of the bytes ≥ 0x80 are letters in
 * 1251 and at least half of those letters stand in runs of 3 or more.
 */
export function looksCyrillic(bytes: Uint8Array): boolean {
  let high = 0;
  let letters = 0;
  let inWords = 0;
  let run = 0;
  for (const byte of bytes) {
    if (byte >= 0x80) high += 1;
    if (byte >= 0x80 && isCyrillicLetter(byte)) {
      letters += 1;
      run += 1;
      continue;
    }
    if (run >= WORD_RUN) inWords += run;
    run = 0;
  }
  if (run >= WORD_RUN) inWords += run;
  return high > 0 && letters >= 0.8 * high && inWords >= 0.5 * letters;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * How far binary sniffing looks for a NUL byte, as git does: far enough for any binary format's
 * header, near enough that one stray NUL deep in a real export does not get it refused.
 */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Refuses input that is not text: an Excel workbook (xlsx is a ZIP, old xls an OLE file) or
 * bytes with NUL near the start, which no text in a single-byte or UTF-8 encoding has. UTF-16
 * and UTF-32 text is full of NUL bytes, so `isWide` skips that check.
 */
export function assertLooksLikeText(name: string, window: Uint8Array, isWide: boolean): void {
  if (startsWith(window, ZIP_SIGNATURE)) {
    if (/\.zip$/i.test(name)) {
      throw new InputError(`${name} is a ZIP archive, not CSV: unzip it and read the files inside`, { file: name });
    }
    throw new InputError(`${name} is an Excel workbook, not CSV: save it as CSV (UTF-8)`, { file: name });
  }
  if (startsWith(window, OLE_SIGNATURE)) {
    throw new InputError(`${name} is an Excel workbook, not CSV: save it as CSV (UTF-8)`, { file: name });
  }
  if (!isWide && window.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    throw new InputError(`${name} does not look like text (NUL bytes)`, {
      file: name,
      hint: 'if it is UTF-16 text without a byte order mark, pass --encoding utf-16le',
    });
  }
}

/** UTF-16 and UTF-32 (and UCS-2/4) spell most characters with NUL bytes. */
export function isWideEncoding(encoding: string): boolean {
  return /^(?:utf-?(?:16|32)|ucs-?[24])/i.test(encoding);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
