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
