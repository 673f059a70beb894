/**
 * `xla diff`: two JSON reports compared row by row (issue 22). A pure function from the two
 * reports, as io/read-report.ts read them, to the diff every diff formatter renders. Results are
 * matched on metric, segment and period; every one of either report is listed. Targets are
 * matched on id, segment and period; only those whose status changed, or that one report lacks,
 * are listed. The change test is the one between periods (change.ts, metrics.md §6.5).
 */
import { findMetric, METRICS } from '../metrics/registry.js';
import type { Better, IntervalMethod, Unit } from '../metrics/types.js';
import type { NetIntervalMethod } from '../stats/intervals.js';
import { describeChange } from './change.js';
import type { Result, TargetResult, TargetStatus } from './model.js';

export const DIFF_SCHEMA = 'xla-diff/1';

/** What diff reads of a report's result (the JSON report's own fields). */
export type ComparedResult = Pick<Result, 'metric' | 'name' | 'unit' | 'better' | 'segment' | 'period' | 'value' | 'n' | 'detail'>;

/** What diff reads of a report's target verdict; `n` and `detail` are what a later run's change target compares with. */
export type ComparedTarget = Pick<
  TargetResult,
  'id' | 'name' | 'metric' | 'segment' | 'period' | 'unit' | 'value' | 'n' | 'level' | 'status' | 'detail'
>;

export interface ComparedReport {
  title: string | null;
  results: ComparedResult[];
  targets: ComparedTarget[];
}

/** A report as the user named it (`base.json`, or `-` for standard input). */
export interface NamedReport {
  file: string;
  report: ComparedReport;
}

/** Which side a row comes from when the other report lacks it. */
export type Side = 'base' | 'head';

/** The change against the metric's better side; null where the metric has none or a value is missing. */
export type Direction = 'better' | 'worse' | 'same';

export interface DiffResult {
  metric: string;
  name: string;
  unit: Unit;
  better: Better | null;
  segment: Record<string, string>;
  period: string | null;
  base: number | null;
  head: number | null;
  /** head − base, in the metric's unit (percentage points for %). */
  delta: number | null;
  p: number | null;
  /** p < 1 − confidence; null without a test (or with --confidence 0). */
  significant: boolean | null;
  direction: Direction | null;
  base_n: number | null;
  head_n: number | null;
  /** Present only for a row one report lacks. */
  only?: Side | undefined;
  /** Why there is no test (or no delta), where one side has a value; absent otherwise. */
  detail?: string | undefined;
}

export interface DiffTarget {
  id: string;
  name: string | null;
  metric: string;
  segment: Record<string, string>;
  period: string | null;
  level: 'error' | 'warn';
  unit: Unit;
  /** The statuses; null on the side that lacks the target. */
  base: TargetStatus | null;
  head: TargetStatus | null;
  base_value: number | null;
  head_value: number | null;
  only?: Side | undefined;
  /** Breached in head, not breached in base: what a CI job fails on. */
  regression: boolean;
}

export interface DiffSummary {
  /** Significantly worse results. */
  regressions: number;
  /** Significantly better results. */
  improvements: number;
  /** Targets listed: status changed, or in one report only. */
  target_changes: number;
  /** Targets breached in head that were not breached in base. */
  target_regressions: number;
  only_base: number;
  only_head: number;
}

export interface DiffReport {
  schema: typeof DIFF_SCHEMA;
  base: { file: string; title: string | null };
  head: { file: string; title: string | null };
  confidence: number;
  summary: DiffSummary;
  results: DiffResult[];
  targets: DiffTarget[];
}

export interface DiffSettings {
  /** In (0, 1); 0 reports p but never calls a change significant. */
  confidence: number;
  netMethod: NetIntervalMethod;
}

export function diffReports(base: NamedReport, head: NamedReport, settings: DiffSettings): DiffReport {
  const results = pairRows(base.report.results, head.report.results, resultKey)
    .map(([before, after]) => compareResults(before, after, settings))
    .sort(compareResultOrder);
  const targets = pairRows(base.report.targets, head.report.targets, targetKey)
    .filter(([before, after]) => before?.status !== after?.status)
    .map(([before, after]) => compareTargets(before, after))
    .sort(compareTargetOrder);
  return {
    schema: DIFF_SCHEMA,
    base: { file: base.file, title: base.report.title },
    head: { file: head.file, title: head.report.title },
    confidence: settings.confidence,
    summary: summarise(results, targets),
    results,
    targets,
  };
}

/** Whether a row is significantly worse (a regression) or better (an improvement). */
export function isRegression(row: DiffResult): boolean {
  return row.significant === true && row.direction === 'worse';
}

export function isImprovement(row: DiffResult): boolean {
  return row.significant === true && row.direction === 'better';
}

// ── pairing ──────────────────────────────────────────────────────────────────────────────────

/** A segment as one string whatever its key order: `{"b":"1","a":"2"}` and `{"a":"2","b":"1"}` are one segment. */
export function segmentKey(segment: Readonly<Record<string, string>>): string {
  return JSON.stringify(sortedEntries(segment));
}

function resultKey(result: ComparedResult): string {
  return JSON.stringify([result.metric, segmentKey(result.segment), result.period]);
}

function targetKey(target: ComparedTarget): string {
  return JSON.stringify([target.id, segmentKey(target.segment), target.period]);
}

/** Every key of either side with its row on each side (undefined where that side lacks it). */
function pairRows<T>(before: readonly T[], after: readonly T[], keyOf: (row: T) => string): [T | undefined, T | undefined][] {
  const pairs = new Map<string, [T | undefined, T | undefined]>();
  for (const row of before) pairs.set(keyOf(row), [row, undefined]);
  for (const row of after) {
    const key = keyOf(row);
    pairs.set(key, [pairs.get(key)?.[0], row]);
  }
  return [...pairs.values()];
}

