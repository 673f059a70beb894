import type { DiffResult, DiffSummary } from '../scorecard/diff.js';
import type { TargetStatus } from '../scorecard/model.js';
import { MISSING, formatCount } from './units.js';
import { formatStatusWord, formatTargetScope } from './verdict.js';

/** What the diff formats for people (table, Markdown, JUnit) say alike; one place so they say it in the same words. */

/** `1 regression, 2 improvements, 1 target status change`. */
export function formatDiffHeadline(summary: DiffSummary): string {
  return [
    countOf(summary.regressions, 'regression'),
    countOf(summary.improvements, 'improvement'),
    countOf(summary.target_changes, 'target status change'),
  ].join(', ');
}

/** `2 results only in base, 1 result only in head`; empty when every result is in both reports. */
export function formatOnlyCounts(summary: DiffSummary): string {
  return [
    ...(summary.only_base === 0 ? [] : [`${countOf(summary.only_base, 'result')} only in base`]),
    ...(summary.only_head === 0 ? [] : [`${countOf(summary.only_head, 'result')} only in head`]),
  ].join(', ');
}

function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
}

/** `Team=Desk`, `Team=(blank), region=EU`; `all` for the overall row. Data text: the caller neutralises it. */
export function formatSegmentText(segment: Readonly<Record<string, string>>): string {
  const scope = formatTargetScope({ segment, where: {}, period: null });
  return scope.length === 0 ? 'all' : scope.join(', ');
}

/** What became of a row: `significantly worse`, `not significant`, `not tested`, `only in base`…; empty when nothing needs saying. */
export function formatRowVerdict(row: DiffResult): string {
  if (row.only !== undefined) return `only in ${row.only}`;
  if (row.significant === true)
    return row.direction === 'better' || row.direction === 'worse' ? `significantly ${row.direction}` : 'significant';
  if (row.significant === false) return 'not significant';
  if (row.detail === undefined) return '';
  return row.detail.startsWith('not tested') ? 'not tested' : row.detail;
}

/** A target's status on one side; `–` where that report lacks the target. */
export function formatSideStatus(status: TargetStatus | null): string {
  return status === null ? MISSING : formatStatusWord(status);
}
