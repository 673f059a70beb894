/**
 * From the file's shape (schema.ts) to an XlaConfig: checks that need more than one key (a target's
 * value in its metric's unit, unique ids, components that name real targets, floors), durations in
 * seconds, defaults that depend on other entries (a target's id), and source paths resolved against
 * the config file's folder. Every problem is collected with its exact path, so the loader can report
 * several at once.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { DURATION_FIELDS } from '../fields/column-units.js';
import { parseOverride } from '../fields/match.js';
import { checkUserLabels } from '../fields/label-scales.js';
import type { LabelMap } from '../fields/label-scales.js';
import { DEFAULT_SCALES } from '../fields/types.js';
import type { Scales } from '../fields/types.js';
import { parseDuration } from '../fields/units.js';
import { isInvalid } from '../fields/values.js';
import { findMetric } from '../metrics/registry.js';
import { parseDateBound } from '../time/periods.js';
import type { MetricDef } from '../metrics/types.js';
import type { CompositeComponentRule, CompositeRule, TargetRule, TargetSpec } from '../scorecard/rules.js';
import { resolveBusinessHours } from './business-hours.js';
import { didYouMean, formatPath } from './issues.js';
import type { ConfigIssue } from './issues.js';
import type { RawComponent, RawComposite, RawConfig, RawScales, RawSource, RawTarget } from './schema.js';
import { parseChangeTarget, parseChangeValue, parseIndexTarget, parseTarget, parseTargetValue } from './target.js';
import type { SourceDef, XlaConfig } from './types.js';
import { isValueError, readDurationWithUnit, type ValueError } from './values.js';

export type Resolved = { config: XlaConfig; issues: [] } | { config: undefined; issues: ConfigIssue[] };

/** Collects problems while the config is built; a problem stops nothing, so all are found. */
class IssueList {
  readonly issues: ConfigIssue[] = [];
  add(path: readonly PropertyKey[], message: string, atKey = false): void {
    this.issues.push(atKey ? { path, message, atKey } : { path, message });
  }
}

export function resolveConfig(raw: RawConfig, file: string): Resolved {
  const issues = new IssueList();
  const targets = raw.targets.map((target, index) => resolveTarget(target, index, raw, issues));
  const composites = raw.composites.map((composite, index) => resolveComposite(composite, index, targets, issues));
  checkUniqueIds(raw, targets, composites, issues);
  const config: XlaConfig = {
    file,
    title: raw.title ?? null,
    timezone: raw.timezone,
    confidence: raw.confidence,
    method: raw.method,
    sources: raw.sources.map((source, index) => resolveSource(source, index, file, raw.scales, issues)),
    by: resolveBy(raw.by),
    period: raw.period,
    apdexT: resolveApdexT(raw.apdex_t, issues),
    population: resolvePopulation(raw, issues),
    scales: compactScales(raw.scales),
    ...resolveSla(raw.sla ?? new Map(), issues),
    businessHours: resolveBusinessHours(raw, (path, message, atKey) => issues.add(path, message, atKey)),
    asOf: resolveAsOf(raw.as_of, raw.timezone, issues),
    selfServiceChannels: raw.self_service_channels ?? [],
    join: raw.join,
    targets,
    composites,
    customers: { margin: raw.customers?.margin, discountRate: raw.customers?.discount_rate, clv: raw.customers?.clv },
    baseline: raw.baseline === undefined ? undefined : resolveSourcePath(file, raw.baseline),
  };
  return issues.issues.length === 0 ? { config, issues: [] } : { config: undefined, issues: issues.issues };
}

// ── sources and settings ─────────────────────────────────────────────────────────────────────

/** `population:` or, as config.md writes it, `customers: { population }`: one of them, not both. */
function resolvePopulation(raw: RawConfig, issues: IssueList): number | undefined {
  const own = raw.population;
  const inCustomers = raw.customers?.population;
  if (own !== undefined && inCustomers !== undefined) {
    issues.add(['customers', 'population'], 'population is given twice (also at the top level): keep one');
    return undefined;
  }
  return own ?? inCustomers;
}

/** `data/x.csv` in `ci/xla.config.yml` is `ci/data/x.csv`; `-` (standard input) and absolute paths stay. */
function resolveSourcePath(configFile: string, sourcePath: string): string {
  if (sourcePath === '-' || isAbsolute(sourcePath)) return sourcePath;
  return join(dirname(configFile), sourcePath);
}

