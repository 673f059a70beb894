-- xla sql --dialect bigquery: repeat_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
-- note: BigQuery: a wall time without offset in a DST gap or repeated hour of the zone is placed by PARSE_TIMESTAMP, not checked against xla (which takes the offset before the change)
WITH cells AS (
  SELECT
    COALESCE(TRIM(CAST(`plan` AS STRING)), '') AS `segment_1`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Orders` AS STRING)), r'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN SAFE_CAST(TRIM(CAST(`Orders` AS STRING)) AS BIGNUMERIC) END AS `n_orders`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`start_date` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$') THEN FORMAT_TIMESTAMP('%Y-%m', SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E3S%Ez', concat(CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, CASE WHEN right(TRIM(CAST(`start_date` AS STRING)), 1) = 'Z' THEN '+00:00' ELSE right(TRIM(CAST(`start_date` AS STRING)), 6) END)), 'Europe/Berlin') ELSE FORMAT_DATETIME('%Y-%m', SAFE.PARSE_DATETIME('%Y-%m-%d %H:%M:%E3S', CASE WHEN REGEXP_CONTAINS(left(concat(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23), r'^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$') THEN left(concat(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(TRIM(CAST(`start_date` AS STRING)), r'(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END)) END END AS `period`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`start_date` AS STRING)), r'^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT REGEXP_CONTAINS(TRIM(CAST(`start_date` AS STRING)), r'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS `period_unread`
  FROM `crm.customers`
),
answers AS (
  SELECT
    `segment_1`,
    `period`,
    `period_unread`,
    CASE WHEN `n_orders` BETWEEN 0 AND 9007199254740991 AND `n_orders` = FLOOR(`n_orders`) THEN `n_orders` END AS `v_orders`
  FROM cells
)
SELECT
  `segment_1`,
  `period`,
  COUNT(*) AS `rows`,
  SUM(`period_unread`) AS `period_unread`,
  COUNT(CASE WHEN `v_orders` > 1 THEN 1 END) AS `repeat_rate__x`,
  COUNT(CASE WHEN `v_orders` >= 1 THEN 1 END) AS `repeat_rate__n`
FROM answers
GROUP BY `segment_1`, `period`
ORDER BY `segment_1`, `period`
