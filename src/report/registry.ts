import type { Report } from '../scorecard/model.js';
import { formatCsv } from './csv.js';
import { formatGithub } from './github.js';
import { formatHtml } from './html/document.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatNdjson } from './ndjson.js';
import { formatTable } from './table.js';
import type { FormatOptions, Formatter } from './types.js';

export type { FormatOptions, Formatter } from './types.js';

interface FormatDefinition {
  render: Formatter;
  /** Lower-case file extensions (with the dot) that select this format for `-o`. */
  extensions: readonly string[];
}

/** Adding a format is one entry here (cli.md "Output"). */
const FORMAT_DEFINITIONS = {
  table: { render: formatTable, extensions: ['.txt'] },
  json: { render: formatJson, extensions: ['.json'] },
  ndjson: { render: formatNdjson, extensions: ['.ndjson', '.jsonl'] },
  csv: { render: formatCsv, extensions: ['.csv'] },
  markdown: { render: formatMarkdown, extensions: ['.md', '.markdown'] },
  junit: { render: formatJunit, extensions: ['.xml'] },
  // Workflow commands only mean something in a job log: no file extension implies them.
  github: { render: formatGithub, extensions: [] },
  html: { render: formatHtml, extensions: ['.html', '.htm'] },
} as const satisfies Record<string, FormatDefinition>;

export type FormatName = keyof typeof FORMAT_DEFINITIONS;

const DEFINITION_ENTRIES = Object.entries(FORMAT_DEFINITIONS) as [FormatName, FormatDefinition][];

/** Format names in the order `--help` lists them. */
export const FORMAT_NAMES: readonly FormatName[] = DEFINITION_ENTRIES.map(([name]) => name);

export const FORMATS: Readonly<Record<FormatName, Formatter>> = Object.fromEntries(
  DEFINITION_ENTRIES.map(([name, definition]) => [name, definition.render]),
) as Record<FormatName, Formatter>;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMAT_DEFINITIONS, name);
}

/** The format an `-o` path implies (`.json` → json); undefined when its extension names none. */
export function formatFromExtension(path: string): FormatName | undefined {
  const extension = extractExtension(path);
  if (extension === undefined) return undefined;
  return DEFINITION_ENTRIES.find(([, definition]) => definition.extensions.includes(extension))?.[0];
}

export function formatReport(report: Report, name: FormatName, options: FormatOptions): string {
  return FORMATS[name](report, options);
}

/** `.json` from `out/Report.JSON`; no node:path, so that formatters stay free of Node built-ins. */
export function extractExtension(path: string): string | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? undefined : base.slice(dot).toLowerCase();
}
