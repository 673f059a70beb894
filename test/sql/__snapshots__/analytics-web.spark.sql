-- xla sql --dialect spark: bounce_rate, error_rate, engagement_time.mean, apdex, response_time.p95
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
-- note: Spark: a sum of squares past 10^26 overflows DECIMAL(38, 12); ANSI mode then fails the query, otherwise the sum is NULL
WITH cells AS (
  SELECT
    COALESCE(trim(CAST(`Channel` AS STRING)), '') AS `segment_1`,
    CASE WHEN trim(CAST(`Sessions` AS STRING)) RLIKE '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN TRY_CAST(trim(CAST(`Sessions` AS STRING)) AS DECIMAL(18, 6)) END AS `n_sessions`,
    CASE WHEN trim(CAST(`Bounces` AS STRING)) RLIKE '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN TRY_CAST(trim(CAST(`Bounces` AS STRING)) AS DECIMAL(18, 6)) END AS `n_bounces`,
    CAST(CASE WHEN CASE WHEN trim(CAST(`Bounce rate` AS STRING)) RLIKE '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$' THEN CAST(trim(CAST(`Bounce rate` AS STRING)) AS DECIMAL(18, 15)) WHEN trim(CAST(`Bounce rate` AS STRING)) RLIKE '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$' THEN CAST(substr(trim(CAST(`Bounce rate` AS STRING)), 1, length(trim(CAST(`Bounce rate` AS STRING))) - 1) AS DECIMAL(18, 13)) * CAST('0.01' AS DECIMAL(3, 2)) END BETWEEN 0 AND 1 THEN CASE WHEN trim(CAST(`Bounce rate` AS STRING)) RLIKE '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$' THEN CAST(trim(CAST(`Bounce rate` AS STRING)) AS DECIMAL(18, 15)) WHEN trim(CAST(`Bounce rate` AS STRING)) RLIKE '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$' THEN CAST(substr(trim(CAST(`Bounce rate` AS STRING)), 1, length(trim(CAST(`Bounce rate` AS STRING))) - 1) AS DECIMAL(18, 13)) * CAST('0.01' AS DECIMAL(3, 2)) END END AS DECIMAL(18, 17)) AS `n_bounce_rate`,
    CASE WHEN trim(CAST(`Engagement (min)` AS STRING)) RLIKE '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' THEN CAST(trim(CAST(`Engagement (min)` AS STRING)) AS DECIMAL(28, 6)) * CAST(60000 AS DECIMAL(10, 0)) END AS `n_engagement_time`,
    CASE WHEN trim(CAST(`HTTP status` AS STRING)) RLIKE '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN TRY_CAST(trim(CAST(`HTTP status` AS STRING)) AS DECIMAL(18, 6)) END AS `n_status_code`,
    CASE WHEN trim(CAST(`Latency (ms)` AS STRING)) RLIKE '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' THEN CAST(trim(CAST(`Latency (ms)` AS STRING)) AS DECIMAL(28, 6)) * CAST(1 AS DECIMAL(10, 0)) END AS `n_response_time`,
    (trim(CAST(`Sessions` AS STRING)) IS NULL OR trim(CAST(`Sessions` AS STRING)) = '' OR lower(trim(CAST(`Sessions` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_sessions`,
    CASE WHEN NOT (trim(CAST(`Sessions` AS STRING)) IS NULL OR trim(CAST(`Sessions` AS STRING)) = '' OR lower(trim(CAST(`Sessions` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(CAST(`Sessions` AS STRING)) RLIKE '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(CAST(`Sessions` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_sessions`,
    (trim(CAST(`Bounces` AS STRING)) IS NULL OR trim(CAST(`Bounces` AS STRING)) = '' OR lower(trim(CAST(`Bounces` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_bounces`,
    CASE WHEN NOT (trim(CAST(`Bounces` AS STRING)) IS NULL OR trim(CAST(`Bounces` AS STRING)) = '' OR lower(trim(CAST(`Bounces` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(CAST(`Bounces` AS STRING)) RLIKE '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(CAST(`Bounces` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_bounces`,
    (trim(CAST(`Bounce rate` AS STRING)) IS NULL OR trim(CAST(`Bounce rate` AS STRING)) = '' OR lower(trim(CAST(`Bounce rate` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_bounce_rate`,
    CASE WHEN NOT (trim(CAST(`Bounce rate` AS STRING)) IS NULL OR trim(CAST(`Bounce rate` AS STRING)) = '' OR lower(trim(CAST(`Bounce rate` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT (trim(CAST(`Bounce rate` AS STRING)) RLIKE '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$' OR trim(CAST(`Bounce rate` AS STRING)) RLIKE '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$') AND trim(CAST(`Bounce rate` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_bounce_rate`,
    (trim(CAST(`Engagement (min)` AS STRING)) IS NULL OR trim(CAST(`Engagement (min)` AS STRING)) = '' OR lower(trim(CAST(`Engagement (min)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_engagement_time`,
    CASE WHEN NOT (trim(CAST(`Engagement (min)` AS STRING)) IS NULL OR trim(CAST(`Engagement (min)` AS STRING)) = '' OR lower(trim(CAST(`Engagement (min)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(CAST(`Engagement (min)` AS STRING)) RLIKE '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(CAST(`Engagement (min)` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_engagement_time`,
    (trim(CAST(`HTTP status` AS STRING)) IS NULL OR trim(CAST(`HTTP status` AS STRING)) = '' OR lower(trim(CAST(`HTTP status` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_status_code`,
    CASE WHEN NOT (trim(CAST(`HTTP status` AS STRING)) IS NULL OR trim(CAST(`HTTP status` AS STRING)) = '' OR lower(trim(CAST(`HTTP status` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(CAST(`HTTP status` AS STRING)) RLIKE '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(CAST(`HTTP status` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_status_code`,
    (trim(CAST(`Latency (ms)` AS STRING)) IS NULL OR trim(CAST(`Latency (ms)` AS STRING)) = '' OR lower(trim(CAST(`Latency (ms)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_response_time`,
    CASE WHEN NOT (trim(CAST(`Latency (ms)` AS STRING)) IS NULL OR trim(CAST(`Latency (ms)` AS STRING)) = '' OR lower(trim(CAST(`Latency (ms)` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT trim(CAST(`Latency (ms)` AS STRING)) RLIKE '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND trim(CAST(`Latency (ms)` AS STRING)) RLIKE '[0-9]' THEN 1 ELSE 0 END AS `u_response_time`
  FROM `web`.`daily`
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
  to_json(sort_array(collect_list(`v_response_time`))) AS `response_time_p95__values`
FROM answers
GROUP BY `segment_1`
ORDER BY `segment_1`
