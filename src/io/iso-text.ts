/**
 * Instants as ISO 8601 text (`2024-01-05T10:00:00.000Z`), as Date#toISOString writes them but a
 * few times faster: a Parquet file's timestamp columns go through this for every row, and
 * toISOString was the reader's largest cost (bench/RESULTS.md, Parquet). The calendar date of
 * the previous call is kept, since the rows of an export mostly come day by day.
 */
import { civilDateOf } from '../time/calendar-days.js';

const DAY_MS = 86_400_000;

/** Years outside 0000–9999 are written by toISOString (`+010000-01-01…`, `-000001-…`). */
const FIRST_FAST_DAY = -719_528; // 0000-01-01
const LAST_FAST_DAY = 2_932_896; // 9999-12-31

export interface IsoFormatter {
  /** Throws a RangeError for a time beyond what a Date holds, as toISOString does. */
  (ms: number): string;
}

export function createIsoFormatter(): IsoFormatter {
  let cachedDay = Number.NaN;
  let cachedDate = '';
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    if (!(day >= FIRST_FAST_DAY && day <= LAST_FAST_DAY) || !Number.isInteger(ms)) return new Date(ms).toISOString();
    if (day !== cachedDay) {
      cachedDay = day;
      cachedDate = formatCivilDate(day);
    }
    const inDay = ms - day * DAY_MS;
    const hours = Math.floor(inDay / 3_600_000);
    const minutes = Math.floor(inDay / 60_000) % 60;
    const seconds = Math.floor(inDay / 1000) % 60;
    const millis = inDay % 1000;
    return `${cachedDate}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
  };
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
function formatCivilDate(days: number): string {
  const { year, month, dayOfMonth } = civilDateOf(days);
  return `${String(year).padStart(4, '0')}-${pad2(month + 1)}-${pad2(dayOfMonth + 1)}`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
