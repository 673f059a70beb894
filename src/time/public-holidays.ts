/**
 * A country's public holidays from `date-holidays`, as the holiday predicate the business-hours
 * engine (src/time/business-hours.ts) takes. The library (~1 MB of rules for ~200 countries) is
 * imported here on first use only, so runs without a `holidays.country` never load it.
 * Only holidays of type `public` count (not bank, school, optional or observance days); a public
 * holiday that lasts part of a day (rare) still takes the whole local date off.
 */
import type { Invalid } from '../fields/values.js';

export interface HolidayRegion {
  /** ISO 3166-1 alpha-2: `DE`. */
  readonly country: string;
  /** The country's subdivision (ISO 3166-2 without the country, date-holidays' "state"): `BY`. */
  readonly region?: string | undefined;
}

/** What is wrong, and under which key of `holidays:`. */
export interface HolidayProblem extends Invalid {
  readonly key: 'country' | 'region';
}

/** A predicate on local dates (`2024-12-25`) that answers from one year's list at a time. */
export async function loadPublicHolidays({ country, region }: HolidayRegion): Promise<((localDate: string) => boolean) | HolidayProblem> {
  const { default: Holidays } = await import('date-holidays');
  const catalogue = new Holidays();
  const countries = catalogue.getCountries('en');
  const countryCode = country.toUpperCase();
  if (!(countryCode in countries))
    return { key: 'country', invalid: `unknown country "${country}" (an ISO 3166-1 code such as DE, FR, US)` };
  const regions = catalogue.getStates(countryCode, 'en') ?? {};
  const regionCode = region?.toUpperCase();
  if (regionCode !== undefined && !(regionCode in regions)) {
    const known = Object.keys(regions);
    return {
      key: 'region',
      invalid: `unknown region "${region}" of ${countryCode}${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (it has none)'}`,
    };
  }
  const holidays = regionCode === undefined ? new Holidays(countryCode) : new Holidays(countryCode, regionCode);
  const datesByYear = new Map<number, ReadonlySet<string>>();
  return (localDate) => {
    const year = Number(localDate.slice(0, 4));
    let dates = datesByYear.get(year);
    if (dates === undefined) {
      dates = new Set(holidays.getHolidays(year).flatMap((holiday) => (holiday.type === 'public' ? [holiday.date.slice(0, 10)] : [])));
      datesByYear.set(year, dates);
    }
    return dates.has(localDate);
  };
}
