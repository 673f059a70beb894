/**
 * A business-hours calendar as the XLA file writes it (config.md `calendar:` / `calendars:`):
 *
 *   timezone: Europe/Berlin              # default: the run's zone (`timezone:`, `--tz`), else UTC
 *   days: [mon, tue, wed, thu, fri]      # default: mon–fri
 *   hours: "09:00-13:00, 14:00-18:00"    # required; `24:00` closes a day; `22:00-06:00` is a night shift
 *   holidays: [2024-12-24]               # or { country: DE, region: BY, dates: [2024-12-24] }
 *
 * `calendarSchema` checks the shape (errors name the key, e.g. `calendar.hours: …`);
 * `toCalendarDefinition` turns it into the plain data a run carries to its threads, and
 * `buildBusinessCalendar` into the engine's BusinessCalendar (loading a country's public holidays).
 * `calendar:` may turn business time on itself (`business_hours: true`, config.md's first example);
 * named calendars (`calendars:`) are chosen by the top-level `business_hours:` (resolve.ts).
 */
import { z } from 'zod';
import { isInvalid, type Invalid } from '../fields/values.js';
import { parseHours, WEEKDAYS, type BusinessCalendar, type DailyInterval } from '../time/business-hours.js';
import { buildCalendar, type CalendarDefinition } from '../time/business-time.js';
import { describeValue, unknownKeysMessage } from './issues.js';
import { checkTimeZone } from './time-zone.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (`2024-02-30` is refused). */
const isCalendarDate = (text: string): boolean => {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
};

const holidayDate = z
  .string({ error: (issue) => `expected a date such as 2024-12-24, got ${describeValue(issue.input)}` })
  .refine(isCalendarDate, { error: (issue) => `expected a date such as 2024-12-24, got ${describeValue(issue.input)}` });

/** `strictObject` with the config's "unknown key (did you mean …)" wording. */
const strict = <Shape extends z.core.$ZodLooseShape>(shape: Shape, what: string) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return unknownKeysMessage(issue.keys, Object.keys(shape));
      if (issue.code === 'invalid_type' && issue.input !== undefined) return `expected ${what}, got ${describeValue(issue.input)}`;
      return undefined;
    },
  });

const holidaysSchema = z.union([
  z.array(holidayDate),
  strict(
    {
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/, { error: 'expected a two-letter country code such as DE' })
        .optional(),
      region: z.string().min(1).optional(),
      dates: z.array(holidayDate).default([]),
    },
    'a list of dates or { country, region, dates }',
  ).refine((holidays) => holidays.region === undefined || holidays.country !== undefined, {
    error: 'a region needs its country (holidays: { country: DE, region: BY })',
    path: ['region'],
  }),
]);

const hoursSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? undefined : `expected hours such as "09:00-18:00", got ${describeValue(issue.input)}`),
  })
  .transform((text, context): DailyInterval[] => {
    const hours = parseHours(text);
    if (!isInvalid(hours)) return hours;
    context.addIssue({ code: 'custom', input: text, message: hours.invalid });
    return z.NEVER;
  });

const calendarShape = {
  timezone: z.string().superRefine(checkTimeZone).optional(),
  days: z
    .array(z.enum(WEEKDAYS, { error: (issue) => `expected a day among ${WEEKDAYS.join(', ')}, got ${describeValue(issue.input)}` }))
    .min(1, { error: 'expected at least one working day' })
    .default(['mon', 'tue', 'wed', 'thu', 'fri']),
  hours: hoursSchema,
  holidays: holidaysSchema.optional(),
};

const CALENDAR_EXAMPLE = 'a calendar such as { days: [mon, tue, wed, thu, fri], hours: "09:00-18:00" }';

/** `calendar:`, the one unnamed calendar; config.md's first example turns business time on inside it. */
export const calendarSchema = strict(
  {
    ...calendarShape,
    business_hours: z.boolean().optional().describe('true: first_response_time.* and resolution_time.* count working time only.'),
  },
  CALENDAR_EXAMPLE,
);

/** One of `calendars:`, which the top-level `business_hours:` turns on and chooses among. */
export const namedCalendarSchema = strict(calendarShape, CALENDAR_EXAMPLE);

export type CalendarConfig = z.output<typeof namedCalendarSchema>;

/** A checked calendar as the plain data a run carries; `origin` is its key path (`calendars.emea`). */
export function toCalendarDefinition(config: CalendarConfig, origin: string): CalendarDefinition {
  const { timezone, days, hours, holidays } = config;
  // `holidays: [dates]` or `holidays: { country, region, dates }`.
  const listed = Array.isArray(holidays) ? { dates: holidays } : holidays;
  return { origin, timezone, days, hours, holidays: { dates: listed?.dates ?? [], country: listed?.country, region: listed?.region } };
}

/**
 * The engine's calendar for a checked config; `defaultTimezone` is the run's zone. An unknown
 * country or region comes back as Invalid naming `<origin>.holidays.country` / `.region`.
 */
export async function buildBusinessCalendar(
  config: CalendarConfig,
  defaultTimezone = 'UTC',
  origin = 'calendar',
): Promise<BusinessCalendar | Invalid> {
  return buildCalendar(toCalendarDefinition(config, origin), defaultTimezone);
}
