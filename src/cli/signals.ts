/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP end a run without leaving its temporary files behind (a
 * report or rejects file being written, the spools of a parallel run): the handler removes them,
 * then raises the signal again with its default action, so that the run ends as any interrupted
 * program does — exit status 130, 143 or 129 in a shell, killed by the signal for its parent.
 */
import { removeTemporariesSync } from '../io/temp-files.js';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Installs the handlers; the returned function removes them (the run is over). */
export function removeTemporariesOnSignal(): () => void {
  const stop = (): void => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals): void {
    removeTemporariesSync();
    // With no listener left, Node restores the default action, which the signal raised again takes.
    stop();
    process.kill(process.pid, signal);
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return stop;
}
