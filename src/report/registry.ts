import type { Report } from '../scorecard/model.js';
import type { FormatOptions, Formatter } from './types.js';

export type { FormatOptions, Formatter } from './types.js';

interface FormatDefinition {
  /** The formatter's module is loaded when a report is rendered in it: a run loads only its own (bench/RESULTS.md, "Start-up"). */
  load: () => Promise<Formatter>;
  /** Lower-case file extensions (with the dot) that select this format for `-o`. */
  extensions: readonly string[];
}

/** Adding a format is one entry here (cli.md "Output"). */
const FORMAT_DEFINITIONS = {
  table: { load: async () => (await import('./table.js')).formatTable, extensions: ['.txt'] },
  json: { load: async () => (await import('./json.js')).formatJson, extensions: ['.json'] },
  ndjson: { load: async () => (await import('./ndjson.js')).formatNdjson, extensions: ['.ndjson', '.jsonl'] },
  csv: { load: async () => (await import('./csv.js')).formatCsv, extensions: ['.csv'] },
  markdown: { load: async () => (await import('./markdown.js')).formatMarkdown, extensions: ['.md', '.markdown'] },
  junit: { load: async () => (await import('./junit.js')).formatJunit, extensions: ['.xml'] },
  // Workflow commands only mean something in a job log: no file extension implies them.
  github: { load: async () => (await import('./github.js')).formatGithub, extensions: [] },
  html: { load: async () => (await import('./html/document.js')).formatHtml, extensions: ['.html', '.htm'] },
} as const satisfies Record<string, FormatDefinition>;

export type FormatName = keyof typeof FORMAT_DEFINITIONS;

const DEFINITION_ENTRIES = Object.entries(FORMAT_DEFINITIONS) as [FormatName, FormatDefinition][];

/** Format names in the order `--help` lists them. */
export const FORMAT_NAMES: readonly FormatName[] = DEFINITION_ENTRIES.map(([name]) => name);

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMAT_DEFINITIONS, name);
}

/** The format an `-o` path implies (`.json` → json); undefined when its extension names none. */
export function formatFromExtension(path: string): FormatName | undefined {
  const extension = extractExtension(path);
  if (extension === undefined) return undefined;
  return DEFINITION_ENTRIES.find(([, definition]) => definition.extensions.includes(extension))?.[0];
}

/** The formatter of a format, its module loaded on first use. */
export function loadFormatter(name: FormatName): Promise<Formatter> {
  return FORMAT_DEFINITIONS[name].load();
}

export async function formatReport(report: Report, name: FormatName, options: FormatOptions): Promise<string> {
  return (await loadFormatter(name))(report, options);
}

/** `.json` from `out/Report.JSON`; no node:path, so that formatters stay free of Node built-ins. */
export function extractExtension(path: string): string | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? undefined : base.slice(dot).toLowerCase();
}
