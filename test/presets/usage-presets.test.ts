// The product-analytics event exports (issue 21) are told apart by their headers alone, and from
// the other analytics presets; the end-to-end scores are in test/cli/usage.test.ts.
import { describe, expect, it } from 'vitest';
import { detectPreset } from '../../src/io/presets/registry.js';

describe('usage event exports', () => {
  it.each([
    // Mixpanel's raw export as the io layer lays it out: the nested properties' keys as columns.
    ['mixpanel', ['event', 'properties', 'properties.time', 'properties.distinct_id', 'properties.$insert_id', 'properties.mp_lib']],
    ['amplitude', ['uuid', 'event_type', 'event_time', 'user_id', 'amplitude_id', 'device_id', 'session_id', 'event_properties']],
    // An Amplitude export trimmed to a few columns still names its own user and device.
    ['amplitude', ['event_type', 'amplitude_id', 'device_id', 'client_event_time']],
    ['ga4-bigquery', ['event_date', 'event_timestamp', 'event_name', 'event_previous_timestamp', 'user_id', 'user_pseudo_id', 'platform']],
    ['ga4-bigquery', ['event_timestamp', 'event_name', 'user_pseudo_id']],
  ])('%s is detected from %j', (id, columns) => {
    expect(detectPreset(columns, [])?.id).toBe(id);
  });

  it.each([
    // A plain event log with a user and a time is no vendor's: the generic aliases read it.
    [['user_id', 'timestamp', 'event']],
    // Without the nested keys (a flattened CSV with other names), Mixpanel's signature does not fit.
    [['event', 'properties']],
    // The GA4 report download (ga4 preset) is not the BigQuery export.
    [['Date', 'Sessions', 'Active users', 'Key events']],
  ])('%j is not taken for a usage export', (columns) => {
    expect(['mixpanel', 'amplitude', 'ga4-bigquery']).not.toContain(detectPreset(columns, [])?.id);
  });
});
