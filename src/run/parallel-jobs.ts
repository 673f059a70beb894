/**
 * Scores the inputs of a run, using the cores there are:
 * - several files: one thread per core (the main one and workers), each scoring whole files;
 * - one big CSV file: cut into one part per core (io/split-file.ts), a thread per part.
 * Each thread fills scorecards of its own, merged afterwards in input and part order
 * (score-inputs.ts), so the numbers do not depend on which thread finished first. What the workers
 * say (diagnostics, rejections, notes) is passed on in that order too, through the same reporter
 * the single-threaded run uses; a failure is the one reading in sequence would have met first.
 * Rejections are never held: a part keeps its first few and a count, and, when the run wants
 * every one (`onRejection`, for --rejects), spools them to a temporary file read back in order.
 * One file too small to cut, standard input, or `--jobs 1` keep everything on the main thread.
 */
import { existsSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { fromPlainError, toPlainError } from '../errors.js';
import type { PlainError } from '../errors.js';
import { SHOWN_REJECTIONS, createInputReporter } from './input-reporter.js';
import type { InputReporter } from './input-reporter.js';
import type { ByteRange } from '../io/byte-source.js';
import { workerThreads } from '../io/on-first-use.js';
import { planFileParts } from '../io/split-file.js';
import { makeSpoolFolder, openSpool, readSpool, removeSpoolFolder } from '../io/spool.js';
import type { SpoolWriter } from '../io/spool.js';
import type { InputHooks, InputJob, InputProgress, RejectedValue, ScoredInput, ScoreOptions } from './run-types.js';
import type { PreparedSource, SourceInput } from './prepare-source.js';
import { SAMPLE_RECORDS } from './prepare-source.js';
import type { InputSummary } from '../scorecard/model.js';
import { freezeState } from '../scorecard/snapshot.js';
import { findMetric } from '../metrics/registry.js';
import { PARTIAL_SCHEMA, settingsOf } from './partial.js';
import type { PartialDocument } from './partial.js';

/** One input scored, on this thread or in one or more workers (then as partials, one per part, in part order). */
export type JobScore =
  | { kind: 'here'; summary: InputSummary; scored: ScoredInput }
  | { kind: 'worker'; summary: InputSummary; partials: PartialDocument[]; newestStamp: number };

/**
 * What a unit said while it was read, small whatever the number of rejections: its diagnostics,
 * each with how many rejections came before it; its first rejections (enough for stderr and
 * --strict); the count of all. With a spool, every rejection is in the spool.
 */
export interface UnitLog {
  diagnostics: { message: string; after: number }[];
  first: RejectedValue[];
  rejections: number;
}

/** What a thread is given to score: a unit's job, and the file to spool its rejections to when the run wants every one. */
export interface UnitTask {
  job: InputJob;
  spool: string | undefined;
}

/** What a worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; progress: InputProgress }
  | {
      type: 'done';
      /** The unit's scorecards, input summary, quality and newest stamp: the xla-partial/1 document `xla score --partial` writes, in memory. */
      partial: PartialDocument;
      log: UnitLog;
      notes: string[];
      endedInsideQuotes: boolean;
    }
  | { type: 'failed'; error: PlainError; log: UnitLog };

type Reply = Exclude<WorkerMessage, { type: 'progress' }>;

/** The compiled worker next to this module; absent when running from the TypeScript sources (tests). */
const WORKER_SCRIPT = new URL('./score-worker.js', import.meta.url);

/** A part smaller than this is not worth a thread of its own. */
export const MIN_PART_BYTES = 8 * 1024 * 1024;

type ScoreHere = (job: InputJob, prepared: PreparedSource | undefined, hooks: InputHooks) => Promise<ScoredInput>;

/** A worker's share of the run: a whole input, or one part of it. */
interface Unit {
  input: number;
  job: InputJob;
  /** Records of the sample a later part re-reads first (its record numbers count them). */
  sampleRecords: number;
}

