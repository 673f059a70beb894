/**
 * A partial (`xla score --partial`) read back for `xla merge`: the file (or standard input) as
 * UTF-8 JSON. Checking that it is an xla-partial/1 document, and decoding it, is run/partial.ts's
 * job; here a file that cannot be read, is not UTF-8 or is not JSON (with its line and column) is
 * an InputError naming it: exit 2.
 */
import { MAKE_PARTIAL_HINT } from '../scorecard/partial-codec.js';
import { decodeDocument, parseDocument, readDocumentBytes, type DocumentKind } from './json-document.js';

/** A partial's file as parsed JSON; `file` is how messages name it. */
export interface PartialText {
  file: string;
  /** The text as read: the tie-break of the merge's canonical order (run/partial.ts). */
  text: string;
  data: unknown;
}

export async function readPartialText(path: string, stdin: NodeJS.ReadableStream): Promise<PartialText> {
  const { file, bytes } = await readDocumentBytes(path, stdin, PARTIAL);
  const text = decodeDocument(bytes, file, PARTIAL);
  return { file, text, data: parseDocument(text, file, PARTIAL) };
}

const PARTIAL: DocumentKind = { noun: 'partial', hint: MAKE_PARTIAL_HINT };
