// A repetitive column keeps the value of each text it reads; the rows and rejections must be
// exactly those of reading every cell afresh, whatever the cells hold and however often.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowBuilder } from '../../src/fields/row-builder.js';
import type { ColumnPlan, RawCell, RowOutcome } from '../../src/fields/row-builder.js';
import { matchFields } from '../../src/fields/match.js';
import { DEFAULT_SCALES } from '../../src/fields/types.js';

const COLUMNS = ['Ticket ID', 'Priority', 'Created', 'Resolved', 'Reopen count', 'Made SLA', 'Satisfaction'];
const bindings = matchFields(COLUMNS, 'tickets', 'tickets.csv');

/** Texts a column meets again and again: valid, out of range, unreadable, blank, null markers, padded. */
const CELL: fc.Arbitrary<RawCell> = fc.oneof(
  fc.constantFrom(
    '5',
    '4',
    ' 3 ',
    '0',
    '1',
    '7',
    '-1',
    '2.5',
    'five',
    '',
    '  ',
    'N/A',
    'null',
    '-',
    'true',
    'FALSE',
    'yes',
    'met',
    'breached',
    'P1',
    'p2',
    '10',
    'да',
    'нет',
    '½',
    '٣',
  ),
  fc.constantFrom('2024-03-01T10:00:00Z', '2024-03-02 09:30', '2024-02-30', 'yesterday'),
  fc.constantFrom(3, 0, Number.NaN, true, null, undefined),
);
const ROW: fc.Arbitrary<RawCell[]> = fc.array(CELL, { minLength: COLUMNS.length, maxLength: COLUMNS.length });

/** The outcome copied out: the builder reuses its objects for the next row. */
function copy(outcome: RowOutcome): RowOutcome {
  return { row: outcome.row === null ? null : { ...outcome.row }, rejections: outcome.rejections.map((rejection) => ({ ...rejection })) };
}

function builder(isRepetitive: boolean): (cells: readonly RawCell[]) => RowOutcome {
  const plans = new Map<number, ColumnPlan>(bindings.map((binding) => [binding.column, { decimal: '.', isRepetitive }]));
  return createRowBuilder(bindings, COLUMNS.length, { tz: 'Europe/Berlin', scales: DEFAULT_SCALES, plans });
}

describe('createRowBuilder with repetitive columns', () => {
  it('binds the columns this test means to exercise', () => {
    expect(bindings.map((binding) => binding.field.id).sort()).toEqual([
      'created_at',
      'id',
      'made_sla',
      'priority',
      'reopen_count',
      'resolved_at',
      'satisfaction',
    ]);
  });

  it('gives every row and rejection that reading each cell afresh gives', () => {
    fc.assert(
      fc.property(fc.array(ROW, { minLength: 1, maxLength: 60 }), (rows) => {
        const kept = builder(true);
        const fresh = builder(false);
        for (const cells of rows) expect(copy(kept(cells))).toEqual(copy(fresh(cells)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a repeated blank as missing and a repeated bad value as rejected, every time', () => {
    const build = builder(true);
    const cells = (satisfaction: RawCell): RawCell[] => ['T-1', 'P1', '2024-03-01T10:00:00Z', '', '0', 'met', satisfaction];
    for (let i = 0; i < 3; i++) {
      const blank = build(cells(''));
      expect(blank.row?.satisfaction).toBeUndefined();
      expect(blank.rejections).toEqual([]);
      const bad = copy(build(cells('9')));
      expect(bad.row?.satisfaction).toBeUndefined();
      expect(bad.rejections).toEqual([{ field: 'satisfaction', column: 6, value: '9', reason: '9 is outside 1–5' }]);
      expect(build(cells(' 4 ')).row?.satisfaction).toBe(4);
    }
  });
});

describe('createRowBuilder: how a rejected value is shown', () => {
  it.each([
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('shows the number %s as %j, not as JSON\'s "null"', (value, shown) => {
    const outcome = builder(false)(['T-1', 'P1', '2024-03-01T10:00:00Z', '', value, 'met', '4']);
    expect(outcome.rejections).toEqual([{ field: 'reopen_count', column: 4, value: shown, reason: 'not a finite number' }]);
  });
});
