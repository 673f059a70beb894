/**
 * Text that comes from data or from a config (values, column and file names, target ids, names,
 * titles) made safe for where xla prints it. A value may hold anything: an ESC sequence that
 * retitles, hides or clears the terminal, a line break followed by `::error::` that a GitHub
 * runner executes as a workflow command, a `##[` that the runner's legacy parser finds anywhere
 * in a line (as Azure Pipelines finds `##vso[` and TeamCity `##teamcity[`), bidi controls that reorder what a reader sees, Markdown that turns into links in a PR
 * comment. One rule per destination, all of them here:
 *
 * - Text for people (table, inspect, stderr, `github` messages, JUnit text, CSV cells, YAML
 *   comments): `neutraliseText`. Control characters are shown as escapes (`\n`, `\t`, `\x1B`,
 *   `\u202E`), `##[` is broken as `##\[` (and `##vso[`, `##teamcity[` alike), and a leading `::`
 *   becomes `\::`, so no data ever starts a CI log command. Lossy by design (a backslash stays as it is); the JSON formats
 *   carry the exact text.
 * - Markdown: `neutraliseMarkdown`, the above plus GitHub-flavoured Markdown's active characters.
 * - JSON (json, ndjson, inspect json) and YAML strings: `neutraliseJson`, lossless. The characters
 *   JSON.stringify leaves raw are written as `\uXXXX`, which parses back to the same string.
 *
 * xla's own words never hold these characters, so a whole composed line (`csat [team=…] 72.0%
 * is below >= 85%`) may go through the same function: only the data in it changes.
 */

/**
 * Characters that steer the display or hide text, beyond C0: DEL, C1, the bidi controls (U+061C,
 * U+200E/F, U+202A–E, U+2066–9), the line and paragraph separators U+2028/9, and the invisible
 * ones that make two different names look alike or carry hidden text: U+180E, the zero-width
 * space U+200B, U+2060–4, U+FEFF and the tag characters U+E0000–7F. The joiners U+200C/D stay:
 * Persian, Hindi and emoji need them. JSON.stringify leaves all of these raw.
 */
const STEERING =
  '\\u007F-\\u009F\\u061C\\u180E\\u200B\\u200E\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\u{E0000}-\\u{E007F}';

/** What text for people shows as escapes: C0 (line breaks and tab included), the above, the non-characters U+FFFE/F and lone surrogates (not text at all). */
const HIDDEN = new RegExp(`[\\u0000-\\u001F${STEERING}\\uFFFE\\uFFFF]|\\p{Cs}`, 'gu');

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `a\nb`, `\x1B]0;title\x07`, `\u202Eevil`, `\u{E0041}`: what a hidden character is, in place of it. */
export function showControls(text: string): string {
  return text.replace(HIDDEN, (char) => NAMED_ESCAPES[char] ?? formatEscape(char));
}

function formatEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  return code <= 0xffff ? `\\u${hex(code, 4)}` : `\\u{${hex(code, 5)}}`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

/**
 * CI log commands read anywhere in a line: GitHub's legacy `##[command]`, Azure Pipelines'
 * `##vso[…]` (either case) and TeamCity's `##teamcity[…]`. Never print one from data.
 */
const LOG_COMMAND = /(##(?:vso|teamcity)?)\[/giu;

function breakLegacyCommands(text: string): string {
  return text.replace(LOG_COMMAND, '$1\\[');
}

/**
 * The runner reads `::command::` where a line starts after white space (.NET TrimStart; JS `\s`
 * covers its white space once NEL is shown as `\x85`).
 */
const LEADING_COMMAND = /^(\s*)::/u;

/**
 * Text for a terminal or a log, on one line: hidden characters shown, no workflow command. Idempotent,
 * so a line composed of already neutral parts can go through it again.
 */
export function neutraliseText(text: string): string {
  return breakLegacyCommands(showControls(text)).replace(LEADING_COMMAND, '$1\\::');
}

/** `"a\"b\n"`: a value quoted in a message, with its quotes and backslashes escaped so that it reads unambiguously. */
export function quoteText(text: string): string {
  return `"${breakLegacyCommands(showControls(text.replace(/["\\]/g, '\\$&')))}"`;
}

/**
 * Characters GitHub-flavoured Markdown acts on, where they act:
 * - backslash, code, emphasis, strikethrough, table cells, math: always;
 * - `]` before `(`, which alone makes a link or image: a reference link needs a definition at the
 *   start of a line, where data never stands (so `csat [team=Network]` stays readable);
 * - `_` unless between letters or digits (intraword `_` never emphasises; `first_response_time` stays readable);
 * - `<` where it opens a tag, comment or autolink, `&` where it starts an entity (`<= 4h`, `R & D` stay readable);
 * - GitHub's shortcuts, `@user` (a mention notifies), `#123`, `https://` and `www.` (links): a
 *   zero-width space after their first part keeps them plain text, as Renovate does in PR bodies.
 */
const MARKDOWN_ACTIVE =
  /[\\`*~|$]|\](?=\()|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|<(?=[A-Za-z/!?])|&(?=[#A-Za-z])|@(?=\w)|#(?=\d)|:(?=\/\/)|[Ww]{3}(?=\.)/gu;

const ZERO_WIDTH_SPACE = '&#8203;';

/** The first part of a mention, reference or link shortcut: `@`, `#`, the `:` of `://`, `www`. */
const SHORTCUT_START = /^(?:[@#:]|www)$/i;

function escapeMarkdownSyntax(match: string): string {
  if (match === '<') return '&lt;';
  if (match === '&') return '&amp;';
  if (SHORTCUT_START.test(match)) return match + ZERO_WIDTH_SPACE;
  return `\\${match}`;
}

/** Text for GitHub-flavoured Markdown, inline or in a table cell: renders as the plain text `neutraliseText` shows. */
export function neutraliseMarkdown(text: string): string {
  return neutraliseText(text).replace(MARKDOWN_ACTIVE, escapeMarkdownSyntax);
}

/**
 * What JSON.stringify leaves raw but a terminal or a CI log acts on (STEERING). In JSON text they
 * can only stand inside a string, where `\\uXXXX` (a pair of them above U+FFFF) means the same
 * character; so can the `[` of a CI log command.
 */
const JSON_RAW = new RegExp(`[${STEERING}]`, 'gu');

/** JSON text (from JSON.stringify) with every such character escaped; JSON.parse gives back the same value. */
export function neutraliseJson(json: string): string {
  return json.replace(JSON_RAW, escapeCodeUnits).replace(LOG_COMMAND, '$1\\u005B');
}

function escapeCodeUnits(char: string): string {
  let escaped = '';
  for (let i = 0; i < char.length; i++) escaped += `\\u${hex(char.charCodeAt(i), 4)}`;
  return escaped;
}
