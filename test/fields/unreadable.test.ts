// Issue 18, item 9: a rejected cell leaves its field undefined, as a missing one does, but the row
// says which fields were unreadable, so that a ticket whose resolved_at was rejected is not taken
// for an open one (metrics/tickets.ts). The mark lasts for its row only: the builder reuses the row.
import { describe, expect, it } from 'vitest';
import { createRowBuilder } from '../../src/fields/row-builder.js';
import { matchFields } from '../../src/fields/match.js';
import { DEFAULT_SCALES } from '../../src/fields/types.js';

const COLUMNS = ['Ticket ID', 'Created', 'Resolved'];
const build = createRowBuilder(matchFields(COLUMNS, 'tickets', 'tickets.csv'), COLUMNS.length, { tz: 'UTC', scales: DEFAULT_SCALES });

describe('the unreadable fields of a row', () => {
  it('names a rejected resolved_at (no date, or before created_at), and nothing for a blank or a good one', () => {
    const seen = [
      ['T1', '2024-03-01T10:00:00Z', 'yesterday'],
      ['T2', '2024-03-01T10:00:00Z', ''],
      ['T3', '2024-03-01T10:00:00Z', '2024-02-01T10:00:00Z'],
      ['T4', '2024-03-01T10:00:00Z', '2024-03-02T10:00:00Z'],
    ].map((cells) => {
      const { row } = build(cells);
      return { resolved: row?.resolved_at, isResolved: row?.is_resolved, unreadable: [...(row?.unreadable ?? [])] };
    });
    expect(seen).toEqual([
      { resolved: undefined, isResolved: false, unreadable: ['resolved_at'] },
      { resolved: undefined, isResolved: false, unreadable: [] },
      { resolved: undefined, isResolved: false, unreadable: ['resolved_at'] },
      { resolved: Date.UTC(2024, 2, 2, 10), isResolved: true, unreadable: [] },
    ]);
  });
});
