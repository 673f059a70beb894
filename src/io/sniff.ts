import { extname } from 'node:path';
import type { InputFormat } from '../scorecard/model.js';

export type FormatType = InputFormat['type'];

const FORMAT_BY_EXTENSION: ReadonlyMap<string, FormatType> = new Map([
  ['.csv', 'csv'],
  ['.tsv', 'csv'],
  ['.txt', 'csv'],
  ['.json', 'json'],
  ['.ndjson', 'ndjson'],
  ['.jsonl', 'ndjson'],
  ['.parquet', 'parquet'],
]);

/** The format a file's extension names, or undefined when the content has to tell. */
export function detectFormatFromExtension(path: string): FormatType | undefined {
  return FORMAT_BY_EXTENSION.get(extname(path).toLowerCase());
}

/** The 4 bytes a Parquet file starts (and ends) with. */
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1

/**
 * Parquet whatever the file is called: `PAR1`, then the first page header, whose Thrift field
 * header (0x15 in every writer seen) is a control character no text has there. A CSV whose
 * first column is named `PAR1` has a delimiter or a line end after it.
 */
export function hasParquetMagic(bytes: Uint8Array): boolean {
  const next = bytes[PARQUET_MAGIC.length];
  return PARQUET_MAGIC.every((byte, index) => bytes[index] === byte) && next !== undefined && next < 0x20 && !TEXT_CONTROLS.has(next);
}

/** Control characters text may hold: tab, line feed, carriage return. */
const TEXT_CONTROLS: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0d]);

const BOM = '\uFEFF';

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** Nothing but a BOM and white space. */
export function isBlank(text: string): boolean {
  return stripBom(text).trim() === '';
}

/**
 * The format of content with no telling extension: `[` opens JSON; `{` opens NDJSON when the
 * first line is a whole JSON object and another line follows, else one JSON document; anything
 * else is CSV. Returns undefined while `text` is a prefix too short to tell; with `isWhole` it
 * always decides (a first line longer than the peek limit is taken for one JSON document).
 */
export function sniffFormat(text: string, isWhole: true): FormatType;
export function sniffFormat(text: string, isWhole: boolean): FormatType | undefined;
export function sniffFormat(text: string, isWhole: boolean): FormatType | undefined {
  const body = stripBom(text).trimStart();
  if (body === '') return isWhole ? 'csv' : undefined;
  if (body.startsWith('[')) return 'json';
  if (!body.startsWith('{')) return 'csv';
  const lineEnd = body.search(/\r?\n/);
  if (lineEnd === -1) return isWhole ? 'json' : undefined;
  if (!isJsonObjectText(body.slice(0, lineEnd))) return 'json';
  if (/\S/.test(body.slice(lineEnd))) return 'ndjson';
  return isWhole ? 'json' : undefined;
}

function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Content that is XML or HTML, not a table: JMeter's XML results (`<?xml …?><testResults>`), a
 * web page saved under a data name. Read as CSV it would be one column of tags.
 */
export function isMarkup(text: string): boolean {
  return /^<(?:\?xml|!doctype|testResults\b|html\b)/i.test(stripBom(text).trimStart());
}

export interface FirstLine {
  /** The first non-empty line of CSV text, BOM stripped; a quoted line break does not end it. */
  line: string;
  /** False while the line's end has not been seen. */
  isComplete: boolean;
}

export function takeFirstLine(text: string): FirstLine {
  const body = stripBom(text).replace(/^[\r\n]+/, '');
  let isQuoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i];
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (char === '\n' || char === '\r')) return { line: body.slice(0, i), isComplete: true };
  }
  return { line: body, isComplete: false };
}

/** In order of preference when two occur equally often. */
const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV header line: the candidate that occurs most often outside quotes, so a
 * quoted name like `"Revenue, net"` does not vote for `,` in a `;` file. No candidate at all
 * (a single column) gives `,`.
 */
export function sniffDelimiter(headerLine: string): string {
  const counts = countOutsideQuotes(headerLine, DELIMITER_CANDIDATES);
  let best: string = DELIMITER_CANDIDATES[0];
  let bestCount = 0;
  for (const candidate of DELIMITER_CANDIDATES) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, chars: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  let isQuoted = false;
  for (const char of line) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && chars.includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return counts;
}