function resolveSource(source: RawSource, index: number, file: string, globalScales: RawScales | undefined, issues: IssueList): SourceDef {
  return {
    path: resolveSourcePath(file, source.path),
    kind: source.kind,
    preset: source.preset,
    map: [...(source.map ?? [])].map(([field, column]) => parseOverride(field, column)),
    encoding: source.encoding,
    delimiter: source.delimiter,
    decimal: source.decimal,
    dateFormat: source.date_format,
    scales: compactScales(source.scales),
    units: Object.fromEntries(
      DURATION_FIELDS.flatMap((field) => (source.units?.[field] === undefined ? [] : [[field, source.units[field]]])),
    ),
    values: resolveValues(
      source.values,
      { ...DEFAULT_SCALES, ...compactScales(globalScales), ...compactScales(source.scales) },
      index,
      issues,
    ),
  };
}

/** A source's `values:`, each field's labels checked against the field and its scale (a problem names its key). */
function resolveValues(
  values: ReadonlyMap<string, ReadonlyMap<string, number>> | undefined,
  scales: Scales,
  index: number,
  issues: IssueList,
): LabelMap[] {
  const maps = [...(values ?? [])].map(([field, labels]) => ({ field, labels: [...labels] }));
  for (const map of maps) {
    for (const problem of checkUserLabels(map, scales)) {
      const path = ['sources', index, 'values', map.field, ...(problem.label === null ? [] : [problem.label])];
      issues.add(path, problem.message, problem.label === null);
    }
  }
  return maps;
}

/** `by: team` or `by: team, region` (as on the command line) or `by: [team, region]`. */
function resolveBy(by: string | string[] | undefined): string[] | undefined {
  if (by === undefined) return undefined;
  const list = typeof by === 'string' ? by.split(',') : by;
  return list.map((column) => column.trim()).filter((column) => column !== '');
}

/** `500ms`, `0.5s`, or a number of milliseconds, as `--apdex-t` takes it; seconds out. */
function resolveApdexT(apdexT: string | number | undefined, issues: IssueList): number | undefined {
  if (apdexT === undefined) return undefined;
  const seconds = parseDuration(String(apdexT), 'ms');
  if (isInvalid(seconds) || seconds <= 0 || !Number.isFinite(seconds)) {
    issues.add(['apdex_t'], `expected a positive duration such as 500ms or 1.2s (a plain number is milliseconds), got "${String(apdexT)}"`);
    return undefined;
  }
  return seconds;
}

type RawSla = NonNullable<RawConfig['sla']>;

/**
 * `sla:` per priority: a duration is the resolution target; `{ first_response, resolution }` gives
 * either or both. Priority values are data: fromEntries makes each an own property, `__proto__`
 * and `constructor` too.
 */
function resolveSla(sla: RawSla, issues: IssueList): Pick<XlaConfig, 'sla' | 'slaFirstResponse'> {
  const resolution: [string, number][] = [];
  const firstResponse: [string, number][] = [];
  const take = (into: [string, number][], priority: string, text: string | number | undefined, path: readonly PropertyKey[]): void => {
    if (text === undefined) return;
    const duration = readDurationWithUnit(String(text), `sla ${priority}`);
    if (isValueError(duration)) issues.add(path, duration.error);
    else if (duration <= 0) issues.add(path, `expected a duration above 0, got "${String(text)}"`);
    else into.push([priority, duration]);
  };
  for (const [priority, target] of sla) {
    if (typeof target !== 'object') {
      take(resolution, priority, target, ['sla', priority]);
      continue;
    }
    if (target.first_response === undefined && target.resolution === undefined)
      issues.add(['sla', priority], 'give first_response, resolution or both, e.g. { first_response: 15m, resolution: 4h }');
    take(firstResponse, priority, target.first_response, ['sla', priority, 'first_response']);
    take(resolution, priority, target.resolution, ['sla', priority, 'resolution']);
  }
  return { sla: Object.fromEntries(resolution), slaFirstResponse: Object.fromEntries(firstResponse) };
}

