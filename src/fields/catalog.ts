import type { FieldId, FieldType, Kind, Scales } from './types.js';

/**
 * The one table of canonical fields (spec: fields.md): type, valid range, and the column names
 * that feed each field. Presets and `--map` may add names; nothing else knows column names.
 *
 * Alias syntax: names are compared after `normalizeName` (case, spaces, punctuation and a BOM are
 * ignored). A `*` matches anything, so questionnaire wordings can be matched by their stem:
 * `how likely are you to recommend*`. Earlier aliases are preferred over later ones, exact names
 * over wildcard ones, and among wildcards the more specific (longer) one wins.
 */
export interface FieldDef {
  id: FieldId;
  kinds: readonly Kind[];
  type: FieldType;
  /** Inclusive valid range for numbers; a scale name takes the range from the run's scales. */
  range?: readonly [number, number] | keyof Scales;
  /** Whether a number must be whole (NPS answers). */
  integer?: boolean;
  /** For durations: the unit of a plain number (`250` in a `latency_ms` column is milliseconds). */
  plainUnit?: 's' | 'ms' | 'min' | 'h';
  aliases: readonly Alias[];
  description: string;
}

/** A column name pattern; a plain string, or one whose plain numbers carry a unit. */
export type Alias = string | { name: string; plainUnit: 's' | 'ms' | 'min' | 'h' };

const ms = (name: string): Alias => ({ name, plainUnit: 'ms' });
const minutes = (name: string): Alias => ({ name, plainUnit: 'min' });

const SURVEY: readonly Kind[] = ['survey'];
const TICKETS: readonly Kind[] = ['tickets'];
const ANALYTICS: readonly Kind[] = ['analytics'];