/**
 * Worker threads started before the inputs are sniffed, so that their start-up (a V8 isolate and
 * xla's modules) overlaps the main thread's own instead of delaying the parts they score, which
 * the main thread would otherwise wait for (bench/RESULTS.md, "Early workers"). Workers the run
 * turns out not to need are terminated unused (`close`).
 */
export class WorkerPool {
  readonly #idle: Worker[] = [];

  constructor(count: number) {
    for (let i = 0; i < count; i += 1) this.#idle.push(this.#start());
  }

  /** A started worker, or a new one when none is left. */
  take(): Worker {
    return this.#idle.shift() ?? startWorker();
  }

  async close(): Promise<void> {
    await Promise.all(this.#idle.splice(0).map((worker) => worker.terminate()));
  }

  #start(): Worker {
    const worker = startWorker();
    // One that fails or exits while idle is never handed out (its listeners would wait forever).
    const drop = (): void => {
      const at = this.#idle.indexOf(worker);
      if (at !== -1) this.#idle.splice(at, 1);
    };
    worker.on('error', drop);
    worker.once('exit', drop);
    return worker;
  }
}

function startWorker(): Worker {
  return new (workerThreads().Worker)(WORKER_SCRIPT);
}

/** Cores to use: none but this thread when the workers' script is absent (running from the TypeScript sources). */
function usableCores(options: Pick<ScoreOptions, 'jobs'>): number {
  return existsSync(fileURLToPath(WORKER_SCRIPT)) ? (options.jobs ?? availableParallelism()) : 1;
}

/**
 * The workers a run over these inputs will likely use, started now: one per extra file up to the
 * cores, or one per extra part of a single file big enough to cut (a file that turns out not to
 * be cuttable — JSON, an event log — leaves them unused).
 */
export function startWorkers(sources: readonly SourceInput[], options: Pick<ScoreOptions, 'jobs'>): WorkerPool {
  const cores = usableCores(options);
  const paths = sources.map((source) => source.path);
  const threads = threadCount(paths, cores);
  if (threads > 1) return new WorkerPool(threads - 1);
  const [only] = paths;
  const size = paths.length === 1 && only !== '-' && only !== undefined && cores > 1 ? statIfAny(only)?.size : undefined;
  return new WorkerPool(size === undefined ? 0 : partCount(size, cores) - 1);
}

export async function scoreJobs(
  jobs: readonly InputJob[],
  prepared: readonly PreparedSource[],
  options: ScoreOptions,
  scoreHere: ScoreHere,
  pool: WorkerPool = new WorkerPool(0),
): Promise<JobScore[]> {
  const cores = usableCores(options);
  const units = await planUnits(jobs, prepared, cores);
  if (units === undefined) return scoreHereInOrder(jobs, prepared, options, scoreHere);
  options.onDebug?.(`xla: debug: ${describeUnits(units, jobs)} on ${availableThreads(options, units.length)} threads`);
  // The workers open their files again: the main thread's read-ahead is let go.
  for (const source of prepared) await source.close();
  const scores = await scoreInWorkers(units, jobs, prepared, options, scoreHere, pool);
  if (scores !== undefined) return scores;
  // A cut fell inside a quoted field after all: read the file whole, as if it had never been cut.
  options.onDebug?.(`xla: debug: a cut fell inside a quoted field; reading ${jobs[0]?.input.path ?? ''} whole on one thread`);
  return scoreHereInOrder(jobs, [], options, scoreHere);
}

