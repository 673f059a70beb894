import type { Preset } from './types.js';

/**
 * The Kaggle "Google Play Store Apps" listing (lava18, scraped August 2018; shared/datasets
 * google-play-apps): one row per app, not per rating.
 */
export const GOOGLE_PLAY_APPS: Preset = {
  id: 'google-play-apps',
  name: 'Google Play store listing (Kaggle)',
  kind: 'survey',
  signature: [['App', 'Category', 'Rating', 'Reviews', 'Installs', 'Content Rating']],
  aliases: {
    rating: ['Rating'],
  },
  // pandas wrote missing ratings as NaN (SEEN).
  nullMarkers: ['NaN'],
  note:
    'Each row is an app and Rating is its store average: the rating metric is the unweighted mean over apps, ' +
    'not over the Reviews counts. One known malformed row is shifted one column left (Rating 19) and is rejected.',
};
