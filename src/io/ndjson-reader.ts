import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { describeJsonType, isJsonObject, layOutKeyedRecords } from './keyed-records.js';
import type { KeyedRecord } from './keyed-records.js';
import { stripBom } from './sniff.js';
import type { ParsedSource } from './types.js';

/** Streams NDJSON: one JSON object per line, blank lines skipped. Columns: see layOutKeyedRecords. */
export async function readNdjson(name: string, chunks: AsyncIterable<Buffer>): Promise<ParsedSource> {
  return layOutKeyedRecords(streamNdjsonRecords(name, chunks));
}

async function* streamNdjsonRecords(name: string, chunks: AsyncIterable<Buffer>): AsyncGenerator<KeyedRecord> {
  const input = Readable.from(chunks);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let index = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      const text = (lineNumber === 1 ? stripBom(line) : line).trim();
      if (text === '') continue;
      index += 1;
      yield { line: lineNumber, index, fields: parseObjectLine(text, name, lineNumber) };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

function parseObjectLine(text: string, name: string, line: number): Map<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    throw new InputError(`not a JSON object${reason}`, { file: name, line });
  }
  if (!isJsonObject(value)) throw new InputError(`not a JSON object (got ${describeJsonType(value)})`, { file: name, line });
  // JSON.parse defines `__proto__` as an own property, so Object.entries sees it as data.
  return new Map(Object.entries(value));
}
