/**
 * The `xla-partial/1` document (docs/partial-format.md): a run's scorecards before they become a
 * report — the accumulator state of every (metric, segment, period) cell of the run and of each
 * target's view, its inputs' summaries and data-quality states, the newest event stamp, and every
 * setting that changes a number. `xla score --partial` writes one; `xla merge` absorbs any number
 * into the report one run over all their rows gives. A worker thread hands its part of a run to
 * the main thread as the same document, in memory (typed arrays stay typed arrays there).
 */
import { InputError } from '../errors.js';
import { findMetric } from '../metrics/registry.js';
import type { InputSummary } from '../scorecard/model.js';
import { decodeSnapshot, decodeState, encodeSnapshot, encodeState, InvalidEncoding } from '../scorecard/partial-codec.js';
import type { JsonValue } from '../scorecard/partial-codec.js';
import type { FrozenState, ScorecardSnapshot } from '../scorecard/snapshot.js';
import { crypto } from '../io/on-first-use.js';
import { MAKE_PARTIAL_HINT } from '../scorecard/partial-codec.js';
import type { PartialText } from '../io/read-partial.js';
import type { InputJob, RunSettings } from './run-types.js';

export const PARTIAL_SCHEMA = 'xla-partial/1';

/** One input of a partial: its summary as the report lists it, and its data-quality state (finished at merge, once "now" is known). */
export interface PartialInput {
  summary: InputSummary;
  quality: FrozenState;
}

/** An `xla-partial/1` document in memory. */
export interface PartialDocument {
  schema: typeof PARTIAL_SCHEMA;
  settings: RunSettings;
  inputs: PartialInput[];
  /** The newest event stamp of the rows read (epoch ms); null when none had one. */
  newestStamp: number | null;
  /** The run's scorecard, then one per target, in the order of `settings.targets`. */
  scorecard: ScorecardSnapshot;
  views: ScorecardSnapshot[];
}

/**
 * The settings in the order a refusal names the first that differs: what changes the most first.
 * Every key of RunSettings is listed (the type says so), so a new setting cannot be left unchecked.
 */
const SETTING_ORDER = [
  'metricIds',
  'by',
  'period',
  'tz',
  'from',
  'to',
  'asOf',
  'where',
  'confidence',
  'targets',
  'composites',
  'metricContext',
  'scales',
  'businessHours',
  'allowNoData',
  'title',
  'rank',
] as const satisfies readonly (keyof RunSettings)[];
type ListedSetting = (typeof SETTING_ORDER)[number];
// Fails to compile when RunSettings gains a key SETTING_ORDER does not list.
const everySettingListed: Record<Exclude<keyof RunSettings, ListedSetting>, never> = {};
void everySettingListed;

/** A job's run settings: the job without its input and its thread-local choices. */
export function settingsOf(job: InputJob): RunSettings {
  return Object.fromEntries(SETTING_ORDER.map((key) => [key, job[key]])) as unknown as RunSettings;
}

/** The first setting two partials' runs differ in, as `key`; undefined when they agree on every one. */
function firstDifferentSetting(a: RunSettings, b: RunSettings): ListedSetting | undefined {
  return SETTING_ORDER.find((key) => canonicalJson(encodeState(a[key])) !== canonicalJson(encodeState(b[key])));
}

/** The document as the JSON text of the file: one line, states encoded (partial-codec.ts), with the checksum of its content. */
export function formatPartial(partial: PartialDocument): string {
  const content = {
    settings: encodeState(partial.settings),
    inputs: partial.inputs.map((input) => ({ summary: input.summary as unknown as JsonValue, quality: encodeState(input.quality) })),
    newest_stamp: partial.newestStamp,
    scorecard: encodeSnapshot(partial.scorecard),
    views: partial.views.map(encodeSnapshot),
  };
  return `${JSON.stringify({ schema: PARTIAL_SCHEMA, byte_order: 'little-endian', checksum: checksumOf(content), ...content })}\n`;
}

/** The keys of the file's content, in the order the checksum covers them. */
const CONTENT_KEYS = ['settings', 'inputs', 'newest_stamp', 'scorecard', 'views'] as const;

/**
 * A partial from the parsed JSON of `file`, or an InputError naming the file: another kind of
 * document, another version, a file changed since xla wrote it (its checksum), a broken encoding.
 */
