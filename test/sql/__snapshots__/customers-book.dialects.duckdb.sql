-- xla sql --dialect duckdb: retention_rate, churn_rate, arpa, clv, clv.purchase, clv.discounted, cac, ltv_cac_ratio, tenure.mean
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Plan" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN lower(translate(trim(CAST("Churn" AS VARCHAR)), 'ЁАВДЕИЙКЛНОСТУШЫЯ', 'ёавдеийклностушыя')) IN ('1', 'canceled', 'cancelled', 'churn', 'churned', 'exited', 'left', 'lost', 't', 'true', 'y', 'yes', 'да', 'отток', 'ушел', 'ушёл') THEN TRUE WHEN lower(translate(trim(CAST("Churn" AS VARCHAR)), 'ЁАВДЕИЙКЛНОСТУШЫЯ', 'ёавдеийклностушыя')) IN ('0', 'active', 'current', 'f', 'false', 'n', 'no', 'retained', 'stayed', 'активен', 'активный', 'нет', 'остался') THEN FALSE END AS "n_churned",
    CASE WHEN regexp_full_match(trim(CAST("MRR" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("MRR" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_revenue",
    CASE WHEN regexp_full_match(trim(CAST("CAC" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("CAC" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_acquisition_cost",
    CASE WHEN regexp_full_match(trim(CAST("Orders" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("Orders" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_orders",
    CASE WHEN regexp_full_match(trim(CAST("Tenure" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("Tenure" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_tenure",
    (trim(CAST("MRR" AS VARCHAR)) IS NULL OR trim(CAST("MRR" AS VARCHAR)) = '' OR lower(trim(CAST("MRR" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_revenue",
    CASE WHEN NOT (trim(CAST("MRR" AS VARCHAR)) IS NULL OR trim(CAST("MRR" AS VARCHAR)) = '' OR lower(trim(CAST("MRR" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("MRR" AS VARCHAR)), '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("MRR" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_revenue",
    (trim(CAST("CAC" AS VARCHAR)) IS NULL OR trim(CAST("CAC" AS VARCHAR)) = '' OR lower(trim(CAST("CAC" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_acquisition_cost",
    CASE WHEN NOT (trim(CAST("CAC" AS VARCHAR)) IS NULL OR trim(CAST("CAC" AS VARCHAR)) = '' OR lower(trim(CAST("CAC" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("CAC" AS VARCHAR)), '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("CAC" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_acquisition_cost",
    (trim(CAST("Orders" AS VARCHAR)) IS NULL OR trim(CAST("Orders" AS VARCHAR)) = '' OR lower(trim(CAST("Orders" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_orders",
    CASE WHEN NOT (trim(CAST("Orders" AS VARCHAR)) IS NULL OR trim(CAST("Orders" AS VARCHAR)) = '' OR lower(trim(CAST("Orders" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("Orders" AS VARCHAR)), '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("Orders" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_orders",
    (trim(CAST("Tenure" AS VARCHAR)) IS NULL OR trim(CAST("Tenure" AS VARCHAR)) = '' OR lower(trim(CAST("Tenure" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_tenure",
    CASE WHEN NOT (trim(CAST("Tenure" AS VARCHAR)) IS NULL OR trim(CAST("Tenure" AS VARCHAR)) = '' OR lower(trim(CAST("Tenure" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("Tenure" AS VARCHAR)), '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("Tenure" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_tenure",
    CASE WHEN CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP)) END) END < 1706742000000 THEN NULL WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN strftime(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ)) ELSE TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP) END, '%Y-%m') END AS "period",
    CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("End" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("End" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_start_date",
    CAST(NULL AS BIGINT) AS "ms_first_value_at",
    TRUE AS "missing_first_value_at",
    CAST(CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMP)) END) END AS BIGINT) AS "ms_end_date",
    (trim(CAST("Start" AS VARCHAR)) IS NULL OR trim(CAST("Start" AS VARCHAR)) = '' OR lower(trim(CAST("Start" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_start_date",
    (trim(CAST("End" AS VARCHAR)) IS NULL OR trim(CAST("End" AS VARCHAR)) = '' OR lower(trim(CAST("End" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_end_date"
  FROM "crm"."customers"
  WHERE ((CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP)) END) END >= 1706742000000) OR (CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP)) END) END < 1706742000000 AND ((trim(CAST("End" AS VARCHAR)) IS NULL OR trim(CAST("End" AS VARCHAR)) = '' OR lower(trim(CAST("End" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) OR (CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMP)) END) END >= CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Start" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Start" AS VARCHAR)) AS TIMESTAMP)) END) END AND CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("End" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("End" AS VARCHAR)) AS TIMESTAMP)) END) END > 1706742000000))))
),
answers AS (
  SELECT
    "segment_1",
    "period",
    "period_unread",
    "n_churned" AS "v_churned",
    "n_revenue" AS "v_revenue",
    "n_acquisition_cost" AS "v_acquisition_cost",
    CASE WHEN "n_orders" BETWEEN 0 AND 9007199254740991 AND "n_orders" = FLOOR("n_orders") THEN "n_orders" END AS "v_orders",
    CAST(CASE WHEN "n_tenure" >= 0 AND "n_tenure" < 100000 THEN "n_tenure" * 2629746 END AS DECIMAL(38, 6)) AS "v_tenure",
    "m_revenue",
    "u_revenue",
    "m_acquisition_cost",
    "u_acquisition_cost",
    "m_orders",
    "u_orders",
    "m_tenure",
    CASE WHEN "n_tenure" >= 100000 THEN 1 ELSE "u_tenure" END AS "u_tenure",
    CASE WHEN "ms_start_date" IS NOT NULL THEN CAST("ms_start_date" AS VARCHAR) WHEN "missing_start_date" THEN '' ELSE 'x' END AS "bk_start",
    CASE WHEN "ms_end_date" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_end_date" >= "ms_start_date") THEN CAST("ms_end_date" AS VARCHAR) WHEN "missing_end_date" THEN '' ELSE 'x' END AS "bk_end",
    CASE WHEN ("n_churned") THEN '1' WHEN NOT ("n_churned") THEN '0' ELSE '' END AS "bk_churned",
    COALESCE(CAST(("n_revenue") AS VARCHAR), '') AS "bk_revenue",
    COALESCE(CAST(("n_acquisition_cost") AS VARCHAR), '') AS "bk_acquisition_cost",
    COALESCE(CAST((CASE WHEN "n_orders" BETWEEN 0 AND 9007199254740991 AND "n_orders" = FLOOR("n_orders") THEN "n_orders" END) AS VARCHAR), '') AS "bk_orders",
    COALESCE(CAST(CASE WHEN (CAST(CASE WHEN "n_tenure" >= 0 AND "n_tenure" < 100000 THEN "n_tenure" * 2629746 END AS DECIMAL(38, 6))) IS NOT NULL THEN "n_tenure" END AS VARCHAR), '') AS "bk_tenure",
    'mo' AS "bk_unit",
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
  SUM("u_acquisition_cost") AS "acquisition_cost__unread",
  SUM("u_orders") AS "orders__unread",
  SUM("u_revenue") AS "revenue__unread",
  SUM("u_tenure") AS "tenure__unread",
  CAST(to_json(list([CAST("bk_start" AS VARCHAR), CAST("bk_end" AS VARCHAR), CAST("bk_churned" AS VARCHAR), CAST("bk_revenue" AS VARCHAR), CAST("bk_acquisition_cost" AS VARCHAR), CAST("bk_orders" AS VARCHAR), CAST("bk_tenure" AS VARCHAR), CAST("bk_unit" AS VARCHAR)]) FILTER (WHERE TRUE)) AS VARCHAR) AS "customers_book__rows",
  MAX("newest_start_date") AS "newest_start_date",
  MAX("newest_end_date") AS "newest_end_date",
  MAX("newest_first_value_at") AS "newest_first_value_at"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
