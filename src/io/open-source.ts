import { InputError } from '../errors.js';
import type { InputFormat } from '../scorecard/model.js';
import { PeekableBytes, openByteSource } from './byte-source.js';
import type { SourceInput } from './byte-source.js';
import { readCsv } from './csv-reader.js';
import { readJson } from './json-reader.js';
import { readNdjson } from './ndjson-reader.js';
import { normalizeDelimiter, normalizeEncoding } from './read-options.js';
import { detectFormatFromExtension, isBlank, sniffDelimiter, sniffFormat, takeFirstLine } from './sniff.js';
import type { FormatType } from './sniff.js';
import type { OpenedSource, ParsedSource, ReadOptions } from './types.js';

/**
 * Opens one input (a file, or `stdin` for the path `-`) as a stream of raw records. Only the
 * start of the input is read here, to sniff the format and delimiter and to learn the columns;
 * the records stream when iterated. Bad options are UsageErrors (raised before anything is
 * opened); unreadable, empty or malformed input is an InputError. Iterate `records` to its end
 * (or break out of the loop) so the file is closed.
 */
export async function openSource(input: SourceInput, options: ReadOptions = {}): Promise<OpenedSource> {
  const encoding = normalizeEncoding(options.encoding);
  const forcedDelimiter = normalizeDelimiter(options.delimiter);
  const source = await openByteSource(input);
  try {
    const bytes = new PeekableBytes(source.chunks);
    const start = await bytes.peekText((text) => !isBlank(text));
    if (start.isWhole && isBlank(start.text)) throw new InputError(`${source.name} is empty`, { file: source.name });
    const type = detectFormatFromExtension(input.path) ?? (await sniffFormatOf(bytes));
    const opened = await readAs(type, source.name, bytes, forcedDelimiter);
    return {
      name: source.name,
      format: { ...opened.format, encoding },
      columns: opened.columns,
      alternateNames: opened.alternateNames ?? opened.columns.map(() => []),
      headerRows: opened.headerRows ?? (opened.format.type === 'csv' ? 1 : 0),
      notes: opened.notes ?? [],
      records: opened.records,
    };
  } catch (error) {
    source.release();
    throw error;
  }
}

interface ReadResult extends ParsedSource {
  format: Omit<InputFormat, 'encoding'>;
}

async function readAs(
  type: FormatType,
  name: string,
  bytes: PeekableBytes,
  forcedDelimiter: string | undefined,
): Promise<ReadResult> {
  switch (type) {
    case 'csv': {
      const delimiter = forcedDelimiter ?? (await sniffDelimiterOf(bytes));
      return { format: { type, delimiter }, ...(await readCsv(name, bytes.replay(), delimiter)) };
    }
    case 'json':
      return { format: { type }, ...(await readJson(name, bytes.replay())) };
    case 'ndjson':
      return { format: { type }, ...(await readNdjson(name, bytes.replay())) };
  }
}

async function sniffFormatOf(bytes: PeekableBytes): Promise<FormatType> {
  const { text } = await bytes.peekText((prefix) => sniffFormat(prefix, false) !== undefined);
  return sniffFormat(text, true);
}

async function sniffDelimiterOf(bytes: PeekableBytes): Promise<string> {
  const { text } = await bytes.peekText((prefix) => takeFirstLine(prefix).isComplete);
  return sniffDelimiter(takeFirstLine(text).line);
}
