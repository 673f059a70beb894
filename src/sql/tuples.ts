/**
 * The tuples of a group as an engine returns them (Dialect.tupleListText): JSON text of a list of
 * lists of texts, or, from BigQuery, a list of such lists each as its own JSON text. Read back as
 * plain arrays of texts, for the states kept per entity (a user's days, a ticket's interval).
 */

export type Tuple = readonly string[];

/**
 * The tuples of a cell, each with `width` texts; blank or NULL is none. A cell that is not such a
 * list goes to `fail` (the caller names its row and column: states.ts SqlRowError).
 */
export function tuplesOf(cell: unknown, width: number, failWith: (message: string) => never): Tuple[] {
  if (cell === null || cell === undefined || cell === '') return [];
  const fail = (why: string): never => failWith(`not a list of ${String(width)}-tuples of texts: ${why}`);
  const list = parseJson(String(cell), fail);
  if (!Array.isArray(list)) return fail('not a JSON list');
  return list.map((item: unknown): Tuple => {
    const tuple = typeof item === 'string' ? parseJson(item, fail) : item;
    if (!Array.isArray(tuple) || tuple.length !== width) return fail(`an item is not a list of ${String(width)}`);
    return tuple.map((text: unknown) => (typeof text === 'string' ? text : fail('an item holds no text')));
  });
}

function parseJson(text: string, fail: (why: string) => never): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail('not JSON');
  }
}
