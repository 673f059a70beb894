import type { Preset } from './types.js';

/**
 * Freshdesk's SLA outcome columns (exports.md §1.4: values UNCERTAIN). Freshdesk reports name
 * the outcomes "Within SLA" and "SLA Violated"; anything else stays unread rather than guessed.
 */
const SLA_OUTCOME: Readonly<Record<string, string>> = {
  'within sla': 'true',
  'sla violated': 'false',
  violated: 'false',
};

/** Tickets > Export (exports.md §1.4: header SEEN in Freshdesk's own test code and importers). */
export const FRESHDESK: Preset = {
  id: 'freshdesk',
  name: 'Freshdesk ticket export',
  kind: 'tickets',
  signature: [
    ['Ticket ID', 'Created time', 'First response time (in hrs)'],
    ['Ticket ID', 'Created time', 'Agent interactions', 'Customer interactions'],
  ],
  aliases: {
    id: ['Ticket ID'],
    created_at: ['Created time'],
    // A timestamp among the other timestamps of the export (the duration is "First response time
    // (in hrs)"); FIXTURE-level evidence only.
    first_response_at: ['Initial response time'],
    resolved_at: ['Resolved time', 'Closed time'],
    priority: ['Priority'],
    status: ['Status'],
    made_sla: ['Resolution status'],
    sla_due_at: ['Due by Time'],
    // Source is the channel (Email, Portal, Phone, Chat…); Contact ID and Full name are in real exports (exports.md §1.4).
    channel: ['Source'],
    requester: ['Contact ID', 'Full name'],
  },
  values: { made_sla: SLA_OUTCOME },
  note:
    'First response time (in hrs) and Resolution time (in hrs) are often empty; times are computed from Created time, ' +
    "Initial response time and Resolved time instead. Times are in the agent's time zone, with no offset: pass --tz. " +
    'Survey results are labels and are not read as satisfaction.',
};

/** Freshservice, the ITSM sister product: the same export in Title Case (exports.md §1.4). */
export const FRESHSERVICE: Preset = {
  id: 'freshservice',
  name: 'Freshservice ticket export',
  kind: 'tickets',
  // The same words as Freshdesk once case is ignored: the spelling as written settles a tie (registry.ts).
  signature: [
    ['Ticket Id', 'Created Time', 'First Response Time (in Hrs)'],
    ['Ticket Id', 'Created Time', 'Resolved Time', 'Experience Score'],
  ],
  aliases: {
    id: ['Ticket Id'],
    created_at: ['Created Time'],
    resolved_at: ['Resolved Time', 'Closed Time'],
    priority: ['Priority'],
    status: ['Status'],
    made_sla: ['Resolution Status'],
    sla_due_at: ['Due by Time'],
    // As in Freshdesk (UNCERTAIN for Freshservice's own export).
    channel: ['Source'],
  },
  values: { made_sla: SLA_OUTCOME },
  note:
    "Times are in the agent's time zone, with no offset: pass --tz. Experience Score and Survey Result are not read as satisfaction " +
    '(their scale is not documented).',
};
