import { defineKind, ms } from './define.js';

/**
 * An HTTP status that fails a request: 4xx client and 5xx server errors. 1xx–3xx succeed, a
 * redirect included, as JMeter judges a sample by default (`Response Assertion` aside).
 */
const FIRST_FAILURE_STATUS = 400;

function isFailureStatus(status: number): boolean {
  return status >= FIRST_FAILURE_STATUS;
}

/**
 * Outcome words of usability-testing tools besides yes/no (Maze: direct/indirect success vs give
 * up/bounce; UserZoom, Loop11, UXtweak: success/completed vs fail/abandoned). A skipped task was
 * not completed: a failure, as MeasuringU counts it.
 */
const TASK_OUTCOME_WORDS = {
  yes: [
    'success',
    'successful',
    'succeeded',
    'direct success',
    'indirect success',
    'completed',
    'complete',
    'pass',
    'passed',
    'успех',
    'успешно',
    'выполнено',
    'выполнена',
  ],
  no: [
    'fail',
    'failed',
    'failure',
    'abandoned',
    'gave up',
    'give up',
    'give up / bounce',
    'bounce',
    'bounced',
    'skipped',
    'not completed',
    'incomplete',
    'timed out',
    'неудача',
    'провал',
    'не выполнено',
    'не выполнена',
    'сдался',
    'пропущено',
  ],
} as const;

