// `calendar:` / `calendars:` and `business_hours:` resolved (src/config/business-hours.ts).
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { businessHoursProblem } from '../../src/config/business-hours.js';
import { configErrorOf, yaml } from './helpers.js';

const parse = (...lines: string[]) => parseConfigText(yaml(...lines), 'xla.config.yml');

describe('business hours in the XLA file', () => {
  it('no calendar: nothing to turn on, and --business-hours says so', () => {
    const { businessHours } = parse('title: x');
    expect(businessHours).toEqual({ kind: 'none' });
    expect(businessHoursProblem(businessHours)).toMatch(/^no calendar is configured/);
  });

  it('one calendar: off until business_hours: true (in it or at the top), the run zone by default', () => {
    expect(parse('calendar: { hours: "09:00-17:00" }').businessHours).toMatchObject({ kind: 'ready', enabled: false });
    expect(parse('calendar: { hours: "09:00-17:00", business_hours: true }').businessHours).toMatchObject({ kind: 'ready', enabled: true });
    const top = parse('calendar: { hours: "09:00-17:00" }', 'business_hours: true').businessHours;
    expect(top).toMatchObject({
      kind: 'ready',
      enabled: true,
      rule: { by: null, fallback: 0, calendars: [{ origin: 'calendar', timezone: undefined }] },
    });
    expect(businessHoursProblem(top)).toBeUndefined();
  });

  it('one named calendar is the one; several need a choice', () => {
    expect(parse('calendars: { a: { hours: "09:00-17:00" } }', 'business_hours: true').businessHours).toMatchObject({
      kind: 'ready',
      enabled: true,
      rule: { calendars: [{ origin: 'calendars.a' }] },
    });
    const several = parse('calendars: { a: { hours: "09:00-17:00" }, b: { hours: "08:00-16:00" } }').businessHours;
    expect(several).toEqual({ kind: 'unchosen', names: ['a', 'b'] });
    expect(businessHoursProblem(several)).toMatch(/^calendars: defines 2 calendars \(a, b\): say which ticket uses which/);
  });

  it('a choice per ticket: values (trimmed) to calendar indexes, the default as the fallback', () => {
    const { businessHours } = parse(
      'calendars: { emea: { hours: "09:00-17:00" }, apac: { hours: "08:00-16:00" } }',
      'business_hours: { by: region, calendars: { " EMEA ": emea, APAC: apac, LATAM: emea }, default: apac }',
    );
    expect(businessHours).toMatchObject({
      kind: 'ready',
      enabled: true,
      rule: { by: 'region', byValue: { EMEA: 0, APAC: 1, LATAM: 0 }, fallback: 1 },
    });
  });

  it.each([
    [
      ['calendar: { hours: "09:00-17:00", business_hours: true }', 'business_hours: false'],
      'business_hours: business hours are already set by calendar.business_hours',
    ],
    [
      ['calendar: { hours: "09:00-17:00" }', 'business_hours: { by: region, calendars: { A: a } }'],
      'business_hours.by: choosing a calendar per ticket needs named calendars',
    ],
    [['business_hours: true'], 'business_hours: there is no calendar to count business hours by'],
    [['calendars: { a: { hours: "9-17" } }'], 'calendars.a.hours: "9-17" is not an interval like 09:00-18:00'],
    [['calendars: { a: { hours: "09:00-17:00", business_hours: true } }'], 'calendars.a: unknown key "business_hours"'],
    [['business_hours: yes'], 'business_hours: expected true, false, or { by, calendars, default }'],
  ])('refuses %j', (lines, message) => {
    expect(configErrorOf(yaml(...lines)).message).toContain(message);
  });
});
