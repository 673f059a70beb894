/**
 * channel_switch_rate on the public ServiceNow incident event log (contact_type per caller_id).
 * Expected values computed independently with Python's csv module, not copied from xla:
 *   rows = list(csv.DictReader(open(path, encoding='utf-8-sig')))
 *   last = {}; [last.__setitem__(r['number'], r) for r in rows]          # the last update per incident
 *   seen = defaultdict(set)
 *   for r in last.values():
 *       if r['caller_id'] != '?': seen[r['caller_id']].add(r['contact_type'].strip().lower())
 *   len(seen), sum(len(s) > 1 for s in seen.values()), sum(r['caller_id'] == '?' for r in last.values())
 * gives 158 callers, 0 on two channels, 0 without a caller for the 1,200-event sample, and 4,178
 * callers, 16 on two channels (Phone and Email), 3 incidents without a caller for the full prefix.
 */
import { describe, expect, it } from 'vitest';
import { DATASETS_MISSING, dataset, hasDatasets } from '../datasets.js';
import { fixture, resultOf, runJson } from './run-xla.js';

describe('ServiceNow incident event log: callers across contact types', () => {
  it('binds contact_type and caller_id, and no caller of the sample switched', () => {
    const { report } = runJson(['score', fixture('datasets/servicenow-events-1200.csv'), '--metrics', 'channel_switch_rate']);
    expect(report.inputs[0]?.fields).toMatchObject({ channel: 'contact_type', requester: 'caller_id' });
    expect(resultOf(report, 'channel_switch_rate')).toMatchObject({ value: 0, n: 158, detail: { x: 0, excluded_no_requester: 0 } });
  });

  it('finds the 16 of 4,178 callers who used phone and email in the full prefix', ({ skip }) => {
    skip(!hasDatasets, DATASETS_MISSING);
    const { report } = runJson([
      'score',
      dataset('servicenow-incident-log/incident_event_log_prefix.csv'),
      '--metrics',
      'channel_switch_rate',
    ]);
    const rate = resultOf(report, 'channel_switch_rate');
    expect(rate).toMatchObject({ n: 4178, detail: { x: 16, n: 4178, multi_channel_tickets: 0, excluded_no_requester: 3 } });
    expect(rate.value).toBeCloseTo((16 / 4178) * 100, 12);
  });
});
