/**
 * Finding and loading the XLA file (config.md): YAML through `yaml` (which knows lines and columns),
 * JSON through JSON.parse, then the zod shape, then the cross-field checks. Every problem becomes one
 * ConfigError (exit 2) whose lines read `file:line:column: path: message`, first in file order, up to
 * five. With read-file.ts, the only module of config/ that touches the filesystem.
 */
import { extname } from 'node:path';
import { isCollection, isMap, isNode, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import type { core } from 'zod';
import { ConfigError, formatLocation } from '../errors.js';
import { closestName } from '../fields/closest-name.js';
import { ENDS_EARLY, findJsonSyntaxError } from '../io/json-values.js';
import { locateOffset } from '../io/text-position.js';
import type { TextPosition } from '../io/text-position.js';
import { findDataTooDeep, findJsonTooDeep, findYamlTooDeep, MAX_CONFIG_DEPTH } from './depth.js';
import { describeIssue, explainIssue, formatPath, primaryIssue } from './issues.js';
import type { ConfigIssue } from './issues.js';
import { readConfigFile } from './read-file.js';
import { resolveConfig } from './resolve.js';
import { configSchema } from './schema.js';
import type { XlaConfig } from './types.js';

export { findConfigFile } from './find.js';

/** How many problems one error lists; past that, fixing the first few usually fixes the rest. */
const MAX_REPORTED_ISSUES = 5;

export async function loadConfig(path: string): Promise<XlaConfig> {
  return parseConfigText(await readConfigFile(path), path);
}

/** Where a path inside the document starts in the file; undefined when that is not known. */
type Locator = (path: readonly PropertyKey[], key: string | undefined) => TextPosition | undefined;

interface ReadDocument {
  data: unknown;
  locate: Locator;
}

/** Pure: the text of a config file, named `file` for messages and for resolving source paths. */
export function parseConfigText(text: string, file: string): XlaConfig {
  const body = withLineFeeds(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const { data, locate } = isJsonFile(file) ? readJson(body, file) : readYaml(body, file);
  if (data === null || data === undefined) {
    throw new ConfigError(`${file}: the config file is empty`, {
      file,
      hint: 'start from `xla init <data file>`, or add targets (config.md)',
    });
  }
  const tooDeep = findDataTooDeep(data);
  if (tooDeep !== undefined) throw tooDeepError(file, locate(tooDeep, undefined));
  const shape = configSchema.safeParse(data, { reportInput: true, error: explainIssue });
  if (!shape.success) throw issuesError(shape.error.issues, file, locate);
  const resolved = resolveConfig(shape.data, file);
  if (resolved.config === undefined) throw issuesError(resolved.issues, file, locate);
  return resolved.config;
}

/**
 * A lone CR ends a line in YAML 1.2 as in a CSV, but the YAML reader takes it for a blank (a file
 * saved with old Mac line ends was one line, "nested mappings are not allowed"): each becomes an
 * LF, one for one, so offsets, lines and columns stay as editors count them.
 */
function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

const isJsonFile = (file: string): boolean => extname(file).toLowerCase() === '.json';

// ── YAML ─────────────────────────────────────────────────────────────────────────────────────

function readYaml(text: string, file: string): ReadDocument {
  const tooDeep = findYamlTooDeep(text);
  if (tooDeep !== undefined) throw tooDeepError(file, locateOffset(text, tooDeep));
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, ...PLAIN_YAML });
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const position = syntaxError.linePos?.[0];
    const where = formatLocation(file, position?.line, position?.col);
    const reason = syntaxError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? syntaxError.message;
    const line = position === undefined ? '' : (text.split(/\r?\n|\r/)[position.line - 1] ?? '');
    throw new ConfigError(`${where}: YAML syntax error: ${reason}`, { file, ...yamlHint(line) });
  }
  const collectionKey = findCollectionKey(document);
  if (collectionKey !== undefined) {
    const { line, col } = lineCounter.linePos(collectionKey);
    throw new ConfigError(`${formatLocation(file, line, col)}: a key is a list or a mapping: keys are names`, { file });
  }
  return { data: toPlainData(document, file), locate: documentLocator(document, lineCounter) };
}

