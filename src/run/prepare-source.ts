/**
 * One input, from bytes to canonical rows: open and sniff it (io/), recognise the export (presets),
 * match columns to fields, learn each column's value format from a sample of its first rows, collapse
 * event logs to one row per ticket, and coerce every row. Shared by `score`, `check` and `inspect`.
 */
import { InputError, UsageError, XlaError } from '../errors.js';
import { detectDateFormat, detectDecimalMark } from '../fields/column-formats.js';
import { DatePatternError, parseDatePattern, suggestDatePattern } from '../fields/date-formats.js';
import { createUndetectedDateFormat } from '../fields/date-suggestion.js';
import type { DateFormat } from '../fields/date-formats.js';
import { EVENT_LOGS } from '../fields/catalog.js';
import { mapSource, findColumn, NoFieldsError } from '../fields/match.js';
import type { ColumnOverride, FeedingFields, FieldMapping } from '../fields/match.js';
import { chooseLabels, normalizeLabel } from '../fields/label-scales.js';
import type { LabelMap, LabelReading } from '../fields/label-scales.js';
import { createRowBuilder, describeRivalry } from '../fields/row-builder.js';
import { settleUnits } from '../fields/settle-units.js';
import type { UnitEvidence, UnitsByField } from '../fields/settle-units.js';
import { describeUnit } from '../fields/column-units.js';
import { resolveRange } from '../fields/scales.js';
import type { ColumnPlan, RivalReading, RowOutcome } from '../fields/row-builder.js';
import type { FieldBinding } from '../fields/match.js';
import type { DecimalMark } from '../fields/units.js';
import type { Kind, Scales } from '../fields/types.js';
import { KINDS } from '../fields/types.js';
import { createMissingTest, isMissing } from '../fields/values.js';
import type { MissingTest } from '../fields/values.js';
import type { ByteRange } from '../io/byte-source.js';
import { quoteText } from '../report/safe-text.js';
import { openSource } from '../io/open-source.js';
import { cellPreparer, createColumnFits, misfitNotes, sampleTexts } from './column-fit.js';
import type { ColumnFits } from './column-fit.js';
import { detectPreset, findPreset, presetIds } from '../io/presets/registry.js';
import type { Preset } from '../io/presets/types.js';
import type { OpenedSource, RawRecord, ReadOptions } from '../io/types.js';

/** One input and how to read it. */
export interface SourceInput {
  /** A path, or `-` for standard input. */
  path: string;
  kind?: Kind | undefined;
  /** A preset id (`--preset`); detected from the header when undefined. */
  preset?: string | undefined;
  map: readonly ColumnOverride[];
  read: ReadOptions;
  /** Decimal mark of numbers; detected per column when undefined. */
  decimal?: '.' | ',' | undefined;
  /** A date-fns pattern for timestamps; detected per column when undefined. */
  dateFormat?: string | undefined;
  /** Valid ranges of this source's scaled answers; the run's `scales` when undefined. */
  scales?: Scales | undefined;
  /** The unit of plain numbers per duration field (a config source's `units:`); else decided per column. */
  units?: UnitsByField | undefined;
  /** The user's label maps per field (`values:`, `--values`), replacing the built-in label scales. */
  values?: readonly LabelMap[] | undefined;
  /** Score only this part of the file (another thread scores the rest); see ByteRange. */
  range?: ByteRange | undefined;
}

export interface ReadContext {
  tz: string;
  scales: Scales;
  stdin?: NodeJS.ReadableStream | undefined;
  feedingFields: (kind: Kind) => FeedingFields;
  /**
   * `xla inspect`: a file where no column feeds a metric is still prepared (with no field bound),
   * so that every column can be shown; scoring it is an error.
   */
  allowUnmatched?: boolean;
  /**
   * `xla inspect`: labels that cannot be scored become a note and the column is read as numbers,
   * instead of stopping the run, so the file can still be looked at.
   */
  noteLabelProblems?: boolean | undefined;
}

