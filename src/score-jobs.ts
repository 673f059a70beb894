/**
 * Scores the inputs of a run: one after another on the main thread, or — several files, more
 * than one core — one worker thread per core, each scoring whole files into scorecards of its
 * own, merged afterwards in input order (pipeline.ts). What a worker says (diagnostics,
 * rejections) is passed on in input order too, so the output does not depend on which file
 * finished first; and a failure is the one sequential reading would have met first.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromPlainError } from './errors.js';
import type { PlainError } from './errors.js';
import type { InputHooks, InputJob, InputProgress, RejectedValue, ScoredInput, ScoreOptions } from './pipeline.js';
import type { PreparedSource } from './read-source.js';
import type { InputSummary } from './scorecard/model.js';
import type { ScorecardSnapshot } from './scorecard/snapshot.js';

/** An input's scorecards as plain data: the run's plan, then one per target. */
export interface InputSnapshots {
  scorecard: ScorecardSnapshot;
  views: ScorecardSnapshot[];
}

export type JobScore = { kind: 'here'; summary: InputSummary; scored: ScoredInput } | { kind: 'worker'; summary: InputSummary; snapshots: InputSnapshots };

/** What a worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; progress: InputProgress }
  | { type: 'done'; summary: InputSummary; snapshots: InputSnapshots; diagnostics: string[]; rejections: RejectedValue[] }
  | { type: 'failed'; error: PlainError; diagnostics: string[]; rejections: RejectedValue[] };

/** The compiled worker next to this module; absent when running from the TypeScript sources (tests). */
const WORKER_SCRIPT = new URL('./score-worker.js', import.meta.url);

type ScoreHere = (job: InputJob, prepared: PreparedSource, hooks: InputHooks) => Promise<ScoredInput>;

export async function scoreJobs(jobs: readonly InputJob[], prepared: readonly PreparedSource[], options: ScoreOptions, scoreHere: ScoreHere): Promise<JobScore[]> {
  const threads = existsSync(fileURLToPath(WORKER_SCRIPT)) ? threadCount(jobs.map((job) => job.input.path), options.jobs, availableParallelism()) : 1;
  if (threads <= 1) {
    const scores: JobScore[] = [];
    for (const [i, job] of jobs.entries()) {
      const scored = await scoreHere(job, prepared[i] as PreparedSource, options);
      scores.push({ kind: 'here', summary: scored.summary, scored });
    }
    return scores;
  }
  // The workers open their files again: the main thread's read-ahead is let go.
  for (const source of prepared) await source.close();
  return scoreInWorkers(jobs, threads, options);
}

/** Threads worth starting: one per file up to the cores (or `--jobs`); one for a single file or stdin. */
export function threadCount(paths: readonly string[], requested: number | undefined, cores: number): number {
  if (paths.length < 2 || paths.includes('-')) return 1;
  return Math.max(1, Math.min(paths.length, requested ?? cores));
}

type Outcome = { ok: true; score: JobScore } | { ok: false; error: Error };

async function scoreInWorkers(jobs: readonly InputJob[], threads: number, options: ScoreOptions): Promise<JobScore[]> {
  const outcomes: (Outcome | undefined)[] = Array.from({ length: jobs.length });
  const progress = combinedProgress(jobs.length, options.onProgress);
  const workers = new Set<Worker>();
  let next = 0;
  let firstFailure = Infinity;
  let released = 0;

  /** Passes on what finished inputs said, in input order, up to the first one still running. */
  const release = (said: Map<number, { diagnostics: string[]; rejections: RejectedValue[] }>): void => {
    for (let entry = said.get(released); entry !== undefined; entry = said.get(released)) {
      for (const message of entry.diagnostics) options.onDiagnostic?.(message);
      for (const rejection of entry.rejections) options.onRejection?.(rejection);
      said.delete(released);
      released += 1;
    }
  };
  const said = new Map<number, { diagnostics: string[]; rejections: RejectedValue[] }>();

  const runWorker = async (): Promise<void> => {
    const worker = new Worker(WORKER_SCRIPT);
    workers.add(worker);
    try {
      // Jobs are taken in order and none after a failure: everything before it still runs, as it would have in sequence.
      for (let i = next; i < jobs.length && i < firstFailure; i = next) {
        next += 1;
        const reply = await runJob(worker, i, (update) => progress(i, update));
        said.set(i, reply);
        if (reply.type === 'done') {
          outcomes[i] = { ok: true, score: { kind: 'worker', summary: reply.summary, snapshots: reply.snapshots } };
        } else {
          outcomes[i] = { ok: false, error: fromPlainError(reply.error) };
          firstFailure = Math.min(firstFailure, i);
          stopJobsAfter(i);
        }
        release(said);
      }
    } finally {
      workers.delete(worker);
      await worker.terminate();
    }
  };
  const running = new Map<Worker, number>();
  const stopJobsAfter = (index: number): void => {
    for (const [worker, job] of running) if (job > index) void worker.terminate();
  };
  const runJob = (worker: Worker, index: number, onProgress: (update: InputProgress) => void): Promise<Exclude<WorkerMessage, { type: 'progress' }>> =>
    new Promise((resolve, reject) => {
      running.set(worker, index);
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'progress') return onProgress(message.progress);
        settle();
        resolve(message);
      };
      const onError = (error: Error): void => {
        settle();
        reject(error);
      };
      const onExit = (): void => {
        settle();
        reject(new WorkerStopped());
      };
      const settle = (): void => {
        running.delete(worker);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(jobs[index]);
    });

  const settled = await Promise.allSettled(Array.from({ length: Math.min(threads, jobs.length) }, runWorker));
  const failure = outcomes.find((outcome): outcome is { ok: false; error: Error } => outcome?.ok === false);
  if (failure !== undefined) throw failure.error;
  // A worker that crashed (not a failure of xla's own making, which comes as a message) is a bug.
  for (const result of settled) if (result.status === 'rejected' && !(result.reason instanceof WorkerStopped)) throw result.reason;
  return outcomes.map((outcome, i) => {
    if (outcome?.ok !== true) throw new Error(`input ${i + 1} was not scored`);
    return outcome.score;
  });
}

/** A worker terminated because an earlier input failed: its job's result is not needed. */
class WorkerStopped extends Error {
  constructor() {
    super('worker stopped');
  }
}

/** One progress line for all inputs: bytes and rows summed over them. */
function combinedProgress(count: number, onProgress: ((progress: InputProgress) => void) | undefined): (index: number, update: InputProgress) => void {
  const latest: (InputProgress | undefined)[] = Array.from({ length: count });
  return (index, update) => {
    latest[index] = update;
    if (onProgress === undefined) return;
    const known = latest.filter((entry): entry is InputProgress => entry !== undefined);
    const hasTotals = known.length === count && known.every((entry) => entry.totalBytes !== undefined);
    onProgress({
      file: `${count} files`,
      bytesRead: known.reduce((sum, entry) => sum + entry.bytesRead, 0),
      totalBytes: hasTotals ? known.reduce((sum, entry) => sum + (entry.totalBytes ?? 0), 0) : undefined,
      rows: known.reduce((sum, entry) => sum + entry.rows, 0),
    });
  };
}