/** Web and app analytics: one row per session, event, request or day. */
export const ANALYTICS = defineKind({
  kind: 'analytics',
  fields: [
    {
      id: 'date',
      type: 'timestamp',
      description: 'day of an aggregated row',
      aliases: ['date', 'day', 'дата', 'день', 'event date', 'дата визита', 'дата события'],
    },
    {
      id: 'timestamp',
      type: 'timestamp',
      description: 'time of an event row',
      aliases: ['timestamp', 'time', 'event time', 'event timestamp', 'datetime', 'время', 'дата и время', 'время события'],
    },
    {
      id: 'visitors',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'users (conversion denominator)',
      aliases: [
        'visitors',
        'users',
        'total users',
        'active users',
        'unique visitors',
        'пользователи',
        'посетители',
        'nb uniq visitors',
        'активные пользователи',
        'всего пользователей',
        'уникальные посетители',
      ],
    },
    {
      id: 'sessions',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'sessions (bounce denominator)',
      aliases: ['sessions', 'visits', 'сеансы', 'визиты', 'сессии', 'nb visits'],
    },
    {
      id: 'conversions',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'conversions (key events)',
      aliases: [
        'conversions',
        'key events',
        'goal completions',
        'transactions',
        'purchases',
        'конверсии',
        'nb conversions',
        'ключевые события',
        'достижения целей',
        'достижения любой цели',
      ],
    },
    {
      id: 'converted',
      type: 'bool',
      description: 'whether this session or visitor converted',
      aliases: ['converted', 'conversion', 'is converted', 'purchased', 'revenue', 'конверсия', 'сконвертирован'],
    },
    {
      id: 'bounced',
      type: 'bool',
      description: 'whether this session bounced',
      aliases: ['bounced', 'is bounce', 'bounce', 'отказ', 'is bounced', 'отказной визит'],
    },
    {
      id: 'bounces',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'bounced sessions',
      aliases: ['bounces', 'bounce count', 'количество отказов', 'число отказов'],
    },
    {
      id: 'bounce_rate',
      type: 'rate',
      description: 'bounce rate, a fraction 0–1 or a percentage with %',
      aliases: ['bounce_rate', 'bounce rates', 'показатель отказов', 'отказы', 'доля отказов', 'процент отказов'],
    },
    {
      id: 'pageviews',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'page or screen views',
      aliases: [
        'pageviews',
        'page views',
        'views',
        'screen page views',
        'просмотры',
        'просмотры страниц',
        'nb pageviews',
        'количество просмотров',
      ],
    },
    {
      id: 'engagement_time',
      type: 'duration',
      description: 'total engagement time of the row',
      aliases: [
        'engagement_time',
        'engagement time',
        'user engagement',
        'time on site',
        'время взаимодействия',
        'user engagement duration',
        'время вовлечения',
      ],
    },
    {
      id: 'downloads',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'downloads',
      aliases: ['downloads', 'загрузки', 'скачивания', 'number of downloads', 'количество загрузок'],
    },
    {
      id: 'requests',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'requests (error-rate denominator)',
      aliases: ['requests', 'request count', 'hits', 'запросы', 'total requests', 'количество запросов', 'число запросов'],
    },
    {
      id: 'errors',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'failed requests (5xx, timeouts)',
      aliases: ['errors', 'error count', 'failed requests', 'failures', 'ошибки', 'количество ошибок', 'число ошибок'],
    },
    {
      id: 'success',
      type: 'bool',
      description: 'whether this request succeeded (one row a request): true/false, yes/no, 1/0',
      aliases: ['success', 'succeeded', 'is success', 'successful', 'успех', 'успешно'],
    },
    {
      id: 'status_code',
      type: 'int',
      range: [100, 599],
      description: 'HTTP status of this request (one row a request); 400 and above is a failure',
      aliases: ['status_code', 'status code', 'http status', 'http status code', 'sc status', 'код ответа', 'http код', 'код состояния'],
    },
    {
      id: 'response_time',
      type: 'duration',
      description: 'response time (plain numbers are seconds unless the column says ms)',
      aliases: [
        'response_time',
        'response time',
        ms('response time ms'),
        ms('response_time_ms'),
        'latency',
        ms('latency ms'),
        ms('elapsed'),
        ms('elapsed ms'),
        'duration',
        'время ответа',
        'время отклика',
        ms('время ответа мс'),
        ms('время отклика мс'),
        'задержка',
      ],
    },
    {
      id: 'lcp',
      type: 'number',
      range: [0, Number.MAX_VALUE],
      description: 'Largest Contentful Paint, ms',
      aliases: ['lcp', 'lcp ms', 'largest contentful paint', 'отрисовка самого крупного контента'],
    },
    {
      id: 'inp',
      type: 'number',
      range: [0, Number.MAX_VALUE],
      description: 'Interaction to Next Paint, ms',
      aliases: ['inp', 'inp ms', 'interaction to next paint', 'взаимодействие до следующей отрисовки'],
    },
    {
      id: 'cls',
      type: 'number',
      range: [0, Number.MAX_VALUE],
      description: 'Cumulative Layout Shift',
      aliases: ['cls', 'cumulative layout shift', 'совокупное смещение макета'],
    },
    {
      id: 'user_id',
      type: 'text',
      description: 'who an event row is from (active users, stickiness, new users, adoption)',
      aliases: [
        'user_id',
        'user id',
        'userid',
        'client id',
        'visitor id',
        'пользователь',
        'user pseudo id',
        'id пользователя',
        'идентификатор пользователя',
      ],
    },
    {
      id: 'session_id',
      type: 'text',
      description: 'session id',
      aliases: ['session_id', 'session id', 'ga session id', 'сеанс', 'id сеанса', 'идентификатор сеанса', 'id визита', 'id сессии'],
    },
    // Task-based usability testing (metrics.md §4.6): one row per task attempt. Bare export names
    // (`Success`, `Errors`, `Duration`) belong to request logs here; the `tasks` preset gives them
    // to these fields when the header says it is a task-results export.
    {
      id: 'task',
      type: 'text',
      description: 'the task (mission) an attempt belongs to, for --by task',
      aliases: [
        'task',
        'task name',
        'task title',
        'mission',
        'mission name',
        'mission title',
        'задача',
        'задание',
        'название задачи',
        'миссия',
      ],
    },
    {
      id: 'task_success',
      type: 'bool',
      description: 'whether the attempt completed the task: yes/no, or success/completed/pass vs fail/failed/abandoned/gave up',
      boolWords: TASK_OUTCOME_WORDS,
      aliases: [
        'task_success',
        'task success',
        'task completed',
        'task completion',
        'task complete',
        'task outcome',
        'task result',
        'mission success',
        'mission outcome',
        'mission result',
        'completed task',
        'успех задачи',
        'задача выполнена',
        'выполнение задачи',
        'результат задачи',
        'результат выполнения задачи',
      ],
    },
    {
      id: 'task_time',
      type: 'duration',
      description: 'time on task of the attempt (plain numbers are seconds unless the column says ms)',
      aliases: [
        'task_time',
        'task time',
        'time on task',
        'task duration',
        'mission duration',
        'time to complete task',
        'task completion time',
        'время выполнения задачи',
        'время на задачу',
        'длительность задачи',
      ],
    },
    {
      // Not `clicks`: a field's id is one of its names, and a bare `Clicks` is as often an ad or
      // Search Console count. Only the tasks preset takes that name.
      id: 'task_clicks',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'clicks (taps) the attempt took',
      aliases: ['task clicks', 'clicks on task', 'clicks to complete', 'clicks per task', 'клики в задаче', 'клики на задачу'],
    },
    {
      id: 'task_errors',
      type: 'int',
      range: [0, Number.MAX_SAFE_INTEGER],
      description: 'errors (slips, mistakes, misclicks) made in the attempt',
      aliases: [
        'task_errors',
        'task errors',
        'errors on task',
        'user errors',
        'misclicks',
        'misclick count',
        'number of misclicks',
        'ошибки в задаче',
        'ошибки при выполнении',
        'число ошибок в задаче',
        'промахи',
      ],
    },
  ],
  periodFields: ['date', 'timestamp'],
  derived: {
    failed: {
      type: 'bool',
      description: 'one request that failed: success is false, or the HTTP status is 400 or above',
      from: ['success', 'status_code'],
      deriverFor: () => (row) => {
        // `success` is the tool's own verdict (JMeter's counts assertions too): it wins over the status.
        if (row.success !== undefined) return !row.success;
        return row.status_code === undefined ? undefined : isFailureStatus(row.status_code);
      },
    },
  },
  mapExample: { field: 'response_time', column: 'Latency (ms)' },
});
