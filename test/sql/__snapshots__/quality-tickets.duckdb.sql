-- xla sql --dialect duckdb: data.completeness, data.validity, data.duplicates
-- one row per segment; columns as README "SQL pushdown" says (xla score --from-sql reads them)
WITH cells AS (
  SELECT
    COALESCE(trim(CAST("Team" AS VARCHAR)), '') AS "segment_1",
    CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Created" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END + CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?([Zz]|UTC|GMT|([+-])(\d{2})(?::?(\d{2}))?))?)?$') AND NOT regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN 1 ELSE 0 END AS "period_unread",
    trim(CAST("Ticket" AS VARCHAR)) AS "qt_id",
    trim(CAST("Created" AS VARCHAR)) AS "qt_created_at",
    CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '^(0[1-9]|[1-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Created" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Created" AS VARCHAR)) AS TIMESTAMP)) END) END AS "qm_created_at",
    trim(CAST("Resolved" AS VARCHAR)) AS "qt_resolved_at",
    CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '^(0[1-9]|[1-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$') THEN epoch_ms(CASE WHEN regexp_matches(trim(CAST("Resolved" AS VARCHAR)), '(Z|[+-][0-9]{2}:[0-9]{2})$') THEN TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMPTZ) ELSE timezone('Europe/Berlin', TRY_CAST(trim(CAST("Resolved" AS VARCHAR)) AS TIMESTAMP)) END) END AS "qm_resolved_at",
    trim(CAST("Reopened" AS VARCHAR)) AS "qt_reopened",
    trim(CAST("CSAT" AS VARCHAR)) AS "qt_satisfaction",
    trim(CAST("Ticket" AS VARCHAR)) AS "q_id"
  FROM "support"."tickets"
),
answers AS (
  SELECT
    "segment_1",
    "period_unread",
    CASE WHEN ("qt_id" IS NULL OR "qt_id" = '' OR lower("qt_id") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN (NOT regexp_matches(left("qt_id", 1) || right("qt_id", 1), '[ \x{0009}\x{000a}\x{000b}\x{000c}\x{000d}\x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]')) THEN 'a' ELSE 'x' END AS "qc_id",
    "qt_id",
    CASE WHEN ("qt_created_at" IS NULL OR "qt_created_at" = '' OR lower("qt_created_at") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN ("qm_created_at" IS NOT NULL) THEN 'a' ELSE 'x' END AS "qc_created_at",
    "qt_created_at",
    CASE WHEN ("qt_resolved_at" IS NULL OR "qt_resolved_at" = '' OR lower("qt_resolved_at") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN "qm_resolved_at" < "qm_created_at" THEN 'r' WHEN ("qm_resolved_at" IS NOT NULL) THEN 'a' ELSE 'x' END AS "qc_resolved_at",
    "qt_resolved_at",
    CASE WHEN ("qt_reopened" IS NULL OR "qt_reopened" = '' OR lower("qt_reopened") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN (lower("qt_reopened") IN ('0', '1', 'f', 'false', 'n', 'no', 't', 'true', 'y', 'yes')) THEN 'a' ELSE 'x' END AS "qc_reopened",
    "qt_reopened",
    CASE WHEN ("qt_satisfaction" IS NULL OR "qt_satisfaction" = '' OR lower("qt_satisfaction") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 'm' WHEN (regexp_matches("qt_satisfaction", '^[+-]?([0-9]{1,12}([.][0-9]{0,6})?|[.][0-9]{1,6})$') AND CASE WHEN regexp_full_match("qt_satisfaction", '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST("qt_satisfaction" AS DECIMAL(18, 6)) END IS NOT NULL AND CASE WHEN regexp_full_match("qt_satisfaction", '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$') THEN TRY_CAST("qt_satisfaction" AS DECIMAL(18, 6)) END BETWEEN 1 AND 5) THEN 'a' ELSE 'x' END AS "qc_satisfaction",
    "qt_satisfaction",
    "q_id",
    CASE WHEN ("q_id" IS NULL OR "q_id" = '' OR lower("q_id") IN ('#n/a', '(null)', '-', '?', 'n/a', 'na', 'nan', 'null', '–', '—', '−')) THEN 0 ELSE 1 END AS "q_has_id"
  FROM cells
)
SELECT
  "segment_1",
  COUNT(*) AS "rows",
  SUM("period_unread") AS "period_unread",
  '{' || '"id":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_id" = 'm' THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_id" = 'a' THEN 1 END) AS VARCHAR) || ']' || ',' || '"created_at":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_created_at" = 'm' THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_created_at" = 'a' THEN 1 END) AS VARCHAR) || ']' || ',' || '"resolved_at":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_resolved_at" = 'm' THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_resolved_at" = 'a' THEN 1 END) AS VARCHAR) || ']' || ',' || '"reopened":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_reopened" = 'm' THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_reopened" = 'a' THEN 1 END) AS VARCHAR) || ']' || ',' || '"satisfaction":' || '[' || CAST(COUNT(CASE WHEN TRUE THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_satisfaction" = 'm' THEN 1 END) AS VARCHAR) || ',' || CAST(COUNT(CASE WHEN TRUE AND "qc_satisfaction" = 'a' THEN 1 END) AS VARCHAR) || ']' || '}' AS "data_fields__counts",
  '{' || '"id":' || COALESCE(CAST(to_json(list([CAST("qt_id" AS VARCHAR)]) FILTER (WHERE TRUE AND "qc_id" = 'x')) AS VARCHAR), '[]') || ',' || '"created_at":' || COALESCE(CAST(to_json(list([CAST("qt_created_at" AS VARCHAR)]) FILTER (WHERE TRUE AND "qc_created_at" = 'x')) AS VARCHAR), '[]') || ',' || '"resolved_at":' || COALESCE(CAST(to_json(list([CAST("qt_resolved_at" AS VARCHAR)]) FILTER (WHERE TRUE AND "qc_resolved_at" = 'x')) AS VARCHAR), '[]') || ',' || '"reopened":' || COALESCE(CAST(to_json(list([CAST("qt_reopened" AS VARCHAR)]) FILTER (WHERE TRUE AND "qc_reopened" = 'x')) AS VARCHAR), '[]') || ',' || '"satisfaction":' || COALESCE(CAST(to_json(list([CAST("qt_satisfaction" AS VARCHAR)]) FILTER (WHERE TRUE AND "qc_satisfaction" = 'x')) AS VARCHAR), '[]') || '}' AS "data_fields__texts",
  COUNT(*) AS "data_duplicates__rows",
  CAST(to_json(list([CAST("q_id" AS VARCHAR)]) FILTER (WHERE "q_has_id" = 1)) AS VARCHAR) AS "data_duplicates__ids"
FROM answers
GROUP BY "segment_1"
ORDER BY "segment_1"
