import type { Preset } from './types.js';

/**
 * Zendesk Support's satisfaction is good/bad, not a score (exports.md §1.1: "Not Offered, Offered,
 * Good or Bad"). On the 1–5 CSAT scale good is 5 and bad 1, so the CSAT share (answers ≥ 4) is
 * good / (good + bad), Zendesk's own definition; a survey offered but not answered is missing.
 */
const SATISFACTION: Readonly<Record<string, string>> = {
  good: '5',
  bad: '1',
  // Ticket conditions and the API also name the ratings with a comment (UNCERTAIN in CSV).
  'good with comment': '5',
  'bad with comment': '1',
  offered: '',
  'not offered': '',
  unoffered: '',
};

/** Admin Center > Tools > Reports > Export > CSV (exports.md §1.1a, DOC; header SEEN in three reconstructions). */
export const ZENDESK: Preset = {
  id: 'zendesk',
  name: 'Zendesk Support CSV export',
  kind: 'tickets',
  signature: [
    ['Id', 'Created at', 'Solved at', 'Satisfaction Score'],
    ['Summation column', 'Id', 'Created at', 'Solved at'],
  ],
  aliases: {
    id: ['Id'],
    created_at: ['Created at'],
    resolved_at: ['Solved at'],
    priority: ['Priority'],
    status: ['Status'],
    reopen_count: ['Reopens'],
    satisfaction: ['Satisfaction Score'],
    // Via is the channel (exports.md §1.1 "Channel"); the requester by id first, the name last (names repeat).
    channel: ['Via'],
    requester: ['Requester id', 'Requester email', 'Requester'],
    // The "… in minutes" columns are durations, not timestamps, and no canonical duration field
    // takes them: first_response_at stays unmapped rather than fed a number of minutes.
  },
  values: { satisfaction: SATISFACTION },
  note:
    "Times are in the account's time zone with no offset: pass --tz. Satisfaction Good/Bad is read as 5/1 on the 1–5 CSAT scale " +
    '(Offered and Not Offered are missing). "Due date" is set on task tickets only, so sla_attainment from it covers tasks only.',
};

/** Explore report exported as CSV (exports.md §1.1b: attribute names SEEN in several importers; format DOC). */
export const ZENDESK_EXPLORE: Preset = {
  id: 'zendesk-explore',
  name: 'Zendesk Explore report',
  kind: 'tickets',
  signature: [
    ['Ticket ID', 'Ticket created - Timestamp'],
    ['Ticket ID', 'Ticket created - Date'],
  ],
  aliases: {
    id: ['Ticket ID'],
    created_at: ['Ticket created - Timestamp', 'Ticket created - Date'],
    resolved_at: ['Ticket solved - Timestamp', 'Ticket solved - Date'],
    priority: ['Ticket priority'],
    status: ['Ticket status'],
    // Explore's satisfaction attribute holds the same words as the CSV export (UNCERTAIN).
    satisfaction: ['Ticket satisfaction rating', 'Satisfaction rating'],
    // `Requester name` is SEEN among Explore's attributes; `Ticket channel` is Explore's name for Via (UNCERTAIN in an export).
    channel: ['Ticket channel'],
    requester: ['Requester name'],
  },
  values: { satisfaction: SATISFACTION },
  note:
    "Explore writes timestamps like 2015-01-27T13:21:10 in the exporting user's time zone, with no offset: pass --tz. " +
    'Duration metrics (First reply time (min)) are not read; first response and resolution times come from the timestamps.',
};