/** Scores the inputs one after the other on this thread; an input without a prepared source is prepared again. */
export async function scoreHereInOrder(
  jobs: readonly InputJob[],
  prepared: readonly (PreparedSource | undefined)[],
  options: ScoreOptions,
  scoreHere: ScoreHere,
): Promise<JobScore[]> {
  const scores: JobScore[] = [];
  for (const [i, job] of jobs.entries()) {
    const source = prepared[i];
    let reporter: ReturnType<typeof createInputReporter> | undefined;
    const scored = await scoreHere(job, source, {
      onDiagnostic: options.onDiagnostic,
      onRejection: (rejection) => reporter?.rejection(rejection),
      onProgress: options.onProgress,
      onPrepared: (ready) => {
        reporter = createInputReporter(ready.opened, ready.mapping.bindings, options);
      },
    });
    reporter?.finish(scored.notes);
    scores.push({ kind: 'here', summary: scored.summary, scored });
  }
  return scores;
}

/**
 * Threads worth starting for several files: one per file up to the cores; one for a single file,
 * or when an input can be read only once (stdin, a pipe): a worker opens its file again, and the
 * main thread has already read the start of each to sniff it.
 */
export function threadCount(paths: readonly string[], cores: number, isReadOnce: (path: string) => boolean = isReadOnlyOnce): number {
  if (paths.length < 2 || paths.some(isReadOnce)) return 1;
  return Math.max(1, Math.min(paths.length, cores));
}

/** Standard input, or a path that is not a regular file (a pipe, a device). */
function isReadOnlyOnce(path: string): boolean {
  return path === '-' || statIfAny(path)?.isFile() !== true;
}

/**
 * The path's stats, or undefined for a path that cannot be looked at (missing, not a folder on
 * the way, a loop, no permission, too long): its reader then says why, with exit 2.
 */
function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Parts worth cutting a file of this size into: one per core, none under MIN_PART_BYTES. */
export function partCount(size: number, cores: number): number {
  return Math.max(1, Math.min(cores, Math.floor(size / MIN_PART_BYTES)));
}

/** The workers' shares, or undefined when the run stays on this thread. */
async function planUnits(jobs: readonly InputJob[], prepared: readonly PreparedSource[], cores: number): Promise<Unit[] | undefined> {
  if (
    threadCount(
      jobs.map((job) => job.input.path),
      cores,
    ) > 1
  )
    return jobs.map((job, input) => ({ input, job, sampleRecords: 0 }));
  const [job, source] = [jobs[0], prepared[0]];
  if (jobs.length !== 1 || job === undefined || source === undefined || cores < 2) return undefined;
  if (job.metricIds.some((id) => findMetric(id)?.statePerUser === true)) return undefined;
  const parts = await planParts(source, cores);
  return parts?.map((range) => ({
    input: 0,
    job: { ...job, input: { ...job.input, range } },
    sampleRecords: range.start === 0 ? 0 : SAMPLE_RECORDS,
  }));
}

/** A CSV file on disk, in a single-byte-unit encoding, read row by row (not an event log), big enough. */
async function planParts(source: PreparedSource, cores: number): Promise<ByteRange[] | undefined> {
  const { opened, lineAfterSample } = source;
  const size = opened.progress.totalBytes;
  const lineEnd = opened.observed?.recordDelimiter;
  const isCuttable =
    source.input.path !== '-' &&
    opened.format.type === 'csv' &&
    !(opened.format.encoding ?? '').startsWith('utf-16') &&
    !source.isEventLog &&
    (lineEnd === '\n' || lineEnd === '\r\n') &&
    lineAfterSample !== undefined &&
    size !== undefined;
  if (!isCuttable) return undefined;
  const parts = partCount(size, cores);
  if (parts < 2) return undefined;
  return planFileParts(source.input.path, { lineAfterSample, parts });
}

type Outcome =
  | { ok: true; reply: Extract<Reply, { type: 'done' }> }
  | { ok: false; error: Error; reply: Extract<Reply, { type: 'failed' }> | undefined };

/**
 * Runs the units on the main thread and min(cores, units) − 1 workers, each taking the next unit
 * in order. Undefined when a part before a cut ended inside a quoted field (the cut was not a
 * record boundary).
 */
