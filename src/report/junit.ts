import type { CompositeResult, Report, TargetResult } from '../scorecard/model.js';
import { neutraliseText } from './safe-text.js';
import type { FormatOptions } from './types.js';
import { MISSING, formatCount, formatIndex, formatInterval, formatIntervalLabel, formatValueNear } from './units.js';
import {
  describeComposite,
  describeTarget,
  formatCondition,
  formatScore,
  formatStatusWord,
  formatTargetLabel,
  formatTargetScope,
  formatWeight,
} from './verdict.js';

/**
 * JUnit XML for CI test tabs: one test case per target verdict (and per composite with a
 * verdict). A failing outcome is a `<failure>` carrying the numbers; JUnit has no warning, so a
 * warning or an allowed gap is a passing case with the sentence in `<system-out>`. No timestamps
 * and `time="0"`: the same report gives the same bytes.
 */
export function formatJunit(report: Report, options: FormatOptions): string {
  const cases = [
    ...report.targets.map((target) => formatTargetCase(target, options)),
    ...report.composites.filter((c) => c.status !== null).map(formatCompositeCase),
  ];
  const tests = String(cases.length);
  const failures = String(cases.filter((c) => c.isFailure).length);
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="xla" ${counts}>`,
    `  <testsuite name="${escapeAttribute(report.title ?? 'xla')}" ${counts}>`,
    ...cases.flatMap((c) => c.lines.map((line) => `    ${line}`)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

interface TestCase {
  isFailure: boolean;
  lines: string[];
}

function formatTargetCase(target: TargetResult, options: FormatOptions): TestCase {
  const scope = formatTargetScope(target);
  const details: [string, string][] = [
    ['target', target.name === null || target.name === '' ? target.id : `${target.id} (${target.name})`],
    ['metric', target.metric],
    ...(scope.length === 0 ? [] : [['scope', scope.join(', ')] satisfies [string, string]]),
    ['value', formatValueNear(target.value, typeof target.threshold === 'number' ? [target.threshold] : target.threshold, target.unit)],
    ['threshold', formatCondition(target.op, target.threshold, target.unit)],
    ['n', formatCount(target.n)],
    ['min_n', formatCount(target.min_n)],
    ['ci', target.ci === null ? MISSING : `${formatInterval(target.ci, target.unit)} (${formatIntervalLabel(options.confidence)})`],
    ['basis', target.basis],
    ['level', target.level],
    ['status', formatStatusWord(target.status)],
  ];
  return formatCase({
    classname: `xla.${target.metric}`,
    name: formatTargetLabel(target),
    outcome: target.outcome,
    isMet: target.status === 'met',
    type: target.status,
    sentence: describeTarget(target, options),
    details,
  });
}

function formatCompositeCase(composite: CompositeResult): TestCase {
  const details: [string, string][] = [
    ['composite', composite.name === composite.id ? composite.id : `${composite.id} (${composite.name})`],
    ['index', formatIndex(composite.value)],
    [
      'threshold',
      composite.op === null || composite.threshold === null ? MISSING : formatCondition(composite.op, composite.threshold, 'score'),
    ],
    ...composite.components.map((c): [string, string] => [
      'component',
      `${c.target} ${formatScore(c)} × ${formatWeight(c)}${c.key ? ' key' : ''}${c.status === null ? '' : ` ${formatStatusWord(c.status)}`}`,
    ]),
    ['level', composite.level ?? MISSING],
    ['status', composite.status === null ? MISSING : formatStatusWord(composite.status)],
  ];
  return formatCase({
    classname: 'xla.composite',
    name: composite.id,
    outcome: composite.outcome,
    isMet: composite.status === 'met',
    type: composite.status ?? 'no_data',
    sentence: describeComposite(composite),
    details,
  });
}

interface CaseParts {
  classname: string;
  name: string;
  outcome: TargetResult['outcome'] | null;
  isMet: boolean;
  /** The failure's type attribute: the status that caused it. */
  type: string;
  sentence: string;
  details: readonly [string, string][];
}

function formatCase(parts: CaseParts): TestCase {
  const open = `<testcase classname="${escapeAttribute(parts.classname)}" name="${escapeAttribute(parts.name)}" time="0"`;
  if (parts.outcome === 'fail') {
    const body = parts.details.map(([label, value]) => `${label}: ${escapeText(value)}`).join('\n');
    return {
      isFailure: true,
      lines: [
        `${open}>`,
        `  <failure message="${escapeAttribute(parts.sentence)}" type="${escapeAttribute(parts.type)}">${body}</failure>`,
        '</testcase>',
      ],
    };
  }
  // A warning, or a pass that is not a plain `met` (inconclusive, allowed no_data): say why in the log.
  if (parts.outcome === 'warn' || !parts.isMet) {
    return { isFailure: false, lines: [`${open}>`, `  <system-out>${escapeText(parts.sentence)}</system-out>`, '</testcase>'] };
  }
  return { isFailure: false, lines: [`${open}/>`] };
}

/**
 * Text for a text node: neutraliseText first, as for any log, since CI tools print these messages
 * and names. That also shows every character XML 1.0 forbids (C0 but tab/LF/CR, lone surrogates,
 * U+FFFE/F), which would make the whole file unreadable to a CI parser, as an escape rather than
 * dropping it; and a line break from data can no longer start a line of the file.
 */
export function escapeText(text: string): string {
  return neutraliseText(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Also quotes. Tab and line breaks, which a parser would fold into spaces in an attribute, are already shown as `\t`, `\n`. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}
