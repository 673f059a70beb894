/**
 * `xla init`: a commented starter XLA file for one data file. The example targets are the metric
 * definitions' own (`example`: thresholds that are common starting points), for the metrics the
 * detected fields can feed (each metric's `requires`), so that `xla check` runs at once and the
 * comments teach the keys.
 */
import { MAP_EXAMPLES } from '../fields/catalog.js';
import type { Kind } from '../fields/types.js';
import { METRICS } from '../metrics/registry.js';
import type { ExampleTarget, MetricDef } from '../metrics/types.js';
import { neutraliseJson, neutraliseText } from '../report/safe-text.js';
import { DEFAULT_APDEX_T } from '../metrics/analytics.js';
import { DEFAULT_CONFIDENCE } from '../stats/intervals.js';

export interface StarterInput {
  /** The data file, as the config file should name it (relative to the config file's folder). */
  file: string;
  kind: Kind;
  /** Canonical field ids the file feeds. */
  fields: readonly string[];
  /** The file's column names, offered for `by`, `where` and `each`. */
  columns: readonly string[];
}

/** A metric's example target (its definition's `example`), with the metric it is on. */
export interface StarterTarget extends ExampleTarget {
  metric: string;
}

const MAX_EXAMPLE_TARGETS = 5;
const MAX_LISTED_COLUMNS = 20;
/** Column names that usually make good segments (`by`, `each`). */
const SEGMENT_LIKE = /team|group|queue|channel|category|region|country|segment|product|department|source|agent/i;

/** A metric the data can feed: its kind fits and every field of one alternative is present. */
function canFeed(metric: MetricDef, kind: Kind, fields: ReadonlySet<string>): boolean {
  return metric.kinds.includes(kind) && metric.requires.some((alternative) => alternative.every((field) => fields.has(field)));
}

/** The metrics' examples the data can feed, by their rank; at most MAX_EXAMPLE_TARGETS. */
export function chooseExampleTargets(kind: Kind, fields: readonly string[]): StarterTarget[] {
  const present = new Set(fields);
  return METRICS.filter((metric) => canFeed(metric, kind, present))
    .flatMap(({ id, example }) => (example === undefined ? [] : [{ metric: id, ...example }]))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_EXAMPLE_TARGETS);
}

