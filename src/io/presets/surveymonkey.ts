import type { Preset } from './types.js';

/**
 * Analyze > Save as > Export file > All individual responses (exports.md §2.1: two header rows,
 * SEEN in two real headers). Row 1 holds the question, row 2 the answer label (`Response`,
 * `Open-Ended Response`, a choice); metadata columns have an empty row 2.
 */
export const SURVEYMONKEY: Preset = {
  id: 'surveymonkey',
  name: 'SurveyMonkey responses export',
  kind: 'survey',
  signature: [['Respondent ID', 'Collector ID', 'Start Date', 'End Date']],
  aliases: {
    submitted_at: ['End Date'],
    respondent_id: ['Respondent ID'],
  },
  values: {
    // "Actual answer text" exports write the NPS end labels (spec §2.1; the exact text is UNCERTAIN).
    nps: {
      '0 - not at all likely': '0',
      '10 - extremely likely': '10',
    },
  },
  headerRows: 2,
  note:
    'Two header rows: the question, then the answer label. Export with "Numerical value" for rating questions; ' +
    'Start Date and End Date have no time zone: pass --tz.',
};
