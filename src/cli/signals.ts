/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP end a run without leaving its temporary files behind (a
 * report or rejects file being written, the spools of a parallel run): the handler removes them,
 * then raises the signal again with its default action, so that the run ends as any interrupted
 * program does — exit status 130, 143 or 129 in a shell, killed by the signal for its parent.
 */
import { removeTemporariesSync, watchTracking } from '../io/temp-files.js';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Handles the signals while the run has temporary files, and only then (io/temp-files.ts says
 * when): a handler runs only when the event loop turns, so a process blocked in a write to a
 * stalled pipe would ignore Ctrl-C if one were installed all along. The returned function stops.
 */
export function removeTemporariesOnSignal(): () => void {
  let isInstalled = false;
  const install = (): void => {
    if (isInstalled) return;
    for (const signal of SIGNALS) process.on(signal, onSignal);
    isInstalled = true;
  };
  const uninstall = (): void => {
    if (!isInstalled) return;
    for (const signal of SIGNALS) process.off(signal, onSignal);
    isInstalled = false;
  };
  function onSignal(signal: NodeJS.Signals): void {
    removeTemporariesSync();
    // With no listener left, Node restores the default action, which the signal raised again takes.
    uninstall();
    process.kill(process.pid, signal);
  }
  const stopWatching = watchTracking((isTracking) => (isTracking ? install() : uninstall()));
  return () => {
    stopWatching();
    uninstall();
  };
}
