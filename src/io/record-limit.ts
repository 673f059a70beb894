/**
 * The most bytes one record may hold — a CSV record, a JSON array element, an NDJSON line — and
 * one string or number outside records. A longer one is almost always a runaway quote swallowing
 * the rest of the file, or not the format at all: past this, reading ends with an InputError
 * instead of filling memory.
 */
export const MAX_RECORD_SIZE = 16 * 1024 * 1024;

/** `16 MiB`, or a byte count for the small limits of tests. */
export function describeSize(bytes: number): string {
  const mebi = 1024 * 1024;
  return bytes % mebi === 0 ? `${bytes / mebi} MiB` : `${bytes} bytes`;
}
