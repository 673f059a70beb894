import type { Preset } from './types.js';

/**
 * ServiceNow list export (exports.md §1.3, DOC): CSV headers are field names (`opened_at`), XLSX
 * headers are labels (`Opened`), so each field has both. Display values: priority `3 - Moderate`.
 * Checked against the UCI/Kaggle incident event log (shared/datasets/servicenow-incident-log).
 */
export const SERVICENOW: Preset = {
  id: 'servicenow',
  name: 'ServiceNow incident export',
  kind: 'tickets',
  signature: [
    ['number', 'opened_at'],
    ['Number', 'Opened'],
  ],
  aliases: {
    id: ['number', 'Number'],
    created_at: ['opened_at', 'Opened'],
    // closed_at only where no resolved_at column exists: an incident is resolved before it is closed.
    resolved_at: ['resolved_at', 'Resolved', 'closed_at', 'Closed'],
    priority: ['priority', 'Priority'],
    // The audit log writes incident_state; a list export of the incident table writes state.
    status: ['incident_state', 'Incident state', 'state', 'State'],
    made_sla: ['made_sla', 'Made SLA'],
    sla_due_at: ['sla_due', 'SLA due'],
    reassignment_count: ['reassignment_count', 'Reassignment count'],
    reopen_count: ['reopen_count', 'Reopen count'],
    // Phone, Email, Self-service, Walk-in… (the event log's contact_type, SEEN); the caller is the customer.
    channel: ['contact_type', 'Contact type'],
    requester: ['caller_id', 'Caller'],
  },
  values: {
    // The default priority choices; `P1`…`P5` is how SLA targets per priority are usually written.
    priority: {
      '1 - critical': 'P1',
      '2 - high': 'P2',
      '3 - moderate': 'P3',
      '4 - low': 'P4',
      '5 - planning': 'P5',
    },
  },
  // `?` is how the public event log writes an empty reference or date (SEEN, SOURCES.md §1).
  nullMarkers: ['?'],
  // One row per update in the audit log; the last update of an incident is its final state.
  eventLog: { orderBy: 'sys_updated_at' },
  note:
    'CSV exports use field names (opened_at), XLSX exports labels (Opened); both are recognised. ' +
    'An event log (one row per update) is collapsed to the last row per number, by sys_updated_at. ' +
    "Priorities 1 - Critical … 5 - Planning read as P1 … P5; ? is missing. Dates follow the exporting user's profile, with no offset: pass --tz.",
};
