/**
 * Random canonical rows for property tests: each field present two times in three, values valid
 * on the default scales, ticket stamps at or after created_at (as the field layer guarantees).
 */
import fc from 'fast-check';
import type { CanonicalRow, FieldId } from '../../src/fields/types.js';
import { T0 } from './run-metric.js';

export const HOUR = 3_600_000;

/** Present two times in three: metrics must cope with any field missing on any row. */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, { nil: undefined, freq: 3 });
}

export function int(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min, max });
}

function real(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Valid values on the default scales, with the thresholds themselves drawn often. */
const surveyFields = fc.record({
  nps: sometimes(int(0, 10)),
  enps: sometimes(int(0, 10)),
  happiness: sometimes(int(0, 10)),
  csat: sometimes(int(1, 5)),
  satisfaction: sometimes(int(1, 5)),
  ces: sometimes(int(1, 7)),
  rating: sometimes(fc.oneof(int(1, 5), real(1, 5))),
  sentiment: sometimes(fc.oneof(fc.constantFrom(-1, 0, 1), real(-1, 1))),
  lost_time: sometimes(fc.oneof(fc.constant(0), real(0, 100_000))),
});

/**
 * Questionnaire items answered as a whole, not at all, or with gaps (each a third of rows), so
 * that complete respondents, incomplete ones and non-respondents all occur.
 */
function items<const Id extends string>(ids: readonly Id[], low: number, high: number): fc.Arbitrary<Partial<Record<Id, number>>> {
  const answers = fc.array(int(low, high), { minLength: ids.length, maxLength: ids.length });
  const gaps = fc.array(sometimes(int(low, high)), { minLength: ids.length, maxLength: ids.length });
  return fc
    .oneof(answers, gaps, fc.constant(ids.map(() => undefined)))
    .map((values) => Object.fromEntries(ids.map((id, i) => [id, values[i]])) as Partial<Record<Id, number>>);
}

const SUS_IDS = ['sus_1', 'sus_2', 'sus_3', 'sus_4', 'sus_5', 'sus_6', 'sus_7', 'sus_8', 'sus_9', 'sus_10'] as const;

const instrumentFields = fc
  .tuple(
    items(SUS_IDS, 1, 5),
    items(['umux_1', 'umux_2'] as const, 1, 7),
    items(['temkin_success', 'temkin_effort', 'temkin_emotion'] as const, 1, 7),
    items(['esi_1', 'esi_2', 'esi_3'] as const, 1, 10),
  )
  .map(([sus, umux, temkin, esi]) => ({ ...sus, ...umux, ...temkin, ...esi }));

/** Stamps at or after created_at, as the field layer guarantees; `is_resolved` derived from them. */
const ticketFields = fc
  .record({
    created: sometimes(int(0, 1000)),
    firstResponse: sometimes(int(0, 50)),
    resolved: sometimes(int(0, 200)),
    due: sometimes(int(0, 100)),
    closedByStatus: sometimes(fc.boolean()),
    reopen_count: sometimes(int(0, 3)),
    reopened: sometimes(fc.boolean()),
    contacts: sometimes(int(1, 4)),
    fcr: sometimes(fc.boolean()),
    made_sla: sometimes(fc.boolean()),
    priority: sometimes(fc.constantFrom('P1', 'P2', 'P3')),
    reassignment_count: sometimes(int(0, 6)),
    // Repeating requesters over a few channels, some cells naming two, some in other cases.
    requester: sometimes(fc.constantFrom('C1', 'C2', 'C3', 'constructor')),
    channel: sometimes(fc.constantFrom('email', 'Email ', 'phone', 'portal', 'email, phone', 'Chatbot', ' ')),
    self_service: sometimes(fc.boolean()),
  })
  .map(({ created, firstResponse, resolved, due, closedByStatus, ...rest }) => {
    const createdAt = created === undefined ? undefined : T0 + created * HOUR;
    const after = (hours: number | undefined) => (createdAt === undefined || hours === undefined ? undefined : createdAt + hours * HOUR);
    const resolvedAt = after(resolved);
    return {
      ...rest,
      created_at: createdAt,
      first_response_at: after(firstResponse),
      resolved_at: resolvedAt,
      sla_due_at: after(due),
      is_resolved: resolvedAt === undefined ? closedByStatus : true,
    };
  });

const analyticsFields = fc.record({
  visitors: sometimes(int(0, 1000)),
  sessions: sometimes(int(0, 1000)),
  conversions: sometimes(int(0, 60)),
  converted: sometimes(fc.boolean()),
  bounced: sometimes(fc.boolean()),
  bounces: sometimes(int(0, 1200)),
  bounce_rate: sometimes(real(0, 1)),
  pageviews: sometimes(int(0, 5000)),
  engagement_time: sometimes(real(0, 10_000)),
  downloads: sometimes(int(0, 100)),
  requests: sometimes(int(0, 1000)),
  errors: sometimes(int(0, 60)),
  response_time: sometimes(fc.oneof(fc.constantFrom(0.5, 2), real(0, 5))),
  task_success: sometimes(fc.boolean()),
  // 0 has no logarithm (the geometric mean leaves it out): drawn often
  task_time: sometimes(fc.oneof(fc.constant(0), real(0, 600))),
  task_clicks: sometimes(int(0, 40)),
  task_errors: sometimes(int(0, 5)),
  lcp: sometimes(fc.oneof(fc.constantFrom(2500, 4000), real(0, 10_000))),
  inp: sometimes(fc.oneof(fc.constantFrom(200, 500), real(0, 1000))),
  cls: sometimes(fc.oneof(fc.constantFrom(0.1, 0.25), real(0, 1))),
  // Product usage: few users, so that they repeat on a day, in a week and across months.
  user_id: sometimes(fc.constantFrom('u1', 'u2', 'u3', 'u4')),
  timestamp: sometimes(int(0, 1200).map((hours) => T0 + hours * HOUR)),
});

/** Two sources' bound fields: every row of a source shares its one array (fields/row-builder.ts). */
const TICKET_SOURCE: readonly FieldId[] = ['id', 'created_at', 'resolved_at', 'priority'];
const SURVEY_SOURCE: readonly FieldId[] = ['respondent_id', 'submitted_at', 'nps'];
const NO_SOURCE: readonly FieldId[] = [];

/** What data quality reads: the source's bound fields, ids that repeat, a date, a rejected cell. */
const qualityFields = fc.record({
  bound: fc.constantFrom(TICKET_SOURCE, SURVEY_SOURCE, NO_SOURCE),
  id: sometimes(fc.constantFrom('T1', 'T2', 'T3')),
  respondent_id: sometimes(fc.constantFrom('R1', 'R2')),
  submitted_at: sometimes(int(0, 1200).map((hours) => T0 + hours * HOUR)),
  unreadable: fc.constantFrom<ReadonlySet<FieldId>>(new Set<FieldId>(), new Set<FieldId>(['priority'])),
});

/** A row carrying any mix of fields: each metric reads the ones it needs and must skip the rest. */
export const anyRow: fc.Arbitrary<CanonicalRow> = fc
  .tuple(surveyFields, instrumentFields, ticketFields, analyticsFields, qualityFields)
  .map(([survey, instruments, tickets, analytics, quality]) => ({ ...survey, ...instruments, ...tickets, ...analytics, ...quality }));
