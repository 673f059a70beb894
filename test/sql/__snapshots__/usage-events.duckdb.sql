-- xla sql --dialect duckdb: active_users.dau, active_users.wau, active_users.mau, stickiness, new_users, adoption_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Plan" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN regexp_matches(trim(CAST("Event date" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN strftime(CASE WHEN regexp_matches(trim(CAST("Event date" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN timezone('Europe/Berlin', TRY_CAST(trim(CAST("Event date" AS VARCHAR)) AS TIMESTAMPTZ)) ELSE TRY_CAST(trim(CAST("Event date" AS VARCHAR)) AS TIMESTAMP) END, '%Y-%m') END AS "period",
    CASE WHEN regexp_matches(trim(CAST("Event date" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Event date" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Event time" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Event time" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CASE WHEN NOT (trim(CAST("User ID" AS VARCHAR)) IS NULL OR trim(CAST("User ID" AS VARCHAR)) = '' OR lower(trim(CAST("User ID" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN trim(CAST("User ID" AS VARCHAR)) END AS "usage_user",
    COALESCE(CASE WHEN regexp_matches(trim(CAST("Event date" AS VARCHAR)), '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN strftime(CASE WHEN regexp_matches(trim(CAST("Event date" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN timezone('Europe/Berlin', TRY_CAST(trim(CAST("Event date" AS VARCHAR)) AS TIMESTAMPTZ)) ELSE TRY_CAST(trim(CAST("Event date" AS VARCHAR)) AS TIMESTAMP) END, '%Y-%m-%d') END, CASE WHEN regexp_matches(trim(CAST("Event time" AS VARCHAR)), '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN strftime(CASE WHEN regexp_matches(trim(CAST("Event time" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN timezone('Europe/Berlin', TRY_CAST(trim(CAST("Event time" AS VARCHAR)) AS TIMESTAMPTZ)) ELSE TRY_CAST(trim(CAST("Event time" AS VARCHAR)) AS TIMESTAMP) END, '%Y-%m-%d') END) AS "usage_day",
    CASE WHEN NOT (trim(CAST("User ID" AS VARCHAR)) IS NULL OR trim(CAST("User ID" AS VARCHAR)) = '' OR lower(trim(CAST("User ID" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND regexp_matches(trim(CAST("User ID" AS VARCHAR)), '^[\t\n\v\f\r\x{00A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]|[\t\n\v\f\r\x{00A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]$') THEN 1 ELSE 0 END AS "usage_unread_user"
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
  CAST(to_json(list(DISTINCT [CAST("usage_user" AS VARCHAR), CAST("usage_day" AS VARCHAR)]) FILTER (WHERE "usage_user" IS NOT NULL AND "usage_day" IS NOT NULL)) AS VARCHAR) AS "usage_days__user_days",
  CAST(to_json(list([CAST('' AS VARCHAR)]) FILTER (WHERE FALSE)) AS VARCHAR) AS "usage_days__customers"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
