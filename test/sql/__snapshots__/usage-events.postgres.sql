-- xla sql --dialect postgres: active_users.dau, active_users.wau, active_users.mau, stickiness, new_users, adoption_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Plan" AS TEXT)), '') AS "segment_1",
    CASE WHEN btrim(CAST("Event date" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN to_char(CASE WHEN btrim(CAST("Event date" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Event date" AS TEXT)) AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin' ELSE CAST(btrim(CAST("Event date" AS TEXT)) AS TIMESTAMP) END, 'YYYY-MM') END AS "period",
    CASE WHEN btrim(CAST("Event date" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Event date" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Event time" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Event time" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread",
    CASE WHEN NOT (btrim(CAST("User ID" AS TEXT)) IS NULL OR btrim(CAST("User ID" AS TEXT)) = '' OR lower(btrim(CAST("User ID" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN btrim(CAST("User ID" AS TEXT)) END AS "usage_user",
    COALESCE(CASE WHEN btrim(CAST("Event date" AS TEXT)) ~ '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN to_char(CASE WHEN btrim(CAST("Event date" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Event date" AS TEXT)) AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin' ELSE CAST(btrim(CAST("Event date" AS TEXT)) AS TIMESTAMP) END, 'YYYY-MM-DD') END, CASE WHEN btrim(CAST("Event time" AS TEXT)) ~ '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN to_char(CASE WHEN btrim(CAST("Event time" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Event time" AS TEXT)) AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin' ELSE CAST(btrim(CAST("Event time" AS TEXT)) AS TIMESTAMP) END, 'YYYY-MM-DD') END) AS "usage_day",
    CASE WHEN NOT (btrim(CAST("User ID" AS TEXT)) IS NULL OR btrim(CAST("User ID" AS TEXT)) = '' OR lower(btrim(CAST("User ID" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND btrim(CAST("User ID" AS TEXT)) ~ '^[\t\n\v\f\r\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]|[\t\n\v\f\r\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]$' THEN 1 ELSE 0 END AS "usage_unread_user"
  FROM "app"."events"
),
answers AS (
  SELECT
    "segment_1",
    "period",
    "period_unread",
    "usage_user",
    "usage_day",
    "usage_unread_user"
  FROM cells
)
SELECT
  "segment_1",
  "period",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  SUM("usage_unread_user") AS "user_id__unread",
  CAST(jsonb_agg(DISTINCT jsonb_build_array(CAST("usage_user" AS TEXT), CAST("usage_day" AS TEXT))) FILTER (WHERE "usage_user" IS NOT NULL AND "usage_day" IS NOT NULL) AS TEXT) AS "usage_days__user_days",
  CAST(jsonb_agg(jsonb_build_array(CAST('' AS TEXT))) FILTER (WHERE FALSE) AS TEXT) AS "usage_days__customers"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
