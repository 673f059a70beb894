import type { Kind } from './types.js';

/**
 * A `--map` example for a hint, per kind: under `--kind tickets` the example must name a ticket
 * field, never a survey one (issue 18). A Record, so that a new kind cannot go without one.
 */
const MAP_EXAMPLES: Readonly<Record<Kind, string>> = {
  survey: '--map nps="Likelihood to recommend"',
  tickets: '--map created_at="Opened" --map resolved_at="Closed"',
  analytics: '--map sessions="Visits" --map conversions="Orders"',
  customers: '--map start_date="Customer since" --map end_date="Cancelled on"',
};

/** The example of the kind given, or the survey one when xla was to detect the kind. */
export function mapExample(kind: Kind | undefined): string {
  return MAP_EXAMPLES[kind ?? 'survey'];
}
