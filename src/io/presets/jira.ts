import type { Preset } from './types.js';

/**
 * Jira Cloud / Server and Jira Service Management issue navigator CSV (exports.md §1.2: a real
 * Cloud export SEEN; dates `25/Feb/26 10:17 PM`; duplicate column names such as Watchers, Comment).
 */
export const JIRA: Preset = {
  id: 'jira',
  name: 'Jira / Jira Service Management CSV export',
  kind: 'tickets',
  signature: [['Summary', 'Issue key', 'Issue id']],
  aliases: {
    id: ['Issue key'],
    created_at: ['Created'],
    // JSM's reporting field, `2026-02-25 16:38:58.679` (SEEN); plain Jira has no first-response stamp.
    first_response_at: ['Custom field ([CHART] Date of First Response)'],
    resolved_at: ['Resolved'],
    priority: ['Priority'],
    status: ['Status'],
    // JSM CSAT 1–5; the cell format is UNCERTAIN (empty in the sample).
    satisfaction: ['Satisfaction rating'],
    // In Jira Service Management the reporter is the customer who raised the request; no export column
    // for the request channel is known, so channel stays unmapped (--map channel=COLUMN).
    requester: ['Reporter'],
  },
  note:
    "Dates follow the instance's format (25/Feb/26 10:17 PM) in the exporting user's time zone, with no offset: pass --tz. " +
    'JSM SLA columns (Custom field (Time to resolution)) hold remaining time, negative when breached; they are not read, ' +
    'so sla_attainment needs the sla targets of the config.',
};
