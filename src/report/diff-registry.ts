import type { DiffReport } from '../scorecard/diff.js';
import { extractExtension } from './registry.js';
import type { FormatOptions } from './types.js';

/** A diff formatter is pure, as a report's (types.ts): same diff and options, same string. */
export type DiffFormatter = (diff: DiffReport, options: FormatOptions) => string;

interface DiffFormatDefinition {
  /** Loaded when a diff is rendered in it, as the report's formats are (registry.ts). */
  load: () => Promise<DiffFormatter>;
  /** Lower-case file extensions (with the dot) that select this format for `-o`. */
  extensions: readonly string[];
}

/** The formats of `xla diff`; adding one is one entry here. */
const DIFF_FORMAT_DEFINITIONS = {
  table: { load: async () => (await import('./diff-table.js')).formatDiffTable, extensions: ['.txt'] },
  json: { load: async () => (await import('./json.js')).formatDiffJson, extensions: ['.json'] },
  markdown: { load: async () => (await import('./diff-markdown.js')).formatDiffMarkdown, extensions: ['.md', '.markdown'] },
  junit: { load: async () => (await import('./diff-junit.js')).formatDiffJunit, extensions: ['.xml'] },
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

/** The formatter of a diff format, its module loaded on first use. */
export function loadDiffFormatter(name: DiffFormatName): Promise<DiffFormatter> {
  return DIFF_FORMAT_DEFINITIONS[name].load();
}

export async function formatDiff(diff: DiffReport, name: DiffFormatName, options: FormatOptions): Promise<string> {
  return (await loadDiffFormatter(name))(diff, options);
}
