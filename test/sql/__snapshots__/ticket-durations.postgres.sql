-- xla sql --dialect postgres: resolution_time.median, resolution_time.p90, first_response_time.p90
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
-- note: *__ms columns are each group's durations in ms, sorted: xla computes the percentiles (type 7) from them; quantile_cont / PERCENTILE_CONT / percentile would give the same type-7 value in SQL but are not used for xla's report
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Team" AS TEXT)), '') AS "segment_1",
    CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Created" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("First Response" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Resolved" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS BIGINT) AS "ms_created_at",
    (btrim(CAST("Created" AS TEXT)) IS NULL OR btrim(CAST("Created" AS TEXT)) = '' OR lower(btrim(CAST("Created" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_created_at",
    CAST(CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("First Response" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("First Response" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS BIGINT) AS "ms_first_response_at",
    (btrim(CAST("First Response" AS TEXT)) IS NULL OR btrim(CAST("First Response" AS TEXT)) = '' OR lower(btrim(CAST("First Response" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_first_response_at",
    CAST(CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS BIGINT) AS "ms_resolved_at",
    (btrim(CAST("Resolved" AS TEXT)) IS NULL OR btrim(CAST("Resolved" AS TEXT)) = '' OR lower(btrim(CAST("Resolved" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_resolved_at",
    CASE WHEN NOT (btrim(CAST("Status" AS TEXT)) IS NULL OR btrim(CAST("Status" AS TEXT)) = '' OR lower(btrim(CAST("Status" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN CASE WHEN lower(translate(btrim(CAST("Status" AS TEXT)), 'АВЕЗКЛМНОПРТШЫ', 'авезклмнопртшы')) IN ('canceled', 'cancelled', 'closed', 'complete', 'completed', 'done', 'fixed', 'rejected', 'resolved', 'solved', 'выполнена', 'выполнено', 'закрыт', 'закрыта', 'закрыто', 'отменена', 'отменено', 'решен', 'решена', 'решено') THEN 1 ELSE 0 END END AS "closed_status"
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
  CAST(array_agg("d_resolved_at" ORDER BY "d_resolved_at") FILTER (WHERE "d_resolved_at" IS NOT NULL) AS TEXT) AS "resolution_time_values__ms",
  COUNT(CASE WHEN "x_resolved_at" = 'open' THEN 1 END) AS "resolution_time_values__excluded_open",
  COUNT(CASE WHEN "x_resolved_at" = 'closed' THEN 1 END) AS "resolution_time_values__excluded_closed",
  COUNT(CASE WHEN "x_resolved_at" = 'unreadable' THEN 1 END) AS "resolution_time_values__excluded_unreadable",
  CAST(array_agg("d_first_response_at" ORDER BY "d_first_response_at") FILTER (WHERE "d_first_response_at" IS NOT NULL) AS TEXT) AS "first_response_time_values__ms",
  COUNT(CASE WHEN "x_first_response_at" = 'open' THEN 1 END) AS "first_response_time_values__excluded_open",
  COUNT(CASE WHEN "x_first_response_at" = 'closed' THEN 1 END) AS "first_response_time_values__excluded_closed",
  COUNT(CASE WHEN "x_first_response_at" = 'unreadable' THEN 1 END) AS "first_response_time_values__excluded_unreadable"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
