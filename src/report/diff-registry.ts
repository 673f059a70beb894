import type { DiffReport } from '../scorecard/diff.js';
import { formatDiffJunit } from './diff-junit.js';
import { formatDiffMarkdown } from './diff-markdown.js';
import { formatDiffTable } from './diff-table.js';
import { stringifyStrict } from './json.js';
import { extractExtension } from './registry.js';
import type { FormatOptions } from './types.js';

/** A diff formatter is pure, as a report's (types.ts): same diff and options, same string. */
type DiffFormatter = (diff: DiffReport, options: FormatOptions) => string;

interface DiffFormatDefinition {
  render: DiffFormatter;
  /** Lower-case file extensions (with the dot) that select this format for `-o`. */
  extensions: readonly string[];
}

/** The formats of `xla diff`; adding one is one entry here. */
const DIFF_FORMAT_DEFINITIONS = {
  table: { render: formatDiffTable, extensions: ['.txt'] },
  json: { render: (diff) => `${stringifyStrict(diff, 2)}\n`, extensions: ['.json'] },
  markdown: { render: formatDiffMarkdown, extensions: ['.md', '.markdown'] },
  junit: { render: formatDiffJunit, extensions: ['.xml'] },
} as const satisfies Record<string, DiffFormatDefinition>;

export type DiffFormatName = keyof typeof DIFF_FORMAT_DEFINITIONS;

const DEFINITION_ENTRIES = Object.entries(DIFF_FORMAT_DEFINITIONS) as [DiffFormatName, DiffFormatDefinition][];

/** Format names in the order `--help` lists them. */
export const DIFF_FORMAT_NAMES: readonly DiffFormatName[] = DEFINITION_ENTRIES.map(([name]) => name);

/** The format an `-o` path implies (`.md` → markdown); undefined when its extension names none. */
export function diffFormatFromExtension(path: string): DiffFormatName | undefined {
  const extension = extractExtension(path);
  if (extension === undefined) return undefined;
  return DEFINITION_ENTRIES.find(([, definition]) => definition.extensions.includes(extension))?.[0];
}

export function formatDiff(diff: DiffReport, name: DiffFormatName, options: FormatOptions): string {
  return DIFF_FORMAT_DEFINITIONS[name].render(diff, options);
}
