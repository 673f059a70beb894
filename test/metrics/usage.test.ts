// Product usage (issue 21): active users per day, ISO week and month, stickiness, new users and
// adoption, through a scorecard (they span periods: each period is finished from the segment's
// whole history). Every expected value is counted by hand in the comments.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES } from '../../src/fields/types.js';
import { Scorecard } from '../../src/scorecard/engine.js';
import type { Result } from '../../src/scorecard/model.js';
import { shuffled } from '../seeded-random.js';
import type { Period } from '../../src/time/periods.js';
import { getMetric } from './run-metric.js';

const USAGE_IDS = ['active_users.dau', 'active_users.wau', 'active_users.mau', 'stickiness', 'new_users', 'adoption_rate'];

interface Plan {
  period?: Period | null;
  tz?: string;
  from?: string;
  population?: number;
  by?: string[];
}

/** [user, instant as ISO text with its offset, segment?] */
type Event = readonly [string, string, string?];

function scorecardFor(plan: Plan): Scorecard {
  return new Scorecard({
    metrics: USAGE_IDS.map(getMetric),
    metricContext: { scales: DEFAULT_SCALES, apdexT: 0.5, sla: {}, population: plan.population },
    confidence: 0.95,
    by: plan.by ?? [],
    period: plan.period ?? null,
    tz: plan.tz ?? 'UTC',
    asOf: undefined,
    from: plan.from === undefined ? undefined : Date.parse(plan.from),
  });
}

/** Feeds the events; returns their newest stamp. */
function feedEvents(card: Scorecard, events: readonly Event[]): number {
  const feed = card.feederFor(USAGE_IDS);
  let newest = Number.NEGATIVE_INFINITY;
  for (const [user, at, segment] of events) {
    const stamp = Date.parse(at);
    newest = Math.max(newest, stamp);
    feed({ user_id: user, timestamp: stamp }, segment === undefined ? null : [segment], stamp);
  }
  return newest;
}

function score(events: readonly Event[], plan: Plan = {}): Result[] {
  const card = scorecardFor(plan);
  return card.results(feedEvents(card, events));
}

/** As two threads do: each part in a scorecard of its own, the second's snapshot cloned and absorbed. */
function scoreInTwoParts(events: readonly Event[], cut: number, plan: Plan): Result[] {
  const [main, worker] = [scorecardFor(plan), scorecardFor(plan)];
  const newest = Math.max(feedEvents(main, events.slice(0, cut)), feedEvents(worker, events.slice(cut)));
  main.absorb(structuredClone(worker.snapshot({ consume: true })), { consume: true });
  return main.results(newest);
}

function valueOf(results: readonly Result[], metric: string, period: string | null = null, segment: Record<string, string> = {}): Result {
  const found = results.find(
    (result) => result.metric === metric && result.period === period && JSON.stringify(result.segment) === JSON.stringify(segment),
  );
  if (found === undefined) throw new Error(`no ${metric} for ${String(period)}`);
  return found;
}