// ── results ──────────────────────────────────────────────────────────────────────────────────

function compareResults(before: ComparedResult | undefined, after: ComparedResult | undefined, settings: DiffSettings): DiffResult {
  // pairRows gives at least one side; the head's name, unit and direction are the current ones.
  const shown = (after ?? before) as ComparedResult;
  const row: DiffResult = {
    metric: shown.metric,
    name: shown.name,
    unit: shown.unit,
    better: shown.better,
    segment: shown.segment,
    period: shown.period,
    base: before?.value ?? null,
    head: after?.value ?? null,
    delta: null,
    p: null,
    significant: null,
    direction: null,
    base_n: before?.n ?? null,
    head_n: after?.n ?? null,
  };
  if (before === undefined || after === undefined) return { ...row, only: before === undefined ? 'head' : 'base' };
  const tested = testDifference(before, after, settings);
  return { ...row, ...tested, direction: directionOf(tested.delta, shown.better) };
}

type Tested = Pick<DiffResult, 'delta' | 'p' | 'significant' | 'detail'>;

function testDifference(before: ComparedResult, after: ComparedResult, settings: DiffSettings): Tested {
  const method = findMetric(after.metric)?.interval;
  const change = describeChange(before, after, {
    method: method ?? 'none',
    netMethod: settings.netMethod,
    confidence: settings.confidence,
    between: 'reports',
  });
  const tested: Tested = { delta: change.delta, p: change.p, significant: change.significant };
  const detail = change.detail ?? explainNoTest(before, after, change.p, method);
  return detail === undefined ? tested : { ...tested, detail };
}

/** Why a pair present in both reports has no p, in the words of change.ts's own reasons. */
function explainNoTest(
  before: ComparedResult,
  after: ComparedResult,
  p: number | null,
  method: IntervalMethod | undefined,
): string | undefined {
  if (p !== null) return undefined;
  if (before.value === null && after.value === null) return 'no data in either report';
  if (before.value === null) return 'no data in base';
  if (after.value === null) return 'no data in head';
  if (method === undefined) return 'not tested: a metric this xla does not know';
  if (method === 'none' || method === 'apdex-adjusted-wald') return 'not tested: no test of a change applies to this metric';
  return "not tested: a report lacks the counts behind the value (its result's detail)";
}

function directionOf(delta: number | null, better: Better | null): Direction | null {
  if (delta === null) return null;
  if (delta === 0) return 'same';
  if (better === null) return null;
  return delta > 0 === (better === 'higher') ? 'better' : 'worse';
}

// ── targets ──────────────────────────────────────────────────────────────────────────────────

function compareTargets(before: ComparedTarget | undefined, after: ComparedTarget | undefined): DiffTarget {
  const shown = (after ?? before) as ComparedTarget;
  const base = before?.status ?? null;
  const head = after?.status ?? null;
  return {
    id: shown.id,
    name: shown.name,
    metric: shown.metric,
    segment: shown.segment,
    period: shown.period,
    level: shown.level,
    unit: shown.unit,
    base,
    head,
    base_value: before?.value ?? null,
    head_value: after?.value ?? null,
    ...(before === undefined ? { only: 'head' as const } : after === undefined ? { only: 'base' as const } : {}),
    regression: head === 'breached' && base !== null && base !== 'breached',
  };
}

// ── order ────────────────────────────────────────────────────────────────────────────────────

const REGISTRY_ORDER = new Map(METRICS.map((metric, index) => [metric.id, index]));

/** The registry's metric order (as the scorecard lists them), then metrics it does not know by id; then segment, then period. */
function compareResultOrder(a: DiffResult, b: DiffResult): number {
  const rankA = REGISTRY_ORDER.get(a.metric) ?? REGISTRY_ORDER.size;
  const rankB = REGISTRY_ORDER.get(b.metric) ?? REGISTRY_ORDER.size;
  return rankA - rankB || compareText(a.metric, b.metric) || compareScope(a, b);
}

function compareTargetOrder(a: DiffTarget, b: DiffTarget): number {
  return compareText(a.id, b.id) || compareScope(a, b);
}

/** The overall row first (no segment, no period), then segments by their columns and values, then periods in time order. */
function compareScope(
  a: { segment: Record<string, string>; period: string | null },
  b: { segment: Record<string, string>; period: string | null },
): number {
  const bySegment = compareSegments(a.segment, b.segment);
  if (bySegment !== 0) return bySegment;
  if (a.period === b.period) return 0;
  if (a.period === null) return -1;
  if (b.period === null) return 1;
  return compareText(a.period, b.period);
}

/** Fewer columns first, then column by column: its name, then its value. */
function compareSegments(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): number {
  const entriesA = sortedEntries(a);
  const entriesB = sortedEntries(b);
  if (entriesA.length !== entriesB.length) return entriesA.length - entriesB.length;
  for (const [i, [keyA, valueA]] of entriesA.entries()) {
    const [keyB = '', valueB = ''] = entriesB[i] ?? [];
    const order = compareText(keyA, keyB) || compareText(valueA, valueB);
    if (order !== 0) return order;
  }
  return 0;
}

function sortedEntries(segment: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(segment).sort(([a], [b]) => compareText(a, b));
}

/** By code unit, not locale: the same order on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function summarise(results: readonly DiffResult[], targets: readonly DiffTarget[]): DiffSummary {
  return {
    regressions: results.filter(isRegression).length,
    improvements: results.filter(isImprovement).length,
    target_changes: targets.length,
    target_regressions: targets.filter((target) => target.regression).length,
    only_base: results.filter((row) => row.only === 'base').length,
    only_head: results.filter((row) => row.only === 'head').length,
  };
}
