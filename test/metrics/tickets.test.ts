import { describe, expect, it } from 'vitest';
import type { CanonicalRow } from '../../src/fields/types.js';
import { BusinessCalendar } from '../../src/time/business-hours.js';
import { getMetric, hoursAfterStart as at, METRIC_CONTEXT, runMetric, T0, ticket } from './run-metric.js';

describe('tickets', () => {
  it.each([
    ['empty', [], null, 0],
    ['one ticket', [ticket({ created_at: at(0) })], 1, 1],
    // every row is a ticket, whatever it holds
    ['three tickets', [ticket({ created_at: at(0) }), ticket({ created_at: at(1), resolved_at: at(2) }), {}], 3, 3],
  ] as const)('%s', (_label, rows, value, n) => {
    const result = runMetric('tickets', rows);
    expect(result).toEqual({ value, n, ci: null });
  });
});

describe.each([
  ['first_response_time', 'first_response_at'],
  ['resolution_time', 'resolved_at'],
] as const)('%s.*', (prefix, end) => {
  const withEnd = (endHours: number): CanonicalRow => ticket({ created_at: at(0), [end]: at(endHours) });
  const waiting = ticket({ created_at: at(0) });
  it.each([
    // [label, rows, mean, median, p90, n, excluded_open]
    ['empty', [], null, null, null, 0, 0],
    ['only waiting tickets', [waiting, waiting], null, null, null, 0, 2],
    ['equal stamps give 0', [withEnd(0)], 0, 0, 0, 1, 0],
    // 1 h, 3 h, 2 h → 3600, 10800, 7200 s: mean 7200, median 7200,
    // p90: h = (3 − 1)·0.9 = 1.8 → 7200 + 0.8·3600 = 10080; the waiting ticket is excluded and counted
    ['three and one waiting', [withEnd(1), withEnd(3), withEnd(2), waiting], 7200, 7200, 10080, 3, 1],
    // ties: 1 h twice and 5 h → mean 7/3 h = 8400 s, median 3600, p90: h = 1.8 → 3600 + 0.8·14400 = 15120
    ['ties', [withEnd(1), withEnd(1), withEnd(5)], 8400, 3600, 15120, 3, 0],
  ] as const)('%s', (_label, rows, mean, median, p90, n, excludedOpen) => {
    const results = [runMetric(`${prefix}.mean`, rows), runMetric(`${prefix}.median`, rows), runMetric(`${prefix}.p90`, rows)];
    expect(results.map((result) => result.value)).toEqual([mean, median, p90]);
    for (const result of results) {
      expect(result.n).toBe(n);
      expect(result.ci).toBeNull();
      expect(result.detail?.['excluded_open']).toBe(excludedOpen);
    }
  });

  it('keeps mean and sd for a significance test', () => {
    // 3600 and 10800 s: mean 7200, sd = 7200/√2 = 5091.168825
    const { detail } = runMetric(`${prefix}.mean`, [withEnd(1), withEnd(3)]);
    expect(detail?.['mean']).toBe(7200);
    expect(detail?.['sd']).toBeCloseTo(5091.168825, 5);
  });
});

