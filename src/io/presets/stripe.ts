import type { Preset } from './types.js';

/**
 * Stripe Dashboard, Billing > Subscriptions > Export (CSV). Header SEEN in several public scripts
 * that read the export: `id`, `Customer ID`, `Customer Name`, `Status`, `Cancellation Reason`,
 * `Created (UTC)`, `Start (UTC)` (older exports: `Start Date (UTC)`), `Current Period Start (UTC)`,
 * `Current Period End (UTC)`, `Trial Start (UTC)`, `Trial End (UTC)`, `Canceled At (UTC)`,
 * `Ended At (UTC)`. The amount column is UNCERTAIN (`Plan Amount` in one script, `Amount` in
 * another), as is whether it is in major units or cents.
 */
export const STRIPE_SUBSCRIPTIONS: Preset = {
  id: 'stripe-subscriptions',
  name: 'Stripe subscriptions export',
  kind: 'customers',
  signature: [
    ['Customer ID', 'Status', 'Start (UTC)', 'Canceled At (UTC)'],
    ['Customer ID', 'Status', 'Start Date (UTC)', 'Canceled At (UTC)'],
    ['Customer ID', 'Status', 'Created (UTC)', 'Ended At (UTC)'],
  ],
  aliases: {
    customer_id: ['Customer ID'],
    // The subscription's start; Created is when the object was made (the same, or earlier for a scheduled start).
    start_date: ['Start (UTC)', 'Start Date (UTC)', 'Created (UTC)'],
    // When it ended; Canceled At is when the cancellation was asked for, which may be before the period runs out.
    end_date: ['Ended At (UTC)', 'Canceled At (UTC)'],
    churned: ['Status'],
    revenue: ['Plan Amount', 'Amount'],
  },
  values: {
    // Stripe's subscription statuses (API `status`): only canceled means the customer left.
    churned: {
      canceled: 'true',
      active: 'false',
      trialing: 'false',
      past_due: 'false',
      unpaid: 'false',
      paused: 'false',
      // Never became a paying subscription: not a customer at all.
      incomplete: '',
      incomplete_expired: '',
    },
  },
  note:
    'One row per subscription: a customer with two subscriptions counts twice. Times are UTC. ' +
    'Plan Amount is read as revenue per billing period in the export’s currency (check whether it is in cents, and that every plan bills monthly).',
};
