import type { Preset } from './types.js';

/*
 * Product-analytics event exports (issue 21): one row an event, with the user and the instant, for
 * active users, stickiness, new users and adoption (metrics/usage.ts). Column names checked against
 * the vendors' documentation (fixtures/usage/README.md names the sources).
 */

/**
 * Mixpanel raw event export (`/api/2.0/export`, NDJSON): `{"event": …, "properties": {"time": …,
 * "distinct_id": …, "$insert_id": …}}`. The io layer gives a nested object's keys columns of their
 * own (`properties.time`); `time` is Unix seconds, read by the usual epoch detection.
 */
export const MIXPANEL: Preset = {
  id: 'mixpanel',
  name: 'Mixpanel raw event export (NDJSON)',
  kind: 'analytics',
  signature: [['event', 'properties.time', 'properties.distinct_id']],
  aliases: {
    timestamp: ['properties.time'],
    user_id: ['properties.distinct_id'],
  },
  note:
    'properties.time is Unix seconds, read as UTC; exports of projects that still keep a project time zone (Mixpanel’s legacy setting) ' +
    'write it shifted into that zone. Narrow to one feature with --where event=<name>.',
};

/**
 * Amplitude Export API (`/api/2/export`, gzipped NDJSON per hour): `event_type`, `event_time` (UTC,
 * `yyyy-MM-dd HH:mm:ss.SSSSSS` without an offset), `user_id` (null until identified),
 * `amplitude_id` (Amplitude's own user, which its user counts use), `device_id`, `session_id`.
 */
export const AMPLITUDE: Preset = {
  id: 'amplitude',
  name: 'Amplitude event export (NDJSON)',
  kind: 'analytics',
  signature: [
    ['event_type', 'event_time', 'amplitude_id'],
    ['event_type', 'amplitude_id', 'device_id'],
  ],
  aliases: {
    timestamp: ['event_time'],
    user_id: ['amplitude_id'],
    session_id: ['session_id'],
  },
  timestampZone: 'UTC',
  note:
    'Users are amplitude_id, as Amplitude counts them (user_id is empty until a user is identified; --map user_id=user_id counts by it). ' +
    'event_time is UTC; --tz still sets the days. Narrow to one feature with --where event_type=<name>.',
};

/**
 * GA4 BigQuery export (`events_YYYYMMDD`, exports.md §3.2) flattened to CSV: `event_date`
 * (YYYYMMDD in the property's zone), `event_timestamp` (Unix microseconds, UTC), `event_name`,
 * `user_pseudo_id` (the app instance or browser), `user_id` (set only when the site sends one).
 */
export const GA4_BIGQUERY: Preset = {
  id: 'ga4-bigquery',
  name: 'GA4 BigQuery event export (CSV)',
  kind: 'analytics',
  signature: [
    ['event_date', 'event_timestamp', 'event_name', 'user_pseudo_id'],
    ['event_timestamp', 'event_name', 'user_pseudo_id'],
  ],
  aliases: {
    date: ['event_date'],
    timestamp: ['event_timestamp'],
    user_id: ['user_pseudo_id'],
  },
  note:
    'Users are user_pseudo_id, as GA4 counts them by default (--map user_id=user_id counts signed-in users). event_date is the ' +
    'property’s day and sets the periods and days: pass --tz as the property’s zone. Narrow to one feature with --where event_name=<name>.',
};