describe('sla_attainment', () => {
  const due = at(10);
  const asOf = at(20);
  it.each([
    // [label, rows, asOf, value, n, met (x), excluded_open]
    ['empty', [], asOf, null, 0, 0, 0],
    // 2 of 3 flags met
    ['made_sla flags', [{ made_sla: true }, { made_sla: true }, { made_sla: false }], asOf, (100 * 2) / 3, 3, 2, 0],
    ['resolved exactly at due meets it', [ticket({ sla_due_at: due, resolved_at: due })], asOf, 100, 1, 1, 0],
    ['resolved a millisecond late breaches', [ticket({ sla_due_at: due, resolved_at: due + 1 })], asOf, 0, 1, 0, 0],
    ['open past due is breached now', [ticket({ sla_due_at: due })], asOf, 0, 1, 0, 0],
    ['open and due exactly now is in flight', [ticket({ sla_due_at: asOf })], asOf, null, 0, 0, 1],
    ['open with unknown asOf is in flight', [ticket({ sla_due_at: due })], undefined, null, 0, 0, 1],
    // a flag wins over the stamps: made_sla false although resolved before due
    ['made_sla before sla_due_at', [ticket({ made_sla: false, sla_due_at: due, resolved_at: at(1) })], asOf, 0, 1, 0, 0],
    // closed by status with no resolved stamp: no verdict
    ['closed without a stamp', [{ sla_due_at: due, is_resolved: true }], asOf, null, 0, 0, 0],
    // Issue 19, item 5: on an open ticket a flag is provisional. OVERDUE is breached already; ONTIME
    // only "not yet": in flight, out of the denominator (§3.3), whatever asOf says.
    ['open and flagged breached is breached', [{ made_sla: false, is_resolved: false }], asOf, 0, 1, 0, 0],
    ['open and flagged met is in flight', [{ made_sla: true, is_resolved: false }], asOf, null, 0, 0, 1],
    ['closed by status and flagged met is met', [{ made_sla: true, is_resolved: true }], asOf, 100, 1, 1, 0],
    // resolved at an unknown time (resolved_at rejected): the flag is its verdict
    [
      'resolved_at rejected and flagged met is met',
      [{ made_sla: true, is_resolved: false, unreadable: new Set(['resolved_at'] as const) }],
      asOf,
      100,
      1,
      1,
      0,
    ],
    ['no SLA information', [ticket({ created_at: at(0) })], asOf, null, 0, 0, 0],
    // met: on-time resolve + flag; breached: late resolve + open past due; in flight: open due later
    // → 2/(2 + 2) = 50 %
    [
      'mixed',
      [
        ticket({ sla_due_at: due, resolved_at: at(5) }),
        { made_sla: true },
        ticket({ sla_due_at: due, resolved_at: at(11) }),
        ticket({ sla_due_at: due }),
        ticket({ sla_due_at: at(30) }),
      ],
      asOf,
      50,
      4,
      2,
      1,
    ],
    // met: closed ONTIME ×2; breached: closed OVERDUE, open OVERDUE; in flight: open ONTIME ×3
    // → 2/(2 + 2) = 50 %, excluded_open 3 (before, 5/7)
    [
      'flags on open and closed tickets',
      [
        { made_sla: true, is_resolved: true },
        ticket({ made_sla: true, resolved_at: at(3) }),
        { made_sla: false, is_resolved: true },
        { made_sla: false, is_resolved: false },
        { made_sla: true, is_resolved: false },
        { made_sla: true, is_resolved: false },
        { made_sla: true, is_resolved: false },
      ],
      asOf,
      50,
      4,
      2,
      3,
    ],
  ] as const)('%s', (_label, rows, finishAsOf, value, n, x, excludedOpen) => {
    const result = runMetric('sla_attainment', rows, { finish: { asOf: finishAsOf } });
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.detail).toMatchObject({ x, n, excluded_open: excludedOpen });
  });

  it('counts an open ticket as breached only once asOf has passed its due instant', () => {
    const accumulator = getMetric('sla_attainment').create(METRIC_CONTEXT);
    const state = accumulator.init();
    accumulator.add(state, ticket({ sla_due_at: due, resolved_at: at(1) }));
    accumulator.add(state, ticket({ sla_due_at: due }));
    // before due: 1 met of 1; after: 1 met of 2 → 50 %; finishing again early gives the first answer back
    expect(accumulator.finish(state, { confidence: 0.95, asOf: at(5) }).value).toBe(100);
    expect(accumulator.finish(state, { confidence: 0.95, asOf: at(15) }).value).toBe(50);
    expect(accumulator.finish(state, { confidence: 0.95, asOf: at(5) }).value).toBe(100);
  });

  it('judges tickets by the config sla of their priority when they carry no flag or due stamp', () => {
    // sla P1 4h, P2 8h. P1 resolved after 4h exactly → met; P1 after 5h → breached; P2 after 6h → met;
    // P3 has no target → excluded; P2 open since T0 is past its 8h at asOf = 10h → breached. 2 of 4 → 50 %.
    const sla = { P1: 4 * 3600, P2: 8 * 3600 };
    const rows = [
      ticket({ created_at: T0, resolved_at: at(4), priority: 'P1' }),
      ticket({ created_at: T0, resolved_at: at(5), priority: 'P1' }),
      ticket({ created_at: T0, resolved_at: at(6), priority: 'P2' }),
      ticket({ created_at: T0, resolved_at: at(1), priority: 'P3' }),
      ticket({ created_at: T0, priority: 'P2', is_resolved: false }),
    ];
    const result = runMetric('sla_attainment', rows, { context: { sla }, finish: { asOf: at(10) } });
    expect(result).toMatchObject({ value: 50, n: 4 });
    // A made_sla flag still wins over the priority target.
    expect(
      runMetric('sla_attainment', [ticket({ created_at: T0, resolved_at: at(9), priority: 'P1', made_sla: true })], { context: { sla } })
        .value,
    ).toBe(100);
    // Without an sla section the metric is fed only by made_sla or sla_due_at.
    expect(getMetric('sla_attainment').requiresWith?.({ ...METRIC_CONTEXT, sla: {} })).toEqual([]);
    expect(getMetric('sla_attainment').requiresWith?.({ ...METRIC_CONTEXT, sla })).toEqual([['created_at', 'priority']]);
  });
});