describe('active users over calendar months of 28, 29, 30 and 31 days', () => {
  // Each month: a on the 1st and the 15th, b on the 15th and the last day. Per month of L days:
  // daily users 1 + 2 + 1 = 4 → DAU 4/L; both users in the month every day → MAU 2L/L = 2;
  // stickiness = (4/L) / 2 × 100 = 200/L %.
  const months = [
    ['2023-02', 28],
    ['2024-01', 31],
    ['2024-02', 29],
    ['2024-04', 30],
  ] as const;
  const events: Event[] = months.flatMap(([month, length]) => [
    ['a', `${month}-01T09:00:00Z`],
    ['a', `${month}-15T09:00:00Z`],
    ['a', `${month}-15T18:00:00Z`], // the same day again: still one active day
    ['b', `${month}-15T10:00:00Z`],
    ['b', `${month}-${String(length)}T23:59:59Z`],
  ]);
  const results = score(events, { period: 'month' });

  it.each(months)('%s (%i days): every day counts, inactive ones as 0', (month, length) => {
    expect(valueOf(results, 'active_users.dau', month)).toMatchObject({
      value: 4 / length,
      n: 2,
      ci: null,
      detail: { days: length, users: 2 },
    });
    expect(valueOf(results, 'active_users.mau', month).value).toBe(2);
    expect(valueOf(results, 'stickiness', month).value).toBeCloseTo(200 / length, 12);
  });

  it('weekly users: ISO weeks, a week straddling the month end counts only its days up to the month end', () => {
    // January 2024 starts on a Monday. Weeks: 1–7 a → 1 user × 7 days; 8–14 none; 15–21 a, b → 2 × 7;
    // 22–28 none; 29–31 (a week to 4 Feb) b on the 31st → 1 × 3. (7 + 14 + 3) / 31 = 24/31.
    expect(valueOf(results, 'active_users.wau', '2024-01').value).toBe(24 / 31);
    // February 2024 starts on a Thursday: week 29 Jan–4 Feb has b (31 Jan, before the window: the
    // history counts it) and a (1 Feb) → 2 users × 4 days (1–4 Feb); 12–18 a, b → 2 × 7; 26–29 b
    // (29 Feb) → 1 × 4 (the week runs to 3 Mar, after the window). (8 + 14 + 4) / 29 = 26/29.
    expect(valueOf(results, 'active_users.wau', '2024-02').value).toBe(26 / 29);
  });

  it('over the whole run, the inactive months between count as days with no one active', () => {
    // 2023-02-01 … 2024-04-30: 28 + 306 (Mar–Dec 2023) + 31 + 29 + 31 + 30 = 455 days, March 2024
    // and Mar–Dec 2023 without events. Daily users: 4 per month → 16/455. Monthly users: 2 on each
    // day of the four active months → 2 × (28 + 31 + 29 + 30) = 236 → 236/455.
    expect(valueOf(results, 'active_users.dau')).toMatchObject({ value: 16 / 455, n: 2, detail: { days: 455, first_day: '2023-02-01' } });
    expect(valueOf(results, 'active_users.mau').value).toBe(236 / 455);
    expect(valueOf(results, 'stickiness').value).toBeCloseTo((16 / 455 / 2) * 100, 12);
    expect(valueOf(results, 'new_users').value).toBe(2);
  });

  it('new users only in the month of their first event', () => {
    expect(valueOf(results, 'new_users', '2023-02').value).toBe(2);
    for (const month of ['2024-01', '2024-02', '2024-04']) expect(valueOf(results, 'new_users', month).value).toBe(0);
  });
});

describe('a week straddling the window start, with a user active only before it', () => {
  // a on Wed 31 Jan only, b on Mon 5 Feb. February's window: 1–5 Feb (clipped to the last active day).
  const results = score(
    [
      ['a', '2024-01-31T10:00:00Z'],
      ['b', '2024-02-05T10:00:00Z'],
    ],
    { period: 'month' },
  );

  it('counts that user in the straddling week of the window, not among its users', () => {
    // Week 29 Jan–4 Feb: a (31 Jan) → 1 user on each of 1–4 Feb; week 5–11 Feb: b → 1 on 5 Feb. 5/5.
    expect(valueOf(results, 'active_users.wau', '2024-02')).toMatchObject({ value: 1, n: 1, detail: { days: 5, users: 1 } });
    // February's month has b alone (a's month is January): 5 × 1 / 5; its days: b on the 5th, 1/5.
    expect(valueOf(results, 'active_users.mau', '2024-02').value).toBe(1);
    expect(valueOf(results, 'active_users.dau', '2024-02').value).toBe(1 / 5);
    expect(valueOf(results, 'active_users.wau', '2024-01').value).toBe(1);
  });
});

