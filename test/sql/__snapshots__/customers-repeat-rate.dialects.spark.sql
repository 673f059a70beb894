-- xla sql --dialect spark: repeat_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
-- note: Spark: a sum of squares past 10^26 overflows DECIMAL(38, 12); ANSI mode then fails the query, otherwise the sum is NULL
-- note: Spark: dates need Spark 3.5 or later (try_to_timestamp) and spark.sql.timestampType TIMESTAMP_LTZ (the default); the session time zone does not matter
WITH cells AS (
  SELECT
    COALESCE(trim(CAST(`plan` AS STRING)), '') AS `segment_1`,
    CASE WHEN trim(CAST(`Orders` AS STRING)) RLIKE '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN TRY_CAST(trim(CAST(`Orders` AS STRING)) AS DECIMAL(18, 6)) END AS `n_orders`,
    CASE WHEN trim(CAST(`start_date` AS STRING)) RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN date_format(date_from_unix_date(CAST(floor(CASE WHEN trim(CAST(`start_date` AS STRING)) RLIKE '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN unix_millis(from_utc_timestamp(timestamp_millis(unix_millis(try_to_timestamp(concat(CASE WHEN left(concat(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) RLIKE '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$' THEN left(concat(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, CASE WHEN trim(CAST(`start_date` AS STRING)) RLIKE '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CASE WHEN right(trim(CAST(`start_date` AS STRING)), 1) = 'Z' THEN '+00:00' ELSE right(trim(CAST(`start_date` AS STRING)), 6) END ELSE '+00:00' END), 'yyyy-MM-dd HH:mm:ss.SSSXXX'))), 'Europe/Berlin')) ELSE unix_millis(try_to_timestamp(concat(CASE WHEN left(concat(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) RLIKE '^([1-9][0-9]{3}|0[1-9][0-9]{2})-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][.][0-9]{3}$' THEN left(concat(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' '), substr('0000-00-00 00:00:00.000', length(replace(regexp_replace(trim(CAST(`start_date` AS STRING)), '(Z|[+-][0-9]{2}:[0-9]{2})$', ''), 'T', ' ')) + 1)), 23) END, CASE WHEN trim(CAST(`start_date` AS STRING)) RLIKE '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN CASE WHEN right(trim(CAST(`start_date` AS STRING)), 1) = 'Z' THEN '+00:00' ELSE right(trim(CAST(`start_date` AS STRING)), 6) END ELSE '+00:00' END), 'yyyy-MM-dd HH:mm:ss.SSSXXX')) END / 86400000) AS INT)), 'yyyy-MM') END AS `period`,
    CASE WHEN trim(CAST(`start_date` AS STRING)) RLIKE '^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\\d{2})(?::?(\\d{2}))?))?)?$' AND NOT trim(CAST(`start_date` AS STRING)) RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN 1 ELSE 0 END AS `period_unread`
  FROM `crm`.`customers`
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