// Issue 19, item 5: reopen and FCR are outcomes of resolved tickets (§3.4, §3.5). "Resolved" is a
// readable resolved_at or a closing status (both give is_resolved true), or a resolved_at that was
// there but rejected (resolved at an unknown time, issue 18). A ticket whose resolution is not known
// (is_resolved undefined: no resolved_at column, no status) is left out, as an open one is; before,
// it counted in the denominator.
const RESOLVED = { is_resolved: true } as const;
const CLOSED_BY_STATUS = { created_at: at(0), is_resolved: true } as const;
const REJECTED_RESOLUTION = { created_at: at(0), is_resolved: false, unreadable: new Set(['resolved_at'] as const) };
const UNKNOWN_RESOLUTION = {} as const;

describe('reopen_rate', () => {
  it.each([
    // [label, rows, value, n]
    ['empty', [], null, 0],
    ['no reopen information', [ticket({ resolved_at: at(1) })], null, 0],
    ['reopen_count 0', [{ ...RESOLVED, reopen_count: 0 }], 0, 1],
    ['reopen_count 1', [{ ...RESOLVED, reopen_count: 1 }], 100, 1],
    ['reopened true', [{ ...RESOLVED, reopened: true }], 100, 1],
    ['open tickets have no outcome', [{ is_resolved: false, reopen_count: 1 }], null, 0],
    ['tickets not known to be resolved have none either', [{ ...UNKNOWN_RESOLUTION, reopen_count: 1 }], null, 0],
    ['closed by status, no stamp: resolved', [{ ...CLOSED_BY_STATUS, reopen_count: 1 }], 100, 1],
    ['resolved_at rejected: resolved at an unknown time', [{ ...REJECTED_RESOLUTION, reopen_count: 0 }], 0, 1],
    // In: stamped count 2 (yes), status-closed flag true (yes), rejected count 0 (no), stamped flag
    // false (no) → 2 of 4 = 50 %. Out: the open one and the unknown one, though both were reopened.
    [
      'mixed',
      [
        ticket({ resolved_at: at(1), reopen_count: 2 }),
        { ...CLOSED_BY_STATUS, reopened: true },
        { ...REJECTED_RESOLUTION, reopen_count: 0 },
        ticket({ resolved_at: at(1), reopened: false }),
        { is_resolved: false, reopened: true },
        { ...UNKNOWN_RESOLUTION, reopen_count: 3 },
      ],
      50,
      4,
    ],
  ] as const)('%s', (_label, rows, value, n) => {
    const result = runMetric('reopen_rate', rows);
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
  });
});

