import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameWords, normalizeName, unqualifiedName } from '../../src/fields/catalog.js';
import type { FieldDef } from '../../src/fields/catalog.js';
import { mapSource, matchFields } from '../../src/fields/match.js';
import type { Kind } from '../../src/fields/types.js';

/** Field → column name, as matchFields binds a header. */
function bind(columns: readonly string[], kind: Kind, misfits?: (field: FieldDef, column: number) => boolean): Record<string, string> {
  const options = misfits === undefined ? {} : { misfits };
  return Object.fromEntries(matchFields(columns, kind, 'test.csv', options).map((binding) => [binding.field.id, binding.columnName]));
}

describe('name normalisation', () => {
  it('splits camelCase and PascalCase, and treats - _ . spaces and punctuation alike', () => {
    expect(nameWords('LikelyToRecommend')).toEqual(['likely', 'to', 'recommend']);
    expect(nameWords('NPSScore')).toEqual(['nps', 'score']);
    expect(nameWords('customer.satisfaction-rating')).toEqual(['customer', 'satisfaction', 'rating']);
    expect(nameWords('  Q4 (0–10)?  ')).toEqual(['q4', '0', '10']);
  });

  it('makes one name of a whole family of spellings', () => {
    const family = [
      'Likely-To-Recommend',
      'LikelyToRecommend',
      'likely_to_recommend',
      'likely.to.recommend',
      'LIKELY TO RECOMMEND',
      'Likelihood to recommend',
      'likelihoodToRecommend',
    ];
    expect(new Set(family.map(normalizeName))).toEqual(new Set(['likelytorecommend']));
    expect(normalizeName('CustomerSatisfactionRating')).toBe(normalizeName('Customer Satisfaction Rating'));
  });

  it('keeps the names every export matched before: joining the words gives the old key', () => {
    for (const name of ['created_at', 'Created At', 'CREATED-AT', '\ufeffTicket ID', 'Время первого ответа', 'eNPS'])
      expect(normalizeName(name)).toBe(
        name
          .normalize('NFKC')
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, ''),
      );
  });

  it('is the words joined, for any name: the short way for plain ASCII names changes no result', () => {
    const asciiName = fc.string({
      unit: fc.constantFrom(...'aZ09 _-.Likelihood toRecommendation recommendingNPS\u0000\u007f'.split('')),
      maxLength: 40,
    });
    const anyName = fc.oneof(asciiName, fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
    fc.assert(
      fc.property(anyName, (name) => {
        expect(normalizeName(name)).toBe(nameWords(name).join(''));
      }),
      { numRuns: 2000 },
    );
    for (const name of ['LikelihoodToRecommend', 'RECOMMENDING', 'a-b_C.d', '\u0000x\u007fY', '', 'NPS2Score'])
      expect(normalizeName(name)).toBe(nameWords(name).join(''));
  });

  it('takes a trailing score word off, never the only word', () => {
    expect(unqualifiedName('recommendation_score')).toBe('recommend');
    expect(unqualifiedName('Customer Satisfaction Rating')).toBe('customersatisfaction');
    expect(unqualifiedName('Score')).toBeUndefined();
    expect(unqualifiedName('Rating date')).toBeUndefined();
  });
});

describe('alias families in matching', () => {
  it.each([['Likely-To-Recommend'], ['LikelyToRecommend'], ['likely_to_recommend'], ['recommendation_score'], ['Recommendation Rating']])(
    'binds %s to nps',
    (column) => {
      expect(bind(['Timestamp', column], 'survey')).toMatchObject({ nps: column });
    },
  );

  it.each([['Customer Satisfaction Rating'], ['CustomerSatisfactionRating'], ['customer_satisfaction_score']])(
    'binds %s to csat',
    (column) => {
      expect(bind(['Timestamp', column], 'survey')).toMatchObject({ csat: column });
    },
  );

  it('prefers a whole name to one without its score word', () => {
    expect(bind(['recommendation_score', 'Recommend'], 'survey')).toMatchObject({ nps: 'Recommend' });
  });

  it('never takes the score word off for a text field (a "Comment Score" is no comment)', () => {
    expect(bind(['Timestamp', 'Comment Score', 'NPS'], 'survey')).toEqual({ submitted_at: 'Timestamp', nps: 'NPS' });
  });
});

describe('value-aware binding', () => {
  const survey = ['Timestamp', 'Recommend', 'recommendation_score'];
  const recommendIsText = (field: FieldDef, column: number): boolean => field.id === 'nps' && column === 1;

  it('gives the field to the candidate whose values fit, over a better name whose values do not', () => {
    expect(bind(survey, 'survey')).toMatchObject({ nps: 'Recommend' });
    expect(bind(survey, 'survey', recommendIsText)).toMatchObject({ nps: 'recommendation_score' });
  });

  it('keeps the only candidate even when its values do not fit (the user may mean it; a note says so)', () => {
    expect(bind(['Timestamp', 'Recommend', 'Q4'], 'survey', recommendIsText)).toMatchObject({ nps: 'Recommend' });
  });

  it('settles two equally named candidates by their values instead of refusing', () => {
    const columns = ['NPS', 'nps'];
    expect(() => bind(columns, 'survey')).toThrow(/both fit the field nps/);
    expect(bind(columns, 'survey', (field, column) => field.id === 'nps' && column === 0)).toEqual({ nps: 'nps' });
    expect(() => bind(columns, 'survey', () => true)).toThrow(/both fit the field nps/);
  });

  it('says how each column was bound', () => {
    const mapping = mapSource({
      file: 'test.csv',
      columns: ['Timestamp', 'Recommend', 'Q4'],
      kind: 'survey',
      overrides: [{ field: 'nps', column: 'Q4' }],
      feedingFields: () => new Set(['nps']),
      extraAliases: { submitted_at: ['Timestamp'] },
    });
    expect(mapping.bindings.map((binding) => [binding.field.id, binding.columnName, binding.via])).toEqual([
      ['submitted_at', 'Timestamp', 'preset'],
      ['nps', 'Q4', 'map'],
    ]);
  });
});
