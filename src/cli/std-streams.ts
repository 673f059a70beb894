/**
 * Write errors on standard output and error. They arrive as 'error' events of the streams, which
 * would otherwise end the process with a stack trace and exit 1 — for `check`, "breached".
 * - EPIPE: the reader has gone (`xla check … | head -c 100`). Nothing is wrong: output stops
 *   quietly and the run keeps the exit code it decided (`check`: its verdict).
 * - anything else (ENOSPC on `> /dev/full` or a full disk, EIO): one line on stderr, exit 2.
 */
import { describeFsError, errorCode } from '../io/byte-source.js';
import type { CliIO } from './context.js';
import { EXIT } from './context.js';
import { writeErrorLine } from './stderr.js';

/** Codes that mean the reader closed its end, or that a stream already failed before. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

export interface StreamWatch {
  /** The exit code of a run that decided on `code`, after any write error on the streams was reported. */
  settle: (code: number) => Promise<number>;
}

/** Watches both streams from now on (the listeners stay: an error may come after the run's last await). */
export function watchStandardStreams(io: CliIO): StreamWatch {
  let failure: string | undefined;
  let failedStream: NodeJS.WritableStream | undefined;
  const watch = (stream: NodeJS.WritableStream, name: string): void => {
    stream.on('error', (error: unknown) => {
      if (READER_GONE.has(errorCode(error) ?? '') || failure !== undefined) return;
      failure = `xla: cannot write ${name}: ${describeFsError(error)}`;
      failedStream = stream;
    });
  };
  watch(io.stdout, 'standard output');
  watch(io.stderr, 'standard error');
  return {
    settle: async (code) => {
      // A write that failed at once (a file, a pipe, a terminal: all written synchronously on
      // Linux) reports it a few ticks later; a command that prints without waiting (metrics,
      // schema) has returned by then.
      await new Promise((resolve) => setImmediate(resolve));
      if (failure === undefined) return code;
      if (failedStream !== io.stderr) writeErrorLine(io, failure);
      return EXIT.usage;
    },
  };
}