describe.each([
  ['reopen_rate', { reopen_count: 1 }],
  ['fcr_rate', { contacts: 1 }],
] as const)('%s, its excluded tickets', (id, outcome) => {
  it('counts the open and the not-known-resolved tickets that carry the information, and no others', () => {
    // Resolved 1 (in n); open 2 and unknown 1 with the information (excluded); open and unknown
    // without it (not counted anywhere).
    const rows = [
      { ...RESOLVED, ...outcome },
      { is_resolved: false, ...outcome },
      { is_resolved: false, ...outcome },
      { ...UNKNOWN_RESOLUTION, ...outcome },
      { is_resolved: false },
      { ...UNKNOWN_RESOLUTION },
    ];
    const result = runMetric(id, rows);
    expect(result).toMatchObject({ value: 100, n: 1 });
    expect(result.detail).toEqual({ x: 1, n: 1, excluded_open: 2, excluded_unknown: 1 });
  });

  it('says why it is null when no ticket is known to be resolved', () => {
    const result = runMetric(id, [{ ...UNKNOWN_RESOLUTION, ...outcome }]);
    expect(result).toMatchObject({ value: null, n: 0, detail: { excluded_open: 0, excluded_unknown: 1 } });
  });
});

describe('fcr_rate', () => {
  it.each([
    // [label, rows, value, n]
    ['empty', [], null, 0],
    ['one contact', [{ ...RESOLVED, contacts: 1 }], 100, 1],
    ['two contacts', [{ ...RESOLVED, contacts: 2 }], 0, 1],
    ['fcr flag', [{ ...RESOLVED, fcr: true }], 100, 1],
    ['open tickets have no outcome', [{ contacts: 1, is_resolved: false }], null, 0],
    ['tickets not known to be resolved have none either', [{ ...UNKNOWN_RESOLUTION, contacts: 1 }], null, 0],
    ['closed by status, no stamp: resolved', [{ ...CLOSED_BY_STATUS, fcr: false }], 0, 1],
    ['resolved_at rejected: resolved at an unknown time', [{ ...REJECTED_RESOLUTION, contacts: 1 }], 100, 1],
    // In: contacts 1 (yes), fcr true (yes), contacts 3 (no), fcr false (no) → 2 of 4 = 50 %.
    // Out: resolved with neither field; unknown resolution with contacts 1; open with fcr true.
    [
      'mixed',
      [
        { ...RESOLVED, contacts: 1 },
        { ...CLOSED_BY_STATUS, contacts: 3 },
        { ...REJECTED_RESOLUTION, fcr: true },
        ticket({ resolved_at: at(2), fcr: false }),
        { ...RESOLVED },
        { ...UNKNOWN_RESOLUTION, contacts: 1 },
        { is_resolved: false, fcr: true },
      ],
      50,
      4,
    ],
  ] as const)('%s', (_label, rows, value, n) => {
    const result = runMetric('fcr_rate', rows);
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
  });
});

