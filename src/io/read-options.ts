import { UsageError } from '../errors.js';

/** The one encoding readers decode until the encodings issue adds iconv-lite. */
export const SUPPORTED_ENCODING = 'utf-8';

const UTF8_SPELLINGS = new Set(['utf-8', 'utf8', 'utf-8-sig']);

/**
 * Accepts the UTF-8 spellings users type (`utf8`, `UTF-8`, `utf-8-sig` for "with BOM"; the BOM is
 * stripped either way) and rejects the rest, so a wrong `--encoding` fails before any file is opened.
 */
export function normalizeEncoding(encoding: string | undefined): typeof SUPPORTED_ENCODING {
  if (encoding === undefined || UTF8_SPELLINGS.has(encoding.trim().toLowerCase())) return SUPPORTED_ENCODING;
  throw new UsageError(`encoding ${encoding} is not supported yet (utf-8 only)`, 'convert the file to UTF-8, e.g. with iconv');
}

const TAB_SPELLINGS = new Set(['\t', '\\t', 'tab']);

/** `--delimiter`: a tab may be spelled `\t` or `tab`, since a literal tab is awkward in a shell. */
export function normalizeDelimiter(delimiter: string | undefined): string | undefined {
  if (delimiter === undefined) return undefined;
  if (TAB_SPELLINGS.has(delimiter.toLowerCase())) return '\t';
  if (delimiter === '' || /["\r\n]/.test(delimiter)) {
    throw new UsageError(`delimiter ${JSON.stringify(delimiter)} cannot separate CSV fields`, 'use one of , ; tab |');
  }
  return delimiter;
}
