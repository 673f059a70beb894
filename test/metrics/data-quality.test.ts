// Data quality (metrics.md §5.6) on hand-made rows: what counts as missing, rejected, repeated and
// how old; the per-field values; merging parts in any order.
import { describe, expect, it } from 'vitest';
import type { CanonicalRow, FieldId } from '../../src/fields/types.js';
import { inputQuality } from '../../src/metrics/data-quality.js';
import { freezeState, reviveState } from '../../src/scorecard/snapshot.js';
import { getMetric, METRIC_CONTEXT, runMetric } from './run-metric.js';

const DAY = 86_400_000;
const MAY_1 = Date.UTC(2024, 4, 1);

// One tickets source: every row shares its bound array, as the row builder's rows do.
const TICKETS: readonly FieldId[] = ['id', 'created_at', 'resolved_at', 'priority'];
const NONE = new Set<FieldId>();
const ticket = (fields: CanonicalRow, unreadable: readonly FieldId[] = []): CanonicalRow => ({
  ...fields,
  bound: TICKETS,
  unreadable: unreadable.length === 0 ? NONE : new Set(unreadable),
});

// T1 complete · T2 no resolved_at (missing) · T3 resolved_at rejected (present, invalid) · T1 again
// with priority missing · a row with no id and created_at rejected.
const ROWS: CanonicalRow[] = [
  ticket({ id: 'T1', created_at: MAY_1, resolved_at: MAY_1 + DAY, priority: 'P1' }),
  ticket({ id: 'T2', created_at: MAY_1 + DAY, priority: 'P2' }),
  ticket({ id: 'T3', created_at: MAY_1 + 2 * DAY, priority: 'P1' }, ['resolved_at']),
  ticket({ id: 'T1', created_at: MAY_1 + 3 * DAY, resolved_at: MAY_1 + 4 * DAY }),
  ticket({ priority: 'P3' }, ['created_at']),
];

describe('data.completeness', () => {
  it('counts non-missing cells of each bound field over the rows; a rejected value is present', () => {
    const value = runMetric('data.completeness', ROWS);
    // Cells present: id 4/5, created_at 5/5 (one rejected is present), resolved_at 3/5 (T3's rejected is present), priority 4/5.
    // Overall: (4 + 5 + 3 + 4) / 20 = 16/20 = 80 %.
    expect(value).toMatchObject({ value: 80, n: 20, ci: null });
    expect(value.byField).toStrictEqual([
      { field: 'id', value: { value: 80, n: 5, ci: null } },
      { field: 'created_at', value: { value: 100, n: 5, ci: null } },
      { field: 'resolved_at', value: { value: 60, n: 5, ci: null } },
      { field: 'priority', value: { value: 80, n: 5, ci: null } },
    ]);
  });

  it('is null with n 0 when no row came, never 0', () => {
    expect(runMetric('data.completeness', [])).toMatchObject({ value: null, n: 0, byField: [] });
  });
});

describe('data.validity', () => {
  it('counts accepted values over non-missing ones, per field and pooled', () => {
    const value = runMetric('data.validity', ROWS);
    // Accepted / present: id 4/4, created_at 4/5, resolved_at 2/3, priority 4/4 → (4 + 4 + 2 + 4) / (4 + 5 + 3 + 4) = 14/16 = 87.5 %.
    expect(value).toMatchObject({ value: 87.5, n: 16 });
    expect(value.byField?.map((part) => [part.field, part.value.value, part.value.n])).toStrictEqual([
      ['id', 100, 4],
      ['created_at', 80, 5],
      ['resolved_at', (100 * 2) / 3, 3],
      ['priority', 100, 4],
    ]);
  });
});

describe('data.duplicates', () => {
  it('counts rows whose id repeats an earlier one; share over rows with an id', () => {
    // Ids T1 T2 T3 T1 (one row has none): one repeat of 4 → 25 %.
    expect(runMetric('data.duplicates', ROWS)).toStrictEqual({ value: 1, n: 4, ci: null, detail: { share: 25, rows: 5 } });
  });

  it('counts every repeat: an id three times is two duplicates, whatever the order', () => {
    const rows = ['R1', 'R2', 'R1', 'R1', 'R3', 'R2'].map((id) => ({ respondent_id: id, bound: ['respondent_id'] as const }));
    // R1 ×3 → 2, R2 ×2 → 1, R3 → 0: 3 of 6 → 50 %.
    expect(runMetric('data.duplicates', rows)).toMatchObject({ value: 3, n: 6, detail: { share: 50 } });
    expect(runMetric('data.duplicates', rows.reverse())).toMatchObject({ value: 3, n: 6 });
  });

  it('has no value for rows without an id field (analytics): no data, not 0', () => {
    const rows = [{ visitors: 3, bound: ['visitors'] as const }];
    expect(runMetric('data.duplicates', rows)).toMatchObject({ value: null, n: 0, detail: { share: null, rows: 1 } });
  });
});

describe('data.freshness', () => {
  it('is as-of less the newest accepted date, in seconds', () => {
    // Newest created_at: T1's second row, May 4; as-of May 6 12:00 → 2.5 d = 216,000 s. Four rows have a date.
    const asOf = MAY_1 + 5.5 * DAY;
    expect(runMetric('data.freshness', ROWS, { finish: { asOf } })).toStrictEqual({
      value: 216_000,
      n: 4,
      ci: null,
      detail: { newest: MAY_1 + 3 * DAY, as_of: asOf },
    });
  });

  it('reads the date field of the row’s kind only: a resolution is not the date', () => {
    const rows = [ticket({ id: 'X', resolved_at: MAY_1 + 9 * DAY })];
    expect(runMetric('data.freshness', rows, { finish: { asOf: MAY_1 } })).toMatchObject({ value: null, n: 0 });
  });
});

describe('an input’s quality summary', () => {
  it('merges parts cut anywhere, through the snapshot form that crosses threads, to the whole’s answer', () => {
    const quality = inputQuality();
    const whole = quality.init();
    for (const row of ROWS) quality.add(whole, row);
    const asOf = MAY_1 + 5 * DAY;
    const expected = quality.summarize(whole, asOf);
    // Whole: completeness 80, validity 87.5, 1 duplicate, freshness May 6 − May 4 = 2 d.
    expect(expected).toMatchObject({ completeness: 80, validity: 87.5, duplicates: 1, freshness: 2 * 86_400 });
    expect(expected.fields.resolved_at).toStrictEqual({ completeness: 60, validity: (100 * 2) / 3 });
    for (let cut = 0; cut <= ROWS.length; cut++) {
      const [a, b] = [quality.init(), quality.init()];
      for (const row of ROWS.slice(0, cut)) quality.add(a, row);
      for (const row of ROWS.slice(cut)) quality.add(b, row);
      const travelled = reviveState(freezeState(b)) as typeof b;
      expect(quality.summarize(quality.merge(travelled, a), asOf)).toStrictEqual(expected);
    }
  });

  it('shares the completeness/validity state: one state slot for both metrics', () => {
    expect(getMetric('data.completeness').sharedState).toBe(getMetric('data.validity').sharedState);
    expect(getMetric('data.completeness').create(METRIC_CONTEXT).init()).toStrictEqual(
      getMetric('data.validity').create(METRIC_CONTEXT).init(),
    );
  });
});
