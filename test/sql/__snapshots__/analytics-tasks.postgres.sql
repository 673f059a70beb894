-- xla sql --dialect postgres: task_success_rate, task_time.median, task_time.geomean, clicks_to_complete.mean, task_error_rate
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Mission" AS TEXT)), '') AS "segment_1",
    CASE WHEN lower(translate(btrim(CAST("Outcome" AS TEXT)), 'АВДЕЛНОПРСТУХЧШЩЫЯ', 'авделнопрстухчшщыя')) IN ('1', 'complete', 'completed', 'direct success', 'indirect success', 'pass', 'passed', 'succeeded', 'success', 'successful', 't', 'true', 'y', 'yes', 'выполнена', 'выполнено', 'да', 'успех', 'успешно') THEN TRUE WHEN lower(translate(btrim(CAST("Outcome" AS TEXT)), 'АВДЕЛНОПРСТУХЧШЩЫЯ', 'авделнопрстухчшщыя')) IN ('0', 'abandoned', 'bounce', 'bounced', 'f', 'fail', 'failed', 'failure', 'false', 'gave up', 'give up', 'give up / bounce', 'incomplete', 'n', 'no', 'not completed', 'skipped', 'timed out', 'не выполнена', 'не выполнено', 'нет', 'неудача', 'провал', 'пропущено', 'сдался') THEN FALSE END AS "n_task_success",
    CASE WHEN btrim(CAST("Duration" AS TEXT)) ~ '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' THEN CAST(btrim(CAST("Duration" AS TEXT)) AS NUMERIC) * CAST(1000 AS NUMERIC) END AS "n_task_time",
    CASE WHEN btrim(CAST("Clicks" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Clicks" AS TEXT)) AS NUMERIC) END AS "n_task_clicks",
    CASE WHEN btrim(CAST("Misclicks" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Misclicks" AS TEXT)) AS NUMERIC) END AS "n_task_errors",
    (btrim(CAST("Duration" AS TEXT)) IS NULL OR btrim(CAST("Duration" AS TEXT)) = '' OR lower(btrim(CAST("Duration" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_task_time",
    CASE WHEN NOT (btrim(CAST("Duration" AS TEXT)) IS NULL OR btrim(CAST("Duration" AS TEXT)) = '' OR lower(btrim(CAST("Duration" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Duration" AS TEXT)) ~ '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Duration" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_task_time",
    (btrim(CAST("Clicks" AS TEXT)) IS NULL OR btrim(CAST("Clicks" AS TEXT)) = '' OR lower(btrim(CAST("Clicks" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_task_clicks",
    CASE WHEN NOT (btrim(CAST("Clicks" AS TEXT)) IS NULL OR btrim(CAST("Clicks" AS TEXT)) = '' OR lower(btrim(CAST("Clicks" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Clicks" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Clicks" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_task_clicks",
    (btrim(CAST("Misclicks" AS TEXT)) IS NULL OR btrim(CAST("Misclicks" AS TEXT)) = '' OR lower(btrim(CAST("Misclicks" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_task_errors",
    CASE WHEN NOT (btrim(CAST("Misclicks" AS TEXT)) IS NULL OR btrim(CAST("Misclicks" AS TEXT)) = '' OR lower(btrim(CAST("Misclicks" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Misclicks" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Misclicks" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_task_errors"
  FROM "web"."daily"
),
answers AS (
  SELECT
    "segment_1",
    "n_task_success" AS "v_task_success",
    "n_task_time" AS "v_task_time",
    CASE WHEN "n_task_clicks" BETWEEN 0 AND 9007199254740991 THEN "n_task_clicks" END AS "v_task_clicks",
    CASE WHEN "n_task_errors" BETWEEN 0 AND 9007199254740991 THEN "n_task_errors" END AS "v_task_errors",
    "m_task_time",
    "u_task_time",
    "m_task_clicks",
    "u_task_clicks",
    "m_task_errors",
    "u_task_errors"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("u_task_clicks") AS "task_clicks__unread",
  SUM("u_task_errors") AS "task_errors__unread",
  SUM("u_task_time") AS "task_time__unread",
  COUNT(CASE WHEN "v_task_success" THEN 1 END) AS "task_success_rate__x",
  COUNT("v_task_success") AS "task_success_rate__n",
  CAST(array_agg(CASE WHEN "v_task_success" THEN "v_task_time" END ORDER BY CASE WHEN "v_task_success" THEN "v_task_time" END) FILTER (WHERE CASE WHEN "v_task_success" THEN "v_task_time" END IS NOT NULL) AS TEXT) AS "task_time_values__values",
  COUNT(CASE WHEN "v_task_time" IS NOT NULL AND NOT "v_task_success" THEN 1 END) AS "task_time_values__excluded_failed",
  COUNT(CASE WHEN "v_task_time" IS NOT NULL AND "v_task_success" IS NULL THEN 1 END) AS "task_time_values__excluded_no_outcome",
  CAST(array_agg(CASE WHEN "v_task_success" THEN "v_task_clicks" END ORDER BY CASE WHEN "v_task_success" THEN "v_task_clicks" END) FILTER (WHERE CASE WHEN "v_task_success" THEN "v_task_clicks" END IS NOT NULL) AS TEXT) AS "task_clicks_values__values",
  COUNT(CASE WHEN "v_task_clicks" IS NOT NULL AND NOT "v_task_success" THEN 1 END) AS "task_clicks_values__excluded_failed",
  COUNT(CASE WHEN "v_task_clicks" IS NOT NULL AND "v_task_success" IS NULL THEN 1 END) AS "task_clicks_values__excluded_no_outcome",
  COUNT(CASE WHEN "v_task_errors" > 0 THEN 1 END) AS "task_error_rate__x",
  COUNT("v_task_errors") AS "task_error_rate__n"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
