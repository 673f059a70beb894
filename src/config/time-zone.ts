/** The config's check of an IANA zone name, shared by `timezone:` and a calendar's `timezone:`. */
import type { core } from 'zod';
import { isValidTimeZone } from '../fields/values.js';
import { didYouMean } from './issues.js';

export function checkTimeZone(zone: string, context: core.$RefinementCtx<string>): void {
  if (isValidTimeZone(zone)) return;
  context.addIssue({ code: 'custom', input: zone, message: `unknown time zone "${zone}"${didYouMean(zone, knownTimeZones())}` });
}

function knownTimeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}
