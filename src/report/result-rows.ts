import type { Domain } from '../metrics/types.js';
import type { Result } from '../scorecard/model.js';
import { FIELD_KEY } from '../scorecard/field-targets.js';
import { DOMAIN_ORDER } from './domains.js';

/** How table-like formats (table, markdown) lay out results; one place so they list rows alike. */

export interface ResultRow {
  result: Result;
  isFirstOfMetric: boolean;
}

/** The domains that have results, in DOMAIN_ORDER, each with its results in report order. */
export function groupByDomain(results: readonly Result[]): { domain: Domain; results: Result[] }[] {
  return DOMAIN_ORDER.flatMap((domain) => {
    const inDomain = results.filter((r) => r.domain === domain);
    return inDomain.length === 0 ? [] : [{ domain, results: inDomain }];
  });
}

/**
 * The results people read (table, Markdown) and how many are left out: a field's own data-quality
 * row at 100 % says nothing its metric's overall row does not, so the DATA block lists only the
 * fields that fall short (a file of ten complete SUS items gets one Completeness row, not eleven).
 * JSON, NDJSON and CSV keep every result.
 */
export function listedResults(results: readonly Result[]): { listed: Result[]; perfectFields: number } {
  const listed = results.filter((result) => !isPerfectField(result));
  return { listed, perfectFields: results.length - listed.length };
}

function isPerfectField(result: Result): boolean {
  return result.domain === 'data' && Object.hasOwn(result.segment, FIELD_KEY) && result.value === 100;
}

/** `57 results` · `57 results, 20 fields at 100 % not listed`. */
export function describeResultCount(results: readonly Result[], perfectFields: number, formatCount: (n: number) => string): string {
  const count = `${formatCount(results.length)} ${results.length === 1 ? 'result' : 'results'}`;
  if (perfectFields === 0) return count;
  return `${count}, ${formatCount(perfectFields)} ${perfectFields === 1 ? 'field' : 'fields'} at 100 % not listed`;
}

/** Metric by metric in first-appearance order; within one, the overall row first. */
export function orderByMetric(results: readonly Result[]): ResultRow[] {
  const byMetric = new Map<string, Result[]>();
  for (const result of results) {
    const group = byMetric.get(result.metric);
    if (group === undefined) byMetric.set(result.metric, [result]);
    else group.push(result);
  }
  return [...byMetric.values()].flatMap((group) => {
    const overall = group.filter(isOverall);
    return [...overall, ...group.filter((r) => !isOverall(r))].map((result, i) => ({ result, isFirstOfMetric: i === 0 }));
  });
}

/** Segment columns in first-seen order. */
export function collectSegmentKeys(results: readonly Result[]): string[] {
  return [...new Set(results.flatMap((r) => Object.keys(r.segment)))];
}

/** The result's value of a segment column; own keys only, so a column called `constructor` is data. */
export function segmentValue(result: Result, key: string): string | undefined {
  return Object.hasOwn(result.segment, key) ? result.segment[key] : undefined;
}

/** Shown in a segment or period column for a row that is not broken down by it. */
export const ALL = 'all';

/**
 * Shown to people for a blank segment value (rows whose `--by` cell was empty): an empty label
 * reads as a missing one. Human formats only: JSON, NDJSON and CSV keep the data, "", so a value
 * that is literally "(blank)" stays told apart there.
 */
const BLANK = '(blank)';

/** A segment value as people read it. */
export function segmentLabel(value: string): string {
  return value === '' ? BLANK : value;
}

/** A result's segment column as people read it: its value, `(blank)`, or `all` when not broken down by it. */
export function segmentCell(result: Result, key: string): string {
  const value = segmentValue(result, key);
  return value === undefined ? ALL : segmentLabel(value);
}

function isOverall(result: Result): boolean {
  return result.period === null && Object.keys(result.segment).length === 0;
}
