import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserDays, UserIds } from '../../src/metrics/user-days.js';
import { firstDayOfMonth, monthDayOf } from '../../src/time/calendar-days.js';

const DAY_MS = 86_400_000;

/** Each user's days as the plain reading: a Set per user, sorted. */
function naive(pairs: readonly (readonly [string, number])[]): Map<string, number[]> {
  const byUser = new Map<string, Set<number>>();
  for (const [user, day] of pairs) byUser.set(user, (byUser.get(user) ?? new Set()).add(day));
  return new Map([...byUser].map(([user, days]) => [user, [...days].sort((a, b) => a - b)]));
}

/** What forEachUser reports, keyed by the first day so it can be compared without the ids. */
function daysOf(state: UserDays): string[] {
  const all: string[] = [];
  state.forEachUser((days) => all.push(days.join(',')));
  return all.sort();
}

const pairArb = fc.array(
  fc.tuple(fc.constantFrom('a', 'b', 'c', '__proto__', 'd'.repeat(40), 'e'), fc.integer({ min: -800, max: 20_000 })),
  {
    maxLength: 300,
  },
);

describe('UserDays', () => {
  it('months and days of month agree with Date in UTC, 1900–2100, and the 1st of each month comes back', () => {
    const wrong: number[] = [];
    for (let day = -25_567; day <= 47_482; day += 1) {
      const date = new Date(day * DAY_MS);
      const { month, dayOfMonth } = monthDayOf(day);
      const agrees = month === date.getUTCFullYear() * 12 + date.getUTCMonth() && dayOfMonth === date.getUTCDate() - 1;
      if (!agrees || (dayOfMonth === 0 && firstDayOfMonth(month) !== day)) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps each (user, day) once: 3 events on one day and one the next day are 2 days', () => {
    const state = new UserDays(new UserIds());
    // 2024-02-28 is day 19781; 2024-02-29 (a leap day) 19782; 2024-03-01 19783.
    for (const day of [19_781, 19_781, 19_781, 19_782, 19_783]) state.add('u1', day);
    state.add('u2', 19_783);
    expect(state.entries).toBe(3); // u1 in February, u1 in March, u2 in March
    expect(daysOf(state)).toEqual(['19781,19782,19783', '19783']);
  });

  it('reports exactly the distinct days of each user, whatever the order, grown from a tiny table', () => {
    fc.assert(
      fc.property(pairArb, (pairs) => {
        const state = new UserDays(new UserIds(), 2);
        for (const [user, day] of pairs) state.add(user, day);
        const expected = [...naive(pairs).values()].map((days) => days.join(',')).sort();
        expect(daysOf(state)).toEqual(expected);
      }),
    );
  });

  it('merges states of one interner and of two interners, and survives freeze and revive, to the same days', () => {
    fc.assert(
      fc.property(pairArb, pairArb, (left, right) => {
        const shared = new UserIds();
        const a = new UserDays(shared);
        const b = new UserDays(shared);
        const c = new UserDays(new UserIds());
        for (const [user, day] of left) a.add(user, day);
        for (const [user, day] of right) {
          b.add(user, day);
          c.add(user, day);
        }
        const expected = [...naive([...left, ...right]).values()].map((days) => days.join(',')).sort();
        const sameIds = new UserDays(shared);
        sameIds.merge(a);
        sameIds.merge(b);
        expect(daysOf(sameIds)).toEqual(expected);
        const otherIds = UserDays.revive(structuredClone(a.freeze()));
        otherIds.merge(UserDays.revive(structuredClone(c.freeze())));
        expect(daysOf(otherIds)).toEqual(expected);
      }),
    );
  });
});
