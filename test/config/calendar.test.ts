import { describe, expect, it } from 'vitest';
import { isInvalid } from '../../src/fields/values.js';
import { buildBusinessCalendar, calendarSchema } from '../../src/config/calendar.js';
import { describeIssue, explainIssue } from '../../src/config/issues.js';
import { businessSeconds, type BusinessCalendar } from '../../src/time/business-hours.js';

const utc = (iso: string): number => Date.parse(iso);
const HOUR = 3600;

/** The first problem as the config loader words it, under `calendar`. */
function problem(input: unknown): string | undefined {
  const parsed = calendarSchema.safeParse(input, { reportInput: true, error: explainIssue });
  if (parsed.success) return undefined;
  const first = parsed.error.issues[0];
  return first === undefined ? undefined : describeIssue({ ...first, path: ['calendar', ...first.path] });
}

async function build(input: unknown): Promise<BusinessCalendar> {
  const built = await buildBusinessCalendar(calendarSchema.parse(input));
  if (isInvalid(built)) throw new Error(built.invalid);
  return built;
}

describe('calendarSchema', () => {
  it('reads the shape config.md shows, with mon–fri as the default days', () => {
    expect(
      calendarSchema.parse({
        timezone: 'Europe/Berlin',
        hours: '09:00-13:00, 14:00-18:00',
        holidays: { country: 'DE', region: 'BY', dates: ['2024-12-24'] },
      }),
    ).toEqual({
      timezone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      hours: [
        { start: 540, end: 780 },
        { start: 840, end: 1080 },
      ],
      holidays: { country: 'DE', region: 'BY', dates: ['2024-12-24'] },
    });
  });

  it.each([
    [{ hours: '9-18' }, 'calendar.hours: "9-18" is not an interval like 09:00-18:00'],
    [{ hours: '09:00-13:00, 12:00-18:00' }, 'calendar.hours: 09:00-13:00 and 12:00-18:00 overlap'],
    [{ hours: 9 }, 'calendar.hours: expected hours such as "09:00-18:00", got 9'],
    [{}, 'calendar.hours: missing (required)'],
    [
      { hours: '09:00-18:00', days: ['mon', 'funday'] },
      'calendar.days[1]: expected a day among mon, tue, wed, thu, fri, sat, sun, got "funday"',
    ],
    [{ hours: '09:00-18:00', days: [] }, 'calendar.days: expected at least one working day'],
    [
      { hours: '09:00-18:00', timezone: 'Europe/Berln' },
      'calendar.timezone: unknown time zone "Europe/Berln" (did you mean "Europe/Berlin"?)',
    ],
    [{ hours: '09:00-18:00', holidays: ['2024-02-30'] }, 'calendar.holidays[0]: expected a date such as 2024-12-24, got "2024-02-30"'],
    [
      { hours: '09:00-18:00', holidays: { region: 'BY' } },
      'calendar.holidays.region: a region needs its country (holidays: { country: DE, region: BY })',
    ],
    [
      { hours: '09:00-18:00', holidays: { country: 'Germany' } },
      'calendar.holidays.country: expected a two-letter country code such as DE',
    ],
    [{ hours: '09:00-18:00', hollidays: [] }, 'calendar: unknown key "hollidays" (did you mean "holidays"?)'],
  ])('%j → %s', (input, message) => {
    expect(problem(input)).toBe(message);
  });
});

describe('buildBusinessCalendar', () => {
  // 2024-12-24 is a Tuesday; in Germany the 25th and 26th are public holidays, the 24th is not.
  // Europe/Berlin in December is CET (UTC+1): local 17:00 = 16:00Z.
  const from = utc('2024-12-24T16:00:00Z'); // Tue 17:00
  const to = utc('2024-12-27T09:00:00Z'); // Fri 10:00

  it('without holidays counts every weekday: Tue 1 h + Wed 9 h + Thu 9 h + Fri 1 h = 20 h', async () => {
    expect(businessSeconds(await build({ timezone: 'Europe/Berlin', hours: '09:00-18:00' }), from, to)).toBe(20 * HOUR);
  });

  it("takes a country's public holidays off: Tue 1 h + Fri 1 h = 2 h", async () => {
    expect(businessSeconds(await build({ timezone: 'Europe/Berlin', hours: '09:00-18:00', holidays: { country: 'DE' } }), from, to)).toBe(
      2 * HOUR,
    );
  });

  it('adds explicit dates to the country: the 24th off too leaves Fri 1 h', async () => {
    const calendar = await build({ timezone: 'Europe/Berlin', hours: '09:00-18:00', holidays: { country: 'de', dates: ['2024-12-24'] } });
    expect(businessSeconds(calendar, from, to)).toBe(1 * HOUR);
  });

  it('takes a list of dates alone', async () => {
    // the 24th and 27th off: Wed 9 h + Thu 9 h = 18 h
    expect(
      businessSeconds(await build({ timezone: 'Europe/Berlin', hours: '09:00-18:00', holidays: ['2024-12-24', '2024-12-27'] }), from, to),
    ).toBe(18 * HOUR);
  });

  it("counts only type 'public': a region's own holiday, not a bank or observance day", async () => {
    // Epiphany (Mon 2025-01-06) is public in Bavaria, not in Berlin. Mon 09:00 → Tue 10:00 CET:
    // Bavaria: Mon 0 + Tue 1 h; Berlin (state BE): Mon 9 h + Tue 1 h.
    const monday = utc('2025-01-06T08:00:00Z');
    const tuesday = utc('2025-01-07T09:00:00Z');
    expect(
      businessSeconds(
        await build({ timezone: 'Europe/Berlin', hours: '09:00-18:00', holidays: { country: 'DE', region: 'BY' } }),
        monday,
        tuesday,
      ),
    ).toBe(1 * HOUR);
    expect(
      businessSeconds(
        await build({ timezone: 'Europe/Berlin', hours: '09:00-18:00', holidays: { country: 'DE', region: 'BE' } }),
        monday,
        tuesday,
      ),
    ).toBe(10 * HOUR);
    // Christmas Eve is a 'bank' day in DE's data, not 'public': Tue 2024-12-24 counts 9 h.
    expect(
      businessSeconds(
        await build({ timezone: 'Europe/Berlin', hours: '09:00-18:00', holidays: { country: 'DE' } }),
        utc('2024-12-24T00:00:00Z'),
        utc('2024-12-25T00:00:00Z'),
      ),
    ).toBe(9 * HOUR);
  });

  it('uses the run zone when the calendar names none', async () => {
    // 2024-06-03 is a Monday; 09:00-10:00 in Asia/Tokyo is 00:00Z-01:00Z.
    const built = await buildBusinessCalendar(calendarSchema.parse({ hours: '09:00-10:00' }), 'Asia/Tokyo');
    if (isInvalid(built)) throw new Error(built.invalid);
    expect(businessSeconds(built, utc('2024-06-03T00:00:00Z'), utc('2024-06-03T01:00:00Z'))).toBe(1 * HOUR);
  });

  it.each([
    [{ country: 'XX' }, 'calendar.holidays.country: unknown country "XX" (an ISO 3166-1 code such as DE, FR, US)'],
    [
      { country: 'DE', region: 'ZZ' },
      'calendar.holidays.region: unknown region "ZZ" of DE (known: BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH)',
    ],
  ])('refuses %j', async (holidays, message) => {
    expect(await buildBusinessCalendar(calendarSchema.parse({ hours: '09:00-18:00', holidays }))).toEqual({ invalid: message });
  });
});
