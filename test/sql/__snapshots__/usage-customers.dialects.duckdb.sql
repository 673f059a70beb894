-- xla sql --dialect duckdb: adoption_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Plan" AS VARCHAR)), '') AS "segment_1",
    trim(CAST("Account" AS VARCHAR)) AS "n_customer_id",
    CASE WHEN lower(translate(trim(CAST("Is active" AS VARCHAR)), 'АДЕНТ', 'адент')) IN ('1', 't', 'true', 'y', 'yes', 'да') THEN TRUE WHEN lower(translate(trim(CAST("Is active" AS VARCHAR)), 'АДЕНТ', 'адент')) IN ('0', 'f', 'false', 'n', 'no', 'нет') THEN FALSE END AS "n_active",
    CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN strftime(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ)) ELSE TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP) END, '%Y-%m') END AS "period",
    CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("End" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_start_date",
    CAST(NULL AS BIGINT) AS "ms_first_value_at",
    TRUE AS "missing_first_value_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_end_date",
    (trim(CAST("Start" AS VARCHAR)) IS NULL OR trim(CAST("Start" AS VARCHAR)) = '' OR lower(trim(CAST("Start" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_start_date",
    (trim(CAST("End" AS VARCHAR)) IS NULL OR trim(CAST("End" AS VARCHAR)) = '' OR lower(trim(CAST("End" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_end_date"
  FROM "crm"."customers"
),
answers AS (
  SELECT
    "segment_1",
    "period",
    "period_unread",
    "n_customer_id" AS "v_customer_id",
    "n_active" AS "v_active",
    CASE WHEN "ms_start_date" IS NOT NULL THEN CAST("ms_start_date" AS VARCHAR) WHEN "missing_start_date" THEN '' ELSE 'x' END AS "bk_start",
    CASE WHEN "ms_end_date" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_end_date" >= "ms_start_date") THEN CAST("ms_end_date" AS VARCHAR) WHEN "missing_end_date" THEN '' ELSE 'x' END AS "bk_end",
    '' AS "bk_churned",
    '' AS "bk_revenue",
    '' AS "bk_acquisition_cost",
    '' AS "bk_orders",
    '' AS "bk_tenure",
    's' AS "bk_unit",
    "ms_start_date" AS "newest_start_date",
    CASE WHEN "ms_end_date" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_end_date" >= "ms_start_date") THEN "ms_end_date" END AS "newest_end_date",
    CASE WHEN "ms_first_value_at" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_first_value_at" >= "ms_start_date") THEN "ms_first_value_at" END AS "newest_first_value_at"
  FROM cells
)
SELECT
  "segment_1",
  "period",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  0 AS "user_id__unread",
  CAST(to_json(list([CAST('' AS VARCHAR)]) FILTER (WHERE FALSE)) AS VARCHAR) AS "usage_days__user_days",
  CAST(to_json(list([CAST("bk_start" AS VARCHAR), CAST("bk_end" AS VARCHAR), CAST(CASE WHEN "v_active" THEN '1' WHEN NOT "v_active" THEN '0' ELSE '' END AS VARCHAR), CAST(CASE WHEN ("v_customer_id" IS NULL OR "v_customer_id" = '' OR lower("v_customer_id") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN '0' ELSE '1' END AS VARCHAR)]) FILTER (WHERE TRUE)) AS VARCHAR) AS "usage_days__customers",
  MAX("newest_start_date") AS "newest_start_date",
  MAX("newest_end_date") AS "newest_end_date",
  MAX("newest_first_value_at") AS "newest_first_value_at"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