function parsePartial(data: unknown, file: string): PartialDocument {
  if (!isRecord(data)) throw refusal(file, `${describeJson(data)}, not an xla partial`);
  const schema = data.schema;
  if (schema !== PARTIAL_SCHEMA) throw refusal(file, describeSchema(schema));
  if (data.byte_order !== 'little-endian') throw refusal(file, 'byte_order is not "little-endian"');
  const content = Object.fromEntries(CONTENT_KEYS.map((key) => [key, data[key]]));
  if (CONTENT_KEYS.some((key) => !Object.hasOwn(data, key)) || data.checksum !== checksumOf(content)) {
    throw refusal(file, 'its checksum does not match its content: the file was changed or cut after xla wrote it');
  }
  try {
    const settings = decodeState(data.settings, '.settings') as unknown as RunSettings;
    requireKnownMetrics(settings);
    if (!Array.isArray(data.inputs) || !Array.isArray(data.views)) throw new InvalidEncoding('', 'inputs or views is not a list');
    const newest = data.newest_stamp;
    if (newest !== null && typeof newest !== 'number') throw new InvalidEncoding('.newest_stamp', 'not a number or null');
    return {
      schema: PARTIAL_SCHEMA,
      settings,
      inputs: data.inputs.map((input: unknown, i) => decodeInput(input, `.inputs[${String(i)}]`)),
      newestStamp: newest,
      scorecard: decodeSnapshot(data.scorecard, '.scorecard'),
      views: data.views.map((view: unknown, i) => decodeSnapshot(view, `.views[${String(i)}]`)),
    };
  } catch (error) {
    if (error instanceof InvalidEncoding) throw refusal(file, `not a valid ${PARTIAL_SCHEMA} document: ${error.message}`);
    throw error;
  }
}

/**
 * The partials of one run, checked to belong together (the same settings as the first one given)
 * and put in a canonical order — by their inputs' names, then by their text — so that the merge,
 * and the report's list of inputs, are the same whatever order the files were given in.
 */
export function gatherPartials(texts: readonly PartialText[]): PartialDocument[] {
  const parsed = texts.map((text) => ({ ...text, partial: parsePartial(text.data, text.file) }));
  const [first] = parsed;
  for (const other of parsed.slice(1)) {
    if (first === undefined) break;
    const setting = firstDifferentSetting(first.partial.settings, other.partial.settings);
    if (setting !== undefined) {
      throw new InputError(`${other.file}: a partial of another run than ${first.file}: its setting ${setting} differs`, {
        file: other.file,
        hint: 'merge partials made with the same settings (--metrics, --by, --period, --tz, --from/--to, --where, targets, …)',
      });
    }
  }
  return parsed
    .map((part) => ({ ...part, key: JSON.stringify(part.partial.inputs.map((input) => input.summary.name)) }))
    .sort((a, b) => compareText(a.key, b.key) || compareText(a.text, b.text))
    .map((part) => part.partial);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A partial of a later xla may score a metric this one does not know: it cannot be merged here. */
function requireKnownMetrics(settings: RunSettings): void {
  const ids = [...(Array.isArray(settings.metricIds) ? settings.metricIds : []), ...(settings.targets ?? []).map((rule) => rule.metric)];
  const unknown = ids.find((id) => findMetric(id) === undefined);
  if (unknown !== undefined) throw new InvalidEncoding('.settings', `the metric ${JSON.stringify(unknown)} is unknown to this xla`);
  if (!Array.isArray(settings.metricIds)) throw new InvalidEncoding('.settings.metricIds', 'not a list');
}

function decodeInput(json: unknown, path: string): PartialInput {
  if (!isRecord(json) || !isRecord(json.summary) || typeof json.summary.name !== 'string') throw new InvalidEncoding(path, 'not an input');
  return { summary: json.summary as unknown as InputSummary, quality: decodeState(json.quality, `${path}.quality`) };
}

/** SHA-256 of the content's JSON text: catches an edited or truncated-and-repaired file before its states are trusted. */
function checksumOf(content: Record<string, unknown>): string {
  return `sha256:${crypto()
    .createHash('sha256')
    .update(JSON.stringify(CONTENT_KEYS.map((key) => content[key] ?? null)))
    .digest('hex')}`;
}

/** JSON with every object's keys sorted: the same settings compare equal whatever order their keys were built in. */
function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}

function refusal(file: string, what: string): InputError {
  return new InputError(`${file}: ${what}; xla merge reads ${PARTIAL_SCHEMA} documents`, { file, hint: MAKE_PARTIAL_HINT });
}

function describeSchema(schema: unknown): string {
  if (typeof schema !== 'string') return 'a JSON object without a "schema" key, not an xla partial';
  const shown = schema.length > 40 ? `${schema.slice(0, 40)}…` : schema;
  if (schema.startsWith('xla-report/')) return `an ${shown} report, not a partial (a report has no accumulator states to merge)`;
  if (schema.startsWith('xla-partial/')) return `an ${shown} partial, which this xla cannot read`;
  return `a document of schema ${shown}, not an xla partial`;
}

function describeJson(data: unknown): string {
  if (Array.isArray(data)) return 'a JSON array';
  if (data === null) return 'JSON null';
  return `a JSON ${typeof data}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
