import type { Outcome, TargetStatus } from '../../scorecard/model.js';
import { formatStatusWord } from '../verdict.js';
import { escapeHtml } from './escape.js';

/**
 * How a verdict looks: a CSS class for its colour, an icon and the word, so that it still reads in
 * greyscale print or to a reader who cannot tell the colours apart.
 */
export type StatusTone = 'met' | 'breached' | 'warn' | 'nodata';

export function toneOf(status: TargetStatus, outcome: Outcome | null): StatusTone {
  if (status === 'met') return 'met';
  if (status === 'no_data') return 'nodata';
  // A breach that only warns, and an inconclusive verdict, are amber: worth a look, not a failure.
  return status === 'breached' && outcome !== 'warn' ? 'breached' : 'warn';
}

const TONE_ICONS: Readonly<Record<StatusTone, string>> = { met: '✓', breached: '✗', warn: '!', nodata: '–' };

/** `<span class="status status-met"><span aria-hidden="true">✓</span> met</span>`. */
export function renderStatus(status: TargetStatus, outcome: Outcome | null): string {
  const tone = toneOf(status, outcome);
  const word = outcome === 'warn' && status === 'breached' ? 'breached (warn)' : formatStatusWord(status);
  return `<span class="status status-${tone}"><span class="icon" aria-hidden="true">${TONE_ICONS[tone]}</span> ${escapeHtml(word)}</span>`;
}

/** The run's verdict: pass, warn or fail, in the same colours as the targets'. */
export function renderOutcome(outcome: Outcome): string {
  const tone: StatusTone = outcome === 'pass' ? 'met' : outcome === 'warn' ? 'warn' : 'breached';
  return `<span class="status status-${tone}"><span class="icon" aria-hidden="true">${TONE_ICONS[tone]}</span> ${outcome}</span>`;
}