export interface PreparedSource {
  input: SourceInput;
  opened: OpenedSource;
  preset: Preset | undefined;
  mapping: FieldMapping;
  /** False when no column feeds a metric (only with `allowUnmatched`): no field is bound, and `mapping.kind` was not found in the file. */
  isKindFound: boolean;
  /** Which fields each column's sampled values fit. */
  fits: ColumnFits;
  /** How each bound column's values are read, as detected from the sample (for `xla inspect`). */
  formats: Map<number, string>;
  /** How each column of labels is read (a built-in scale or the user's map), by column. */
  labels: Map<number, string>;
  /**
   * Calls `visit` for every row in processing order; call once. The record and outcome are reused
   * between calls: read them inside `visit`, keep nothing.
   */
  forEachRow: (visit: (record: RawRecord, outcome: RowOutcome) => void) => Promise<void>;
  /** Stops reading without scoring (another thread reads the file instead); the file is closed. */
  close: () => Promise<void>;
  /**
   * The line the first record after the sample starts on, undefined when the sample is the whole
   * input: a part of the file read by another thread starts there (see ByteRange).
   */
  lineAfterSample: number | undefined;
  /** Whether rows are collapsed per ticket id (the whole file must then be read by one thread). */
  isEventLog: boolean;
  /** Records read from the file so far (more than the rows when an event log was collapsed). */
  readonly recordsRead: number;
}

/** Records read before the first row is scored, to learn date formats and decimal marks. */
export const SAMPLE_RECORDS = 1000;

/**
 * A column whose sample holds at most this many distinct texts is read as repetitive: the value of
 * each text is kept (row-builder.ts). Scales, yes/no, priorities and small counts are; ids, stamps
 * and comments are not.
 */
const REPETITIVE_DISTINCT_TEXTS = 64;

export async function prepareSource(input: SourceInput, context: ReadContext): Promise<PreparedSource> {
  const opened = await openWithPreset(input, context);
  try {
    return await prepareOpened(input, opened, context);
  } catch (error) {
    // A file that cannot be scored (no field fits, an undecidable date column) is let go at once,
    // not left for the garbage collector to close.
    opened.release();
    throw error;
  }
}

async function prepareOpened(input: SourceInput, opened: OpenedSource, context: ReadContext): Promise<PreparedSource> {
  const preset = choosePreset(input, opened);
  const iterator = opened.batches[Symbol.asyncIterator]();
  // The sample is read before columns are bound: binding looks at the values as well as the names.
  const { sample, rest } = await readSample(iterator, SAMPLE_RECORDS);
  const missing = missingTest(preset);
  const readingZone = preset?.timestampZone ?? context.tz;
  const fits = createColumnFits({
    sample,
    columnCount: opened.columns.length,
    preset,
    missing,
    decimal: input.decimal,
    dateFormat: userDateFormat(input.dateFormat ?? preset?.dateFormat),
    delimiter: opened.format.delimiter ?? ',',
    tz: readingZone,
    scales: input.scales ?? context.scales,
    values: input.values ?? [],
  });
  const named = mapColumns(input, opened, preset, context, fits);
  const mapping = { ...named.mapping, bindings: settleUnits(named.mapping.bindings, unitEvidence(input, opened, sample, missing)) };
  const isKindFound = named.isKindFound;
  opened.notes.push(...(mapping.notes ?? []), ...misfitNotes(mapping, fits, opened.columns));
  const scales = input.scales ?? context.scales;
  const plans = planColumns(input, opened, mapping, preset, sample, missing, scales, context.noteLabelProblems === true);
  const buildRow = createRowBuilder(mapping.bindings, opened.columns.length, { tz: readingZone, scales, plans });
  const eventLog = planEventLog(opened, mapping, preset, sample);
  const heldColumns = new Map([...plans].flatMap(([column, plan]) => (plan.rival === undefined ? [] : [[column, plan.rival] as const])));
  const heldLabels = new Map(
    [...plans].flatMap(([column, plan]) =>
      plan.labels === undefined || plan.labels.rivals.size === 0 ? [] : [[column, plan.labels] as const],
    ),
  );
  const outcomeOf = (record: RawRecord): RowOutcome => {
    if (record.problem !== undefined) return problemOutcome(record);
    const outcome = buildRow(record.cells);
    if (outcome.rejections.length > 0 && heldColumns.size > 0) holdToSample(opened.name, mapping, heldColumns, record, outcome);
    if (outcome.rejections.length > 0 && heldLabels.size > 0) holdLabelsToSample(opened.name, mapping, heldLabels, record, outcome);
    return outcome;
  };

  const isLaterPart = input.range !== undefined && input.range.start > 0;
  let recordsRead = 0;
  /** Every record in file order, batch by batch: the sample first, then the rest of the stream. */
  async function forEachRecord(visit: (record: RawRecord) => void): Promise<void> {
    const visitAll = (records: readonly RawRecord[]): void => {
      recordsRead += records.length;
      for (const record of records) visit(record);
    };
    // A later part of the file was read from the file's start up to the end of the sample, to
    // learn the same column formats: those records belong to the first part.
    if (!isLaterPart) visitAll(sample);
    visitAll(rest);
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) visitAll(next.value);
  }

  async function forEachRow(visit: (record: RawRecord, outcome: RowOutcome) => void): Promise<void> {
    if (eventLog === null) {
      await forEachRecord((record) => visit(record, outcomeOf(record)));
      return;
    }
    const kept = await collapseEventLog(forEachRecord, eventLog);
    opened.notes.push(
      `event log: ${kept.read} rows collapsed to ${kept.records.length} ${eventLog.records} (the last row per ${eventLog.idName}${eventLog.orderName === null ? ', in file order' : ` by ${eventLog.orderName}`})`,
    );
    for (const record of kept.records) visit(record, outcomeOf(record));
  }

  const formats = new Map(
    [...plans].flatMap(([column, plan]) => (plan.description === undefined ? [] : [[column, plan.description] as const])),
  );
  const labels = new Map(
    [...plans].flatMap(([column, plan]) => (plan.labels === undefined ? [] : [[column, plan.labels.description] as const])),
  );
  return {
    input,
    opened,
    preset,
    mapping,
    isKindFound,
    fits,
    formats,
    labels,
    forEachRow,
    close: async () => {
      await iterator.return?.();
      opened.release();
    },
    lineAfterSample: rest[0]?.line,
    isEventLog: eventLog !== null,
    get recordsRead() {
      return recordsRead;
    },
  };
}

