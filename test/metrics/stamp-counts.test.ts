import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStampCounter } from '../../src/metrics/stamp-counts.js';
import type { Checkpoints } from '../../src/metrics/stamp-counts.js';
import { PeriodCalendar, periodEnd, periodKey, periodStart } from '../../src/time/periods.js';
import type { Period } from '../../src/time/periods.js';
import { freezeState, reviveState } from '../../src/scorecard/snapshot.js';

const T0 = Date.UTC(2024, 0, 1);

/** The checkpoints a scorecard of this period and zone gives its counters: its own calendar, and `--to`. */
const checkpointsOf = (period: Period | null, tz: string, asOf: number | undefined): Checkpoints => ({
  periods: period === null ? null : new PeriodCalendar(period, tz),
  asOf,
});
const DAY = 86_400_000;

/** Stamps through 2024, often exactly at a local midnight or a month's first instant. */
const stamp = (tz: string): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: T0, max: T0 + 365 * DAY }),
    fc.integer({ min: 0, max: 11 }).map((month) => periodStart(`2024-${String(month + 1).padStart(2, '0')}`, 'month', tz)),
    fc.integer({ min: 0, max: 364 }).map((day) => periodStart(new Date(T0 + day * DAY).toISOString().slice(0, 10), 'day', tz)),
  );

