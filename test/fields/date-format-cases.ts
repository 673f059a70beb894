// Table-driven cases for date layouts, shared by the date test files.
import { expect, it } from 'vitest';
import type { DateFormat } from '../../src/fields/date-formats.js';

type Row = readonly [text: string, tz: string, expected: number];
type Rejected = readonly [text: string, reason: string];

/** Valid values of a format: parsed in `tz` they give `expected` epoch ms. */
export function itReads(format: DateFormat, rows: readonly Row[]): void {
  it.each(rows)(`${format.id}: %j in %s → %d`, (text, tz, expected) => {
    expect(format.parse(text, tz)).toBe(expected);
  });
}

/** Invalid values of a format, with the reason given. */
export function itRejects(format: DateFormat, rows: readonly Rejected[]): void {
  it.each(rows)(`${format.id}: %j is rejected (%s)`, (text, reason) => {
    expect(format.parse(text, 'UTC')).toEqual({ invalid: reason });
  });
}
