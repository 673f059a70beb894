/**
 * What the JSON and NDJSON readers share about values: how deep they may nest, and how a number
 * too large for a double (`1e400`) reaches the field layer. `Number` makes such a number
 * Infinity, which JSON.stringify then writes as `null`: it comes as its own text instead, so that
 * a number field rejects it showing what the file says, and a text field keeps it as written.
 */
import { TokenParser, TokenParserError, Tokenizer, TokenizerError } from '@streamparser/json';

/**
 * The most levels a JSON value may nest, the document's own brackets included: far beyond any
 * export, and far within what JSON.stringify (which turns nested values into cell text) can
 * recurse through on any thread.
 */
export const MAX_JSON_DEPTH = 1000;

export function describeTooDeep(): string {
  return `nested deeper than ${MAX_JSON_DEPTH} levels`;
}

/** A tokenizer that keeps the text of the last number too large for a double. */
export class NumberTextTokenizer extends Tokenizer {
  /** The text of the last number that `Number` made non-finite. */
  nonFiniteText = '';

  protected override parseNumber(text: string): number {
    const value = Number(text);
    if (!Number.isFinite(value)) this.nonFiniteText = text;
    return value;
  }
}

/** A parsed value with each non-finite number replaced by its text, as the readers deliver it. */
export function parseKeepingNumberText(text: string): unknown {
  const tokenizer = new NumberTextTokenizer();
  const parser = new TokenParser({ paths: ['$'], keepStack: false });
  let root: unknown;
  tokenizer.onToken = (token) => {
    parser.write(typeof token.value === 'number' && !Number.isFinite(token.value) ? { ...token, value: tokenizer.nonFiniteText } : token);
  };
  parser.onValue = ({ value, stack }) => {
    if (stack.length === 0) root = value;
  };
  tokenizer.write(text);
  tokenizer.end();
  return root;
}

/** What `inspectParsedValue` found. */
export interface ValueCheck {
  isTooDeep: boolean;
  hasNonFiniteNumber: boolean;
}

/**
 * Walks a parsed value (level 1) level by level, without recursion: whether it nests deeper than
 * MAX_JSON_DEPTH, and whether it holds a number that is not finite. A flat record costs one loop
 * over its properties and two small arrays (NDJSON reads every record through this).
 */
export function inspectParsedValue(root: unknown): ValueCheck {
  const check: ValueCheck = { isTooDeep: false, hasNonFiniteNumber: false };
  let level: unknown[] = [root];
  for (let depth = 1; level.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const value of level) {
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) check.hasNonFiniteNumber = true;
      } else if (typeof value === 'object' && value !== null) {
        if (depth > MAX_JSON_DEPTH) {
          check.isTooDeep = true;
          return check;
        }
        noteChildren(value, next, check);
      }
    }
    level = next;
  }
  return check;
}

/** The numbers among a container's children checked, the containers kept for the next level. */
function noteChildren(container: object, next: unknown[], check: ValueCheck): void {
  if (Array.isArray(container)) {
    for (const child of container) noteChild(child, next, check);
    return;
  }
  const record = container as Record<string, unknown>;
  for (const key in record) noteChild(record[key], next, check);
}

function noteChild(child: unknown, next: unknown[], check: ValueCheck): void {
  if (typeof child === 'number') {
    if (!Number.isFinite(child)) check.hasNonFiniteNumber = true;
  } else if (typeof child === 'object' && child !== null) {
    next.push(child);
  }
}

/** The index in JSON text of the bracket that opens level MAX_JSON_DEPTH + 1, if any. */
export function findTooDeepBracket(text: string): number | undefined {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (isInString) {
      if (char === '\\') i += 1;
      else if (char === '"') isInString = false;
    } else if (char === '"') {
      isInString = true;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return i;
    } else if (char === ']' || char === '}') {
      depth -= 1;
    }
  }
  return undefined;
}

/** What is wrong with JSON text, in xla's words, and the byte offset where it is. */
export interface JsonSyntaxError {
  what: string;
  offset: number;
}

/** The text ends before its value does. */
export const ENDS_EARLY = 'ends early';

/**
 * A @streamparser/json error in xla's words, or undefined for any other error. The tokenizer
 * gives its own offset (counting every byte it was given); a parser error is at the last token,
 * `lastTokenOffset`, which the caller measures the same way.
 */
export function explainStreamError(error: unknown, lastTokenOffset: number): JsonSyntaxError | typeof ENDS_EARLY | undefined {
  if (error instanceof TokenizerError) {
    if (/ended in the middle/.test(error.message)) return ENDS_EARLY;
    const match = /^Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/s.exec(error.message);
    if (match?.[1] !== undefined && match[2] !== undefined)
      return { what: `unexpected ${JSON.stringify(match[1])}`, offset: Number(match[2]) };
  }
  if (error instanceof TokenParserError) {
    const match = /^Unexpected \w+ \((.*)\) in state/s.exec(error.message);
    if (match?.[1] !== undefined) return { what: `unexpected ${match[1]}`, offset: lastTokenOffset };
  }
  if (error instanceof TokenizerError || error instanceof TokenParserError) return { what: error.message, offset: lastTokenOffset };
  return undefined;
}

/** What is wrong with JSON text, and the index (UTF-16 units) in the text where it is. */
export interface JsonTextError {
  what: string;
  index: number;
}

/**
 * Where JSON text that JSON.parse refused goes wrong, read again by the streaming parser the JSON
 * reader uses, so that an NDJSON line or a JSON config gets the column and words a JSON data file
 * gets (V8 names no position for most errors). Undefined if the streaming parser takes the text
 * after all.
 */
export function findJsonSyntaxError(text: string): JsonTextError | typeof ENDS_EARLY | undefined {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$'], keepStack: false });
  let lastTokenOffset = 0;
  tokenizer.onToken = (token) => {
    lastTokenOffset = token.offset;
    parser.write(token);
  };
  parser.onValue = () => undefined;
  let syntax: JsonSyntaxError | typeof ENDS_EARLY | undefined;
  try {
    tokenizer.write(text);
    tokenizer.end();
    syntax = parser.isEnded ? undefined : ENDS_EARLY;
  } catch (error) {
    syntax = explainStreamError(error, lastTokenOffset);
  }
  if (syntax === undefined || syntax === ENDS_EARLY) return syntax;
  // The parser counts UTF-8 bytes.
  return { what: syntax.what, index: Buffer.from(text).subarray(0, syntax.offset).toString('utf8').length };
}