/** Columns bound to fields by name and values (fields/match.ts); with `allowUnmatched`, none bound rather than an error. */
function mapColumns(
  input: SourceInput,
  opened: OpenedSource,
  preset: Preset | undefined,
  context: ReadContext,
  fits: ColumnFits,
): { mapping: FieldMapping; isKindFound: boolean } {
  try {
    const mapping = mapSource({
      file: opened.name,
      columns: opened.columns,
      kind: input.kind ?? preset?.kind,
      overrides: input.map,
      feedingFields: context.feedingFields,
      alternateNames: opened.alternateNames,
      misfits: fits.misfits,
      ...(preset === undefined ? {} : { extraAliases: preset.aliases }),
    });
    return { mapping, isKindFound: true };
  } catch (error) {
    if (context.allowUnmatched !== true || !(error instanceof NoFieldsError)) throw error;
    // Nothing is bound, so the kind decides nothing that is read; the one given, else the first.
    return { mapping: { kind: error.kind ?? KINDS[0], bindings: [], aliases: new Map() }, isKindFound: false };
  }
}

/** A preset that knows its header rows re-reads a file whose rows were not sniffed that way. */
async function openWithPreset(input: SourceInput, context: ReadContext): Promise<OpenedSource> {
  const open = (read: ReadOptions): Promise<OpenedSource> =>
    openSource({ path: input.path, range: input.range, ...(context.stdin === undefined ? {} : { stdin: context.stdin }) }, read);
  const forced = input.preset === undefined ? undefined : requirePreset(input.preset);
  const read =
    forced?.headerRows !== undefined && input.read.headerRows === undefined ? { ...input.read, headerRows: forced.headerRows } : input.read;
  return open(read);
}

function requirePreset(id: string): Preset {
  const preset = findPreset(id);
  if (preset === undefined) throw new XlaError(`unknown preset "${id}"`, { hint: `known presets: ${presetIds().join(', ')}` });
  return preset;
}

