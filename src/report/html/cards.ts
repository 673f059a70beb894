import type { Result, TargetResult } from '../../scorecard/model.js';
import { formatCount, formatInterval, formatIntervalLabel, formatValue } from '../units.js';
import { formatTargetCondition, sortByOutcome } from '../verdict.js';
import { escapeHtml } from './escape.js';
import { renderStatus, toneOf } from './status.js';

/** The targets a headline card answers to: over all rows and the whole window, worst first. */
function headlineTargets(targets: readonly TargetResult[], metric: string): TargetResult[] {
  return sortByOutcome(
    targets.filter(
      (t) => t.metric === metric && t.period === null && Object.keys(t.segment).length === 0 && Object.keys(t.where).length === 0,
    ),
  );
}

/** The value and the label it must not be read without (CLV's `revenue-only`), as the table shows them. */
export function formatLabelledValue(result: Result): string {
  const text = formatValue(result.value, result.unit, result.detail);
  const label = result.detail?.['label'];
  return typeof label === 'string' && result.value !== null ? `${text} ${label}` : text;
}

/**
 * One card per metric's overall value: name, value, n and interval, and the verdict of its
 * targets by icon, word and colour (a card without a target stays neutral).
 */
export function renderCard(result: Result, targets: readonly TargetResult[], confidence: number | undefined): string {
  const own = headlineTargets(targets, result.metric);
  const first = own[0];
  const tone = first === undefined ? 'plain' : toneOf(first.status, first.outcome);
  const ci = result.ci === null ? [] : [`${formatIntervalLabel(confidence)} ${formatInterval(result.ci, result.unit)}`];
  const meta = [`n ${formatCount(result.n)}`, ...ci].map((part) => `<span class="nowrap">${escapeHtml(part)}</span>`).join(' · ');
  const statuses = own.map(
    (t) =>
      `<p class="card-status">${renderStatus(t.status, t.outcome)} <span class="card-target">${escapeHtml(formatTargetCondition(t))}</span></p>`,
  );
  return [
    `<article class="card tone-${tone}">`,
    `<p class="card-name">${escapeHtml(result.name)}</p>`,
    `<p class="card-value">${escapeHtml(formatLabelledValue(result))}</p>`,
    `<p class="card-meta">${meta}</p>`,
    ...statuses,
    '</article>',
  ].join('\n');
}
