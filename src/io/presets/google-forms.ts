import type { Preset } from './types.js';

/**
 * The timestamp header of the responses sheet in the form owner's language: English (SEEN in
 * several real headers, exports.md §2.3), and the Russian, German, French and Spanish UI wordings.
 */
const TIMESTAMP_HEADERS = ['Timestamp', 'Отметка времени', 'Zeitstempel', 'Horodateur', 'Marca temporal'] as const;

/** Google Forms responses (Forms download or the linked Sheet downloaded as CSV; exports.md §2.3). */
export const GOOGLE_FORMS: Preset = {
  id: 'google-forms',
  name: 'Google Forms responses',
  kind: 'survey',
  // One generic word: only its position (first) and exact spelling make it evidence.
  signature: TIMESTAMP_HEADERS.map((name) => [name]),
  firstColumn: TIMESTAMP_HEADERS,
  aliases: {
    submitted_at: TIMESTAMP_HEADERS,
    respondent_id: ['Email Address', 'Email address', 'Адрес электронной почты'],
  },
  note:
    'A Sheets download writes the spreadsheet locale with no time zone (8/31/2023 19:08:16): pass --tz and, if needed, --date-format; ' +
    'a Forms download writes the zone (2023/06/04 1:28:19 PM GMT+5:30). Quiz exports add a Score column like "4 / 5", which is not a rating.',
};
