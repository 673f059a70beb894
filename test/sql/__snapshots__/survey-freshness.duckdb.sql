-- xla sql --dialect duckdb: data.freshness
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Team" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN regexp_matches(trim(CAST("Submitted At" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Submitted At" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN regexp_matches(trim(CAST("Submitted At" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Submitted At" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Submitted At" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Submitted At" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_freshness"
  FROM "survey"."responses"
),
answers AS (
  SELECT
    "segment_1",
    "period_unread",
    "ms_freshness" AS "ms_freshness"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  CAST(MAX("ms_freshness") AS VARCHAR) AS "data_freshness__newest",
  COUNT("ms_freshness") AS "data_freshness__dated"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
