import { InputError } from '../errors.js';
import { PeekableBytes, openByteSource, readPart } from './byte-source.js';
import type { ByteRange, ByteSource, SourceInput } from './byte-source.js';
import { readCsv } from './csv/csv-reader.js';
import type { CsvReadOptions, FileMeasure } from './csv/csv-reader.js';
import type { CsvObservations } from './csv/csv-rows.js';
import { decodeToUtf8, isUtf8Encoding } from './decode.js';
import { ENCODING_SNIFF_BYTES, assertLooksLikeText, detectBom, isWideEncoding, sniffEncoding } from './encoding.js';
import { scanPreamble } from './csv/preamble.js';
import type { Preamble } from './csv/preamble.js';
import { normalizeDelimiter, normalizeEncoding, normalizeHeaderRows } from './read-options.js';
import { detectFormatFromExtension, hasParquetMagic, isBlank, isMarkup, sniffDelimiter, sniffFormat, takeFirstLine } from './sniff.js';
import type { FormatType } from './sniff.js';
import { countFileLines, linesBefore } from './split-file.js';
import type { OpenedSource, ParsedSource, RawRecord, ReadOptions } from './types.js';
import { MAX_RECORD_SIZE } from './record-limit.js';

/** Limits of the readers, made smaller by tests. */
export interface ReadLimits {
  /** The most bytes one record may hold (MAX_RECORD_SIZE). */
  maxRecordSize?: number;
}

/** Both views of the records, from whichever the reader delivers. */
function recordStreams(parsed: ParsedSource): Pick<OpenedSource, 'batches' | 'records'> {
  if ('batches' in parsed) return { batches: parsed.batches, records: flatten(parsed.batches) };
  return { batches: batch(parsed.records), records: parsed.records };
}

async function* flatten(batches: AsyncIterable<RawRecord[]>): AsyncGenerator<RawRecord> {
  for await (const records of batches) yield* records;
}

/** JSON and NDJSON readers deliver records one by one; group them so consumers see one shape. */
const JSON_BATCH = 512;
async function* batch(records: AsyncIterable<RawRecord>): AsyncGenerator<RawRecord[]> {
  let pending: RawRecord[] = [];
  for await (const record of records) {
    pending.push(record);
    if (pending.length >= JSON_BATCH) {
      yield pending;
      pending = [];
    }
  }
  if (pending.length > 0) yield pending;
}

/**
 * Opens one input (a file, or `stdin` for the path `-`) as a stream of raw records. Only the
 * start of the input is read here, to sniff the encoding, format, preamble, delimiter and header
 * rows; the records stream when iterated. Bad options are UsageErrors (raised before anything is
 * opened); unreadable, empty, binary or malformed input is an InputError. Iterate `records` to
 * its end (or break out of the loop) so the file is closed.
 */
