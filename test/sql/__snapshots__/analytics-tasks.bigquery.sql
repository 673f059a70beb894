-- xla sql --dialect bigquery: task_success_rate, task_time.median, task_time.geomean, clicks_to_complete.mean, task_error_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(TRIM(CAST(`Mission` AS STRING)), '') AS `segment_1`,
    CASE WHEN lower(translate(TRIM(CAST(`Outcome` AS STRING)), 'АВДЕЛНОПРСТУХЧШЩЫЯ', 'авделнопрстухчшщыя')) IN ('1', 'complete', 'completed', 'direct success', 'indirect success', 'pass', 'passed', 'succeeded', 'success', 'successful', 't', 'true', 'y', 'yes', 'выполнена', 'выполнено', 'да', 'успех', 'успешно') THEN TRUE WHEN lower(translate(TRIM(CAST(`Outcome` AS STRING)), 'АВДЕЛНОПРСТУХЧШЩЫЯ', 'авделнопрстухчшщыя')) IN ('0', 'abandoned', 'bounce', 'bounced', 'f', 'fail', 'failed', 'failure', 'false', 'gave up', 'give up', 'give up / bounce', 'incomplete', 'n', 'no', 'not completed', 'skipped', 'timed out', 'не выполнена', 'не выполнено', 'нет', 'неудача', 'провал', 'пропущено', 'сдался') THEN FALSE END AS `n_task_success`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Duration` AS STRING)), r'^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') THEN CAST(TRIM(CAST(`Duration` AS STRING)) AS BIGNUMERIC) * CAST(1000 AS BIGNUMERIC) END AS `n_task_time`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Clicks` AS STRING)), r'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN SAFE_CAST(TRIM(CAST(`Clicks` AS STRING)) AS BIGNUMERIC) END AS `n_task_clicks`,
    CASE WHEN REGEXP_CONTAINS(TRIM(CAST(`Misclicks` AS STRING)), r'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN SAFE_CAST(TRIM(CAST(`Misclicks` AS STRING)) AS BIGNUMERIC) END AS `n_task_errors`,
    (TRIM(CAST(`Duration` AS STRING)) IS NULL OR TRIM(CAST(`Duration` AS STRING)) = '' OR lower(TRIM(CAST(`Duration` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_task_time`,
    CASE WHEN NOT (TRIM(CAST(`Duration` AS STRING)) IS NULL OR TRIM(CAST(`Duration` AS STRING)) = '' OR lower(TRIM(CAST(`Duration` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`Duration` AS STRING)), r'^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`Duration` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_task_time`,
    (TRIM(CAST(`Clicks` AS STRING)) IS NULL OR TRIM(CAST(`Clicks` AS STRING)) = '' OR lower(TRIM(CAST(`Clicks` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_task_clicks`,
    CASE WHEN NOT (TRIM(CAST(`Clicks` AS STRING)) IS NULL OR TRIM(CAST(`Clicks` AS STRING)) = '' OR lower(TRIM(CAST(`Clicks` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`Clicks` AS STRING)), r'^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`Clicks` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_task_clicks`,
    (TRIM(CAST(`Misclicks` AS STRING)) IS NULL OR TRIM(CAST(`Misclicks` AS STRING)) = '' OR lower(TRIM(CAST(`Misclicks` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS `m_task_errors`,
    CASE WHEN NOT (TRIM(CAST(`Misclicks` AS STRING)) IS NULL OR TRIM(CAST(`Misclicks` AS STRING)) = '' OR lower(TRIM(CAST(`Misclicks` AS STRING))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT REGEXP_CONTAINS(TRIM(CAST(`Misclicks` AS STRING)), r'^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND REGEXP_CONTAINS(TRIM(CAST(`Misclicks` AS STRING)), r'[0-9]') THEN 1 ELSE 0 END AS `u_task_errors`
  FROM `web.daily`
),
answers AS (
  SELECT
    `segment_1`,
    `n_task_success` AS `v_task_success`,
    `n_task_time` AS `v_task_time`,
    CASE WHEN `n_task_clicks` BETWEEN 0 AND 9007199254740991 THEN `n_task_clicks` END AS `v_task_clicks`,
    CASE WHEN `n_task_errors` BETWEEN 0 AND 9007199254740991 THEN `n_task_errors` END AS `v_task_errors`,
    `m_task_time`,
    `u_task_time`,
    `m_task_clicks`,
    `u_task_clicks`,
    `m_task_errors`,
    `u_task_errors`
  FROM cells
)
SELECT
  `segment_1`,
  COUNT(*) AS `rows`,
  SUM(`u_task_clicks`) AS `task_clicks__unread`,
  SUM(`u_task_errors`) AS `task_errors__unread`,
  SUM(`u_task_time`) AS `task_time__unread`,
  COUNT(CASE WHEN `v_task_success` THEN 1 END) AS `task_success_rate__x`,
  COUNT(`v_task_success`) AS `task_success_rate__n`,
  TO_JSON_STRING(ARRAY_AGG(CASE WHEN `v_task_success` THEN `v_task_time` END IGNORE NULLS ORDER BY CASE WHEN `v_task_success` THEN `v_task_time` END)) AS `task_time_values__values`,
  COUNT(CASE WHEN `v_task_time` IS NOT NULL AND NOT `v_task_success` THEN 1 END) AS `task_time_values__excluded_failed`,
  COUNT(CASE WHEN `v_task_time` IS NOT NULL AND `v_task_success` IS NULL THEN 1 END) AS `task_time_values__excluded_no_outcome`,
  TO_JSON_STRING(ARRAY_AGG(CASE WHEN `v_task_success` THEN `v_task_clicks` END IGNORE NULLS ORDER BY CASE WHEN `v_task_success` THEN `v_task_clicks` END)) AS `task_clicks_values__values`,
  COUNT(CASE WHEN `v_task_clicks` IS NOT NULL AND NOT `v_task_success` THEN 1 END) AS `task_clicks_values__excluded_failed`,
  COUNT(CASE WHEN `v_task_clicks` IS NOT NULL AND `v_task_success` IS NULL THEN 1 END) AS `task_clicks_values__excluded_no_outcome`,
  COUNT(CASE WHEN `v_task_errors` > 0 THEN 1 END) AS `task_error_rate__x`,
  COUNT(`v_task_errors`) AS `task_error_rate__n`
FROM answers
GROUP BY `segment_1`
ORDER BY `segment_1`
