/**
 * A progress line on a terminal's stderr for big inputs: bytes read of the total, rows per second
 * and time left, redrawn at most a few times a second and erased at the end. Never on a
 * non-terminal stderr, never on stdout, never with -q.
 */
import type { CliIO } from './context.js';
import { drawStatusLine, eraseStatusLine } from './stderr.js';

export interface ProgressUpdate {
  file: string;
  bytesRead: number;
  totalBytes: number | undefined;
  rows: number;
}

export interface ProgressLine {
  update: (progress: ProgressUpdate) => void;
  done: () => void;
}

/** Below this an input is read before a progress line would be worth showing. */
export const PROGRESS_MIN_BYTES = 4_000_000;
const REDRAW_MS = 250;
/** Decimal megabytes, as `ls -l --si`, disk makers and the benchmark count them: 105,437,867 bytes read 105.4 MB. */
const MB = 1_000_000;

export function createProgressLine(io: CliIO, options: { quiet: boolean; now: () => number }): ProgressLine | undefined {
  if (options.quiet || io.stderr.isTTY !== true) return undefined;
  const started = options.now();
  let lastDraw = 0;
  let isShown = false;
  return {
    update(progress) {
      const size = progress.totalBytes ?? progress.bytesRead;
      if (size < PROGRESS_MIN_BYTES) return;
      const now = options.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      isShown = true;
      drawStatusLine(io, describeProgress(progress, (now - started) / 1000));
    },
    done() {
      if (isShown) eraseStatusLine(io);
      isShown = false;
    },
  };
}

/** `xla: tickets.csv 45.2 / 105.0 MB (43%) · 412,000 rows/s · 2s left` */
export function describeProgress(progress: ProgressUpdate, elapsedSeconds: number): string {
  const read = (progress.bytesRead / MB).toFixed(1);
  const rate = elapsedSeconds > 0 ? Math.round(progress.rows / elapsedSeconds) : 0;
  const parts = [`xla: ${progress.file} ${read}`];
  if (progress.totalBytes !== undefined && progress.totalBytes > 0) {
    const share = Math.min(1, progress.bytesRead / progress.totalBytes);
    parts[0] += ` / ${(progress.totalBytes / MB).toFixed(1)} MB (${Math.round(share * 100)}%)`;
    const left = share > 0 ? (elapsedSeconds * (1 - share)) / share : undefined;
    parts.push(`${rate.toLocaleString('en-US')} rows/s`);
    if (left !== undefined) parts.push(`${Math.ceil(left)}s left`);
  } else {
    parts[0] += ' MB';
    parts.push(`${rate.toLocaleString('en-US')} rows/s`);
  }
  return parts.join(' · ');
}