export async function openSource(input: SourceInput, options: ReadOptions = {}, limits: ReadLimits = {}): Promise<OpenedSource> {
  const read: ResolvedOptions = {
    encoding: normalizeEncoding(options.encoding),
    delimiter: normalizeDelimiter(options.delimiter),
    headerRows: normalizeHeaderRows(options.headerRows),
    maxRecordSize: limits.maxRecordSize ?? MAX_RECORD_SIZE,
    fastCsv: options.fastCsv ?? true,
  };
  const source = await openByteSource(input);
  try {
    const raw = new PeekableBytes(source.chunks);
    const window = await raw.peekBytes((bytes) => detectBom(bytes) !== undefined, ENCODING_SNIFF_BYTES);
    if (detectFormatFromExtension(input.path) === 'parquet' || hasParquetMagic(window.bytes)) {
      if (input.range !== undefined) throw new Error('openSource: only CSV files are read in parts');
      return await openParquet(source, raw, window.bytes, input.path !== '-');
    }
    const encoding = read.encoding ?? sniffEncoding(window.bytes, window.isWhole);
    assertLooksLikeText(source.name, window.bytes, isWideEncoding(encoding));
    const bytes = new PeekableBytes(decodeToUtf8(raw.replay(), encoding));
    const start = await bytes.peekText((text) => !isBlank(text));
    if (start.isWhole && isBlank(start.text)) throw new InputError(`${source.name} is empty`, { file: source.name });
    if (isMarkup(start.text)) throw markupError(source.name, start.text);
    const type = detectFormatFromExtension(input.path) ?? (await sniffFormatOf(bytes));
    const notes: string[] = [];
    const range = input.range;
    if (range !== undefined && range.start > 0 && type !== 'csv') throw new Error('openSource: only CSV files are read in parts');
    const continuation =
      range === undefined || range.start === 0
        ? undefined
        : {
            chunks: decodeToUtf8(readPart(input.path, range, source.progress), encoding),
            firstLine: range.firstLine ?? (await linesBefore(input.path, range.start)),
          };
    const measureFile = range === undefined ? undefined : () => measurePart(input.path, range);
    const opened = await readAs(type, source.name, bytes, { ...read, continuation, measureFile }, notes);
    return {
      name: source.name,
      format: { ...opened.format, encoding: reportedEncoding(encoding, window.bytes) },
      columns: opened.columns,
      alternateNames: opened.alternateNames ?? opened.columns.map(() => []),
      headerRows: opened.headerRows ?? (type === 'csv' ? 1 : 0),
      notes: opened.notes ?? notes,
      progress: source.progress,
      observed: opened.observed,
      ...recordStreams(opened),
      release: () => source.release(),
    };
  } catch (error) {
    source.release();
    throw error;
  }
}

/**
 * A Parquet file, read by its byte ranges where it lies (the stream opened to sniff it is let go),
 * else (standard input, a pipe) from a temporary copy. Encoding, delimiter and header rows do not
 * apply: Parquet is typed and binary.
 */
async function openParquet(source: ByteSource, raw: PeekableBytes, start: Uint8Array, isNamed: boolean): Promise<OpenedSource> {
  if (!hasParquetMagic(start)) {
    throw new InputError(`${source.name} is not a Parquet file: it does not start with PAR1`, {
      file: source.name,
      hint: 'a .parquet file is read as Parquet whatever it holds; rename a CSV or JSON file to its own extension',
    });
  }
  const { readParquet } = await import('./parquet-reader.js');
  const { openParquetFile, spoolParquet } = await import('./parquet-file.js');
  const isInPlace = isNamed && source.progress.totalBytes !== undefined;
  if (isInPlace) source.release();
  const file = isInPlace ? openParquetFile(source.name, source.name) : await spoolParquet(source.name, raw.replay());
  try {
    const progress = { bytesRead: 0, totalBytes: file.size };
    const parsed = await readParquet(source.name, file.buffer, { progress });
    return {
      name: source.name,
      format: { type: 'parquet', encoding: 'binary' },
      columns: parsed.columns,
      alternateNames: parsed.columns.map(() => []),
      headerRows: 0,
      notes: parsed.notes ?? [],
      progress,
      observed: undefined,
      ...recordStreams(releasedAtEnd(parsed, file.release)),
      release: file.release,
    };
  } catch (error) {
    file.release();
    throw error;
  }
}

/** The file is closed once its last record has been read (or reading stops early). */
function releasedAtEnd(parsed: ParsedSource, release: () => void): ParsedSource {
  if (!('batches' in parsed)) throw new Error('parquet reader: batches expected');
  const batches = parsed.batches;
  return {
    ...parsed,
    batches: (async function* () {
      try {
        yield* batches;
      } finally {
        release();
      }
    })(),
  };
}

interface ResolvedOptions {
  encoding: string | undefined;
  delimiter: string | undefined;
  headerRows: number | undefined;
  maxRecordSize: number;
  fastCsv: boolean;
  continuation?: CsvReadOptions['continuation'];
  measureFile?: CsvReadOptions['measureFile'];
}

