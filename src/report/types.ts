import type { Report } from '../scorecard/model.js';

export interface FormatOptions {
  /** Decided by cli/ (TTY, NO_COLOR, FORCE_COLOR, --no-color); formatters never detect it. */
  color: boolean;
  /** The interval level in (0, 1), as given to `--confidence`; labels the interval column. */
  confidence?: number | undefined;
  /**
   * `xla check` wants the verdicts before the results (what failed and why, then the rest);
   * `xla score` leads with the results. Only the table format has an order to change.
   */
  targetsFirst?: boolean | undefined;
}

/** A formatter is pure: same report and options, same string. It never writes or exits. */
export type Formatter = (report: Report, options: FormatOptions) => string;
