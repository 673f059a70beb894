import type { Alias } from '../../fields/catalog.js';
import type { FieldId, Kind } from '../../fields/types.js';

/**
 * A known export (Zendesk, ServiceNow, SurveyMonkey…). A preset only adds column names, value
 * maps and header handling; it never changes how a metric is computed (architecture.md).
 */
export interface Preset {
  /** Stable id for `--preset` and the report (`servicenow`, `google-play-reviews`). */
  id: string;
  name: string;
  kind: Kind;
  /**
   * Header signatures as alternatives: the export is recognised when every name of one
   * alternative is a column (compared after `normalizeName`; alternate header names count).
   */
  signature: readonly (readonly string[])[];
  /** Column names of this export per canonical field, preferred over the generic aliases. */
  aliases: Partial<Record<FieldId, readonly Alias[]>>;
  /**
   * Cell values to rewrite before coercion, per field, keyed by the cell's trimmed lower-case text:
   * Zendesk satisfaction `good` → `5`, ServiceNow priority `1 - critical` → `P1`. A value mapped to
   * the empty string is missing (`not offered`).
   */
  values?: Partial<Record<FieldId, Readonly<Record<string, string>>>>;
  /** Extra cell texts that mean "missing" in this export (ServiceNow `?`). */
  nullMarkers?: readonly string[];
  /** Header rows of the export when they cannot be sniffed (SurveyMonkey 2, Qualtrics 3). */
  headerRows?: number;
  /**
   * The export is an event log (one row per update): keep the last row per ticket `id`, ordered
   * by this column when given (a timestamp or a counter), else by file order.
   */
  eventLog?: { orderBy?: string };
  /** What a user should know about this export, shown by `xla inspect`. */
  note?: string;
}
