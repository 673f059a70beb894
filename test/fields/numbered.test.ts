import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchFields, mapSource } from '../../src/fields/match.js';
import type { FieldId, Kind } from '../../src/fields/types.js';

const numbered = (stem: string, from = 1, to = 10): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${stem}${from + i}`);

/** Field → column, as the survey kind binds a header. */
function bind(columns: readonly string[], options: Parameters<typeof matchFields>[3] = {}): Record<string, string> {
  return Object.fromEntries(matchFields(columns, 'survey', 'f.csv', options).map((binding) => [binding.field.id, binding.columnName]));
}

const susBindings = (bound: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(bound).filter(([field]) => field.startsWith('sus_')));

/** Only the survey's NPS feeds a metric here: enough to tell the kind. */
const SURVEY_FEEDS = (kind: Kind): ReadonlySet<FieldId> => new Set<FieldId>(kind === 'survey' ? ['nps'] : []);

describe('numbered questionnaire names', () => {
  it.each([
    ['SUS1', 'SUS'],
    ['SUS_1', 'SUS_'],
    ['SUS 1', 'SUS '],
    ['sus-q1', 'sus-q'],
    ['SUS Item 1', 'SUS Item '],
    ['SUS вопрос 1', 'SUS вопрос '],
  ])('binds a whole set named like %s to sus_1 … sus_10 by number', (_example, stem) => {
    const bound = bind(['id', ...numbered(stem)]);
    expect(susBindings(bound)).toEqual(Object.fromEntries(numbered(stem).map((column, i) => [`sus_${i + 1}`, column])));
  });

  it('reads the number, not the position: a shuffled header binds the same items', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(numbered('SUS'), { minLength: 10, maxLength: 10 }), (columns) => {
        const bound = susBindings(bind(columns));
        expect(bound).toEqual(Object.fromEntries(numbered('SUS').map((column, i) => [`sus_${i + 1}`, column])));
      }),
    );
  });

  it('reads a leading zero: SUS01 … SUS10', () => {
    const columns = [...numbered('SUS0', 1, 9), 'SUS10'];
    expect(susBindings(bind(columns)).sus_1).toBe('SUS01');
  });

  it('binds none of a partial set, and none when an item is there twice', () => {
    expect(susBindings(bind(numbered('SUS', 3, 7)))).toEqual({});
    expect(susBindings(bind([...numbered('SUS'), 'SUS_1']))).toEqual({});
  });

  it('binds none of a set one of whose columns --map took', () => {
    const columns = numbered('SUS');
    expect(susBindings(bind(columns, { skipColumns: new Set([2]) }))).toEqual({});
  });

  it('says why a partial set bound nothing, naming the missing items', () => {
    const mapping = mapSource({
      file: 'f.csv',
      columns: ['id', ...numbered('SUS', 3, 7), 'NPS'],
      kind: undefined,
      overrides: [],
      feedingFields: SURVEY_FEEDS,
    });
    expect(mapping.notes).toEqual([expect.stringContaining('only 5 of the 10 items are there (no item 1, 2, 8, 9, 10)')]);
  });

  it('prefers a numbering that names SUS to bare Qs in the same file', () => {
    const bound = bind([...numbered('Q'), ...numbered('SUS Q')]);
    expect(susBindings(bound).sus_4).toBe('SUS Q4');
  });

  it('reads bare Q1 … Q10 as SUS only when they are the only Q columns and their values fit', () => {
    expect(susBindings(bind(numbered('Q'))).sus_10).toBe('Q10');
    expect(susBindings(bind([...numbered('Q'), 'Q11']))).toEqual({});
    expect(susBindings(bind([...numbered('Q'), 'Q0']))).toEqual({});
    // Q5's sampled values do not fit 1–5 (say they are 0–10): then none of the ten is SUS
    const misfits = (_field: unknown, column: number): boolean => column === 4;
    expect(susBindings(bind(numbered('Q'), { misfits }))).toEqual({});
    // … while an explicit SUS numbering binds even so (its values are then rejected one by one, visibly)
    expect(susBindings(bind(numbered('SUS'), { misfits })).sus_5).toBe('SUS5');
  });

  it('leaves a Q column that no set claims to the other fields and to --by', () => {
    expect(bind(['Q1', 'Q2', 'NPS'])).toEqual({ nps: 'NPS' });
  });

  it('binds UMUX-Lite and ESI by number only as whole sets too', () => {
    expect(bind(['UMUX-Lite 1', 'UMUX-Lite 2'])).toMatchObject({ umux_1: 'UMUX-Lite 1', umux_2: 'UMUX-Lite 2' });
    expect(bind(['umux_2'])).toEqual({});
    expect(bind(['ESI 1', 'ESI 2', 'ESI 3'])).toMatchObject({ esi_1: 'ESI 1', esi_3: 'ESI 3' });
    expect(bind(['ESI 1', 'ESI 3'])).toEqual({});
  });
});
