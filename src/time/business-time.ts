/**
 * Business calendars as plain data, and the engine's calendars built from them (metrics.md §3.7).
 * The data crosses to worker threads as it is (a BusinessCalendar holds a holiday predicate, a
 * function, which structuredClone refuses), so each thread builds its own calendars from it.
 */
import type { Invalid } from '../fields/values.js';
import { BusinessCalendar, type DailyInterval, type Weekday } from './business-hours.js';
import { loadPublicHolidays } from './public-holidays.js';

/** One calendar as the XLA file gives it, checked (config/calendar.ts). */
export interface CalendarDefinition {
  /** Where the file writes it, for messages: `calendar`, `calendars.emea`. */
  readonly origin: string;
  /** An IANA zone; undefined: the run's zone. */
  readonly timezone: string | undefined;
  readonly days: readonly Weekday[];
  readonly hours: readonly DailyInterval[];
  /** Local dates off (`2024-12-24`), and a country's (and region's) public holidays. */
  readonly holidays: { readonly dates: readonly string[]; readonly country: string | undefined; readonly region: string | undefined };
}

/**
 * Which calendar times each ticket (config `business_hours`). With `by`, the trimmed cell of that
 * column picks one through `byValue`; a value without one, or a file without the column, gets
 * `fallback`; null there leaves the ticket out of business-time metrics (counted, never silent).
 */
export interface BusinessHoursRule {
  readonly calendars: readonly CalendarDefinition[];
  readonly by: string | null;
  /** Cell value → index in `calendars` (own keys only). */
  readonly byValue: Readonly<Record<string, number>>;
  readonly fallback: number | null;
}

/** A rule's calendars built, in its order; the first that cannot be built (unknown country) as Invalid naming its key path. */
export async function buildCalendars(rule: BusinessHoursRule, defaultTimezone: string): Promise<BusinessCalendar[] | Invalid> {
  const calendars: BusinessCalendar[] = [];
  for (const definition of rule.calendars) {
    const calendar = await buildCalendar(definition, defaultTimezone);
    if (!(calendar instanceof BusinessCalendar)) return calendar;
    calendars.push(calendar);
  }
  return calendars;
}

/**
 * The engine's calendar for a definition; the country's public holidays are loaded (an async
 * import of `date-holidays`, ~0.5 s, once per thread) only when a country is named.
 */
export async function buildCalendar(definition: CalendarDefinition, defaultTimezone: string): Promise<BusinessCalendar | Invalid> {
  const { holidays, origin } = definition;
  const explicit = new Set(holidays.dates);
  let isHoliday = (localDate: string): boolean => explicit.has(localDate);
  if (holidays.country !== undefined) {
    const isPublicHoliday = await loadPublicHolidays({ country: holidays.country, region: holidays.region });
    if (typeof isPublicHoliday !== 'function') return { invalid: `${origin}.holidays.${isPublicHoliday.key}: ${isPublicHoliday.invalid}` };
    isHoliday = (localDate) => explicit.has(localDate) || isPublicHoliday(localDate);
  }
  const timezone = definition.timezone ?? defaultTimezone;
  return new BusinessCalendar({ timezone, days: definition.days, hours: definition.hours, isHoliday });
}
