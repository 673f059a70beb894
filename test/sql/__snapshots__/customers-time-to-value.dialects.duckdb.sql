-- xla sql --dialect duckdb: time_to_value.median, time_to_value.mean, time_to_value.p90, time_to_value.reached
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    CASE WHEN regexp_matches(trim(CAST("Signed up" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Signed up" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Activated" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Activated" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN regexp_matches(trim(CAST("Signed up" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Signed up" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Signed up" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Signed up" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_start_date",
    CAST(CASE WHEN regexp_matches(trim(CAST("Activated" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Activated" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Activated" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Activated" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_first_value_at",
    (trim(CAST("Activated" AS VARCHAR)) IS NULL OR trim(CAST("Activated" AS VARCHAR)) = '' OR lower(trim(CAST("Activated" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_first_value_at"
  FROM "crm"."customers"
),
answers AS (
  SELECT
    "period_unread",
    CASE WHEN "ms_start_date" IS NOT NULL AND ("ms_first_value_at" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_first_value_at" >= "ms_start_date")) THEN "ms_first_value_at" - "ms_start_date" END AS "d_time_to_value",
    CASE WHEN "ms_start_date" IS NOT NULL AND "missing_first_value_at" THEN 'not_reached' END AS "x_time_to_value",
    CASE WHEN "ms_start_date" IS NULL OR (NOT "missing_first_value_at" AND NOT ("ms_first_value_at" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_first_value_at" >= "ms_start_date"))) THEN NULL WHEN ("ms_first_value_at" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_first_value_at" >= "ms_start_date")) THEN 1 ELSE 0 END AS "o_time_to_value_reached"
  FROM cells
)
SELECT
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  CAST(list("d_time_to_value" ORDER BY "d_time_to_value") FILTER (WHERE "d_time_to_value" IS NOT NULL) AS VARCHAR) AS "time_to_value_values__ms",
  COUNT(CASE WHEN "x_time_to_value" = 'not_reached' THEN 1 END) AS "time_to_value_values__excluded_not_reached",
  COUNT("d_time_to_value") AS "time_to_value_mean__n",
  CAST(SUM(CAST("d_time_to_value" AS DECIMAL(38, 0))) * 0.001 AS VARCHAR) AS "time_to_value_mean__sum",
  CAST(SUM(CAST("d_time_to_value" AS DECIMAL(38, 0)) * CAST("d_time_to_value" AS DECIMAL(38, 0))) * 0.000001 AS VARCHAR) AS "time_to_value_mean__squares",
  COUNT(CASE WHEN "x_time_to_value" = 'not_reached' THEN 1 END) AS "time_to_value_mean__excluded_not_reached",
  COUNT(CASE WHEN "o_time_to_value_reached" = 1 THEN 1 END) AS "time_to_value_reached__x",
  COUNT("o_time_to_value_reached") AS "time_to_value_reached__n"
FROM answers
