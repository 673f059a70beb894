import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { backlogAge, isOpenAtACheckpoint } from '../../src/metrics/backlog-age.js';
import type { BacklogAgeState } from '../../src/metrics/backlog-age.js';
import type { Checkpoints } from '../../src/metrics/stamp-counts.js';
import { freezeState, reviveState } from '../../src/scorecard/snapshot.js';
import { PeriodCalendar, periodEnd } from '../../src/time/periods.js';
import { getMetric, METRIC_CONTEXT, runMetric, ticket } from './run-metric.js';

const DAY = 86_400_000;
const DAY_S = 86_400;
const day = (n: number): number => Date.UTC(2024, 0, 1) + n * DAY;
const MONTHS: Checkpoints = { periods: new PeriodCalendar('month', 'UTC'), asOf: undefined };
const FEB_1 = Date.UTC(2024, 1, 1);

describe('backlog.age.p90', () => {
  // A created day 0, resolved day 10 · B day 2, open · C day 4, resolved day 20 · D day 6, closed
  // by status (never open) · E day 8, open.
  const rows: CanonicalRow[] = [
    ticket({ created_at: day(0), resolved_at: day(10) }),
    ticket({ created_at: day(2) }),
    ticket({ created_at: day(4), resolved_at: day(20) }),
    { created_at: day(6), is_resolved: true },
    ticket({ created_at: day(8) }),
  ];

  it.each([
    // [label, moment, value (s), n]
    ['before any ticket', day(-1), null, 0],
    // A only, age 0 (created at the moment is open).
    ['at the first creation', day(0), 0, 1],
    // 1 ms before day 10: A 10, B 8, C 6, E 2 d, each 0.001 s less → {2, 6, 8, 10}: h = 3·0.9 = 2.7 → 8 + 0.7·2 = 9.4 d, less 0.001 s.
    ['with four open', day(10) - 1, 9.4 * DAY_S - 0.001, 4],
    // A resolved exactly at day 10 is out: B 8, C 6, E 2 → h = 1.8 → 6 + 0.8·2 = 7.6 d.
    ['at a resolution instant', day(10), 7.6 * DAY_S, 3],
    // Day 30: B 28, E 22 (C resolved day 20) → h = 0.9 → 22 + 0.9·6 = 27.4 d.
    ['later', day(30), 27.4 * DAY_S, 2],
    // Unknown moment: the newest stamp, C's resolution at day 20: B 18, E 12 → 12 + 0.9·6 = 17.4 d.
    ['moment from the data', undefined, 17.4 * DAY_S, 2],
  ] as const)('%s', (_label, asOf, value, n) => {
    const result = runMetric('backlog.age.p90', rows, { finish: { asOf } });
    if (value === null) expect(result.value).toBeNull();
    else expect(result.value).toBeCloseTo(value, 3);
    expect(result.n).toBe(n);
    expect(result.ci).toBeNull();
  });

  it('has the same n as backlog at every moment', () => {
    for (const asOf of [day(-1), day(0), day(5), day(10), day(20), undefined]) {
      expect(runMetric('backlog.age.p90', rows, { finish: { asOf } }).n).toBe(runMetric('backlog', rows, { finish: { asOf } }).value ?? 0);
    }
  });

  it('leaves out a ticket whose resolution was rejected, and counts it', () => {
    const unreadable: CanonicalRow = { created_at: day(1), is_resolved: false, unreadable: new Set(['resolved_at'] as const) };
    const result = runMetric('backlog.age.p90', [unreadable, ticket({ created_at: day(3) })], { finish: { asOf: day(5) } });
    // Only the readable ticket: age 2 d.
    expect(result).toMatchObject({ value: 2 * DAY_S, n: 1, detail: { as_of: day(5), excluded_unreadable: 1 } });
  });

  it('is empty without tickets, and null (not 0) when none is open', () => {
    expect(runMetric('backlog.age.p90', [])).toEqual({ value: null, n: 0, ci: null, detail: { as_of: null, excluded_unreadable: 0 } });
    const closed = [ticket({ created_at: day(0), resolved_at: day(1) })];
    expect(runMetric('backlog.age.p90', closed)).toMatchObject({ value: null, n: 0, detail: { as_of: day(1) } });
  });

  it('spans periods, in seconds, lower is better', () => {
    expect(getMetric('backlog.age.p90')).toMatchObject({ spansPeriods: true, unit: 's', better: 'lower', interval: 'none' });
  });
});

