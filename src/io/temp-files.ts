/**
 * Every temporary file and folder xla has made and not yet renamed or removed, so that an
 * interrupted run (SIGINT, SIGTERM: cli/ installs the handlers) can remove them before it ends.
 * Only this thread's: a worker writes into a folder the main thread made and tracks.
 */
import { rmSync } from 'node:fs';

const pending = new Set<string>();

/** Told when the first path is tracked (true) and when none is left (false). */
let onTracking: ((isTracking: boolean) => void) | undefined;

/**
 * Calls `listener` whenever tracking starts or ends: cli/ handles signals only while there is
 * something to remove, so that otherwise a signal keeps its default action, which ends even a
 * process blocked writing to a pipe nobody reads. Returns the function that stops the calls.
 */
export function watchTracking(listener: (isTracking: boolean) => void): () => void {
  onTracking = listener;
  return () => {
    if (onTracking === listener) onTracking = undefined;
  };
}

/** Marks a path for removal if the run is interrupted; call before creating it. */
export function trackTemporary(path: string): void {
  const wasIdle = pending.size === 0;
  pending.add(path);
  if (wasIdle) onTracking?.(true);
}

/** The path was renamed into place or removed: nothing left to clean. */
export function untrackTemporary(path: string): void {
  if (pending.delete(path) && pending.size === 0) onTracking?.(false);
}

/**
 * Removes every tracked path now, synchronously: a signal handler has no later turn of the event
 * loop to wait for. Failures are ignored, since nothing else can be done about them at that point.
 */
export function removeTemporariesSync(): void {
  for (const path of pending) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: the process is ending.
    }
  }
  pending.clear();
}
