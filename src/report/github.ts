import type { Outcome, Report } from '../scorecard/model.js';
import { formatMarkdown } from './markdown.js';
import { neutraliseText } from './safe-text.js';
import type { FormatOptions } from './types.js';
import { formatCount } from './units.js';
import { describeComposite, describeTarget, formatSummaryLine, formatTargetLabel, sortByOutcome } from './verdict.js';

/**
 * GitHub Actions workflow commands: an `::error` per failing verdict and a `::warning` per
 * warning, which GitHub shows as annotations on the run, then a `::notice` with the counts.
 * The scorecard itself goes to the step summary (formatStepSummary), which the CLI appends to
 * `$GITHUB_STEP_SUMMARY`: this formatter only returns text.
 */
export function formatGithub(report: Report, options: FormatOptions): string {
  const targetLines = sortByOutcome(report.targets).flatMap((target) =>
    annotate(target.outcome, `XLA ${formatTargetLabel(target)}`, describeTarget(target, options)),
  );
  const compositeLines = sortByOutcome(report.composites).flatMap((composite) =>
    annotate(composite.outcome, `XLA ${composite.id}`, describeComposite(composite)),
  );
  const summary = workflowCommand('notice', { title: 'XLA summary' }, formatSummaryMessage(report));
  return [...targetLines, ...compositeLines, summary].map((line) => `${line}\n`).join('');
}

/** The Markdown scorecard for `$GITHUB_STEP_SUMMARY`: the markdown format, never coloured. */
export function formatStepSummary(report: Report, options: Omit<FormatOptions, 'color'> = {}): string {
  return formatMarkdown(report, { ...options, color: false });
}

function annotate(outcome: Outcome | null, title: string, message: string): string[] {
  switch (outcome) {
    case 'fail':
      return [workflowCommand('error', { title }, message)];
    case 'warn':
      return [workflowCommand('warning', { title }, message)];
    case 'pass':
    case null:
      return [];
  }
}

function formatSummaryMessage(report: Report): string {
  if (report.summary.targets > 0) return formatSummaryLine(report.summary);
  const results = `${formatCount(report.results.length)} ${report.results.length === 1 ? 'result' : 'results'}`;
  return `no targets to check (${results})`;
}

/**
 * `::error title=XLA csat-floor::message`; escaping as @actions/core does it (toCommandValue /
 * escapeProperty), after neutraliseText: data in a title or message shows its control characters
 * and can carry no command of its own (a `##[` would be read even inside this line).
 */
export function workflowCommand(
  command: 'error' | 'warning' | 'notice',
  properties: Readonly<Record<string, string>>,
  message: string,
): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(neutraliseText(value))}`)
    .join(',');
  return `::${command}${props === '' ? '' : ` ${props}`}::${escapeData(neutraliseText(message))}`;
}

/** A message may hold anything but the characters that end or garble a command line. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value also must not hold `:` (ends the properties) or `,` (separates them). */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