export function renderStarterConfig(input: StarterInput): string {
  const examples = chooseExampleTargets(input.kind, input.fields);
  const segment = yamlString(input.columns.find((column) => SEGMENT_LIKE.test(column)) ?? 'team');
  const sections = [
    renderHeader(input),
    renderSettings(input, segment),
    renderSources(input),
    renderTargets(examples, segment),
    renderComposite(examples),
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

/** Where comments start, so the file reads as two columns: YAML, then why. */
const COMMENT_COLUMN = 36;

/** `key: value   # note`, aligned; a commented-out line keeps the same alignment. */
function annotated(text: string, note: string): string {
  return `${text.padEnd(COMMENT_COLUMN - 1)} # ${note}`;
}

/** Column and file names in comments are shown as a log line shows them: a line break in one would end the comment. */
function renderHeader(input: StarterInput): string[] {
  const listed = neutraliseText(input.columns.slice(0, MAX_LISTED_COLUMNS).join(', '));
  const more = input.columns.length > MAX_LISTED_COLUMNS ? `, … (${input.columns.length} in all)` : '';
  return [
    `# XLA definition written by \`xla init\` for ${neutraliseText(input.file)} (${input.kind}).`,
    '# Run it:        xla check        (exits 1 when an error-level target is breached)',
    '# Editor help:   xla schema config > xla.schema.json, then make the first line of this file',
    '#                # yaml-language-server: $schema=xla.schema.json',
    `# Columns found: ${listed}${more}`,
  ];
}

function renderSettings(input: StarterInput, segment: string): string[] {
  const lines = [
    `title: ${yamlString(`${capitalize(input.kind)} XLA`)}`,
    annotated('timezone: UTC', 'for timestamps written without an offset'),
    annotated(`confidence: ${DEFAULT_CONFIDENCE}`, 'level of the confidence intervals; 0 turns them off'),
    annotated(`# by: [${segment}]`, 'segment every result by these columns'),
    annotated('# period: month', 'day | week | month | quarter | year'),
  ];
  if (input.fields.includes('response_time'))
    lines.push(annotated(`apdex_t: ${DEFAULT_APDEX_T * 1000}ms`, 'Apdex: satisfied up to T, tolerating up to 4T'));
  if (input.fields.includes('priority') && input.fields.includes('resolved_at') && !input.fields.includes('made_sla')) {
    lines.push(annotated('# sla:', 'resolution target per priority, for sla_attainment'), '#   P1: 4h', '#   P2: 8h', '#   P3: 3d');
  }
  return lines;
}

/** `{ nps: "Would you recommend us?" }`: the kind's example (kinds/) of a field mapped to a column. */
function mapExample(kind: Kind): string {
  const { field, column } = MAP_EXAMPLES[kind];
  return `{ ${field}: ${JSON.stringify(column)} }`;
}

function renderSources(input: StarterInput): string[] {
  return [
    annotated('sources:', 'paths are relative to this file; files on the command line are added'),
    `  - path: ${yamlString(input.file)}`,
    `    kind: ${input.kind}`,
    annotated(`    # map: ${mapExample(input.kind)}`, 'field: column, for a column xla did not recognise'),
  ];
}

function renderTargets(examples: readonly StarterTarget[], segment: string): string[] {
  if (examples.length === 0) {
    return [
      '# No example target fits the fields found; `xla metrics` lists what each metric needs.',
      'targets: []',
      '#  - metric: nps',
      '#    target: ">= 30"',
    ];
  }
  const explained = new Set<string>();
  const lines = [annotated('targets:', 'each gives a verdict: met, breached, inconclusive or no_data')];
  for (const example of examples) lines.push(...renderTarget(example, explained, segment));
  return lines;
}

const KEY_NOTES: Readonly<Record<string, string>> = {
  id: 'names the verdict in reports and composites',
  metric: '`xla metrics` lists the ids and units',
  target: '<op> <value>: >=, >, <=, <, ==, between A and B; quote it',
  level: 'error fails `xla check`; warn is only reported',
  min_n: 'fewer observations than this: no_data, not a verdict',
  basis: 'point (default) | interval | lenient | strict: which number meets the threshold',
  inconclusive: 'when the interval straddles the threshold: pass | warn | fail',
  where: 'only rows with this value (or a list of values)',
  each: 'one verdict per value of this column',
};

/** One target; the first use of each key carries a comment that explains it. */
function renderTarget(example: StarterTarget, explained: Set<string>, segment: string): string[] {
  const line = (key: string, value: string, prefix = '    '): string => {
    const text = `${prefix}${key}: ${value}`;
    const note = KEY_NOTES[key];
    if (note === undefined || explained.has(key)) return text;
    explained.add(key);
    return annotated(text, note);
  };
  const isFirst = explained.size === 0;
  const lines = [
    line('id', example.id, '  - '),
    line('name', yamlString(example.name)),
    line('metric', example.metric),
    line('target', JSON.stringify(example.target)),
  ];
  if (isFirst) lines.push(line('level', 'error'));
  if (example.minN !== undefined) lines.push(line('min_n', String(example.minN)));
  if (example.basis !== undefined) {
    lines.push(line('basis', example.basis));
    if (example.basis === 'interval') lines.push(line('inconclusive', 'warn'));
  }
  if (isFirst) {
    // Keys the first example does not use are shown commented out, so each key is explained once.
    if (example.minN === undefined) lines.push(line('min_n', '30', '    # '));
    if (example.basis === undefined) lines.push(line('basis', 'lenient', '    # '));
    lines.push(line('where', `{ ${segment}: "<a value>" }`, '    # '), line('each', segment, '    # '));
  }
  return lines;
}

function renderComposite(examples: readonly StarterTarget[]): string[] {
  if (examples.length < 2) return [];
  const components = examples.map((example) => `${example.id}: 1`).join(', ');
  return [
    annotated('composites:', 'a 0–100 index: 100 when a target is met, less the further it missed'),
    '  - id: experience-index',
    '    name: Experience index',
    annotated(`    components: { ${components} }`, 'target id: weight (weights are normalised)'),
    '    target: ">= 80"',
    annotated('    level: warn', 'reported; does not fail `xla check` while the index is new'),
  ];
}

const PLAIN_YAML = /^[A-Za-z0-9_][\w ./-]*$/;
const YAML_KEYWORDS = /^(?:true|false|null|yes|no|on|off|~)$/i;

/**
 * A string as YAML: plain when that cannot be misread, else double-quoted. JSON quoting is valid
 * YAML, and so are neutraliseJson's `\uXXXX` escapes: the value is exact, and no C1 (NEL is a line
 * break to YAML 1.1), bidi control or `##[` stands raw in the file.
 */
function yamlString(text: string): string {
  const plain = PLAIN_YAML.test(text) && !YAML_KEYWORDS.test(text) && Number.isNaN(Number(text)) && !text.endsWith(' ');
  return plain ? text : neutraliseJson(JSON.stringify(text));
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