async function scoreInWorkers(
  units: readonly Unit[],
  jobs: readonly InputJob[],
  prepared: readonly PreparedSource[],
  options: ScoreOptions,
  scoreHere: ScoreHere,
  pool: WorkerPool,
): Promise<JobScore[] | undefined> {
  const spoolFolder = options.onRejection === undefined ? undefined : await makeSpoolFolder();
  try {
    const tasks = units.map((unit, i): UnitTask => ({
      job: unit.job,
      spool: spoolFolder === undefined ? undefined : join(spoolFolder, `${i}.ndjson`),
    }));
    return await scoreTasks(units, tasks, jobs, prepared, options, scoreHere, pool);
  } finally {
    if (spoolFolder !== undefined) await removeSpoolFolder(spoolFolder);
  }
}

async function scoreTasks(
  units: readonly Unit[],
  tasks: readonly UnitTask[],
  jobs: readonly InputJob[],
  prepared: readonly PreparedSource[],
  options: ScoreOptions,
  scoreHere: ScoreHere,
  pool: WorkerPool,
): Promise<JobScore[] | undefined> {
  const outcomes: (Outcome | undefined)[] = Array.from({ length: units.length });
  const progress = combinedProgress(units.length, options.onProgress);
  const workers = new Map<Worker, number>();
  let next = 0;
  let firstFailure = Infinity;

  /** Takes units in order, none after a failure: everything before it still runs, as it would have in sequence. */
  const takeUnits = async (run: (index: number) => Promise<Reply>): Promise<void> => {
    for (let i = next; i < units.length && i < firstFailure; i = next) {
      next += 1;
      let reply: Reply;
      try {
        reply = await run(i);
      } catch (error) {
        if (error instanceof WorkerStopped) return;
        throw error;
      }
      if (reply.type === 'done') {
        outcomes[i] = { ok: true, reply };
      } else {
        outcomes[i] = { ok: false, error: fromPlainError(reply.error), reply };
        firstFailure = Math.min(firstFailure, i);
        // Later units cannot change the outcome: the run fails with this error (or an earlier one).
        for (const [worker, unit] of workers) if (unit > i) void worker.terminate();
      }
    }
  };
  const runHere = (index: number): Promise<Reply> =>
    scoreUnitHere(tasks[index] as UnitTask, scoreHere, (update) => progress(index, update));
  const runWorker = async (): Promise<void> => {
    const worker = pool.take();
    try {
      await takeUnits((index) => runInWorker(worker, index));
    } finally {
      await worker.terminate();
    }
  };
  const runInWorker = (worker: Worker, index: number): Promise<Reply> =>
    new Promise((resolve, reject) => {
      workers.set(worker, index);
      const settle = (): void => {
        workers.set(worker, -1);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'progress') return progress(index, message.progress);
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
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(tasks[index] as UnitTask);
    });

  // Settled, not raced: every worker is terminated before the run goes on (or fails).
  const threads = availableThreads(options, units.length);
  const settled = await Promise.allSettled([takeUnits(runHere), ...Array.from({ length: threads - 1 }, runWorker)]);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  const failed = outcomes.findIndex((outcome) => outcome?.ok === false);
  const done = outcomes.slice(0, failed === -1 ? undefined : failed);
  const isCutWrong = done.some((outcome, i) => outcome?.ok === true && outcome.reply.endedInsideQuotes && isBeforeCut(units, i));
  if (isCutWrong) return undefined;
  return reportInOrder(units, tasks, outcomes, jobs, prepared, options);
}

/**
 * Scores a unit on this thread as a worker would (score-worker.ts): what it says is logged, its
 * rejections spooled when the task has a spool, and passed on with the others' in input order;
 * its scorecards become snapshots.
 */
