-- xla sql --dialect duckdb: bounce_rate, error_rate, engagement_time.mean, apdex, response_time.p95
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Channel" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN regexp_full_match(trim(CAST("Sessions" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("Sessions" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_sessions",
    CASE WHEN regexp_full_match(trim(CAST("Bounces" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("Bounces" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_bounces",
    CAST(CASE WHEN CASE WHEN regexp_matches(trim(CAST("Bounce rate" AS VARCHAR)), '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$') THEN CAST(trim(CAST("Bounce rate" AS VARCHAR)) AS DECIMAL(18, 15)) WHEN regexp_matches(trim(CAST("Bounce rate" AS VARCHAR)), '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$') THEN CAST(substr(trim(CAST("Bounce rate" AS VARCHAR)), 1, length(trim(CAST("Bounce rate" AS VARCHAR))) - 1) AS DECIMAL(18, 13)) * CAST('0.01' AS DECIMAL(3, 2)) END BETWEEN 0 AND 1 THEN CASE WHEN regexp_matches(trim(CAST("Bounce rate" AS VARCHAR)), '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$') THEN CAST(trim(CAST("Bounce rate" AS VARCHAR)) AS DECIMAL(18, 15)) WHEN regexp_matches(trim(CAST("Bounce rate" AS VARCHAR)), '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$') THEN CAST(substr(trim(CAST("Bounce rate" AS VARCHAR)), 1, length(trim(CAST("Bounce rate" AS VARCHAR))) - 1) AS DECIMAL(18, 13)) * CAST('0.01' AS DECIMAL(3, 2)) END END AS DECIMAL(18, 17)) AS "n_bounce_rate",
    CASE WHEN regexp_matches(trim(CAST("Engagement (min)" AS VARCHAR)), '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') THEN CAST(trim(CAST("Engagement (min)" AS VARCHAR)) AS DECIMAL(28, 6)) * CAST(60000 AS DECIMAL(10, 0)) END AS "n_engagement_time",
    CASE WHEN regexp_full_match(trim(CAST("HTTP status" AS VARCHAR)), '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST(trim(CAST("HTTP status" AS VARCHAR)) AS DECIMAL(18, 6)) END AS "n_status_code",
    CASE WHEN regexp_matches(trim(CAST("Latency (ms)" AS VARCHAR)), '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') THEN CAST(trim(CAST("Latency (ms)" AS VARCHAR)) AS DECIMAL(28, 6)) * CAST(1 AS DECIMAL(10, 0)) END AS "n_response_time",
    (trim(CAST("Sessions" AS VARCHAR)) IS NULL OR trim(CAST("Sessions" AS VARCHAR)) = '' OR lower(trim(CAST("Sessions" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_sessions",
    CASE WHEN NOT (trim(CAST("Sessions" AS VARCHAR)) IS NULL OR trim(CAST("Sessions" AS VARCHAR)) = '' OR lower(trim(CAST("Sessions" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("Sessions" AS VARCHAR)), '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("Sessions" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_sessions",
    (trim(CAST("Bounces" AS VARCHAR)) IS NULL OR trim(CAST("Bounces" AS VARCHAR)) = '' OR lower(trim(CAST("Bounces" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_bounces",
    CASE WHEN NOT (trim(CAST("Bounces" AS VARCHAR)) IS NULL OR trim(CAST("Bounces" AS VARCHAR)) = '' OR lower(trim(CAST("Bounces" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("Bounces" AS VARCHAR)), '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("Bounces" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_bounces",
    (trim(CAST("Bounce rate" AS VARCHAR)) IS NULL OR trim(CAST("Bounce rate" AS VARCHAR)) = '' OR lower(trim(CAST("Bounce rate" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_bounce_rate",
    CASE WHEN NOT (trim(CAST("Bounce rate" AS VARCHAR)) IS NULL OR trim(CAST("Bounce rate" AS VARCHAR)) = '' OR lower(trim(CAST("Bounce rate" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT (regexp_matches(trim(CAST("Bounce rate" AS VARCHAR)), '^([0-9]{1,3}([.][0-9]{0,15})?|[.][0-9]{1,15}|[0-9]([.][0-9]{0,6})?[eE]-0?[1-9])$') OR regexp_matches(trim(CAST("Bounce rate" AS VARCHAR)), '^([0-9]{1,3}([.][0-9]{0,13})?|[.][0-9]{1,13})%$')) AND regexp_matches(trim(CAST("Bounce rate" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_bounce_rate",
    (trim(CAST("Engagement (min)" AS VARCHAR)) IS NULL OR trim(CAST("Engagement (min)" AS VARCHAR)) = '' OR lower(trim(CAST("Engagement (min)" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_engagement_time",
    CASE WHEN NOT (trim(CAST("Engagement (min)" AS VARCHAR)) IS NULL OR trim(CAST("Engagement (min)" AS VARCHAR)) = '' OR lower(trim(CAST("Engagement (min)" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("Engagement (min)" AS VARCHAR)), '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("Engagement (min)" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_engagement_time",
    (trim(CAST("HTTP status" AS VARCHAR)) IS NULL OR trim(CAST("HTTP status" AS VARCHAR)) = '' OR lower(trim(CAST("HTTP status" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_status_code",
    CASE WHEN NOT (trim(CAST("HTTP status" AS VARCHAR)) IS NULL OR trim(CAST("HTTP status" AS VARCHAR)) = '' OR lower(trim(CAST("HTTP status" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("HTTP status" AS VARCHAR)), '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("HTTP status" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_status_code",
    (trim(CAST("Latency (ms)" AS VARCHAR)) IS NULL OR trim(CAST("Latency (ms)" AS VARCHAR)) = '' OR lower(trim(CAST("Latency (ms)" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AS "m_response_time",
    CASE WHEN NOT (trim(CAST("Latency (ms)" AS VARCHAR)) IS NULL OR trim(CAST("Latency (ms)" AS VARCHAR)) = '' OR lower(trim(CAST("Latency (ms)" AS VARCHAR))) IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) AND NOT regexp_matches(trim(CAST("Latency (ms)" AS VARCHAR)), '^([0-9]{1,9}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND regexp_matches(trim(CAST("Latency (ms)" AS VARCHAR)), '[0-9]') THEN 1 ELSE 0 END AS "u_response_time"
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
  CAST(SUM(CASE WHEN ("v_bounces") IS NOT NULL AND ("v_sessions") IS NOT NULL THEN "v_bounces" WHEN ("v_bounce_rate") IS NOT NULL THEN "v_bounce_rate" * COALESCE("v_sessions", 1) END) AS VARCHAR) AS "bounce_rate__x",
  CAST(SUM(CASE WHEN ("v_bounces") IS NOT NULL AND ("v_sessions") IS NOT NULL THEN "v_sessions" WHEN ("v_bounce_rate") IS NOT NULL THEN COALESCE("v_sessions", 1) END) AS VARCHAR) AS "bounce_rate__n",
  CAST(SUM(CASE WHEN ("v_status_code" >= 400) IS NOT NULL THEN CASE WHEN "v_status_code" >= 400 THEN 1 ELSE 0 END END) AS VARCHAR) AS "error_rate__x",
  CAST(SUM(CASE WHEN ("v_status_code" >= 400) IS NOT NULL THEN 1 END) AS VARCHAR) AS "error_rate__n",
  CAST(SUM("v_engagement_time") AS VARCHAR) AS "engagement_time_mean__numerator",
  CAST(SUM(CASE WHEN "v_engagement_time" IS NOT NULL THEN COALESCE("v_sessions", 1) END) AS VARCHAR) AS "engagement_time_mean__denominator",
  COUNT(CASE WHEN "v_response_time" IS NOT NULL AND NOT (COALESCE("v_status_code" >= 400, FALSE) OR "v_response_time" > 4 * 300) AND NOT "v_response_time" > 300 THEN 1 END) AS "apdex__satisfied",
  COUNT(CASE WHEN "v_response_time" IS NOT NULL AND NOT (COALESCE("v_status_code" >= 400, FALSE) OR "v_response_time" > 4 * 300) AND "v_response_time" > 300 THEN 1 END) AS "apdex__tolerating",
  COUNT(CASE WHEN "v_response_time" IS NOT NULL AND (COALESCE("v_status_code" >= 400, FALSE) OR "v_response_time" > 4 * 300) THEN 1 END) AS "apdex__frustrated",
  CAST(MAX(300) AS VARCHAR) AS "apdex__t_ms",
  CAST(list("v_response_time" ORDER BY "v_response_time") FILTER (WHERE "v_response_time" IS NOT NULL) AS VARCHAR) AS "response_time_p95__values"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
