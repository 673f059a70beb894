import type { Preset } from './types.js';

/**
 * HubSpot CRM, Companies (or Contacts) > Export. Property labels SEEN in public mappings of the
 * export and the properties API: `Record ID`, `Create Date`, `Lifecycle Stage`, `Became a Customer
 * Date` (`hs_lifecyclestage_customer_date`, set when the stage turns Customer). HubSpot has no
 * standard churn date: a portal's own property (`Churn Date`, `Churned Date`) binds through the
 * generic end_date names, else only the start is known and retention is measured without losses.
 */
export const HUBSPOT_COMPANIES: Preset = {
  id: 'hubspot-companies',
  name: 'HubSpot companies or contacts export',
  kind: 'customers',
  signature: [['Record ID', 'Lifecycle Stage', 'Became a Customer Date']],
  aliases: {
    customer_id: ['Record ID'],
    start_date: ['Became a Customer Date'],
    end_date: ['Churn Date', 'Churned Date', 'Customer Churn Date'],
  },
  note: 'Only records with a Became a Customer Date are customers. HubSpot has no churn date of its own: map yours with --map end_date=Column.',
};
