/**
 * The field and metric references in docs/, written from the registries (FIELDS, METRICS): pure
 * text, so `npm run docs` writes them and test/docs/drift.test.ts holds the committed files equal.
 * Facts live in the definitions; this file only says how to print them.
 */
import { aliasName, aliasPlainUnit, FIELDS, type Alias, type FieldDef } from '../fields/catalog.js';
import { DEFAULT_SCALES, KINDS, type FieldType, type Kind, type Scales } from '../fields/types.js';
import { DEFAULT_APDEX_T } from '../metrics/analytics.js';
import { METRICS } from '../metrics/registry.js';
import type { ExampleTarget, IntervalMethod, MetricContext, MetricDef } from '../metrics/types.js';
import { DEFAULT_CONFIDENCE } from '../stats/intervals.js';
import { isPercentileMetric, PERCENTILE_METHOD } from './catalogue.js';
import { formatDomainHeading } from './domains.js';
import { describeScale, formatBandSteps, INTERVAL_NAMES, UNIT_MEANINGS } from './metric-facts.js';

/** What `npm run docs` writes, by file name under docs/. */
export interface ReferenceDocs {
  'fields.md': string;
  'metrics.md': string;
}

export function renderReferenceDocs(): ReferenceDocs {
  return {
    'fields.md': `${renderFieldReference(FIELDS, METRICS, DEFAULT_SCALES)}\n`,
    'metrics.md': `${renderMetricReference(METRICS)}\n`,
  };
}

const GENERATED = 'Generated from the registries by `npm run docs`; edit the definitions in `src/`, not this file.';

// ---------------------------------------------------------------------------------------------
// Fields

/** How a value of each type is written in a column (the readers in src/fields/values.ts). */
const FIELD_TYPES: Readonly<Record<FieldType, string>> = {
  int: 'a whole number; thousands separators are understood',
  number: 'a number; thousands separators and a trailing `%` are understood, a decimal comma is detected per column (or `--decimal ,`)',
  bool: 'true/false, yes/no, 1/0, y/n, да/нет',
  timestamp: 'ISO 8601 or a common export layout, detected per column (or `--date-format`); without an offset, in `--tz`',
  duration: 'seconds as a number, or `1h 30m`, `01:30:00`, `90m`, `250ms`; negative durations are invalid',
  text: 'any text',
  sentiment: 'a label positive / neutral / negative (1 / 0 / −1), or a score in −1…1',
  rate: 'a fraction 0–1, or a percentage written with `%`',
};

