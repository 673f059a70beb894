/**
 * The canonical data model (spec: fields.md). Metrics read canonical fields only; readers,
 * aliases and `--map` are the only places that know real column names.
 *
 * Value representation, fixed for every layer:
 * - timestamps: epoch milliseconds (UTC instants), already resolved with `--tz`;
 * - durations: seconds;
 * - percentages / rates given in a rate column (`bounce_rate`): fractions 0–1;
 * - sentiment: a score in −1…1 (labels positive/neutral/negative become 1/0/−1);
 * - missing: `undefined` (never 0, never NaN).
 */

export const KINDS = ['survey', 'tickets', 'analytics'] as const;
export type Kind = (typeof KINDS)[number];

export type FieldType = 'int' | 'number' | 'bool' | 'timestamp' | 'duration' | 'text' | 'sentiment' | 'rate';

/** The TypeScript type each canonical field holds after coercion. */
export interface FieldValueTypes {
  // survey
  submitted_at: number;
  respondent_id: string;
  ticket_id: string;
  nps: number;
  csat: number;
  ces: number;
  enps: number;
  rating: number;
  sentiment: number;
  happiness: number;
  lost_time: number;
  comment: string;
  // tickets
  id: string;
  created_at: number;
  first_response_at: number;
  resolved_at: number;
  priority: string;
  status: string;
  reopen_count: number;
  reopened: boolean;
  contacts: number;
  fcr: boolean;
  made_sla: boolean;
  sla_due_at: number;
  reassignment_count: number;
  satisfaction: number;
  // analytics
  date: number;
  timestamp: number;
  visitors: number;
  sessions: number;
  conversions: number;
  converted: boolean;
  bounced: boolean;
  bounces: number;
  bounce_rate: number;
  pageviews: number;
  engagement_time: number;
  downloads: number;
  requests: number;
  errors: number;
  response_time: number;
  lcp: number;
  inp: number;
  cls: number;
  user_id: string;
  session_id: string;
}

export type FieldId = keyof FieldValueTypes;

/**
 * Values derived per row from several fields, so that every metric reads one answer.
 * `is_resolved`: true when `resolved_at` is set or `status` says closed/resolved; false when the
 * ticket is known to be open; undefined when the source says nothing about it.
 */
export interface DerivedValueTypes {
  is_resolved: boolean;
}

/** One input row after mapping and coercion. Reused between rows by the reader: never keep it. */
export type CanonicalRow = { [K in FieldId]?: FieldValueTypes[K] | undefined } & {
  [K in keyof DerivedValueTypes]?: DerivedValueTypes[K] | undefined;
};

/** Measurement scales of the survey questions whose scale may vary (`csat` 1–5, 1–7, 1–10…). */
export interface Scales {
  csat: readonly [number, number];
  ces: readonly [number, number];
  rating: readonly [number, number];
}

export const DEFAULT_SCALES: Scales = {
  csat: [1, 5],
  ces: [1, 7],
  rating: [1, 5],
};
