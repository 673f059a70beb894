import type { Preset } from './types.js';

/**
 * Google Analytics 4 report, Download file > CSV (exports.md §3.1). The io layer skips the `#`
 * preamble (`# Start date: 20260501`), so the signature is the GA4 metric names (FIXTURE: two
 * importers); "Key events" and "Engaged sessions" exist only in GA4.
 */
export const GA4: Preset = {
  id: 'ga4',
  name: 'Google Analytics 4 report',
  kind: 'analytics',
  signature: [
    ['Sessions', 'Engaged sessions'],
    ['Sessions', 'Key events'],
    ['Active users', 'Key events'],
    ['Active users', 'Engaged sessions'],
    ['Active users', 'New users'],
    ['Sessions', 'Engagement rate'],
  ],
  aliases: {
    date: ['Date'],
    visitors: ['Active users', 'Total users', 'Users'],
    sessions: ['Sessions'],
    conversions: ['Key events', 'Conversions'],
    pageviews: ['Views', 'Screen page views'],
    bounce_rate: ['Bounce rate'],
    // The row's total engagement (GA4's userEngagementDuration), not the per-session average.
    engagement_time: ['User engagement'],
  },
  note:
    'The Date dimension is YYYYMMDD in the property time zone: pass --tz. Numbers may carry quoted thousands separators; ' +
    'a Grand total row is not data. GA4 bounce rate is 1 − engaged sessions / sessions: export the Bounce rate metric to get it.',
};