export async function scoreUnitHere(task: UnitTask, scoreHere: ScoreHere, onProgress: (progress: InputProgress) => void): Promise<Reply> {
  const log: UnitLog = { diagnostics: [], first: [], rejections: 0 };
  let spool: SpoolWriter<SpooledRejection> | undefined;
  try {
    spool = task.spool === undefined ? undefined : openSpool(task.spool);
    const scored = await scoreHere(task.job, undefined, {
      onDiagnostic: (message) => log.diagnostics.push({ message, after: log.rejections }),
      onRejection: (rejection) => {
        spool?.append(toSpooled(rejection));
        if (log.first.length < SHOWN_REJECTIONS) log.first.push(rejection);
        log.rejections += 1;
      },
      onProgress,
    });
    spool?.close();
    const { notes, endedInsideQuotes } = scored;
    return { type: 'done', partial: partialOfInput(task.job, scored), log, notes: [...notes], endedInsideQuotes };
  } catch (error) {
    // What came before the failure is still passed on, as a run in sequence would have.
    try {
      spool?.close();
    } catch {
      // The failure that matters is the first one.
    }
    return { type: 'failed', error: toPlainError(error), log };
  }
}

/** One input's scorecards as an xla-partial/1 document, their values handed over: `scored` is spent. */
function partialOfInput(job: InputJob, scored: ScoredInput): PartialDocument {
  return {
    schema: PARTIAL_SCHEMA,
    settings: settingsOf(job),
    inputs: [{ summary: scored.summary, quality: freezeState(scored.quality, { share: true }) }],
    newestStamp: Number.isFinite(scored.newestStamp) ? scored.newestStamp : null,
    scorecard: scored.scorecard.snapshot({ consume: true }),
    views: scored.views.map((view) => view.snapshot({ consume: true })),
  };
}

function describeUnits(units: readonly Unit[], jobs: readonly InputJob[]): string {
  if (units.length === jobs.length) return `${jobs.length} files`;
  const ranges = units.map((unit) => unit.job.input.range).map((range) => (range === undefined ? '' : `${range.start}-${range.end}`));
  return `${jobs[0]?.input.path ?? ''} in ${units.length} parts (bytes ${ranges.join(', ')})`;
}

function availableThreads(options: ScoreOptions, units: number): number {
  return Math.min(units, options.jobs ?? availableParallelism());
}

/** Whether unit `i` is a part of a file with another part after it. */
function isBeforeCut(units: readonly Unit[], i: number): boolean {
  return units[i + 1]?.input === units[i]?.input;
}

/**
 * Passes on what each input said, input by input and part by part, and gathers the scores; throws
 * the first failure (after passing on what came before it, as a sequential run would have).
 */
function reportInOrder(
  units: readonly Unit[],
  tasks: readonly UnitTask[],
  outcomes: readonly (Outcome | undefined)[],
  jobs: readonly InputJob[],
  prepared: readonly PreparedSource[],
  options: ScoreOptions,
): JobScore[] {
  const scores: JobScore[] = [];
  for (const [input] of jobs.entries()) {
    const source = prepared[input] as PreparedSource;
    const reporter = createInputReporter(source.opened, source.mapping.bindings, options);
    const parts: Extract<Reply, { type: 'done' }>[] = [];
    /** Records of the parts before: a later part numbers its records from its sample's. */
    let recordsBefore = 0;
    /** Every part of a file says the same things about its columns: each is passed on once. */
    const said = new Set<string>();
    const sayOnce = (message: string): void => {
      if (said.has(message)) return;
      said.add(message);
      options.onDiagnostic?.(message);
    };
    for (const [i, unit] of units.entries()) {
      if (unit.input !== input) continue;
      const outcome = outcomes[i];
      if (outcome?.reply !== undefined)
        passOn(outcome.reply.log, (tasks[i] as UnitTask).spool, recordsBefore - unit.sampleRecords, reporter, sayOnce);
      if (outcome === undefined) throw new Error(`part ${i + 1} of the run was not scored`);
      if (!outcome.ok) throw outcome.error;
      parts.push(outcome.reply);
      recordsBefore += summaryOf(outcome.reply.partial).rows;
    }
    reporter.finish(parts.flatMap((part) => part.notes));
    scores.push({
      kind: 'worker',
      summary: mergeSummaries(parts.map((part) => summaryOf(part.partial))),
      partials: parts.map((part) => part.partial),
      newestStamp: Math.max(...parts.map((part) => part.partial.newestStamp ?? Number.NEGATIVE_INFINITY)),
    });
  }
  return scores;
}

