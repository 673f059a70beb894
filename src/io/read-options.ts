import { iconvLite } from './on-first-use.js';
import { UsageError } from '../errors.js';

/**
 * `--encoding`: any name iconv-lite knows, in the spellings users type (`utf8`, `utf-8-sig` for
 * "UTF-8 with a BOM", `cp1251`, `UTF16LE`), returned in one canonical spelling (`utf-8`,
 * `windows-1251`, `utf-16le`) so the report shows it the same way whatever was typed. An unknown
 * name fails before any file is opened. Undefined means "sniff it".
 */
export function normalizeEncoding(encoding: string | undefined): string | undefined {
  if (encoding === undefined) return undefined;
  const name = canonicalEncodingName(encoding);
  if (name === '' || !iconvLite().encodingExists(name)) {
    throw new UsageError(`unknown encoding "${encoding}"`, 'use a name like utf-8, utf-16le, windows-1251 or windows-1252');
  }
  return name;
}

function canonicalEncodingName(spelling: string): string {
  const key = spelling
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  // Python's `utf-8-sig` reads UTF-8 with or without a BOM, which is what `utf-8` does here.
  if (key === 'utf8' || key === 'utf8sig') return 'utf-8';
  if (key === 'utf16le' || key === 'ucs2') return 'utf-16le';
  if (key === 'utf16be') return 'utf-16be';
  if (key === 'utf16') return 'utf-16';
  if (key === 'latin1' || key === 'iso88591') return 'iso-8859-1';
  const windows = /^(?:cp|win|windows)(12[5-9]\d)$/.exec(key);
  if (windows !== null) return `windows-${windows[1] ?? ''}`;
  return spelling.trim().toLowerCase();
}

/** More header rows than this is a mistake, not an export. */
const MAX_HEADER_ROWS = 10;

/** `headerRows`: a whole number from 1 to MAX_HEADER_ROWS, or undefined to detect them. */
export function normalizeHeaderRows(headerRows: number | undefined): number | undefined {
  if (headerRows === undefined) return undefined;
  if (!Number.isInteger(headerRows) || headerRows < 1 || headerRows > MAX_HEADER_ROWS) {
    throw new UsageError(`header rows must be a whole number from 1 to ${MAX_HEADER_ROWS} (got ${headerRows})`);
  }
  return headerRows;
}

const TAB_SPELLINGS = new Set(['\t', '\\t', 'tab']);

/** `--delimiter`: a tab may be spelled `\t` or `tab`, since a literal tab is awkward in a shell. */
export function normalizeDelimiter(delimiter: string | undefined): string | undefined {
  if (delimiter === undefined) return undefined;
  if (TAB_SPELLINGS.has(delimiter.toLowerCase())) return '\t';
  if (delimiter === '' || /["\r\n]/.test(delimiter)) {
    throw new UsageError(`delimiter ${JSON.stringify(delimiter)} cannot separate CSV fields`, 'use one of , ; tab |');
  }
  // One character: `ab` would otherwise read the whole header as one column and fail far from the cause.
  if ([...delimiter].length > 1)
    throw new UsageError(`delimiter ${JSON.stringify(delimiter)} is more than one character`, 'use one of , ; tab |');
  return delimiter;
}