/**
 * The XLA file is plain data. YAML's explicit `!!omap`, `!!set`, `!!binary` and `!!timestamp`
 * would make a Map, a Set, bytes or a Date, which the checks took for an empty mapping (a
 * `where: !!omap [...]` filter vanished, judging the target on every row): left unresolved, each
 * is the list, mapping or text it is written as, and checked as such. Warnings are not printed
 * (they went to stderr past its guard); what they warn of is refused or checked.
 */
const PLAIN_YAML = { resolveKnownTags: false, logLevel: 'error' } as const;

/** Where the first key that is a list or a mapping starts (`? [a, b] : x`), which toJS would stringify. */
function findCollectionKey(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      offset = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** toJS throws on alias bombs (`maxAliasCount`); that is a bad file, not a bug in xla. */
function toPlainData(document: Document, file: string): unknown {
  try {
    return document.toJS();
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the YAML (${error instanceof Error ? error.message : String(error)})`, { file });
  }
}

/** `target: >= 85%` is the classic: `>` starts a folded block in YAML, so the value must be quoted. */
function yamlHint(line: string): { hint?: string } {
  if (/:\s*>/.test(line)) return { hint: 'a value that starts with > must be quoted in YAML: target: ">= 85%"' };
  return {};
}

function documentLocator(document: Document, lineCounter: LineCounter): Locator {
  const positionOf = (offset: number): TextPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: Locator = (path, key) => {
    const node = document.getIn(path, true);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
      if (isNode(pair?.key) && pair.key.range) return positionOf(pair.key.range[0]);
    }
    if (isNode(node) && node.range) return positionOf(node.range[0]);
    // A missing key (a source without `path`): point at the nearest thing that is there.
    return path.length === 0 ? undefined : locate(path.slice(0, -1), undefined);
  };
  return locate;
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────

function readJson(text: string, file: string): ReadDocument {
  const tooDeep = findJsonTooDeep(text);
  if (tooDeep !== undefined) throw tooDeepError(file, locateOffset(text, tooDeep));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(text, error, file);
  }
  // JSON is YAML, so the YAML reader can say where a path is; a rare JSON it cannot read just loses positions.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  // JSON.parse lets the last of two equal keys win; the YAML reader does not, and says where.
  const duplicate = document.errors.find((error) => error.code === 'DUPLICATE_KEY');
  if (duplicate !== undefined) {
    const position = duplicate.linePos?.[0];
    const key = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(duplicate.pos[0]))?.[0] ?? 'key';
    throw new ConfigError(
      `${formatLocation(file, position?.line, position?.col)}: duplicate key ${key}: JSON would keep only its last value`,
      { file },
    );
  }
  const locate: Locator = document.errors.length === 0 ? documentLocator(document, lineCounter) : () => undefined;
  return { data, locate };
}

/** Where and why JSON.parse refused the text, in the words the JSON data reader uses (V8 names a position for only some errors). */
function jsonSyntaxError(text: string, error: unknown, file: string): ConfigError {
  const syntax = findJsonSyntaxError(text);
  const known = syntax === undefined || syntax === ENDS_EARLY ? undefined : syntax;
  const reason =
    syntax === ENDS_EARLY ? 'the file ends too early' : (known?.what ?? (error instanceof Error ? error.message : String(error)));
  const position = locateOffset(text, known?.index ?? text.length);
  return new ConfigError(`${formatLocation(file, position.line, position.column)}: invalid JSON: ${reason}`, { file });
}

function tooDeepError(file: string, position: TextPosition | undefined): ConfigError {
  return new ConfigError(`${formatLocation(file, position?.line, position?.column)}: nested deeper than ${MAX_CONFIG_DEPTH} levels`, {
    file,
    hint: 'an XLA file needs a few levels (targets → a target → where)',
  });
}

// ── reporting ────────────────────────────────────────────────────────────────────────────────

interface LocatedIssue {
  issue: core.$ZodIssue | ConfigIssue;
  position: TextPosition | undefined;
}

function issuesError(issues: readonly (core.$ZodIssue | ConfigIssue)[], file: string, locate: Locator): ConfigError {
  const primaries = withoutMissingKeysExplainedByTypos(issues.map(primaryIssue));
  const located = primaries.map((issue): LocatedIssue => ({ issue, position: locateIssue(issue, locate) }));
  const inFileOrder = [...located].sort((a, b) => comparePositions(a.position, b.position));
  const shown = inFileOrder.slice(0, MAX_REPORTED_ISSUES);
  const lines = shown.map(({ issue, position }) => `${formatLocation(file, position?.line, position?.column)}: ${describeIssue(issue)}`);
  const more = located.length - shown.length;
  if (more > 0) lines.push(`... and ${more} more problem${more === 1 ? '' : 's'}`);
  const first = shown[0]?.issue;
  const path = first === undefined ? undefined : formatPath(first.path);
  return new ConfigError(lines, { file, ...(path === undefined ? {} : { path }), ...hintFor(first) });
}

/** An unknown key points at the key; so does a key that may not be there at all (a `never` key), or an issue marked `atKey`. */
function locateIssue(issue: core.$ZodIssue | ConfigIssue, locate: Locator): TextPosition | undefined {
  if ('code' in issue && issue.code === 'unrecognized_keys') return locate(issue.path, issue.keys[0]);
  const isForbiddenKey = 'code' in issue && issue.code === 'invalid_type' && issue.expected === 'never';
  const atKey = isForbiddenKey || ('atKey' in issue && issue.atKey === true);
  const last = issue.path[issue.path.length - 1];
  if (atKey && typeof last === 'string') return locate(issue.path.slice(0, -1), last);
  return locate(issue.path, undefined);
}

/**
 * `metirc: nps` makes two issues: an unknown key and a missing `metric`. The typo line says it all
 * ("did you mean "metric"?"), so the missing-key line is dropped.
 */
function withoutMissingKeysExplainedByTypos(issues: readonly (core.$ZodIssue | ConfigIssue)[]): (core.$ZodIssue | ConfigIssue)[] {
  const typoTargets = new Set<string>();
  for (const issue of issues) {
    if (!('code' in issue) || issue.code !== 'unrecognized_keys') continue;
    for (const key of issue.keys) {
      const meant = closestName(key, knownKeysAt(issues, issue.path));
      if (meant !== undefined) typoTargets.add(formatPath([...issue.path, meant]));
    }
  }
  return issues.filter((issue) => !(isMissingKey(issue) && typoTargets.has(formatPath(issue.path))));
}

const isMissingKey = (issue: core.$ZodIssue | ConfigIssue): boolean =>
  'code' in issue && (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined;

/** Keys reported missing under `path`: the only ones a typo there could have meant to write. */
function knownKeysAt(issues: readonly (core.$ZodIssue | ConfigIssue)[], path: readonly PropertyKey[]): string[] {
  const prefix = formatPath(path);
  return issues
    .filter((issue) => isMissingKey(issue) && issue.path.length === path.length + 1 && formatPath(issue.path.slice(0, -1)) === prefix)
    .map((issue) => String(issue.path[issue.path.length - 1]));
}

function comparePositions(a: TextPosition | undefined, b: TextPosition | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a.line - b.line || a.column - b.column;
}

function hintFor(issue: core.$ZodIssue | ConfigIssue | undefined): { hint?: string } {
  const last = issue?.path[issue.path.length - 1];
  if (last === 'metric') return { hint: '`xla metrics` lists every metric id with its unit' };
  return {};
}
