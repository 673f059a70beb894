/**
 * `calendar:` / `calendars:` and `business_hours:` resolved into the rule a run carries
 * (time/business-time.ts). Every wrong name is an issue at its key path:
 *
 * - `calendar:` (one, unnamed) and `calendars:` (named) exclude each other;
 * - `calendar.business_hours: true` and a top-level `business_hours:` are one fact written twice;
 * - `business_hours: true` needs exactly one calendar; with several, `{ by, calendars, default }`
 *   says which ticket uses which, naming only calendars of `calendars:`.
 */
import type { BusinessHoursRule } from '../time/business-time.js';
import { toCalendarDefinition } from './calendar.js';
import { didYouMean } from './issues.js';
import type { RawConfig } from './schema.js';
import type { BusinessHoursConfig } from './types.js';

type AddIssue = (path: readonly PropertyKey[], message: string, atKey?: boolean) => void;

export function resolveBusinessHours(raw: RawConfig, addIssue: AddIssue): BusinessHoursConfig {
  const { calendar, calendars, business_hours: choice } = raw;
  if (calendar !== undefined && calendars !== undefined) {
    addIssue(['calendars'], 'give either calendar: (one calendar) or calendars: (named ones), not both', true);
    return { kind: 'none' };
  }
  if (calendar?.business_hours !== undefined && choice !== undefined) {
    addIssue(['business_hours'], 'business hours are already set by calendar.business_hours: keep one of the two', true);
    return { kind: 'none' };
  }
  if (calendar !== undefined) {
    if (typeof choice === 'object') {
      addIssue(['business_hours', 'by'], 'choosing a calendar per ticket needs named calendars (calendars:), not calendar:', true);
      return { kind: 'none' };
    }
    const rule: BusinessHoursRule = { calendars: [toCalendarDefinition(calendar, 'calendar')], by: null, byValue: {}, fallback: 0 };
    return { kind: 'ready', enabled: (choice ?? calendar.business_hours) === true, rule };
  }
  const named = [...(calendars ?? [])].map(([name, config]) => ({ name, definition: toCalendarDefinition(config, `calendars.${name}`) }));
  if (named.length === 0) {
    if (choice !== undefined && choice !== false)
      addIssue(['business_hours'], 'there is no calendar to count business hours by: add calendar: (or calendars:)', true);
    return { kind: 'none' };
  }
  const definitions = named.map((entry) => entry.definition);
  if (typeof choice !== 'object') {
    if (named.length === 1)
      return { kind: 'ready', enabled: choice === true, rule: { calendars: definitions, by: null, byValue: {}, fallback: 0 } };
    const names = named.map((entry) => entry.name);
    if (choice === true)
      addIssue(
        ['business_hours'],
        `${severalCalendars(names)}: say which ticket uses which with { by: COLUMN, calendars: { VALUE: NAME }, default: NAME }`,
      );
    return { kind: 'unchosen', names };
  }
  const indexOf = (name: string, path: readonly PropertyKey[]): number | null => {
    const index = named.findIndex((entry) => entry.name === name);
    if (index >= 0) return index;
    const names = named.map((entry) => entry.name);
    addIssue(path, `unknown calendar "${name}"${didYouMean(name, names) || `; calendars: defines ${names.join(', ')}`}`);
    return null;
  };
  const byValue = Object.fromEntries(
    [...choice.calendars].flatMap(([value, name]) => {
      const index = indexOf(name, ['business_hours', 'calendars', value]);
      return index === null ? [] : [[value.trim(), index]];
    }),
  );
  const fallback = choice.default === undefined ? null : indexOf(choice.default, ['business_hours', 'default']);
  return { kind: 'ready', enabled: true, rule: { calendars: definitions, by: choice.by, byValue, fallback } };
}

const severalCalendars = (names: readonly string[]): string => `calendars: defines ${names.length} calendars (${names.join(', ')})`;

/** Why `--business-hours` cannot turn business time on, or undefined when it can. */
export function businessHoursProblem(config: BusinessHoursConfig): string | undefined {
  if (config.kind === 'none') return 'no calendar is configured: add calendar: (days, hours, holidays) to the XLA file';
  if (config.kind === 'unchosen')
    return `${severalCalendars(config.names)}: say which ticket uses which with business_hours: { by: COLUMN, calendars: { VALUE: NAME }, default: NAME }`;
  return undefined;
}
