/**
 * Task-based usability metrics (metrics.md §4.6): one row per task attempt of a usability test
 * (Maze, UserZoom, UXtweak, Loop11, Lookback, a moderated session's log), scored per task with
 * `--by task`. Effort measures (time, clicks) are read over SUCCESSFUL attempts only: the time a
 * participant took to give up measures something else (Sauro & Lewis: task completion time vs
 * time until failure), and a failure's clicks likewise.
 */
import type { CanonicalRow, Kind } from '../fields/types.js';
import { countingExcluded, geometricMean, mean, percentile, proportion, readField, type ReadNumber } from './accumulators.js';
import type { Accumulator, MetricDef } from './types.js';

const ANALYTICS: readonly Kind[] = ['analytics'];

const COMPLETION_SOURCES = [
  'measuringu.com/task-completion and measuringu.com/completion-rates (success per attempt; 78 % average over ~1,200 tasks)',
  'Sauro & Lewis, "Estimating completion rates from small samples using binomial confidence intervals" (adjusted Wald; Wilson is close)',
];
const TIME_SOURCES = [
  'Sauro & Lewis, Quantifying the User Experience, ch. 2 (task completion time: the time of users who completed the task)',
  'measuringu.com/average-times (task times are skewed; the geometric mean estimates the middle best below ~25 users)',
];
const CLICK_SOURCES = [
  'uxtweak.com/help, Website Testing tasks (lostness: pages visited against the optimal path, a click-count effort measure)',
  'help.maze.co, "Understanding your results" (clicks and misclicks per mission)',
];
const ERROR_SOURCES = [
  'measuringu.com/errors-ux (errors are slips and mistakes; an error rate divides errors by the opportunities for them)',
  'Sauro & Lewis, Quantifying the User Experience, ch. 2 (errors analysed as binary: the user made an error or not)',
];

/** MeasuringU's reading of completion rates (§4.6), which also frames the effort measures of the same tasks. */
const AVERAGE_COMPLETION = '78 % is the average task completion rate (MeasuringU, ~1,200 tasks)';
const EFFORT_READING = `lower is better; no published bands: compare tasks and releases, beside the success rate (${AVERAGE_COMPLETION}), since it counts successful attempts only`;

/** Why a timed attempt is left out of an effort measure: it failed, or its outcome is not known. */
type Exclusion = 'excluded_failed' | 'excluded_no_outcome';
const EXCLUSIONS: readonly Exclusion[] = ['excluded_failed', 'excluded_no_outcome'];

/** The reader's value on a successful attempt only; a failed attempt or one with no outcome gives none. */
function onSuccess(read: ReadNumber): ReadNumber {
  return (row) => (row.task_success === true ? read(row) : undefined);
}

/** The attempts with a value that are not used, by why: they failed, or say nothing of success. */
function exclusionOf(read: ReadNumber): (row: CanonicalRow) => Exclusion | undefined {
  return (row) => {
    if (read(row) === undefined || row.task_success === true) return undefined;
    return row.task_success === false ? 'excluded_failed' : 'excluded_no_outcome';
  };
}

/** `measure` of the field over successful attempts, with the attempts left out counted in the detail. */
function overSuccesses<S>(field: 'task_time' | 'task_clicks', measure: (read: ReadNumber) => Accumulator<S>) {
  const read = readField(field);
  return countingExcluded(measure(onSuccess(read)), EXCLUSIONS, exclusionOf(read));
}

const TASK_TIME = {
  domain: 'ux',
  kinds: ANALYTICS,
  unit: 's',
  better: 'lower',
  requires: [['task_time', 'task_success']],
  sources: TIME_SOURCES,
} as const;

export const TASK_METRICS: readonly MetricDef[] = [
  /**
   * Task success rate = successful attempts / attempts with an outcome × 100 (§4.6). %, higher.
   * Wilson CI (§6.6). An attempt with no outcome is missing, not a failure. Empty → null.
   */
  {
    id: 'task_success_rate',
    name: 'Task success rate',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: '%',
    better: 'higher',
    requires: [['task_success']],
    formula: 'successful attempts / attempts × 100 (one row per attempt; no outcome is missing)',
    interval: 'wilson',
    sources: COMPLETION_SOURCES,
    reading: AVERAGE_COMPLETION,
    example: { rank: 18, id: 'tasks-completed', name: 'Users complete their tasks', target: '>= 78%', minN: 20 },
    create: () => proportion((row) => row.task_success),
  },
  /**
   * Median time on task over successful attempts (linear, type 7). Seconds, lower. No CI (§6.6).
   * detail: failed and outcome-less timed attempts left out. Empty → null.
   */
  {
    ...TASK_TIME,
    id: 'task_time.median',
    name: 'Time on task, median',
    formula: 'median (linear, type 7) of time on task over successful attempts',
    interval: 'none',
    reading: EFFORT_READING,
    create: () => overSuccesses('task_time', (read) => percentile(read, 0.5)),
  },
  /** Mean time on task over successful attempts. Seconds, lower. t CI (skewed: prefer the geometric mean). Empty → null. */
  {
    ...TASK_TIME,
    id: 'task_time.mean',
    name: 'Time on task, mean',
    formula: 'mean of time on task over successful attempts',
    interval: 't',
    reading: `task times are skewed to the right: a few slow attempts pull the mean up; read task_time.geomean for the typical time. ${EFFORT_READING}`,
    create: () => overSuccesses('task_time', (read) => mean(read, 't')),
  },
  /**
   * Geometric mean time on task over successful attempts: exp(mean of ln t), CI exp(t-interval of
   * ln t) (MeasuringU: the best estimate of the middle for small samples). A time of 0 has no
   * logarithm: left out, counted in `excluded_zero`. Seconds, lower. Empty → null.
   */
  {
    ...TASK_TIME,
    id: 'task_time.geomean',
    name: 'Time on task, geometric mean',
    formula: 'exp(mean of ln(time on task)) over successful attempts; interval exp(t-interval of the logs)',
    interval: 't',
    reading: `the typical time of a skewed sample: less error and bias than the sample median below ~25 users (Sauro & Lewis). ${EFFORT_READING}`,
    create: () => overSuccesses('task_time', geometricMean),
  },
  /** Mean clicks over successful attempts. Count per attempt, lower. t CI. detail: attempts left out. Empty → null. */
  {
    id: 'clicks_to_complete.mean',
    name: 'Clicks to complete, mean',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: 'ratio',
    better: 'lower',
    requires: [['task_clicks', 'task_success']],
    formula: 'mean clicks over successful attempts',
    interval: 't',
    sources: CLICK_SOURCES,
    reading: EFFORT_READING,
    create: () => overSuccesses('task_clicks', (read) => mean(read, 't')),
  },
  /**
   * Task error rate = attempts with at least one error / attempts with an error count × 100 (the
   * binary reading of errors; errors / opportunities needs an opportunities count no export
   * carries). %, lower. Wilson CI. Empty → null.
   */
  {
    id: 'task_error_rate',
    name: 'Task error rate',
    domain: 'ux',
    kinds: ANALYTICS,
    unit: '%',
    better: 'lower',
    requires: [['task_errors']],
    formula: 'attempts with at least one error / attempts with an error count × 100',
    interval: 'wilson',
    sources: ERROR_SOURCES,
    reading: `no published bands; read per task, beside the success rate (${AVERAGE_COMPLETION}): a failure is not an error by itself`,
    create: () => proportion((row) => (row.task_errors === undefined ? undefined : row.task_errors > 0)),
  },
];
