-- xla sql --dialect postgres: self_service_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Team" AS TEXT)), '') AS "segment_1",
    CASE WHEN lower(translate(btrim(CAST("Self service" AS TEXT)), 'АДЕНТ', 'адент')) IN ('1', 't', 'true', 'y', 'yes', 'да') THEN TRUE WHEN lower(translate(btrim(CAST("Self service" AS TEXT)), 'АДЕНТ', 'адент')) IN ('0', 'f', 'false', 'n', 'no', 'нет') THEN FALSE END AS "n_self_service",
    CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Created" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("First Response" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Resolved" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Due" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Due" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'UTC' END) * 1000 END AS BIGINT) AS "ms_created_at",
    (btrim(CAST("Created" AS TEXT)) IS NULL OR btrim(CAST("Created" AS TEXT)) = '' OR lower(btrim(CAST("Created" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_created_at",
    CAST(CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("First Response" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("First Response" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'UTC' END) * 1000 END AS BIGINT) AS "ms_first_response_at",
    (btrim(CAST("First Response" AS TEXT)) IS NULL OR btrim(CAST("First Response" AS TEXT)) = '' OR lower(btrim(CAST("First Response" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_first_response_at",
    CAST(CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'UTC' END) * 1000 END AS BIGINT) AS "ms_resolved_at",
    (btrim(CAST("Resolved" AS TEXT)) IS NULL OR btrim(CAST("Resolved" AS TEXT)) = '' OR lower(btrim(CAST("Resolved" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_resolved_at",
    CAST(CASE WHEN btrim(CAST("Due" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Due" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Due" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Due" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'UTC' END) * 1000 END AS BIGINT) AS "ms_sla_due_at",
    (btrim(CAST("Due" AS TEXT)) IS NULL OR btrim(CAST("Due" AS TEXT)) = '' OR lower(btrim(CAST("Due" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_sla_due_at",
    btrim(CAST("Priority" AS TEXT)) AS "priority_text",
    (btrim(CAST("Priority" AS TEXT)) IS NULL OR btrim(CAST("Priority" AS TEXT)) = '' OR lower(btrim(CAST("Priority" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_priority",
    CASE WHEN NOT (btrim(CAST("Status" AS TEXT)) IS NULL OR btrim(CAST("Status" AS TEXT)) = '' OR lower(btrim(CAST("Status" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN CASE WHEN lower(translate(btrim(CAST("Status" AS TEXT)), 'АВЕЗКЛМНОПРТШЫ', 'авезклмнопртшы')) IN ('canceled', 'cancelled', 'closed', 'complete', 'completed', 'done', 'fixed', 'rejected', 'resolved', 'solved', 'выполнена', 'выполнено', 'закрыт', 'закрыта', 'закрыто', 'отменена', 'отменено', 'решен', 'решена', 'решено') THEN 1 ELSE 0 END END AS "closed_status"
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
