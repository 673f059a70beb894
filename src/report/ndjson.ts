import type { Report } from '../scorecard/model.js';
import { orderComposite, orderInput, orderResult, orderSummary, orderTarget, stringifyStrict } from './json.js';

/**
 * One JSON object per line, each tagged with its `type` first (cli.md "ndjson"), so that
 * `grep '"type":"result"'` and streaming consumers can pick records without parsing the rest.
 */
export function formatNdjson(report: Report): string {
  const records = [
    ...report.inputs.map((input) => ({ type: 'input', ...orderInput(input) })),
    ...report.results.map((result) => ({ type: 'result', ...orderResult(result) })),
    ...report.targets.map((target) => ({ type: 'target', ...orderTarget(target) })),
    ...report.composites.map((composite) => ({ type: 'composite', ...orderComposite(composite) })),
    { type: 'summary', ...orderSummary(report.summary) },
  ];
  return records.map((record) => `${stringifyStrict(record)}\n`).join('');
}
