/**
 * How deeply an XLA file nests. A real one goes 4 levels down (the file → targets → a target →
 * where); a file nested thousands of levels deep would exhaust the stack or the memory of the
 * YAML reader (a mapping 1,000 levels deep already does), so it is refused before anything parses
 * it, at the place where it goes too deep. Depth counts collections: in `{ a: [1] }` the mapping
 * is at level 1 and the list at level 2.
 */
import { CST, Lexer } from 'yaml';

export const MAX_CONFIG_DEPTH = 64;

const OPENERS = new Set(['[', '{']);
const CLOSERS = new Set([']', '}']);

/** JSON, exactly: the offset of the first `[` or `{` (outside strings) past `limit` levels. */
export function findJsonTooDeep(text: string, limit = MAX_CONFIG_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (OPENERS.has(char)) {
      depth += 1;
      if (depth > limit) return i;
    } else if (CLOSERS.has(char)) {
      depth -= 1;
    }
  }
  return undefined;
}

/** Tokens that are part of a line without starting a node of their own. */
const NOT_A_NODE = new Set(['space', 'comment', 'newline', 'comma', 'anchor', 'tag', 'doc-start', 'doc-end', 'directive-line']);

/** The lexer's markers (a document, a scalar, the end of a broken flow): they take no room in the text. */
const MARKERS = new Set(['doc-mode', 'scalar', 'flow-error-end', 'byte-order-mark']);

interface OpenNode {
  column: number;
  offset: number;
}

/**
 * YAML, from the lexer's tokens alone (parsing is what must not run on such a file): the offset of
 * a node that lies more than `limit` levels deep. Flow collections (`[`, `{`) are counted exactly.
 * Block collections are told by indentation: the columns at which the open nodes start rise
 * strictly, and each column below the current node's is a block collection around it, so the
 * count never exceeds the true depth. (A list under a key may share the key's column, so it can
 * fall short by half; parsed data is measured exactly afterwards, by `findDataTooDeep`.)
 */
export function findYamlTooDeep(text: string, limit = MAX_CONFIG_DEPTH): number | undefined {
  const open: OpenNode[] = [];
  const top = (): OpenNode | undefined => open.at(-1);
  let flow = 0;
  let offset = 0;
  let column = 0;
  let isLineStart = true;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token) ?? 'text';
    if (MARKERS.has(type)) {
      if (type === 'flow-error-end') flow = 0;
      continue;
    }
    const start: OpenNode = { column, offset };
    offset += token.length;
    const lastBreak = token.lastIndexOf('\n');
    column = lastBreak === -1 ? column + token.length : token.length - lastBreak - 1;
    if (type === 'space' || type === 'newline') {
      if (lastBreak !== -1) isLineStart = true;
      continue;
    }
    if (type === 'doc-start') open.length = 0;
    // A line's first token closes the block nodes that started further right.
    if (flow === 0 && isLineStart) while ((top()?.column ?? -1) > start.column) open.pop();
    isLineStart = lastBreak !== -1 && lastBreak === token.length - 1;
    if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1);
    const found = levelsAt(type, start);
    if (found !== undefined && found.levels > limit) return found.at;
  }
  return undefined;

  /** How many collections hold (or are) the node this token starts, at least. */
  function levelsAt(type: string, start: OpenNode): { levels: number; at: number } | undefined {
    if (NOT_A_NODE.has(type) || type === 'flow-map-end' || type === 'flow-seq-end') return undefined;
    const known = top();
    // `key:` makes the key's column a block mapping; count it, and point at the key.
    if (type === 'map-value-ind') return flow === 0 && known !== undefined ? { levels: open.length, at: known.offset } : undefined;
    if (flow === 0 && (known?.column ?? -1) < start.column) open.push(start);
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow += 1;
    // `- ` and `? ` are entries of a block collection that starts at their column.
    const isBlockEntry = flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind');
    return { levels: open.length - 1 + flow + (isBlockEntry ? 1 : 0), at: start.offset };
  }
}

/** Parsed data, exactly (aliases expanded): the path to the first collection past `limit` levels. */
export function findDataTooDeep(data: unknown, limit = MAX_CONFIG_DEPTH): PropertyKey[] | undefined {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: data, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length + 1 > limit) return path;
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, child] of entries) pending.push({ value: child, path: [...path, key] });
  }
  return undefined;
}