describe('a window with inactive days', () => {
  // a on 2 and 5 Jan, b on 5 Jan: window 2–5 Jan (clipped to the data) = 4 days, 3 and 4 Jan inactive.
  const events: Event[] = [
    ['a', '2024-01-02T08:00:00Z'],
    ['a', '2024-01-05T08:00:00Z'],
    ['b', '2024-01-05T09:00:00Z'],
  ];

  it('averages over every calendar day, the empty ones as 0', () => {
    // (1 + 0 + 0 + 2) / 4 = 0.75; stickiness 0.75 / 2 users × 100 = 37.5 %.
    const results = score(events);
    expect(valueOf(results, 'active_users.dau')).toMatchObject({
      value: 0.75,
      detail: { first_day: '2024-01-02', last_day: '2024-01-05', days: 4 },
    });
    expect(valueOf(results, 'stickiness').value).toBe(37.5);
  });

  it('opens at --from when it is later than the data’s first day', () => {
    // --from 4 Jan: window 4–5 Jan, users active then: a and b (5 Jan) → (0 + 2) / 2 = 1; a's first
    // day (2 Jan) is before the window, so only b is new.
    const results = score(events, { from: '2024-01-04T00:00:00Z' });
    expect(valueOf(results, 'active_users.dau')).toMatchObject({ value: 1, detail: { days: 2, users: 2 } });
    expect(valueOf(results, 'new_users').value).toBe(1);
    expect(valueOf(results, 'stickiness').value).toBe(50);
  });
});

describe('days across a DST change are wall-clock days of --tz', () => {
  it('Europe/Berlin 2024-03-31 (23 hours): two events of that day are one active day', () => {
    // a at 30 Mar 23:30Z = 31 Mar 00:30 CET and at 31 Mar 21:30Z = 23:30 CEST: both 31 March.
    // b at 31 Mar 22:30Z = 1 Apr 00:30 CEST. Berlin: 31 Mar a, 1 Apr b → DAU (1 + 1) / 2 = 1.
    // In UTC the same instants are a on 30 and 31 Mar, b on 31 Mar → (1 + 2) / 2 = 1.5.
    const events: Event[] = [
      ['a', '2024-03-30T23:30:00Z'],
      ['a', '2024-03-31T21:30:00Z'],
      ['b', '2024-03-31T22:30:00Z'],
    ];
    const berlin = score(events, { period: 'day', tz: 'Europe/Berlin' });
    expect(valueOf(berlin, 'active_users.dau')).toMatchObject({ value: 1, detail: { first_day: '2024-03-31', last_day: '2024-04-01' } });
    expect(valueOf(berlin, 'active_users.dau', '2024-03-31')).toMatchObject({ value: 1, n: 1, detail: { days: 1 } });
    expect(valueOf(berlin, 'active_users.dau', '2024-04-01')).toMatchObject({ value: 1, n: 1, detail: { days: 1 } });
    expect(valueOf(score(events), 'active_users.dau').value).toBe(1.5);
  });

  it('Europe/Berlin 2024-10-27 (25 hours): its first and last hour are the same day', () => {
    // a at 26 Oct 22:30Z = 27 Oct 00:30 CEST and 27 Oct 22:30Z = 23:30 CET: one day, 27 October.
    // b at 27 Oct 23:30Z = 28 Oct 00:30 CET. Week of 21–27 Oct: a; week from 28 Oct: b.
    const events: Event[] = [
      ['a', '2024-10-26T22:30:00Z'],
      ['a', '2024-10-27T22:30:00Z'],
      ['b', '2024-10-27T23:30:00Z'],
    ];
    const berlin = score(events, { period: 'day', tz: 'Europe/Berlin' });
    expect(valueOf(berlin, 'active_users.dau', '2024-10-27')).toMatchObject({ value: 1, n: 1 });
    expect(valueOf(berlin, 'active_users.dau', '2024-10-28')).toMatchObject({ value: 1, n: 1 });
    // Whole run, 27–28 Oct: WAU (1 + 1) / 2 = 1 (one user in each ISO week); stickiness 1 / 2 users = 50 %.
    expect(valueOf(berlin, 'active_users.wau').value).toBe(1);
    expect(valueOf(berlin, 'stickiness').value).toBe(50);
    // UTC: a on 26 and 27 Oct, b on 27 Oct → (1 + 2) / 2 = 1.5.
    expect(valueOf(score(events), 'active_users.dau').value).toBe(1.5);
  });
});