function choosePreset(input: SourceInput, opened: OpenedSource): Preset | undefined {
  if (input.preset !== undefined) return requirePreset(input.preset);
  return detectPreset(opened.columns, opened.alternateNames, input.kind === undefined ? {} : { kind: input.kind });
}

/** The first `size` records (whole batches are read; what goes past `size` is kept as `rest`). */
async function readSample(iterator: AsyncIterator<RawRecord[]>, size: number): Promise<{ sample: RawRecord[]; rest: RawRecord[] }> {
  const sample: RawRecord[] = [];
  // One record past the sample, so that where the rest starts is known.
  while (sample.length <= size) {
    const next = await iterator.next();
    if (next.done === true) break;
    // One by one: a batch may hold more records than a call can take arguments (`push(...batch)`).
    for (const record of next.value) sample.push(record);
  }
  return { sample: sample.slice(0, size), rest: sample.slice(size) };
}

/** What settles a duration column's unit besides its name: the config's `units:` and the sampled values. */
function unitEvidence(input: SourceInput, opened: OpenedSource, sample: readonly RawRecord[], missing: MissingTest): UnitEvidence {
  return {
    configUnits: input.units ?? {},
    textsOf: (column) =>
      sample.flatMap((record) => {
        const cell = record.cells[column];
        return (typeof cell === 'string' || typeof cell === 'number') && !missing(cell) ? [String(cell)] : [];
      }),
    onUnsure: (binding, median) =>
      opened.notes.push(
        `column ${quoteText(binding.columnName)}: plain numbers read as seconds (median ${median}); if they are milliseconds, say so with --map ${quoteText(`${binding.field.id}=${binding.columnName}:ms`)}`,
      ),
  };
}

function missingTest(preset: Preset | undefined): MissingTest {
  return preset?.nullMarkers === undefined ? isMissing : createMissingTest(preset.nullMarkers);
}

function userDateFormat(pattern: string | undefined): DateFormat | undefined {
  if (pattern === undefined) return undefined;
  try {
    return parseDatePattern(pattern);
  } catch (error) {
    if (error instanceof DatePatternError)
      throw new UsageError(
        `--date-format "${pattern}": ${error.reason}`,
        'use a date-fns pattern such as dd.MM.yyyy HH:mm or MM/dd/yyyy hh:mm:ss a',
      );
    throw error;
  }
}

/**
 * Per bound column: the preset's value map and null markers, and the date format or decimal mark
 * its sampled values show. A date column whose values fit both day-first and month-first is an
 * error: guessing would silently swap days and months.
 */
function planColumns(
  input: SourceInput,
  opened: OpenedSource,
  mapping: FieldMapping,
  preset: Preset | undefined,
  sample: readonly RawRecord[],
  missing: (raw: unknown) => boolean,
  scales: Scales,
  noteLabelProblems: boolean,
): Map<number, ColumnPlan> {
  // The user's pattern wins; then the export's documented one; else each column's values decide.
  const userFormat = userDateFormat(input.dateFormat ?? preset?.dateFormat);
  const plans = new Map<number, ColumnPlan>();
  for (const binding of mapping.bindings) {
    // Most columns have no preset value map nor null markers of their own, and so no step before coercion.
    const prepare = cellPreparer(preset?.values?.[binding.field.id], missing);
    // JSON numbers take part as their digits: an epoch column must be recognisable from them too.
    const texts = sampleTexts(sample, binding.column, prepare, missing);
    let dateFormat: DateFormat | undefined;
    let decimal: '.' | ',' = input.decimal ?? '.';
    let rival: RivalReading | undefined;
    let description: string | undefined;
    if (binding.field.type === 'timestamp') {
      if (userFormat === undefined) ({ format: dateFormat, rival, description } = detectColumnDate(opened.name, binding.columnName, texts));
      else {
        dateFormat = userFormat;
        description = userFormat.pattern;
      }
    } else if (['int', 'number', 'rate', 'sentiment'].includes(binding.field.type)) {
      if (input.decimal === undefined)
        ({ mark: decimal, rival } = detectColumnDecimal(opened.name, binding.columnName, texts, opened.format.delimiter ?? ','));
      if (decimal === ',') description = 'decimal comma';
    } else if (binding.unit !== undefined && (binding.unit.unit !== 's' || binding.unit.from !== 'default')) {
      description = describeUnit(binding.unit);
    }
    const isRepetitive = new Set(texts).size <= REPETITIVE_DISTINCT_TEXTS;
    const labels =
      binding.field.type === 'int' || binding.field.type === 'number'
        ? planLabelsOrNote(opened, binding, input.values ?? [], scales, texts, noteLabelProblems)
        : undefined;
    plans.set(binding.column, {
      prepare,
      decimal,
      isRepetitive,
      ...(labels === undefined ? {} : { labels }),
      ...(rival === undefined ? {} : { rival }),
      ...(dateFormat === undefined ? {} : { dateFormat }),
      ...(description === undefined ? {} : { description }),
    });
  }
  return plans;
}