/** `as_of:` checked here, where a mistake gets its line; the CLI reads it again in the run's zone. */
function resolveAsOf(asOf: string | undefined, timezone: string | undefined, issues: IssueList): string | undefined {
  if (asOf === undefined || asOf.trim().toLowerCase() === 'now') return asOf;
  const instant = parseDateBound(asOf, timezone ?? 'UTC');
  if (isInvalid(instant)) issues.add(['as_of'], `expected a date or time such as 2024-04-12T00:00:00Z, or now; got "${asOf}"`);
  return asOf;
}

/** Only the scales written down; with exact optional types, a key set to undefined is not "absent". */
function compactScales(scales: RawScales | undefined): Partial<Scales> {
  const compact: Partial<Scales> = {};
  if (scales?.csat !== undefined) compact.csat = scales.csat;
  if (scales?.ces !== undefined) compact.ces = scales.ces;
  if (scales?.rating !== undefined) compact.rating = scales.rating;
  return compact;
}

// ── targets ──────────────────────────────────────────────────────────────────────────────────

/**
 * A target's id when none is written: its metric, or `<metric>-<index>` (the index in `targets`)
 * when several targets judge that metric, so the id points at `targets[index]`.
 */
function defaultTargetId(metric: string, index: number, targets: readonly { metric: string }[]): string {
  const sharing = targets.filter((target) => target.metric === metric).length;
  return sharing === 1 ? metric : `${metric}-${index}`;
}

function resolveTarget(raw: RawTarget, index: number, config: RawConfig, issues: IssueList): TargetRule {
  const path = ['targets', index];
  const metric = findMetric(raw.metric);
  const written = whichTarget(raw, path, issues);
  const parsed = metric === undefined || written === undefined ? undefined : parseWrittenTarget(written, metric, path, issues);
  if (raw.basis !== 'point' && config.confidence === 0) {
    issues.add([...path, 'basis'], `basis ${raw.basis} needs confidence intervals, but confidence is 0 (intervals off)`);
  }
  return {
    id: raw.id ?? defaultTargetId(raw.metric, index, config.targets),
    name: raw.name ?? null,
    metric: raw.metric,
    // Only reached with issues, which stop the load before anyone reads this placeholder.
    target: parsed ?? { op: '>=', threshold: 0, text: written?.text ?? '' },
    where: resolveWhere(raw.where ?? new Map()),
    each: raw.each ?? null,
    minN: raw.min_n,
    level: raw.level,
    basis: raw.basis,
    inconclusive: raw.inconclusive,
    origin: formatPath(path),
    ...(written?.on === 'change' ? { change: { relative: parsed?.relative === true } } : {}),
  };
}

/** `target:` (on the value) or `change:` (against the baseline): exactly one of them. */
function whichTarget(
  raw: RawTarget,
  path: readonly PropertyKey[],
  issues: IssueList,
): { on: 'value' | 'change'; text: string } | undefined {
  if (raw.target !== undefined && raw.change !== undefined) {
    issues.add([...path, 'change'], 'give target (on the value) or change (against the baseline), not both: write two targets');
    return undefined;
  }
  if (raw.target !== undefined) return { on: 'value', text: raw.target };
  if (raw.change !== undefined) return { on: 'change', text: raw.change };
  issues.add([...path, 'target'], 'missing (required): a target such as ">= 30", or change: ">= -2" against the baseline report');
  return undefined;
}

function parseWrittenTarget(
  written: { on: 'value' | 'change'; text: string },
  metric: MetricDef,
  path: readonly PropertyKey[],
  issues: IssueList,
): (TargetSpec & { relative?: boolean }) | undefined {
  const parsed = written.on === 'value' ? parseTarget(written.text, metric) : parseChangeTarget(written.text, metric);
  if (!isValueError(parsed)) return parsed;
  issues.add([...path, written.on === 'value' ? 'target' : 'change'], parsed.error);
  return undefined;
}

/**
 * `{ priority: P1 }` or `{ priority: [P1, P2] }`; numbers and booleans compare as the text a file
 * holds. Column names are data: fromEntries keeps a column called `__proto__` as a filter.
 */
function resolveWhere(where: NonNullable<RawTarget['where']>): Record<string, string[]> {
  return Object.fromEntries([...where].map(([column, values]) => [column, (Array.isArray(values) ? values : [values]).map(String)]));
}

// ── composites ───────────────────────────────────────────────────────────────────────────────

