-- xla sql --dialect duckdb: repeat_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("plan" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN regexp_full_match(trim(CAST("Orders" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("Orders" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_orders",
    CASE WHEN regexp_matches(trim(CAST("start_date" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN strftime(CASE WHEN regexp_matches(trim(CAST("start_date" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN timezone('Europe/Berlin', TRY_CAST(trim(CAST("start_date" AS VARCHAR)) AS TIMESTAMPTZ)) ELSE TRY_CAST(trim(CAST("start_date" AS VARCHAR)) AS TIMESTAMP) END, '%Y-%m') END AS "period",
    CASE WHEN regexp_matches(trim(CAST("start_date" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("start_date" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread"
  FROM "crm"."customers"
),
answers AS (
  SELECT
    "segment_1",
    "period",
    "period_unread",
    CASE WHEN "n_orders" BETWEEN 0 AND 9007199254740991 AND "n_orders" = FLOOR("n_orders") THEN "n_orders" END AS "v_orders"
  FROM cells
)
SELECT
  "segment_1",
  "period",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  COUNT(CASE WHEN "v_orders" > 1 THEN 1 END) AS "repeat_rate__x",
  COUNT(CASE WHEN "v_orders" >= 1 THEN 1 END) AS "repeat_rate__n"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
