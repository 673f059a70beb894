/**
 * A worker thread of score-jobs.ts: scores each input (or part of one) it is sent into scorecards
 * of its own and posts them back as plain data, with what it had to say (diagnostics and
 * rejections in order, passed on by the main thread in input order) and its progress.
 */
import { parentPort } from 'node:worker_threads';
import { scoreInputJob } from './pipeline.js';
import type { InputJob } from './pipeline.js';
import { scoreUnitHere } from './score-jobs.js';
import type { WorkerMessage } from './score-jobs.js';
import { transferList } from './scorecard/snapshot.js';

const port = parentPort;
if (port === null) throw new Error('score-worker runs as a worker thread');

port.on('message', (job: InputJob) => {
  void scoreOne(job);
});

async function scoreOne(job: InputJob): Promise<void> {
  const reply = await scoreUnitHere(job, scoreInputJob, (progress) => post({ type: 'progress', progress }));
  post(reply, reply.type === 'done' ? [reply.snapshots.scorecard, ...reply.snapshots.views].flatMap(transferList) : []);
}

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}
