import { defineField, minutes } from './define.js';

/** Fields that several kinds list, declared once; each kind puts them in its `fields` where it matches them. */

/** Survey answers and tickets both may say how much work time a problem cost. */
export const LOST_TIME = defineField({
  id: 'lost_time',
  type: 'duration',
  description: 'work time lost, a duration',
  aliases: [
    'lost_time',
    'lost time',
    'time lost',
    minutes('lost time minutes'),
    minutes('lost minutes'),
    'how much time did you lose*',
    'потерянное время',
    'потеря времени',
    minutes('потерянное время мин'),
    minutes('потерянное время минут'),
  ],
});

/** Likelihood to recommend: a survey asks it, and so does a survey sent after a ticket is resolved (a column of the ticket export). */
export const NPS = defineField({
  id: 'nps',
  type: 'int',
  range: [0, 10],
  integer: true,
  description: 'likelihood to recommend, 0–10',
  aliases: [
    'nps',
    'nps score',
    'net promoter score',
    'likelihood to recommend',
    'ltr',
    'recommend',
    'how likely are you to recommend*',
    'how likely is it that you would recommend*',
    'would you recommend*',
    'оценка nps',
    'насколько вероятно что вы порекомендуете*',
    'вероятность рекомендации',
    'готовность рекомендовать',
    'индекс nps',
    'с какой вероятностью вы порекомендуете*',
    'какова вероятность что вы порекомендуете*',
    'порекомендуете ли вы*',
  ],
});

/** Customer effort: asked in a survey, or after a ticket is resolved (a column of the ticket export). */
export const CES = defineField({
  id: 'ces',
  type: 'number',
  range: 'ces',
  description: 'customer effort agreement (default 1–7)',
  aliases: [
    'ces',
    'ces score',
    'customer effort',
    'customer effort score',
    'effort',
    'effort score',
    '*made it easy*',
    'легкость решения',
    'how easy was it*',
    'лёгкость решения',
    'индекс усилий клиента',
    'усилия клиента',
    'оценка усилий',
    'насколько легко*',
  ],
});

/** HappySignals-style happiness: asked after a ticket is resolved, or in a survey. */
export const HAPPINESS = defineField({
  id: 'happiness',
  type: 'int',
  range: [0, 10],
  integer: true,
  description: 'happiness with the IT experience, 0–10',
  aliases: ['happiness', 'happiness score', 'how happy*', 'удовлетворенность ит', 'индекс счастья', 'уровень счастья'],
});