describe('which tickets a scorecard keeps for backlog ages', () => {
  const interval = (created: number, ended: number) => ({ created, ended });

  it.each([
    // [label, created, ended, kept]
    ['created and resolved inside January', day(3), day(20), false],
    ['resolved exactly at January’s end (Feb 1): not open then', day(3), FEB_1, false],
    ['resolved just after January’s end', day(3), FEB_1 + 1, true],
    ['created exactly at a period’s first instant: open at the previous end', FEB_1, FEB_1 + 1, true],
    ['still open', day(3), Number.POSITIVE_INFINITY, true],
    ['closed by status (ends at its creation)', day(3), day(3), false],
    ['resolved before created', day(3), day(2), false],
  ] as const)('%s', (_label, created, ended, kept) => {
    expect(isOpenAtACheckpoint(interval(created, ended), MONTHS)).toBe(kept);
  });

  it('keeps a ticket open at --to without a period, and only then', () => {
    const to: Checkpoints = { periods: null, asOf: day(10) };
    expect(isOpenAtACheckpoint(interval(day(3), day(11)), to)).toBe(true);
    expect(isOpenAtACheckpoint(interval(day(3), day(10)), to)).toBe(false);
    expect(isOpenAtACheckpoint(interval(day(11), day(12)), to)).toBe(false);
  });

  it('keeps every ticket ever open when nobody said where it will ask', () => {
    expect(isOpenAtACheckpoint(interval(day(3), day(4)), undefined)).toBe(true);
  });

  it('gives the same ages at every checkpoint as keeping every ticket, merged and across threads', () => {
    const month = fc.integer({ min: 0, max: 11 });
    const stamp = fc.oneof(
      fc.integer({ min: day(0), max: day(366) }),
      month.map((m) => Date.UTC(2024, m, 1)),
    );
    const row = fc
      .tuple(stamp, fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: undefined }))
      .map(([created, duration]) =>
        ticket(duration === undefined ? { created_at: created } : { created_at: created, resolved_at: created + duration }),
      );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }),
        fc.array(row, { maxLength: 40 }),
        fc.option(stamp, { nil: undefined }),
        (xs, ys, to) => {
          const checkpoints: Checkpoints = { periods: new PeriodCalendar('month', 'UTC'), asOf: to };
          const kept = backlogAge(0.9)({ ...METRIC_CONTEXT, checkpoints });
          const every = backlogAge(0.9)(METRIC_CONTEXT);
          const stateOf = (rows: readonly CanonicalRow[]): BacklogAgeState => {
            const state = kept.init();
            for (const r of rows) kept.add(state, r);
            // Across a worker boundary and back, as the scorecard sends cells.
            return reviveState(structuredClone(freezeState(state))) as BacklogAgeState;
          };
          const merged = kept.merge(stateOf(xs), stateOf(ys));
          const all = every.init();
          for (const r of [...xs, ...ys]) every.add(all, r);
          const moments = [
            ...Array.from({ length: 12 }, (_, m) => periodEnd(`2024-${String(m + 1).padStart(2, '0')}`, 'month', 'UTC')),
            to,
            undefined,
          ];
          for (const asOf of moments) {
            const finish = { confidence: 0.95, asOf };
            expect(kept.finish(merged, finish)).toEqual(every.finish(all, finish));
          }
        },
      ),
    );
  });
});