describe('backlog', () => {
  // A created 0 h, resolved 10 h · B created 5 h, open · C created 10 h, resolved 20 h ·
  // D created 20 h, closed by status without a stamp (never counted open)
  const rows: CanonicalRow[] = [
    ticket({ created_at: at(0), resolved_at: at(10) }),
    ticket({ created_at: at(5) }),
    ticket({ created_at: at(10), resolved_at: at(20) }),
    { created_at: at(20), is_resolved: true },
  ];
  const accumulator = getMetric('backlog').create(METRIC_CONTEXT);
  const state = accumulator.init();
  for (const row of rows) accumulator.add(state, row);

  it.each([
    // [label, asOf, value, n]
    ['before any ticket', at(-1), null, 0],
    ['at the first creation', at(0), 1, 1], // A
    ['midway', at(5), 2, 2], // A, B
    // C created at 10 h is in; A resolved exactly at 10 h is out → B, C
    ['at a resolution instant', at(10), 2, 3],
    // A, C resolved, D closed → B
    ['at the end', at(20), 1, 4],
    ['long after', at(1000), 1, 4],
    // asOf unknown → the latest stamp seen (20 h)
    ['asOf from the data', undefined, 1, 4],
  ] as const)('%s', (_label, asOf, value, n) => {
    // Every case finishes the same state: finishing must not disturb it.
    const result = accumulator.finish(state, { confidence: 0.95, asOf });
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
    expect(result.ci).toBeNull();
  });

  it('is empty without tickets', () => {
    expect(runMetric('backlog', [])).toEqual({ value: null, n: 0, ci: null, detail: { as_of: null, excluded_unreadable: 0 } });
  });

  it('is a period-spanning metric', () => {
    expect(getMetric('backlog').spansPeriods).toBe(true);
  });
});

describe('reassignments.mean', () => {
  it.each([
    ['empty', [], null, 0],
    ['one ticket', [{ reassignment_count: 3 }], 3, 1],
    // (0 + 1 + 2 + 5)/4 = 2; the ticket without a count is skipped
    ['several', [{ reassignment_count: 0 }, { reassignment_count: 1 }, { reassignment_count: 2 }, { reassignment_count: 5 }, {}], 2, 4],
  ] as const)('%s', (_label, rows, value, n) => {
    const result = runMetric('reassignments.mean', rows);
    expect(result.value).toBe(value);
    expect(result.n).toBe(n);
  });
});

// A ticket with no end stamp is either still waiting (open, or its state unknown) or closed
// without it: a status that says closed and no resolved_at (1,077 incidents of the ServiceNow
// log), or resolved with no first response. Only the first kind is open.
describe('a ticket closed without its end stamp', () => {
  const open: CanonicalRow = { created_at: at(0), is_resolved: false };
  const unknown: CanonicalRow = { created_at: at(0) };
  const closedByStatus: CanonicalRow = { created_at: at(0), status: 'Closed', is_resolved: true };
  const resolvedUnanswered: CanonicalRow = { created_at: at(0), resolved_at: at(5), is_resolved: true };

  it('is counted as closed, not open, in resolution times', () => {
    const rows = [ticket({ created_at: at(0), resolved_at: at(3) }), open, unknown, closedByStatus];
    const result = runMetric('resolution_time.mean', rows);
    // Only the resolved ticket: 3 h. Waiting: the open one and the unknown one; closed: one.
    expect(result).toMatchObject({ value: 10800, n: 1, detail: { excluded_open: 2, excluded_closed: 1, excluded_unreadable: 0 } });
  });

  it('is counted as closed, not open, in first-response times', () => {
    const rows = [ticket({ created_at: at(0), first_response_at: at(1) }), open, resolvedUnanswered, closedByStatus];
    const result = runMetric('first_response_time.median', rows);
    // Only the answered ticket: 1 h. Waiting for an answer: the open one; closed unanswered: two.
    expect(result).toMatchObject({ value: 3600, n: 1, detail: { excluded_open: 1, excluded_closed: 2, excluded_unreadable: 0 } });
  });
});