/** A rejection in a spool: its values without their names, half the bytes to write and read back. */
type SpooledRejection = [
  file: string,
  line: number | null,
  record: number,
  column: number | null,
  field: string | null,
  value: string,
  reason: string,
];

function toSpooled(row: RejectedValue): SpooledRejection {
  return [row.file, row.line, row.record, row.column, row.field, row.value, row.reason];
}

function fromSpooled([file, line, record, column, field, value, reason]: SpooledRejection): RejectedValue {
  return { file, line, record, column, field, value, reason };
}

function* readSpooledRejections(spool: string): Generator<RejectedValue, void, undefined> {
  for (const spooled of readSpool<SpooledRejection>(spool)) yield fromSpooled(spooled);
}

/**
 * A unit's diagnostics and rejections in the order it met them, record numbers shifted by
 * `shift`: every rejection from its spool, else the first few and a count of the rest.
 */
function passOn(log: UnitLog, spool: string | undefined, shift: number, reporter: InputReporter, say: (message: string) => void): void {
  const rows = spool === undefined ? log.first.values() : readSpooledRejections(spool);
  let passed = 0;
  const passUpTo = (count: number): void => {
    while (passed < count) {
      const next = rows.next();
      if (next.done === true) break;
      reporter.rejection({ ...next.value, record: next.value.record + shift });
      passed += 1;
    }
    // Those a part only counted (no spool): past the shown ones, they are counted here too.
    if (passed < count) reporter.notShown(count - passed);
    passed = count;
  };
  try {
    for (const { message, after } of log.diagnostics) {
      passUpTo(after);
      say(message);
    }
    passUpTo(log.rejections);
  } finally {
    rows.return?.(undefined);
  }
}

/** The summary of a unit's one input. */
function summaryOf(partial: PartialDocument): InputSummary {
  const [input] = partial.inputs;
  if (input === undefined) throw new Error('a unit scored no input');
  return input.summary;
}

/** The parts of one file as one input: counts add up, the rest is the same in every part. */
function mergeSummaries(parts: readonly InputSummary[]): InputSummary {
  const [first, ...rest] = parts;
  if (first === undefined) throw new Error('an input with no parts');
  return rest.reduce(
    (sum, part) => ({ ...sum, rows: sum.rows + part.rows, accepted: sum.accepted + part.accepted, rejected: sum.rejected + part.rejected }),
    first,
  );
}

/** A worker terminated because an earlier unit failed: its result is not needed. */
class WorkerStopped extends Error {
  constructor() {
    super('worker stopped');
  }
}

/** One progress line for all units: bytes and rows summed over them. */
function combinedProgress(
  count: number,
  onProgress: ((progress: InputProgress) => void) | undefined,
): (index: number, update: InputProgress) => void {
  const latest: (InputProgress | undefined)[] = Array.from({ length: count });
  return (index, update) => {
    latest[index] = update;
    if (onProgress === undefined) return;
    const known = latest.filter((entry): entry is InputProgress => entry !== undefined);
    const hasTotals = known.length === count && known.every((entry) => entry.totalBytes !== undefined);
    const files = new Set(known.map((entry) => entry.file));
    onProgress({
      file: files.size === 1 ? ([...files][0] ?? '') : `${count} files`,
      bytesRead: known.reduce((sum, entry) => sum + entry.bytesRead, 0),
      totalBytes: hasTotals ? known.reduce((sum, entry) => sum + (entry.totalBytes ?? 0), 0) : undefined,
      rows: known.reduce((sum, entry) => sum + entry.rows, 0),
    });
  };
}