describe('new users across a period boundary', () => {
  // a at 31 Jan 23:00Z and 2 Feb; b at 1 Feb 00:00Z.
  const events: Event[] = [
    ['a', '2024-01-31T23:00:00Z'],
    ['b', '2024-02-01T00:00:00Z'],
    ['a', '2024-02-02T12:00:00Z'],
  ];

  it('count in the month of the first event only', () => {
    // UTC: January a (new); February a (seen in January: not new) and b (new) → 1 of 2.
    const results = score(events, { period: 'month' });
    expect(valueOf(results, 'new_users', '2024-01')).toMatchObject({ value: 1, n: 1 });
    expect(valueOf(results, 'new_users', '2024-02')).toMatchObject({ value: 1, n: 2 });
  });

  it('follow the zone: 31 Jan 23:00Z is 1 February in Berlin', () => {
    // Berlin: every event falls in February → no January; both users new in February.
    const results = score(events, { period: 'month', tz: 'Europe/Berlin' });
    expect(results.some((result) => result.period === '2024-01')).toBe(false);
    expect(valueOf(results, 'new_users', '2024-02')).toMatchObject({ value: 2, n: 2 });
  });

  it('count per segment from that segment’s own history', () => {
    // a uses web in January and app in February: new in both segments, each in its own month.
    const results = score(
      [
        ['a', '2024-01-10T10:00:00Z', 'web'],
        ['a', '2024-02-10T10:00:00Z', 'app'],
        ['a', '2024-02-11T10:00:00Z', 'web'],
      ],
      { period: 'month', by: ['channel'] },
    );
    expect(valueOf(results, 'new_users', '2024-02', { channel: 'app' }).value).toBe(1);
    expect(valueOf(results, 'new_users', '2024-02', { channel: 'web' }).value).toBe(0);
    expect(valueOf(results, 'new_users', '2024-02').value).toBe(0);
  });
});

describe('adoption rate', () => {
  const events: Event[] = [
    ['a', '2024-01-02T08:00:00Z'],
    ['b', '2024-01-03T08:00:00Z'],
    ['c', '2024-01-03T09:00:00Z'],
    ['a', '2024-01-04T08:00:00Z'],
  ];

  it('is the window’s distinct users of the population, with a Wilson interval', () => {
    // 3 users of 10 = 30 %. Wilson 95 %, z² = 3.841459: centre (0.3 + 0.192073) / 1.384146 = 0.355503,
    // half-width 1.959964 × √(0.021 + 0.009604) / 1.384146 = 0.247717 → [10.779, 60.322] %.
    const adoption = valueOf(score(events, { population: 10 }), 'adoption_rate');
    expect(adoption).toMatchObject({ value: 30, n: 10, detail: { x: 3, n: 10 } });
    expect(adoption.ci?.[0]).toBeCloseTo(10.7791, 3);
    expect(adoption.ci?.[1]).toBeCloseTo(60.3222, 3);
  });

  it('is not a rate when more users are active than the population holds', () => {
    expect(valueOf(score(events, { population: 2 }), 'adoption_rate')).toMatchObject({ value: null, ci: null, detail: { x: 3, n: 2 } });
  });
});

