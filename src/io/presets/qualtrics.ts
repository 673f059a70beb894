import type { Preset } from './types.js';

/**
 * Data & Analysis > Export data > CSV (exports.md §2.4, SEEN in many scripts): row 1 export tags
 * (`StartDate`, `ResponseId`, `Q1`), row 2 labels (`Start Date`, `Response ID`, question text),
 * row 3 ImportId JSON with the time zone of the dates.
 */
export const QUALTRICS: Preset = {
  id: 'qualtrics',
  name: 'Qualtrics responses export',
  kind: 'survey',
  signature: [
    ['StartDate', 'ResponseId'],
    ['RecordedDate', 'ResponseId'],
  ],
  aliases: {
    submitted_at: ['RecordedDate', 'Recorded Date', 'EndDate', 'End Date'],
    respondent_id: ['ResponseId', 'Response ID'],
  },
  headerRows: 3,
  note:
    'Three header rows: export tags, question text, and ImportId JSON whose "timeZone" is the zone of the dates: pass it as --tz. ' +
    'Survey previews (Status = Survey Preview) are counted like responses; leave them out with --where.',
};
