/**
 * Random survey, ticket and analytics exports as fast-check arbitraries (fractional answers,
 * durations from millisecond stamps, decimal sentiment, bounce rates weighted by sessions,
 * fractional conversions), an XLA file's targets over them, and how to cut rows into parts: shared
 * by the tests that check a report never depends on row order, cuts, threads or partials.
 */
import fc from 'fast-check';

/** An integer of units at some decimal places, as text: (437, 2) → "4.37", (−5, 3) → "-0.005". */
function decimalText(units: number, places: number): string {
  const digits = String(Math.abs(units)).padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return units < 0 ? `-${text}` : text;
}

/** A decimal in [low, high] with 0–`maxPlaces` places, as an export writes it. */
function decimal(low: number, high: number, maxPlaces: number): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: maxPlaces }).chain((places) => {
    const scale = 10 ** places;
    return fc.integer({ min: low * scale, max: high * scale }).map((units) => decimalText(units, places));
  });
}

const maybe = (value: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.option(value, { nil: '', freq: 4 });

const START = Date.UTC(2024, 0, 1);
const DAYS = 90;
/** An instant in Jan–Mar 2024 to the millisecond (three months: changes and their p-values). */
const instant = fc.integer({ min: 0, max: DAYS * 86_400_000 - 1 }).map((offset) => START + offset);
const team = fc.constantFrom('Desk', 'Network', 'Apps');
const iso = (ms: number): string => new Date(ms).toISOString();

export const SURVEY_HEADER = 'submitted_at,team,csat,nps,ces,rating,sentiment,lost_time';
export const surveyRow: fc.Arbitrary<string> = fc
  .tuple(
    instant,
    team,
    maybe(decimal(1, 5, 2)),
    maybe(fc.integer({ min: 0, max: 10 }).map(String)),
    maybe(decimal(1, 7, 1)),
    maybe(decimal(1, 5, 2)),
    maybe(decimal(-1, 1, 3)),
    maybe(decimal(0, 20_000, 3)),
  )
  .map(([at, ...fields]) => [iso(at), ...fields].join(','));

export const TICKET_HEADER = 'created_at,resolved_at,first_response_at,team,satisfaction,reopen_count';
const delay = fc.option(fc.integer({ min: 0, max: 10 * 86_400_000 }), { nil: undefined, freq: 4 });
export const ticketRow: fc.Arbitrary<string> = fc
  .tuple(instant, delay, delay, team, maybe(decimal(1, 5, 1)), maybe(fc.integer({ min: 0, max: 3 }).map(String)))
  .map(([created, resolvedAfter, firstAfter, ...rest]) =>
    [
      iso(created),
      resolvedAfter === undefined ? '' : iso(created + resolvedAfter),
      firstAfter === undefined ? '' : iso(created + firstAfter),
      ...rest,
    ].join(','),
  );

export const ANALYTICS_HEADER = 'date,team,sessions,visitors,conversions,bounce_rate,pageviews,engagement_time,response_time';
const count = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map(String);
/** Aggregated rows: a bounce_rate fraction weighted by sessions, fractional conversions (GA4 key events), fractional seconds. */
export const analyticsRow: fc.Arbitrary<string> = fc
  .tuple(
    instant,
    team,
    count(2000),
    maybe(count(1500)),
    maybe(decimal(0, 60, 2)),
    maybe(decimal(0, 1, 4)),
    maybe(count(9000)),
    maybe(decimal(0, 50_000, 3)),
    maybe(decimal(0, 5, 3)),
  )
  .map(([at, ...fields]) => [iso(at).slice(0, 10), ...fields].join(','));

export const TARGETS = `
targets:
  - { id: mean, metric: csat.mean, target: ">= 3" }
  - { id: effort, metric: ces, target: ">= 4.5" }
  - { id: fast, metric: resolution_time.mean, target: "<= 5d" }
  - { id: mood, metric: sentiment, target: ">= 0" }
  - { id: happy, metric: csat, target: ">= 40%" }
  - { id: bounces, metric: bounce_rate, target: "<= 50%" }
  - { id: effort-per-team, metric: ces, each: team, target: ">= 4", level: warn }
composites:
  - id: index
    name: Experience index
    components: { mean: 0.3, effort: 0.2, fast: 0.25, mood: 0.15, happy: 0.1 }
    target: ">= 63"
`;

/** Rows shuffled, then cut at the given points into non-empty parts. */
export function cut<T>(rows: readonly T[], cuts: readonly number[]): T[][] {
  const bounds = [...new Set([0, ...cuts.map((at) => at % Math.max(1, rows.length)), rows.length])].sort((a, b) => a - b);
  return bounds
    .slice(1)
    .map((end, i) => rows.slice(bounds[i], end))
    .filter((part) => part.length > 0);
}

export type Kind = 'survey' | 'tickets' | 'analytics';

export interface Source {
  kind: Kind;
  header: string;
  rows: string[];
  shuffled: string[];
  cuts: number[];
}

function source(kind: Kind, header: string, row: fc.Arbitrary<string>): fc.Arbitrary<Source> {
  return fc.array(row, { minLength: 1, maxLength: 50 }).chain((rows) =>
    fc.record({
      kind: fc.constant(kind),
      header: fc.constant(header),
      rows: fc.constant(rows),
      shuffled: fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
      cuts: fc.array(fc.nat(), { maxLength: 3 }),
    }),
  );
}

export const sources = fc.tuple(
  source('survey', SURVEY_HEADER, surveyRow),
  source('tickets', TICKET_HEADER, ticketRow),
  source('analytics', ANALYTICS_HEADER, analyticsRow),
);
