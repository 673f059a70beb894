import { InputError } from '../errors.js';
import {
  ENDS_EARLY,
  findJsonSyntaxError,
  findTooDeepBracket,
  describeTooDeep,
  inspectParsedValue,
  parseKeepingNumberText,
} from './json-values.js';
import { describeJsonType, isJsonObject, layOutKeyedRecords } from './keyed-records.js';
import type { KeyedRecord } from './keyed-records.js';
import { describeSize } from './record-limit.js';
import { stripBom } from './sniff.js';
import type { ParsedSource } from './types.js';

/**
 * Streams NDJSON: one JSON object per line (LF, CR LF or a lone CR), blank lines skipped. Columns:
 * see layOutKeyedRecords. A line longer than `maxLineSize` bytes, a line that is not a JSON
 * object, or an object nested deeper than MAX_JSON_DEPTH is an InputError at its line.
 */
export async function readNdjson(name: string, chunks: AsyncIterable<Buffer>, maxLineSize: number): Promise<ParsedSource> {
  return layOutKeyedRecords(streamNdjsonRecords(name, chunks, maxLineSize));
}

async function* streamNdjsonRecords(name: string, chunks: AsyncIterable<Buffer>, maxLineSize: number): AsyncGenerator<KeyedRecord> {
  let index = 0;
  for await (const { text: line, number } of splitLines(name, chunks, maxLineSize)) {
    const untrimmed = number === 1 ? stripBom(line) : line;
    const text = untrimmed.trim();
    if (text === '') continue;
    index += 1;
    const firstColumn = untrimmed.length - untrimmed.trimStart().length + 1;
    yield { line: number, index, fields: parseObjectLine(text, { file: name, line: number, firstColumn }) };
  }
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The lines of a byte stream, numbered from 1, decoded as UTF-8. A line is held until its end is
 * seen: one longer than `maxLineSize` bytes is an InputError rather than all the memory there is.
 */
async function* splitLines(
  name: string,
  chunks: AsyncIterable<Buffer>,
  maxLineSize: number,
): AsyncGenerator<{ text: string; number: number }> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let number = 1;
  /** The last chunk ended with a CR: an LF starting the next one belongs to it. */
  let isAfterCr = false;
  const hold = (bytes: Buffer): void => {
    held.push(bytes);
    heldBytes += bytes.length;
    if (heldBytes > maxLineSize) {
      throw new InputError(`line longer than ${describeSize(maxLineSize)}`, {
        file: name,
        line: number,
        hint: 'NDJSON holds one JSON object per line',
      });
    }
  };
  const take = (): string => {
    const text = held.length === 1 ? (held[0] as Buffer).toString('utf8') : Buffer.concat(held).toString('utf8');
    held = [];
    heldBytes = 0;
    return text;
  };
  for await (const chunk of chunks) {
    let start = isAfterCr && chunk[0] === LF ? 1 : 0;
    isAfterCr = false;
    let nextLf = chunk.indexOf(LF, start);
    let nextCr = chunk.indexOf(CR, start);
    while (nextLf !== -1 || nextCr !== -1) {
      const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      hold(chunk.subarray(start, end));
      yield { text: take(), number };
      number += 1;
      start = end + 1;
      if (end === nextCr) {
        if (start === chunk.length) isAfterCr = true;
        else if (chunk[start] === LF) start += 1;
      }
      if (nextLf !== -1 && nextLf < start) nextLf = chunk.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = chunk.indexOf(CR, start);
    }
    if (start < chunk.length) hold(chunk.subarray(start));
  }
  if (held.length > 0) yield { text: take(), number };
}

/** Where a line is, and the column its trimmed text starts in. */
interface LinePlace {
  file: string;
  line: number;
  firstColumn: number;
}

function parseObjectLine(text: string, place: LinePlace): Map<string, unknown> {
  const { file, line, firstColumn } = place;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw describeSyntaxError(text, error, place);
  }
  if (!isJsonObject(value)) throw new InputError(`not a JSON object (got ${describeJsonType(value)})`, { file, line, column: firstColumn });
  const check = inspectParsedValue(value);
  if (check.isTooDeep) throw new InputError(describeTooDeep(), { file, line, column: firstColumn + (findTooDeepBracket(text) ?? 0) });
  // A number too large for a double comes as its text, as in a JSON file (json-values.ts).
  const record = check.hasNonFiniteNumber ? parseKeepingNumberText(text) : value;
  if (!isJsonObject(record)) throw new Error('ndjson reader: a JSON object parsed as something else');
  // JSON.parse defines `__proto__` as an own property, so Object.entries sees it as data.
  return new Map(Object.entries(record));
}

/**
 * A line JSON.parse refused, in the JSON reader's words, at the column where it goes wrong; V8's
 * own message (which names a position for only some errors) if the streaming parser takes it.
 */
function describeSyntaxError(text: string, error: unknown, place: LinePlace): InputError {
  const { file, line, firstColumn } = place;
  const syntax = findJsonSyntaxError(text);
  if (syntax === ENDS_EARLY)
    return new InputError('invalid JSON: the line ends before the object does', { file, line, column: firstColumn + text.length });
  if (syntax !== undefined) return new InputError(`invalid JSON: ${syntax.what}`, { file, line, column: firstColumn + syntax.index });
  const reason = error instanceof Error ? `: ${error.message}` : '';
  const at = positionOfParseError(error);
  return new InputError(`invalid JSON${reason}`, { file, line, ...(at === undefined ? {} : { column: firstColumn + at }) });
}

/** Where JSON.parse failed, as V8 says it: `at position N` (0-based). */
function positionOfParseError(error: unknown): number | undefined {
  const match = error instanceof Error ? /at position (\d+)/.exec(error.message) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
