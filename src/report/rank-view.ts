import type { RankGroup, RankRow, Report } from '../scorecard/model.js';
import { segmentLabel } from './result-rows.js';
import { formatConfidenceLevel, formatCount, formatInterval, formatValue, MISSING } from './units.js';

/**
 * How people read `--rank` (table, Markdown, HTML): one place for which rankings are shown, how a
 * row's segment and flag read, and the heading. JSON keeps every ranking.
 */

/**
 * The rankings shown: over the whole window when the report has it (one ranking per metric, not
 * one per period per metric); per period only for a report without whole-window rows.
 */
export function listedRankGroups(report: Pick<Report, 'rank'>): RankGroup[] {
  const groups = report.rank ?? [];
  const whole = groups.filter((group) => group.period === null);
  return whole.length > 0 ? whole : groups;
}

/** `CSAT by team · overall 76.6% · 95% funnel limits` (period added when ranked per period). */
export function describeRankGroup(group: RankGroup): string {
  const period = group.period === null ? '' : ` · ${group.period}`;
  const overall = group.overall === null ? '' : ` · overall ${formatValue(group.overall, group.unit)}`;
  return `${group.name} by ${group.by.join(', ')}${period}${overall} · ${formatConfidenceLevel(group.confidence)} funnel limits`;
}

/** `Alpha` or `EMEA / Network` for two `--by` columns, in the order of `by`. */
export function rankSegmentText(group: RankGroup, row: RankRow): string {
  return group.by.map((column) => segmentLabel(Object.hasOwn(row.segment, column) ? (row.segment[column] ?? '') : '')).join(' / ');
}

/**
 * `▲ above` / `▼ below` / `within`: outside the limits, the segment differs from the rest by more
 * than chance at its size; `better` says whether that is good news.
 */
export function rankFlagText(row: RankRow): string {
  switch (row.flag) {
    case 'above':
      return '▲ above';
    case 'below':
      return '▼ below';
    case 'within':
      return 'within';
    case null:
      return '';
  }
}

/** Whether a flag is good or bad news for this metric; null when neither (within, or no better side). */
export function rankFlagMeaning(group: RankGroup, row: RankRow): 'better' | 'worse' | null {
  if (group.better === null || row.flag === null || row.flag === 'within') return null;
  return (row.flag === 'above') === (group.better === 'higher') ? 'better' : 'worse';
}

/** The cells every human format shows for a ranked row, in order: #, segment, value, n, CI, limits, flag. */
export function rankCells(group: RankGroup, row: RankRow): string[] {
  return [
    row.position === null ? MISSING : String(row.position),
    rankSegmentText(group, row),
    formatValue(row.value, group.unit),
    formatCount(row.n),
    formatInterval(row.ci, group.unit),
    formatInterval(row.limits, group.unit),
    rankFlagText(row),
  ];
}
