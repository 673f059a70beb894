/**
 * What a run says about one input, in one place whichever thread read it: every rejected value
 * goes to `onRejection` (for --rejects), the input's first to `onFirstRejection` (for --strict);
 * the first few also as a line each on stderr (`file:line:column: field: "value" rejected: why`),
 * then how many more were not shown, then the reader's notes. Nothing is kept but counts.
 */
import { formatLocation } from '../errors.js';
import type { FieldBinding } from '../fields/match.js';
import type { OpenedSource } from '../io/types.js';
import type { Rejection } from '../fields/row-builder.js';
import type { RejectRow } from '../report/rejects.js';
import { quoteText } from '../report/safe-text.js';
import { formatCount } from '../report/units.js';

/** How many rejected values of one input are shown before only a count is. */
export const SHOWN_REJECTIONS = 5;

export interface InputReporter {
  rejection: (rejection: RejectRow) => void;
  /**
   * Rejections past the shown ones that a part read on another thread only counted (no
   * `onRejection` was asked for, so they were not kept).
   */
  notShown: (count: number) => void;
  /** After the input's last row: the count of rejections not shown, then the notes (each once). */
  finish: (notes: readonly string[]) => void;
}

export interface ReportHooks {
  onDiagnostic?: ((message: string) => void) | undefined;
  onRejection?: ((rejection: RejectRow) => void) | undefined;
  onFirstRejection?: ((rejection: RejectRow) => void) | undefined;
}

export function createInputReporter(
  source: Pick<OpenedSource, 'name' | 'format'>,
  bindings: readonly FieldBinding[],
  hooks: ReportHooks,
): InputReporter {
  const name = source.name;
  // A Parquet file is a table of rows; a JSON array's elements are records.
  const recordNoun = source.format.type === 'parquet' ? 'row' : 'record';
  let shown = 0;
  let hidden = 0;
  return {
    rejection(rejection) {
      hooks.onRejection?.(rejection);
      if (shown === 0 && hidden === 0) hooks.onFirstRejection?.(rejection);
      if (shown < SHOWN_REJECTIONS) {
        shown++;
        hooks.onDiagnostic?.(describeRejection(rejection, bindings, recordNoun));
      } else {
        hidden++;
      }
    },
    notShown(count) {
      hidden += count;
    },
    finish(notes) {
      if (hidden > 0)
        hooks.onDiagnostic?.(
          `xla: ${name}: ${formatCount(hidden)} more rejected value${hidden === 1 ? '' : 's'} not shown (--rejects FILE lists them all)`,
        );
      for (const note of new Set(notes)) hooks.onDiagnostic?.(`xla: note: ${name}: ${note}`);
    },
  };
}

/** A rejection as reports list it: 1-based columns, null where a line or column does not apply. */
export function toRejectedValue(file: string, line: number | undefined, index: number, rejection: Rejection): RejectRow {
  return {
    file,
    line: line ?? null,
    record: index,
    column: rejection.column === null ? null : rejection.column + 1,
    field: rejection.field,
    value: rejection.value,
    reason: rejection.reason,
  };
}

/** `xla: a.csv:3:2: nps ("Score"): "abc" rejected: …`; names and values quoted as quoteText does, so the line stays one line. */
function describeRejection(rejection: RejectRow, bindings: readonly FieldBinding[], recordNoun: string): string {
  const where =
    rejection.line === null
      ? `${rejection.file}: ${recordNoun} ${rejection.record}`
      : formatLocation(rejection.file, rejection.line, rejection.column ?? undefined);
  if (rejection.field === null) return `xla: ${where}: row skipped: ${rejection.reason}`;
  const columnName = bindings.find((binding) => binding.field.id === rejection.field)?.columnName ?? rejection.field;
  const label = columnName === rejection.field ? rejection.field : `${rejection.field} (${quoteText(columnName)})`;
  return `xla: ${where}: ${label}: ${quoteText(rejection.value)} rejected: ${rejection.reason}`;
}
