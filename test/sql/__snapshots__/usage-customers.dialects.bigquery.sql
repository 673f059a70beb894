-- xla sql --dialect bigquery: adoption_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
-- note: BigQuery: a wall time without offset in a DST gap or repeated hour of the zone is placed by PARSE_TIMESTAMP, not checked against xla (which takes the offset before the change)
WITH cells AS (
  SELECT
    COALESCE(TRIM(CAST(`Plan` AS STRING)), '') AS `segment_1`,
    TRIM(CAST(`Account` AS STRING)) AS `n_customer_id`,
    CASE WHEN lower(translate(TRIM(CAST(`Is active` AS STRING)), 'АДЕНТ', 'адент')) IN ('1', 't', 'true', 'y', 'yes', 'да') THEN TRUE WHEN lower(translate(TRIM(CAST(`Is active` AS STRING)), 'АДЕНТ', 'адент')) IN ('0', 'f', 'false', 'n', 'no', 'нет') THEN FALSE END AS `n_active`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$') THEN FORMAT_TIMESTAMP('%Y-%m', SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E3S%Ez', concat(CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, CASE WHEN right(TRIM(CAST(`Start` AS STRING)), 1) = 'Z' THEN '+00:00' ELSE right(TRIM(CAST(`Start` AS STRING)), 6) END)), 'Europe/Berlin') ELSE FORMAT_DATETIME('%Y-%m', SAFE.PARSE_DATETIME('%Y-%m-%d %H:%M:%E3S', CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END)) END END AS `period`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`End` AS STRING)), r'^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT REGEXP_CONTAINS(TRIM(CAST(`End` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS `period_unread`,
    CAST(CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN UNIX_MILLIS(CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$') THEN SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E3S%Ez', concat(CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, CASE WHEN right(TRIM(CAST(`Start` AS STRING)), 1) = 'Z' THEN '+00:00' ELSE right(TRIM(CAST(`Start` AS STRING)), 6) END)) ELSE SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E3S', CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`Start` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, 'Europe/Berlin') END) END AS BIGINT) AS `ms_start_date`,
    CAST(NULL AS BIGINT) AS `ms_first_value_at`,
    TRUE AS `missing_first_value_at`,
    CAST(CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`End` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN UNIX_MILLIS(CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$') THEN SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E3S%Ez', concat(CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, CASE WHEN right(TRIM(CAST(`End` AS STRING)), 1) = 'Z' THEN '+00:00' ELSE right(TRIM(CAST(`End` AS STRING)), 6) END)) ELSE SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E3S', CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`End` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, 'Europe/Berlin') END) END AS BIGINT) AS `ms_end_date`,
    (TRIM(CAST(`Start` AS STRING)) IS NULL OR TRIM(CAST(`Start` AS STRING)) = '' OR lower(TRIM(CAST(`Start` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `missing_start_date`,
    (TRIM(CAST(`End` AS STRING)) IS NULL OR TRIM(CAST(`End` AS STRING)) = '' OR lower(TRIM(CAST(`End` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `missing_end_date`
  FROM `crm.customers`
),
answers AS (
  SELECT
    `segment_1`,
    `period`,
    `period_unread`,
    `n_customer_id` AS `v_customer_id`,
    `n_active` AS `v_active`,
    CASE WHEN `ms_start_date` IS NOT NULL THEN CAST(`ms_start_date` AS STRING) WHEN `missing_start_date` THEN '' ELSE 'x' END AS `bk_start`,
    CASE WHEN `ms_end_date` IS NOT NULL AND (`ms_start_date` IS NULL OR `ms_end_date` >= `ms_start_date`) THEN CAST(`ms_end_date` AS STRING) WHEN `missing_end_date` THEN '' ELSE 'x' END AS `bk_end`,
    '' AS `bk_churned`,
    '' AS `bk_revenue`,
    '' AS `bk_acquisition_cost`,
    '' AS `bk_orders`,
    '' AS `bk_tenure`,
    's' AS `bk_unit`,
    `ms_start_date` AS `newest_start_date`,
    CASE WHEN `ms_end_date` IS NOT NULL AND (`ms_start_date` IS NULL OR `ms_end_date` >= `ms_start_date`) THEN `ms_end_date` END AS `newest_end_date`,
    CASE WHEN `ms_first_value_at` IS NOT NULL AND (`ms_start_date` IS NULL OR `ms_first_value_at` >= `ms_start_date`) THEN `ms_first_value_at` END AS `newest_first_value_at`
  FROM cells
)
SELECT
  `segment_1`,
  `period`,
  COUNT(*) AS `rows`,
  SUM(`period_unread`) AS `period_unread`,
  0 AS `user_id__unread`,
  TO_JSON_STRING(ARRAY_AGG(IF(FALSE, TO_JSON_STRING([CAST('' AS STRING)]), NULL) IGNORE NULLS)) AS `usage_days__user_days`,
  TO_JSON_STRING(ARRAY_AGG(IF(TRUE, TO_JSON_STRING([CAST(`bk_start` AS STRING), CAST(`bk_end` AS STRING), CAST(CASE WHEN `v_active` THEN '1' WHEN NOT `v_active` THEN '0' ELSE '' END AS STRING), CAST(CASE WHEN (`v_customer_id` IS NULL OR `v_customer_id` = '' OR lower(`v_customer_id`) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN '0' ELSE '1' END AS STRING)]), NULL) IGNORE NULLS)) AS `usage_days__customers`,
  MAX(`newest_start_date`) AS `newest_start_date`,
  MAX(`newest_end_date`) AS `newest_end_date`,
  MAX(`newest_first_value_at`) AS `newest_first_value_at`
FROM answers
GROUP BY `segment_1`, `period`
ORDER BY `segment_1`, `period`
