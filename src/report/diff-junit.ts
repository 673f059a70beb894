import { isImprovement, isRegression } from '../scorecard/diff.js';
import type { DiffReport, DiffResult, DiffTarget } from '../scorecard/diff.js';
import { formatSegmentText, formatSideStatus } from './diff-rows.js';
import { escapeAttribute, escapeText } from './junit.js';
import { ALL } from './result-rows.js';
import { formatDelta, formatP, formatValue } from './units.js';
import { formatTargetLabel } from './verdict.js';

/**
 * `xla diff` as JUnit XML for CI test tabs: one test case per target whose status changed and per
 * significant change. A target newly breached and a significantly worse result are failures; the
 * rest pass with what changed in `<system-out>`. No timestamps, `time="0"`: same diff, same bytes.
 */
export function formatDiffJunit(diff: DiffReport): string {
  const cases = [...diff.targets.map(formatTargetCase), ...diff.results.filter(isSignificant).map(formatResultCase)];
  const failures = cases.filter((c) => c.isFailure).length;
  const counts = `tests="${String(cases.length)}" failures="${String(failures)}" errors="0" skipped="0" time="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="xla diff" ${counts}>`,
    `  <testsuite name="${escapeAttribute(`${diff.base.file} → ${diff.head.file}`)}" ${counts}>`,
    ...cases.flatMap((c) => c.lines.map((line) => `    ${line}`)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function isSignificant(row: DiffResult): boolean {
  return isRegression(row) || isImprovement(row);
}

interface TestCase {
  isFailure: boolean;
  lines: string[];
}

function formatTargetCase(target: DiffTarget): TestCase {
  const sentence = `${formatTargetLabel(target)}: ${formatSideStatus(target.base)} → ${formatSideStatus(target.head)}`;
  const details = [
    `target: ${target.id}${target.name === null || target.name === '' ? '' : ` (${target.name})`}`,
    `metric: ${target.metric}`,
    `level: ${target.level}`,
    `base: ${formatSideStatus(target.base)} (${formatValue(target.base_value, target.unit)})`,
    `head: ${formatSideStatus(target.head)} (${formatValue(target.head_value, target.unit)})`,
  ];
  return formatCase(`xla.diff.target.${target.metric}`, formatTargetLabel(target), target.regression, sentence, details);
}

function formatResultCase(row: DiffResult): TestCase {
  const change = `${formatValue(row.base, row.unit)} → ${formatValue(row.head, row.unit)} (${formatDelta(row.delta, row.unit)}, p = ${formatP(row.p)})`;
  const name = `${row.metric} [${formatSegmentText(row.segment)}, ${row.period ?? ALL}]`;
  const sentence = `${name}: significantly ${row.direction ?? 'changed'}, ${change}`;
  return formatCase(`xla.diff.result.${row.metric}`, name, isRegression(row), sentence, [sentence]);
}

function formatCase(classname: string, name: string, isFailure: boolean, sentence: string, details: readonly string[]): TestCase {
  const open = `<testcase classname="${escapeAttribute(classname)}" name="${escapeAttribute(name)}" time="0">`;
  const body = isFailure
    ? `  <failure message="${escapeAttribute(sentence)}" type="regression">${details.map(escapeText).join('\n')}</failure>`
    : `  <system-out>${escapeText(sentence)}</system-out>`;
  return { isFailure, lines: [open, body, '</testcase>'] };
}
