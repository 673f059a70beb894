/**
 * A worker thread of score-jobs.ts: scores each input (or part of one) it is sent into scorecards
 * of its own and posts them back as plain data, with what it had to say (diagnostics and
 * rejections in order, passed on by the main thread in input order) and its progress.
 */
import { parentPort } from 'node:worker_threads';
import { toPlainError } from './errors.js';
import { scoreInputJob, snapshotsOf } from './pipeline.js';
import type { InputJob } from './pipeline.js';
import type { WorkerEvent, WorkerMessage } from './score-jobs.js';
import { transferList } from './scorecard/snapshot.js';

const port = parentPort;
if (port === null) throw new Error('score-worker runs as a worker thread');

port.on('message', (job: InputJob) => {
  void scoreOne(job);
});

async function scoreOne(job: InputJob): Promise<void> {
  const events: WorkerEvent[] = [];
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port?.postMessage(message, transfer);
  try {
    const scored = await scoreInputJob(job, undefined, {
      onDiagnostic: (message) => events.push({ type: 'diagnostic', message }),
      onRejection: (rejection) => events.push({ type: 'rejection', rejection }),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    const snapshots = snapshotsOf(scored);
    const { summary, notes, endedInsideQuotes } = scored;
    post({ type: 'done', summary, snapshots, events, notes: [...notes], endedInsideQuotes }, [snapshots.scorecard, ...snapshots.views].flatMap(transferList));
  } catch (error) {
    post({ type: 'failed', error: toPlainError(error), events });
  }
}
