/**
 * Target strings: `<op> <value>` (`>= 85%`, `<= 1h30m`, `== 0`) or `between A and B`, read in the
 * unit of the metric they judge (config.md "Targets"), and `--target "<metric> <op> <value>"`.
 * Parsing returns `{ error }` rather than throwing, so the config loader can attach the path
 * (`targets[2].target`) and report several problems at once.
 */
import { ConfigError } from '../errors.js';
import { findMetric, suggestMetricId } from '../metrics/registry.js';
import type { MetricDef } from '../metrics/types.js';
import type { TargetOp } from '../scorecard/model.js';
import type { TargetRule, TargetSpec } from '../scorecard/rules.js';
import { exampleValue, isValueError, rangeOfUnit, readValue } from './values.js';
import type { ValueError, ValueSpec } from './values.js';

export type TargetParse = TargetSpec | ValueError;

/** What a target leaves unsaid means this (config.md; the JSON Schema shows the same defaults). */
export const TARGET_DEFAULTS = {
  minN: 1,
  level: 'error',
  basis: 'point',
  inconclusive: 'warn',
} as const satisfies Pick<TargetRule, 'minN' | 'level' | 'basis' | 'inconclusive'>;

const COMPARISON_OPS = ['>=', '<=', '==', '>', '<'] as const satisfies readonly TargetOp[];
const COMPARISON = /^(>=|<=|==|>|<)\s*(.*)$/;
const BETWEEN = /^between\s+(.+?)\s+and\s+(.+)$/i;
const BETWEEN_START = /^between\b/i;
// A run of operator-like characters that is not one of the operators (`=>`, `=`, `!=`, `≥`).
const OPERATOR_LIKE = /^[<>=!≥≤≠]+/;

/** The metric's unit and range, named for messages. */
function valueSpecOf(metric: MetricDef): ValueSpec {
  return { unit: metric.unit, subject: metric.id, range: rangeOfUnit(metric.unit) };
}

/** A composite's index is a 0–100 score; its target is written as a bare number. */
const COMPOSITE_INDEX_SPEC: ValueSpec = { unit: 'score', subject: 'the composite index', range: [0, 100] };

/** `>= 85%` on csat → { op: '>=', threshold: 85, text: '>= 85%' }. */
export function parseTarget(text: string, metric: MetricDef): TargetParse {
  return parseTargetFor(text, valueSpecOf(metric));
}

/** A composite's own target, on its 0–100 index (`>= 80`). */
export function parseIndexTarget(text: string): TargetParse {
  return parseTargetFor(text, COMPOSITE_INDEX_SPEC);
}

/** One value in the metric's unit, without an operator: a composite component's `floor`. */
export function parseTargetValue(text: string, metric: MetricDef): number | ValueError {
  return readValue(text, valueSpecOf(metric));
}

/** A target on change: the threshold of the difference, and whether it is in % of the baseline value. */
export type ChangeParse = (TargetSpec & { relative: boolean }) | ValueError;

/**
 * `change: ">= -2"` on nps (points), `"<= 30m"` on a duration, `">= -5%"` relative to the baseline
 * value (config.md). On a % metric a bare number, or one written with `pp`, is percentage points;
 * `%` is always relative. Both ends of a `between` are written the same way.
 */
export function parseChangeTarget(text: string, metric: MetricDef): ChangeParse {
  const ways = new Set<boolean>();
  const readChange = (valueText: string, spec: ValueSpec): number | ValueError => {
    const change = readChangeValue(valueText, spec);
    if (isValueError(change)) return change;
    ways.add(change.relative);
    return change.value;
  };
  const parsed = parseTargetFor(text, valueSpecOf(metric), readChange);
  if (isValueError(parsed)) return parsed;
  if (ways.size > 1)
    return { error: `write both ends as a change in % of the baseline or both in ${metric.id}'s unit, got "${parsed.text}"` };
  return { ...parsed, relative: ways.has(true) };
}

/** One change value, `-2`, `-2pp`, `30m` or `-5%` (relative), without an operator: a change target's composite floor. */
export function parseChangeValue(text: string, metric: MetricDef): { value: number; relative: boolean } | ValueError {
  return readChangeValue(text, valueSpecOf(metric));
}

function readChangeValue(text: string, spec: ValueSpec): { value: number; relative: boolean } | ValueError {
  const { sign, magnitude } = splitSign(text.trim());
  if (magnitude.endsWith('%')) {
    const body = magnitude.slice(0, -1).trimEnd();
    if (!PLAIN_NUMBER.test(body)) return { error: `expected a change such as -5% (of the baseline value), got "${text.trim()}"` };
    return { value: sign * Number(body) + 0, relative: true };
  }
  const points = spec.unit === '%' ? magnitude.replace(/\s*pp$/i, '') : magnitude;
  const read = readValue(points, { ...spec, range: spanOfUnit(spec.unit) });
  return isValueError(read) ? read : { value: sign * read + 0, relative: false };
}

const PLAIN_NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