describe('stamp counts', () => {
  it('count the stamps up to every checkpoint exactly as keeping them would, merged or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Period | null>('day', 'week', 'month', null),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
        fc.option(fc.integer({ min: T0, max: T0 + 365 * DAY }), { nil: undefined }),
        fc.boolean(),
        (period, tz, to, split) =>
          fc.assert(
            fc.property(fc.array(stamp(tz), { maxLength: 60 }), (stamps) => {
              const checkpoints = checkpointsOf(period, tz, to);
              const counter = createStampCounter(checkpoints);
              const parts = split ? [stamps.slice(0, stamps.length >> 1), stamps.slice(stamps.length >> 1)] : [stamps];
              const counted = parts
                .map((part) => {
                  const counts = counter.create();
                  for (const t of part) counter.add(counts, t);
                  return counts;
                })
                .reduce(counter.merge);
              const latest = Math.max(...stamps, Number.NEGATIVE_INFINITY);
              const ends = period === null ? [] : stamps.map((t) => periodEnd(periodKey(t, period, tz), period, tz));
              for (const asOf of [...ends, ...(to === undefined ? [] : [to]), latest, latest + 1]) {
                if (!Number.isFinite(asOf)) continue;
                expect(counter.countUpTo(counted, asOf, latest)).toBe(stamps.filter((t) => t <= asOf).length);
              }
            }),
            { numRuns: 25 },
          ),
      ),
      { numRuns: 40 },
    );
  });

  it('count the same after a trip through a snapshot and after a merge, with stamps added on the far side of each', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Period>('day', 'month'),
        fc.array(stamp('Europe/Berlin'), { maxLength: 80 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (period, stamps, i, j, k) => {
          const counter = createStampCounter(checkpointsOf(period, 'Europe/Berlin', undefined));
          const fill = (counts: ReturnType<typeof counter.create>, part: readonly number[]): typeof counts => {
            for (const t of part) counter.add(counts, t);
            return counts;
          };
          const [a, b, c] = [i, j, k].map((n) => n % (stamps.length + 1)).sort((x, y) => x - y) as [number, number, number];
          // Revived from its snapshot (no shortcut any more), then fed; merged with another, then fed again.
          const revived = fill(
            reviveState(freezeState(fill(counter.create(), stamps.slice(0, a)))) as ReturnType<typeof counter.create>,
            stamps.slice(a, b),
          );
          const merged = fill(counter.merge(revived, fill(counter.create(), stamps.slice(b, c))), stamps.slice(c));
          const straight = fill(counter.create(), stamps);
          expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse(JSON.stringify(straight)));
          expect(merged.total).toBe(stamps.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('count over a long span (up to a century, any period) exactly as keeping the stamps would', () => {
    const century = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2050, 0, 1) });
    fc.assert(
      fc.property(
        fc.constantFrom<Period>('day', 'week', 'month', 'quarter', 'year'),
        fc.constantFrom('UTC', 'Europe/Berlin'),
        fc.array(century, { maxLength: 120 }),
        (period, tz, stamps) => {
          const counter = createStampCounter(checkpointsOf(period, tz, undefined));
          const counts = counter.create();
          for (const t of stamps) counter.add(counts, t);
          const latest = Math.max(...stamps, Number.NEGATIVE_INFINITY);
          for (const t of stamps) {
            const end = periodEnd(periodKey(t, period, tz), period, tz);
            expect(counter.countUpTo(counts, end, latest)).toBe(stamps.filter((other) => other <= end).length);
            const start = periodStart(periodKey(t, period, tz), period, tz);
            if (start < latest) expect(counter.countUpTo(counts, start, latest)).toBe(stamps.filter((other) => other <= start).length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('read each period once for all the checkpoints of 100 years of days, not once per checkpoint', () => {
    // One stamp a day at noon UTC for 36,525 days: the count up to the end of day i is i + 1.
    const first = Date.UTC(1950, 0, 1);
    const days = 36_525;
    const counter = createStampCounter(checkpointsOf('day', 'UTC', undefined));
    const counts = counter.create();
    for (let day = 0; day < days; day += 1) counter.add(counts, first + day * DAY + DAY / 2);
    // Count every read of the per-period entries (the old loop read them all at every checkpoint: 1.3 billion).
    let reads = 0;
    counts.periods = new Proxy(counts.periods, {
      get: (target, key, receiver) => {
        reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
      ownKeys: (target) => {
        reads += 1;
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor: (target, key) => {
        reads += 1;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
    const latest = first + (days - 1) * DAY + DAY / 2;
    const wrong: number[] = [];
    for (let day = 0; day < days - 1; day += 1) {
      if (counter.countUpTo(counts, first + (day + 1) * DAY, latest) !== day + 1) wrong.push(day);
    }
    expect(wrong).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(3 * days + 1);
  });

  it('keep their shortcut by span index to the stamps they counted, however many periods their calendar met', () => {
    // A thread that met thousands of days (span indices in the thousands): a count of 3 stamps
    // must not hold an array as long as the calendar's list of spans (8 KB a count, per cell).
    const checkpoints = checkpointsOf('day', 'UTC', undefined);
    for (let day = 0; day < 3000; day += 1) checkpoints.periods?.spanOf(Date.UTC(2000, 0, 1) + day * DAY);
    const counter = createStampCounter(checkpoints);
    const counts = counter.create();
    const stamps = [Date.UTC(2008, 2, 1, 5), Date.UTC(2008, 2, 1, 6), Date.UTC(2008, 2, 2)];
    for (const t of stamps) counter.add(counts, t);
    const shortcuts = Object.getOwnPropertySymbols(counts).map((symbol) => (counts as unknown as Record<symbol, unknown[]>)[symbol]);
    expect(shortcuts).toHaveLength(1);
    expect(shortcuts[0]?.length ?? 0).toBeLessThanOrEqual(4 * stamps.length + 16);
    expect(counts.periods).toEqual({ '2008-03-01': [2, 0], '2008-03-02': [1, 1] });
    // Up to the end of March 1st: its 2 stamps and the one at the first instant of March 2nd.
    expect(counter.countUpTo(counts, Date.UTC(2008, 2, 2), Date.UTC(2008, 2, 5))).toBe(3);
    expect(counter.countUpTo(counts, Date.UTC(2008, 2, 1), Date.UTC(2008, 2, 5))).toBe(0);
  });

  it('never read a count of another scorecard by the span numbers of their own calendar', () => {
    // Counter A's calendar numbers January 2021 0 and March 2024 1; counter B's numbers January 2024 0.
    const a = createStampCounter(checkpointsOf('month', 'UTC', undefined));
    const counts = a.create();
    a.add(counts, Date.UTC(2021, 0, 9));
    a.add(counts, Date.UTC(2024, 2, 9));
    const b = createStampCounter(checkpointsOf('month', 'UTC', undefined));
    const merged = b.merge(counts, b.create());
    b.add(merged, Date.UTC(2024, 0, 9));
    b.add(merged, Date.UTC(2024, 0, 1));
    expect(merged.periods).toEqual({ '2021-01': [1, 0], '2024-03': [1, 0], '2024-01': [2, 1] });
  });

  it('refuse an instant that is no checkpoint when there is no period breakdown', () => {
    const counter = createStampCounter(checkpointsOf(null, 'UTC', undefined));
    const counts = counter.create();
    counter.add(counts, T0 + DAY);
    expect(() => counter.countUpTo(counts, T0, T0 + DAY)).toThrow(/not a checkpoint/);
  });
});