export function renderFieldReference(fields: readonly FieldDef[], metrics: readonly MetricDef[], scales: Scales): string {
  const kinds = [...new Set(fields.flatMap((field) => field.kinds))];
  return joinBlocks([
    '# Field reference',
    GENERATED,
    [
      'Every input row is mapped onto the canonical fields of its kind. A column feeds a field when its name',
      "matches one of the field's names below, ignoring case, spaces and punctuation; `*` in a name matches",
      "anything (a question's wording by its stem). `--map field=Column` (or `map:` in a config source) names a",
      'column yourself. Columns that feed no field stay available for `--by`, `--where` and `each`.',
    ].join('\n'),
    [
      "A value outside its field's valid range is rejected for that field, counted and reported with its line;",
      'it never enters a metric. An empty cell is missing, never zero.',
    ].join('\n'),
    `Kinds: ${kinds.map((kind) => `[${kind}](#${kind})`).join(', ')} · [Value types](#value-types)`,
    ...kinds.map((kind) => renderKindFields(kind, fields, metrics, scales)),
    '## Value types',
    table(
      ['type', 'written as'],
      Object.entries(FIELD_TYPES).map(([type, text]) => [code(type), text]),
    ),
  ]);
}

function renderKindFields(kind: Kind, all: readonly FieldDef[], metrics: readonly MetricDef[], scales: Scales): string {
  const fields = all.filter((field) => field.kinds.includes(kind));
  const rows = fields.map((field) => [
    code(field.id),
    field.type,
    formatRange(field, scales),
    field.description,
    metricsFedBy(field.id, metrics).map(code).join(', ') || '–',
  ]);
  return joinBlocks([
    `## ${kind}`,
    table(['field', 'type', 'valid', 'meaning', 'feeds'], rows),
    `### ${kind}: column names`,
    fields.map((field) => `- ${code(field.id)}: ${field.aliases.map(formatAlias).join(', ')}`).join('\n'),
  ]);
}

/** The metrics that read a field in one of their alternatives. */
function metricsFedBy(fieldId: string, metrics: readonly MetricDef[]): string[] {
  return metrics.filter((def) => def.requires.some((alternative) => alternative.some((id) => id === fieldId))).map((def) => def.id);
}

/** A range as a reader checks it: `0–10, whole`, `≥ 0`, `the csat scale (default 1–5)`. */
function formatRange(field: FieldDef, scales: Scales): string {
  const parts: string[] = [];
  const { range } = field;
  if (typeof range === 'string') {
    const [low, high] = scales[range];
    parts.push(`the \`${range}\` scale (default ${String(low)}–${String(high)}; config \`scales.${range}\`)`);
  } else if (range !== undefined) {
    const [low, high] = range;
    parts.push(high >= Number.MAX_SAFE_INTEGER ? `≥ ${String(low)}` : `${String(low)}–${String(high)}`);
  }
  if (field.integer === true) parts.push('whole numbers');
  if (field.plainUnit !== undefined) parts.push(`plain numbers in ${field.plainUnit}`);
  return parts.join(', ') || '–';
}

function formatAlias(alias: Alias): string {
  const unit = aliasPlainUnit(alias);
  return unit === undefined ? code(aliasName(alias)) : `${code(aliasName(alias))} (plain numbers in ${unit})`;
}

// ---------------------------------------------------------------------------------------------
// Metrics

interface IntervalText {
  text: string;
  sources?: readonly string[];
}

/** The interval methods (src/stats/intervals.ts), in words. */
const INTERVALS: Readonly<Record<IntervalMethod, IntervalText>> = {
  'nps-adjusted-wald': {
    text:
      'Each answer scores +1 (promoter), 0 (passive) or −1 (detractor). The interval adds ¾ to the promoters, ¾ to the ' +
      'detractors and 3 to n (MeasuringU; Rocks 2016), then with p and d the adjusted shares, SE = 100·√((p + d − (p − d)²)/n) ' +
      'and the interval is the adjusted net ± z·SE, clipped to −100…+100; the value reported stays the plain net (so ' +
      'with one or two answers the interval, centred on the adjusted net, may leave the value at its edge or just outside). ' +
      'Two promoters: +100, interval −24.4…+100 (plain Wald: +100…+100). The change test between periods adjusts both ' +
      'periods the same way. `method: wald` in the config gives the plain Wald interval and test (no adjustment; ' +
      'p = 0.5, d = 0.2, n = 100 at 95 % → 30 ± 15.3). Serves every net score (NPS, eNPS, Happiness).',
    sources: [
      'Cross Validated, "How can I calculate margin of error in a NPS result?" (the variance p + d − (p − d)²)',
      'MeasuringU, measuringu.com/nps-confidence-intervals/ and measuringu.com/nps-three-confidence-intervals/ (the adjusted Wald)',
      'Rocks (2016), "Interval Estimation for the Net Promoter Score", The American Statistician 70:365–372',
    ],
  },
  wilson: {
    text:
      'For x of n: (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), without continuity correction. ' +
      'Defined at 0 and n (0 of 10 → 0–27.8 %); pooled rates may have fractional x.',
    sources: ['Wilson (1927), JASA 22:209–212', 'Brown, Cai & DasGupta (2001), Statistical Science 16:101–133'],
  },
  t: {
    text:
      'mean ± t(1 − α/2, n − 1)·s/√n, with s the sample standard deviation (n − 1) and the exact t quantile ' +
      '(not z). None below two values, and none when every value is the same (s = 0): equal values say nothing ' +
      'about the spread, and a zero-width interval would claim certainty.',
  },
  'apdex-adjusted-wald': {
    text:
      'Each sample scores 1 (satisfied), ½ (tolerating) or 0 (frustrated): Apdex is (1 + net/100)/2 of the net score that ' +
      'counts satisfied as promoters and frustrated as detractors, and its interval is the net interval taken through ' +
      'that map, adjusted the same way (¾ satisfied, ¾ frustrated and 3 samples added), clipped to 0–1. Twenty ' +
      'satisfied requests of twenty give 1.00 with the interval 0.85–1, not 1–1. `method: wald` gives the plain ' +
      'A ± z·√((s + t/4 − A²)/n). An xla convention: no published source gives an Apdex interval.',
  },
  none: {
    text: 'Percentiles, durations, counts, sums and ratios report `ci: null`.',
  },
};

/** Only the run's settings make a `requiresWith` alternative possible; this context sets each one. */
const EVERY_SETTING: MetricContext = {
  scales: DEFAULT_SCALES,
  apdexT: DEFAULT_APDEX_T,
  sla: { P1: 3600 },
  population: 1000,
  selfServiceChannels: ['portal'],
  runKinds: KINDS,
};

/** The reference's section of a metric: its first kind's, but data quality (fed by every kind) has its own. */
function sectionOf(def: MetricDef): string {
  return def.domain === 'data' ? 'data quality' : (def.kinds[0] ?? 'other');
}

export function renderMetricReference(metrics: readonly MetricDef[]): string {
  const sections = [...new Set(metrics.map(sectionOf))];
  return joinBlocks([
    '# Metric reference',
    GENERATED,
    [
      '`xla metrics` lists the same catalogue and `xla metrics <id>` describes one metric. Conventions for every metric:',
      '',
      '- A missing value is dropped: never counted in `n`, never read as 0. No data gives `null` with `n` 0.',
      '- Rates pooled over aggregated rows are ratios of sums, never a mean of row rates.',
      '- Targets and bands compare the unrounded value; a value exactly on a threshold meets it (≤ when lower is',
      '  better, ≥ when higher is better).',
      `- Percentiles: ${PERCENTILE_METHOD}.`,
      `- Intervals: at ${String(DEFAULT_CONFIDENCE * 100)} % unless \`--confidence\` says otherwise (\`0\` turns them off); see [Intervals](#intervals).`,
    ].join('\n'),
    '## Contents',
    table(
      ['metric', 'name', 'kinds', 'unit', 'better'],
      metrics.map((def) => [`[${def.id}](#${anchor(def.id)})`, def.name, def.kinds.join(', '), def.unit, def.better ?? '–']),
    ),
    ...sections.flatMap((section) => [
      `## ${capitalize(section)} metrics`,
      ...metrics.filter((def) => sectionOf(def) === section).map(renderMetric),
    ]),
    '## Intervals',
    ...Object.entries(INTERVALS).map(([method, { text, sources }]) =>
      joinBlocks([
        `### ${method}`,
        `${INTERVAL_NAMES[method as IntervalMethod]}. ${text}`,
        ...(sources === undefined ? [] : [formatSources(sources)]),
      ]),
    ),
    '## Units',
    table(
      ['unit', 'meaning'],
      Object.entries(UNIT_MEANINGS).map(([unit, text]) => [code(unit), text]),
    ),
  ]);
}

function renderMetric(def: MetricDef): string {
  const lines: [string, string][] = [
    ['Name', def.name],
    ['Domain', formatDomainHeading(def.domain)],
    ['Kinds', def.kinds.join(', ')],
    ['Unit', `${code(def.unit)}: ${UNIT_MEANINGS[def.unit]}`],
    ['Scale', describeScale(def)],
    ['Better', def.better ?? 'no direction'],
    ['Inputs', formatInputs(def)],
    ['Formula', def.formula],
    ['Interval', `[${def.interval}](#${anchor(def.interval)}): ${INTERVAL_NAMES[def.interval]}`],
  ];
  if (isPercentileMetric(def.id)) lines.push(['Percentiles', PERCENTILE_METHOD]);
  if (def.spansPeriods === true) lines.push(['Periods', 'the value at a period end includes earlier periods']);
  if (def.bands !== undefined) lines.push(['Bands', `${formatBandSteps(def.bands, def.unit, code)}; the first that holds applies`]);
  if (def.reading !== undefined) lines.push(['Common reading (not applied by xla)', def.reading]);
  const sources = def.sources ?? [];
  return joinBlocks([
    `### ${def.id}`,
    lines.map(([label, text]) => `- **${label}**: ${text}`).join('\n'),
    sources.length === 0 ? '**Sources**: none; an xla measure, defined by its formula.' : `**Sources**:\n\n${formatSources(sources)}`,
    ...(def.example === undefined ? [] : [renderExample(def.id, def.example)]),
  ]);
}

/** `nps` · `converted`; or `conversions` + `visitors` · none (every source of the kind). */
function formatInputs(def: MetricDef): string {
  const fields = (alternative: readonly string[]): string => alternative.map(code).join(' + ');
  const alternatives = def.requires.map((alternative) =>
    alternative.length === 0 ? 'none (every source of its kind feeds it)' : fields(alternative),
  );
  const withSettings = def.requiresWith?.(EVERY_SETTING) ?? [];
  const settings = withSettings.map((alternative) => `${fields(alternative)} when the config supplies what it needs`);
  // A metric that names its needs in words (adoption: a population, or a customers file in the run) says them too.
  return [...alternatives, ...settings].join('; or ') + (def.needs === undefined ? '' : ` (${def.needs})`);
}

function renderExample(metric: string, example: ExampleTarget): string {
  const lines = [
    `- id: ${example.id}`,
    `  name: ${JSON.stringify(example.name)}`,
    `  metric: ${metric}`,
    `  target: ${JSON.stringify(example.target)}`,
    ...(example.minN === undefined ? [] : [`  min_n: ${String(example.minN)}`]),
    ...(example.basis === undefined ? [] : [`  basis: ${example.basis}`]),
  ];
  return `**Example target** (\`xla init\` writes it when the data feeds this metric):\n\n\`\`\`yaml\n${lines.join('\n')}\n\`\`\``;
}

function formatSources(sources: readonly string[]): string {
  return sources.map((source) => `- ${source}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown

function joinBlocks(blocks: readonly string[]): string {
  return blocks.join('\n\n');
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** Inline code that survives a backtick in the text. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
