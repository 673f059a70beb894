import type { Preset } from './types.js';

/**
 * A usability test's task results, one row per attempt (participant × task): the layout the
 * testing tools' result views use (help.maze.co "Understanding your results": Mission, Direct /
 * Indirect success, Give up / Bounce, Duration, Misclick rate; uxtweak.com and loop11.com task
 * reports: Task, Success / Completed, Time on task, Clicks, Errors), as a per-participant CSV
 * download or a moderated study's log holds it. The metric names are documented (DOC); no real
 * CSV header could be confirmed (UNCERTAIN), so the signature is the pair every such file has:
 * the task and its outcome, or the task and its time.
 *
 * Why a preset at all: the bare names of these exports already mean something else in analytics
 * data — `Success` and `Errors` are a request log's outcome and error count, `Duration` is a
 * response time, `Clicks` an ad or search-console count. Only when the header names a task (or a Maze mission) are they the attempt's.
 * Maze's misclicks (clicks outside the prototype's hotspots) are slips, so they are errors.
 */
export const TASKS: Preset = {
  id: 'tasks',
  name: 'Usability test task results',
  kind: 'analytics',
  signature: [
    ['Task', 'Success'],
    ['Task', 'Completed'],
    ['Task', 'Outcome'],
    ['Task', 'Time on task'],
    ['Mission', 'Success'],
    ['Mission', 'Outcome'],
    ['Mission', 'Duration'],
    ['Mission', 'Misclicks'],
    ['Задача', 'Успех'],
    ['Задача', 'Выполнено'],
  ],
  aliases: {
    task: ['Task', 'Mission', 'Task name', 'Mission name', 'Задача', 'Задание'],
    task_success: ['Success', 'Completed', 'Outcome', 'Result', 'Task success', 'Успех', 'Выполнено', 'Результат'],
    task_time: ['Time on task', 'Duration', 'Time', 'Время', 'Длительность'],
    task_clicks: ['Clicks', 'Number of clicks', 'Taps', 'Клики'],
    task_errors: ['Errors', 'Misclicks', 'Ошибки'],
  },
  note:
    'One row per attempt; score each task with --by task. Time and clicks are read over successful attempts only. ' +
    'Plain numbers of time are seconds: say --map task_time=Duration:ms if your tool writes milliseconds.',
};