export const FIELDS: readonly FieldDef[] = [
  // ── survey ──────────────────────────────────────────────────────────────
  {
    id: 'submitted_at', kinds: SURVEY, type: 'timestamp', description: 'when the response was submitted',
    aliases: ['submitted_at', 'submitted', 'submit date', 'submitted date', 'date submitted', 'submission date', 'response date',
      'responded at', 'completed at', 'completed', 'end date', 'recorded date', 'review answer timestamp', 'review creation date',
      'timestamp', 'date', 'created at', 'отметка времени', 'дата ответа', 'дата', 'submit date (utc)', 'completion time',
      'review submit date and time', 'дата заполнения', 'дата отправки', 'время отправки', 'дата и время ответа'],
  },
  {
    id: 'respondent_id', kinds: SURVEY, type: 'text', description: 'who answered (for duplicate warnings)',
    aliases: ['respondent_id', 'respondent', 'response id', 'responseid', 'user id', 'email', 'email address', 'респондент',
      'recipient email', 'id респондента', 'электронная почта', 'адрес электронной почты'],
  },
  {
    id: 'ticket_id', kinds: SURVEY, type: 'text', description: 'the ticket the response is about',
    aliases: ['ticket_id', 'ticket', 'ticket number', 'case id', 'incident', 'номер заявки', 'номер обращения', 'номер тикета',
      'номер инцидента'],
  },
  {
    id: 'nps', kinds: SURVEY, type: 'int', range: [0, 10], integer: true, description: 'likelihood to recommend, 0–10',
    aliases: ['nps', 'nps score', 'net promoter score', 'likelihood to recommend', 'ltr', 'recommend', 'how likely are you to recommend*',
      'how likely is it that you would recommend*', 'would you recommend*', 'оценка nps', 'насколько вероятно что вы порекомендуете*',
      'вероятность рекомендации', 'готовность рекомендовать', 'индекс nps', 'с какой вероятностью вы порекомендуете*',
      'какова вероятность что вы порекомендуете*', 'порекомендуете ли вы*'],
  },
  {
    id: 'csat', kinds: SURVEY, type: 'number', range: 'csat', description: 'satisfaction answer on the CSAT scale (default 1–5)',
    aliases: ['csat', 'csat score', 'satisfaction', 'satisfaction score', 'customer satisfaction', 'review score', 'how satisfied*',
      'overall satisfaction', 'удовлетворенность', 'оценка удовлетворенности', 'satisfaction rating', 'customer satisfaction score',
      'удовлетворённость', 'оценка удовлетворённости', 'индекс удовлетворенности', 'насколько вы удовлетворены*', 'насколько вы довольны*'],
  },
  {
    id: 'ces', kinds: SURVEY, type: 'number', range: 'ces', description: 'customer effort agreement (default 1–7)',
    aliases: ['ces', 'ces score', 'customer effort', 'customer effort score', 'effort', 'effort score', '*made it easy*',
      'легкость решения', 'how easy was it*', 'лёгкость решения', 'индекс усилий клиента', 'усилия клиента', 'оценка усилий',
      'насколько легко*'],
  },
  {
    id: 'enps', kinds: SURVEY, type: 'int', range: [0, 10], integer: true, description: 'recommend as a place to work, 0–10',
    aliases: ['enps', 'employee nps', 'employee net promoter score', '*recommend*as a place to work*', 'enps оценка',
      'how likely are you to recommend*place to work*', 'how likely is it that you would recommend*place to work*',
      'индекс лояльности сотрудников', '*порекомендуете*как место работы*', 'насколько вероятно что вы порекомендуете*как место работы*',
      'с какой вероятностью вы порекомендуете*как место работы*'],
  },
  {
    id: 'rating', kinds: SURVEY, type: 'number', range: 'rating', description: 'star rating (default 1–5)',
    aliases: ['rating', 'star rating', 'stars', 'app rating', 'review rating', 'user rating', 'score', 'рейтинг', 'оценка', 'звезды',
      'звёзды', 'количество звезд', 'оценка приложения'],
  },
  {
    id: 'sentiment', kinds: SURVEY, type: 'sentiment', description: 'positive/neutral/negative, or −1…1',
    aliases: ['sentiment', 'sentiment label', 'sentiment score', 'sentiment polarity', 'тональность', 'сентимент', 'эмоциональная окраска'],
  },
  {
    id: 'happiness', kinds: SURVEY, type: 'int', range: [0, 10], integer: true, description: 'happiness with the IT experience, 0–10',
    aliases: ['happiness', 'happiness score', 'how happy*', 'удовлетворенность ит', 'индекс счастья', 'уровень счастья'],
  },
  {
    id: 'lost_time', kinds: ['survey', 'tickets'], type: 'duration', description: 'work time lost, a duration',
    aliases: ['lost_time', 'lost time', 'time lost', minutes('lost time minutes'), minutes('lost minutes'), 'how much time did you lose*',
      'потерянное время', 'потеря времени', minutes('потерянное время мин'), minutes('потерянное время минут')],
  },
  {
    id: 'comment', kinds: SURVEY, type: 'text', description: 'free text, counted but never scored',
    aliases: ['comment', 'comments', 'feedback', 'verbatim', 'review text', 'review', 'review comment message', 'комментарий', 'отзыв',
      'additional comments', 'комментарии', 'текст отзыва', 'отзыв клиента'],
  },
  // ── tickets ─────────────────────────────────────────────────────────────
  {
    id: 'id', kinds: TICKETS, type: 'text', description: 'ticket id (duplicates are reported)',
    aliases: ['id', 'ticket id', 'ticket', 'number', 'ticket number', 'key', 'issue key', 'case id', 'case number', 'case enquiry id',
      'incident id', 'incident number', 'sr number', 'request id', 'номер', 'номер заявки', 'id заявки', 'issue id', 'conversation id',
      'номер обращения', 'номер инцидента', 'номер тикета', 'ключ задачи', 'ключ'],
  },
  {
    id: 'created_at', kinds: TICKETS, type: 'timestamp', description: 'when the ticket was created (required)',
    aliases: ['created_at', 'created', 'created date', 'creation date', 'date created', 'opened_at', 'opened', 'open date', 'date opened',
      'open dt', 'ticket created timestamp', 'sys created on', 'reported', 'submitted at', 'дата создания', 'создано', 'дата открытия',
      'created time', 'created on', 'conversation started at', 'conversation created at', 'дата регистрации', 'дата обращения',
      'дата и время создания', 'время создания', 'создан', 'создана', 'открыто'],
  },
  {
    id: 'first_response_at', kinds: TICKETS, type: 'timestamp', description: 'first public reply by an agent',
    aliases: ['first_response_at', 'first response', 'first response date', 'first responded at', 'first reply at', 'first replied at',
      'responded at', 'дата первого ответа', 'conversation first replied at', 'conversation first response at',
      'дата и время первого ответа', 'дата первой реакции'],
  },
  {
    id: 'resolved_at', kinds: TICKETS, type: 'timestamp', description: 'when the ticket was resolved',
    aliases: ['resolved_at', 'resolved', 'resolved date', 'resolution date', 'date resolved', 'solved at', 'solved',
      'ticket solved timestamp', 'closed_at', 'closed', 'closed date', 'date closed', 'close date', 'closed dt', 'дата решения', 'решено',
      'дата закрытия', 'закрыто', 'resolved time', 'resolved on', 'closed time', 'closed on', 'conversation closed at', 'дата разрешения',
      'разрешено', 'дата и время решения', 'дата и время закрытия'],
  },
  {
    id: 'priority', kinds: TICKETS, type: 'text', description: 'priority (for SLA targets and breakdowns)',
    aliases: ['priority', 'ticket priority', 'severity', 'приоритет', 'важность', 'priority level', 'уровень приоритета',
      'приоритет заявки'],
  },
  {
    id: 'status', kinds: TICKETS, type: 'text', description: 'open/closed state when resolved_at is absent',
    aliases: ['status', 'ticket status', 'state', 'incident state', 'case status', 'статус', 'состояние', 'ticket state',
      'conversation state', 'статус заявки', 'статус обращения'],
  },
  {
    id: 'reopen_count', kinds: TICKETS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], integer: true, description: 'times reopened',
    aliases: ['reopen_count', 'reopens', 'reopen count', 'reopened count', 'times reopened', 'number of reopens',
      'количество переоткрытий', 'переоткрытия', 'число переоткрытий', 'количество повторных открытий'],
  },
  {
    id: 'reopened', kinds: TICKETS, type: 'bool', description: 'whether the ticket was reopened',
    aliases: ['reopened', 'was reopened', 'is reopened', 'переоткрыт', 'переоткрыта', 'переоткрыто', 'повторно открыт', 'повторно открыта'],
  },
  {
    id: 'contacts', kinds: TICKETS, type: 'int', range: [1, Number.MAX_SAFE_INTEGER], integer: true, description: 'customer contacts it took',
    aliases: ['contacts', 'contact count', 'number of contacts', 'interactions', 'количество обращений', 'число обращений',
      'количество контактов'],
  },
  {
    id: 'fcr', kinds: TICKETS, type: 'bool', description: 'resolved on first contact',
    aliases: ['fcr', 'first contact resolution', 'resolved on first contact', 'one touch', 'решено с первого обращения',
      'first call resolution', 'решено при первом обращении', 'решено с первого контакта'],
  },
  {
    id: 'made_sla', kinds: TICKETS, type: 'bool', description: 'whether the SLA was met (met/breached, ontime/overdue…)',
    aliases: ['made_sla', 'made sla', 'sla met', 'sla achieved', 'within sla', 'sla status', 'ontime status', 'on time status', 'on time',
      'sla выполнен', 'в срок', 'sla соблюден', 'sla соблюдён', 'соблюдение sla', 'выполнено в срок'],
  },
  {
    id: 'sla_due_at', kinds: TICKETS, type: 'timestamp', description: 'when the SLA falls due',
    aliases: ['sla_due_at', 'sla due', 'sla due date', 'due date', 'due at', 'due', 'target date', 'target dt', 'resolution due',
      'крайний срок', 'срок', 'due by time', 'due by', 'resolve by', 'срок решения', 'плановая дата решения', 'срок sla'],
  },
  {
    id: 'reassignment_count', kinds: TICKETS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], integer: true, description: 'times reassigned',
    aliases: ['reassignment_count', 'reassignments', 'reassignment count', 'количество переназначений', 'times reassigned',
      'число переназначений', 'переназначения'],
  },
  {
    id: 'satisfaction', kinds: TICKETS, type: 'number', range: 'csat', description: 'satisfaction rating on the CSAT scale',
    aliases: ['satisfaction', 'satisfaction score', 'satisfaction rating', 'csat', 'csat score', 'customer satisfaction', 'оценка',
      'удовлетворенность', 'conversation rating', 'customer rating', 'оценка клиента', 'оценка качества', 'удовлетворённость',
      'оценка удовлетворенности', 'оценка удовлетворённости'],
  },
  // ── analytics ───────────────────────────────────────────────────────────
  {
    id: 'date', kinds: ANALYTICS, type: 'timestamp', description: 'day of an aggregated row',
    aliases: ['date', 'day', 'дата', 'день', 'event date', 'дата визита', 'дата события'],
  },
  {
    id: 'timestamp', kinds: ANALYTICS, type: 'timestamp', description: 'time of an event row',
    aliases: ['timestamp', 'time', 'event time', 'event timestamp', 'datetime', 'время', 'дата и время', 'время события'],
  },
  {
    id: 'visitors', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'users (conversion denominator)',
    aliases: ['visitors', 'users', 'total users', 'active users', 'unique visitors', 'пользователи', 'посетители', 'nb uniq visitors',
      'активные пользователи', 'всего пользователей', 'уникальные посетители'],
  },
  {
    id: 'sessions', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'sessions (bounce denominator)',
    aliases: ['sessions', 'visits', 'сеансы', 'визиты', 'сессии', 'nb visits'],
  },
  {
    id: 'conversions', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'conversions (key events)',
    aliases: ['conversions', 'key events', 'goal completions', 'transactions', 'purchases', 'конверсии', 'nb conversions',
      'ключевые события', 'достижения целей', 'достижения любой цели'],
  },
  {
    id: 'converted', kinds: ANALYTICS, type: 'bool', description: 'whether this session or visitor converted',
    aliases: ['converted', 'conversion', 'is converted', 'purchased', 'revenue', 'конверсия', 'сконвертирован'],
  },
  {
    id: 'bounced', kinds: ANALYTICS, type: 'bool', description: 'whether this session bounced',
    aliases: ['bounced', 'is bounce', 'bounce', 'отказ', 'is bounced', 'отказной визит'],
  },
  {
    id: 'bounces', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'bounced sessions',
    aliases: ['bounces', 'bounce count', 'количество отказов', 'число отказов'],
  },
  {
    id: 'bounce_rate', kinds: ANALYTICS, type: 'rate', description: 'bounce rate, a fraction 0–1 or a percentage with %',
    aliases: ['bounce_rate', 'bounce rates', 'показатель отказов', 'отказы', 'доля отказов', 'процент отказов'],
  },
  {
    id: 'pageviews', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'page or screen views',
    aliases: ['pageviews', 'page views', 'views', 'screen page views', 'просмотры', 'просмотры страниц', 'nb pageviews',
      'количество просмотров'],
  },
  {
    id: 'engagement_time', kinds: ANALYTICS, type: 'duration', description: 'total engagement time of the row',
    aliases: ['engagement_time', 'engagement time', 'user engagement', 'time on site', 'время взаимодействия', 'user engagement duration',
      'время вовлечения'],
  },
  {
    id: 'downloads', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'downloads',
    aliases: ['downloads', 'загрузки', 'скачивания', 'number of downloads', 'количество загрузок'],
  },
  {
    id: 'requests', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'requests (error-rate denominator)',
    aliases: ['requests', 'request count', 'hits', 'запросы', 'total requests', 'количество запросов', 'число запросов'],
  },
  {
    id: 'errors', kinds: ANALYTICS, type: 'int', range: [0, Number.MAX_SAFE_INTEGER], description: 'failed requests (5xx, timeouts)',
    aliases: ['errors', 'error count', 'failed requests', 'failures', 'ошибки', 'количество ошибок', 'число ошибок'],
  },
  {
    id: 'response_time', kinds: ANALYTICS, type: 'duration', description: 'response time (plain numbers are seconds unless the column says ms)',
    aliases: ['response_time', 'response time', ms('response time ms'), ms('response_time_ms'), 'latency', ms('latency ms'), ms('elapsed'),
      ms('elapsed ms'), 'duration', 'время ответа', 'время отклика', ms('время ответа мс'), ms('время отклика мс'), 'задержка'],
  },
  {
    id: 'lcp', kinds: ANALYTICS, type: 'number', range: [0, Number.MAX_VALUE], description: 'Largest Contentful Paint, ms',
    aliases: ['lcp', 'lcp ms', 'largest contentful paint', 'отрисовка самого крупного контента'],
  },
  {
    id: 'inp', kinds: ANALYTICS, type: 'number', range: [0, Number.MAX_VALUE], description: 'Interaction to Next Paint, ms',
    aliases: ['inp', 'inp ms', 'interaction to next paint', 'взаимодействие до следующей отрисовки'],
  },
  {
    id: 'cls', kinds: ANALYTICS, type: 'number', range: [0, Number.MAX_VALUE], description: 'Cumulative Layout Shift',
    aliases: ['cls', 'cumulative layout shift', 'совокупное смещение макета'],
  },
  {
    id: 'user_id', kinds: ANALYTICS, type: 'text', description: 'user id (active users, stickiness)',
    aliases: ['user_id', 'user id', 'userid', 'client id', 'visitor id', 'пользователь', 'user pseudo id', 'id пользователя',
      'идентификатор пользователя'],
  },
  {
    id: 'session_id', kinds: ANALYTICS, type: 'text', description: 'session id',
    aliases: ['session_id', 'session id', 'ga session id', 'сеанс', 'id сеанса', 'идентификатор сеанса', 'id визита', 'id сессии'],
  },
];

/** The date that places a row in a period and in `--from`/`--to`, per kind, in order of preference. */
export type DateFieldId = 'submitted_at' | 'created_at' | 'date' | 'timestamp';

export const PERIOD_FIELDS: Record<Kind, readonly DateFieldId[]> = {
  survey: ['submitted_at'],
  tickets: ['created_at'],
  analytics: ['date', 'timestamp'],
};

const FIELD_BY_ID = new Map(FIELDS.map((def) => [def.id, def]));

export function findField(id: string): FieldDef | undefined {
  return FIELD_BY_ID.get(id as FieldId);
}

export function fieldsForKind(kind: Kind): FieldDef[] {
  return FIELDS.filter((def) => def.kinds.includes(kind));
}

/** Case, spacing, punctuation and a BOM never decide a match: `Created At`, `created_at`, `CREATED-AT` are one name. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function aliasName(alias: Alias): string {
  return typeof alias === 'string' ? alias : alias.name;
}

export function aliasPlainUnit(alias: Alias): 's' | 'ms' | 'min' | 'h' | undefined {
  return typeof alias === 'string' ? undefined : alias.plainUnit;
}
