/**
 * A rejected value. `invalid` is the reason in words (`11 is outside 0–10`); it does not repeat
 * the raw cell, which the caller reports with its line. On its own, so that the parsers
 * (units.ts, date-formats.ts) and the coercers built on them (values.ts) share it without
 * importing each other.
 */
export interface Invalid {
  readonly invalid: string;
}

export const isInvalid = (value: unknown): value is Invalid => typeof value === 'object' && value !== null && 'invalid' in value;
