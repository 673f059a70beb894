/**
 * How problems in an XLA file read (architecture.md "Errors and exit codes"): one line per problem,
 * `path: message`, the path in `targets[2].target` notation, saying what was expected and what was
 * got, with "did you mean" where a near name exists. Zod's own wording ("Invalid input") is replaced
 * by `explainIssue`, the error map every config parse uses.
 */
import type { core } from 'zod';
import { closestName } from '../fields/closest-name.js';

/** A problem at a place in the file. Zod issues have this shape; cross-field checks build it. */
export interface ConfigIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** The key at the end of the path is what is wrong (an unknown component target), not its value. */
  readonly atKey?: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** ['targets', 2, 'target'] → `targets[2].target`; keys that are not plain names are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** `targets[0]: unknown key "metirc" (did you mean "metric"?)`; a top-level problem has no path. */
export function describeIssue(issue: core.$ZodIssue | ConfigIssue): string {
  const primary = primaryIssue(issue);
  const path = formatPath(primary.path);
  return path === '' ? primary.message : `${path}: ${primary.message}`;
}

/**
 * The issue worth showing. When no form of a union fits (`floor` neither text nor number), zod
 * reports every form's complaint; the useful one is from the form whose type did match (the object
 * with a bad key), placed under the union's own path.
 */
export function primaryIssue(issue: core.$ZodIssue | ConfigIssue): core.$ZodIssue | ConfigIssue {
  if (!('code' in issue) || issue.code !== 'invalid_union') return issue;
  for (const optionIssues of issue.errors) {
    const first = optionIssues[0];
    const typeMismatch = first === undefined || (first.code === 'invalid_type' && first.path.length === 0);
    if (!typeMismatch) {
      const nested = primaryIssue(first);
      return { ...nested, path: [...issue.path, ...nested.path] };
    }
  }
  return issue;
}

/** `"metirc" (did you mean "metric"?)`, or the known keys when nothing is close. */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  const described = keys.map((key) => `"${key}"${didYouMean(key, known)}`);
  const anySuggestion = keys.some((key) => closestName(key, known) !== undefined);
  const listing = anySuggestion || known.length === 0 ? '' : `; known keys: ${known.join(', ')}`;
  return `unknown key${keys.length === 1 ? '' : 's'} ${described.join(', ')}${listing}`;
}

/** ` (did you mean "csat"?)` or ''. */
export function didYouMean(wanted: string, names: readonly string[]): string {
  const suggestion = closestName(wanted, names);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}

/** A value as a message quotes it: `"85"`, `85`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  map: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  never: 'nothing here',
};

function describeBound(origin: string, bound: number | bigint, inclusive: boolean | undefined, side: 'min' | 'max'): string {
  if (origin === 'array' || origin === 'string' || origin === 'set') {
    if (side === 'min' && bound === 1) return 'must not be empty';
    return `expected ${side === 'min' ? 'at least' : 'at most'} ${bound} ${origin === 'string' ? 'characters' : 'items'}`;
  }
  const op = side === 'min' ? (inclusive === false ? '>' : '>=') : inclusive === false ? '<' : '<=';
  return `expected a number ${op} ${bound}`;
}

const withGot = (message: string, input: unknown): string => `${message}, got ${describeValue(input)}`;

/** Zod's error map for everything a schema does not word itself. */
export const explainIssue: core.$ZodErrorMap = (issue) => {
  // A required key that is not there reaches a schema as undefined, whatever the schema expects.
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'missing (required)';
  switch (issue.code) {
    case 'invalid_type':
      return withGot(`expected ${EXPECTED_WORDS[issue.expected] ?? issue.expected}`, issue.input);
    case 'too_small':
    case 'too_big': {
      const bound =
        issue.code === 'too_small'
          ? describeBound(issue.origin, issue.minimum, issue.inclusive, 'min')
          : describeBound(issue.origin, issue.maximum, issue.inclusive, 'max');
      // "got a list" adds nothing to "must not be empty"; a number is worth quoting.
      return typeof issue.input === 'number' ? withGot(bound, issue.input) : bound;
    }
    case 'invalid_value': {
      const choices = issue.values.map((value) => JSON.stringify(value));
      const suggestion =
        typeof issue.input === 'string'
          ? didYouMean(
              issue.input,
              issue.values.filter((value) => typeof value === 'string'),
            )
          : '';
      return `${withGot(`expected ${choices.length === 1 ? choices.join('') : `one of ${choices.join(', ')}`}`, issue.input)}${suggestion}`;
    }
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys, []);
    case 'not_multiple_of':
      return withGot(issue.divisor === 1 ? 'expected a whole number' : `expected a multiple of ${issue.divisor}`, issue.input);
    case 'invalid_format':
      return withGot(`expected text in the form ${issue.pattern ?? issue.format}`, issue.input);
    case 'invalid_union':
      return withGot('expected another form', issue.input);
    case 'invalid_key':
      return `invalid key ${describeValue(issue.input)}`;
    case 'invalid_element':
    case 'custom':
      return withGot('invalid value', issue.input);
  }
  return undefined;
};