function resolveComposite(raw: RawComposite, index: number, targets: readonly TargetRule[], issues: IssueList): CompositeRule {
  const path = ['composites', index];
  const components: CompositeComponentRule[] = [];
  for (const [targetId, component] of raw.components) {
    const resolved = resolveComponent(targetId, component, [...path, 'components', targetId], targets, issues);
    if (resolved !== undefined) components.push(resolved);
  }
  let target: TargetSpec | null = null;
  if (raw.target !== undefined) {
    const parsed = parseIndexTarget(raw.target);
    if (isValueError(parsed)) issues.add([...path, 'target'], parsed.error);
    else target = parsed;
  }
  return { id: raw.id, name: raw.name ?? raw.id, components, target, level: raw.level, origin: formatPath(path) };
}

function resolveComponent(
  targetId: string,
  raw: RawComponent,
  path: readonly PropertyKey[],
  targets: readonly TargetRule[],
  issues: IssueList,
): CompositeComponentRule | undefined {
  const target = targets.find((candidate) => candidate.id === targetId);
  if (target === undefined) {
    const ids = targets.map((candidate) => candidate.id);
    const known = ids.length === 0 ? '; no targets are defined' : didYouMean(targetId, ids) || `; targets are ${ids.join(', ')}`;
    issues.add(path, `unknown target "${targetId}"${known}`, true);
    return undefined;
  }
  if (typeof raw === 'number') return { target: targetId, weight: raw, key: false, floor: undefined };
  const floor = raw.floor === undefined ? undefined : resolveFloor(String(raw.floor), target, [...path, 'floor'], issues);
  return { target: targetId, weight: raw.weight, key: raw.key, floor };
}

/**
 * The floor is where the component's score reaches 0, so it must lie beyond the threshold on the
 * failing side (below a `>=` target, above a `<=` one); otherwise the score could not fall from
 * 100 to 0 between them.
 */
function resolveFloor(text: string, target: TargetRule, path: readonly PropertyKey[], issues: IssueList): number | undefined {
  const metric = findMetric(target.metric);
  if (metric === undefined) return undefined;
  const floor = target.change === undefined ? parseTargetValue(text, metric) : parseChangeFloor(text, target.change.relative, metric);
  if (isValueError(floor)) {
    issues.add(path, floor.error);
    return undefined;
  }
  // A target that did not parse has already been reported; its placeholder threshold means nothing.
  const parsedTarget =
    target.change === undefined ? parseTarget(target.target.text, metric) : parseChangeTarget(target.target.text, metric);
  if (isValueError(parsedTarget)) return floor;
  const { op, threshold } = parsedTarget;
  if (typeof threshold !== 'number') return floor;
  if ((op === '>=' || op === '>') && floor >= threshold) {
    issues.add(path, `the floor must lie below the target's threshold (${target.target.text}), got "${text}"`);
  } else if ((op === '<=' || op === '<') && floor <= threshold) {
    issues.add(path, `the floor must lie above the target's threshold (${target.target.text}), got "${text}"`);
  }
  return floor;
}

/** A change target's floor is a change too, written the same way as its threshold (`-4`, or `-10%` for a relative one). */
function parseChangeFloor(text: string, relative: boolean, metric: MetricDef): number | ValueError {
  const floor = parseChangeValue(text, metric);
  if (isValueError(floor)) return floor;
  if (floor.relative !== relative) {
    return {
      error: `write the floor as the change target's threshold is written (${relative ? 'in % of the baseline' : "in the metric's unit"}), got "${text}"`,
    };
  }
  return floor.value;
}

// ── ids ──────────────────────────────────────────────────────────────────────────────────────

/** Ids name verdicts in reports and components in composites, so two things may not share one. */
function checkUniqueIds(raw: RawConfig, targets: readonly TargetRule[], composites: readonly CompositeRule[], issues: IssueList): void {
  const firstUse = new Map<string, string>();
  const claim = (id: string, path: readonly PropertyKey[], written: boolean): void => {
    const first = firstUse.get(id);
    if (first === undefined) {
      firstUse.set(id, formatPath(path));
      return;
    }
    const how = written ? '' : ' (the default id of this target; give it an id)';
    issues.add(written ? [...path, 'id'] : path, `duplicate id "${id}", already used at ${first}${how}`);
  };
  targets.forEach((target, index) => claim(target.id, ['targets', index], raw.targets[index]?.id !== undefined));
  composites.forEach((composite, index) => claim(composite.id, ['composites', index], true));
}
