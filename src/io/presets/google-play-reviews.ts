import type { Preset } from './types.js';

/**
 * Play Console reviews, `reviews_<package>_<YYYYMM>.csv` (exports.md §3.8: header SEEN in many
 * consumers; UTF-16 per Play Console help).
 */
export const GOOGLE_PLAY_REVIEWS: Preset = {
  id: 'google-play-reviews',
  name: 'Google Play Console reviews',
  kind: 'survey',
  signature: [
    ['Package Name', 'Star Rating', 'Review Submit Millis Since Epoch'],
    ['Star Rating', 'Review Submit Date and Time'],
  ],
  aliases: {
    rating: ['Star Rating'],
    // The text column first (ISO with Z in fixtures; UNCERTAIN); the millis column only where the
    // text column is missing, and it needs --date-format T.
    submitted_at: ['Review Submit Date and Time', 'Review Submit Millis Since Epoch'],
    comment: ['Review Text'],
  },
  note:
    'The file is UTF-16. Rows without title or text are star-only ratings and count in the rating. ' +
    "The store's displayed rating is weighted towards recent ratings, so it differs from the mean of the exported reviews.",
};