function planLabelsOrNote(
  opened: OpenedSource,
  binding: FieldBinding,
  userMaps: readonly LabelMap[],
  scales: Scales,
  texts: readonly string[],
  noteProblems: boolean,
): LabelReading | undefined {
  if (!noteProblems) return planLabels(opened, binding, userMaps, scales, texts);
  try {
    return planLabels(opened, binding, userMaps, scales, texts);
  } catch (error) {
    if (!(error instanceof XlaError)) throw error;
    opened.notes.push(`${error.message}${error.hint === undefined ? '' : ` (${error.hint})`}`);
    return undefined;
  }
}

/**
 * The labels a number column's sampled texts hold (README, "Label scales"): the user's map for the
 * field, else the built-in scale they fit. Labels that cannot be scored without guessing (labels
 * of two scales, two scales that score them differently, a scale of another length than the
 * field's) stop the run, naming the column and how to say the scores.
 */
function planLabels(
  opened: OpenedSource,
  binding: FieldBinding,
  userMaps: readonly LabelMap[],
  scales: Scales,
  texts: readonly string[],
): LabelReading | undefined {
  const { field } = binding;
  const range = resolveRange(field.range, scales);
  const recognition = chooseLabels(field.id, range, userMaps, new Set(texts));
  const where = `${opened.name}: column ${quoteText(binding.columnName)} (${field.id})`;
  const values = `say each label's score with --values ${field.id}=Label:score,Label:score (or values: in the XLA file)`;
  switch (recognition.kind) {
    case 'none':
      return undefined;
    case 'scale':
      return recognition.reading;
    case 'yes-no':
      opened.notes.push(`column ${quoteText(binding.columnName)} holds Yes/No answers: ${recognition.note}`);
      return recognition.reading;
    case 'mixed':
      throw new XlaError(`${where} holds labels of different scales (${recognition.labels.map((label) => `"${label}"`).join(', ')})`, {
        hint: values,
      });
    case 'ambiguous':
      throw new XlaError(
        `${where}: its labels in the first ${SAMPLE_RECORDS} rows fit the ${recognition.scales.map((scale) => scale.name).join(' and the ')} scales, which score them differently`,
        { hint: values },
      );
    case 'wrong-length': {
      const [low, high] = recognition.range;
      const scaleKey = typeof field.range === 'string' ? field.range : undefined;
      const points = recognition.scale.points.length;
      throw new XlaError(
        `${where} holds the ${recognition.scale.name} scale, but ${field.id} runs ${low}–${high}: a scale is never stretched`,
        {
          hint:
            scaleKey === undefined
              ? values
              : `if the question has ${points} answers, set scales: { ${scaleKey}: [1, ${points}] } in the XLA file; or ${values}`,
        },
      );
    }
  }
}

/**
 * Ends the run on a rejected text that is a label of another built-in scale the field takes: among
 * the first rows it would have changed how the column is read, so rejecting it would make the
 * numbers depend on the row order (as `holdToSample` does for decimal marks and dates).
 */
function holdLabelsToSample(
  file: string,
  mapping: FieldMapping,
  held: ReadonlyMap<number, LabelReading>,
  record: RawRecord,
  outcome: RowOutcome,
): void {
  for (const { column, kept: reading, raw } of heldRejections(held, record, outcome)) {
    if (!reading.rivals.has(normalizeLabel(raw))) continue;
    const binding = mapping.bindings.find((candidate) => candidate.column === column);
    const sample = `the first ${SAMPLE_RECORDS} rows of column ${quoteText(binding?.columnName ?? '')} read ${reading.description}`;
    throw new InputError(`${quoteText(raw)} is a label of another scale, but ${sample}`, {
      file,
      ...(record.line === undefined ? {} : { line: record.line, column: column + 1 }),
      hint: `a column is read on one scale: say each label's score with --values ${binding?.field.id ?? 'field'}=Label:score,…`,
    });
  }
}

