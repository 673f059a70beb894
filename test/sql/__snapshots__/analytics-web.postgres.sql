-- xla sql --dialect postgres: bounce_rate, error_rate, engagement_time.mean, apdex, response_time.p95
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(btrim(CAST("Channel" AS TEXT)), '') AS "segment_1",
    CASE WHEN btrim(CAST("Sessions" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Sessions" AS TEXT)) AS NUMERIC) END AS "n_sessions",
    CASE WHEN btrim(CAST("Bounces" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("Bounces" AS TEXT)) AS NUMERIC) END AS "n_bounces",
    CAST(CASE WHEN CASE WHEN btrim(CAST("Bounce rate" AS TEXT)) ~ '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$' THEN CAST(btrim(CAST("Bounce rate" AS TEXT)) AS NUMERIC) WHEN btrim(CAST("Bounce rate" AS TEXT)) ~ '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$' THEN CAST(substr(btrim(CAST("Bounce rate" AS TEXT)), 1, length(btrim(CAST("Bounce rate" AS TEXT))) - 1) AS NUMERIC) * CAST('0.01' AS NUMERIC) END BETWEEN 0 AND 1 THEN CASE WHEN btrim(CAST("Bounce rate" AS TEXT)) ~ '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$' THEN CAST(btrim(CAST("Bounce rate" AS TEXT)) AS NUMERIC) WHEN btrim(CAST("Bounce rate" AS TEXT)) ~ '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$' THEN CAST(substr(btrim(CAST("Bounce rate" AS TEXT)), 1, length(btrim(CAST("Bounce rate" AS TEXT))) - 1) AS NUMERIC) * CAST('0.01' AS NUMERIC) END END AS NUMERIC) AS "n_bounce_rate",
    CASE WHEN btrim(CAST("Engagement (min)" AS TEXT)) ~ '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' THEN CAST(btrim(CAST("Engagement (min)" AS TEXT)) AS NUMERIC) * CAST(60000 AS NUMERIC) END AS "n_engagement_time",
    CASE WHEN btrim(CAST("HTTP status" AS TEXT)) ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$' THEN CAST(btrim(CAST("HTTP status" AS TEXT)) AS NUMERIC) END AS "n_status_code",
    CASE WHEN btrim(CAST("Latency (ms)" AS TEXT)) ~ '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' THEN CAST(btrim(CAST("Latency (ms)" AS TEXT)) AS NUMERIC) * CAST(1 AS NUMERIC) END AS "n_response_time",
    (btrim(CAST("Sessions" AS TEXT)) IS NULL OR btrim(CAST("Sessions" AS TEXT)) = '' OR lower(btrim(CAST("Sessions" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_sessions",
    CASE WHEN NOT (btrim(CAST("Sessions" AS TEXT)) IS NULL OR btrim(CAST("Sessions" AS TEXT)) = '' OR lower(btrim(CAST("Sessions" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Sessions" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Sessions" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_sessions",
    (btrim(CAST("Bounces" AS TEXT)) IS NULL OR btrim(CAST("Bounces" AS TEXT)) = '' OR lower(btrim(CAST("Bounces" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_bounces",
    CASE WHEN NOT (btrim(CAST("Bounces" AS TEXT)) IS NULL OR btrim(CAST("Bounces" AS TEXT)) = '' OR lower(btrim(CAST("Bounces" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Bounces" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Bounces" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_bounces",
    (btrim(CAST("Bounce rate" AS TEXT)) IS NULL OR btrim(CAST("Bounce rate" AS TEXT)) = '' OR lower(btrim(CAST("Bounce rate" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_bounce_rate",
    CASE WHEN NOT (btrim(CAST("Bounce rate" AS TEXT)) IS NULL OR btrim(CAST("Bounce rate" AS TEXT)) = '' OR lower(btrim(CAST("Bounce rate" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT (btrim(CAST("Bounce rate" AS TEXT)) ~ '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$' OR btrim(CAST("Bounce rate" AS TEXT)) ~ '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$') AND btrim(CAST("Bounce rate" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_bounce_rate",
    (btrim(CAST("Engagement (min)" AS TEXT)) IS NULL OR btrim(CAST("Engagement (min)" AS TEXT)) = '' OR lower(btrim(CAST("Engagement (min)" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_engagement_time",
    CASE WHEN NOT (btrim(CAST("Engagement (min)" AS TEXT)) IS NULL OR btrim(CAST("Engagement (min)" AS TEXT)) = '' OR lower(btrim(CAST("Engagement (min)" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Engagement (min)" AS TEXT)) ~ '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Engagement (min)" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_engagement_time",
    (btrim(CAST("HTTP status" AS TEXT)) IS NULL OR btrim(CAST("HTTP status" AS TEXT)) = '' OR lower(btrim(CAST("HTTP status" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_status_code",
    CASE WHEN NOT (btrim(CAST("HTTP status" AS TEXT)) IS NULL OR btrim(CAST("HTTP status" AS TEXT)) = '' OR lower(btrim(CAST("HTTP status" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("HTTP status" AS TEXT)) ~ '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("HTTP status" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_status_code",
    (btrim(CAST("Latency (ms)" AS TEXT)) IS NULL OR btrim(CAST("Latency (ms)" AS TEXT)) = '' OR lower(btrim(CAST("Latency (ms)" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_response_time",
    CASE WHEN NOT (btrim(CAST("Latency (ms)" AS TEXT)) IS NULL OR btrim(CAST("Latency (ms)" AS TEXT)) = '' OR lower(btrim(CAST("Latency (ms)" AS TEXT))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT btrim(CAST("Latency (ms)" AS TEXT)) ~ '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$' AND btrim(CAST("Latency (ms)" AS TEXT)) ~ '[0-9]' THEN 1 ELSE 0 END AS "u_response_time"
  FROM "web"."daily"
),
answers AS (
  SELECT
    "segment_1",
    CASE WHEN "n_sessions" BETWEEN 0 AND 9007199254740991 THEN "n_sessions" END AS "v_sessions",
    CASE WHEN "n_bounces" BETWEEN 0 AND 9007199254740991 THEN "n_bounces" END AS "v_bounces",
    "n_bounce_rate" AS "v_bounce_rate",
    "n_engagement_time" AS "v_engagement_time",
    CASE WHEN "n_status_code" BETWEEN 100 AND 599 THEN "n_status_code" END AS "v_status_code",
    "n_response_time" AS "v_response_time",
    "m_sessions",
    "u_sessions",
    "m_bounces",
    "u_bounces",
    "m_bounce_rate",
    "u_bounce_rate",
    "m_engagement_time",
    "u_engagement_time",
    "m_status_code",
    "u_status_code",
    "m_response_time",
    "u_response_time"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("u_bounce_rate") AS "bounce_rate__unread",
  SUM("u_bounces") AS "bounces__unread",
  SUM("u_engagement_time") AS "engagement_time__unread",
  0 AS "errors__unread",
  0 AS "requests__unread",
  SUM("u_response_time") AS "response_time__unread",
  SUM("u_sessions") AS "sessions__unread",
  SUM("u_status_code") AS "status_code__unread",
  CAST(SUM(CASE WHEN ("v_bounces") IS NOT NULL AND ("v_sessions") IS NOT NULL THEN "v_bounces" WHEN ("v_bounce_rate") IS NOT NULL THEN "v_bounce_rate" * COALESCE("v_sessions", 1) END) AS TEXT) AS "bounce_rate__x",
  CAST(SUM(CASE WHEN ("v_bounces") IS NOT NULL AND ("v_sessions") IS NOT NULL THEN "v_sessions" WHEN ("v_bounce_rate") IS NOT NULL THEN COALESCE("v_sessions", 1) END) AS TEXT) AS "bounce_rate__n",
  CAST(SUM(CASE WHEN ("v_status_code" >= 400) IS NOT NULL THEN CASE WHEN "v_status_code" >= 400 THEN 1 ELSE 0 END END) AS TEXT) AS "error_rate__x",
  CAST(SUM(CASE WHEN ("v_status_code" >= 400) IS NOT NULL THEN 1 END) AS TEXT) AS "error_rate__n",
  CAST(SUM("v_engagement_time") AS TEXT) AS "engagement_time_mean__numerator",
  CAST(SUM(CASE WHEN "v_engagement_time" IS NOT NULL THEN COALESCE("v_sessions", 1) END) AS TEXT) AS "engagement_time_mean__denominator",
  COUNT(CASE WHEN "v_response_time" IS NOT NULL AND NOT (COALESCE("v_status_code" >= 400, FALSE) OR "v_response_time" > 4 * 300) AND NOT "v_response_time" > 300 THEN 1 END) AS "apdex__satisfied",
  COUNT(CASE WHEN "v_response_time" IS NOT NULL AND NOT (COALESCE("v_status_code" >= 400, FALSE) OR "v_response_time" > 4 * 300) AND "v_response_time" > 300 THEN 1 END) AS "apdex__tolerating",
  COUNT(CASE WHEN "v_response_time" IS NOT NULL AND (COALESCE("v_status_code" >= 400, FALSE) OR "v_response_time" > 4 * 300) THEN 1 END) AS "apdex__frustrated",
  CAST(MAX(300) AS TEXT) AS "apdex__t_ms",
  CAST(array_agg("v_response_time" ORDER BY "v_response_time") FILTER (WHERE "v_response_time" IS NOT NULL) AS TEXT) AS "response_time_p95__values"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
