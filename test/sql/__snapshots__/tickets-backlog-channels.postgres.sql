-- xla sql --dialect postgres: backlog, backlog.age.p90, channel_switch_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Team" AS TEXT)), '') AS "segment_1",
    btrim(CAST("Requester" AS TEXT)) AS "n_requester",
    btrim(CAST("Channel" AS TEXT)) AS "n_channel",
    CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Created" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("First Response" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Resolved" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Created" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Created" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'UTC' END) * 1000 END AS BIGINT) AS "ms_created_at",
    (btrim(CAST("Created" AS TEXT)) IS NULL OR btrim(CAST("Created" AS TEXT)) = '' OR lower(btrim(CAST("Created" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_created_at",
    CAST(CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("First Response" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("First Response" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("First Response" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'UTC' END) * 1000 END AS BIGINT) AS "ms_first_response_at",
    (btrim(CAST("First Response" AS TEXT)) IS NULL OR btrim(CAST("First Response" AS TEXT)) = '' OR lower(btrim(CAST("First Response" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_first_response_at",
    CAST(CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Resolved" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Resolved" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'UTC' END) * 1000 END AS BIGINT) AS "ms_resolved_at",
    (btrim(CAST("Resolved" AS TEXT)) IS NULL OR btrim(CAST("Resolved" AS TEXT)) = '' OR lower(btrim(CAST("Resolved" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_resolved_at",
    CASE WHEN NOT (btrim(CAST("Status" AS TEXT)) IS NULL OR btrim(CAST("Status" AS TEXT)) = '' OR lower(btrim(CAST("Status" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN CASE WHEN lower(translate(btrim(CAST("Status" AS TEXT)), 'АВЕЗКЛМНОПРТШЫ', 'авезклмнопртшы')) IN ('canceled', 'cancelled', 'closed', 'complete', 'completed', 'done', 'fixed', 'rejected', 'resolved', 'solved', 'выполнена', 'выполнено', 'закрыт', 'закрыта', 'закрыто', 'отменена', 'отменено', 'решен', 'решена', 'решено') THEN 1 ELSE 0 END END AS "closed_status"
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
    btrim(CAST("ms_created_at" AS TEXT)) AS "b_created",
    CASE WHEN "ms_created_at" IS NOT NULL THEN CASE WHEN NOT "missing_resolved_at" AND NOT ("ms_resolved_at" IS NOT NULL AND "ms_resolved_at" >= "ms_created_at") THEN 'unreadable' ELSE COALESCE(btrim(CAST(CASE WHEN ("ms_resolved_at" IS NOT NULL AND "ms_resolved_at" >= "ms_created_at") THEN "ms_resolved_at" WHEN "closed_status" = 1 THEN "ms_created_at" END AS TEXT)), 'open') END END AS "b_ended",
    COALESCE("n_requester", '') AS "c_requester",
    COALESCE("n_channel", '') AS "c_channel",
    COUNT(*) OVER (PARTITION BY "segment_1", COALESCE("n_requester", ''), COALESCE("n_channel", '')) AS "c_rows"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  CAST(jsonb_agg(jsonb_build_array(CAST("b_created" AS TEXT), CAST("b_ended" AS TEXT))) FILTER (WHERE "b_ended" <> 'unreadable') AS TEXT) AS "backlog_intervals__tickets",
  COUNT(CASE WHEN "b_ended" = 'unreadable' THEN 1 END) AS "backlog_intervals__unreadable",
  CAST(jsonb_agg(DISTINCT jsonb_build_array(CAST("c_requester" AS TEXT), CAST("c_channel" AS TEXT), CAST("c_rows" AS TEXT))) FILTER (WHERE "c_channel" <> '') AS TEXT) AS "channel_switch_rate__pairs",
  MAX("newest_created_at") AS "newest_created_at",
  MAX("newest_first_response_at") AS "newest_first_response_at",
  MAX("newest_resolved_at") AS "newest_resolved_at"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
