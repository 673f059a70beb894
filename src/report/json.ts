import type {
  BaselineChange,
  Change,
  CompositeComponent,
  CompositeResult,
  InputSummary,
  RankGroup,
  Report,
  Result,
  Summary,
  TargetResult,
} from '../scorecard/model.js';
import type { DiffReport } from '../scorecard/diff.js';
import { neutraliseJson } from './safe-text.js';
import type { InputQuality } from '../metrics/data-quality.js';

/**
 * The JSON report (cli.md "JSON report"): the Report as it is, with keys in the documented
 * order so that diffs and `jq` users see a stable shape whatever order the scorecard built it in.
 */
export function formatJson(report: Report): string {
  return `${stringifyStrict(orderReport(report), 2)}\n`;
}

/** `xla diff --format json`: the xla-diff/1 document as diffReports built it (its order is already stable). */
export function formatDiffJson(diff: DiffReport): string {
  return `${stringifyStrict(diff, 2)}\n`;
}

/**
 * The one JSON writer. JSON.stringify turns NaN and Infinity into null without a word, which
 * would pass a bug off as "no data": refusing them makes the bug visible (exit 3) instead. The
 * text is then neutraliseJson'd: strings keep their exact value, but no raw DEL, C1, bidi control
 * or `##[` reaches a terminal or CI log that prints the JSON.
 */
export function stringifyStrict(value: unknown, indent?: number): string {
  const json = JSON.stringify(
    value,
    (key: string, item: unknown) => {
      if (typeof item === 'number' && !Number.isFinite(item)) {
        throw new Error(`xla bug: the report holds ${String(item)} at "${key}"; numbers must be finite or null`);
      }
      return item;
    },
    indent,
  );
  return neutraliseJson(json);
}

/** The documented key order of each part of the report. */
function orderReport(report: Report): Report {
  return {
    schema: report.schema,
    title: report.title,
    inputs: report.inputs.map(orderInput),
    results: report.results.map(orderResult),
    targets: report.targets.map(orderTarget),
    composites: report.composites.map(orderComposite),
    summary: orderSummary(report.summary),
    ...(report.rank === undefined ? {} : { rank: report.rank.map(orderRankGroup) }),
  };
}

function orderRankGroup(group: RankGroup): RankGroup {
  const { metric, name, unit, better, period, by, overall, confidence } = group;
  return {
    metric,
    name,
    unit,
    better,
    period,
    by,
    overall,
    confidence,
    rows: group.rows.map(({ position, segment, value, n, ci, limits, flag }) => ({ position, segment, value, n, ci, limits, flag })),
  };
}

export function orderInput(input: InputSummary): InputSummary {
  const { type, delimiter, encoding } = input.format;
  return {
    name: input.name,
    kind: input.kind,
    preset: input.preset,
    rows: input.rows,
    accepted: input.accepted,
    rejected: input.rejected,
    format: delimiter === undefined ? { type, encoding } : { type, delimiter, encoding },
    fields: input.fields,
    ...(input.units === undefined ? {} : { units: input.units }),
    ...(input.labels === undefined ? {} : { labels: input.labels }),
    ...(input.join === undefined
      ? {}
      : { join: { with: input.join.with, key: input.join.key, matched: input.join.matched, unmatched: input.join.unmatched } }),
    ...(input.quality === undefined ? {} : { quality: orderQuality(input.quality) }),
  };
}

function orderQuality(quality: InputQuality): InputQuality {
  const { completeness, validity, duplicates, freshness, fields } = quality;
  return { completeness, validity, duplicates, freshness, fields };
}

export function orderResult(result: Result): Result {
  const ordered: Result = {
    metric: result.metric,
    name: result.name,
    domain: result.domain,
    unit: result.unit,
    better: result.better,
    segment: result.segment,
    period: result.period,
    value: result.value,
    n: result.n,
    ci: result.ci,
  };
  if (result.detail !== undefined) ordered.detail = result.detail;
  if (result.change !== undefined) ordered.change = orderChange(result.change);
  return ordered;
}

function orderChange(change: Change): Change {
  const ordered: Change = { from: change.from, delta: change.delta, p: change.p, significant: change.significant };
  if (change.detail !== undefined) ordered.detail = change.detail;
  return ordered;
}

export function orderTarget(target: TargetResult): TargetResult {
  return {
    id: target.id,
    name: target.name,
    metric: target.metric,
    segment: target.segment,
    period: target.period,
    where: target.where,
    op: target.op,
    threshold: target.threshold,
    unit: target.unit,
    value: target.value,
    n: target.n,
    ci: target.ci,
    min_n: target.min_n,
    basis: target.basis,
    level: target.level,
    status: target.status,
    outcome: target.outcome,
    ...(target.detail === undefined ? {} : { detail: target.detail }),
    ...(target.change === undefined ? {} : { change: orderBaselineChange(target.change) }),
  };
}

function orderBaselineChange(change: BaselineChange): BaselineChange {
  const { baseline, base, base_n, delta, relative_delta, relative, ci, p, significant, note } = change;
  return { baseline, base, base_n, delta, relative_delta, relative, ci, p, significant, ...(note === undefined ? {} : { note }) };
}

export function orderComposite(composite: CompositeResult): CompositeResult {
  return {
    id: composite.id,
    name: composite.name,
    domain: composite.domain,
    value: composite.value,
    status: composite.status,
    op: composite.op,
    threshold: composite.threshold,
    level: composite.level,
    outcome: composite.outcome,
    components: composite.components.map(orderComponent),
  };
}

function orderComponent(component: CompositeComponent): CompositeComponent {
  return {
    target: component.target,
    weight: component.weight,
    score: component.score,
    status: component.status,
    key: component.key,
  };
}

export function orderSummary(summary: Summary): Summary {
  return {
    targets: summary.targets,
    met: summary.met,
    breached: summary.breached,
    inconclusive: summary.inconclusive,
    no_data: summary.no_data,
    status: summary.status,
  };
}