function splitSign(text: string): { sign: 1 | -1; magnitude: string } {
  if (text.startsWith('-') || text.startsWith('−')) return { sign: -1, magnitude: text.slice(1).trimStart() };
  if (text.startsWith('+')) return { sign: 1, magnitude: text.slice(1).trimStart() };
  return { sign: 1, magnitude: text };
}

/** How far a change can go: the width of the unit's range (−100…+100 for a %), or any size. */
function spanOfUnit(unit: MetricDef['unit']): readonly [number, number] | undefined {
  const range = rangeOfUnit(unit);
  return range === undefined ? undefined : [0, range[1] - range[0]];
}

function parseTargetFor(
  text: string,
  spec: ValueSpec,
  read: (text: string, spec: ValueSpec) => number | ValueError = readValue,
): TargetParse {
  const written = collapseSpaces(text);
  const expected = { error: `expected "<op> <value>", got "${written}" (e.g. ">= ${exampleValue(spec.unit)}")` };

  if (BETWEEN_START.test(written)) return parseBetween(written, spec, read);
  const comparison = COMPARISON.exec(written);
  if (comparison === null) {
    const unknownOp = OPERATOR_LIKE.exec(written);
    if (unknownOp !== null) return { error: `unknown operator "${unknownOp[0]}" in "${written}": use >=, >, <=, <, == or between A and B` };
    return expected;
  }
  const [, opText = '', valueText = ''] = comparison;
  const op = COMPARISON_OPS.find((candidate) => candidate === opText);
  // `>==` or `<>`: the regex took a valid prefix, but what follows is not a value.
  if (op === undefined || valueText === '' || OPERATOR_LIKE.test(valueText)) return expected;
  const threshold = read(valueText, spec);
  if (isValueError(threshold)) return threshold;
  return { op, threshold, text: written };
}

function parseBetween(written: string, spec: ValueSpec, read: (text: string, spec: ValueSpec) => number | ValueError): TargetParse {
  const match = BETWEEN.exec(written);
  if (match === null) return { error: `expected "between <low> and <high>", got "${written}" (e.g. "between 30 and 60")` };
  const [, lowText = '', highText = ''] = match;
  const low = read(lowText, spec);
  if (isValueError(low)) return low;
  const high = read(highText, spec);
  if (isValueError(high)) return high;
  if (low > high) {
    return { error: `the lower bound comes first: write "between ${highText.trim()} and ${lowText.trim()}", got "${written}"` };
  }
  return { op: 'between', threshold: [low, high], text: written };
}

const collapseSpaces = (text: string): string => text.trim().replace(/\s+/g, ' ');

// A metric id, then the target; the id may touch the operator (`nps>=30`).
const FLAG = /^([A-Za-z][\w.]*)\s*(.*)$/;

/**
 * `--target "resolution_time.p90 <= 8h"` → a target with the defaults, whose id is the text itself
 * (spaces collapsed) so that reports name it as the user wrote it; `--target "nps change >= -2"`
 * judges the change against the baseline (`--baseline`).
 */
export function parseTargetFlag(text: string): TargetRule {
  const written = collapseSpaces(text);
  const origin = `--target "${written}"`;
  const match = FLAG.exec(written);
  const [, metricId = '', targetText = ''] = match ?? [];
  if (match === null || targetText === '') {
    throw new ConfigError(`${origin}: expected "<metric> <op> <value>", got "${written}"`, {
      path: '--target',
      hint: 'e.g. --target "nps >= 30" or --target "resolution_time.p90 <= 8h"',
    });
  }
  const metric = findMetric(metricId);
  if (metric === undefined) {
    const suggestion = suggestMetricId(metricId);
    const didYouMean = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
    throw new ConfigError(`${origin}: unknown metric "${metricId}"${didYouMean}`, {
      path: '--target',
      hint: '`xla metrics` lists every metric id',
    });
  }
  const parsed = parseFlagTarget(targetText, metric);
  if (isValueError(parsed)) throw new ConfigError(`${origin}: ${parsed.error}`, { path: '--target' });
  return {
    id: written,
    name: null,
    metric: metric.id,
    target: parsed.target,
    where: {},
    each: null,
    minN: TARGET_DEFAULTS.minN,
    level: TARGET_DEFAULTS.level,
    basis: TARGET_DEFAULTS.basis,
    inconclusive: TARGET_DEFAULTS.inconclusive,
    origin,
    ...(parsed.change === undefined ? {} : { change: parsed.change }),
  };
}

/** `--target "nps change >= -2"`: a target on change against the baseline. */
const CHANGE_WORD = /^change\s*/i;

function parseFlagTarget(text: string, metric: MetricDef): { target: TargetSpec; change?: { relative: boolean } } | ValueError {
  const word = CHANGE_WORD.exec(text);
  if (word === null) {
    const target = parseTarget(text, metric);
    return isValueError(target) ? target : { target };
  }
  const parsed = parseChangeTarget(text.slice(word[0].length), metric);
  if (isValueError(parsed)) return parsed;
  const { relative, ...target } = parsed;
  return { target, change: { relative } };
}
