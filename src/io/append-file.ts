import { appendFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** Appends text to a file (GitHub's step summary), creating it if needed. */
export async function appendToFile(path: string, text: string): Promise<void> {
  try {
    await appendFile(path, text, 'utf8');
  } catch (error) {
    throw new InputError(`cannot append to ${path}: ${error instanceof Error ? error.message : String(error)}`, { file: path });
  }
}
