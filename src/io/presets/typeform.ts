import type { Preset } from './types.js';

/**
 * Results > Responses > Download > CSV (exports.md §2.2, SEEN: real headers with data). The first
 * column is literally `#` (the response token); timestamps are `YYYY-MM-DD HH:MM:SS` in UTC.
 */
export const TYPEFORM: Preset = {
  id: 'typeform',
  name: 'Typeform responses export',
  kind: 'survey',
  signature: [['#', 'Submit Date (UTC)']],
  firstColumn: ['#'],
  aliases: {
    submitted_at: ['Submit Date (UTC)'],
  },
  note:
    'Submit Date (UTC) is in UTC, as its header says: keep --tz at its default (UTC). ' +
    'Unfinished responses have no Submit Date; the # column is a response token, unique per row.',
};
