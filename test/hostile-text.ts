/**
 * Text an attacker (or an unlucky export) can put in a value, a column name, a file name or a
 * config id, and the checks that output made from it is neutral (src/report/safe-text.ts).
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** Pieces that steer terminals, CI runners and Markdown, mixed with ordinary text. */
const PIECES = [
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\b',
  '\u000b',
  '\u001b',
  '\u001b[8m',
  '\u001b]0;owned\u0007',
  '\u001b[2J',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u009d',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
  '::',
  '::error::x',
  '::stop-commands::t',
  '::add-mask::',
  ' ::',
  '\u00a0::',
  '\u3000::',
  '##[',
  '##[error]x',
  '##[stop-commands]t',
  '##vso[task.setvariable variable=x]y',
  '##VSO[',
  '##teamcity[message text=x]',
  '#',
  '##',
  '[',
  ']',
  '(',
  ')',
  '](https://e.example)',
  '![i](x)',
  '*',
  '**',
  '_',
  '`',
  '~',
  '~~',
  '|',
  '$',
  '$$',
  '@',
  '@octocat',
  '#12',
  'https://e.example',
  'www.e.example',
  '<',
  '>',
  '<b>',
  '<!--',
  '&',
  '&amp;',
  '&#64;',
  '\\',
  '%',
  '%0A',
  ',',
  ':',
  '"',
  "'",
  '=',
  '+',
  '-',
  '@SUM(A1)',
  ' ',
  '\u00a0',
  'a',
  'Z',
  '1',
  'é',
  '😀',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u180e',
  '\u{e0041}\u{e0042}',
  '\u200d',
  '👩\u200d💻',
];

/** A string of a few such pieces and arbitrary code points (lone surrogates included). */
export const hostileText: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 8 })
  .map((parts) => parts.join(''));

/**
 * Raw characters no output may hold: C0 but line feed, DEL, C1, bidi controls, U+2028/9, the
 * invisible U+180E, U+200B, U+2060–4, U+FEFF and tag characters, lone surrogates.
 */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]|\p{Cs}/u;

/** Chalk's colour codes (SGR): the only escape sequences xla writes itself. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SGR = /\u001b\[[0-9;]*m/g;

export function stripColour(text: string): string {
  return text.replace(SGR, '');
}

/** Lines a GitHub runner would run as a workflow command (`::cmd::`, after white space as .NET trims it). */
function commandLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*::/u.test(line));
}

/** CI log commands read anywhere in a line: GitHub's legacy `##[`, Azure's `##vso[`, TeamCity's `##teamcity[`. */
const LOG_COMMAND = /##(?:vso|teamcity)?\[/i;

/**
 * No raw control character, no CI log command anywhere, no line that starts a workflow command;
 * `ownCommands` are the lines a format may start with `::` itself.
 */
export function expectNeutral(text: string, ownCommands: readonly string[] = []): void {
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).not.toMatch(LOG_COMMAND);
  expect(commandLines(text)).toEqual(ownCommands);
}
