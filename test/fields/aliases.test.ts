import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, NUMBERED_SETS, aliasName, fieldsForKind, normalizeName } from '../../src/fields/catalog.js';
import { fitsAlias, listColumns, matchFields, MAX_ALIAS_NAME_LENGTH } from '../../src/fields/match.js';
import type { Kind } from '../../src/fields/types.js';
import { KINDS } from '../../src/fields/types.js';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Field → column name, as matchFields binds a header. */
function bind(columns: readonly string[], kind: Kind): Record<string, string> {
  return Object.fromEntries(matchFields(columns, kind, 'test.csv').map((binding) => [binding.field.id, binding.columnName]));
}

describe('the alias table', () => {
  it.each(KINDS)('never gives one %s name to two fields of that kind', (kind) => {
    const owners = new Map<string, string[]>();
    for (const field of fieldsForKind(kind)) {
      // The field id is an alias too (match.ts compiles it first).
      const names = new Set([field.id, ...field.aliases.map(aliasName)].map((name) => normalizeName(name.replaceAll('*', ' '))));
      for (const name of names) owners.set(name, [...(owners.get(name) ?? []), field.id]);
    }
    const shared = [...owners].filter(([, fields]) => fields.length > 1);
    expect(shared).toEqual([]);
  });

  it('gives every field at least one English and one Russian name', () => {
    // A questionnaire item's numbered names (`SUS вопрос 3`) are names of the item too.
    const numberedStems = new Map(
      KINDS.flatMap((kind) => NUMBERED_SETS[kind]).flatMap((set) => set.items.map((item) => [item as string, set.prefixes])),
    );
    const missing = FIELDS.flatMap((field) => {
      const names = [...field.aliases.map(aliasName), ...(numberedStems.get(field.id) ?? [])];
      return [
        ...(names.some((name) => LATIN.test(name) && !CYRILLIC.test(name)) ? [] : [`${field.id}: English`]),
        ...(names.some((name) => CYRILLIC.test(name)) ? [] : [`${field.id}: Russian`]),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('has no alias that normalizes to nothing (it could never match)', () => {
    const empty = FIELDS.flatMap((field) =>
      field.aliases
        .map(aliasName)
        .filter((name) => normalizeName(name.replaceAll('*', '')) === '')
        .map((name) => `${field.id}: ${name}`),
    );
    expect(empty).toEqual([]);
  });
});

describe('Russian exports', () => {
  it('maps a Russian service-desk export, keeping durations away from timestamps', () => {
    const columns = [
      'Номер заявки',
      'Дата создания',
      'Дата первого ответа',
      'Время первого ответа',
      'Дата решения',
      'Время решения',
      'Приоритет',
      'Статус',
      'Оценка',
      'Количество переоткрытий',
      'Количество переназначений',
      'Крайний срок',
      'SLA выполнен',
    ];
    expect(bind(columns, 'tickets')).toEqual({
      id: 'Номер заявки',
      created_at: 'Дата создания',
      first_response_at: 'Дата первого ответа',
      resolved_at: 'Дата решения',
      priority: 'Приоритет',
      status: 'Статус',
      satisfaction: 'Оценка',
      reopen_count: 'Количество переоткрытий',
      reassignment_count: 'Количество переназначений',
      sla_due_at: 'Крайний срок',
      made_sla: 'SLA выполнен',
    });
  });

  it('maps a Russian survey, with ё spelt either way', () => {
    const columns = [
      'Отметка времени',
      'Адрес электронной почты',
      'С какой вероятностью вы порекомендуете нас друзьям?',
      'Удовлетворённость',
      'Насколько легко было решить ваш вопрос?',
      'Комментарий',
    ];
    expect(bind(columns, 'survey')).toEqual({
      submitted_at: 'Отметка времени',
      respondent_id: 'Адрес электронной почты',
      nps: 'С какой вероятностью вы порекомендуете нас друзьям?',
      csat: 'Удовлетворённость',
      ces: 'Насколько легко было решить ваш вопрос?',
      comment: 'Комментарий',
    });
  });

  it('reads Yandex Metrica "Отказы" as the bounce rate it is, and the GA4 Russian UI names', () => {
    expect(bind(['Дата визита', 'Визиты', 'Посетители', 'Просмотры', 'Отказы'], 'analytics')).toEqual({
      date: 'Дата визита',
      sessions: 'Визиты',
      visitors: 'Посетители',
      pageviews: 'Просмотры',
      bounce_rate: 'Отказы',
    });
    expect(bind(['Дата', 'Сеансы', 'Активные пользователи', 'Ключевые события'], 'analytics')).toEqual({
      date: 'Дата',
      sessions: 'Сеансы',
      visitors: 'Активные пользователи',
      conversions: 'Ключевые события',
    });
  });
});

describe('English export names', () => {
  it('leaves Zendesk and Freshdesk durations out of the timestamp fields', () => {
    const bound = bind(
      [
        'Ticket ID',
        'Created time',
        'First reply time in minutes',
        'First response time (in hrs)',
        'Resolution time (in hrs)',
        'Resolved time',
      ],
      'tickets',
    );
    expect(bound).toEqual({ id: 'Ticket ID', created_at: 'Created time', resolved_at: 'Resolved time' });
  });

  it('maps Intercom report attributes and Freshdesk SLA due dates', () => {
    expect(
      bind(
        [
          'Conversation ID',
          'Conversation started at',
          'Conversation first replied at',
          'Conversation state',
          'Conversation rating',
          'Due by Time',
        ],
        'tickets',
      ),
    ).toEqual({
      id: 'Conversation ID',
      created_at: 'Conversation started at',
      first_response_at: 'Conversation first replied at',
      status: 'Conversation state',
      satisfaction: 'Conversation rating',
      sla_due_at: 'Due by Time',
    });
  });

  it('tells the eNPS question from the NPS question, in English and Russian', () => {
    const columns = ['How likely are you to recommend Acme as a place to work?', 'How likely are you to recommend Acme to a friend?'];
    expect(bind(columns, 'survey')).toEqual({ enps: columns[0], nps: columns[1] });
    const russian = [
      'Насколько вероятно, что вы порекомендуете нашу компанию как место работы?',
      'Насколько вероятно, что вы порекомендуете нас друзьям?',
    ];
    expect(bind(russian, 'survey')).toEqual({ enps: russian[0], nps: russian[1] });
  });

  it('maps Typeform, Microsoft Forms and Play Console survey timestamps', () => {
    expect(bind(['Submit Date (UTC)'], 'survey')).toEqual({ submitted_at: 'Submit Date (UTC)' });
    expect(bind(['Start time', 'Completion time'], 'survey')).toEqual({ submitted_at: 'Completion time' });
    expect(bind(['Review Submit Date and Time', 'Star Rating', 'Review Text'], 'survey')).toEqual({
      submitted_at: 'Review Submit Date and Time',
      rating: 'Star Rating',
      comment: 'Review Text',
    });
  });
});

describe('alias patterns', () => {
  /** What `*` means, as a regular expression: the reference the scan must agree with (on short names). */
  const fitsByRegex = (name: string, parts: readonly string[]): boolean =>
    new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'u').test(name);

  it.each([
    ['recommend', ['recommend'], true],
    ['recommendx', ['recommend'], false],
    ['howlikelyareyoutorecommendus', ['howlikelyareyoutorecommend', ''], true],
    ['wouldrecommendasaplacetowork', ['', 'recommend', 'asaplacetowork', ''], true],
    ['asaplacetoworkrecommend', ['', 'recommend', 'asaplacetowork', ''], false],
    ['abab', ['ab', 'ab'], true],
    ['aba', ['ab', 'ba'], false],
    ['abcabc', ['a', 'c', 'c'], true],
  ] as const)('%s fits %j: %s', (name, parts, expected) => {
    expect(fitsAlias(name, parts)).toBe(expected);
    expect(fitsByRegex(name, parts)).toBe(expected);
  });

  it('agrees with the regular expression on any name and pattern', () => {
    const text = (maxLength: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength });
    fc.assert(
      fc.property(text(14), fc.array(text(3), { minLength: 1, maxLength: 5 }), (name, parts) => {
        expect(fitsAlias(name, parts)).toBe(fitsByRegex(name, parts));
      }),
      { numRuns: 5000 },
    );
  });

  it(`matches a name up to ${MAX_ALIAS_NAME_LENGTH} normalized characters, and none longer`, () => {
    const question = (length: number): string =>
      `How likely are you to recommend ${'x'.repeat(length - 'howlikelyareyoutorecommend'.length)}?`;
    expect(normalizeName(question(MAX_ALIAS_NAME_LENGTH))).toHaveLength(MAX_ALIAS_NAME_LENGTH);
    expect(bind([question(MAX_ALIAS_NAME_LENGTH)], 'survey')).toEqual({ nps: question(MAX_ALIAS_NAME_LENGTH) });
    expect(bind([question(MAX_ALIAS_NAME_LENGTH + 1)], 'survey')).toEqual({});
  });

  it('counts the cap after normalizing: punctuation and spaces around a short name do not hide it', () => {
    const padded = `${' -'.repeat(200_000)}NPS${' -'.repeat(200_000)}`;
    expect(bind([padded, 'Date'], 'survey')).toEqual({ nps: padded, submitted_at: 'Date' });
  });

  // The old regular expressions took over 150 s on a 3 MB cell (quadratic per `*` pair); the
  // timeout only guards against a hang, the bound itself is the cap above.
  it.each([
    ['recommend ', 'a place to work'],
    ['how likely are you to recommend ', 'made it easy'],
    ['a', 'b'],
  ])(
    'maps a header with a 3 MB cell of %j around the usual columns',
    (unit, tail) => {
      const cell = `${unit.repeat(Math.ceil(3_000_000 / unit.length))}${tail}`;
      expect(bind(['Date', cell, 'NPS'], 'survey')).toEqual({ submitted_at: 'Date', nps: 'NPS' });
    },
    60_000,
  );

  it('shows a long column cut in messages, with its length', () => {
    const long = 'recommend '.repeat(300_000);
    expect(listColumns(['Date', long])).toBe(`"Date", "${long.slice(0, 100)}…" (3,000,000 characters)`);
  });
});