/** The rejected text cells of a row in the columns `held` keeps something for, each with what it keeps. */
function* heldRejections<T>(
  held: ReadonlyMap<number, T>,
  record: RawRecord,
  outcome: RowOutcome,
): Generator<{ column: number; kept: T; raw: string }> {
  for (const { column } of outcome.rejections) {
    const kept = column === null ? undefined : held.get(column);
    const raw = column === null ? undefined : record.cells[column];
    if (column !== null && kept !== undefined && typeof raw === 'string') yield { column, kept, raw };
  }
}

function detectColumnDate(
  file: string,
  column: string,
  texts: readonly string[],
): { format: DateFormat | undefined; rival: RivalReading | undefined; description: string | undefined } {
  const detection = detectDateFormat(texts);
  if (detection.kind === 'format') return { format: detection.format, rival: detection.rival, description: detection.format.pattern };
  if (detection.kind === 'ambiguous') {
    const patterns = detection.candidates.map(suggestDatePattern);
    throw new XlaError(`${file}: the dates in column "${column}" could be read as ${patterns.join(' or ')} (e.g. "${detection.example}")`, {
      hint: `no day above 12 settles it in the first ${SAMPLE_RECORDS} rows; say which with --date-format "${patterns[0] ?? 'dd/MM/yyyy'}"`,
    });
  }
  // No layout detected: read as ISO 8601, and say what the values look like when they are not.
  return { format: texts.length === 0 ? undefined : createUndetectedDateFormat(texts), rival: undefined, description: undefined };
}

function detectColumnDecimal(
  file: string,
  column: string,
  texts: readonly string[],
  delimiter: string,
): { mark: DecimalMark; rival: RivalReading | undefined } {
  const detection = detectDecimalMark(texts, delimiter);
  if (detection.kind === 'mark') return { mark: detection.mark, rival: detection.rival };
  const settle = 'say which with --decimal , or --decimal .';
  if (detection.kind === 'mixed') {
    throw new XlaError(
      `${file}: the numbers in column "${column}" are written with both decimal marks ("${detection.comma}" and "${detection.point}")`,
      {
        hint: `a column is read with one mark: ${settle} (values written the other way are then rejected)`,
      },
    );
  }
  throw new XlaError(
    `${file}: the numbers in column "${column}" could be read with a decimal point or a decimal comma (e.g. "${detection.example}")`,
    {
      hint: `no value such as 1,5 or 1.5 settles it in the first ${SAMPLE_RECORDS} rows; ${settle}`,
    },
  );
}

/**
 * Ends the run on a rejected value that the reading the sample passed over would have read (a
 * `3,5` in a column whose first rows settled a decimal point, a `2/13/2024` in a day-first
 * column), or that reads two ways where the
 * sample settled nothing. Rejecting it instead would make the numbers depend on the row order: in
 * another order it is in the sample, and the whole column is read the other way (or the run stops
 * there). Only rejected values are looked at: the rows that read are not slowed.
 */
function holdToSample(
  file: string,
  mapping: FieldMapping,
  held: ReadonlyMap<number, RivalReading>,
  record: RawRecord,
  outcome: RowOutcome,
): void {
  for (const { column: index, kept: rival, raw } of heldRejections(held, record, outcome)) {
    const rivalry = rival.compare(raw);
    // A settled column reads a two-way value its own way: rejected, that is for another reason (a range, an end before its start).
    if (rivalry === 'same' || (rivalry === 'differs' && rival.isSettled)) continue;
    const column = quoteText(mapping.bindings.find((binding) => binding.column === index)?.columnName ?? '');
    const sample = `the first ${SAMPLE_RECORDS} rows of column ${column} ${rival.isSettled ? `read ${rival.chosen}` : `do not settle ${rival.question}`}`;
    throw new InputError(`${quoteText(raw)} ${describeRivalry(rival, rivalry)}, but ${sample}`, {
      file,
      ...(record.line === undefined ? {} : { line: record.line, column: index + 1 }),
      hint: `a column is read one way: say which with ${rival.options}`,
    });
  }
}

