-- xla sql --dialect duckdb: backlog, backlog.age.p90, channel_switch_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Team" AS VARCHAR)), '') AS "segment_1",
    trim(CAST("Requester" AS VARCHAR)) AS "n_requester",
    trim(CAST("Channel" AS VARCHAR)) AS "n_channel",
    CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Created" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_created_at",
    (trim(CAST("Created" AS VARCHAR)) IS NULL OR trim(CAST("Created" AS VARCHAR)) = '' OR lower(trim(CAST("Created" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_created_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("First Response" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(trim(CAST("First Response" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_first_response_at",
    (trim(CAST("First Response" AS VARCHAR)) IS NULL OR trim(CAST("First Response" AS VARCHAR)) = '' OR lower(trim(CAST("First Response" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_first_response_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_resolved_at",
    (trim(CAST("Resolved" AS VARCHAR)) IS NULL OR trim(CAST("Resolved" AS VARCHAR)) = '' OR lower(trim(CAST("Resolved" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_resolved_at",
    CASE WHEN NOT (trim(CAST("Status" AS VARCHAR)) IS NULL OR trim(CAST("Status" AS VARCHAR)) = '' OR lower(trim(CAST("Status" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN CASE WHEN lower(translate(trim(CAST("Status" AS VARCHAR)), 'АВЕЗКЛМНОПРТШЫ', 'авезклмнопртшы')) IN ('canceled', 'cancelled', 'closed', 'complete', 'completed', 'done', 'fixed', 'rejected', 'resolved', 'solved', 'выполнена', 'выполнено', 'закрыт', 'закрыта', 'закрыто', 'отменена', 'отменено', 'решен', 'решена', 'решено') THEN 1 ELSE 0 END END AS "closed_status"
  FROM "support"."tickets"
),
answers AS (
  SELECT
    "segment_1",
    "period_unread",
    "n_requester" AS "v_requester",
    "n_channel" AS "v_channel",
    CASE WHEN "ms_created_at" IS NOT NULL THEN "ms_created_at" END AS "newest_created_at",
    CASE WHEN "ms_first_response_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_first_response_at" >= "ms_created_at") THEN "ms_first_response_at" END AS "newest_first_response_at",
    CASE WHEN "ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at") THEN "ms_resolved_at" END AS "newest_resolved_at",
    trim(CAST("ms_created_at" AS VARCHAR)) AS "b_created",
    CASE WHEN "ms_created_at" IS NOT NULL THEN CASE WHEN NOT "missing_resolved_at" AND NOT ("ms_resolved_at" IS NOT NULL AND "ms_resolved_at" >= "ms_created_at") THEN 'unreadable' ELSE COALESCE(trim(CAST(CASE WHEN ("ms_resolved_at" IS NOT NULL AND "ms_resolved_at" >= "ms_created_at") THEN "ms_resolved_at" WHEN "closed_status" = 1 THEN "ms_created_at" END AS VARCHAR)), 'open') END END AS "b_ended",
    COALESCE("n_requester", '') AS "c_requester",
    COALESCE("n_channel", '') AS "c_channel",
    COUNT(*) OVER (PARTITION BY "segment_1", COALESCE("n_requester", ''), COALESCE("n_channel", '')) AS "c_rows"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  CAST(to_json(list([CAST("b_created" AS VARCHAR), CAST("b_ended" AS VARCHAR)]) FILTER (WHERE "b_ended" <> 'unreadable')) AS VARCHAR) AS "backlog_intervals__tickets",
  COUNT(CASE WHEN "b_ended" = 'unreadable' THEN 1 END) AS "backlog_intervals__unreadable",
  CAST(to_json(list(DISTINCT [CAST("c_requester" AS VARCHAR), CAST("c_channel" AS VARCHAR), CAST("c_rows" AS VARCHAR)]) FILTER (WHERE "c_channel" <> '')) AS VARCHAR) AS "channel_switch_rate__pairs",
  MAX("newest_created_at") AS "newest_created_at",
  MAX("newest_first_response_at") AS "newest_first_response_at",
  MAX("newest_resolved_at") AS "newest_resolved_at"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