// Issue 18, item 9: a ticket whose end stamp was rejected is what the row builder makes of it —
// the stamp undefined, `is_resolved` false as if none were given, and the field in `unreadable`.
describe('a ticket whose end stamp was rejected', () => {
  const unreadable = (end: 'resolved_at' | 'first_response_at'): CanonicalRow => ({
    created_at: at(0),
    is_resolved: false,
    unreadable: new Set([end]),
  });
  const waiting: CanonicalRow = { created_at: at(0), is_resolved: false };

  it.each(['first_response', 'resolution'] as const)('is left out of %s times as unreadable, not open', (prefix) => {
    const end = prefix === 'resolution' ? 'resolved_at' : 'first_response_at';
    const rows = [ticket({ created_at: at(0), [end]: at(2) }), waiting, unreadable(end), unreadable(end)];
    for (const statistic of ['mean', 'median', 'p90']) {
      const result = runMetric(`${prefix}_time.${statistic}`, rows);
      // Only the one ticket with both stamps: 2 h.
      expect(result.value).toBe(7200);
      expect(result.n).toBe(1);
      expect(result.detail).toMatchObject({ excluded_open: 1, excluded_unreadable: 2 });
    }
  });

  it('is neither met, breached nor open for SLA attainment (before, past its due instant it was breached)', () => {
    const due = at(10);
    const rows = [
      ticket({ created_at: at(0), sla_due_at: due, resolved_at: at(5) }),
      { ...unreadable('resolved_at'), sla_due_at: due },
      { ...waiting, sla_due_at: at(30) },
    ];
    const result = runMetric('sla_attainment', rows, { finish: { asOf: at(20) } });
    // 1 met of 1 judged; the open ticket is within its due instant at 20 h.
    expect(result.value).toBe(100);
    expect(result.n).toBe(1);
    expect(result.detail).toMatchObject({ x: 1, n: 1, breached: 0, excluded_open: 1, excluded_unreadable: 1 });
  });

  it('is not counted open in the backlog', () => {
    const rows = [ticket({ created_at: at(0), resolved_at: at(10) }), { ...unreadable('resolved_at'), created_at: at(5) }, waiting];
    const result = runMetric('backlog', rows, { finish: { asOf: at(20) } });
    // A resolved at 10 h; the waiting ticket is open; the unreadable one is left out.
    expect(result).toEqual({ value: 1, n: 2, ci: null, detail: { as_of: at(20), excluded_unreadable: 1 } });
  });

  it('is not known to be open, so reopen and FCR rates keep it as they keep one of unknown state', () => {
    const row = { ...unreadable('resolved_at'), reopen_count: 1, contacts: 1 };
    expect(runMetric('reopen_rate', [row])).toMatchObject({ value: 100, n: 1 });
    expect(runMetric('fcr_rate', [row])).toMatchObject({ value: 100, n: 1 });
    // A ticket known to be open is left out of both.
    expect(runMetric('reopen_rate', [{ ...waiting, reopen_count: 1 }]).n).toBe(0);
  });
});

