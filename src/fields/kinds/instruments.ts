import { defineField } from './define.js';
import type { Alias, NumberedSetDecl } from './define.js';

/**
 * The items of the standard experience questionnaires (metrics.md §2.5–2.9): SUS, UMUX-Lite, the
 * Temkin Experience Rating and ESI. Each item is a survey field; the metrics that score them are
 * in metrics/instruments.ts. Items are matched by their published wording (a `*` stands for the
 * product's name: "I think that I would like to use * frequently") and, as a whole set only, by
 * numbered names (`numberedSets`).
 */

/** One questionnaire item: an answer on the instrument's scale (whole numbers unless `type` is `number`). */
function item<const Id extends string, const T extends 'int' | 'number'>(
  id: Id,
  type: T,
  range: readonly [number, number],
  description: string,
  aliases: readonly Alias[],
) {
  return defineField({ id, type, range, integer: type === 'int', description, aliases });
}

const SUS_RANGE = [1, 5] as const;

/** One SUS statement (Brooke 1986), 1 = strongly disagree … 5 = strongly agree. */
const susItem = <const Id extends string>(id: Id, statement: string, wordings: readonly Alias[]) =>
  item(id, 'int', SUS_RANGE, `SUS: "${statement}", 1–5`, wordings);

// No Russian wording: the published Russian adaptation (Psychological Studies 17(95), 2024, doi
// 10.54359/ps.v17i95.1593) was not at hand to copy its items from; Russian exports bind by the
// numbered names (`SUS вопрос 1`) or --map.
// The wordings as Brooke wrote them, with a `*` where the product is named ("this system", "the
// website") and at both ends, so that a numbered header ("3. I thought …") still matches. Stems
// leave out the words exports vary ("I think [that] I would …").
const SUS_FIELDS = [
  susItem('sus_1', 'I think that I would like to use this system frequently', ['*would like to use*frequently*']),
  susItem('sus_2', 'I found the system unnecessarily complex', ['*found*unnecessarily complex*']),
  susItem('sus_3', 'I thought the system was easy to use', ['*thought*was easy to use*']),
  susItem('sus_4', 'I think that I would need the support of a technical person to be able to use this system', [
    '*need the support of a technical person*',
  ]),
  susItem('sus_5', 'I found the various functions in this system were well integrated', ['*various functions in*well integrated*']),
  susItem('sus_6', 'I thought there was too much inconsistency in this system', ['*thought there was too much inconsistency*']),
  susItem('sus_7', 'I would imagine that most people would learn to use this system very quickly', [
    '*most people would learn to use*very quickly*',
  ]),
  // "awkward" is the wording Bangor, Kortum and Miller substituted for "cumbersome".
  susItem('sus_8', 'I found the system very cumbersome to use', ['*found*very cumbersome to use*', '*found*very awkward to use*']),
  susItem('sus_9', 'I felt very confident using the system', ['*felt very confident using*']),
  susItem('sus_10', 'I needed to learn a lot of things before I could get going with this system', [
    '*needed to learn a lot of things before*',
  ]),
] as const;

const SEVEN_POINTS = [1, 7] as const;

/** UMUX-Lite (Lewis, Utesch & Maher 2013): two 7-point agreement items. */
const UMUX_FIELDS = [
  item('umux_1', 'int', SEVEN_POINTS, `UMUX-Lite: "[This system's] capabilities meet my requirements", 1–7`, [
    '*capabilities meet my requirements*',
  ]),
  item('umux_2', 'int', SEVEN_POINTS, 'UMUX-Lite: "[This system] is easy to use", 1–7', ['*is easy to use']),
] as const;

/** Temkin Experience Rating (Temkin Group): success, effort, emotion about a recent interaction, each 1–7. */
const TEMKIN_FIELDS = [
  item('temkin_success', 'int', SEVEN_POINTS, 'Temkin: could you accomplish what you wanted to do, 1–7', [
    'temkin success',
    '*accomplish what you wanted*',
    '*удалось*сделать то что вы хотели*',
  ]),
  item('temkin_effort', 'int', SEVEN_POINTS, 'Temkin: how easy was it to interact, 1–7', [
    'temkin effort',
    'how easy*to interact with*',
    '*how easy was it*to interact*',
    '*насколько легко*взаимодействовать*',
  ]),
  item('temkin_emotion', 'int', SEVEN_POINTS, 'Temkin: how did you feel about the interaction, 1–7', [
    'temkin emotion',
    '*how did you feel about*',
    '*что вы чувствовали*',
  ]),
] as const;

const TEN_POINTS = [1, 10] as const;

/** Employee Satisfaction Index: three 1–10 questions (netigate.net, metrics.md §2.9). */
const ESI_FIELDS = [
  item('esi_1', 'number', TEN_POINTS, 'ESI: satisfaction with the workplace, 1–10', [
    '*satisfied*with your workplace*',
    '*satisfied*with your employer*',
  ]),
  item('esi_2', 'number', TEN_POINTS, 'ESI: how well the workplace meets expectations, 1–10', [
    '*workplace meet*your expectations*',
    '*employer meet*your expectations*',
  ]),
  item('esi_3', 'number', TEN_POINTS, 'ESI: how close the workplace is to the ideal, 1–10', [
    '*close*to*ideal workplace*',
    '*close*to*ideal employer*',
  ]),
] as const;

export const INSTRUMENT_FIELDS = [...SUS_FIELDS, ...UMUX_FIELDS, ...TEMKIN_FIELDS, ...ESI_FIELDS] as const;

const idsOf = <const T extends readonly { id: string }[]>(fields: T): { [I in keyof T]: T[I]['id'] } =>
  fields.map((field) => field.id) as { [I in keyof T]: T[I]['id'] };

/** The items in questionnaire order, for the metrics that score them. */
export const SUS_ITEMS = idsOf(SUS_FIELDS);
export const UMUX_ITEMS = idsOf(UMUX_FIELDS);
export const TEMKIN_ITEMS = idsOf(TEMKIN_FIELDS);
export const ESI_ITEMS = idsOf(ESI_FIELDS);

/**
 * Numbered names (README, "Experience instruments"): `SUS1`, `SUS_1`, `SUS 1`, `SUS Q1`,
 * `SUS item 1`, `SUS вопрос 1` (and `sus_1` itself) bind when all ten are present; `Q1` … `Q10` when they are the
 * file's only Q columns and their answers fit 1–5.
 */
export const INSTRUMENT_NUMBERED_SETS: readonly NumberedSetDecl<(typeof INSTRUMENT_FIELDS)[number]>[] = [
  {
    instrument: 'SUS',
    items: SUS_ITEMS,
    prefixes: ['sus', 'sus q', 'sus item', 'sus question', 'sus вопрос', 'вопрос sus'],
    anonymousPrefixes: ['q'],
  },
  {
    instrument: 'UMUX-Lite',
    items: UMUX_ITEMS,
    prefixes: ['umux', 'umux lite', 'umux q', 'umux lite q', 'umux вопрос'],
    anonymousPrefixes: [],
  },
  { instrument: 'ESI', items: ESI_ITEMS, prefixes: ['esi', 'esi q', 'esi вопрос'], anonymousPrefixes: [] },
];
