-- xla sql --dialect duckdb: self_service_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Team" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN lower(translate(trim(CAST("Self service" AS VARCHAR)), 'АДЕНТ', 'адент')) IN ('1', 't', 'true', 'y', 'yes', 'да') THEN TRUE WHEN lower(translate(trim(CAST("Self service" AS VARCHAR)), 'АДЕНТ', 'адент')) IN ('0', 'f', 'false', 'n', 'no', 'нет') THEN FALSE END AS "n_self_service",
    CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Created" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Due" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Due" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_created_at",
    (trim(CAST("Created" AS VARCHAR)) IS NULL OR trim(CAST("Created" AS VARCHAR)) = '' OR lower(trim(CAST("Created" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_created_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("First Response" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("First Response" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(trim(CAST("First Response" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_first_response_at",
    (trim(CAST("First Response" AS VARCHAR)) IS NULL OR trim(CAST("First Response" AS VARCHAR)) = '' OR lower(trim(CAST("First Response" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_first_response_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_resolved_at",
    (trim(CAST("Resolved" AS VARCHAR)) IS NULL OR trim(CAST("Resolved" AS VARCHAR)) = '' OR lower(trim(CAST("Resolved" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_resolved_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("Due" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Due" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Due" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('UTC', TRY_CAST(trim(CAST("Due" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_sla_due_at",
    (trim(CAST("Due" AS VARCHAR)) IS NULL OR trim(CAST("Due" AS VARCHAR)) = '' OR lower(trim(CAST("Due" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_sla_due_at",
    trim(CAST("Priority" AS VARCHAR)) AS "priority_text",
    (trim(CAST("Priority" AS VARCHAR)) IS NULL OR trim(CAST("Priority" AS VARCHAR)) = '' OR lower(trim(CAST("Priority" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_priority",
    CASE WHEN NOT (trim(CAST("Status" AS VARCHAR)) IS NULL OR trim(CAST("Status" AS VARCHAR)) = '' OR lower(trim(CAST("Status" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN CASE WHEN lower(translate(trim(CAST("Status" AS VARCHAR)), 'АВЕЗКЛМНОПРТШЫ', 'авезклмнопртшы')) IN ('canceled', 'cancelled', 'closed', 'complete', 'completed', 'done', 'fixed', 'rejected', 'resolved', 'solved', 'выполнена', 'выполнено', 'закрыт', 'закрыта', 'закрыто', 'отменена', 'отменено', 'решен', 'решена', 'решено') THEN 1 ELSE 0 END END AS "closed_status"
  FROM "support"."tickets"
),
answers AS (
  SELECT
    "segment_1",
    "period_unread",
    "n_self_service" AS "v_self_service",
    CASE WHEN ("ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at")) OR "closed_status" = 1 OR (NOT "missing_resolved_at" AND NOT ("ms_resolved_at" IS NOT NULL AND ("ms_created_at" IS NULL OR "ms_resolved_at" >= "ms_created_at"))) THEN 'resolved' WHEN ("closed_status" = 0 OR ("closed_status" IS NULL AND TRUE)) THEN 'open' ELSE 'unknown' END AS "resolution",
    CASE WHEN NOT ("n_self_service") IS NOT NULL THEN NULL WHEN ("n_self_service") THEN 1 ELSE 0 END AS "o_self_service_rate"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  COUNT(CASE WHEN "resolution" = 'resolved' AND "o_self_service_rate" = 1 THEN 1 END) AS "self_service_rate__x",
  COUNT(CASE WHEN "resolution" = 'resolved' THEN "o_self_service_rate" END) AS "self_service_rate__n",
  COUNT(CASE WHEN "resolution" = 'open' THEN "o_self_service_rate" END) AS "self_service_rate__open",
  COUNT(CASE WHEN "resolution" = 'unknown' THEN "o_self_service_rate" END) AS "self_service_rate__unknown"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
