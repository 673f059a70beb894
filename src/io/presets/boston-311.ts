import type { Preset } from './types.js';

/**
 * City of Boston 311 service requests (data.boston.gov; shared/datasets/boston-311-2015): one row
 * per case with the city's own SLA due date and on-time flag.
 */
export const BOSTON_311: Preset = {
  id: 'boston-311',
  name: 'Boston 311 service requests',
  kind: 'tickets',
  signature: [['CASE_ENQUIRY_ID', 'OPEN_DT', 'CLOSED_DT', 'OnTime_Status']],
  aliases: {
    id: ['CASE_ENQUIRY_ID'],
    created_at: ['OPEN_DT'],
    resolved_at: ['CLOSED_DT'],
    sla_due_at: ['TARGET_DT'],
    made_sla: ['OnTime_Status'],
    status: ['CASE_STATUS'],
  },
  // Every file of the city's export (SEEN in all nine of shared/datasets), whatever the reader's locale.
  dateFormat: 'MM/dd/yyyy hh:mm:ss a',
  values: {
    made_sla: { ontime: 'true', overdue: 'false' },
  },
  note:
    'OnTime_Status is the city\'s flag at export time: for an open case ONTIME means "not late yet". ' +
    'Dates are MM/dd/yyyy hh:mm:ss AM/PM in Boston time, with no offset: pass --tz America/New_York. The first, unnamed column is a row index.',
};
