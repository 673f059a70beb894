import { ANALYTICS } from './analytics.js';
import { CUSTOMERS } from './customers.js';
import { SURVEY } from './survey.js';
import { TICKETS } from './tickets.js';

/**
 * Every kind of input, in detection and listing order: the one list a new kind is added to.
 * KINDS, FIELDS, FieldId, the row's value types, PERIOD_FIELDS, the help texts and the schema
 * enums are derived from it (types.ts, catalog.ts).
 */
export const KIND_DECLARATIONS = [
  SURVEY,
  TICKETS,
  ANALYTICS,
  // customers (issue 21)
  CUSTOMERS,
] as const;
