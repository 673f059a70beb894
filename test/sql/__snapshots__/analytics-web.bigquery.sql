-- xla sql --dialect bigquery: bounce_rate, error_rate, engagement_time.mean, apdex, response_time.p95
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(TRIM(CAST(`Channel` AS STRING)), '') AS `segment_1`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Sessions` AS STRING)), r'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN SAFE_CAST(TRIM(CAST(`Sessions` AS STRING)) AS BIGNUMERIC) END AS `n_sessions`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Bounces` AS STRING)), r'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN SAFE_CAST(TRIM(CAST(`Bounces` AS STRING)) AS BIGNUMERIC) END AS `n_bounces`,
    CAST(CASE WHEN CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Bounce rate` AS STRING)), r'^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$') THEN CAST(TRIM(CAST(`Bounce rate` AS STRING)) AS BIGNUMERIC) WHEN REGEXP_CONTAINS(TRIM(CAST(`Bounce rate` AS STRING)), r'^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$') THEN CAST(substr(TRIM(CAST(`Bounce rate` AS STRING)), 1, length(TRIM(CAST(`Bounce rate` AS STRING))) - 1) AS BIGNUMERIC) * CAST('0.01' AS BIGNUMERIC) END BETWEEN 0 AND 1 THEN CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Bounce rate` AS STRING)), r'^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$') THEN CAST(TRIM(CAST(`Bounce rate` AS STRING)) AS BIGNUMERIC) WHEN REGEXP_CONTAINS(TRIM(CAST(`Bounce rate` AS STRING)), r'^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$') THEN CAST(substr(TRIM(CAST(`Bounce rate` AS STRING)), 1, length(TRIM(CAST(`Bounce rate` AS STRING))) - 1) AS BIGNUMERIC) * CAST('0.01' AS BIGNUMERIC) END END AS BIGNUMERIC) AS `n_bounce_rate`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Engagement (min)` AS STRING)), r'^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') THEN CAST(TRIM(CAST(`Engagement (min)` AS STRING)) AS BIGNUMERIC) * CAST(60000 AS BIGNUMERIC) END AS `n_engagement_time`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`HTTP status` AS STRING)), r'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN SAFE_CAST(TRIM(CAST(`HTTP status` AS STRING)) AS BIGNUMERIC) END AS `n_status_code`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Latency (ms)` AS STRING)), r'^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') THEN CAST(TRIM(CAST(`Latency (ms)` AS STRING)) AS BIGNUMERIC) * CAST(1 AS BIGNUMERIC) END AS `n_response_time`,
    (TRIM(CAST(`Sessions` AS STRING)) IS NULL OR TRIM(CAST(`Sessions` AS STRING)) = '' OR lower(TRIM(CAST(`Sessions` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_sessions`,
    CASE WHEN NOT (TRIM(CAST(`Sessions` AS STRING)) IS NULL OR TRIM(CAST(`Sessions` AS STRING)) = '' OR lower(TRIM(CAST(`Sessions` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`Sessions` AS STRING)), r'^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`Sessions` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_sessions`,
    (TRIM(CAST(`Bounces` AS STRING)) IS NULL OR TRIM(CAST(`Bounces` AS STRING)) = '' OR lower(TRIM(CAST(`Bounces` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_bounces`,
    CASE WHEN NOT (TRIM(CAST(`Bounces` AS STRING)) IS NULL OR TRIM(CAST(`Bounces` AS STRING)) = '' OR lower(TRIM(CAST(`Bounces` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`Bounces` AS STRING)), r'^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`Bounces` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_bounces`,
    (TRIM(CAST(`Bounce rate` AS STRING)) IS NULL OR TRIM(CAST(`Bounce rate` AS STRING)) = '' OR lower(TRIM(CAST(`Bounce rate` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_bounce_rate`,
    CASE WHEN NOT (TRIM(CAST(`Bounce rate` AS STRING)) IS NULL OR TRIM(CAST(`Bounce rate` AS STRING)) = '' OR lower(TRIM(CAST(`Bounce rate` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT (REGEXP_CONTAINS(TRIM(CAST(`Bounce rate` AS STRING)), r'^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$') OR REGEXP_CONTAINS(TRIM(CAST(`Bounce rate` AS STRING)), r'^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$')) AND REGEXP_CONTAINS(TRIM(CAST(`Bounce rate` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_bounce_rate`,
    (TRIM(CAST(`Engagement (min)` AS STRING)) IS NULL OR TRIM(CAST(`Engagement (min)` AS STRING)) = '' OR lower(TRIM(CAST(`Engagement (min)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_engagement_time`,
    CASE WHEN NOT (TRIM(CAST(`Engagement (min)` AS STRING)) IS NULL OR TRIM(CAST(`Engagement (min)` AS STRING)) = '' OR lower(TRIM(CAST(`Engagement (min)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`Engagement (min)` AS STRING)), r'^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`Engagement (min)` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_engagement_time`,
    (TRIM(CAST(`HTTP status` AS STRING)) IS NULL OR TRIM(CAST(`HTTP status` AS STRING)) = '' OR lower(TRIM(CAST(`HTTP status` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_status_code`,
    CASE WHEN NOT (TRIM(CAST(`HTTP status` AS STRING)) IS NULL OR TRIM(CAST(`HTTP status` AS STRING)) = '' OR lower(TRIM(CAST(`HTTP status` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`HTTP status` AS STRING)), r'^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`HTTP status` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_status_code`,
    (TRIM(CAST(`Latency (ms)` AS STRING)) IS NULL OR TRIM(CAST(`Latency (ms)` AS STRING)) = '' OR lower(TRIM(CAST(`Latency (ms)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_response_time`,
    CASE WHEN NOT (TRIM(CAST(`Latency (ms)` AS STRING)) IS NULL OR TRIM(CAST(`Latency (ms)` AS STRING)) = '' OR lower(TRIM(CAST(`Latency (ms)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`Latency (ms)` AS STRING)), r'^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`Latency (ms)` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_response_time`
  FROM `web.daily`
),
answers AS (
  SELECT
    `segment_1`,
    CASE WHEN `n_sessions` BETWEEN 0 AND 9007199254740991 THEN `n_sessions` END AS `v_sessions`,
    CASE WHEN `n_bounces` BETWEEN 0 AND 9007199254740991 THEN `n_bounces` END AS `v_bounces`,
    `n_bounce_rate` AS `v_bounce_rate`,
    `n_engagement_time` AS `v_engagement_time`,
    CASE WHEN `n_status_code` BETWEEN 100 AND 599 THEN `n_status_code` END AS `v_status_code`,
    `n_response_time` AS `v_response_time`,
    `m_sessions`,
    `u_sessions`,
    `m_bounces`,
    `u_bounces`,
    `m_bounce_rate`,
    `u_bounce_rate`,
    `m_engagement_time`,
    `u_engagement_time`,
    `m_status_code`,
    `u_status_code`,
    `m_response_time`,
    `u_response_time`
  FROM cells
)
SELECT
  `segment_1`,
  COUNT(*) AS `rows`,
  SUM(`u_bounce_rate`) AS `bounce_rate__unread`,
  SUM(`u_bounces`) AS `bounces__unread`,
  SUM(`u_engagement_time`) AS `engagement_time__unread`,
  0 AS `errors__unread`,
  0 AS `requests__unread`,
  SUM(`u_response_time`) AS `response_time__unread`,
  SUM(`u_sessions`) AS `sessions__unread`,
  SUM(`u_status_code`) AS `status_code__unread`,
  CAST(SUM(CASE WHEN (`v_bounces`) IS NOT NULL AND (`v_sessions`) IS NOT NULL THEN `v_bounces` WHEN (`v_bounce_rate`) IS NOT NULL THEN `v_bounce_rate` * COALESCE(`v_sessions`, 1) END) AS STRING) AS `bounce_rate__x`,
  CAST(SUM(CASE WHEN (`v_bounces`) IS NOT NULL AND (`v_sessions`) IS NOT NULL THEN `v_sessions` WHEN (`v_bounce_rate`) IS NOT NULL THEN COALESCE(`v_sessions`, 1) END) AS STRING) AS `bounce_rate__n`,
  CAST(SUM(CASE WHEN (`v_status_code` >= 400) IS NOT NULL THEN CASE WHEN `v_status_code` >= 400 THEN 1 ELSE 0 END END) AS STRING) AS `error_rate__x`,
  CAST(SUM(CASE WHEN (`v_status_code` >= 400) IS NOT NULL THEN 1 END) AS STRING) AS `error_rate__n`,
  CAST(SUM(`v_engagement_time`) AS STRING) AS `engagement_time_mean__numerator`,
  CAST(SUM(CASE WHEN `v_engagement_time` IS NOT NULL THEN COALESCE(`v_sessions`, 1) END) AS STRING) AS `engagement_time_mean__denominator`,
  COUNT(CASE WHEN `v_response_time` IS NOT NULL AND NOT (COALESCE(`v_status_code` >= 400, FALSE) OR `v_response_time` > 4 * 300) AND NOT `v_response_time` > 300 THEN 1 END) AS `apdex__satisfied`,
  COUNT(CASE WHEN `v_response_time` IS NOT NULL AND NOT (COALESCE(`v_status_code` >= 400, FALSE) OR `v_response_time` > 4 * 300) AND `v_response_time` > 300 THEN 1 END) AS `apdex__tolerating`,
  COUNT(CASE WHEN `v_response_time` IS NOT NULL AND (COALESCE(`v_status_code` >= 400, FALSE) OR `v_response_time` > 4 * 300) THEN 1 END) AS `apdex__frustrated`,
  CAST(MAX(300) AS STRING) AS `apdex__t_ms`,
  TO_JSON_STRING(ARRAY_AGG(`v_response_time` IGNORE NULLS ORDER BY `v_response_time`)) AS `response_time_p95__values`
FROM answers
GROUP BY `segment_1`
ORDER BY `segment_1`
