/**
 * Every write to stderr goes through here (a lint rule keeps it so). Messages carry file names,
 * column names, values and config ids, and stderr lands in terminals and CI logs: each line is
 * neutralised (report/safe-text.ts) whatever its message builder did, so that no ESC sequence,
 * bidi control or workflow command from data reaches them.
 */
import { neutraliseText } from '../report/safe-text.js';
import type { CliIO } from './context.js';

type ErrorStream = Pick<CliIO, 'stderr'>;

/** One message on one line: a line break inside it is shown as `\n`, never printed. */
export function writeErrorLine(io: ErrorStream, message: string): void {
  io.stderr.write(`${neutraliseText(message)}\n`);
}

/** Text of several lines (commander's help, a stack): each line neutralised, the line feeds kept as they are. */
export function writeErrorText(io: ErrorStream, text: string): void {
  io.stderr.write(text.split('\n').map(neutraliseText).join('\n'));
}

/** `\r` and erase-line before the text: a status line that the next draw or `eraseStatusLine` replaces. */
const ERASE_LINE = '\r\u001b[K';

export function drawStatusLine(io: ErrorStream, text: string): void {
  io.stderr.write(`${ERASE_LINE}${neutraliseText(text)}`);
}

export function eraseStatusLine(io: ErrorStream): void {
  io.stderr.write(ERASE_LINE);
}