function problemOutcome(record: RawRecord): RowOutcome {
  const problem = record.problem ?? { message: 'unreadable record' };
  return {
    row: null,
    rejections: [{ field: null, column: problem.column === undefined ? null : problem.column - 1, value: '', reason: problem.message }],
  };
}

interface EventLogPlan {
  /** What the kept rows are, for the note (`tickets`). */
  records: string;
  idColumn: number;
  idName: string;
  orderColumn: number | null;
  orderName: string | null;
  orderFormat: DateFormat | undefined;
}

/**
 * An export of a kind that declares an event log (tickets) whose key repeats is one (one row per
 * update, as ServiceNow's audit export): it is collapsed to the last row per key, by the preset's
 * order column, else a recognisable "updated" column (the kind's `updateColumns`), else file order.
 */
function planEventLog(
  opened: OpenedSource,
  mapping: FieldMapping,
  preset: Preset | undefined,
  sample: readonly RawRecord[],
): EventLogPlan | null {
  const eventLog = EVENT_LOGS[mapping.kind];
  if (eventLog === undefined) return null;
  const id = mapping.bindings.find((binding) => binding.field.id === eventLog.key);
  if (id === undefined) return null;
  const seen = new Set<string>();
  const repeats = sample.some((record) => {
    const value = String(record.cells[id.column] ?? '').trim();
    if (value === '') return false;
    if (seen.has(value)) return true;
    seen.add(value);
    return false;
  });
  if (preset?.eventLog === undefined && !repeats) return null;
  const orderNames = [...(preset?.eventLog?.orderBy === undefined ? [] : [preset.eventLog.orderBy]), ...eventLog.updateColumns];
  const orderColumn = orderNames.map((name) => findColumn(opened.columns, name)).find((column) => column >= 0) ?? null;
  const orderTexts =
    orderColumn === null
      ? []
      : sample.flatMap((record) =>
          typeof record.cells[orderColumn] === 'string' && !isMissing(record.cells[orderColumn]) ? [String(record.cells[orderColumn])] : [],
        );
  const detection = orderColumn === null ? null : detectDateFormat(orderTexts);
  return {
    records: eventLog.records,
    idColumn: id.column,
    idName: id.columnName,
    orderColumn,
    orderName: orderColumn === null ? null : (opened.columns[orderColumn] ?? null),
    orderFormat: detection?.kind === 'format' ? detection.format : undefined,
  };
}

/**
 * Keeps the last record per id (ties and unreadable order values fall back to file order).
 * Memory grows with the number of tickets, not of events.
 */
async function collapseEventLog(
  forEachRecord: (visit: (record: RawRecord) => void) => Promise<void>,
  plan: EventLogPlan,
): Promise<{ records: RawRecord[]; read: number }> {
  const latest = new Map<string, { record: RawRecord; order: number }>();
  const loose: RawRecord[] = [];
  let read = 0;
  await forEachRecord((record) => {
    read++;
    const id = record.problem === undefined ? String(record.cells[plan.idColumn] ?? '').trim() : '';
    if (id === '') {
      loose.push(record);
      return;
    }
    const order = orderOf(record, plan);
    const current = latest.get(id);
    if (current === undefined || order >= current.order) latest.set(id, { record, order });
  });
  return { records: [...loose, ...[...latest.values()].map((entry) => entry.record)], read };
}

function orderOf(record: RawRecord, plan: EventLogPlan): number {
  if (plan.orderColumn === null) return record.index;
  const raw = record.cells[plan.orderColumn];
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string' || isMissing(raw)) return Number.NEGATIVE_INFINITY;
  if (plan.orderFormat !== undefined) {
    const instant = plan.orderFormat.parse(raw.trim(), 'UTC');
    if (typeof instant === 'number') return instant;
  }
  const number = Number(raw);
  return Number.isFinite(number) ? number : Number.NEGATIVE_INFINITY;
}
