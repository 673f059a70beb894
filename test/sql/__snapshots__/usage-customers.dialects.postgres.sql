-- xla sql --dialect postgres: adoption_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Plan" AS TEXT)), '') AS "segment_1",
    btrim(CAST("Account" AS TEXT)) AS "n_customer_id",
    CASE WHEN lower(translate(btrim(CAST("Is active" AS TEXT)), 'АДЕНТ', 'адент')) IN ('1', 't', 'true', 'y', 'yes', 'да') THEN TRUE WHEN lower(translate(btrim(CAST("Is active" AS TEXT)), 'АДЕНТ', 'адент')) IN ('0', 'f', 'false', 'n', 'no', 'нет') THEN FALSE END AS "n_active",
    CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN to_char(CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin' ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) END, 'YYYY-MM') END AS "period",
    CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("End" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("End" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS BIGINT) AS "ms_start_date",
    CAST(NULL AS BIGINT) AS "ms_first_value_at",
    TRUE AS "missing_first_value_at",
    CAST(CASE WHEN btrim(CAST("End" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("End" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS BIGINT) AS "ms_end_date",
    (btrim(CAST("Start" AS TEXT)) IS NULL OR btrim(CAST("Start" AS TEXT)) = '' OR lower(btrim(CAST("Start" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_start_date",
    (btrim(CAST("End" AS TEXT)) IS NULL OR btrim(CAST("End" AS TEXT)) = '' OR lower(btrim(CAST("End" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_end_date"
  FROM "crm"."customers"
),
answers AS (
  SELECT
    "segment_1",
    "period",
    "period_unread",
    "n_customer_id" AS "v_customer_id",
    "n_active" AS "v_active",
    CASE WHEN "ms_start_date" IS NOT NULL THEN CAST("ms_start_date" AS TEXT) WHEN "missing_start_date" THEN '' ELSE 'x' END AS "bk_start",
    CASE WHEN "ms_end_date" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_end_date" >= "ms_start_date") THEN CAST("ms_end_date" AS TEXT) WHEN "missing_end_date" THEN '' ELSE 'x' END AS "bk_end",
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
  CAST(jsonb_agg(jsonb_build_array(CAST('' AS TEXT))) FILTER (WHERE FALSE) AS TEXT) AS "usage_days__user_days",
  CAST(jsonb_agg(jsonb_build_array(CAST("bk_start" AS TEXT), CAST("bk_end" AS TEXT), CAST(CASE WHEN "v_active" THEN '1' WHEN NOT "v_active" THEN '0' ELSE '' END AS TEXT), CAST(CASE WHEN ("v_customer_id" IS NULL OR "v_customer_id" = '' OR lower("v_customer_id") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN '0' ELSE '1' END AS TEXT))) FILTER (WHERE TRUE) AS TEXT) AS "usage_days__customers",
  MAX("newest_start_date") AS "newest_start_date",
  MAX("newest_end_date") AS "newest_end_date",
  MAX("newest_first_value_at") AS "newest_first_value_at"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
