-- xla sql --dialect postgres: retention_rate, churn_rate, arpa, clv, clv.purchase, clv.discounted, cac, ltv_cac_ratio, tenure.mean
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Plan" AS TEXT)), '') AS "segment_1",
    CASE WHEN lower(translate(btrim(CAST("Churn" AS TEXT)), 'ЁАВДЕИЙКЛНОСТУШЫЯ', 'ёавдеийклностушыя')) IN ('1', 'canceled', 'cancelled', 'churn', 'churned', 'exited', 'left', 'lost', 't', 'true', 'y', 'yes', 'да', 'отток', 'ушел', 'ушёл') THEN TRUE WHEN lower(translate(btrim(CAST("Churn" AS TEXT)), 'ЁАВДЕИЙКЛНОСТУШЫЯ', 'ёавдеийклностушыя')) IN ('0', 'active', 'current', 'f', 'false', 'n', 'no', 'retained', 'stayed', 'активен', 'активный', 'нет', 'остался') THEN FALSE END AS "n_churned",
    CASE WHEN btrim(CAST("MRR" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("MRR" AS TEXT)) AS NUMERIC) END AS "n_revenue",
    CASE WHEN btrim(CAST("CAC" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("CAC" AS TEXT)) AS NUMERIC) END AS "n_acquisition_cost",
    CASE WHEN btrim(CAST("Orders" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Orders" AS TEXT)) AS NUMERIC) END AS "n_orders",
    CASE WHEN btrim(CAST("Tenure" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Tenure" AS TEXT)) AS NUMERIC) END AS "n_tenure",
    (btrim(CAST("MRR" AS TEXT)) IS NULL OR btrim(CAST("MRR" AS TEXT)) = '' OR lower(btrim(CAST("MRR" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_revenue",
    CASE WHEN NOT (btrim(CAST("MRR" AS TEXT)) IS NULL OR btrim(CAST("MRR" AS TEXT)) = '' OR lower(btrim(CAST("MRR" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("MRR" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("MRR" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_revenue",
    (btrim(CAST("CAC" AS TEXT)) IS NULL OR btrim(CAST("CAC" AS TEXT)) = '' OR lower(btrim(CAST("CAC" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_acquisition_cost",
    CASE WHEN NOT (btrim(CAST("CAC" AS TEXT)) IS NULL OR btrim(CAST("CAC" AS TEXT)) = '' OR lower(btrim(CAST("CAC" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("CAC" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("CAC" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_acquisition_cost",
    (btrim(CAST("Orders" AS TEXT)) IS NULL OR btrim(CAST("Orders" AS TEXT)) = '' OR lower(btrim(CAST("Orders" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_orders",
    CASE WHEN NOT (btrim(CAST("Orders" AS TEXT)) IS NULL OR btrim(CAST("Orders" AS TEXT)) = '' OR lower(btrim(CAST("Orders" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Orders" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Orders" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_orders",
    (btrim(CAST("Tenure" AS TEXT)) IS NULL OR btrim(CAST("Tenure" AS TEXT)) = '' OR lower(btrim(CAST("Tenure" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_tenure",
    CASE WHEN NOT (btrim(CAST("Tenure" AS TEXT)) IS NULL OR btrim(CAST("Tenure" AS TEXT)) = '' OR lower(btrim(CAST("Tenure" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Tenure" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Tenure" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_tenure",
    CASE WHEN CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END < 1706742000000 THEN NULL WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN to_char(CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin' ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) END, 'YYYY-MM') END AS "period",
    CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("End" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("End" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END + CASE WHEN btrim(CAST("End" AS TEXT)) ~ '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$' AND NOT btrim(CAST("End" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS "period_unread",
    CAST(CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS BIGINT) AS "ms_start_date",
    CAST(NULL AS BIGINT) AS "ms_first_value_at",
    TRUE AS "missing_first_value_at",
    CAST(CASE WHEN btrim(CAST("End" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("End" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AS BIGINT) AS "ms_end_date",
    (btrim(CAST("Start" AS TEXT)) IS NULL OR btrim(CAST("Start" AS TEXT)) = '' OR lower(btrim(CAST("Start" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_start_date",
    (btrim(CAST("End" AS TEXT)) IS NULL OR btrim(CAST("End" AS TEXT)) = '' OR lower(btrim(CAST("End" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "missing_end_date"
  FROM "crm"."customers"
  WHERE ((CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END >= 1706742000000) OR (CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END < 1706742000000 AND ((btrim(CAST("End" AS TEXT)) IS NULL OR btrim(CAST("End" AS TEXT)) = '' OR lower(btrim(CAST("End" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) OR (CASE WHEN btrim(CAST("End" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("End" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END >= CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("Start" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("Start" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END AND CASE WHEN btrim(CAST("End" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN EXTRACT(EPOCH FROM CASE WHEN btrim(CAST("End" AS TEXT)) ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMPTZ) ELSE CAST(btrim(CAST("End" AS TEXT)) AS TIMESTAMP) AT TIME ZONE 'Europe/Berlin' END) * 1000 END > 1706742000000))))
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
    CAST(CASE WHEN "n_tenure" >= 0 AND "n_tenure" < 100000 THEN "n_tenure" * 2629746 END AS NUMERIC) AS "v_tenure",
    "m_revenue",
    "u_revenue",
    "m_acquisition_cost",
    "u_acquisition_cost",
    "m_orders",
    "u_orders",
    "m_tenure",
    CASE WHEN "n_tenure" >= 100000 THEN 1 ELSE "u_tenure" END AS "u_tenure",
    CASE WHEN "ms_start_date" IS NOT NULL THEN CAST("ms_start_date" AS TEXT) WHEN "missing_start_date" THEN '' ELSE 'x' END AS "bk_start",
    CASE WHEN "ms_end_date" IS NOT NULL AND ("ms_start_date" IS NULL OR "ms_end_date" >= "ms_start_date") THEN CAST("ms_end_date" AS TEXT) WHEN "missing_end_date" THEN '' ELSE 'x' END AS "bk_end",
    CASE WHEN ("n_churned") THEN '1' WHEN NOT ("n_churned") THEN '0' ELSE '' END AS "bk_churned",
    COALESCE(CAST(("n_revenue") AS TEXT), '') AS "bk_revenue",
    COALESCE(CAST(("n_acquisition_cost") AS TEXT), '') AS "bk_acquisition_cost",
    COALESCE(CAST((CASE WHEN "n_orders" BETWEEN 0 AND 9007199254740991 AND "n_orders" = FLOOR("n_orders") THEN "n_orders" END) AS TEXT), '') AS "bk_orders",
    COALESCE(CAST(CASE WHEN (CAST(CASE WHEN "n_tenure" >= 0 AND "n_tenure" < 100000 THEN "n_tenure" * 2629746 END AS NUMERIC)) IS NOT NULL THEN "n_tenure" END AS TEXT), '') AS "bk_tenure",
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
  CAST(jsonb_agg(jsonb_build_array(CAST("bk_start" AS TEXT), CAST("bk_end" AS TEXT), CAST("bk_churned" AS TEXT), CAST("bk_revenue" AS TEXT), CAST("bk_acquisition_cost" AS TEXT), CAST("bk_orders" AS TEXT), CAST("bk_tenure" AS TEXT), CAST("bk_unit" AS TEXT))) FILTER (WHERE TRUE) AS TEXT) AS "customers_book__rows",
  MAX("newest_start_date") AS "newest_start_date",
  MAX("newest_end_date") AS "newest_end_date",
  MAX("newest_first_value_at") AS "newest_first_value_at"
FROM answers
GROUP BY "segment_1", "period"
ORDER BY "segment_1", "period"
