import { neutraliseText } from '../safe-text.js';

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Any text for the HTML report, xla's own or from data (titles, names, segment values, file names):
 * control and bidi characters shown as escapes and no CI log command, as in every format for people
 * (safe-text.ts), then the five characters HTML acts on as entities. Safe in element text and in a
 * quoted attribute alike, so one function serves both.
 */
export function escapeHtml(text: string): string {
  return neutraliseText(text).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}
