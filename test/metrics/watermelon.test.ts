// watermelon_rate and happy_breach_rate (src/metrics/watermelon.ts), by hand.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALES, type CanonicalRow } from '../../src/fields/types.js';
import { feelingOf } from '../../src/metrics/watermelon.js';
import { getMetric, METRIC_CONTEXT, runMetric } from './run-metric.js';

const H = 3_600_000;

/** Wilson interval in % (metrics.md §6.3), written out: z = 1.959964. */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959964;
  const p = x / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [100 * (centre - half), 100 * (centre + half)];
}

describe('feelingOf', () => {
  it.each([
    [{ nps: 0 }, 'unhappy'],
    [{ nps: 6 }, 'unhappy'],
    [{ nps: 7 }, 'neutral'],
    [{ nps: 8 }, 'neutral'],
    [{ nps: 9 }, 'happy'],
    [{ nps: 10 }, 'happy'],
    // CSAT 1–5: bottom two boxes 1–2, top two 4–5.
    [{ csat: 1 }, 'unhappy'],
    [{ csat: 2 }, 'unhappy'],
    [{ csat: 3 }, 'neutral'],
    [{ satisfaction: 4 }, 'happy'],
    [{ satisfaction: 5 }, 'happy'],
    // NPS first: a detractor with a happy CSAT is unhappy.
    [{ nps: 3, csat: 5 }, 'unhappy'],
    [{}, undefined],
  ] as const)('%j is %s', (row, feeling) => {
    expect(feelingOf(row, DEFAULT_SCALES)).toBe(feeling);
  });

  it('reads CSAT on the run scale: on 1–7 the bottom two boxes are 1–2, the top two 6–7', () => {
    const scales = { ...DEFAULT_SCALES, csat: [1, 7] as const };
    expect([1, 2, 3, 5, 6, 7].map((csat) => feelingOf({ csat }, scales))).toEqual([
      'unhappy',
      'unhappy',
      'neutral',
      'neutral',
      'happy',
      'happy',
    ]);
  });
});

describe('watermelon_rate and happy_breach_rate', () => {
  // Five met and four breached tickets with answers, two without, one open past due, one unjudged.
  const rows: CanonicalRow[] = [
    { made_sla: true, nps: 10 }, // met, happy
    { made_sla: true, nps: 3 }, // met, unhappy
    { made_sla: true, satisfaction: 2 }, // met, unhappy (CSAT bottom two)
    { made_sla: true, satisfaction: 3 }, // met, neutral
    { made_sla: true, nps: 8 }, // met, neutral
    { made_sla: true }, // met, no answer: left out
    { made_sla: false, nps: 9 }, // breached, happy
    { made_sla: false, satisfaction: 5 }, // breached, happy
    { made_sla: false, nps: 0 }, // breached, unhappy
    { made_sla: false, nps: 7 }, // breached, neutral
    { made_sla: false }, // breached, no answer: left out
    { sla_due_at: 10 * H, is_resolved: false, nps: 10 }, // open, due at 10h, happy
    { nps: 1 }, // no verdict: left out
  ];

  it('watermelon_rate = unhappy among answered met tickets: 2 of 5 = 40 %', () => {
    // Met with an answer: nps 10, nps 3, csat 2, csat 3, nps 8 → n = 5; unhappy: nps 3, csat 2 → x = 2.
    const value = runMetric('watermelon_rate', rows);
    expect(value.n).toBe(5);
    expect(value.value).toBeCloseTo(40, 10);
    const [low, high] = wilson(2, 5);
    expect(value.ci?.[0]).toBeCloseTo(low, 6);
    expect(value.ci?.[1]).toBeCloseTo(high, 6);
    expect(value.detail).toMatchObject({ unhappy: 2 });
  });

  it('happy_breach_rate = happy among answered breached tickets: 2 of 4 = 50 % with no asOf', () => {
    // Breached with an answer: nps 9, csat 5, nps 0, nps 7 → n = 4; happy: nps 9, csat 5 → x = 2. The open ticket is in flight.
    const value = runMetric('happy_breach_rate', rows);
    expect(value.n).toBe(4);
    expect(value.value).toBeCloseTo(50, 10);
  });

  it('counts an open ticket past due at asOf as breached, as sla_attainment does: 3 of 5 = 60 %', () => {
    // asOf 11h > due 10h: the open happy ticket joins the breached ones → 3 happy of 5.
    const value = runMetric('happy_breach_rate', rows, { finish: { asOf: 11 * H } });
    expect(value.n).toBe(5);
    expect(value.value).toBeCloseTo(60, 10);
    // At its due instant exactly it is not yet past due: still 2 of 4.
    expect(runMetric('happy_breach_rate', rows, { finish: { asOf: 10 * H } }).n).toBe(4);
  });

  it('takes the verdict from the config target of the priority when no flag or due date is there', () => {
    // P1 target 4h: resolved after 2h (met, unhappy csat 1) and after 5h (breached, happy nps 10).
    const sla = { P1: 4 * 3600 };
    const judged: CanonicalRow[] = [
      { priority: 'P1', created_at: 0, resolved_at: 2 * H, satisfaction: 1 },
      { priority: 'P1', created_at: 0, resolved_at: 5 * H, nps: 10 },
    ];
    expect(runMetric('watermelon_rate', judged, { context: { sla } })).toMatchObject({ value: 100, n: 1 });
    expect(runMetric('happy_breach_rate', judged, { context: { sla } })).toMatchObject({ value: 100, n: 1 });
    expect(getMetric('watermelon_rate').requiresWith?.({ ...METRIC_CONTEXT, sla })).toContainEqual(['created_at', 'priority', 'nps']);
  });

  it('is empty (null, n 0) without an answered judged ticket', () => {
    expect(runMetric('watermelon_rate', [{ made_sla: true }, { nps: 2 }])).toMatchObject({ value: null, n: 0, ci: null });
  });

  it('merges states as if the rows had been added to one', () => {
    const accumulator = getMetric('happy_breach_rate').create(METRIC_CONTEXT);
    const [a, b] = [accumulator.init(), accumulator.init()];
    rows.slice(0, 7).forEach((row) => accumulator.add(a, row));
    rows.slice(7).forEach((row) => accumulator.add(b, row));
    const merged = accumulator.finish(accumulator.merge(a, b), { confidence: 0.95, asOf: 11 * H });
    expect(merged).toEqual(runMetric('happy_breach_rate', rows, { finish: { asOf: 11 * H } }));
  });
});