/** XML or HTML is no table xla reads; JMeter's XML results have a CSV twin. */
function markupError(name: string, text: string): InputError {
  const isJmeter = /<testResults\b/i.test(text);
  return new InputError(`the file holds ${isJmeter ? 'JMeter results as XML' : 'XML or HTML'}; xla reads CSV, JSON and NDJSON`, {
    file: name,
    line: 1,
    hint: isJmeter
      ? 'run JMeter with -Jjmeter.save.saveservice.output_format=csv to write its results as CSV'
      : 'export the data as CSV, JSON or NDJSON',
  });
}

async function measurePart(path: string, range: ByteRange): Promise<FileMeasure> {
  const { lines, size } = await countFileLines(path);
  return { lines, endsFile: range.end >= size };
}

/** A forced `utf-8` still says whether the file had a BOM. */
function reportedEncoding(encoding: string, window: Uint8Array): string {
  return isUtf8Encoding(encoding) && detectBom(window) === 'utf-8-bom' ? 'utf-8-bom' : encoding;
}

type ReadResult = ParsedSource & {
  format: { type: FormatType; delimiter?: string };
  observed?: CsvObservations;
};

async function readAs(type: FormatType, name: string, bytes: PeekableBytes, read: ResolvedOptions, notes: string[]): Promise<ReadResult> {
  switch (type) {
    case 'csv':
      return readCsvSource(name, bytes, read, notes);
    case 'json':
      // The JSON readers (and their parser) are loaded only for JSON input (bench/RESULTS.md, start-up).
      return { format: { type }, ...(await (await import('./json-reader.js')).readJson(name, bytes.replay(), read.maxRecordSize)) };
    case 'ndjson':
      return { format: { type }, ...(await (await import('./ndjson-reader.js')).readNdjson(name, bytes.replay(), read.maxRecordSize)) };
    case 'parquet':
      throw new Error('openSource: Parquet is opened before the text is decoded');
  }
}

async function readCsvSource(name: string, bytes: PeekableBytes, read: ResolvedOptions, notes: string[]): Promise<ReadResult> {
  const preamble = await scanPreambleOf(bytes);
  if (preamble.sepDelimiter !== undefined) {
    notes.push(
      `skipped Excel's "sep=${preamble.sepDelimiter === '\t' ? '\\t' : preamble.sepDelimiter}" line${read.delimiter === undefined ? '' : ' (--delimiter wins)'}`,
    );
  }
  if (preamble.commentLines > 0) notes.push(`skipped ${preamble.commentLines} preamble line${preamble.commentLines === 1 ? '' : 's'}`);
  const delimiter = read.delimiter ?? preamble.sepDelimiter ?? (await sniffDelimiterOf(bytes, preamble.byteLength));
  const parsed = await readCsv(name, bytes.replay(preamble.byteLength), {
    delimiter,
    firstLine: preamble.lineCount + 1,
    headerRows: read.headerRows,
    maxRecordSize: read.maxRecordSize,
    fastCsv: read.fastCsv,
    notes,
    continuation: read.continuation,
    measureFile: read.measureFile,
  });
  return { format: { type: 'csv', delimiter }, ...parsed };
}

/** A preamble longer than the peek limit is taken as far as it was seen. */
async function scanPreambleOf(bytes: PeekableBytes): Promise<Preamble> {
  const { bytes: prefix, isWhole } = await bytes.peekBytes((peeked) => scanPreamble(peeked, false).isComplete);
  return scanPreamble(prefix, isWhole);
}

async function sniffFormatOf(bytes: PeekableBytes): Promise<FormatType> {
  const { text } = await bytes.peekText((prefix) => sniffFormat(prefix, false) !== undefined);
  return sniffFormat(text, true);
}

async function sniffDelimiterOf(bytes: PeekableBytes, skip: number): Promise<string> {
  const headerText = (peeked: Buffer): string => peeked.subarray(skip).toString('utf8');
  const { bytes: prefix } = await bytes.peekBytes((peeked) => takeFirstLine(headerText(peeked)).isComplete);
  return sniffDelimiter(takeFirstLine(headerText(prefix)).line);
}
