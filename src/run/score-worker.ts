/**
 * A worker thread of parallel-jobs.ts: scores each input (or part of one) it is sent into scorecards
 * of its own and posts them back as plain data, with what it had to say (diagnostics and the first
 * rejections in order, every rejection in the task's spool file when it has one; passed on by the
 * main thread in input order) and its progress.
 */
import { parentPort } from 'node:worker_threads';
import { scoreInputJob } from './score-inputs.js';
import { scoreUnitHere } from './parallel-jobs.js';
import type { UnitTask, WorkerMessage } from './parallel-jobs.js';
import { transferList } from '../scorecard/snapshot.js';

const port = parentPort;
if (port === null) throw new Error('score-worker runs as a worker thread');

port.on('message', (task: UnitTask) => {
  void scoreOne(task);
});

async function scoreOne(task: UnitTask): Promise<void> {
  const reply = await scoreUnitHere(task, scoreInputJob, (progress) => post({ type: 'progress', progress }));
  post(reply, reply.type === 'done' ? [reply.partial.scorecard, ...reply.partial.views].flatMap(transferList) : []);
}

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}