describe('sla_attainment.first_response', () => {
  // P1 answers within 1h; P2 has a resolution target only, so it is not judged here. asOf = 3h.
  const context = { sla: { P2: 8 * 3600 }, slaFirstResponse: { P1: 3600 } };
  const p1 = (fields: CanonicalRow): CanonicalRow => ticket({ created_at: T0, priority: 'P1', ...fields });
  it.each([
    // [label, row, value, n, breached, excluded_open, excluded_unreadable]
    ['answered exactly on target: met', p1({ first_response_at: at(1) }), 100, 1, 0, 0, 0],
    ['answered a millisecond late: breached', p1({ first_response_at: at(1) + 1 }), 0, 1, 1, 0, 0],
    ['unanswered and open past due at asOf: breached', p1({ is_resolved: false }), 0, 1, 1, 0, 0],
    [
      'unanswered and open, created 2.5h in: due 3.5h, within at asOf 3h: left out',
      { ...p1({ is_resolved: false }), created_at: at(2.5) },
      null,
      0,
      0,
      1,
      0,
    ],
    // Solving a ticket answers it: the clock stops at resolved_at (0.5h ≤ 1h).
    ['resolved without an answer stops the clock there', p1({ resolved_at: at(0.5) }), 100, 1, 0, 0, 0],
    [
      'a rejected answer stamp is not judged',
      { ...p1({ is_resolved: false }), unreadable: new Set(['first_response_at'] as const) },
      null,
      0,
      0,
      0,
      1,
    ],
    ['no first-response target for P2', ticket({ created_at: T0, priority: 'P2', first_response_at: at(5) }), null, 0, 0, 0, 0],
    // The flags and sla_due_at are about resolution: they do not judge the response.
    ['made_sla does not judge the response', p1({ made_sla: true, first_response_at: at(2) }), 0, 1, 1, 0, 0],
  ] as const)('%s', (_label, row, value, n, breached, excludedOpen, excludedUnreadable) => {
    const result = runMetric('sla_attainment.first_response', [row], { context, finish: { asOf: at(3) } });
    expect(result).toMatchObject({
      value,
      n,
      detail: { breached, excluded_open: excludedOpen, excluded_unreadable: excludedUnreadable, as_of: at(3) },
    });
  });

  it('applies only when the config gives first-response targets', () => {
    expect(getMetric('sla_attainment.first_response').requiresWith?.(METRIC_CONTEXT)).toEqual([]);
    expect(getMetric('sla_attainment.first_response').requiresWith?.({ ...METRIC_CONTEXT, ...context })).toEqual([
      ['created_at', 'priority'],
    ]);
  });
});

describe('SLA targets in business time', () => {
  // T0 = Monday 2024-01-01 00:00 UTC (a holiday below); calendar 09:00–17:00 mon–fri UTC.
  const calendar = new BusinessCalendar({
    timezone: 'UTC',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    hours: [{ start: 540, end: 1020 }],
    isHoliday: (date) => date === '2024-01-01',
  });
  const businessTime = { calendars: [calendar], fallback: 0 };
  const context = { sla: { P1: 4 * 3600 }, slaFirstResponse: { P1: 3600 }, businessTime };
  // Created Monday 10:00 (a holiday): the clock starts Tuesday 09:00 (at(33)).
  // Response due Tue 10:00 (at 34); resolution due Tue 13:00 (at 37).
  const created = at(10);
  it.each([
    // [label, fields, asOf, resolution value, response value]
    ['answered and resolved exactly on the due instants: met', { first_response_at: at(34), resolved_at: at(37) }, at(40), 100, 100],
    ['past them: breached', { first_response_at: at(34) + 1, resolved_at: at(37) + 1 }, at(40), 0, 0],
    // Open: at Tuesday 09:30 (at 33.5) both are within target; at 11:00 (at 35) the response is past due.
    ['open within both targets: left out', { is_resolved: false }, at(33.5), null, null],
    ['open past the response target only', { is_resolved: false }, at(35), null, 0],
    ['open past both', { is_resolved: false }, at(38), 0, 0],
  ] as const)('%s', (_label, fields, asOf, resolution, response) => {
    const row = ticket({ created_at: created, priority: 'P1', ...fields });
    const finish = { asOf };
    expect(runMetric('sla_attainment', [row], { context, finish })).toMatchObject({ value: resolution, detail: { clock: 'business' } });
    expect(runMetric('sla_attainment.first_response', [row], { context, finish }).value).toBe(response);
  });

  it('counts a ticket no calendar times apart, never as breached', () => {
    const noCalendar = { ...ticket({ created_at: created, priority: 'P1', is_resolved: false }), calendar: null };
    const result = runMetric('sla_attainment', [noCalendar], { context, finish: { asOf: at(100) } });
    expect(result).toMatchObject({ value: null, n: 0, detail: { excluded_no_calendar: 1, breached: 0 } });
    const ancient = ticket({ created_at: Date.UTC(1969, 0, 1), priority: 'P1', is_resolved: false });
    expect(runMetric('sla_attainment.first_response', [ancient], { context, finish: { asOf: at(100) } }).detail).toMatchObject({
      excluded_implausible_year: 1,
    });
  });
});
