/**
 * What the JSON and NDJSON readers share about values: how deep they may nest, and how a number
 * too large for a double (`1e400`) reaches the field layer. `Number` makes such a number
 * Infinity, which JSON.stringify then writes as `null`: it comes as its own text instead, so that
 * a number field rejects it showing what the file says, and a text field keeps it as written.
 */
import { TokenParser, Tokenizer } from '@streamparser/json';

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
 * Walks a parsed value (level 1) without recursion: whether it nests deeper than MAX_JSON_DEPTH,
 * and whether it holds a number that is not finite. A flat record costs one pass over its values.
 */
export function inspectParsedValue(root: unknown): ValueCheck {
  const check: ValueCheck = { isTooDeep: false, hasNonFiniteNumber: false };
  if (typeof root === 'number') check.hasNonFiniteNumber = !Number.isFinite(root);
  const pending: [object, number][] = typeof root === 'object' && root !== null ? [[root, 1]] : [];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (depth > MAX_JSON_DEPTH) {
      check.isTooDeep = true;
      return check;
    }
    for (const child of Object.values(value)) {
      if (typeof child === 'number') {
        if (!Number.isFinite(child)) check.hasNonFiniteNumber = true;
      } else if (typeof child === 'object' && child !== null) {
        pending.push([child, depth + 1]);
      }
    }
  }
  return check;
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