describe('date-only rows (a daily export: the day, no time)', () => {
  /** Rows with `date` alone, at midnight UTC as the field layer reads `2024-03-30`. */
  function scoreDates(rows: readonly (readonly [string, string])[], period: Period | null): Result[] {
    const card = scorecardFor({ period });
    const feed = card.feederFor(USAGE_IDS);
    let newest = Number.NEGATIVE_INFINITY;
    for (const [user, day] of rows) {
      const stamp = Date.parse(`${day}T00:00:00Z`);
      newest = Math.max(newest, stamp);
      feed({ user_id: user, date: stamp }, null, stamp);
    }
    return card.results(newest);
  }

  it('count the newest day, though the run’s as-of (its newest stamp) is that day’s midnight', () => {
    // a on 1 Jan, b on 2 Jan: 2 days, (1 + 1) / 2 = 1.
    const results = scoreDates(
      [
        ['a', '2024-01-01'],
        ['b', '2024-01-02'],
      ],
      null,
    );
    expect(valueOf(results, 'active_users.dau')).toMatchObject({ value: 1, detail: { days: 2, last_day: '2024-01-02' } });
  });

  it('keep a day that opens the next period out of the period before', () => {
    // a on 30 Mar, b on 1 Apr (the newest: the run's as-of is 1 Apr 00:00, March's end too).
    // March: 30–31 Mar, 1 user-day / 2 = 0.5; April: 1 Apr, b → 1.
    const results = scoreDates(
      [
        ['a', '2024-03-30'],
        ['b', '2024-04-01'],
      ],
      'month',
    );
    expect(valueOf(results, 'active_users.dau', '2024-03')).toMatchObject({ value: 0.5, detail: { days: 2, last_day: '2024-03-31' } });
    expect(valueOf(results, 'active_users.dau', '2024-04')).toMatchObject({ value: 1, detail: { days: 1 } });
  });
});

describe('finishing', () => {
  it('sees rows added after an earlier finish (nothing it worked out is kept past a change)', () => {
    const accumulator = getMetric('active_users.dau').create({ scales: DEFAULT_SCALES, apdexT: 0.5, sla: {}, tz: 'UTC' });
    const state = accumulator.init();
    accumulator.add(state, { user_id: 'a', timestamp: Date.parse('2024-01-01T10:00:00Z') });
    expect(accumulator.finish(state, { confidence: 0.95, asOf: undefined }).value).toBe(1);
    // b on the same day: 2 users on 1 day.
    accumulator.add(state, { user_id: 'b', timestamp: Date.parse('2024-01-01T11:00:00Z') });
    expect(accumulator.finish(state, { confidence: 0.95, asOf: undefined }).value).toBe(2);
    // a again on 3 Jan: (2 + 0 + 1) / 3 days = 1.
    accumulator.add(state, { user_id: 'a', timestamp: Date.parse('2024-01-03T09:00:00Z') });
    expect(accumulator.finish(state, { confidence: 0.95, asOf: undefined }).value).toBe(1);
  });
});

describe('order and threads', () => {
  const events: Event[] = Array.from({ length: 60 }, (_, i) => {
    const day = 1 + ((i * 7) % 45);
    const stamp = new Date(Date.UTC(2024, 0, day, (i * 5) % 24)).toISOString();
    return [`u${String(i % 9)}`, stamp, i % 2 === 0 ? 'web' : 'app'] as const;
  });

  it('give the same results for the rows in any order', () => {
    const expected = score(events, { period: 'week', by: ['channel'], population: 20 });
    for (const seed of [1, 2, 3])
      expect(score(shuffled(events, seed), { period: 'week', by: ['channel'], population: 20 })).toStrictEqual(expected);
  });

  it('give the same results when two scorecards (threads) each take a part and one absorbs the other', () => {
    const plan: Plan = { period: 'week', by: ['channel'], population: 20 };
    const expected = score(events, plan);
    for (const cut of [0, 17, 31, 60]) expect(scoreInTwoParts(shuffled(events, cut), cut, plan)).toStrictEqual(expected);
  });
});
