-- xla sql --dialect duckdb: resolution_time.median, resolution_time.p90, first_response_time.p90
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
-- note: *__ms columns are each group's durations in ms, sorted: xla computes the percentiles (type 7) from them; quantile_cont / PERCENTILE_CONT / percentile would give the same type-7 value in SQL but are not used for xla's report
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Team" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Created" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_created_at",
    (trim(CAST("Created" AS VARCHAR)) IS NULL OR trim(CAST("Created" AS VARCHAR)) = '' OR lower(trim(CAST("Created" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_created_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("First Response" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("First Response" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_first_response_at",
    (trim(CAST("First Response" AS VARCHAR)) IS NULL OR trim(CAST("First Response" AS VARCHAR)) = '' OR lower(trim(CAST("First Response" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_first_response_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_resolved_at",
    (trim(CAST("Resolved" AS VARCHAR)) IS NULL OR trim(CAST("Resolved" AS VARCHAR)) = '' OR lower(trim(CAST("Resolved" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_resolved_at",
    CASE WHEN NOT (trim(CAST("Status" AS VARCHAR)) IS NULL OR trim(CAST("Status" AS VARCHAR)) = '' OR lower(trim(CAST("Status" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN CASE WHEN lower(translate(trim(CAST("Status" AS VARCHAR)), 'АВЕЗКЛМНОПРТШЫ', 'авезклмнопртшы')) IN ('canceled', 'cancelled', 'closed', 'complete', 'completed', 'done', 'fixed', 'rejected', 'resolved', 'solved', 'выполнена', 'выполнено', 'закрыт', 'закрыта', 'закрыто', 'отменена', 'отменено', 'решен', 'решена', 'решено') THEN 1 ELSE 0 END END AS "closed_status"
  FROM "survey"."responses"
),
answers AS (
  SELECT
    "segment_1",
    "period_unread",
    CASE WHEN "ms_created_at" IS NOT NULL AND ("ms_first_response_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_first_response_at" >= "ms_created_at")) THEN "ms_first_response_at" - "ms_created_at" END AS "d_first_response_at",
    CASE WHEN (NOT "missing_first_response_at" AND NOT ("ms_first_response_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_first_response_at" >= "ms_created_at"))) THEN 'unreadable' WHEN "ms_created_at" IS NULL OR ("ms_first_response_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_first_response_at" >= "ms_created_at")) THEN NULL WHEN (("ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at")) OR "closed_status" = 1) THEN 'closed' ELSE 'open' END AS "x_first_response_at",
    CASE WHEN "ms_created_at" IS NOT NULL AND ("ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at")) THEN "ms_resolved_at" - "ms_created_at" END AS "d_resolved_at",
    CASE WHEN (NOT "missing_resolved_at" AND NOT ("ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at"))) THEN 'unreadable' WHEN "ms_created_at" IS NULL OR ("ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at")) THEN NULL WHEN (("ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at")) OR "closed_status" = 1) THEN 'closed' ELSE 'open' END AS "x_resolved_at"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  CAST(list("d_resolved_at" ORDER BY "d_resolved_at") FILTER (WHERE "d_resolved_at" IS NOT NULL) AS VARCHAR) AS "resolution_time_values__ms",
  COUNT(CASE WHEN "x_resolved_at" = 'open' THEN 1 END) AS "resolution_time_values__excluded_open",
  COUNT(CASE WHEN "x_resolved_at" = 'closed' THEN 1 END) AS "resolution_time_values__excluded_closed",
  COUNT(CASE WHEN "x_resolved_at" = 'unreadable' THEN 1 END) AS "resolution_time_values__excluded_unreadable",
  CAST(list("d_first_response_at" ORDER BY "d_first_response_at") FILTER (WHERE "d_first_response_at" IS NOT NULL) AS VARCHAR) AS "first_response_time_values__ms",
  COUNT(CASE WHEN "x_first_response_at" = 'open' THEN 1 END) AS "first_response_time_values__excluded_open",
  COUNT(CASE WHEN "x_first_response_at" = 'closed' THEN 1 END) AS "first_response_time_values__excluded_closed",
  COUNT(CASE WHEN "x_first_response_at" = 'unreadable' THEN 1 END) AS "first_response_time_values__excluded_unreadable"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
