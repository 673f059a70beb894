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
   * alternative is a column (compared after `normalizeName`, or as written for a name that is
   * all punctuation, such as Typeform's `#`; alternate header names count). The alternative with
   * the most names wins over other presets (registry.ts).
   */
  signature: readonly (readonly string[])[];
  /**
   * The names the export's first column may have, compared exactly as written (BOM and outer
   * blanks aside). For exports whose signature is one generic word (Google Forms `Timestamp`,
   * Typeform `#`), where position and spelling are the evidence, not the word.
   */
  firstColumn?: readonly string[];
  /** Column names of this export per canonical field, preferred over the generic aliases. */
  aliases: Partial<Record<FieldId, readonly Alias[]>>;
  /**
   * Cell values to rewrite before coercion, per field, keyed by the cell's trimmed lower-case text:
   * Zendesk satisfaction `good` → `5`, ServiceNow priority `1 - critical` → `P1`. A value mapped to
   * the empty string is missing (`not offered`).
   */
  values?: Partial<Record<FieldId, Readonly<Record<string, string>>>>;
  /**
   * The date-fns pattern of the export's timestamps, when the export fixes it rather than the
   * user's locale (Boston 311 `MM/dd/yyyy hh:mm:ss a`): a sample whose days are all ≤ 12 cannot
   * tell month-first from day-first. `--date-format` still wins.
   */
  dateFormat?: string;
  /**
   * The zone the export writes times without an offset in, when the export fixes it (Amplitude's
   * `event_time` is UTC): such times are read in it instead of `--tz`, whose wall clock still
   * makes the periods and days.
   */
  timestampZone?: string;
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
