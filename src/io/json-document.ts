/**
 * A JSON document xla wrote and reads back (a report for `xla diff` or a baseline, a partial for
 * `xla merge`): the file or standard input read whole, decoded as strict UTF-8, parsed with the
 * line and column of a syntax error. Each refusal is an InputError naming the file (exit 2), in
 * the words of the kind of document it should have been.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { describeFsError } from './byte-source.js';
import { ENDS_EARLY, findJsonSyntaxError } from './json-values.js';
import { locateOffset } from './text-position.js';

/** How messages name standard input (`-`). */
export const STDIN_NAME = 'standard input';

/** What the document should be (`report`, `partial`) and how to make one, for refusals. */
export interface DocumentKind {
  noun: string;
  hint: string;
}

/** The bytes of `path`, or of `stdin` for `-`; `file` is how messages name it. */
export async function readDocumentBytes(
  path: string,
  stdin: NodeJS.ReadableStream,
  kind: DocumentKind,
): Promise<{ file: string; bytes: Uint8Array }> {
  if (path === '-') return { file: STDIN_NAME, bytes: await readStream(stdin) };
  try {
    if ((await stat(path)).isDirectory()) throw new InputError(`${path}: cannot read the ${kind.noun} (it is a folder)`, { file: path });
    return { file: path, bytes: await readFile(path) };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot read the ${kind.noun} (${describeFsError(error)})`, { file: path });
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** UTF-8, as xla writes its documents. */
export function decodeDocument(bytes: Uint8Array, file: string, kind: DocumentKind): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: not an xla ${kind.noun}: the file is not UTF-8 text`, { file, hint: kind.hint });
  }
}

export function parseDocument(text: string, file: string, kind: DocumentKind): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text);
    const known = syntax === undefined || syntax === ENDS_EARLY ? undefined : syntax;
    const reason =
      syntax === ENDS_EARLY ? 'the file ends too early' : (known?.what ?? (error instanceof Error ? error.message : String(error)));
    const { line, column } = locateOffset(text, known?.index ?? text.length);
    throw new InputError(`not an xla ${kind.noun}: invalid JSON: ${reason}`, { file, line, column, hint: kind.hint });
  }
}
